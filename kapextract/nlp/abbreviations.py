"""Abbreviations: scispaCy's ``abbreviation_detector`` plus a document-wide memory.

scispaCy's component (factory ``abbreviation_detector``; requires tokens, sets
``doc._.abbreviations``, each short-form span with ``._.long_form``) finds "long form
(SHORT)" definitions within one Doc. A paper is run block by block, so
``abbreviation_map`` merges what this Doc defines with the definitions found in the
paper's other blocks (``doc._.kap_context["abbreviations"]``, filled by the record
assembler): "motivational enhancement therapy (MET)" in the methods makes a later "MET"
in the results a THERAPY.
"""

from __future__ import annotations

import warnings

import scispacy.abbreviation  # noqa: F401  (registers the "abbreviation_detector" factory)
from spacy.tokens import Doc

import kapextract.nlp.extensions  # noqa: F401

# scispaCy's detector warns on every Doc without a candidate abbreviation (an empty matcher)
warnings.filterwarnings("ignore", message=r"\[W036\]")


def doc_abbreviations(doc: Doc) -> dict[str, str]:
    """``{short: long}`` defined in this Doc (empty when the detector did not run)."""
    out: dict[str, str] = {}
    if not Doc.has_extension("abbreviations"):
        return out
    for short in doc._.abbreviations or []:
        long = short._.long_form
        if long is not None and short.text not in out:
            out[short.text] = " ".join(long.text.split())
    return out


def abbreviation_map(doc: Doc) -> dict[str, str]:
    """Definitions known for this Doc: the paper-wide ones, overridden by the Doc's own."""
    ctx = doc._.kap_context or {}
    merged = dict(ctx.get("abbreviations") or {})
    merged.update(doc_abbreviations(doc))
    return merged
