"""Abbreviations: scispaCy's ``abbreviation_detector`` plus a document-wide memory.

scispaCy's component (factory ``abbreviation_detector``; requires tokens, sets
``doc._.abbreviations``, each short-form span with ``._.long_form``) finds "long form
(SHORT)" definitions within one Doc. A paper is run block by block, so
``abbreviation_map`` merges what this Doc defines with the definitions found in the
paper's other blocks (``doc._.kap_context["abbreviations"]``, filled by the record
assembler): "motivational enhancement therapy (MET)" in the methods makes a later "MET"
in the results a THERAPY. ``glossary_abbreviations`` reads the lists of abbreviations under
tables and in footnotes ("KET, ketamine; MDZ, midazolam."), which the detector does not.

scispaCy matches the short form's letters to the long form from the right and stops at the
first word that starts with the short form's first letter, so a function word can steal it:
"acceptance and commitment therapy (ACT)" comes back as "and commitment therapy". When the
long form begins with such a word and the word before it starts with the same letter, the
long form is taken back to that word.
"""

from __future__ import annotations

import re
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


#: one "SHORT, long form" pair of a list of abbreviations, up to its ";" or "."
_GLOSSARY_PAIR = re.compile(r"(?<![\w-])(?P<s>[A-Z][A-Za-z0-9-]{1,9}),\s+(?P<l>[A-Za-z][\w-]*(?:[ \t]+[\w-]+){0,5}?)(?=\s*;|\s*\.(?!\w)|[ \t]*$)")


def glossary_abbreviations(text: str) -> dict[str, str]:
    """``{short: long}`` of the lists of abbreviations under tables and in footnotes ("KET,
    ketamine; MDZ, midazolam." or "Abbreviations: BA, behavioural activation; ..."): a line
    that opens with "Abbreviations" or holds at least two pairs joined by ";". A short form
    has at least two capitals."""
    out: dict[str, str] = {}
    for line in text.split("\n"):
        if ";" not in line and not line.lstrip().lower().startswith("abbreviation"):
            continue
        pairs = [m for m in _GLOSSARY_PAIR.finditer(line) if sum(c.isupper() for c in m.group("s")) >= 2]
        if len(pairs) < 2 and not line.lstrip().lower().startswith("abbreviation"):
            continue
        for m in pairs:
            out.setdefault(m.group("s"), m.group("l").strip())
    return out


def abbreviation_map(doc: Doc) -> dict[str, str]:
    """Definitions known for this Doc: the paper-wide ones, overridden by the Doc's own."""
    ctx = doc._.kap_context or {}
    merged = dict(ctx.get("abbreviations") or {})
    merged.update(doc_abbreviations(doc))
    return merged
