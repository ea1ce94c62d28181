"""scripts/eval_sections.py runs on the NXML fixtures and reports sensible figures."""

from __future__ import annotations

import re
from pathlib import Path

from script_support import load_script

ROOT = Path(__file__).resolve().parents[1]


def _load():
    return load_script("eval_sections")


def test_eval_sections_on_fixtures(capsys):
    ev = _load()
    fixtures = ROOT / "tests" / "fixtures" / "nxml"
    assert ev.main(["--corpus", str(fixtures), "--all-variants"]) == 0
    out = capsys.readouterr().out
    with_body = [p for p in fixtures.glob("*.nxml") if b"<body" in p.read_bytes()]
    n = len(with_body)  # body-less abstracts (PMC5888649) are skipped
    assert n >= 3
    assert f"segmented {n} articles ({8 * n} renderings)" in out
    overall = float(re.search(r"^overall\s+\d+\s+([\d.]+)", out, re.M).group(1))
    assert overall > 0.9
    for label in ("methods", "results", "discussion", "references"):
        assert re.search(rf"^{label}\s+\d+\s+[\d.]+", out, re.M), label


def test_render_keeps_gold_aligned_and_leaks_no_markup():
    ev = _load()
    from kapextract.ingest.jats import read_jats

    data = (ROOT / "tests" / "fixtures" / "nxml" / "PMC4540107.nxml").read_bytes()
    doc = read_jats(data, "PMC4540107.nxml", classify=ev.gold_classify)
    for variant in range(8):
        text, spans = ev.render(doc, variant)
        assert all(0 <= s < e <= len(text) for s, e, _ in spans)
        assert [s for s, _, _ in spans] == sorted(s for s, _, _ in spans)
        assert "sec-type" not in text and "<sec" not in text and "<title" not in text
    wrapped, _ = ev.render(doc, 4)
    flat, _ = ev.render(doc, 0)
    assert len(wrapped) == len(flat) and wrapped.count("\n") > flat.count("\n")
