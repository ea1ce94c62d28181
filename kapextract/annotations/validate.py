"""The annotation validator: offsets match the text, labels and relations are legal.

Requires: annotation JSONL files (DESIGN.md's format). Produces a list of
:class:`Problem` objects, each printed as one line ``file:line: message``.

Checks, per passage (line):

* the line is valid JSON and a JSON object;
* ``id`` is a non-empty string, unique within the file and within the folder
  (so train/dev/test written side by side cannot share a passage);
* ``text`` is a non-empty string; ``meta`` is an object whose required keys
  (``source``, ``license``, ``section``) are non-empty strings, ``section``
  one of the canonical sections;
* ``spans`` and ``relations`` are lists; each span has integer ``start`` <
  ``end`` inside the text, a label from the entity list, no leading or trailing
  whitespace, and (when it carries ``text``) ``text == passage[start:end]``;
  spans are sorted by start, with no duplicates and no overlaps;
* each relation has integer ``head``/``child`` indexing ``spans`` (and not the
  same span), a legal label, head and child labels legal for that label
  (``DOSE_OF``: DOSE->DRUG ... ``SIZE_OF``: SAMPLE_SIZE->DRUG|THERAPY), and no
  duplicates.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kapextract.annotations.io import find_jsonl, iter_lines
from kapextract.annotations.schema import AnnotationSchema, load_schema


@dataclass(frozen=True)
class Problem:
    """One finding: where it is and what is wrong (one line)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _quote(s: str, limit: int = 40) -> str:
    s = s if len(s) <= limit else s[: limit - 3] + "..."
    return repr(s)


def check_example(ex: Any, schema: AnnotationSchema | None = None) -> list[str]:
    """All problems of one passage, as one-line messages (empty when it is valid)."""
    schema = schema or load_schema()
    if not isinstance(ex, dict):
        return [f"expected a JSON object, got {type(ex).__name__}"]
    msgs: list[str] = []
    pid = ex.get("id")
    if not isinstance(pid, str) or not pid.strip():
        msgs.append("id: missing or not a non-empty string")
    text = ex.get("text")
    if not isinstance(text, str) or not text:
        msgs.append("text: missing or not a non-empty string")
        text = None
    meta = ex.get("meta")
    if not isinstance(meta, dict):
        msgs.append("meta: missing or not an object")
    else:
        for key in schema.required_meta:
            val = meta.get(key)
            if not isinstance(val, str) or not val.strip():
                msgs.append(f"meta.{key}: missing or empty")
        section = meta.get("section")
        if isinstance(section, str) and section and section not in schema.sections:
            msgs.append(f"meta.section: {section!r} is not one of {', '.join(schema.sections)}")

    spans = ex.get("spans")
    if not isinstance(spans, list):
        msgs.append("spans: missing or not a list")
        spans = None
    relations = ex.get("relations")
    if not isinstance(relations, list):
        msgs.append("relations: missing or not a list")
        relations = None

    good: dict[int, dict[str, Any]] = {}  # spans with usable offsets
    if spans is not None:
        for i, sp in enumerate(spans):
            where = f"span {i}"
            if not isinstance(sp, dict):
                msgs.append(f"{where}: not an object")
                continue
            start, end, label = sp.get("start"), sp.get("end"), sp.get("label")
            if not (_is_int(start) and _is_int(end)):
                msgs.append(f"{where}: start/end must be integers (got {start!r}, {end!r})")
                continue
            where = f"span {i} [{start}:{end}]"
            if label not in schema.entities:
                msgs.append(f"{where}: label {label!r} is not one of {', '.join(schema.entities)}")
            if text is None:
                continue
            if not 0 <= start < end <= len(text):
                msgs.append(f"{where}: offsets outside the text (length {len(text)}) or empty")
                continue
            covered = text[start:end]
            if covered != covered.strip():
                msgs.append(f"{where} {label}: {_quote(covered)} has leading or trailing whitespace")
            if "text" in sp and sp["text"] != covered:
                msgs.append(f"{where} {label}: span text {_quote(str(sp['text']))} != text at offsets {_quote(covered)}")
            good[i] = sp
        # order, duplicates, overlaps (among spans whose offsets are usable)
        idx = sorted(good, key=lambda i: (good[i]["start"], good[i]["end"]))
        if idx != sorted(good):
            msgs.append("spans: not sorted by start")
        prev: int | None = None
        for i in idx:
            if prev is not None:
                a, b = good[prev], good[i]
                if (a["start"], a["end"]) == (b["start"], b["end"]):
                    kind = "duplicate span" if a["label"] == b["label"] else "same offsets labelled twice"
                    msgs.append(f"spans {prev} and {i}: {kind} [{b['start']}:{b['end']}] {_quote(text[b['start']:b['end']])}")
                elif b["start"] < a["end"]:
                    msgs.append(
                        f"spans {prev} and {i}: overlap ({a['label']} {_quote(text[a['start']:a['end']])} "
                        f"and {b['label']} {_quote(text[b['start']:b['end']])})"
                    )
                if b["end"] <= a["end"]:
                    continue  # keep the wider span as the reference for the next comparison
            prev = i

    if relations is not None and spans is not None:
        seen: set[tuple[int, int, str]] = set()
        for j, rel in enumerate(relations):
            where = f"relation {j}"
            if not isinstance(rel, dict):
                msgs.append(f"{where}: not an object")
                continue
            head, child, label = rel.get("head"), rel.get("child"), rel.get("label")
            if not (_is_int(head) and _is_int(child)):
                msgs.append(f"{where}: head/child must be integer span indices (got {head!r}, {child!r})")
                continue
            if not (0 <= head < len(spans) and 0 <= child < len(spans)):
                msgs.append(f"{where}: head {head} or child {child} out of range (there are {len(spans)} spans)")
                continue
            if head == child:
                msgs.append(f"{where}: head and child are the same span {head}")
                continue
            if label not in schema.relations:
                msgs.append(f"{where}: label {label!r} is not one of {', '.join(schema.relations)}")
                continue
            key = (head, child, label)
            if key in seen:
                msgs.append(f"{where}: duplicate of an earlier relation {label} {head}->{child}")
            seen.add(key)
            hs, cs = spans[head], spans[child]
            hl = hs.get("label") if isinstance(hs, dict) else None
            cl = cs.get("label") if isinstance(cs, dict) else None
            if hl in schema.entities and cl in schema.entities and not schema.legal_relation(label, hl, cl):
                msgs.append(f"{where}: {label} links {hl} -> {cl}; it must be {schema.describe(label)}")
    return msgs


def validate_file(path: str | os.PathLike[str], schema: AnnotationSchema | None = None) -> tuple[int, list[Problem]]:
    """Check one JSONL file; returns ``(passages read, problems)``."""
    schema = schema or load_schema()
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    n = 0
    name = str(path)
    for lineno, obj, err in iter_lines(path):
        n += 1
        if err:
            problems.append(Problem(name, lineno, err))
            continue
        for msg in check_example(obj, schema):
            problems.append(Problem(name, lineno, msg))
        pid = obj.get("id") if isinstance(obj, dict) else None
        if isinstance(pid, str) and pid:
            if pid in ids:
                problems.append(Problem(name, lineno, f"id {pid!r} already used on line {ids[pid]}"))
            else:
                ids[pid] = lineno
    return n, problems


def _ids_by_line(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for lineno, obj, err in iter_lines(path):
        if not err and isinstance(obj, dict) and isinstance(obj.get("id"), str):
            out.setdefault(obj["id"], lineno)
    return out


@dataclass
class Report:
    """The result of validating several files."""

    files: int
    passages: int
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_paths(paths: Iterable[str | os.PathLike[str]], schema: AnnotationSchema | None = None) -> Report:
    """Validate every JSONL file in ``paths`` (files or folders, searched for ``*.jsonl``).

    Besides the per-file checks, an id may not appear in two files of the same
    folder (split files written side by side must not share passages).
    """
    schema = schema or load_schema()
    files = find_jsonl(paths)
    problems: list[Problem] = []
    total = 0
    for f in files:
        n, probs = validate_file(f, schema)
        total += n
        problems.extend(probs)
    by_dir: dict[Path, list[Path]] = defaultdict(list)
    for f in files:
        by_dir[f.resolve().parent].append(f)
    for group in by_dir.values():
        if len(group) < 2:
            continue
        first: dict[str, str] = {}
        for f in group:
            for pid, lineno in _ids_by_line(f).items():
                if pid in first:
                    problems.append(Problem(str(f), lineno, f"id {pid!r} also in {first[pid]}"))
                else:
                    first[pid] = f"{f}:{lineno}"
    return Report(files=len(files), passages=total, problems=problems)
