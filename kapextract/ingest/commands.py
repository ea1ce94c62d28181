"""``kapextract text FILE [--sections | --json]``: the document text all offsets index.

``run_text(args)`` ingests ``args.file`` with
:func:`kapextract.ingest.load_document` and prints ``doc.text`` exactly (no
added newline), or with ``--sections`` a table of section spans (start, end,
label, heading), or with ``--json`` ``doc.to_dict()`` as JSON (with page and
bbox per word for PDFs). Ingest failures are
:class:`~kapextract.errors.IngestError` (one line, exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys

from kapextract.ingest import load_document


def format_sections(doc) -> str:
    """The ``--sections`` table: one line per span, tab-separated, with a header."""
    lines = ["start\tend\tlabel\theading"]
    for s in doc.sections:
        heading = " ".join((s.heading or "").split())
        lines.append(f"{s.start}\t{s.end}\t{s.label}\t{heading}")
    return "\n".join(lines) + "\n"


def run_text(args: argparse.Namespace) -> int:
    doc = load_document(args.file)
    out = sys.stdout
    if args.json:
        json.dump(doc.to_dict(), out, ensure_ascii=False)
        out.write("\n")
    elif args.sections:
        out.write(format_sections(doc))
    else:
        out.write(doc.text)
    for w in doc.warnings:
        print(f"kapextract text: warning: {w}", file=sys.stderr)
    return 0
