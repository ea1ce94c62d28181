"""Tests for scripts/agreement.py (inter-annotator agreement).

The passage is an excerpt of PMC5771358:p009 (Caspian Journal of Internal Medicine,
2018, CC BY 3.0; listed in annotations/agreement/ATTRIBUTION.md), annotated here by hand.
"""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from script_support import load_script

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "agreement.py"

agreement = load_script("agreement")

TEXT = ("For all patients, the same premedication was prescribed which included 200 ml "
        "normal saline, 1.5 mg of midazolam and 75 mg fentanyl.")


def span(phrase: str, label: str) -> dict:
    start = TEXT.index(phrase)
    return {"start": start, "end": start + len(phrase), "label": label}


def passage() -> dict:
    spans = [span("200 ml", "DOSE"), span("saline", "DRUG"), span("1.5 mg", "DOSE"),
             span("midazolam", "DRUG"), span("75 mg", "DOSE"), span("fentanyl", "DRUG")]
    rels = [{"head": 0, "child": 1, "label": "DOSE_OF"}, {"head": 2, "child": 3, "label": "DOSE_OF"},
            {"head": 4, "child": 5, "label": "DOSE_OF"}]
    return {"id": "PMC5771358:p009", "text": TEXT, "meta": {"source": "PMC5771358"},
            "spans": spans, "relations": rels}


def as_set(*recs: dict) -> dict[str, dict]:
    return {r["id"]: r for r in recs}


def test_identical_sets_agree_fully():
    res = agreement.compare(as_set(passage()), as_set(passage()))
    assert res.entity_total.f1 == 1.0
    assert res.relation_total.f1 == 1.0
    assert res.entities["DOSE"].f1 == 1.0 and res.entities["DOSE"].both == 3
    assert res.entities["ROUTE"].f1 is None          # no ROUTE in either set: undefined, not 1.0
    assert res.diffs == [] and not res.kinds


def test_shifted_span_is_a_boundary_disagreement():
    other = passage()
    other["spans"][1] = span("normal saline", "DRUG")  # same label, wider extent
    res = agreement.compare(as_set(passage()), as_set(other))
    drug = res.entities["DRUG"]
    assert (drug.first, drug.second, drug.both) == (3, 3, 2)
    assert drug.f1 == pytest.approx(2 / 3)
    assert res.entity_total.f1 == pytest.approx(10 / 12)
    assert res.kinds == {"boundary: DRUG": 1}
    # the DOSE_OF relation to the shifted span no longer matches either
    assert res.relations["DOSE_OF"].both == 2
    assert res.relation_total.f1 == pytest.approx(4 / 6)


def test_relabelled_and_missing_spans_are_classified():
    other = passage()
    other["spans"][0]["label"] = "FREQUENCY"           # same extent, other label
    other["relations"] = other["relations"][1:]        # its DOSE_OF is gone with it
    del other["spans"][4:]                              # drop "75 mg" and "fentanyl"
    other["relations"] = [r for r in other["relations"] if r["head"] < 4]
    res = agreement.compare(as_set(passage()), as_set(other))
    assert res.kinds == {"label: DOSE vs FREQUENCY": 1, "only first: DOSE": 1, "only first: DRUG": 1}
    assert res.entities["FREQUENCY"].second == 1 and res.entities["FREQUENCY"].both == 0


def test_relation_differences_are_counted():
    other = passage()
    other["relations"][2] = {"head": 4, "child": 3, "label": "DOSE_OF"}  # 75 mg -> midazolam
    other["relations"].append({"head": 2, "child": 3, "label": "FREQUENCY_OF"})
    res = agreement.compare(as_set(passage()), as_set(other))
    assert res.entity_total.f1 == 1.0
    dose_of = res.relations["DOSE_OF"]
    assert (dose_of.first, dose_of.second, dose_of.both) == (3, 3, 2)
    assert res.relations["FREQUENCY_OF"].f1 == 0.0
    assert res.relation_total.f1 == pytest.approx(4 / 7)
    [d] = res.diffs
    assert len(d.rel_only_first) == 1 and len(d.rel_only_second) == 2


def test_f1_is_symmetric():
    other = passage()
    other["spans"][1] = span("normal saline", "DRUG")
    del other["relations"][0]
    a = agreement.compare(as_set(passage()), as_set(other))
    b = agreement.compare(as_set(other), as_set(passage()))
    assert a.entity_total.f1 == b.entity_total.f1
    assert a.relation_total.f1 == b.relation_total.f1


def test_only_shared_ids_are_scored_and_texts_must_match():
    extra = copy.deepcopy(passage())
    extra["id"] = "PMC5771358:p010"
    res = agreement.compare(as_set(passage(), extra), as_set(passage()))
    assert res.passages == 1
    with pytest.raises(agreement.AgreementError, match="not in both"):
        agreement.compare(as_set(passage(), extra), as_set(passage()), ids=["PMC5771358:p010"])
    changed = passage()
    changed["text"] = TEXT.replace("For all", "For every")
    with pytest.raises(agreement.AgreementError, match="different text"):
        agreement.compare(as_set(passage()), as_set(changed))


def write(path: Path, *recs: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


def test_cli_report_and_verbose(tmp_path):
    other = passage()
    other["spans"][1] = span("normal saline", "DRUG")
    a, b = write(tmp_path / "a.jsonl", passage()), write(tmp_path / "b.jsonl", other)
    out = subprocess.run([sys.executable, str(SCRIPT), str(a), str(b), "--verbose", "--names", "A,B"],
                         capture_output=True, text=True, check=True).stdout
    assert "| DRUG | 3 | 3 | 2 | 0.667 |" in out
    assert "- boundary: DRUG: 1" in out
    assert "- only A: DRUG 'saline'@" in out and "- only B: DRUG 'normal saline'@" in out


def test_cli_bad_input_is_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "abc", "spans": [{"start": 0, "end": 9, "label": "DRUG"}]}\n')
    good = write(tmp_path / "good.jsonl", passage())
    for args in ([str(bad), str(good)], [str(tmp_path / "missing.jsonl"), str(good)]):
        res = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)
        assert res.returncode == 2
        assert res.stderr.count("\n") == 1 and res.stderr.startswith("error: ")
