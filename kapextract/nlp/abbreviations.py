"""Abbreviations: scispaCy's ``abbreviation_detector`` plus a document-wide memory.

scispaCy's component (factory ``abbreviation_detector``; requires tokens, sets
``doc._.abbreviations``, each short-form span with ``._.long_form``) finds "long form
(SHORT)" definitions within one Doc. A paper is run block by block, so
``abbreviation_map`` merges what this Doc defines with the definitions found in the
paper's other blocks (``doc._.kap_context["abbreviations"]``, filled by the record
assembler): "motivational enhancement therapy (MET)" in the methods makes a later "MET"
in the results a THERAPY.

scispaCy matches the short form's letters to the long form from the right and stops at the
first word that starts with the short form's first letter, so a function word can steal it:
"acceptance and commitment therapy (ACT)" comes back as "and commitment therapy". When the
long form begins with such a word and the word before it starts with the same letter, the
long form is taken back to that word.
"""

from __future__ import annotations

import warnings

import scispacy.abbreviation  # noqa: F401  (registers the "abbreviation_detector" factory)
from spacy.tokens import Doc, Span

import kapextract.nlp.extensions  # noqa: F401
from kapextract.vocab import load_lexicon

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
            out[short.text] = " ".join(_repaired_long_form(short.text, long).text.split())
    return out


def _repaired_long_form(short: str, long: Span) -> Span:
    """The long form, taken back one word when a leading function word took the short form's
    first letter ("and commitment therapy" -> "acceptance and commitment therapy")."""
    doc = long.doc
    first = long[0].lower_
    if long.start == 0 or first not in load_lexicon().phrase_stopwords:
        return long
    before = doc[long.start - 1]
    if before.is_alpha and before.lower_[0] == short[0].lower() and before.lower_ not in load_lexicon().phrase_stopwords:
        return doc[long.start - 1 : long.end]
    return long


def abbreviation_map(doc: Doc) -> dict[str, str]:
    """Definitions known for this Doc: the paper-wide ones, overridden by the Doc's own."""
    ctx = doc._.kap_context or {}
    merged = dict(ctx.get("abbreviations") or {})
    merged.update(doc_abbreviations(doc))
    return merged
