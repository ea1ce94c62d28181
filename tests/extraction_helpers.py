"""Helpers for the extraction tests: documents built from (section, kind, text) passages."""

from __future__ import annotations

from kapextract.model import Block, Document, Section


def make_doc(parts: list[tuple[str, str, str]], source: str = "<test>") -> Document:
    """A Document whose blocks are the given ``(section, kind, text)`` passages."""
    text = ""
    blocks, sections = [], []
    for section, kind, body in parts:
        start = len(text)
        text += body
        blocks.append(Block(start, len(text), kind, section))
        sections.append(Section(start, len(text), section))
        text += "\n\n"
    doc = Document.from_text(text, source=source)
    doc.blocks, doc.sections = blocks, sections
    return doc
