"""The review web app over HTTP: a real uvicorn server on localhost, a real SQLite
file, and httpx clients acting as reviewers' browsers."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from PIL import Image
from review_support import NXML, PDF, LiveServer, nxml_record, pdf_record

from kapextract.review.app import _attrs_text, create_app
from kapextract.review.store import open_store


@pytest.fixture(scope="module")
def docs():
    return nxml_record(), pdf_record()


@pytest.fixture()
def env(tmp_path, docs):
    (doc, rec), (pdoc, prec) = docs
    store = open_store(str(tmp_path / "review.sqlite"))
    store.import_record(rec, doc, source_bytes=NXML.read_bytes())
    store.import_record(prec, pdoc, source_bytes=PDF.read_bytes())
    with LiveServer(create_app(store)) as srv:
        yield srv, store, doc, rec, pdoc, prec
    store.close()


def reviewer(srv, name):
    """A browser-like client with a reviewer name cookie (set through the name form)."""
    c = httpx.Client(base_url=srv.url, follow_redirects=False, timeout=10)
    page = c.get("/reviewer?next=/")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    r = c.post("/reviewer", data={"csrf": token, "name": name, "next": "/"})
    assert r.status_code == 303 and r.headers["location"] == "/"
    return c


def form_of(html, field_name, action):
    """The hidden inputs of a field's action form, as the page rendered them."""
    sec = re.search(rf'<section class="field[^"]*" id="f-{field_name}".*?</section>', html, re.S).group(0)
    forms = re.findall(r"<form[^>]*>.*?</form>", sec, re.S)
    form = next(f for f in forms if f'name="action" value="{action}"' in f)
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_document_list_and_page(env):
    srv, store, doc, rec, pdoc, _ = env
    c = reviewer(srv, "Ana")
    home = c.get("/")
    assert home.status_code == 200
    assert "Impaired Coronary Endothelial Vasorelaxation" in home.text and home.text.count("0 / 5") == 2
    page = c.get(f"/doc/{doc.id}")
    assert page.status_code == 200
    # suggestion, alternatives with confidence, highlighted evidence and section
    assert "<mark>35 mg/ kg</mark>" in page.text and "0.91" in page.text and "alternative 2" in page.text
    assert "section <strong>methods</strong>" in page.text
    assert "No suggestion: the extractor found nothing" in page.text  # frequency, therapy
    assert 'id="reviewer-name">Ana<' in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert c.get("/doc/" + "0" * 64).status_code == 404


def test_accept_edit_not_reported_pick_and_note(env):
    srv, store, doc, rec, _, _ = env
    c = reviewer(srv, "Ana")
    page = c.get(f"/doc/{doc.id}").text
    r = c.post(f"/doc/{doc.id}/field/dose", data=form_of(page, "dose", "accept"))
    assert r.status_code == 303 and r.headers["location"].startswith(f"/doc/{doc.id}?focus=route")
    cur = store.current_decisions(doc.id)["dose"]
    assert (cur.action, cur.reviewer, cur.new_values[0].value) == ("accept", "Ana", "35 mg/kg")

    # edit: an invalid value is refused with the validator's message, nothing stored
    page = c.get(f"/doc/{doc.id}").text
    data = {**form_of(page, "route", "edit"), "value": "by mouth and ear", "from": "1:0", "mode": "replace"}
    r = c.post(f"/doc/{doc.id}/field/route", data=data)
    assert r.status_code == 400 and "not a route" in r.text
    assert "route" not in store.current_decisions(doc.id)
    data.update(value="IM", reason="abbreviation")
    r = c.post(f"/doc/{doc.id}/field/route", data=data)
    assert r.status_code == 303, re.findall(r'class="error"[^>]*>([^<]*)', r.text)
    cur = store.current_decisions(doc.id)["route"]
    assert cur.action == "edit" and cur.new_values[0].value == "intramuscular" and cur.reason == "abbreviation"
    assert cur.new_values[0].confidence == 1.0

    # edit of a dose with the as-written text moved onto another part of the sentence
    page = c.get(f"/doc/{doc.id}").text
    data = {**form_of(page, "dose", "edit"), "value": "2.25 mg/kg", "text": "2.25 mg/kg", "from": "1:0",
            "mode": "replace"}
    assert c.post(f"/doc/{doc.id}/field/dose", data=data).status_code == 303
    v = store.current_decisions(doc.id)["dose"].new_values[0]
    assert doc.text[v.evidence.start : v.evidence.end] == "2.25 mg/kg" and v.evidence.bbox is None

    page = c.get(f"/doc/{doc.id}").text
    r = c.post(f"/doc/{doc.id}/field/frequency", data={**form_of(page, "frequency", "not_reported")})
    assert r.status_code == 303
    assert store.current_decisions(doc.id)["frequency"].new_values is None

    # pick several sample sizes (study N and two arms) with the checkboxes
    page = c.get(f"/doc/{doc.id}").text
    data = {**form_of(page, "sample_size", "pick"), "cand": ["1:0", "1:1", "1:2"]}
    assert c.post(f"/doc/{doc.id}/field/sample_size", data=data).status_code == 303
    assert [v.value for v in store.current_decisions(doc.id)["sample_size"].new_values] == [18, 7, 5]

    page = c.get(f"/doc/{doc.id}").text
    r = c.post(f"/doc/{doc.id}/field/therapy", data={**form_of(page, "therapy", "note"), "reason": "none given"})
    assert r.status_code == 303 and "focus=therapy" in r.headers["location"]
    page = c.get(f"/doc/{doc.id}").text
    assert "4 / 5 fields reviewed" in page and "none given" in page and "✓ reviewed value" in page
    assert c.get("/").text.count("4 / 5") == 1


def test_two_reviewers_conflict_is_refused_with_a_clear_message(env):
    srv, store, doc, rec, _, _ = env
    ana, ben = reviewer(srv, "Ana"), reviewer(srv, "Ben")
    page_a = ana.get(f"/doc/{doc.id}").text
    page_b = ben.get(f"/doc/{doc.id}").text  # Ben loads the page before Ana decides
    assert ana.post(f"/doc/{doc.id}/field/route", data=form_of(page_a, "route", "accept")).status_code == 303
    r = ben.post(f"/doc/{doc.id}/field/route", data=form_of(page_b, "route", "not_reported"))
    assert r.status_code == 409
    assert "route was changed by Ana" in r.text and "your decision was not saved" in r.text
    assert [d.reviewer for d in store.decisions(doc.id, "route")] == ["Ana"]
    # the conflict page shows the current state: deciding again from it works
    assert ben.post(f"/doc/{doc.id}/field/route", data=form_of(r.text, "route", "not_reported")).status_code == 303
    assert [d.reviewer for d in store.decisions(doc.id, "route")] == ["Ana", "Ben"]


def test_csrf_origin_and_name_are_required(env):
    srv, store, doc, rec, _, _ = env
    c = reviewer(srv, "Ana")
    page = c.get(f"/doc/{doc.id}").text
    data = form_of(page, "dose", "accept")
    assert c.post(f"/doc/{doc.id}/field/dose", data={**data, "csrf": "forged"}).status_code == 403
    r = c.post(f"/doc/{doc.id}/field/dose", data=data, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    assert store.counts()["decisions"] == 0
    anon = httpx.Client(base_url=srv.url, follow_redirects=False, timeout=10)
    page = anon.get(f"/doc/{doc.id}").text
    assert "tell us your name" in page
    r = anon.post(f"/doc/{doc.id}/field/dose", data=form_of(page, "dose", "accept"))
    assert r.status_code == 303 and r.headers["location"].startswith("/reviewer?next=")
    assert store.counts()["decisions"] == 0
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    assert anon.post("/reviewer", data={"csrf": token, "name": "  ", "next": "/"}).status_code == 400


def test_pdf_page_image_has_the_evidence_box(env):
    srv, store, doc, rec, pdoc, prec = env
    c = reviewer(srv, "Ana")
    page = c.get(f"/doc/{pdoc.id}").text
    url = re.search(r'<img class="page"[^>]*src="([^"]+)"', page).group(1).replace("&amp;", "&")
    ev = prec.fields["sample_size"][0].evidence
    assert url.startswith(f"/doc/{pdoc.id}/page/{ev.page}.png?box=")
    r = c.get(url)
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    img = Image.open(io.BytesIO(r.content)).convert("RGB")
    scale = 1.5
    assert img.size == (round(595.28 * scale), round(793.7 * scale)) or img.size[0] > 800
    x0, top, x1, bottom = (v * scale for v in ev.bbox)
    # the outline is drawn just outside the box: red pixels on its left edge, none far away
    edge = [img.getpixel((int(x0 - 2 * scale), int(y))) for y in range(int(top), int(bottom))]
    assert sum(1 for p in edge if p[0] > 180 and p[1] < 80 and p[2] < 80) >= len(edge) // 2
    assert c.get(f"/doc/{pdoc.id}/page/99.png").status_code == 400
    assert c.get(f"/doc/{doc.id}/page/1.png").status_code == 404  # not a PDF
    assert c.get(f"/doc/{pdoc.id}/page/1.png?box=1,2,3").status_code == 400


def test_json_api(env):
    srv, store, doc, rec, _, _ = env
    c = reviewer(srv, "Ana")
    page = c.get(f"/doc/{doc.id}").text
    c.post(f"/doc/{doc.id}/field/dose", data=form_of(page, "dose", "accept"))
    data = c.get(f"/api/documents/{doc.id}").json()
    assert data["document"]["id"] == doc.id and data["document"]["has_text"]
    assert data["suggestion_sets"][0]["record"]["fields"]["dose"][0]["value"] == "35 mg/kg"
    assert data["current"]["dose"]["reviewer"] == "Ana"
    listing = c.get("/api/documents").json()
    assert {d["id"]: d["reviewed"] for d in listing}[doc.id] == 1
    assert c.get("/api/documents/nope").status_code == 404


def test_reject_add_an_arm_and_reextraction_notice(env):
    srv, store, doc, rec, _, _ = env
    c = reviewer(srv, "Ana")
    page = c.get(f"/doc/{doc.id}").text
    r = c.post(f"/doc/{doc.id}/field/dose", data={**form_of(page, "dose", "reject"), "reason": "xylazine dose"})
    assert r.status_code == 303
    assert store.current_decisions(doc.id)["dose"].action == "reject"
    assert "rejected" in c.get(f"/doc/{doc.id}").text

    # sample size: pick the study N, then add an arm by editing with mode=add
    page = c.get(f"/doc/{doc.id}").text
    assert c.post(f"/doc/{doc.id}/field/sample_size",
                  data={**form_of(page, "sample_size", "pick"), "only": "1:0"}).status_code == 303
    page = c.get(f"/doc/{doc.id}").text
    data = {**form_of(page, "sample_size", "edit"), "value": "5", "text": "5", "from": "1:2", "scope": "arm",
            "arm": "Occl-Sed", "mode": "add"}
    assert c.post(f"/doc/{doc.id}/field/sample_size", data=data).status_code == 303
    vals = store.current_decisions(doc.id)["sample_size"].new_values
    assert [(v.value, v.attributes.get("arm")) for v in vals] == [(18, None), (5, "Occl-Sed")]
    assert doc.text[vals[1].evidence.start : vals[1].evidence.end] == "5"

    # a newer extraction run adds its suggestions beside the reviewed value
    _, newer = nxml_record(version="0.2", doc=doc)
    newer.fields["sample_size"] = newer.fields["sample_size"][1:]
    store.import_record(newer, doc)
    page = c.get(f"/doc/{doc.id}").text
    assert "re-extracted after this decision" in page and "fixture_rules 0.2" in page
    assert [v.value for v in store.current_decisions(doc.id)["sample_size"].new_values] == [18, 5]


def test_default_reviewer_from_the_command_line(tmp_path, docs):
    (doc, rec), _ = docs
    with open_store(str(tmp_path / "r.sqlite")) as store:
        store.import_record(rec, doc)
        with LiveServer(create_app(store, default_reviewer="Dee")) as srv:
            c = httpx.Client(base_url=srv.url, timeout=10)
            page = c.get(f"/doc/{doc.id}").text
            assert 'id="reviewer-name">Dee<' in page
            assert c.post(f"/doc/{doc.id}/field/route", data=form_of(page, "route", "accept")).status_code in (200, 303)
        assert store.current_decisions(doc.id)["route"].reviewer == "Dee"


def test_review_command_refuses_a_busy_port(tmp_path, capsys):
    import socket

    from kapextract.cli import main

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert main(["review", "--db", str(tmp_path / "r.sqlite"), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "choose another --port" in err


def test_a_joined_schedule_shows_where_each_part_was_stated():
    text = _attrs_text({"sessions": 3, "interval": "weekly", "period_weeks": None,
                        "joined_from": [{"text": "spaced one week apart", "start": 3571, "end": 3592},
                                        {"text": "three infusions", "start": 5109, "end": 5124}]})
    assert text == "sessions 3, interval weekly, joined from “spaced one week apart” (3571–3592) + “three infusions” (5109–5124)"


def test_a_schedule_whose_interval_comes_from_the_therapy_shows_where():
    text = _attrs_text({"sessions": 3, "interval": "every 2 weeks",
                        "interval_from": {"text": "six weekly 90-minute sessions", "start": 120, "end": 149}})
    assert text == "sessions 3, interval every 2 weeks, interval from “six weekly 90-minute sessions” (120–149)"
