"""Put a value's evidence back in its document: sentence offsets and highlight context.

Evidence holds the sentence text and the value's ``start``/``end`` in the
document text, but not where the sentence starts. :func:`locate_sentence`
finds it (the occurrence of the sentence that contains the value's span);
:func:`highlight` splits the sentence into before / value / after for the
web page, with some surrounding document text for context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kapextract.model import Evidence

#: Characters of document text shown around the evidence sentence.
CONTEXT_CHARS = 160


def locate_sentence(text: str, evidence: Evidence) -> int | None:
    """Offset in ``text`` where ``evidence.sentence`` starts, such that the
    sentence contains ``[evidence.start, evidence.end)``; None when the
    sentence is not found there."""
    sentence = evidence.sentence
    start, end = evidence.start, evidence.end
    if not sentence or start < 0 or end < start or end > len(text):
        return None
    lo = max(0, end - len(sentence))
    pos = text.find(sentence, lo)
    while pos != -1 and pos <= start:
        if pos + len(sentence) >= end:
            return pos
        pos = text.find(sentence, pos + 1)
    return None


@dataclass
class Highlight:
    """A sentence cut around the value: ``before + hit + after == sentence``.

    ``context_before``/``context_after`` are neighbouring document text
    (empty when the document text is unknown); ``exact`` is True when the
    highlight sits at the evidence offsets, False when it was found by
    searching the value's text in the sentence (or not found: ``hit`` empty).
    """

    context_before: str
    before: str
    hit: str
    after: str
    context_after: str
    exact: bool
    sentence_start: int | None


def _trim_left(s: str) -> str:
    if len(s) < CONTEXT_CHARS:
        return s
    cut = s.find(" ")
    return "… " + s[cut + 1 :] if cut != -1 else s


def _trim_right(s: str) -> str:
    if len(s) < CONTEXT_CHARS:
        return s
    cut = s.rfind(" ")
    return s[:cut] + " …" if cut != -1 else s


def highlight(evidence: Evidence, value_text: str, doc_text: str | None) -> Highlight:
    """Cut the evidence sentence around the value (see :class:`Highlight`)."""
    sentence = evidence.sentence
    if doc_text:
        s0 = locate_sentence(doc_text, evidence)
        if s0 is not None:
            a, b = evidence.start - s0, evidence.end - s0
            s1 = s0 + len(sentence)
            return Highlight(
                _trim_left(doc_text[max(0, s0 - CONTEXT_CHARS) : s0]),
                sentence[:a],
                sentence[a:b],
                sentence[b:],
                _trim_right(doc_text[s1 : s1 + CONTEXT_CHARS]),
                True,
                s0,
            )
    i = sentence.find(value_text) if value_text else -1
    if i == -1:
        return Highlight("", sentence, "", "", "", False, None)
    return Highlight("", sentence[:i], value_text, sentence[i + len(value_text) :], "", False, None)


_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])|\n+")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence (or line) around ``text[start:end]``: from the
    last sentence break before ``start`` to the first after ``end``."""
    s0 = 0
    for m in _SENT_END.finditer(text, 0, start):
        s0 = m.end()
    m = _SENT_END.search(text, end)
    s1 = m.start() if m else len(text)
    return s0, max(s1, end)
