#!/usr/bin/env python3
"""Validate the gold records in ``annotations/gold/`` against their conventions.

Usage::

    python scripts/check_gold.py [GOLD_DIR] [--documents DOCS_DIR]

Defaults: ``annotations/gold`` and ``annotations/documents`` next to this
script's repository root.  Every ``*.json`` file in GOLD_DIR (other than
``vocabulary.json``) must be one gold record as described in
``annotations/gold/CONVENTIONS.md``; the legal units, routes, intervals,
therapy labels and sample-size scopes are read from
``GOLD_DIR/vocabulary.json``.

Checks: the record's keys; ``document.source`` names a file in DOCS_DIR and
``document.pmcid`` (for a PDF: the document id) matches the file name; all five fields are lists of
GoldValues with the right value shapes; dose values agree with their
attributes and use a canonical unit; routes, intervals, therapy labels and
scopes are legal; sample sizes are positive integers; sections are canonical;
every ``text`` occurs verbatim (whitespace collapsed) in the document; and
DOCS_DIR/ATTRIBUTION.tsv has one row per record with the same licence.

Prints one line per problem (``file: where: what``) and exits 1 if there is
any; otherwise prints the counts per field and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a plain script from a checkout
    sys.path.insert(0, str(ROOT))

from kapextract.errors import KapextractError  # noqa: E402
from kapextract.model import FIELDS, SECTION_LABELS  # noqa: E402

SECTIONS = SECTION_LABELS
VOCAB_KEYS = ("units", "routes", "intervals", "therapies", "scopes", "attribution_columns")
DOSE_VALUE = re.compile(r"^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))? (\S+)$")
_WS = re.compile(r"\s+")


class GoldError(Exception):
    """A problem that stops the check altogether (missing folder, bad vocabulary)."""


def load_vocabulary(path: Path) -> dict[str, list[str]]:
    """Read and validate ``vocabulary.json``: each key a non-empty list of strings."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read vocabulary ({exc})") from exc
    vocab = {}
    for key in VOCAB_KEYS:
        values = data.get(key)
        if not isinstance(values, list) or not values or not all(
            isinstance(v, str) and v for v in values
        ):
            raise GoldError(f"{path}: '{key}' must be a non-empty list of strings")
        vocab[key] = values
    return vocab


def document_text(path: Path) -> str:
    """All text of a document, whitespace collapsed to single spaces.

    An NXML document gives all its XML text; a PDF gives the text that kapextract's
    ingest reads from it (what ``kapextract text`` prints and evidence offsets index).
    """
    if path.suffix.lower() == ".pdf":
        from kapextract.ingest import load_document

        return _WS.sub(" ", load_document(path).text)
    root = etree.parse(str(path)).getroot()
    return _WS.sub(" ", "".join(root.itertext()))


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def check_dose(v: dict, vocab) -> list[str]:
    a = v["attributes"]
    out = []
    for key in ("amount", "amount_max", "unit", "duration"):
        if key not in a:
            out.append(f"attributes lack '{key}'")
    if out:
        return out
    if not _is_number(a["amount"]) or a["amount"] <= 0:
        out.append(f"amount {a['amount']!r} is not a positive number")
    if a["amount_max"] is not None and (
        not _is_number(a["amount_max"])
        or (_is_number(a["amount"]) and a["amount_max"] <= a["amount"])
    ):
        out.append(f"amount_max {a['amount_max']!r} is not null or a number above amount")
    if a["unit"] not in vocab["units"]:
        out.append(f"unit {a['unit']!r} is not canonical")
    if a["duration"] is not None and not (isinstance(a["duration"], str) and a["duration"]):
        out.append("duration must be null or a non-empty string")
    m = DOSE_VALUE.match(v["value"]) if isinstance(v["value"], str) else None
    if not m:
        out.append(f"value {v['value']!r} is not '<amount>[-<max>] <unit>'")
    elif not out:
        lo, hi, unit = float(m.group(1)), m.group(2), m.group(3)
        if (lo != a["amount"] or unit != a["unit"]
                or (hi is None) != (a["amount_max"] is None)
                or (hi is not None and float(hi) != a["amount_max"])):
            out.append(f"value {v['value']!r} disagrees with its attributes")
    return out


def check_route(v: dict, vocab) -> list[str]:
    out = []
    if v["value"] not in vocab["routes"]:
        out.append(f"route {v['value']!r} is not legal")
    rt = v["attributes"].get("route_text")
    if v["value"] == "other" and not (isinstance(rt, str) and rt):
        out.append("route 'other' needs attributes.route_text")
    return out


def check_frequency(v: dict, vocab) -> list[str]:
    a = v["attributes"]
    out = []
    for key in ("sessions", "interval", "period_weeks"):
        if key not in a:
            out.append(f"attributes lack '{key}'")
    if out:
        return out
    if not (isinstance(v["value"], str) and v["value"]):
        out.append("value must be a non-empty string")
    if a["sessions"] is not None and (not _is_int(a["sessions"]) or a["sessions"] < 1):
        out.append(f"sessions {a['sessions']!r} is not null or a positive integer")
    if a["interval"] not in vocab["intervals"]:
        out.append(f"interval {a['interval']!r} is not legal")
    if a["period_weeks"] is not None and (
        not _is_number(a["period_weeks"]) or a["period_weeks"] <= 0
    ):
        out.append(f"period_weeks {a['period_weeks']!r} is not null or a positive number")
    if a["interval"] == "single" and a["sessions"] != 1:
        out.append("interval 'single' needs sessions 1")
    if "times_per_day" in a and (not _is_int(a["times_per_day"]) or a["times_per_day"] < 2):
        out.append("times_per_day must be an integer >= 2")
    return out


def check_therapy(v: dict, vocab) -> list[str]:
    out = []
    if v["value"] not in vocab["therapies"]:
        out.append(f"therapy label {v['value']!r} is not in the vocabulary")
    t = v["attributes"].get("text")
    if not (isinstance(t, str) and t):
        out.append("therapy needs attributes.text (as written)")
    return out


def check_sample_size(v: dict, vocab) -> list[str]:
    a = v["attributes"]
    out = []
    if not _is_int(v["value"]) or v["value"] < 1:
        out.append(f"sample size {v['value']!r} is not a positive integer")
    if a.get("scope") not in vocab["scopes"]:
        out.append(f"scope {a.get('scope')!r} is not legal")
    if "arm" not in a:
        out.append("attributes lack 'arm'")
    elif a["arm"] is not None and not (isinstance(a["arm"], str) and a["arm"]):
        out.append("arm must be null or a non-empty string")
    elif a.get("scope") == "arm" and a["arm"] is None:
        out.append("scope 'arm' needs the arm's name")
    return out


CHECKS = {"dose": check_dose, "route": check_route, "frequency": check_frequency,
          "therapy": check_therapy, "sample_size": check_sample_size}


def check_record(path: Path, docs_dir: Path, vocab) -> tuple[list[str], dict | None]:
    """Problems of one gold file (``where: what`` strings) and the parsed record."""
    try:
        rec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"not readable JSON ({exc})"], None
    if not isinstance(rec, dict):
        return ["top level is not an object"], None
    problems = []
    missing = [k for k in ("document", "drug", "fields", "notes") if k not in rec]
    if missing:
        return [f"missing key(s) {', '.join(missing)}"], None
    doc = rec["document"]
    text = None
    if not isinstance(doc, dict):
        problems.append("document: not an object")
    else:
        for key in ("source", "pmcid", "title", "license"):
            if not (isinstance(doc.get(key), str) and doc.get(key)):
                problems.append(f"document: '{key}' missing or empty")
        if doc.get("pmcid") and doc["pmcid"] != path.stem:
            problems.append(f"document: pmcid {doc['pmcid']!r} does not match the file name")
        if isinstance(doc.get("source"), str) and doc["source"]:
            src = docs_dir / doc["source"]
            if not src.is_file():
                problems.append(f"document: source {doc['source']!r} not found in {docs_dir}")
            else:
                try:
                    text = document_text(src)
                except (OSError, etree.XMLSyntaxError, KapextractError) as exc:
                    problems.append(f"document: source not parseable ({exc})")
        if isinstance(doc.get("license"), str) and not doc["license"].startswith("http"):
            problems.append("document: license is not a URL")
    drug = rec["drug"]
    if not (isinstance(drug, str) and drug and drug == drug.lower() and drug.strip() == drug):
        problems.append(f"drug: {drug!r} is not a lower-case name")
    if not isinstance(rec["notes"], str):
        problems.append("notes: not a string")
    fields = rec["fields"]
    if not isinstance(fields, dict) or set(fields) != set(FIELDS):
        problems.append(f"fields: must have exactly {', '.join(FIELDS)}")
        return problems, None
    for name in FIELDS:
        values = fields[name]
        if not isinstance(values, list):
            problems.append(f"{name}: not a list")
            continue
        for i, v in enumerate(values):
            where = f"{name}[{i}]"
            if not isinstance(v, dict) or set(v) != {"value", "attributes", "text", "section"}:
                problems.append(f"{where}: needs exactly value, attributes, text, section")
                continue
            if not isinstance(v["attributes"], dict):
                problems.append(f"{where}: attributes is not an object")
                continue
            if v["section"] not in SECTIONS:
                problems.append(f"{where}: section {v['section']!r} is not canonical")
            if not (isinstance(v["text"], str) and v["text"].strip()):
                problems.append(f"{where}: text is empty")
            elif text is not None and _WS.sub(" ", v["text"]) not in text:
                problems.append(f"{where}: text {v['text']!r} does not occur in the document")
            problems.extend(f"{where}: {p}" for p in CHECKS[name](v, vocab))
    return problems, rec


def check_attribution(docs_dir: Path, records: dict[str, dict], vocab) -> list[str]:
    """Problems of ATTRIBUTION.tsv: header, and one row per record with its licence."""
    path = docs_dir / "ATTRIBUTION.tsv"
    if not path.is_file():
        return [f"{path}: missing"]
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    if not rows or rows[0] != vocab["attribution_columns"]:
        return [f"{path}: header must be {' '.join(vocab['attribution_columns'])}"]
    problems = []
    by_id = {}
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            problems.append(f"{path}: line {n}: expected {len(rows[0])} columns")
            continue
        by_id[row[0]] = row
    for pmcid, rec in records.items():
        row = by_id.get(pmcid)
        if row is None:
            problems.append(f"{path}: no row for {pmcid}")
        elif row[4] != rec["document"].get("license"):
            problems.append(f"{path}: {pmcid}: licence differs from the gold record")
    return problems


def check_folder(gold_dir: Path, docs_dir: Path) -> tuple[list[str], dict]:
    """Check every gold file; return (problem lines, counts)."""
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: not a folder")
    vocab = load_vocabulary(gold_dir / "vocabulary.json")
    files = sorted(p for p in gold_dir.glob("*.json") if p.name != "vocabulary.json")
    problems, records = [], {}
    for path in files:
        probs, rec = check_record(path, docs_dir, vocab)
        problems.extend(f"{path.name}: {p}" for p in probs)
        if rec is not None and not probs:
            records[path.stem] = rec
    problems.extend(check_attribution(docs_dir, records, vocab))
    counts = {"files": len(files), "valid": len(records),
              "drugs": Counter(r["drug"] for r in records.values()),
              "non_empty": {f: sum(bool(r["fields"][f]) for r in records.values())
                            for f in FIELDS},
              "values": {f: sum(len(r["fields"][f]) for r in records.values())
                         for f in FIELDS}}
    return problems, counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", nargs="?", type=Path, default=ROOT / "annotations" / "gold")
    ap.add_argument("--documents", type=Path, default=None,
                    help="folder of the evaluation documents (default: ../documents)")
    args = ap.parse_args(argv)
    docs = args.documents or args.gold_dir.parent / "documents"
    try:
        problems, counts = check_folder(args.gold_dir, docs)
    except GoldError as exc:
        print(exc)
        return 1
    for p in problems:
        print(p)
    print(f"{counts['files']} gold files, {counts['valid']} valid; drugs: "
          + ", ".join(f"{d} {n}" for d, n in sorted(counts["drugs"].items())))
    for f in FIELDS:
        print(f"  {f:<12} non-empty in {counts['non_empty'][f]:>3} files, "
              f"{counts['values'][f]:>3} values")
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
