"""Inter-annotator agreement between two annotation sets of the same passages.

Requires two annotation JSONL files in the project format (DESIGN.md,
"Annotations"): one passage a line with ``id``, ``text``, ``spans`` and
``relations``. Passages are matched by ``id``; a passage present in both must
have the same ``text`` (offsets are compared, so different texts cannot be
compared). Only ids present in both files (optionally restricted with
``--ids``) are scored.

Measures (all symmetric: neither set is privileged):

* entity agreement per label and overall: exact-span pairwise F1, i.e. a span
  agrees when both sets have the same (start, end, label);
  F1 = 2 * agreed / (spans in first + spans in second);
* relation agreement per label and overall: a relation agrees when both sets
  have a relation with the same label whose head spans and child spans are
  exactly the same (start, end, label);
* a breakdown of entity disagreements: same extent but another label, same label
  but overlapping boundaries, or a span only one set has (split by label).

Prints a Markdown report to stdout; ``--verbose`` also lists every
disagreement per passage, with the text of the spans.

Usage:
    python scripts/agreement.py FIRST.jsonl SECOND.jsonl [--ids IDS.txt]
        [--names first,second] [--verbose]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ENTITY_LABELS = ("DRUG", "DOSE", "ROUTE", "FREQUENCY", "DURATION", "THERAPY", "SAMPLE_SIZE")
RELATION_LABELS = ("DOSE_OF", "ROUTE_OF", "FREQUENCY_OF", "DURATION_OF", "COMBINED_WITH", "SIZE_OF")

Span = tuple[int, int, str]            # start, end, label
Rel = tuple[Span, Span, str]           # head span, child span, label


class AgreementError(Exception):
    """Bad input: reported as one line, exit status 2."""


def load(path: Path) -> dict[str, dict]:
    """Read an annotation JSONL file into {id: passage}; checks the fields used here."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise AgreementError(f"cannot read {path}: {exc.strerror}") from None
    out: dict[str, dict] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            pid, text = rec["id"], rec["text"]
            spans = rec.get("spans") or []
            for s in spans:
                if not (isinstance(s["start"], int) and isinstance(s["end"], int)
                        and 0 <= s["start"] < s["end"] <= len(text)):
                    raise ValueError(f"span offsets {s['start']}-{s['end']} outside the text")
            for r in rec.get("relations") or []:
                if not (0 <= r["head"] < len(spans) and 0 <= r["child"] < len(spans)):
                    raise ValueError("relation index outside the span list")
                r["label"]  # noqa: B018  (presence check)
        except json.JSONDecodeError as exc:
            raise AgreementError(f"{path}:{n}: not JSON ({exc.msg})") from None
        except (KeyError, TypeError) as exc:
            raise AgreementError(f"{path}:{n}: missing or malformed field {exc}") from None
        except ValueError as exc:
            raise AgreementError(f"{path}:{n}: {exc}") from None
        if pid in out:
            raise AgreementError(f"{path}:{n}: duplicate passage id {pid}")
        out[pid] = rec
    return out


def span_set(rec: dict) -> set[Span]:
    return {(s["start"], s["end"], s["label"]) for s in rec.get("spans") or []}


def relation_set(rec: dict) -> set[Rel]:
    spans = [(s["start"], s["end"], s["label"]) for s in rec.get("spans") or []]
    return {(spans[r["head"]], spans[r["child"]], r["label"]) for r in rec.get("relations") or []}


@dataclass
class Tally:
    """Counts for one label: items in each set and items in both."""
    first: int = 0
    second: int = 0
    both: int = 0

    def add(self, a: set, b: set) -> None:
        self.first += len(a)
        self.second += len(b)
        self.both += len(a & b)

    @property
    def f1(self) -> float | None:
        total = self.first + self.second
        return 2 * self.both / total if total else None


@dataclass
class PassageDiff:
    """Disagreements in one passage (each item: a span/relation only one set has)."""
    pid: str
    text: str
    only_first: list[Span] = field(default_factory=list)
    only_second: list[Span] = field(default_factory=list)
    rel_only_first: list[Rel] = field(default_factory=list)
    rel_only_second: list[Rel] = field(default_factory=list)


@dataclass
class Result:
    passages: int
    entities: dict[str, Tally]
    relations: dict[str, Tally]
    kinds: Counter
    diffs: list[PassageDiff]

    @staticmethod
    def _total(tallies: dict[str, Tally]) -> Tally:
        t = Tally()
        for x in tallies.values():
            t.first += x.first
            t.second += x.second
            t.both += x.both
        return t

    @property
    def entity_total(self) -> Tally:
        return self._total(self.entities)

    @property
    def relation_total(self) -> Tally:
        return self._total(self.relations)


def classify(only_a: list[Span], only_b: list[Span]) -> tuple[Counter, set, set]:
    """Pair unmatched spans: same extent/other label, or same label/overlapping extent.

    Returns the counts of each kind and the spans of each side left unpaired.
    """
    kinds: Counter = Counter()
    left_a, left_b = set(only_a), set(only_b)
    for a in sorted(only_a):
        for b in sorted(left_b):
            if (a[0], a[1]) == (b[0], b[1]) and a[2] != b[2]:
                kinds[f"label: {a[2]} vs {b[2]}"] += 1
                left_a.discard(a)
                left_b.discard(b)
                break
    for a in sorted(left_a):
        for b in sorted(left_b):
            if a[2] == b[2] and a[0] < b[1] and b[0] < a[1]:
                kinds[f"boundary: {a[2]}"] += 1
                left_a.discard(a)
                left_b.discard(b)
                break
    for a in left_a:
        kinds[f"only first: {a[2]}"] += 1
    for b in left_b:
        kinds[f"only second: {b[2]}"] += 1
    return kinds, left_a, left_b


def compare(first: dict[str, dict], second: dict[str, dict], ids: list[str] | None = None) -> Result:
    """Score the passages present in both sets (or exactly ``ids``, which both must have)."""
    if ids is None:
        ids = sorted(set(first) & set(second))
    else:
        missing = [i for i in ids if i not in first or i not in second]
        if missing:
            raise AgreementError(f"{len(missing)} requested id(s) not in both sets, e.g. {missing[0]}")
    if not ids:
        raise AgreementError("the two sets share no passage id")
    entities = {lab: Tally() for lab in ENTITY_LABELS}
    relations = {lab: Tally() for lab in RELATION_LABELS}
    kinds: Counter = Counter()
    diffs: list[PassageDiff] = []
    for pid in ids:
        a, b = first[pid], second[pid]
        if a["text"] != b["text"]:
            raise AgreementError(f"passage {pid} has different text in the two sets; offsets cannot be compared")
        sa, sb = span_set(a), span_set(b)
        for lab in sorted({s[2] for s in sa | sb} | set(ENTITY_LABELS)):
            entities.setdefault(lab, Tally()).add({s for s in sa if s[2] == lab}, {s for s in sb if s[2] == lab})
        ra, rb = relation_set(a), relation_set(b)
        for lab in sorted({r[2] for r in ra | rb} | set(RELATION_LABELS)):
            relations.setdefault(lab, Tally()).add({r for r in ra if r[2] == lab}, {r for r in rb if r[2] == lab})
        only_a, only_b = sorted(sa - sb), sorted(sb - sa)
        k, _, _ = classify(only_a, only_b)
        kinds.update(k)
        d = PassageDiff(pid, a["text"], only_a, only_b, sorted(ra - rb), sorted(rb - ra))
        if only_a or only_b or d.rel_only_first or d.rel_only_second:
            diffs.append(d)
    return Result(len(ids), entities, relations, kinds, diffs)


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _table(tallies: dict[str, Tally], total: Tally, names: tuple[str, str]) -> list[str]:
    rows = [f"| label | {names[0]} | {names[1]} | agreed | F1 |", "|---|---:|---:|---:|---:|"]
    for lab, t in tallies.items():
        rows.append(f"| {lab} | {t.first} | {t.second} | {t.both} | {_fmt(t.f1)} |")
    rows.append(f"| **all** | {total.first} | {total.second} | {total.both} | **{_fmt(total.f1)}** |")
    return rows


def render(res: Result, names: tuple[str, str] = ("first", "second"), verbose: bool = False) -> str:
    """The report as Markdown text."""
    out = [f"Passages compared: {res.passages}", "", "Entities (exact span + label, pairwise F1):", ""]
    out += _table(res.entities, res.entity_total, names)
    out += ["", "Relations (exact head span, child span and label, pairwise F1):", ""]
    out += _table(res.relations, res.relation_total, names)
    out += ["", "Entity disagreements by kind (first = " + names[0] + ", second = " + names[1] + "):", ""]
    out += [f"- {k}: {n}" for k, n in sorted(res.kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
    if verbose:
        out += ["", "Disagreements per passage:"]
        for d in res.diffs:
            def s(sp: Span, text: str = d.text) -> str:
                return f"{sp[2]} {text[sp[0]:sp[1]]!r}@{sp[0]}"
            out += ["", f"## {d.pid}"]
            out += [f"- only {names[0]}: {s(x)}" for x in d.only_first]
            out += [f"- only {names[1]}: {s(x)}" for x in d.only_second]
            out += [f"- only {names[0]}: {r[2]} {s(r[0])} -> {s(r[1])}" for r in d.rel_only_first]
            out += [f"- only {names[1]}: {r[2]} {s(r[0])} -> {s(r[1])}" for r in d.rel_only_second]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first", type=Path)
    ap.add_argument("second", type=Path)
    ap.add_argument("--ids", type=Path, help="file with the passage ids to score, one a line")
    ap.add_argument("--names", default="first,second", help="column names for the two sets")
    ap.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = ap.parse_args(argv)
    try:
        names = tuple(args.names.split(","))
        if len(names) != 2:
            raise AgreementError("--names takes two comma-separated names")
        ids = None
        if args.ids:
            try:
                ids = [x.strip() for x in args.ids.read_text(encoding="utf-8").splitlines() if x.strip()]
            except OSError as exc:
                raise AgreementError(f"cannot read {args.ids}: {exc.strerror}") from None
        res = compare(load(args.first), load(args.second), ids)
    except AgreementError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render(res, names, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
