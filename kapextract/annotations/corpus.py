"""Assembling the corpus: per-article raw files -> train/dev/test split by article.

Requires: ``annotations/raw/<PMCID>.jsonl`` (one file per article),
``annotations/test_articles.txt`` (the test articles, one PMCID a line, ``#``
comments allowed) and optionally ``annotations/holdout_articles.txt`` (same
format) and ``annotations/manifest.tsv`` (pmcid, set, title, journal, year,
license_url) for attribution. Sets/writes: ``train.jsonl``, ``dev.jsonl``,
``test.jsonl``, ``holdout.jsonl``, ``ATTRIBUTION.tsv`` and ``STATS.md`` in the
annotations folder.

The split is by article so no article contributes to two splits: an article
in the test list goes to test, one in the holdout list to holdout (annotated
blind, never used to train or to tune anything); any other goes to dev when
``int(sha256(PMCID)) % 100 < dev_percent`` and to train otherwise. The rule
depends only on the PMCID, so adding articles never moves existing ones.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kapextract.annotations.examples import article_of
from kapextract.annotations.io import SPLITS, iter_lines, write_jsonl
from kapextract.annotations.stats import compute, render_markdown, render_text
from kapextract.annotations.validate import Problem, check_example
from kapextract.errors import AnnotationError

DEV_PERCENT = 15


def split_of(pmcid: str, test_articles: set[str], dev_percent: int = DEV_PERCENT,
             holdout_articles: frozenset[str] | set[str] = frozenset()) -> str:
    """``"test"``, ``"holdout"``, ``"dev"`` or ``"train"`` for an article (deterministic)."""
    if pmcid in test_articles:
        return "test"
    if pmcid in holdout_articles:
        return "holdout"
    bucket = int(hashlib.sha256(pmcid.encode("utf-8")).hexdigest(), 16) % 100
    return "dev" if bucket < dev_percent else "train"


def read_article_list(path: Path, what: str = "test") -> list[str]:
    """PMCIDs of a list file (one a line; blank lines and ``#`` comments ignored)."""
    if not path.is_file():
        raise AnnotationError(f"{path}: {what} article list not found")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = line.split("#", 1)[0].strip()
        if item:
            out.append(item)
    return out


def read_manifest(path: Path | None) -> dict[str, dict[str, str]]:
    """Manifest rows by PMCID ({} when there is no manifest)."""
    if path is None or not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["pmcid"]: row for row in csv.DictReader(fh, delimiter="\t")}


@dataclass
class Build:
    """The outcome of assembling the corpus."""

    splits: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {s: [] for s in SPLITS})
    article_split: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0
    missing_test: list[str] = field(default_factory=list)


def collect(raw_dir: Path, test_articles: list[str], dev_percent: int = DEV_PERCENT, skip_invalid: bool = False,
            holdout_articles: list[str] | None = None) -> Build:
    """Read and check every raw file and assign its passages to splits.

    Problems (validator findings, a passage whose ``meta.source`` is not its
    file's article, an id used twice) are collected; with ``skip_invalid``
    the offending passages are left out, otherwise they are kept and the
    caller should refuse to write.
    """
    files = sorted(raw_dir.glob("*.jsonl"))
    if not files:
        raise AnnotationError(f"{raw_dir}: no .jsonl files")
    build = Build()
    test_set = set(test_articles)
    holdout_set = frozenset(holdout_articles or ())
    both = test_set & holdout_set
    if both:
        raise AnnotationError(f"articles in both the test and the holdout list: {', '.join(sorted(both))}")
    seen_ids: dict[str, str] = {}
    for f in files:
        article = f.stem
        for lineno, obj, err in iter_lines(f):
            msgs = [err] if err else check_example(obj)
            if not err and isinstance(obj, dict):
                if article_of(obj) != article:
                    msgs.append(f"meta.source {article_of(obj)!r} is not this file's article {article!r}")
                pid = obj.get("id")
                if isinstance(pid, str):
                    if pid in seen_ids:
                        msgs.append(f"id {pid!r} already used at {seen_ids[pid]}")
                    else:
                        seen_ids[pid] = f"{f}:{lineno}"
            if msgs:
                build.problems += [Problem(str(f), lineno, m) for m in msgs]
                if skip_invalid:
                    build.skipped += 1
                    continue
                if err or not isinstance(obj, dict):
                    continue
            split = split_of(article, test_set, dev_percent, holdout_set)
            build.article_split[article] = split
            build.splits[split].append(obj)
    build.missing_test = [a for a in test_articles if a not in build.article_split]
    return build


def attribution_rows(build: Build, manifest: dict[str, dict[str, str]]) -> list[list[str]]:
    """One row per article: pmcid, split, set, title, journal, year, license_url, url."""
    first_meta: dict[str, dict[str, Any]] = {}
    for exs in build.splits.values():
        for ex in exs:
            first_meta.setdefault(article_of(ex), ex.get("meta") or {})
    rows = [["pmcid", "split", "set", "title", "journal", "year", "license_url", "url"]]
    for article in sorted(build.article_split):
        m = manifest.get(article, {})
        meta = first_meta.get(article, {})
        rows.append([
            article,
            build.article_split[article],
            m.get("set") or str(meta.get("set", "")),
            m.get("title") or str(meta.get("title", "")),
            m.get("journal", ""),
            m.get("year", ""),
            m.get("license_url") or str(meta.get("license", "")),
            f"https://www.ncbi.nlm.nih.gov/pmc/articles/{article}/" if article.startswith("PMC") else "",
        ])
    return rows


def stats_markdown(build: Build, manifest: dict[str, dict[str, str]]) -> str:
    """``STATS.md``: counts per split and label, sections, article sets, missing test articles."""
    stats = {s: compute(build.splits[s]) for s in SPLITS}
    lines = [
        "# Corpus statistics",
        "",
        "Generated by `scripts/build_corpus.py` from `annotations/raw/`; do not edit by hand.",
        "",
        "## Passages, articles, spans and relations per split",
        "",
        render_markdown(stats),
        "",
        "## Passages per section",
        "",
    ]
    sections = sorted({sec for st in stats.values() for sec in st.sections})
    lines += ["| section | " + " | ".join(SPLITS) + " |", "|---|" + "---:|" * len(SPLITS)]
    lines += [f"| {sec} | " + " | ".join(str(stats[s].sections.get(sec, 0)) for s in SPLITS) + " |" for sec in sections]
    lines += ["", "## Articles per corpus set", ""]
    sets: dict[str, Counter[str]] = {s: Counter() for s in SPLITS}
    for article, split in build.article_split.items():
        sets[split][manifest.get(article, {}).get("set", "unknown")] += 1
    names = sorted({k for c in sets.values() for k in c})
    lines += ["| set | " + " | ".join(SPLITS) + " |", "|---|" + "---:|" * len(SPLITS)]
    lines += [f"| {n} | " + " | ".join(str(sets[s].get(n, 0)) for s in SPLITS) + " |" for n in names]
    if build.missing_test:
        lines += ["", f"Test articles with no annotated passages yet ({len(build.missing_test)}): "
                  + ", ".join(build.missing_test) + "."]
    return "\n".join(lines) + "\n"


def write(build: Build, out_dir: Path, manifest: dict[str, dict[str, str]]) -> None:
    """Write the split files, ``ATTRIBUTION.tsv`` and ``STATS.md`` into ``out_dir``."""
    for split in SPLITS:
        write_jsonl(out_dir / f"{split}.jsonl", build.splits[split])
    with (out_dir / "ATTRIBUTION.tsv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter="\t", lineterminator="\n").writerows(attribution_rows(build, manifest))
    (out_dir / "STATS.md").write_text(stats_markdown(build, manifest), encoding="utf-8")


def summary(build: Build) -> str:
    """The counts table printed after a build."""
    return render_text({s: compute(build.splits[s]) for s in SPLITS})
