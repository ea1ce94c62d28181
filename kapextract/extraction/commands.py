"""``kapextract extract FILE... [--format json|jsonl|csv|table] [--drug D] [--model M] [-o OUT]``.

``run_extract(args)`` builds the pipeline once, then ingests and extracts every file.

* ``json`` (default): each record as an indented JSON object, one after the other in input
  order (a single input prints exactly one JSON document; several form a JSON stream, e.g.
  for ``jq``); ``jsonl``: one record per line;
* ``csv``: one row per extracted value with provenance columns (source, document id, field,
  rank, value, text, confidence, attributes as JSON, section, start, end, page, bbox,
  sentence);
* ``table``: a readable terminal view with the evidence snippets.

A file that cannot be read gets one line on stderr; the other files still produce records,
and the exit code is 2 when any file failed.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import textwrap
from typing import TextIO

from kapextract.errors import KapextractError
from kapextract.model import FIELDS, Record

CSV_COLUMNS = ["source", "document_id", "field", "rank", "value", "text", "confidence", "attributes",
               "section", "start", "end", "page", "bbox", "sentence"]


def record_rows(rec: Record) -> list[dict]:
    """CSV rows (one per value) of a record."""
    rows = []
    for f in FIELDS:
        for rank, v in enumerate(rec.fields.get(f, []), 1):
            ev = v.evidence
            rows.append({
                "source": rec.document.get("source"), "document_id": rec.document.get("id"), "field": f,
                "rank": rank, "value": v.value, "text": v.text, "confidence": round(v.confidence, 4),
                "attributes": json.dumps(v.attributes, ensure_ascii=False, sort_keys=True),
                "section": ev.section, "start": ev.start, "end": ev.end, "page": ev.page,
                "bbox": json.dumps(ev.bbox) if ev.bbox else "", "sentence": " ".join(ev.sentence.split()),
            })
    return rows


def _snippet(sentence: str, text: str, width: int = 100) -> str:
    s = " ".join(sentence.split())
    t = " ".join(text.split())
    i = s.find(t)
    if i < 0 or len(s) <= width:
        return s if len(s) <= width else s[: width - 1] + "…"
    lo = max(0, i - (width - len(t)) // 2)
    hi = min(len(s), lo + width)
    lo = max(0, hi - width)
    return ("…" if lo > 0 else "") + s[lo:hi] + ("…" if hi < len(s) else "")


def format_table(rec: Record) -> str:
    """A readable view of one record with evidence snippets."""
    d = rec.document
    out = io.StringIO()
    out.write(f"{d.get('source')}\n")
    if d.get("title"):
        out.write(textwrap.fill(str(d["title"]), 100, initial_indent="  ", subsequent_indent="  ") + "\n")
    out.write(f"  model {rec.model.get('name')} {rec.model.get('version')}\n")
    for f in FIELDS:
        values = rec.fields.get(f, [])
        if not values:
            out.write(f"  {f:<12} (not reported)\n")
            continue
        for k, v in enumerate(values):
            label = f if k == 0 else ""
            ev = v.evidence
            where = ev.section + (f", p. {ev.page}" if ev.page else "")
            out.write(f"  {label:<12} {str(v.value):<28} {v.confidence:4.2f}  [{where}, {ev.start}-{ev.end}]\n")
            out.write(f"  {'':<12}   “{_snippet(ev.sentence, v.text)}”\n")
    for w in rec.warnings:
        out.write(f"  warning: {w}\n")
    return out.getvalue()


def write_records(records: list[Record], fmt: str, out: TextIO) -> None:
    """Write records in one of the output formats."""
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        w.writeheader()
        for r in records:
            w.writerows(record_rows(r))
        return
    for r in records:
        if fmt == "jsonl":
            out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "table":
            out.write(format_table(r) + "\n")
        else:
            out.write(json.dumps(r.to_dict(), ensure_ascii=False, indent=2) + "\n")


def run_extract(args: argparse.Namespace) -> int:
    from kapextract.extraction.assemble import assemble
    from kapextract.ingest import load_document
    from kapextract.nlp import build_pipeline

    nlp = build_pipeline(args.model)
    records: list[Record] = []
    failed = 0
    for path in args.files:
        try:
            doc = load_document(path)
            records.append(assemble(doc, nlp, drug=args.drug))
        except KapextractError as exc:
            failed += 1
            print(f"kapextract extract: error: {exc}", file=sys.stderr)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                write_records(records, args.format, fh)
        except OSError as exc:
            raise KapextractError(f"cannot write {args.output}: {exc.strerror}") from None
    else:
        write_records(records, args.format, sys.stdout)
        sys.stdout.flush()
    return 2 if failed else 0
