"""Therapy labels: "MET" (defined as motivational enhancement therapy) -> "motivational
enhancement therapy"; "ketamine-assisted psychotherapy" -> "psychedelic psychotherapy";
"CBT" -> "cognitive behavioral therapy". Labels come from ``resources/therapies.tsv``.
"""

from __future__ import annotations

import unicodedata

from kapextract.vocab import TherapyTerm, load_lexicon, load_therapies


def _clean(text: str) -> str:
    """Whitespace collapsed, invisible format characters (e.g. U+200E) removed."""
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cf").split())


def _without_modifiers(text: str) -> str:
    """``text`` less the delivery modifiers it starts with (extraction_lexicon.json therapy_modifiers)."""
    mods = sorted(load_lexicon().therapy_modifiers, key=len, reverse=True)
    rest = text
    while True:
        low = rest.lower()
        m = next((x for x in mods if low.startswith(x) and len(low) > len(x) and low[len(x)] in " -"), None)
        if m is None:
            return rest
        rest = rest[len(m) + 1 :].lstrip(" -")


def normalize_therapy(text: str, abbreviations: dict[str, str] | None = None) -> TherapyTerm | None:
    """The vocabulary entry of a THERAPY span (abbreviations resolved through the paper's
    definitions first, then the vocabulary, then its keywords), or None when the text names
    no known therapy."""
    vocab = load_therapies()
    t = _clean(text)
    own = vocab.abbreviation(t)
    if own is not None and own.match == "exact":
        return own
    if abbreviations and t in abbreviations:
        long = _clean(abbreviations[t])
        hit = vocab.lookup(long) or vocab.by_keywords(long)
        if hit is not None:
            return hit
    hit = vocab.lookup(t)
    core = _without_modifiers(t)
    if hit is None and core != t:
        # "group CBT", "brief guided parent-delivered CBT": the delivery mode is part of the
        # span (GUIDELINES.md) but not of the therapy's name
        hit = normalize_therapy(core, abbreviations)
        if hit is not None:
            return hit
    if hit is not None and hit.match == "defined":
        return None  # an ambiguous abbreviation needs the paper's definition (handled above)
    # a phrase the vocabulary lacks but that names a modality and an intervention word:
    # "brief mindfulness-meditation intervention" -> mindfulness-based therapy
    return hit if hit is not None else vocab.by_keywords(t)
