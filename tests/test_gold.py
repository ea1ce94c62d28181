"""Tests for the gold records (annotations/gold) and their checker, scripts/check_gold.py."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from script_support import load_script

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "annotations" / "gold"
DOCS = ROOT / "annotations" / "documents"
SCRIPT = ROOT / "scripts" / "check_gold.py"

check_gold = load_script("check_gold")

# A ketamine_methods article with values in every scope we test (dose, route 'other').
SAMPLE = "PMC3810136"


def test_project_gold_is_valid():
    problems, counts = check_gold.check_folder(GOLD, DOCS)
    assert problems == []
    assert counts["files"] >= 30
    assert counts["valid"] == counts["files"]
    assert counts["drugs"]["ketamine"] >= 26
    assert counts["non_empty"]["sample_size"] == counts["files"]


def test_gold_covers_every_evaluation_document():
    gold = {p.stem for p in GOLD.glob("PMC*.json")}
    docs = {p.stem for p in DOCS.glob("*.nxml")}
    assert gold == docs


def test_every_gold_value_names_a_canonical_section():
    from kapextract.model import SECTION_LABELS

    for path in GOLD.glob("PMC*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        for values in record["fields"].values():
            assert all(v["section"] in SECTION_LABELS for v in values), path.name


@pytest.fixture
def sandbox(tmp_path):
    """A gold folder with one valid record and its document; returns (gold_dir, record)."""
    gold = tmp_path / "gold"
    docs = tmp_path / "documents"
    gold.mkdir()
    docs.mkdir()
    shutil.copy(GOLD / "vocabulary.json", gold)
    shutil.copy(DOCS / f"{SAMPLE}.nxml", docs)
    lines = (DOCS / "ATTRIBUTION.tsv").read_text(encoding="utf-8").splitlines()
    keep = [lines[0]] + [ln for ln in lines[1:] if ln.startswith(SAMPLE + "\t")]
    (docs / "ATTRIBUTION.tsv").write_text("\n".join(keep) + "\n", encoding="utf-8")
    record = json.loads((GOLD / f"{SAMPLE}.json").read_text(encoding="utf-8"))
    return gold, record


def _run(gold: Path, record: dict) -> list[str]:
    (gold / f"{SAMPLE}.json").write_text(json.dumps(record), encoding="utf-8")
    problems, _ = check_gold.check_folder(gold, gold.parent / "documents")
    return problems


def test_sandbox_record_is_valid(sandbox):
    gold, record = sandbox
    assert _run(gold, record) == []


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda r: r["fields"]["dose"][0]["attributes"].update(unit="mg/kilo"),
         "unit 'mg/kilo' is not canonical"),
        (lambda r: r["fields"]["dose"][0].update(value="10 mg/kg"), "disagrees with its attributes"),
        (lambda r: r["fields"]["route"][0].update(value="intraperitoneal"),
         "route 'intraperitoneal' is not legal"),
        (lambda r: r["fields"]["route"][0].update(attributes={}), "needs attributes.route_text"),
        (lambda r: r["fields"]["sample_size"][0].update(value="90"), "is not a positive integer"),
        (lambda r: r["fields"]["sample_size"][0].update(value=90.0), "is not a positive integer"),
        (lambda r: r["fields"]["sample_size"][0]["attributes"].update(scope="screened"),
         "scope 'screened' is not legal"),
        (lambda r: r["fields"]["sample_size"][1]["attributes"].update(arm=None),
         "scope 'arm' needs the arm's name"),
        (lambda r: r["fields"].pop("therapy"), "fields: must have exactly"),
        (lambda r: r["fields"]["therapy"].append(
            {"value": "ketamine therapy", "attributes": {"text": "x"}, "text": "ketamine",
             "section": "methods"}), "not in the vocabulary"),
        (lambda r: r["fields"]["frequency"].append(
            {"value": "1 session, single", "attributes": {"sessions": 2, "interval": "single",
                                                          "period_weeks": None},
             "text": "ketamine", "section": "methods"}), "interval 'single' needs sessions 1"),
        (lambda r: r["fields"]["frequency"].append(
            {"value": "weekly", "attributes": {"sessions": None, "interval": "fortnightly",
                                               "period_weeks": None},
             "text": "ketamine", "section": "methods"}), "interval 'fortnightly' is not legal"),
        (lambda r: r["fields"]["dose"][0].update(section="method"), "is not canonical"),
        (lambda r: r["fields"]["dose"][0].update(text="ketamine (150 mg/kg)"),
         "does not occur in the document"),
        (lambda r: r["document"].update(source="PMC0000000.nxml"), "not found in"),
        (lambda r: r["document"].update(pmcid="PMC1"), "does not match the file name"),
        (lambda r: r.update(drug="Ketamine"), "is not a lower-case name"),
        (lambda r: r.pop("notes"), "missing key(s) notes"),
    ],
)
def test_malformed_records_are_rejected(sandbox, mutate, expected):
    gold, record = sandbox
    bad = copy.deepcopy(record)
    mutate(bad)
    problems = _run(gold, bad)
    assert problems, "the mutation should be reported"
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(f"{SAMPLE}.json: ") for p in problems)


def test_missing_attribution_row_is_reported(sandbox):
    gold, record = sandbox
    (gold.parent / "documents" / "ATTRIBUTION.tsv").write_text(
        "pmcid\ttitle\tjournal\tyear\tlicense_url\tset\n", encoding="utf-8")
    problems = _run(gold, record)
    assert any(f"no row for {SAMPLE}" in p for p in problems)


def test_cli_prints_one_line_per_problem_and_exits_1(sandbox):
    gold, record = sandbox
    bad = copy.deepcopy(record)
    bad["fields"]["route"][0]["value"] = "i.p."
    bad["fields"]["sample_size"][0]["value"] = -3
    (gold / f"{SAMPLE}.json").write_text(json.dumps(bad), encoding="utf-8")
    (gold / "PMC9999999.json").write_text("{not json", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(SCRIPT), str(gold)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert any(ln.startswith(f"{SAMPLE}.json: route[0]: route 'i.p.'") for ln in lines)
    assert any(ln.startswith(f"{SAMPLE}.json: sample_size[0]:") for ln in lines)
    assert any(ln.startswith("PMC9999999.json: not readable JSON") for ln in lines)
    assert lines[-1] == "3 problem(s)"


def test_cli_on_project_gold_exits_0():
    proc = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stdout
    assert "gold files" in proc.stdout


def test_missing_folder_is_one_line():
    proc = subprocess.run([sys.executable, str(SCRIPT), "/nonexistent/gold"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout.strip().count("\n") == 0
    assert "not a folder" in proc.stdout


HOLDOUT_GOLD = ROOT / "annotations" / "holdout_gold"
HOLDOUT_DOCS = ROOT / "annotations" / "holdout_documents"


def test_holdout_gold_is_valid_and_covers_every_holdout_article():
    problems, counts = check_gold.check_folder(HOLDOUT_GOLD, HOLDOUT_DOCS)
    assert problems == []
    assert counts["files"] == counts["valid"] == 48
    listed = {line.split("#")[0].strip() for line in (ROOT / "annotations" / "holdout_articles.txt").read_text().splitlines()}
    listed.discard("")
    assert {p.stem for p in HOLDOUT_GOLD.glob("PMC*.json")} == listed == {p.stem for p in HOLDOUT_DOCS.glob("*.nxml")}
    assert not listed & {p.stem for p in GOLD.glob("PMC*.json")}  # holdout and test never share an article


def test_development_gold_is_valid():
    problems, counts = check_gold.check_folder(ROOT / "annotations" / "dev_gold", ROOT / "annotations" / "dev_documents")
    assert problems == [] and counts["files"] == counts["valid"] == 168
    dev = {p.stem for p in (ROOT / "annotations" / "dev_gold").glob("PMC*.json")}
    assert not dev & {p.stem for p in HOLDOUT_GOLD.glob("PMC*.json")}  # the assembler is never tuned on a holdout article
    assert not dev & {p.stem for p in GOLD.glob("PMC*.json")}


def _passage_articles() -> set[str]:
    out = set()
    for split in ("train", "dev", "test", "holdout"):
        for line in (ROOT / "annotations" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            out.add(json.loads(line)["id"].split(":")[0])
    return out


def test_second_holdout_is_valid_and_shares_no_article_with_anything_else():
    gold, docs = ROOT / "annotations" / "holdout2_gold", ROOT / "annotations" / "holdout2_documents"
    problems, counts = check_gold.check_folder(gold, docs)
    assert problems == [] and counts["files"] == counts["valid"] == 24
    listed = set((ROOT / "annotations" / "holdout2_articles.txt").read_text().split())
    assert {p.stem for p in gold.glob("PMC*.json")} == listed == {p.stem for p in docs.glob("*.nxml")}
    others = {p.stem for d in ("gold", "dev_gold", "holdout_gold") for p in (ROOT / "annotations" / d).glob("PMC*.json")}
    assert not listed & (others | _passage_articles())


PDF_GOLD = ROOT / "annotations" / "pdf_gold"
PDF_DOCS = ROOT / "tests" / "fixtures" / "pdf"


def test_pdf_gold_is_valid_against_the_text_the_pdf_ingest_reads():
    problems, counts = check_gold.check_folder(PDF_GOLD, PDF_DOCS)
    assert problems == [] and counts["files"] == counts["valid"] == 7
    assert {p.stem for p in PDF_GOLD.glob("*_*.json")} == {p.stem for p in PDF_DOCS.glob("*.pdf")}


def test_a_pdf_gold_text_that_the_ingest_does_not_read_is_a_problem(tmp_path):
    gold, docs = tmp_path / "gold", tmp_path / "documents"
    gold.mkdir()
    docs.mkdir()
    name = "trials2015_16_2_drug_monitoring_protocol"
    shutil.copy(PDF_GOLD / "vocabulary.json", gold)
    shutil.copy(PDF_DOCS / f"{name}.pdf", docs)
    lines = (PDF_DOCS / "ATTRIBUTION.tsv").read_text(encoding="utf-8").splitlines()
    (docs / "ATTRIBUTION.tsv").write_text("\n".join([lines[0]] + [ln for ln in lines if ln.startswith(name)]) + "\n")
    record = json.loads((PDF_GOLD / f"{name}.json").read_text(encoding="utf-8"))
    (gold / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    assert check_gold.check_folder(gold, docs)[0] == []
    record["fields"]["sample_size"][0]["text"] = "We will randomly assign 2,300 adult ambulatory patients"
    (gold / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    problems = check_gold.check_folder(gold, docs)[0]
    assert len(problems) == 1 and "does not occur in the document" in problems[0]
