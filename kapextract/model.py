"""The one data model of the whole flow: document -> mentions -> record.

Every stage speaks these types:

* ingest produces a :class:`Document` (text, blocks, sections, layout, warnings);
* the NLP pipeline produces :class:`Mention` and :class:`Relation` objects whose
  ``start``/``end`` index ``Document.text``;
* record assembly produces a :class:`Record` of ranked :class:`Value` objects,
  each with its :class:`Evidence`.

``Record.to_dict()`` is exactly the JSON contract of DESIGN.md.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

SCHEMA_VERSION = "1"

#: Canonical sections, in DESIGN.md's order.
SECTION_LABELS: tuple[str, ...] = (
    "title",
    "abstract",
    "introduction",
    "methods",
    "results",
    "discussion",
    "conclusion",
    "tables",
    "references",
    "other",
)

#: The five record fields.
FIELDS: tuple[str, ...] = ("dose", "route", "frequency", "therapy", "sample_size")

#: Kinds of block an ingester may emit.
BLOCK_KINDS: tuple[str, ...] = (
    "title",
    "heading",
    "paragraph",
    "table",
    "caption",
    "list",
    "footnote",
)

#: Entity and relation labels of the annotation format.
ENTITY_LABELS: tuple[str, ...] = (
    "DRUG",
    "DOSE",
    "ROUTE",
    "FREQUENCY",
    "DURATION",
    "THERAPY",
    "SAMPLE_SIZE",
)
RELATION_LABELS: tuple[str, ...] = (
    "DOSE_OF",
    "ROUTE_OF",
    "FREQUENCY_OF",
    "DURATION_OF",
    "COMBINED_WITH",
    "SIZE_OF",
)


def sha256_bytes(data: bytes) -> str:
    """The document id: hex sha256 of the input bytes."""
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- document


@dataclass
class Block:
    """A passage of the document text: ``text[start:end]``.

    ``kind`` is one of :data:`BLOCK_KINDS`; ``section`` one of
    :data:`SECTION_LABELS`; ``page`` is 1-based for PDFs and None otherwise;
    ``level`` is the heading level (1 = top) for headings.
    """

    start: int
    end: int
    kind: str = "paragraph"
    section: str = "other"
    page: int | None = None
    level: int | None = None


@dataclass
class Section:
    """A contiguous stretch ``text[start:end]`` labelled with a canonical section."""

    start: int
    end: int
    label: str
    heading: str | None = None


class Layout:
    """Where each character of the document text came from on the page.

    ``pages[i]`` is the 1-based page of character ``i`` (0 when the character
    was synthesised by ingest, e.g. an inserted space or newline) and
    ``boxes[i]`` its ``[x0, top, x1, bottom]`` box in PDF points from the
    page's top-left corner (NaN for synthesised characters).
    """

    __slots__ = ("pages", "boxes", "page_sizes")

    def __init__(
        self,
        pages: np.ndarray,
        boxes: np.ndarray,
        page_sizes: list[tuple[float, float]] | None = None,
    ) -> None:
        pages = np.asarray(pages, dtype=np.int32)
        boxes = np.asarray(boxes, dtype=np.float32)
        if boxes.ndim != 2 or boxes.shape[1] != 4 or boxes.shape[0] != pages.shape[0]:
            raise ValueError("layout needs one page and one 4-number box per character")
        self.pages = pages
        self.boxes = boxes
        self.page_sizes = list(page_sizes or [])

    def __len__(self) -> int:
        return int(self.pages.shape[0])

    def page_at(self, offset: int) -> int | None:
        """Page of the character at ``offset``, looking outwards past synthesised characters."""
        n = len(self)
        if not 0 <= offset < n:
            return None
        if self.pages[offset]:
            return int(self.pages[offset])
        # nearest real character (prefer the following one)
        nz = np.flatnonzero(self.pages[offset:])
        if nz.size:
            return int(self.pages[offset + nz[0]])
        nz = np.flatnonzero(self.pages[:offset])
        return int(self.pages[nz[-1]]) if nz.size else None

    def locate(self, start: int, end: int) -> tuple[int | None, list[float] | None]:
        """Page and bounding box of ``text[start:end]``.

        The box is the union of the boxes of the span's real characters on the
        span's first page. Returns ``(None, None)`` when no character of the
        span has a position.
        """
        start = max(0, start)
        end = min(len(self), end)
        if end <= start:
            return None, None
        pages = self.pages[start:end]
        real = np.flatnonzero(pages)
        if real.size == 0:
            return self.page_at(start), None
        first_page = int(pages[real[0]])
        on_page = real[pages[real] == first_page]
        b = self.boxes[start:end][on_page]
        box = [
            round(float(b[:, 0].min()), 2),
            round(float(b[:, 1].min()), 2),
            round(float(b[:, 2].max()), 2),
            round(float(b[:, 3].max()), 2),
        ]
        return first_page, box

    def words(self, text: str) -> list[dict[str, Any]]:
        """Word-level runs ``{start, end, page, bbox}`` (for ``--json`` output)."""
        out: list[dict[str, Any]] = []
        i, n = 0, min(len(text), len(self))
        while i < n:
            if text[i].isspace() or not self.pages[i]:
                i += 1
                continue
            j = i
            page = self.pages[i]
            while j < n and not text[j].isspace() and self.pages[j] == page:
                j += 1
            p, box = self.locate(i, j)
            out.append({"start": i, "end": j, "page": p, "bbox": box})
            i = j
        return out


@dataclass
class Document:
    """An ingested paper: the text every offset indexes, plus its structure.

    ``kind`` is ``"pdf"``, ``"jats"`` or ``"text"``. ``blocks`` and
    ``sections`` are sorted by ``start`` and lie within ``text``.
    ``layout`` is set for PDFs only.
    """

    id: str
    source: str
    text: str
    kind: str = "text"
    title: str | None = None
    doi: str | None = None
    pages: int | None = None
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    layout: Layout | None = None
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, source: str = "<text>", **kwargs: Any) -> Document:
        """A document whose text is given directly (no ingest, one ``other`` section)."""
        doc = cls(id=sha256_bytes(text.encode("utf-8")), source=source, text=text, **kwargs)
        if not doc.sections and text:
            doc.sections = [Section(0, len(text), "other")]
        if not doc.blocks and text:
            doc.blocks = [Block(0, len(text), "paragraph", "other")]
        return doc

    # -- lookups ---------------------------------------------------------------

    def section_at(self, offset: int) -> str:
        """Canonical section label of the character at ``offset``."""
        if not self.sections:
            return "other"
        starts = [s.start for s in self.sections]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.sections[i].start <= offset < self.sections[i].end:
            return self.sections[i].label
        return "other"

    def block_index(self, offset: int) -> int | None:
        """Index in ``blocks`` of the block containing ``offset`` (None between blocks)."""
        starts = [b.start for b in self.blocks]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return i
        return None

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset`` (None between blocks)."""
        i = self.block_index(offset)
        return None if i is None else self.blocks[i]

    def locate(self, start: int, end: int) -> tuple[int | None, list[float] | None]:
        """Page and bbox of a span (``(None, None)`` for non-PDF documents)."""
        if self.layout is None:
            return None, None
        return self.layout.locate(start, end)

    def evidence(self, start: int, end: int, sentence: tuple[int, int] | None = None) -> Evidence:
        """Full evidence for ``text[start:end]``; ``sentence`` gives the sentence's offsets."""
        s0, s1 = sentence if sentence else (start, end)
        page, bbox = self.locate(start, end)
        return Evidence(
            sentence=self.text[s0:s1],
            start=start,
            end=end,
            section=self.section_at(start),
            page=page,
            bbox=bbox,
        )

    def info(self) -> dict[str, Any]:
        """The ``document`` object of the record contract."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "doi": self.doi,
            "pages": self.pages,
        }

    def to_dict(self, layout: bool = True) -> dict[str, Any]:
        """JSON-ready view of the document (``kapextract text --json``)."""
        out: dict[str, Any] = {
            **self.info(),
            "kind": self.kind,
            "text": self.text,
            "blocks": [asdict(b) for b in self.blocks],
            "sections": [asdict(s) for s in self.sections],
            "warnings": list(self.warnings),
        }
        if layout and self.layout is not None:
            out["page_sizes"] = [list(s) for s in self.layout.page_sizes]
            out["words"] = self.layout.words(self.text)
        return out


# --------------------------------------------------------------------------- mentions


@dataclass
class Mention:
    """An entity found in the document: ``text[start:end]`` with label and attributes.

    ``attributes`` holds the normalized reading (e.g. ``{"amount": 0.5,
    "unit": "mg/kg"}``); ``source`` says which component found it
    (``"rules"``, ``"ner"`` ...); ``sentence`` gives the sentence offsets.
    """

    start: int
    end: int
    label: str
    text: str
    attributes: dict[str, Any] = field(default_factory=dict)
    score: float = 1.0
    source: str = "rules"
    sentence: tuple[int, int] | None = None


@dataclass
class Relation:
    """``head`` and ``child`` index a list of mentions (DESIGN.md's direction)."""

    head: int
    child: int
    label: str
    score: float = 1.0


# --------------------------------------------------------------------------- record


@dataclass
class Evidence:
    """Where a value came from: the sentence, the offsets into the document
    text, the canonical section, and for PDFs the page and bbox."""

    sentence: str
    start: int
    end: int
    section: str
    page: int | None = None
    bbox: list[float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(
            sentence=d["sentence"],
            start=int(d["start"]),
            end=int(d["end"]),
            section=d["section"],
            page=d.get("page"),
            bbox=d.get("bbox"),
        )


@dataclass
class Value:
    """One candidate value of a field, with its evidence."""

    value: Any
    text: str
    confidence: float
    attributes: dict[str, Any]
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "text": self.text,
            "confidence": round(float(self.confidence), 4),
            "attributes": dict(self.attributes),
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Value:
        return cls(
            value=d["value"],
            text=d["text"],
            confidence=float(d["confidence"]),
            attributes=dict(d.get("attributes") or {}),
            evidence=Evidence.from_dict(d["evidence"]),
        )


@dataclass
class Record:
    """One study's extraction: DESIGN.md's record contract."""

    document: dict[str, Any]
    fields: dict[str, list[Value]] = field(default_factory=lambda: {f: [] for f in FIELDS})
    warnings: list[str] = field(default_factory=list)
    model: dict[str, Any] = field(default_factory=dict)
    schema_version: str = SCHEMA_VERSION

    def top(self, name: str) -> Value | None:
        """The suggestion (first value) of a field, or None."""
        values = self.fields.get(name) or []
        return values[0] if values else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "document": dict(self.document),
            "fields": {f: [v.to_dict() for v in self.fields.get(f, [])] for f in FIELDS},
            "warnings": list(self.warnings),
            "model": dict(self.model),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        """Parse a record dict; raises ``ValueError`` with a one-line reason when malformed."""
        try:
            if str(d.get("schema_version")) != SCHEMA_VERSION:
                raise ValueError(f"unsupported schema_version {d.get('schema_version')!r}")
            fields_in = d["fields"]
            unknown = set(fields_in) - set(FIELDS)
            if unknown:
                raise ValueError(f"unknown field(s) {sorted(unknown)}")
            return cls(
                document=dict(d["document"]),
                fields={f: [Value.from_dict(v) for v in fields_in.get(f, [])] for f in FIELDS},
                warnings=list(d.get("warnings") or []),
                model=dict(d.get("model") or {}),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"malformed record: missing or wrong {exc}") from None
