"""Turn per-block section labels into contiguous section spans.

``build_sections(doc)`` requires every block's ``section`` to be set and the
blocks sorted by ``start``; it sets ``doc.sections`` to spans that cover
``doc.text`` from 0 to its end without gaps. Each block owns the text from
its start to the next block's start (the first block also owns any text
before it); neighbouring blocks with the same label share one span, whose
``heading`` is the text of its first heading block.
"""

from __future__ import annotations

from kapextract.model import Document, Section


def build_sections(doc: Document) -> None:
    """Set ``doc.sections`` from the labels of ``doc.blocks``."""
    n = len(doc.text)
    blocks = sorted(doc.blocks, key=lambda b: b.start)
    sections: list[Section] = []
    if not blocks:
        doc.sections = [Section(0, n, "other")] if n else []
        return
    for i, b in enumerate(blocks):
        start = 0 if i == 0 else b.start
        end = blocks[i + 1].start if i + 1 < len(blocks) else n
        if end <= start:
            continue
        heading = doc.text[b.start:b.end].strip() if b.kind == "heading" else None
        if sections and sections[-1].label == b.section:
            sections[-1].end = end
            if sections[-1].heading is None and heading:
                sections[-1].heading = heading
            continue
        sections.append(Section(start, end, b.section, heading or None))
    if sections:
        sections[-1].end = n
    doc.sections = sections
