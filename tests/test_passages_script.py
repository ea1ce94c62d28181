"""scripts/passages.py: annotation stubs whose ids, text and meta match the corpus (real articles)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from script_support import load_script

from kapextract.annotations.io import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
NXML = ROOT / "tests" / "fixtures" / "nxml"


def _script():
    return load_script("passages")


@pytest.mark.parametrize("pmcid", ["PMC4696773", "PMC4540107", "PMC4069535"])
def test_stubs_reproduce_the_annotated_passages(pmcid, capsys):
    assert _script().main([str(NXML / f"{pmcid}.nxml"), "--manifest", str(ROOT / "annotations" / "manifest.tsv")]) == 0
    stubs = {s["id"]: s for s in map(json.loads, capsys.readouterr().out.splitlines())}
    annotated = read_jsonl(ROOT / "annotations" / "raw" / f"{pmcid}.jsonl")
    assert annotated
    for ex in annotated:
        stub = stubs[ex["id"]]
        assert stub["text"] == ex["text"]
        assert {k: stub["meta"][k] for k in ("source", "license", "set")} == {k: ex["meta"][k] for k in ("source", "license", "set")}
        assert stub["spans"] == [] and stub["relations"] == []


def test_min_chars_and_bad_input(tmp_path, capsys):
    script = _script()
    assert script.main([str(NXML / "PMC4696773.nxml"), "--min-chars", "400"]) == 0
    assert all(len(json.loads(line)["text"]) >= 400 for line in capsys.readouterr().out.splitlines())
    bad = tmp_path / "PMC1.nxml"
    bad.write_text("<article><body><p>unclosed</body></article>")
    assert script.main([str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("passages: error:") and "malformed XML" in err
