"""Corpus counts: passages, articles, spans per label and relations per label.

Requires: named groups of passages (e.g. the train/dev/test splits). Produces
a :class:`CorpusStats` per group and renders them side by side as a plain-text
table (for the terminal) or a Markdown table (for ``annotations/STATS.md``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kapextract.annotations.examples import article_of
from kapextract.annotations.schema import load_schema


@dataclass
class CorpusStats:
    """Counts for one group of passages."""

    passages: int = 0
    articles: set[str] = field(default_factory=set)
    spans: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    sections: Counter[str] = field(default_factory=Counter)

    def add(self, ex: dict[str, Any]) -> None:
        self.passages += 1
        self.articles.add(article_of(ex))
        self.spans.update(s.get("label", "?") for s in ex.get("spans", []))
        self.relations.update(r.get("label", "?") for r in ex.get("relations", []))
        self.sections[(ex.get("meta") or {}).get("section", "?")] += 1

    def merge(self, other: CorpusStats) -> None:
        self.passages += other.passages
        self.articles |= other.articles
        self.spans.update(other.spans)
        self.relations.update(other.relations)
        self.sections.update(other.sections)

    def to_dict(self) -> dict[str, Any]:
        return {
            "passages": self.passages,
            "articles": len(self.articles),
            "spans": dict(self.spans),
            "relations": dict(self.relations),
            "sections": dict(self.sections),
        }


def compute(examples: Iterable[dict[str, Any]]) -> CorpusStats:
    st = CorpusStats()
    for ex in examples:
        st.add(ex)
    return st


def _rows(stats: dict[str, CorpusStats]) -> tuple[list[str], list[list[str]]]:
    schema = load_schema()
    names = list(stats)
    total = CorpusStats()
    for st in stats.values():
        total.merge(st)
    cols = [*names, "total"] if len(names) > 1 else names
    allst = [*stats.values(), total] if len(names) > 1 else list(stats.values())
    rows: list[list[str]] = [
        ["passages", *[str(s.passages) for s in allst]],
        ["articles", *[str(len(s.articles)) for s in allst]],
    ]
    for label in schema.entities:
        rows.append([label, *[str(s.spans.get(label, 0)) for s in allst]])
    rows.append(["spans (all)", *[str(sum(s.spans.values())) for s in allst]])
    for label in schema.relations:
        rows.append([label, *[str(s.relations.get(label, 0)) for s in allst]])
    rows.append(["relations (all)", *[str(sum(s.relations.values())) for s in allst]])
    return ["", *cols], rows


def render_text(stats: dict[str, CorpusStats]) -> str:
    """A fixed-width table, one column per group plus a total."""
    header, rows = _rows(stats)
    table = [header, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    lines = []
    for r in table:
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def render_markdown(stats: dict[str, CorpusStats]) -> str:
    """The same table in Markdown."""
    header, rows = _rows(stats)
    header[0] = "count"
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)
