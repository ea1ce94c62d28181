#!/usr/bin/env python
"""Speed and memory of ``kapextract.extract`` in one process.

Usage::

    python scripts/bench_extract.py [PATHS...] [--model rules] [--repeat 1]

Default inputs: the fixture PDFs in ``tests/fixtures/pdf`` (bad-input fixtures, which
cannot be read, are skipped and counted); ``--nxml`` uses ``annotations/documents`` instead.
Prints the pipeline load time, papers/min over all papers (one process, one core for the
pipeline), time per paper split into ingest and extraction, and the peak RSS of the
process. Targets: >= 60 papers/min per core, < 1 GB RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", help="papers (default: tests/fixtures/pdf/*.pdf)")
    ap.add_argument("--nxml", action="store_true", help="use annotations/documents/*.nxml")
    ap.add_argument("--model", default="rules", help="'rules' (default), a path, or 'default'")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the inputs (default 1)")
    args = ap.parse_args(argv)

    from kapextract.errors import KapextractError
    from kapextract.extraction.assemble import assemble
    from kapextract.ingest import load_document
    from kapextract.nlp import build_pipeline

    if args.paths:
        paths = [Path(p) for p in args.paths]
        label = "given files"
    elif args.nxml:
        paths = sorted((ROOT / "annotations" / "documents").glob("*.nxml"))
        label = "annotations/documents NXML"
    else:
        paths = sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))
        label = "tests/fixtures/pdf PDFs"
    t0 = time.perf_counter()
    nlp = build_pipeline(None if args.model == "default" else args.model)
    load_s = time.perf_counter() - t0
    rss_loaded = peak_rss_mb()
    n = skipped = 0
    t_ingest = t_extract = 0.0
    pages = 0
    for _ in range(max(1, args.repeat)):
        for p in paths:
            a = time.perf_counter()
            try:
                doc = load_document(p)
            except KapextractError:
                skipped += 1
                continue
            b = time.perf_counter()
            assemble(doc, nlp)
            c = time.perf_counter()
            t_ingest += b - a
            t_extract += c - b
            pages += doc.pages or 0
            n += 1
    total = t_ingest + t_extract
    print(f"inputs: {label}: {n} papers extracted ({pages} pages), {skipped} unreadable skipped")
    print(f"pipeline load: {load_s:.2f} s (model={args.model}); RSS after load {rss_loaded:.0f} MB")
    if n:
        print(f"time per paper: {total / n:.3f} s (ingest {t_ingest / n:.3f} s, extraction {t_extract / n:.3f} s)")
        print(f"papers/min (one process): {60 * n / total:.1f}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
