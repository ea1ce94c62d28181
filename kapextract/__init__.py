"""kapextract: evidence-linked extraction of ketamine dose, route, frequency,
therapy and sample size from full-text KAP papers.

The public API is small::

    import kapextract
    doc = kapextract.load_document("paper.pdf")   # Document
    record = kapextract.extract("paper.pdf")      # Record
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from kapextract.model import Document, Record

__all__ = ["__version__", "extract", "load_document"]


def load_document(path: Any) -> Document:
    """Read a PDF, PMC JATS/NXML or plain-text paper into a :class:`Document`."""
    from kapextract.ingest import load_document as _load

    return _load(path)


def extract(path: Any, drug: str = "ketamine", model: str | None = None) -> Record:
    """Extract the five fields of one paper into a :class:`Record`."""
    from kapextract.extraction import extract as _extract

    return _extract(path, drug=drug, model=model)
