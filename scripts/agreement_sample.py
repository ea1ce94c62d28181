"""Draw the deterministic passage sample for the inter-annotator agreement study.

Requires a git checkout holding the annotator branches (default ``annotA`` and
``annotB``). An annotator's files are the ``annotations/raw/*.jsonl`` files that
were *added* by a commit whose message names that annotator ("annotator A" /
"annotator B"); each file is read at the tip of its owner's branch. Of all
passages with at least one span, sorted by id, ``--per-annotator`` ids are drawn
per annotator with ``random.Random(seed)`` (a fresh generator per annotator).

Sets (writes): ``--out-ids`` (one id per line, annotator A's ids first, each
block sorted), the same per annotator next to it (``<stem>.A.txt``, ...) and, with ``--out-blank``, the sampled passages with only ``id``,
``text`` and ``meta`` (empty spans/relations) for the second annotator; with
``--out-reference``, the sampled passages as the first annotators wrote them.

Usage:
    python scripts/agreement_sample.py --out-ids annotations/agreement/sample_ids.txt \
        --out-blank /tmp/agree/blank.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from pathlib import Path

RAW_DIR = "annotations/raw"
OWNER_RE = re.compile(r"annotator ([A-Z])\b")


def git(*args: str) -> str:
    """Run git in the current directory and return its stdout."""
    res = subprocess.run(["git", *args], capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"error: git {' '.join(args)}: {res.stderr.strip()}")
    return res.stdout


def file_owners(branches: dict[str, str]) -> dict[str, str]:
    """Map raw file path -> annotator letter, from the commits that added the files."""
    owners: dict[str, str] = {}
    for branch in branches.values():
        log = git("log", "--diff-filter=A", "--name-only", "--format=@@%s", branch, "--", RAW_DIR)
        current = None
        for line in log.splitlines():
            if line.startswith("@@"):
                m = OWNER_RE.search(line)
                current = m.group(1) if m else None
            elif line.strip() and current in branches:
                prev = owners.setdefault(line.strip(), current)
                if prev != current:
                    raise SystemExit(f"error: {line.strip()} added by both annotators {prev} and {current}")
    return owners


def load_passages(branch: str, path: str) -> list[dict]:
    """Read one JSONL file at a branch tip."""
    return [json.loads(line) for line in git("show", f"{branch}:{path}").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--branch", action="append", default=None, metavar="LETTER=BRANCH",
                    help="annotator branches (default A=annotA, B=annotB)")
    ap.add_argument("--per-annotator", type=int, default=30)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out-ids", required=True, type=Path)
    ap.add_argument("--out-blank", type=Path)
    ap.add_argument("--out-reference", type=Path)
    args = ap.parse_args(argv)
    branches = dict(b.split("=", 1) for b in (args.branch or ["A=annotA", "B=annotB"]))

    owners = file_owners(branches)
    chosen: list[dict] = []
    per_annotator: dict[str, list[str]] = {}
    for letter in sorted(branches):
        pool: dict[str, dict] = {}
        for path in sorted(p for p, o in owners.items() if o == letter):
            for rec in load_passages(branches[letter], path):
                if rec.get("spans"):
                    pool[rec["id"]] = rec
        ids = sorted(pool)
        if len(ids) < args.per_annotator:
            raise SystemExit(f"error: annotator {letter} has only {len(ids)} passages with spans")
        picked = sorted(random.Random(args.seed).sample(ids, args.per_annotator))
        print(f"annotator {letter} ({branches[letter]}): {sum(o == letter for o in owners.values())} files, "
              f"{len(ids)} passages with spans, sampled {len(picked)}", file=sys.stderr)
        chosen.extend(pool[i] for i in picked)
        per_annotator[letter] = picked

    args.out_ids.parent.mkdir(parents=True, exist_ok=True)
    args.out_ids.write_text("".join(r["id"] + "\n" for r in chosen), encoding="utf-8")
    for letter, ids in per_annotator.items():
        args.out_ids.with_suffix(f".{letter}.txt").write_text("".join(i + "\n" for i in ids), encoding="utf-8")
    if args.out_blank:
        with args.out_blank.open("w", encoding="utf-8") as fh:
            for r in chosen:
                blank = {"id": r["id"], "text": r["text"], "meta": r["meta"], "spans": [], "relations": []}
                fh.write(json.dumps(blank, ensure_ascii=False) + "\n")
    if args.out_reference:
        with args.out_reference.open("w", encoding="utf-8") as fh:
            for r in chosen:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
