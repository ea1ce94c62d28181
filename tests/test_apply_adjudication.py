"""scripts/apply_adjudication.py: an adjudication pass replaces one label's spans and links, nothing else."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from script_support import load_script

ROOT = Path(__file__).resolve().parents[1]
PASSAGE = "PMC2409177:p015"  # levalbuterol or placebo, "two actuations" each; rescue inhaler "as-needed"
# the passage as it was before the 2026-11-27 adjudication (which added "as-needed")
FIXTURE = ROOT / "tests" / "fixtures" / "annotations" / "PMC2409177_p015_before_adjudication.jsonl"


def _script():
    return load_script("apply_adjudication")


@pytest.fixture
def raw(tmp_path):
    d = tmp_path / "raw"
    d.mkdir()
    shutil.copy(FIXTURE, d / "PMC2409177.jsonl")
    return d


def _passage(raw_dir):
    for line in (raw_dir / "PMC2409177.jsonl").read_text(encoding="utf-8").splitlines():
        ex = json.loads(line)
        if ex["id"] == PASSAGE:
            return ex
    raise AssertionError(PASSAGE)


def _triples(ex, exclude=None):
    t, s = ex["text"], ex["spans"]
    return {(t[s[r["head"]]["start"]:s[r["head"]]["end"]], s[r["head"]]["start"],
             t[s[r["child"]]["start"]:s[r["child"]]["end"]], s[r["child"]]["start"], r["label"])
            for r in ex["relations"] if r["label"] != exclude}


def _write(tmp_path, entries, reviewed=True):
    path = tmp_path / "adj.jsonl"
    path.write_text(json.dumps({"id": PASSAGE, "reviewed": reviewed, "frequency": entries}) + "\n")
    return path


def test_replaces_the_label_and_its_links_and_keeps_everything_else(raw, tmp_path, capsys):
    before = _passage(raw)
    text = before["text"]
    drug = next(s for s in before["spans"] if text[s["start"]:s["end"]] == "levalbuterol")
    keep = text.index("two actuations")
    rescue = text.index("as-needed")
    rescue_drug = [s for s in before["spans"] if text[s["start"]:s["end"]] == "levalbuterol"][-1]
    entries = [
        {"start": keep, "end": keep + 14, "text": "two actuations", "drugs": [[drug["start"], drug["end"]]]},
        {"start": rescue, "end": rescue + 9, "text": "as-needed", "drugs": [[rescue_drug["start"], rescue_drug["end"]]]},
    ]
    adj = _write(tmp_path, entries)
    assert _script().main([str(adj), "--raw", str(raw)]) == 0
    out = capsys.readouterr().out
    assert "FREQUENCY: 1 kept, 0 re-extended, 1 removed, 1 added" in out

    after = _passage(raw)
    assert after["text"] == text
    freq = [text[s["start"]:s["end"]] for s in after["spans"] if s["label"] == "FREQUENCY"]
    assert freq == ["two actuations", "as-needed"]  # the placebo's "two actuations" is gone
    assert [s for s in after["spans"] if s["label"] != "FREQUENCY"] == \
        [s for s in before["spans"] if s["label"] != "FREQUENCY"]
    assert _triples(after, exclude="FREQUENCY_OF") == _triples(before, exclude="FREQUENCY_OF")
    links = {(h, c) for h, _, c, _, label in _triples(after) if label == "FREQUENCY_OF"}
    assert links == {("two actuations", "levalbuterol"), ("as-needed", "levalbuterol")}
    assert [s["start"] for s in after["spans"]] == sorted(s["start"] for s in after["spans"])
    # a second run changes nothing
    first = (raw / "PMC2409177.jsonl").read_text(encoding="utf-8")
    assert _script().main([str(adj), "--raw", str(raw)]) == 0
    assert (raw / "PMC2409177.jsonl").read_text(encoding="utf-8") == first


@pytest.mark.parametrize("entry, reviewed, message", [
    ({"start": 0, "end": 3, "text": "two", "drugs": []}, True, "text at 0-3 is"),
    ({"start": 318, "end": 323, "text": None, "drugs": []}, True, "overlaps DOSE"),
    (None, False, "not marked reviewed"),
])
def test_a_bad_entry_stops_it_and_nothing_is_written(raw, tmp_path, capsys, entry, reviewed, message):
    before = (raw / "PMC2409177.jsonl").read_text(encoding="utf-8")
    text = _passage(raw)["text"]
    if entry and entry["text"] is None:
        entry["text"] = text[entry["start"]:entry["end"]]
    adj = _write(tmp_path, [entry] if entry else [], reviewed=reviewed)
    assert _script().main([str(adj), "--raw", str(raw)]) == 1
    err = capsys.readouterr().err
    assert message in err and "nothing written" in err
    assert "Traceback" not in err
    assert (raw / "PMC2409177.jsonl").read_text(encoding="utf-8") == before


def test_an_unknown_passage_is_an_error(raw, tmp_path, capsys):
    adj = tmp_path / "adj.jsonl"
    adj.write_text(json.dumps({"id": "PMC0:p000", "reviewed": True, "frequency": []}) + "\n")
    assert _script().main([str(adj), "--raw", str(raw)]) == 1
    assert "PMC0:p000: no such passage" in capsys.readouterr().err
