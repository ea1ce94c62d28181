"""Run-in headings: a section name that opens a paragraph, e.g. "Methods: We ...".

``run_in_heading(text)`` returns the heading part ("Methods") when the
paragraph starts with at most six words ending in a colon (or a full stop for
the lexicon's major headings, e.g. "RESULTS. Of 40 patients ...") and the
lexicon knows them; otherwise None.
"""

from __future__ import annotations

import re

from kapextract.sections.lexicon import HeadingLexicon, lexicon

_RUN_IN = re.compile(
    r"^\s*((?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-Z][A-Za-z'\u2019/&,\- ]{1,60}?)\s*([:.]|\s[\u2013\u2014-])\s+\S"
)


def run_in_heading(text: str, lex: HeadingLexicon | None = None) -> str | None:
    """The lexicon heading that opens ``text`` as a run-in heading, or None."""
    m = _RUN_IN.match(text[:120])
    if not m:
        return None
    head = m.group(1).strip()
    if len(head.split()) > 6:
        return None
    hit = (lex or lexicon()).lookup(head)
    if hit is None or not hit.exact:
        return None
    if m.group(2) != ":" and hit.tier != "major":
        return None
    return head
