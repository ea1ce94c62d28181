"""Benchmark PDF ingest: pages/s and text fidelity of kapextract against pdfplumber.

Both read the same PDFs in the same run: one warm-up pass each, then
``--repeat`` timed passes in which the two readers take turns file by file;
the figure is total pages / total seconds of each reader.
kapextract's figure is the whole ingest (text layer, layout, reading order,
blocks, sections); pdfplumber's is ``page.extract_text()`` on every page.

Fidelity check: ``tests/fixtures/pdf_sentences.tsv`` lists known sentences of
each fixture PDF, chosen across line breaks, column breaks and hyphenated line
ends. A sentence counts when it appears intact, and after the previous
sentence of its file, in the extracted text; both texts get the same
treatment first (kapextract's character normalization table, runs of
whitespace collapsed to one space). Fidelity = sentences found / sentences.

    PYTHONPATH=. python scripts/bench_ingest.py [--repeat 3] [PDF ...]
"""

from __future__ import annotations

import argparse
import csv
import logging
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
SENTENCES = ROOT / "tests" / "fixtures" / "pdf_sentences.tsv"


def load_sentences(path: Path = SENTENCES) -> dict[str, list[str]]:
    """file name -> its known sentences, in document order."""
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            if len(row) < 2:
                raise ValueError(f"{path}: expected 'file<TAB>sentence<TAB>note', got {row!r}")
            out.setdefault(row[0], []).append(row[1])
    return out


def squash(text: str) -> str:
    from kapextract.ingest.textnorm import normalize

    return re.sub(r"\s+", " ", normalize(text)).strip()


def found_in_order(text: str, sentences: list[str]) -> int:
    """How many sentences appear intact, each after the previous one found."""
    hay = squash(text)
    pos, n = 0, 0
    for s in sentences:
        i = hay.find(squash(s), pos)
        if i >= 0:
            n += 1
            pos = i + 1
    return n


def ours(path: Path) -> tuple[str, int]:
    from kapextract.ingest import load_document

    doc = load_document(path)
    return doc.text, doc.pages or 0


def plumber(path: Path) -> tuple[str, int]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    return "\n".join(texts), len(texts)


def run(files: list[Path], repeat: int) -> tuple[dict[str, float], dict[str, dict[str, str]]]:
    """pages/s of each reader; the timed calls alternate file by file, so that a
    change in machine load during the run hits both readers alike."""
    readers = {"kapextract": ours, "pdfplumber": plumber}
    texts = {name: {p.name: fn(p)[0] for p in files} for name, fn in readers.items()}  # warm-up
    pages = dict.fromkeys(readers, 0)
    seconds = dict.fromkeys(readers, 0.0)
    for _ in range(repeat):
        for p in files:
            for name, fn in readers.items():
                t0 = time.perf_counter()
                pages[name] += fn(p)[1]
                seconds[name] += time.perf_counter() - t0
    return {name: pages[name] / seconds[name] for name in readers}, texts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path, help="PDFs to read (default: the fixture PDFs)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over all PDFs (default: 3)")
    args = ap.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    files = args.pdfs or sorted(FIXTURES.glob("*.pdf"))
    if not files:
        print("no PDFs to read", file=sys.stderr)
        return 2
    known = load_sentences()
    rates, texts = run(files, args.repeat)
    ours_rate, pl_rate = rates["kapextract"], rates["pdfplumber"]
    ours_text, pl_text = texts["kapextract"], texts["pdfplumber"]
    total = sum(len(known.get(p.name, [])) for p in files)
    print(f"{'file':48} {'sentences':>9} {'kapextract':>10} {'pdfplumber':>10}")
    f_ours = f_pl = 0
    for p in files:
        ks = known.get(p.name, [])
        a, b = found_in_order(ours_text[p.name], ks), found_in_order(pl_text[p.name], ks)
        f_ours, f_pl = f_ours + a, f_pl + b
        print(f"{p.name[:48]:48} {len(ks):>9} {a:>10} {b:>10}")
    n_pages = sum(ours(p)[1] for p in files)
    print()
    print(f"PDFs: {len(files)}, pages: {n_pages}, timed passes: {args.repeat}")
    print(f"kapextract  {ours_rate:8.1f} pages/s   fidelity {f_ours}/{total} = {f_ours / max(total, 1):.3f}")
    print(f"pdfplumber  {pl_rate:8.1f} pages/s   fidelity {f_pl}/{total} = {f_pl / max(total, 1):.3f}")
    print(f"speed ratio (kapextract / pdfplumber): {ours_rate / pl_rate:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
