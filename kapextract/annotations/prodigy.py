"""Prodigy-style JSONL export/import (the shape of Prodigy's ``rel.manual`` output).

Requires: spaCy/scispaCy for the tokens. One task per line::

    {"text": ..., "meta": {..., "id": ...}, "_input_hash": int, "_task_hash": int,
     "tokens": [{"text": "20", "start": 146, "end": 148, "id": 31, "ws": true}, ...],
     "spans": [{"start": 146, "end": 154, "token_start": 31, "token_end": 32, "label": "DOSE"}, ...],
     "relations": [{"head": 32, "child": 33, "head_span": {...}, "child_span": {...}, "label": "DOSE_OF"}],
     "answer": "accept"}

Spans keep character offsets; ``token_end`` is inclusive, and a relation's
``head``/``child`` is the ``token_end`` of its span, as in Prodigy. Tokens are
cut at span boundaries so every span is a run of whole tokens. Import reads
the spans by character offset, relations by ``head_span``/``child_span``
(else by token index), skips tasks whose ``answer`` is not ``accept`` and
reports them.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from kapextract.annotations.converters import Conversion
from kapextract.annotations.examples import make_example, trim_span
from kapextract.annotations.io import iter_lines, write_jsonl
from kapextract.annotations.tokens import Alignment, blank_nlp, split_words
from kapextract.errors import AnnotationError


def _hash(*parts: str) -> int:
    """A stable signed 32-bit hash (Prodigy's hashes are plain ints)."""
    h = int.from_bytes(hashlib.sha1("\x1f".join(parts).encode("utf-8")).digest()[:4], "big")
    return h - (1 << 32) if h >= (1 << 31) else h


def to_task(nlp: Any, ex: dict[str, Any], stats: Alignment | None = None) -> dict[str, Any]:
    """One passage as a Prodigy-style task."""
    text = ex["text"]
    words, spaces = split_words(nlp, text, ex["spans"], stats)
    tokens, pos = [], 0
    for k, (w, ws) in enumerate(zip(words, spaces, strict=True)):
        tokens.append({"text": w, "start": pos, "end": pos + len(w), "id": k, "ws": ws})
        pos += len(w) + (1 if ws else 0)
    by_start = {t["start"]: t["id"] for t in tokens}
    by_end = {t["end"]: t["id"] for t in tokens}
    spans = [
        {"start": s["start"], "end": s["end"], "token_start": by_start[s["start"]], "token_end": by_end[s["end"]], "label": s["label"]}
        for s in ex["spans"]
    ]
    relations = [
        {"head": spans[r["head"]]["token_end"], "child": spans[r["child"]]["token_end"],
         "head_span": spans[r["head"]], "child_span": spans[r["child"]], "label": r["label"]}
        for r in ex.get("relations", [])
    ]
    input_hash = _hash(text)
    return {
        "text": text,
        "meta": {**(ex.get("meta") or {}), "id": ex["id"]},
        "_input_hash": input_hash,
        "_task_hash": _hash(str(input_hash), json.dumps(spans), json.dumps(relations)),
        "tokens": tokens,
        "spans": spans,
        "relations": relations,
        "answer": "accept",
    }


def export_prodigy(examples: list[dict[str, Any]], output: str | os.PathLike[str], nlp: Any = None) -> Conversion:
    """Write one task per line to ``output``."""
    nlp = nlp if nlp is not None else blank_nlp()
    stats = Alignment()
    n = write_jsonl(output, (to_task(nlp, ex, stats) for ex in examples))
    return Conversion(count=n, notes=stats.notes())


def from_task(task: dict[str, Any], where: str, notes: list[str]) -> dict[str, Any]:
    """One Prodigy-style task as a passage; problems go to ``notes``."""
    text = task.get("text")
    if not isinstance(text, str):
        raise AnnotationError(f"{where}: task has no text")
    meta = dict(task.get("meta") or {})
    pid = str(meta.pop("id", None) or task.get("_input_hash") or where)
    spans: list[dict[str, Any]] = []
    index: dict[tuple[int, int], int] = {}
    token_end: dict[int, int] = {}
    for s in task.get("spans") or []:
        a, b = trim_span(text, int(s["start"]), int(s["end"]))
        if (a, b) != (s["start"], s["end"]):
            notes.append(f"{where}: whitespace trimmed from a {s.get('label')} span")
        index[(int(s["start"]), int(s["end"]))] = len(spans)
        if "token_end" in s:
            token_end[int(s["token_end"])] = len(spans)
        spans.append({"start": a, "end": b, "label": s["label"]})
    relations = []
    for r in task.get("relations") or []:
        if "head_span" in r and "child_span" in r:
            h = index.get((int(r["head_span"]["start"]), int(r["head_span"]["end"])))
            c = index.get((int(r["child_span"]["start"]), int(r["child_span"]["end"])))
        else:
            h, c = token_end.get(int(r["head"])), token_end.get(int(r["child"]))
        if h is None or c is None:
            notes.append(f"{where}: relation {r.get('label')} refers to a span that is not in the task; skipped")
            continue
        relations.append({"head": h, "child": c, "label": r["label"]})
    return make_example(pid, text, meta, spans, relations)


def import_prodigy(source: str | os.PathLike[str]) -> Conversion:
    """Read Prodigy-style JSONL (accepted tasks only)."""
    src = Path(source)
    if not src.is_file():
        raise AnnotationError(f"{src}: no such file")
    conv = Conversion()
    skipped = 0
    for lineno, task, err in iter_lines(src):
        where = f"{src}:{lineno}"
        if err:
            raise AnnotationError(f"{where}: {err}")
        if not isinstance(task, dict):
            raise AnnotationError(f"{where}: expected a JSON object")
        if task.get("answer", "accept") != "accept":
            skipped += 1
            continue
        conv.examples.append(from_task(task, where, conv.notes))
    if skipped:
        conv.notes.append(f"{skipped} task(s) not accepted (reject/ignore) were skipped")
    conv.count = len(conv.examples)
    return conv
