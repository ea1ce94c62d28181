"""Extraction: a paper in, a :class:`~kapextract.model.Record` out.

``extract(path_or_document, drug="ketamine", model=None)`` ingests the paper (unless a
:class:`~kapextract.model.Document` is given), runs the NLP pipeline of
:func:`kapextract.nlp.build_pipeline` and assembles the record
(:mod:`kapextract.extraction.assemble`).
"""

from __future__ import annotations

import os
from typing import Any

from kapextract.model import Document, Record


def extract(path_or_document: Any, drug: str = "ketamine", model: str | None = None) -> Record:
    """Extract the five fields of one paper (a path or an ingested Document)."""
    from kapextract.extraction.assemble import assemble
    from kapextract.nlp import build_pipeline

    if isinstance(path_or_document, Document):
        doc = path_or_document
    elif isinstance(path_or_document, (str, os.PathLike)):
        from kapextract.ingest import load_document

        doc = load_document(path_or_document)
    else:
        raise TypeError("extract() takes a path or a kapextract.model.Document")
    nlp = build_pipeline(model)
    return assemble(doc, nlp, drug=drug)


__all__ = ["extract"]
