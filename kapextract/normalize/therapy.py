"""Therapy labels: "MET" (defined as motivational enhancement therapy) -> "motivational
enhancement therapy"; "ketamine-assisted psychotherapy" -> "psychedelic psychotherapy";
"CBT" -> "cognitive behavioral therapy". Labels come from ``resources/therapies.tsv``.
"""

from __future__ import annotations

from kapextract.nlp.vocab import TherapyTerm, load_therapies


def normalize_therapy(text: str, abbreviations: dict[str, str] | None = None) -> TherapyTerm | None:
    """The vocabulary entry of a THERAPY span (abbreviations resolved through the paper's
    definitions first), or None when the text names no known therapy."""
    vocab = load_therapies()
    t = " ".join(text.split())
    if abbreviations and t in abbreviations:
        hit = vocab.lookup(abbreviations[t])
        if hit is not None:
            return hit
    hit = vocab.lookup(t)
    if hit is not None and hit.match == "defined" and not (abbreviations and t in abbreviations):
        return None
    return hit
