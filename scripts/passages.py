#!/usr/bin/env python
"""List the passages of a PMC JATS article as annotation stubs (GUIDELINES.md §1).

Every ``<p>`` of the article, in document order, becomes one JSON line with
the corpus id ``<PMCID>:p<NNN>`` (NNN = the paragraph's index among all
``<p>`` elements), the normalized text, and ``meta`` (source, license,
section, title, set) from the corpus manifest; ``spans`` and ``relations``
are empty. Annotators pick passages from this list, never retype text, so
every passage can be found again in its article.

    python scripts/passages.py ../shared/corpus/pmc/PMC1234567.nxml [--manifest annotations/manifest.tsv] [--min-chars 80]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kapextract.annotations.corpus import read_manifest
from kapextract.errors import KapextractError
from kapextract.ingest.jats import paragraphs


def passages(path: Path, manifest: dict[str, dict[str, str]]) -> list[dict]:
    """Annotation stubs for every paragraph of one article."""
    pmcid = path.stem
    row = manifest.get(pmcid, {})
    out = []
    for i, (section, text) in enumerate(paragraphs(path.read_bytes(), path.name)):
        if not text:
            continue
        meta = {"source": pmcid, "license": row.get("license_url", ""), "section": section,
                "title": row.get("title", ""), "set": row.get("set", "")}
        out.append({"id": f"{pmcid}:p{i:03d}", "text": text, "meta": meta, "spans": [], "relations": []})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("article", type=Path, help="a PMC .nxml file (its stem is the PMCID)")
    ap.add_argument("--manifest", type=Path, default=Path("annotations/manifest.tsv"), help="corpus manifest TSV")
    ap.add_argument("--min-chars", type=int, default=0, help="leave out passages shorter than this")
    args = ap.parse_args(argv)
    try:
        for stub in passages(args.article, read_manifest(args.manifest)):
            if len(stub["text"]) >= args.min_chars:
                print(json.dumps(stub, ensure_ascii=False))
    except (KapextractError, OSError) as exc:
        print(f"passages: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
