"""Exports of reviewed values: CSV with provenance and per-arm rows, XLSX, JSON,
RevMan- and Covidence-shaped CSV, and the ``kapextract export`` command."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook
from review_support import NXML, PDF, nxml_record, pdf_record

from kapextract.cli import main
from kapextract.model import Value
from kapextract.review.export import (
    VALUE_COLUMNS,
    studies_from_records,
    studies_from_store,
    value_rows,
    write_studies,
)
from kapextract.review.store import open_store


@pytest.fixture(scope="module")
def reviewed_db(tmp_path_factory):
    """A store with both fixture papers; the NXML one reviewed in every way."""
    path = tmp_path_factory.mktemp("export") / "review.sqlite"
    doc, rec = nxml_record()
    pdoc, prec = pdf_record()
    with open_store(str(path)) as s:
        s.import_record(rec, doc, source_bytes=NXML.read_bytes())
        s.import_record(prec, pdoc, source_bytes=PDF.read_bytes())
        s.decide(doc.id, "dose", "accept", "ana", values=rec.fields["dose"][:1])
        s.decide(doc.id, "sample_size", "pick", "ana", values=rec.fields["sample_size"], candidates=[[1, 0], [1, 1]])
        route = rec.fields["route"][0]
        edited = Value("intramuscular", route.text, 1.0, {}, route.evidence)
        d = s.decide(doc.id, "route", "accept", "ana", values=[route])
        s.decide(doc.id, "route", "edit", "ben", values=[edited], base_decision_id=d.id, reason="IM, as stated")
        s.decide(doc.id, "frequency", "not_reported", "ben", reason="anaesthesia only")
        s.decide(doc.id, "therapy", "note", "ben", reason="no psychotherapy in this study")
    return path, doc, rec, pdoc


def _csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_has_study_and_arm_rows_with_provenance(reviewed_db, tmp_path):
    db, doc, rec, pdoc = reviewed_db
    out = tmp_path / "out.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(out)]) == 0
    rows = _csv(out)
    assert list(rows[0].keys()) == VALUE_COLUMNS
    mine = [r for r in rows if r["document_id"] == doc.id]
    study = {r["field"]: r for r in mine if r["level"] == "study"}
    assert set(study) == {"dose", "route", "frequency", "therapy", "sample_size"}
    dose = study["dose"]
    assert dose["value"] == "35 mg/kg" and dose["status"] == "accepted" and dose["reviewer"] == "ana"
    start, end = int(dose["start"]), int(dose["end"])
    assert doc.text[start:end] == dose["text"] == "35 mg/ kg"
    assert dose["evidence_sentence"] in doc.text and dose["section"] == "methods"
    assert json.loads(dose["attributes"])["unit"] == "mg/kg"
    assert study["route"]["action"] == "edit" and study["route"]["reviewer"] == "ben"
    assert study["frequency"]["status"] == "not reported" and study["frequency"]["value"] == ""
    assert study["therapy"]["status"] == "unreviewed" and "no psychotherapy" in study["therapy"]["notes"]
    # sample size: the whole-study value on the study row, one row per named arm
    assert study["sample_size"]["value"] == "18"
    arms = [(r["arm"], r["value"]) for r in mine if r["level"] == "arm"]
    assert arms == [("Occl-Ex", "7"), ("Occl-Sed", "5"), ("Non-Occl-Con", "6")]
    # the unreviewed PDF document has empty rows unless asked for its suggestions
    pdf_rows = [r for r in rows if r["document_id"] == pdoc.id]
    assert all(r["value"] == "" and r["status"] == "unreviewed" for r in pdf_rows)
    out2 = tmp_path / "all.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(out2), "--include-unreviewed"]) == 0
    ss = next(r for r in _csv(out2) if r["document_id"] == pdoc.id and r["field"] == "sample_size")
    assert ss["value"] == "2200" and ss["status"] == "suggested (unreviewed)"
    assert ss["page"] == "1" and len(json.loads(ss["bbox"])) == 4


def test_xlsx_and_json(reviewed_db, tmp_path):
    db, doc, rec, _ = reviewed_db
    x = tmp_path / "out.xlsx"
    assert main(["export", "--db", str(db), "--format", "xlsx", "-o", str(x)]) == 0
    wb = load_workbook(x, read_only=True)
    assert wb.sheetnames == ["studies", "values", "decisions"]
    values = list(wb["values"].iter_rows(values_only=True))
    assert list(values[0]) == VALUE_COLUMNS
    with open_store(str(db), create=False) as s:
        n_decisions = s.counts()["decisions"]
        expected = value_rows(studies_from_store(s))
    assert len(values) - 1 == len(expected)
    assert len(list(wb["decisions"].iter_rows(values_only=True))) - 1 == n_decisions
    studies = list(wb["studies"].iter_rows(values_only=True))
    assert len(studies) == 3  # header + 2 documents

    j = tmp_path / "out.json"
    assert main(["export", "--db", str(db), "--format", "json", "-o", str(j)]) == 0
    data = json.loads(j.read_text())
    assert len(data["decisions"]) == n_decisions
    st = next(s for s in data["studies"] if s["document"]["id"] == doc.id)
    assert st["fields"]["route"]["decision"]["reason"] == "IM, as stated"
    assert st["fields"]["route"]["decision"]["old_value"][0]["value"] == "intramuscular"
    assert [v["value"] for v in st["fields"]["sample_size"]["values"]] == [18, 7, 5, 6]


def test_revman_and_covidence_shapes(reviewed_db, tmp_path):
    db, doc, rec, _ = reviewed_db
    r = tmp_path / "revman.csv"
    assert main(["export", "--db", str(db), "--format", "revman", "-o", str(r)]) == 0
    rows = _csv(r)
    assert list(rows[0].keys()) == ["Study", "Methods", "Participants", "Interventions", "Outcomes", "Notes"]
    row = next(x for x in rows if x["Study"].startswith("Impaired Coronary"))
    assert row["Participants"] == "N = 18 (enrolled); Occl-Ex: n = 7; Occl-Sed: n = 5; Non-Occl-Con: n = 6"
    assert "Ketamine dose: 35 mg/kg" in row["Interventions"]
    assert "route: intramuscular" in row["Interventions"] and "sessions: not reported" in row["Interventions"]
    assert "reviewed by ana, ben" in row["Notes"] and "not yet reviewed: Psychotherapy" in row["Notes"]

    c = tmp_path / "covidence.csv"
    assert main(["export", "--db", str(db), "--format", "covidence", "-o", str(c)]) == 0
    rows = _csv(c)
    assert len(rows) == 2
    row = next(x for x in rows if x["Study ID"] == doc.id[:12])
    assert row["Ketamine dose"] == "35 mg/kg" and row["Ketamine dose - status"] == "accepted"
    assert "pre-anesthetized with ketamine" in row["Ketamine dose - evidence"]
    assert row["Ketamine dose - location"].startswith("methods, chars ")
    assert row["Sample size"] == "18; 7 (Occl-Ex); 5 (Occl-Sed); 6 (Non-Occl-Con)"
    assert row["Reviewer(s)"] == "ana, ben"


def test_records_share_the_shapes_and_errors_are_one_line(tmp_path, capsys):
    _, rec = pdf_record()
    studies = studies_from_records([rec])
    out = tmp_path / "c.csv"
    assert write_studies(studies, "covidence", out) == 1
    assert _csv(out)[0]["Sample size"] == "2200"
    assert main(["export", "--db", str(tmp_path / "missing.sqlite"), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no such review database" in err
    assert main(["export", "--db", "postgresql://h/db", "-o", str(out)]) == 2
    assert "not supported yet in this build" in capsys.readouterr().err
    assert not (tmp_path / "missing.sqlite").exists()
