#!/usr/bin/env python
"""Apply an adjudication pass over one entity label to annotations/raw/.

An adjudication file (JSON lines, kept as `.ndjson` so that `annotations validate annotations/`
skips it; one line per adjudicated passage) gives the final spans of one
label for that passage and the DRUG spans each one links to:

    {"id": "PMC1079947:p011", "reviewed": true, "note": "deleted 'at 3-week intervals': sleep nights",
     "frequency": [{"start": 268, "end": 293, "text": "for 14 days", "drugs": [[213, 220]]}]}

For every listed passage, the spans of that label and the relations they head (FREQUENCY_OF
for FREQUENCY) are replaced by the file's; every other span and relation stays as it is.
Passages not in the file are untouched. Each entry is checked against the passage first (the
text at its offsets, no overlap with a span of another label, each linked span a DRUG span,
the passage reviewed), and the changed passages are validated; on any problem nothing is
written and the script exits 1. It prints, per label, how many spans were kept, removed,
re-extended and added.

    python scripts/apply_adjudication.py annotations/adjudication/frequency_2026-11-27.ndjson [--dry-run]
    python scripts/build_corpus.py      # then rebuild the splits
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from kapextract.annotations.io import iter_lines, read_jsonl, write_jsonl
from kapextract.annotations.schema import load_schema
from kapextract.annotations.validate import check_example
from kapextract.errors import AnnotationError

# the relation each adjudicable label heads (its child is a DRUG span)
HEAD_RELATION = {"FREQUENCY": "FREQUENCY_OF", "DOSE": "DOSE_OF", "ROUTE": "ROUTE_OF", "DURATION": "DURATION_OF"}


def _entry_problems(ex: dict, entries: list[dict], label: str) -> list[str]:
    text, spans = ex["text"], ex["spans"]
    others = [s for s in spans if s["label"] != label]
    drugs = {(s["start"], s["end"]) for s in spans if s["label"] == "DRUG"}
    problems = []
    for e in entries:
        s, t = e.get("start"), e.get("end")
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)):
            problems.append(f"bad offsets {s}-{t}")
            continue
        if text[s:t] != e.get("text"):
            problems.append(f"text at {s}-{t} is {text[s:t]!r}, not {e.get('text')!r}")
        clash = [o for o in others if o["start"] < t and o["end"] > s]
        if clash:
            problems.append(f"{text[s:t]!r} overlaps {clash[0]['label']} {text[clash[0]['start']:clash[0]['end']]!r}")
        for d in e.get("drugs", []):
            if tuple(d) not in drugs:
                problems.append(f"{text[s:t]!r} links to {d}, which is not a DRUG span")
    return problems


def apply(ex: dict, entries: list[dict], label: str) -> Counter:
    """Replace ``label``'s spans of one passage (and the relations they head) by ``entries``.

    Returns counts of kept, removed, re-extended (overlapping an old span of the label but not
    equal to it) and added spans. The passage is changed in place; spans stay sorted by start.
    """
    rel_label = HEAD_RELATION[label]
    spans, rels = ex["spans"], ex.get("relations", [])
    old = {(s["start"], s["end"]) for s in spans if s["label"] == label}
    new = {(e["start"], e["end"]) for e in entries}
    counts = Counter(kept=len(old & new))
    for s, t in new - old:
        counts["re-extended" if any(a < t and b > s for a, b in old) else "added"] += 1
    counts["removed"] = sum(1 for s, t in old - new if not any(a < t and b > s for a, b in new))

    # every relation not headed by a span of the label survives, re-pointed by span identity
    def key(i: int) -> tuple[int, int, str]:
        return spans[i]["start"], spans[i]["end"], spans[i]["label"]

    kept_rels = [(key(r["head"]), key(r["child"]), r["label"]) for r in rels
                 if not (r["label"] == rel_label and spans[r["head"]]["label"] == label)]
    new_spans = [s for s in spans if s["label"] != label]
    new_spans += [{"start": e["start"], "end": e["end"], "label": label} for e in entries]
    new_spans.sort(key=lambda s: (s["start"], s["end"]))
    index = {(s["start"], s["end"], s["label"]): i for i, s in enumerate(new_spans)}
    out, seen = [], set()
    for head, child, rl in kept_rels:
        item = (index[head], index[child], rl)
        if item not in seen:
            seen.add(item)
            out.append({"head": item[0], "child": item[1], "label": rl})
    for e in entries:
        for d in e.get("drugs", []):
            item = (index[(e["start"], e["end"], label)], index[(d[0], d[1], "DRUG")], rel_label)
            if item not in seen:
                seen.add(item)
                out.append({"head": item[0], "child": item[1], "label": rel_label})
    ex["spans"], ex["relations"] = new_spans, out
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("adjudication", nargs="+", help="adjudication JSONL file(s)")
    ap.add_argument("--label", default="FREQUENCY", choices=sorted(HEAD_RELATION),
                    help="the adjudicated label; its entries are under the lower-case key (default: FREQUENCY)")
    ap.add_argument("--raw", default="annotations/raw", help="folder of per-article JSONL (default: annotations/raw)")
    ap.add_argument("--dry-run", action="store_true", help="check and report without writing")
    args = ap.parse_args(argv)

    decisions: dict[str, dict] = {}
    for path in args.adjudication:
        if not Path(path).is_file():
            print(f"error: cannot read {path}: no such file", file=sys.stderr)
            return 2
        try:
            for n, d, err in iter_lines(path):
                if err or not isinstance(d, dict):
                    print(f"error: {path}:{n}: {err or 'expected a JSON object'}", file=sys.stderr)
                    return 1
                if d.get("id") in decisions:
                    print(f"error: {path}:{n}: {d.get('id')} adjudicated twice", file=sys.stderr)
                    return 1
                decisions[d.get("id")] = d
        except AnnotationError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2

    key = args.label.lower()
    schema = load_schema()
    problems: list[str] = []
    totals: Counter = Counter()
    changed_files: dict[Path, list[dict]] = {}
    seen_ids: set[str] = set()
    for path in sorted(Path(args.raw).glob("*.jsonl")):
        lines = read_jsonl(path)
        changed = False
        for ex in lines:
            d = decisions.get(ex["id"])
            if d is None:
                continue
            seen_ids.add(ex["id"])
            if d.get("reviewed") is not True:
                problems.append(f"{ex['id']}: not marked reviewed")
                continue
            entries = d.get(key, [])
            bad = _entry_problems(ex, entries, args.label)
            if bad:
                problems += [f"{ex['id']}: {p}" for p in bad]
                continue
            before = json.dumps(ex, sort_keys=True)
            totals += apply(ex, entries, args.label)
            problems += [f"{ex['id']}: {p}" for p in check_example(ex, schema)]
            changed |= json.dumps(ex, sort_keys=True) != before
        if changed:
            changed_files[path] = lines
    for missing in sorted(set(decisions) - seen_ids):
        problems.append(f"{missing}: no such passage in {args.raw}")
    if problems:
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        print(f"{len(problems)} problems; nothing written", file=sys.stderr)
        return 1
    if not args.dry_run:
        for path, lines in changed_files.items():
            write_jsonl(path, lines)
    print(f"{len(decisions)} passages adjudicated, {len(changed_files)} files changed"
          + (" (dry run)" if args.dry_run else ""))
    print(f"{args.label}: " + ", ".join(f"{totals[k]} {k}" for k in ("kept", "re-extended", "removed", "added")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
