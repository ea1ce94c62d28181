#!/usr/bin/env python
"""Field-level evaluation of ``kapextract extract`` against gold records.

Usage::

    python scripts/eval_extract.py [--documents annotations/documents] [--gold annotations/gold]
                                   [--model rules|PATH] [--verbose] [--json]

Each gold record (annotations/gold/CONVENTIONS.md) names its document and target drug;
the document is extracted with that drug and compared field by field:

* top-1 accuracy: share of articles where gold and prediction are both empty, or the first
  predicted value matches the first gold value;
* recall: matched distinct gold values / distinct gold values;
* spurious: distinct predicted values that match no gold value (count and share of
  predictions).

Matching: dose on amount, amount_max and unit; route on value; frequency on sessions and
interval; therapy on value; sample size on the integer. ``--verbose`` lists every
article's errors; ``--json`` prints the whole report as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kapextract.extraction.evaluation import evaluate_folder  # noqa: E402
from kapextract.model import FIELDS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", default="annotations/documents", help="folder of the gold records' documents")
    ap.add_argument("--gold", default="annotations/gold", help="folder of gold records (*.json)")
    ap.add_argument("--model", default="rules", help="'rules' (default), a pipeline path, or 'default'")
    ap.add_argument("--verbose", action="store_true", help="list each article's errors")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    if not Path(args.gold).is_dir() or not Path(args.documents).is_dir():
        print("eval_extract: --gold and --documents must be folders", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    report = evaluate_folder(args.documents, args.gold, None if args.model == "default" else args.model)
    report["seconds"] = round(time.perf_counter() - t0, 2)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    n = report["fields"]["dose"]["articles"]
    print(f"{n} articles, model={args.model}, {report['seconds']} s")
    print(f"{'field':<12} {'top1':>6} {'recall':>7} {'gold':>5} {'found':>6} {'pred':>5} {'spurious':>9}")
    for f in FIELDS:
        t = report["fields"][f]
        rec = "-" if t["recall"] is None else f"{t['recall']:.3f}"
        print(f"{f:<12} {t['top1_accuracy']:>6.3f} {rec:>7} {t['gold']:>5} {t['found']:>6} {t['predicted']:>5} "
              f"{t['spurious']:>5} ({t['spurious_rate']:.2f})")
    for e in report["errors"]:
        print("error:", e)
    if args.verbose:
        for a in report["articles"]:
            bad = {f: v for f, v in a["fields"].items() if not v["top1"] or v["missed"] or v["spurious"]}
            if not bad:
                continue
            print(f"\n{a['id']}")
            for f, v in bad.items():
                print(f"  {f:<12} top1={'ok' if v['top1'] else 'WRONG'} gold={v['gold_first']!r} pred={v['pred_first']!r}"
                      f" missed={v['missed']} spurious={v['spurious']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
