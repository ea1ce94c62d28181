"""Reviewed values become annotation passages: spans at the evidence offsets shifted
into the sentence; mismatching spans are skipped and counted."""

from __future__ import annotations

import argparse
import json

import pytest
from review_support import NXML, nxml_record

from kapextract.cli import main
from kapextract.model import Evidence, Value
from kapextract.review.store import open_store
from kapextract.review.training_data import passages_from_review, run_from_review


@pytest.fixture()
def db(tmp_path):
    doc, rec = nxml_record()
    path = tmp_path / "r.sqlite"
    with open_store(str(path)) as s:
        s.import_record(rec, doc, source_bytes=NXML.read_bytes(),
                        license="http://creativecommons.org/licenses/by/2.0/")
        s.decide(doc.id, "dose", "accept", "ana", values=rec.fields["dose"][:1])
        s.decide(doc.id, "route", "accept", "ana", values=rec.fields["route"])
        s.decide(doc.id, "sample_size", "pick", "ben", values=rec.fields["sample_size"][:3])
        s.decide(doc.id, "frequency", "not_reported", "ben")
    return path, doc, rec


def test_reviewed_values_become_spans(db):
    path, doc, rec = db
    with open_store(str(path), create=False) as s:
        result = passages_from_review(s)
    assert result.spans == 5 and not result.skipped
    # dose and route share their sentence; the two arm counts share theirs
    assert len(result.passages) == 3
    for p in result.passages:
        for sp in p["spans"]:
            # each span's text is the text at the document offsets
            s0 = p["meta"]["sentence_start"]
            assert doc.text[s0 + sp["start"] : s0 + sp["end"]] == p["text"][sp["start"] : sp["end"]]
        assert p["meta"]["license"] == "http://creativecommons.org/licenses/by/2.0/"
        assert p["meta"]["section"] == "methods" and p["meta"]["partial"] is True
    first = next(p for p in result.passages if any(sp["label"] == "DOSE" for sp in p["spans"]))
    assert [(first["text"][sp["start"]:sp["end"]], sp["label"]) for sp in first["spans"]] == [
        ("35 mg/ kg", "DOSE"), ("intramuscular", "ROUTE")]
    assert len(first["meta"]["review_decisions"]) == 2


def test_mismatching_and_textless_values_are_skipped(tmp_path):
    doc, rec = nxml_record()
    path = tmp_path / "r.sqlite"
    with open_store(str(path)) as s:
        s.import_record(rec, doc)
        good = rec.fields["dose"][0]
        # an edit whose as-written text is not what the offsets hold
        wrong_text = Value("0.5 mg/kg", "0.5 mg/kg", 1.0, {}, good.evidence)
        # evidence whose sentence is not at its offsets
        ev = good.evidence
        moved = Value("35 mg/kg", good.text, 1.0, {}, Evidence(ev.sentence, ev.start + 500, ev.end + 500, ev.section))
        s.decide(doc.id, "dose", "edit", "ana", values=[wrong_text, moved])
        s.decide(doc.id, "route", "accept", "ana", values=rec.fields["route"])
    with open_store(str(path), create=False) as s:
        r = passages_from_review(s)
    assert r.spans == 1
    assert r.skipped == {"span text differs from the value as written": 1, "sentence not at its offsets": 1}
    assert "skipped 2" in r.line()
    assert r.passages[0]["meta"]["license"] == "unknown"

    # records imported without their paper: no text to check spans against
    bare = tmp_path / "bare.sqlite"
    with open_store(str(bare)) as s:
        s.import_record(rec)
        s.decide(doc.id, "dose", "accept", "ana", values=rec.fields["dose"][:1])
        r = passages_from_review(s)
    assert r.passages == [] and r.skipped == {"without document text": 1}


def test_command_writes_jsonl_the_validator_accepts(db, tmp_path, capsys):
    path, doc, _ = db
    out = tmp_path / "from_review.jsonl"
    assert run_from_review(argparse.Namespace(db=str(path), output=str(out))) == 0
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 3 and all(set(x) == {"id", "text", "meta", "spans", "relations"} for x in lines)
    assert len({x["id"] for x in lines}) == 3
    assert "wrote 3 passage(s) with 5 span(s)" in capsys.readouterr().out
    # the same through the CLI, and the project's annotation validator finds nothing wrong
    out2 = tmp_path / "cli.jsonl"
    assert main(["annotations", "from-review", "--db", str(path), "-o", str(out2)]) == 0
    assert out2.read_text() == out.read_text()
    assert main(["annotations", "validate", str(out2)]) == 0
    assert main(["annotations", "from-review", "--db", str(tmp_path / "none.sqlite"), "-o", str(out2)]) == 2
