"""Tokenization shared by the token-based converters (spaCy DocBin, BIO dataset, Prodigy).

Requires: spaCy; scispaCy for the default tokenizer. Token-based formats can
only hold spans that start and end on token boundaries. Two ways to get there:

* ``"split"`` (lossless): tokenize, then cut any token that a span boundary
  falls inside (``n=20`` with a SAMPLE_SIZE on ``20`` becomes ``n=`` + ``20``).
  The text and every span survive exactly; :class:`Alignment` counts the cuts.
* ``"expand"`` / ``"contract"`` (spaCy's ``alignment_mode``): keep the
  tokenizer's tokens and widen / narrow misaligned spans to token boundaries.
  Spans change; spans that vanish or collide after the change are dropped.
  Every changed or dropped span is counted and reported.

The default tokenizer is the extraction pipeline's (scispaCy's
``combined_rule_tokenizer`` plus dotted abbreviations), on a blank English
pipeline, so converted Docs tokenize like the Docs the models will see.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

ALIGNMENTS: tuple[str, ...] = ("split", "expand", "contract", "strict")


@lru_cache(maxsize=3)
def blank_nlp(tokenizer: str = "pipeline") -> Any:
    """A blank English spaCy pipeline with one of three tokenizers.

    ``"pipeline"`` (default): the extraction pipeline's tokenizer
    (:func:`kapextract.nlp.tokenizer.make_tokenizer`: scispaCy's rules plus
    dotted abbreviations such as ``i.v.`` kept whole); ``"scispacy"``: plain
    ``combined_rule_tokenizer``; ``"spacy"``: spaCy's English default.
    """
    import spacy

    nlp = spacy.blank("en")
    with warnings.catch_warnings():  # scispaCy's infix regex triggers a FutureWarning in re
        warnings.simplefilter("ignore", FutureWarning)
        if tokenizer == "pipeline":
            from kapextract.nlp.tokenizer import make_tokenizer

            nlp.tokenizer = make_tokenizer(nlp)
        elif tokenizer == "scispacy":
            from scispacy.custom_tokenizer import combined_rule_tokenizer

            nlp.tokenizer = combined_rule_tokenizer(nlp)
        elif tokenizer != "spacy":
            raise ValueError(f"unknown tokenizer {tokenizer!r} (pipeline, scispacy or spacy)")
    return nlp


@dataclass
class Alignment:
    """Counts of what token alignment did to spans, for the conversion notes."""

    spans: int = 0
    split_tokens: int = 0
    changed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def notes(self, prefix: str = "") -> list[str]:
        out = []
        if self.split_tokens:
            out.append(f"{prefix}{self.split_tokens} token(s) split at span boundaries so that all {self.spans} spans align")
        if self.changed:
            out.append(f"{prefix}{len(self.changed)} span(s) not on token boundaries were moved to them, e.g. {self.changed[0]}")
        if self.dropped:
            out.append(f"{prefix}{len(self.dropped)} span(s) could not be aligned and were dropped, e.g. {self.dropped[0]}")
        return out


def split_words(nlp: Any, text: str, spans: list[dict[str, Any]], stats: Alignment | None = None) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags of ``text``, tokens cut at every span boundary.

    ``"".join(w + " " * s for w, s in zip(words, spaces)) == text`` holds.
    """
    if stats is not None:
        stats.spans += len(spans)
    cuts = {s["start"] for s in spans} | {s["end"] for s in spans}
    words: list[str] = []
    spaces: list[bool] = []
    for tok in nlp.tokenizer(text):
        a, b = tok.idx, tok.idx + len(tok.text)
        inner = sorted(c for c in cuts if a < c < b)
        if inner and stats is not None:
            stats.split_tokens += 1
        bounds = [a, *inner, b]
        for k in range(len(bounds) - 1):
            words.append(text[bounds[k]:bounds[k + 1]])
            spaces.append(False)
        spaces[-1] = bool(tok.whitespace_)
    return words, spaces


def make_doc(nlp: Any, text: str, spans: list[dict[str, Any]], alignment: str = "split", stats: Alignment | None = None) -> tuple[Any, list[int | None]]:
    """A spaCy Doc of ``text`` with ``doc.ents`` set from ``spans``.

    Returns the Doc and, per input span, the index of its entity in
    ``doc.ents`` (None where the span was dropped). With ``"split"`` every
    span survives exactly.
    """
    from spacy.tokens import Doc

    if alignment not in ALIGNMENTS:
        raise ValueError(f"unknown alignment {alignment!r} (choose from {', '.join(ALIGNMENTS)})")
    stats = stats if stats is not None else Alignment()
    if alignment == "split":
        words, spaces = split_words(nlp, text, spans, stats)
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
    else:
        stats.spans += len(spans)
        doc = nlp.make_doc(text)
    ents = []
    taken: set[int] = set()
    for i, sp in enumerate(spans):
        mode = "strict" if alignment == "split" else alignment
        ent = doc.char_span(sp["start"], sp["end"], label=sp["label"], alignment_mode=mode)
        desc = f"{sp['label']} {text[sp['start']:sp['end']]!r}"
        if ent is None or len(ent) == 0:
            stats.dropped.append(desc)
            continue
        if set(range(ent.start, ent.end)) & taken:
            stats.dropped.append(f"{desc} (overlaps another span after alignment)")
            continue
        if (ent.start_char, ent.end_char) != (sp["start"], sp["end"]):
            stats.changed.append(f"{desc} -> {ent.text!r}")
        taken.update(range(ent.start, ent.end))
        ents.append((i, ent))
    order = sorted(ents, key=lambda x: x[1].start)
    doc.ents = [e for _, e in order]
    index: list[int | None] = [None] * len(spans)
    for k, (i, _) in enumerate(order):
        index[i] = k
    return doc, index
