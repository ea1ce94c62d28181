"""Building and comparing annotated passages (plain dicts in DESIGN.md's format).

A passage is ``{"id", "text", "meta", "spans", "relations"}``; spans are
``{"start", "end", "label"}`` with character offsets into ``text`` (end
exclusive) and relations ``{"head", "child", "label"}`` index ``spans``.
Importers build passages with :func:`make_example`, which sorts the spans and
remaps relation indices so every converter writes the same canonical form.
"""

from __future__ import annotations

from typing import Any

SpanKey = tuple[int, int, str]
RelationKey = tuple[SpanKey, SpanKey, str]


def make_example(
    id: str,
    text: str,
    meta: dict[str, Any] | None,
    spans: list[dict[str, Any]],
    relations: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A canonical passage: spans sorted by (start, end, label), relations remapped and sorted.

    ``relations`` index the ``spans`` list as given. Extra keys on spans other
    than start/end/label are dropped.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i]["start"], spans[i]["end"], spans[i]["label"]))
    new_index = {old: new for new, old in enumerate(order)}
    out_spans = [
        {"start": int(spans[i]["start"]), "end": int(spans[i]["end"]), "label": str(spans[i]["label"])}
        for i in order
    ]
    out_rels = sorted(
        (
            {"head": new_index[r["head"]], "child": new_index[r["child"]], "label": str(r["label"])}
            for r in relations or []
        ),
        key=lambda r: (r["head"], r["child"], r["label"]),
    )
    return {"id": str(id), "text": text, "meta": dict(meta or {}), "spans": out_spans, "relations": out_rels}


def span_keys(example: dict[str, Any]) -> set[SpanKey]:
    """The set of ``(start, end, label)`` of a passage's spans."""
    return {(s["start"], s["end"], s["label"]) for s in example.get("spans", [])}


def relation_keys(example: dict[str, Any]) -> set[RelationKey]:
    """The set of ``(head_span, child_span, label)`` of a passage's relations, by span key."""
    spans = example.get("spans", [])
    out: set[RelationKey] = set()
    for r in example.get("relations", []):
        h, c = spans[r["head"]], spans[r["child"]]
        out.add(((h["start"], h["end"], h["label"]), (c["start"], c["end"], c["label"]), r["label"]))
    return out


def article_of(example: dict[str, Any]) -> str:
    """The article a passage comes from: ``meta.source``, else the id's part before ':'."""
    src = (example.get("meta") or {}).get("source")
    if isinstance(src, str) and src:
        return src
    return str(example.get("id", "")).split(":", 1)[0]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past whitespace (annotation tools often keep a trailing space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
