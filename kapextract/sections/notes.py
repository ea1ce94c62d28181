"""Table notes: the paragraphs printed under a table.

``is_table_note(text)`` is true for a paragraph that opens with a footnote
mark ("*", "†", "a ", "3 ") or a note word ("Note:", "Abbreviations:",
"Data are mean ± SD") and has at most 2500 characters; for one of at most
1000 characters that is a list of abbreviations ("BMI, body mass index;
SD, standard deviation" or "BMI = body mass index"); and for any paragraph
of at most 160 characters right under the table. The segmenter gives such
a paragraph the ``tables`` section when it follows a table, its caption or
another note.
"""

from __future__ import annotations

import re

MAX_CHARS = 1000
#: A note that opens with a mark or a note word ("Note:", "Abbreviations:") may run longer.
MAX_MARKED_CHARS = 2500
#: Any paragraph this short right under a table is taken as one of its notes.
SHORT_NOTE = 160

_MARK = re.compile(r"^\s*(?:[*\u2020\u2021\u00a7\u00b6#]+|[a-h]\s|\(?[a-h]\)|\d{1,2}\s+[A-Za-z]|[\u00b9\u00b2\u00b3])")
_WORD = re.compile(
    r"^\s*(?:Notes?|Abbreviations?|Key|Legend|Source|(?:Data|Values|Results|Numbers|Figures|Scores)"
    r"\s+(?:are|were|is|represent|shown|given|expressed|presented))\b",
    re.I,
)
_ABBREV = re.compile(
    r"(?:^|[;.]\s+)[A-Z][A-Za-z0-9\-/'\u2019]*[A-Z0-9][A-Za-z0-9\-]*\s*(?:,|=|:)\s+[A-Za-z]"
)
_EQUALS = re.compile(r"\b[A-Z][A-Za-z0-9\-]* = [A-Za-z]")


def is_table_note(text: str, first: bool = True) -> bool:
    """True when ``text`` reads like a note under a table (see the module docstring).

    ``first``: the paragraph comes right under the table (or its first
    note), where any short paragraph is a note; further down only
    note-shaped ones are.
    """
    if not text.strip() or len(text) > MAX_MARKED_CHARS:
        return False
    if _MARK.match(text) or _WORD.match(text):
        return True
    if len(text) > MAX_CHARS:
        return False
    if first and len(text) <= SHORT_NOTE:
        return True
    return len(_ABBREV.findall(text)) >= 2 or len(_EQUALS.findall(text)) >= 2
