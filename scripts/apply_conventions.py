#!/usr/bin/env python
"""Apply the "one schedule, one span" FREQUENCY convention of GUIDELINES.md to annotations/raw/.

The blind second annotation (annotations/agreement/REPORT.md) found FREQUENCY the least
consistent label (pairwise F1 0.784): the two annotators split the same kind of phrase
differently. One of those disagreements is settled by the guidelines and can be applied
without judgement, so this script applies it to every article, whatever its split:
FREQUENCY spans separated only by whitespace are one schedule ("twice weekly" + "for 2
weeks" -> "twice weekly for 2 weeks"; "on days 1 and 8" + "every 21 days"): they are
merged, and the merged span keeps every relation of its parts (duplicates dropped).

Nothing else changes; the script is idempotent and prints what it changed per file.

    python scripts/apply_conventions.py [--raw annotations/raw] [--dry-run]
    python scripts/build_corpus.py      # then rebuild the splits
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kapextract.annotations.io import read_jsonl, write_jsonl


def _merge_adjacent(ex: dict) -> int:
    text, spans, rels = ex["text"], ex["spans"], ex.get("relations", [])
    order = sorted(range(len(spans)), key=lambda i: spans[i]["start"])
    target = list(range(len(spans)))  # span index -> index it is merged into
    merged = 0
    prev = None
    for i in order:
        s = spans[i]
        if (prev is not None and s["label"] == "FREQUENCY" and spans[prev]["label"] == "FREQUENCY"
                and text[spans[prev]["end"]:s["start"]].isspace()):
            spans[prev]["end"] = s["end"]
            target[i] = prev
            merged += 1
            continue
        prev = i
    if not merged:
        return 0
    keep = [i for i in range(len(spans)) if target[i] == i]
    new_index = {old: new for new, old in enumerate(keep)}
    seen, new_rels = set(), []
    for r in rels:
        key = (new_index[target[r["head"]]], new_index[target[r["child"]]], r["label"])
        if key not in seen:
            seen.add(key)
            new_rels.append({**r, "head": key[0], "child": key[1]})
    ex["spans"] = [spans[i] for i in keep]
    ex["relations"] = new_rels
    return merged


def apply(ex: dict) -> int:
    """Merge the touching FREQUENCY spans of one passage in place; returns how many were merged."""
    return _merge_adjacent(ex)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--raw", default="annotations/raw", help="folder of per-article JSONL (default: annotations/raw)")
    ap.add_argument("--dry-run", action="store_true", help="report the changes without writing")
    args = ap.parse_args(argv)
    files = sorted(Path(args.raw).glob("*.jsonl"))
    if not files:
        print(f"error: no .jsonl files in {args.raw}", file=sys.stderr)
        return 2
    total = 0
    for path in files:
        lines = read_jsonl(path)
        merged = sum(apply(ex) for ex in lines)
        if merged:
            print(f"{path.name}: {merged} merged")
            total += merged
            if not args.dry_run:
                write_jsonl(path, lines)
    print(f"total: {total} FREQUENCY spans merged into their neighbour"
          + (" (dry run)" if args.dry_run else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
