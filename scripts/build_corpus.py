#!/usr/bin/env python
"""Assemble annotations/raw/*.jsonl into annotations/{train,dev,test}.jsonl, split by article.

Test = the articles in annotations/test_articles.txt (the extraction gold
articles); holdout = the articles in annotations/holdout_articles.txt (when
present: annotated blind, never trained or tuned on); every other article
goes to train or dev by a hash of its PMCID (~85/15). Everything is validated first: any problem is printed as
file:line and nothing is written (exit 1), unless --skip-invalid drops the
offending passages. Also writes annotations/ATTRIBUTION.tsv (one line per
article, from annotations/manifest.tsv) and annotations/STATS.md, and prints
the counts. Re-runnable: the output depends only on raw/ and the lists.

    python scripts/build_corpus.py [--annotations annotations] [--skip-invalid]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kapextract.annotations.corpus import (
    DEV_PERCENT,
    collect,
    read_article_list,
    read_manifest,
    summary,
    write,
)
from kapextract.annotations.validate import validate_paths
from kapextract.errors import KapextractError


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--annotations", default="annotations", help="annotations folder (default: annotations)")
    ap.add_argument("--raw", default=None, help="folder of per-article JSONL (default: ANNOTATIONS/raw)")
    ap.add_argument("--test-list", default=None, help="test article list (default: ANNOTATIONS/test_articles.txt)")
    ap.add_argument("--holdout-list", default=None,
                    help="holdout article list (default: ANNOTATIONS/holdout_articles.txt, if present)")
    ap.add_argument("--manifest", default=None, help="corpus manifest TSV (default: ANNOTATIONS/manifest.tsv)")
    ap.add_argument("--dev-percent", type=int, default=DEV_PERCENT, help=f"share of non-test articles in dev (default: {DEV_PERCENT})")
    ap.add_argument("--skip-invalid", action="store_true", help="leave out invalid passages instead of stopping")
    args = ap.parse_args(argv)
    ann = Path(args.annotations)
    raw = Path(args.raw) if args.raw else ann / "raw"
    try:
        test_articles = read_article_list(Path(args.test_list) if args.test_list else ann / "test_articles.txt")
        holdout_path = Path(args.holdout_list) if args.holdout_list else ann / "holdout_articles.txt"
        holdout = read_article_list(holdout_path, "holdout") if args.holdout_list or holdout_path.is_file() else []
        manifest = read_manifest(Path(args.manifest) if args.manifest else ann / "manifest.tsv")
        build = collect(raw, test_articles, args.dev_percent, args.skip_invalid, holdout)
        for p in build.problems:
            print(p, file=sys.stderr)
        if build.problems and not args.skip_invalid:
            print(f"build_corpus: {len(build.problems)} problem(s) in {raw}; nothing written "
                  "(fix them, or use --skip-invalid)", file=sys.stderr)
            return 1
        write(build, ann, manifest)
        check = validate_paths([ann / f"{s}.jsonl" for s in build.splits])
        for p in check.problems:
            print(p, file=sys.stderr)
    except KapextractError as exc:
        print(f"build_corpus: error: {exc}", file=sys.stderr)
        return 2
    print(summary(build))
    n_art = {s: sum(1 for v in build.article_split.values() if v == s) for s in build.splits}
    print("articles: " + ", ".join(f"{s} {n}" for s, n in n_art.items()) + f"; skipped invalid passages: {build.skipped}")
    if build.missing_test:
        print(f"warning: {len(build.missing_test)} test article(s) have no passages yet: {', '.join(build.missing_test)}",
              file=sys.stderr)
    print(f"wrote {ann}/" + ", ".join(f"{s}.jsonl" for s in build.splits) + ", ATTRIBUTION.tsv, STATS.md")
    return 0 if check.ok else 1


if __name__ == "__main__":
    sys.exit(main())
