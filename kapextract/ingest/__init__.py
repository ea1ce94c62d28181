"""Ingest: read a PDF, PMC JATS/NXML or plain-text paper into a Document.

``load_document`` sniffs the content (not only the file name) and hands it to
the matching reader. Every failure to read a file is an
:class:`~kapextract.errors.IngestError` with a one-line message.
"""

from __future__ import annotations

import os
from pathlib import Path

from kapextract.errors import IngestError, read_bytes
from kapextract.model import Document

#: Files larger than this are refused before parsing (bytes).
MAX_BYTES = 200 * 1024 * 1024


def sniff(data: bytes, name: str = "") -> str:
    """Return ``"pdf"``, ``"jats"`` or ``"text"`` for the given bytes, or raise IngestError."""
    if not data.strip():
        raise IngestError(f"{name or 'input'}: file is empty")
    head = data[:2048].lstrip()
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff") or head.startswith(b"GIF8"):
        raise IngestError(f"{name or 'input'}: this is an image, not a PDF or text paper")
    if head.startswith(b"PK\x03\x04"):
        raise IngestError(f"{name or 'input'}: this is a ZIP/Office file, not a PDF, NXML or text paper")
    if head.startswith(b"<?xml") or head.startswith(b"<!DOCTYPE") or head.startswith(b"<article"):
        return "jats"
    if name.lower().endswith(".pdf"):
        raise IngestError(f"{name}: not a PDF (no %PDF header)")
    if b"\x00" in data[:4096]:
        raise IngestError(f"{name or 'input'}: binary file, not a PDF, NXML or text paper")
    return "text"


def load_bytes(data: bytes, name: str = "<bytes>") -> Document:
    """Ingest a paper given as bytes; ``name`` is kept as the document's source."""
    if len(data) > MAX_BYTES:
        raise IngestError(f"{name}: file is {len(data) / 1e6:.0f} MB, over the {MAX_BYTES // 1_000_000} MB limit")
    kind = sniff(data, name)
    if kind == "pdf":
        from kapextract.ingest.pdf import read_pdf

        return read_pdf(data, name)
    if kind == "jats":
        from kapextract.ingest.jats import read_jats

        return read_jats(data, name)
    from kapextract.ingest.text import read_text

    return read_text(data, name)


def load_document(path: str | os.PathLike[str]) -> Document:
    """Ingest the paper at ``path``."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError:
        size = 0  # read_bytes below names the problem
    if size > MAX_BYTES:
        raise IngestError(f"{p}: file is {size / 1e6:.0f} MB, over the {MAX_BYTES // 1_000_000} MB limit")
    return load_bytes(read_bytes(p, IngestError, "paper"), str(path))
