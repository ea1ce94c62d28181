"""The review app in a real headless browser (Debian chromium driven by Playwright).

``kapextract review`` runs as a subprocess on a localhost port: it extracts two
fixture papers (a PMC article and a trial PDF) with the real pipeline into a
real SQLite file. Reviewer Ana works through the article with the keyboard —
accept, accept, not reported, not reported, edit — while reviewer Ben, in a
second browser session, acts on a stale page and is refused. The test then
checks the database and the CSV export, and saves ``docs/review.png``.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from review_support import NXML, PDF

from kapextract.cli import main
from kapextract.review.store import open_store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    for p in (os.environ.get("KAPEXTRACT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if p and Path(p).is_file():
            return p
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path):
    exe = chromium_path()
    if exe is None:
        pytest.skip("Debian chromium not found (/usr/bin/chromium); `make browser` installs it")
    db = tmp_path / "review.sqlite"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kapextract", "review", "--db", str(db), "--port", str(port),
         str(NXML.relative_to(ROOT)), str(PDF.relative_to(ROOT))],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        if proc.poll() is not None:
            raise RuntimeError("kapextract review exited: " + proc.stdout.read())
        try:
            if httpx.get(url + "/", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("kapextract review did not start in time")
        time.sleep(0.2)
    yield url, db, exe
    proc.terminate()
    proc.wait(timeout=20)


def test_review_in_the_browser(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, db, exe = server
    with open_store(str(db), create=False) as s:
        docs = {d.source: d for d in s.list_documents()}
    doc_id = next(d.id for src, d in docs.items() if src.endswith("PMC4696773.nxml"))

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        ana = browser.new_context(viewport={"width": 1280, "height": 1500})
        ben = browser.new_context(viewport={"width": 1280, "height": 900})
        a, b = ana.new_page(), ben.new_page()

        # Ana: the list asks for her name once; it is kept in a cookie
        a.goto(url + "/")
        expect(a.locator("text=tell us your name")).to_be_visible()
        a.click("text=tell us your name")
        a.fill("#reviewer-input", "Ana")
        a.click("button:has-text('Save')")
        expect(a.locator("#reviewer-name")).to_have_text("Ana")
        expect(a.locator(".progress").first).to_have_text("0 / 5")

        # Ben opens the same article now (he will act on this page later)
        b.goto(url + "/reviewer?next=/doc/" + doc_id)
        b.fill("#reviewer-input", "Ben")
        b.click("button:has-text('Save')")
        expect(b.locator("#f-dose .status")).to_have_text("unreviewed")

        a.click("a.doc-link:has-text('Impaired Coronary')")
        expect(a.locator("#f-dose.focus")).to_be_visible()  # the first unreviewed field
        expect(a.locator("#f-dose mark").first).to_be_visible()  # highlighted evidence

        a.keyboard.press("a")  # accept the dose suggestion
        expect(a.locator("#f-dose .status")).to_have_text("accepted")
        expect(a.locator("#f-route.focus")).to_be_visible()  # moved on to the next field
        a.keyboard.press("a")  # accept the route
        expect(a.locator("#f-route .status")).to_have_text("accepted")
        a.keyboard.press("n")  # frequency: not reported
        expect(a.locator("#f-frequency .status")).to_have_text("not reported")
        a.keyboard.press("n")  # therapy: not reported
        expect(a.locator("#f-therapy .status")).to_have_text("not reported")
        expect(a.locator("#f-sample_size.focus")).to_be_visible()

        # sample size: the pipeline offers arm counts; the study's N (n=18) is edited in
        a.keyboard.press("e")
        value = a.locator("#f-sample_size .edit-value")
        expect(value).to_be_focused()
        value.fill("18")
        a.fill("#f-sample_size .edit-text", "n=18")
        a.select_option("#f-sample_size select[name=scope]", "enrolled")
        a.select_option("#f-sample_size select[name=from]", "")
        a.fill("#f-sample_size .edit-form input[name=arm]", "")
        a.fill("#f-sample_size .edit-form input[name=reason]", "whole study; the suggestions are arms")
        value.press("Enter")
        expect(a.locator("#f-sample_size .status")).to_have_text("edited")
        expect(a.locator("#progress")).to_have_text("5 / 5 fields reviewed")
        a.keyboard.press("k")  # back to therapy: j/k move the focus
        expect(a.locator("#f-therapy.focus")).to_be_visible()
        a.evaluate("window.scrollTo(0, 0)")
        docs_dir = ROOT / "docs"
        docs_dir.mkdir(exist_ok=True)
        a.screenshot(path=str(docs_dir / "review.png"))

        # Ben accepts the dose from his stale page: refused, with a clear message
        b.click("#f-dose .act-accept")
        alert = b.locator("#f-dose .error[role=alert]")
        expect(alert).to_contain_text("dose was changed by Ana")
        expect(alert).to_contain_text("your decision was not saved")
        expect(b.locator("#f-dose .status")).to_have_text("accepted")  # now shows Ana's decision

        # the PDF's page image with the evidence box loads in the browser
        pdf_id = next(d.id for src, d in docs.items() if src.endswith(".pdf"))
        a.goto(f"{url}/doc/{pdf_id}")
        img = a.locator("#f-sample_size img.page").first
        img.scroll_into_view_if_needed()
        expect(img).to_be_visible()
        a.wait_for_function("(el) => el.complete && el.naturalWidth > 500", arg=img.element_handle(), timeout=20000)
        browser.close()

    with open_store(str(db), create=False) as s:
        log = [d for d in s.decisions(doc_id)]
        cur = s.current_decisions(doc_id)
    assert [(d.field, d.action, d.reviewer) for d in log] == [
        ("dose", "accept", "Ana"), ("route", "accept", "Ana"), ("frequency", "not_reported", "Ana"),
        ("therapy", "not_reported", "Ana"), ("sample_size", "edit", "Ana")]
    assert cur["dose"].new_values[0].value == "35 mg/kg"
    ss = cur["sample_size"].new_values[0]
    assert (ss.value, ss.text, ss.attributes["scope"]) == (18, "n=18", "enrolled")
    assert cur["sample_size"].reason == "whole study; the suggestions are arms"
    assert ss.evidence.section == "methods" and "miniature swine (n=18" in ss.evidence.sentence

    out = tmp_path / "export.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(out)]) == 0
    with out.open(newline="", encoding="utf-8") as fh:
        rows = {r["field"]: r for r in csv.DictReader(fh) if r["document_id"] == doc_id and r["level"] == "study"}
    assert (rows["dose"]["value"], rows["dose"]["status"], rows["dose"]["reviewer"]) == ("35 mg/kg", "accepted", "Ana")
    assert rows["frequency"]["status"] == "not reported"
    assert (rows["sample_size"]["value"], rows["sample_size"]["action"]) == ("18", "edit")
    assert rows["sample_size"]["text"] == "n=18" and rows["sample_size"]["section"] == "methods"
    assert (ROOT / "docs" / "review.png").stat().st_size > 20_000
