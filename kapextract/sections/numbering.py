"""Section numbering at the start of a heading: "2.", "2.1", "3.2.1.", "II.", "IV)", "2 |".

``split_numbering(text)`` returns ``(level, rest)``: the nesting level the
number implies (1 for "2." or "II.", 2 for "2.1", ...; None when there is no
number) and the heading text after it. Capital letters used as numbers
("A.", "B)") are stripped but give no level, since journals use them for
both top-level and sub-sections. A vertical bar after the number ("2 | METHODS",
"2.1 | Participants") is the separator some publishers print.
"""

from __future__ import annotations

import re

_ARABIC = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,4})(?:\.|\)|\s*\|)?\s+(?=\S)")
_ROMAN = re.compile(r"^\s*([IVX]{1,5})(?:\.|\))\s+(?=\S)")
_LETTER = re.compile(r"^\s*([A-H])(?:\.|\))\s+(?=[A-Z])")
_ROMAN_VALID = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")


def split_numbering(text: str) -> tuple[int | None, str]:
    """Split a leading section number off ``text``: ``(level or None, rest)``."""
    m = _ARABIC.match(text)
    if m:
        return m.group(1).count(".") + 1, text[m.end():]
    m = _ROMAN.match(text)
    if m and _ROMAN_VALID.match(m.group(1)):
        return 1, text[m.end():]
    m = _LETTER.match(text)
    if m:
        return None, text[m.end():]
    return None, text


def has_numbering(text: str) -> bool:
    """True when ``text`` starts with a section number of any kind."""
    return split_numbering(text)[1] != text
