#!/usr/bin/env python3
"""Benchmark ``kapextract batch``: papers/min with 1 and with 2 workers on the
same inputs in one run, and the peak memory (RSS) of each worker process.

    python scripts/bench_batch.py                       # fixture NXML + PDFs
    python scripts/bench_batch.py --input /path/to/papers --limit 40 --repeat 2

With --repeat the fastest run is shown (with all runs and their median).
Each run starts from an empty output, so every paper is extracted; the time
includes starting the worker processes and loading the pipeline in each
(reported separately as "first result after"). Steady-state throughput is
the papers after the first divided by the time after the first result.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kapextract import batch  # noqa: E402


def inputs(folder: Path | None, limit: int | None) -> list[Path]:
    if folder is None:
        found = sorted((ROOT / "tests" / "fixtures" / "nxml").glob("*.nxml")) + sorted(
            (ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))
    else:
        found = [p for p, _ in batch.collect_inputs(folder)]
    return found[:limit] if limit else found


def one_run(papers: list[Path], workers: int, tmp: Path, tag: str) -> dict:
    lst = tmp / f"list-{tag}.txt"
    lst.write_text("".join(f"{p}\n" for p in papers), encoding="utf-8")
    out = tmp / f"out-{tag}.jsonl"
    s = batch.run(lst, out, workers=workers, progress=False, log=lambda m: None)
    steady = None
    if s.first_result_s is not None and s.processed > 1 and s.seconds > s.first_result_s:
        steady = 60.0 * (s.processed - 1) / (s.seconds - s.first_result_s)
    return {"workers": workers, "papers": s.processed, "failed": s.failed, "seconds": s.seconds,
            "ppm": s.papers_per_min, "first": s.first_result_s or 0.0, "steady": steady,
            "rss": sorted(s.worker_rss.values())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", type=Path, default=None, help="folder or list of papers (default: test fixtures)")
    ap.add_argument("--limit", type=int, default=None, help="use the first N papers")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts (default: 1,2)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per worker count; the fastest is reported, with every run's rate and the median")
    args = ap.parse_args()
    papers = inputs(args.input, args.limit)
    if not papers:
        print("no papers", file=sys.stderr)
        return 2
    counts = [int(w) for w in args.workers.split(",")]
    mb = sum(p.stat().st_size for p in papers) / 1e6
    print(f"inputs: {len(papers)} papers ({mb:.1f} MB); cpus: {os.cpu_count()}; "
          f"load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows = []
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        for w in counts:
            runs = [one_run(papers, w, tmp, f"{w}-{i}") for i in range(args.repeat)]
            best = max(runs, key=lambda r: r["ppm"])  # other load on the machine only ever slows a run
            best["runs"] = [r["ppm"] for r in runs]
            rows.append(best)
    print(f"{'workers':>7} {'papers':>6} {'failed':>6} {'wall s':>7} {'papers/min':>10} {'first result s':>14} "
          f"{'steady papers/min':>17}  peak RSS per worker (MB)")
    for r in rows:
        steady = f"{r['steady']:.1f}" if r["steady"] else "-"
        rss = ", ".join(f"{b / 2**20:.0f}" for b in r["rss"])
        print(f"{r['workers']:>7} {r['papers']:>6} {r['failed']:>6} {r['seconds']:>7.1f} {r['ppm']:>10.1f} "
              f"{r['first']:>14.1f} {steady:>17}  {rss}")
        if len(r["runs"]) > 1:
            print(f"{'':>7} runs (papers/min): {', '.join(f'{x:.1f}' for x in r['runs'])}; "
                  f"median {statistics.median(r['runs']):.1f}")
    if len(rows) >= 2 and rows[0]["ppm"]:
        print(f"speed-up {rows[1]['workers']} vs {rows[0]['workers']} workers: {rows[1]['ppm'] / rows[0]['ppm']:.2f}x "
              f"(wall), " + (f"{rows[1]['steady'] / rows[0]['steady']:.2f}x (steady)"
                             if rows[0]["steady"] and rows[1]["steady"] else "steady n/a"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
