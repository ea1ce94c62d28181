#!/usr/bin/env python
"""The blind-written KAP papers through the PDF path: do the PDFs give the text's records?

Usage::

    python scripts/eval_kap_pdfs.py [--papers annotations/kap_papers] [--chromium /usr/bin/chromium]
                                    [--model default] [--keep DIR]

Each paper of ``annotations/kap_papers/batch*/`` that is written one paragraph per line (the
hard-wrapped ones already imitate PDF text) is set as a two-column page and printed to PDF
by headless chromium, as ``tests/fixtures/kap/make_kap_pdfs.py`` does for the test fixtures.
Both the text and the PDF are then extracted and scored against the paper's answer key, field
by field (top-1, as ``scripts/eval_extract.py`` scores). The script prints, per batch, the
top-1 of the text and of the PDF, and lists every paper whose first value differs between
the two. Printing takes about a second a paper.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "kap"))

from make_kap_pdfs import page  # noqa: E402

from kapextract.errors import KapextractError  # noqa: E402
from kapextract.extraction import extract  # noqa: E402
from kapextract.extraction.evaluation import match_key  # noqa: E402
from kapextract.ingest import load_document  # noqa: E402
from kapextract.model import FIELDS  # noqa: E402


def hard_wrapped(text: str) -> bool:
    """Is the paper written as PDF text already (hardly a line is a whole paragraph)? A paper
    written one paragraph per line, with or without blank lines between them, is not."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return sum(1 for ln in lines if len(ln) > 150) < 0.1 * len(lines)


def one_block_per_line(text: str) -> str:
    """The paper with a blank line after every line, as ``page`` takes its blocks."""
    return "\n\n".join(ln.strip() for ln in text.splitlines() if ln.strip())


def first_key(field: str, values: list[dict]):
    return match_key(field, values[0]) if values else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--papers", default=str(ROOT / "annotations" / "kap_papers"), help="folder of batch*/ folders")
    ap.add_argument("--chromium", default="/usr/bin/chromium", help="headless chromium to print with")
    ap.add_argument("--model", default="default", help="'default', 'rules' or a pipeline path")
    ap.add_argument("--keep", help="keep the PDFs in this folder")
    args = ap.parse_args(argv)
    if shutil.which(args.chromium) is None:
        print(f"eval_kap_pdfs: no chromium at {args.chromium}", file=sys.stderr)
        return 2
    model = None if args.model == "default" else args.model
    out_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kap_pdfs_"))
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    totals = {"text": dict.fromkeys(FIELDS, 0), "pdf": dict.fromkeys(FIELDS, 0)}
    n_all, differ = 0, []
    try:
        for batch in sorted(Path(args.papers).glob("batch*")):
            scores = {"text": dict.fromkeys(FIELDS, 0), "pdf": dict.fromkeys(FIELDS, 0)}
            n = 0
            for txt in sorted(batch.glob("*.txt")):
                text = txt.read_text(encoding="utf-8")
                if hard_wrapped(text):
                    continue
                gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
                html = out_dir / f"{txt.stem}.html"
                pdf = out_dir / f"{txt.stem}.pdf"
                html.write_text(page(one_block_per_line(text)), encoding="utf-8")
                subprocess.run([args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                f"--print-to-pdf={pdf}", html.as_uri()], check=True, capture_output=True, timeout=120)
                firsts = {}
                for kind, path in (("text", txt), ("pdf", pdf)):
                    try:
                        rec = extract(load_document(path), drug=gold["drug"], model=model).to_dict()
                    except KapextractError as exc:
                        print(f"{path.name}: {exc}", file=sys.stderr)
                        rec = {"fields": {f: [] for f in FIELDS}}
                    firsts[kind] = {f: first_key(f, rec["fields"][f]) for f in FIELDS}
                    for f in FIELDS:
                        scores[kind][f] += firsts[kind][f] == first_key(f, gold["fields"][f])
                for f in FIELDS:
                    if firsts["text"][f] != firsts["pdf"][f]:
                        differ.append((f"{batch.name}/{txt.stem}", f, firsts["text"][f], firsts["pdf"][f]))
                n += 1
                print(f"\r{batch.name}: {n} papers printed and extracted", end="", file=sys.stderr, flush=True)
            print(file=sys.stderr)
            if not n:
                continue
            n_all += n
            for kind in ("text", "pdf"):
                print(f"{batch.name:8} {kind:4} ({n:2} papers) " + "  ".join(
                    f"{f} {scores[kind][f]}/{n}" for f in FIELDS))
                for f in FIELDS:
                    totals[kind][f] += scores[kind][f]
    finally:
        if not args.keep:
            shutil.rmtree(out_dir, ignore_errors=True)
    for kind in ("text", "pdf"):
        print(f"{'all':8} {kind:4} ({n_all:2} papers) " + "  ".join(f"{f} {totals[kind][f]}/{n_all}" for f in FIELDS))
    print(f"first values that differ between text and PDF: {len(differ)}")
    for name, f, a, b in differ:
        print(f"  {name} {f}: text {a!r}, pdf {b!r}")
    print(f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
