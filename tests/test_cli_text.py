"""``kapextract text``: prints doc.text exactly; --sections, --json, --help; errors exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kapextract.cli import main
from kapextract.ingest import load_document

ROOT = Path(__file__).resolve().parents[1]
NXML = ROOT / "tests" / "fixtures" / "nxml"
ARTICLE = NXML / "PMC4069535.nxml"


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kapextract", *args], capture_output=True, text=True,
                          env=env, timeout=60)


def test_text_equals_document_text(capsys):
    assert main(["text", str(ARTICLE)]) == 0
    out = capsys.readouterr().out
    assert out == load_document(ARTICLE).text


def test_text_of_plain_text_file(tmp_path, capsys):
    f = tmp_path / "p.txt"
    f.write_bytes(b"A title\r\n\r\nMethods\r\n\r\nWe gave 0.5 mg/kg.\r\n")
    assert main(["text", str(f)]) == 0
    out = capsys.readouterr().out
    assert out == load_document(f).text == "A title\n\nMethods\n\nWe gave 0.5 mg/kg.\n"


def test_sections_table(capsys):
    assert main(["text", str(ARTICLE), "--sections"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "start\tend\tlabel\theading"
    rows = [ln.split("\t") for ln in lines[1:]]
    doc = load_document(ARTICLE)
    assert [(int(r[0]), int(r[1]), r[2]) for r in rows] == [(s.start, s.end, s.label) for s in doc.sections]
    assert ["methods", "Methods"] in [r[2:] for r in rows]


def test_json(capsys):
    assert main(["text", str(ARTICLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    doc = load_document(ARTICLE)
    assert data["text"] == doc.text and data["kind"] == "jats" and data["pages"] is None
    assert data["sections"][0] == {"start": 0, "end": doc.sections[0].end, "label": "title", "heading": None}
    assert {"start", "end", "kind", "section", "page", "level"} <= set(data["blocks"][0])


def test_help():
    r = _run("text", "--help")
    assert r.returncode == 0 and "--sections" in r.stdout and "--json" in r.stdout


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"<?xml version='1.0'?><article><body><p>broken", "bad.nxml"),
     (b"<?xml version='1.0'?><rss><channel/></rss>", "feed.xml"),
     (b"", "empty.txt")],
)
def test_bad_input_exits_2_with_one_line(tmp_path, content, name):
    f = tmp_path / name
    f.write_bytes(content)
    r = _run("text", str(f))
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith("kapextract text: error:")


def test_missing_file_exits_2(capsys):
    assert main(["text", "/nonexistent/paper.nxml"]) == 2
    assert "no such file" in capsys.readouterr().err
