"""Is a line of plain text a section heading?

Plain text has no fonts, so a heading is recognised by its shape: a short
line (at most twelve words) that starts with a capital or a section number,
has no final full stop, comma or semicolon, does not end on a small word
("of", "the" ...), and is numbered ("2.1 Study design"), in
Title Case or ALL CAPS, or a heading the lexicon knows. ``strict=False``
(a line standing alone between blank lines) also accepts a short
sentence-case line, since body paragraphs are rarely one short line, but not a
labelled field with its value in lower case ("Route: oral").
"""

from __future__ import annotations

import re

from kapextract.sections.lexicon import HeadingLexicon, lexicon
from kapextract.sections.numbering import split_numbering

MAX_CHARS = 120
MAX_WORDS = 12

_SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "vs", "versus", "with", "without", "via"]
)
_NOT_HEADING = re.compile(r"https?://|www\.|@|\bdoi\b|\bet al\b|[=<>\u00b1]|\.\s+[a-z]", re.I)
#: a labelled field with its value in lower case: "Preparation: compounded ketamine troche", "Route: oral"
_FIELD_LINE = re.compile(r"[A-Z][A-Za-z -]{0,30}:\s+[a-z0-9]")
_CAPTION = re.compile(
    r"^\s*(?:Table|TABLE|Fig(?:ure)?s?\.?|FIG(?:URE)?\.?|Supplementary (?:Table|Figure))\s*(?:[A-Z]?\d+[A-Za-z]?|[IVX]{1,5}\b)"
    r"(?:\s*[.:|\u2013\u2014-]|\s+(?=[A-Z(\[\"'])|\s*$)"
)


def is_caption(line: str) -> bool:
    """True when ``line`` opens a table or figure caption ("Table 2 ...", "Fig. 3.")."""
    return bool(_CAPTION.match(line))


def is_table_caption(line: str) -> bool:
    """True when ``line`` opens a table caption."""
    return is_caption(line) and bool(re.match(r"^\s*(?:Table|TABLE|Supplementary Table)", line))


def _title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _SMALL_WORDS and any(c.isalpha() for c in w)]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return caps / len(content) >= 0.75


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def heading_level(line: str) -> int | None:
    """Level implied by the heading's number, if any."""
    return split_numbering(line.strip())[0]


def looks_like_heading(line: str, strict: bool = True, lex: HeadingLexicon | None = None) -> bool:
    """True when ``line`` (one line, no newline) looks like a section heading."""
    s = line.strip()
    if not s or len(s) > MAX_CHARS or "\t" in s:
        return False
    level, rest = split_numbering(s)
    rest = rest.strip()
    if not rest:
        return False
    first = rest[0]
    if not (first.isupper() or (first.isdigit() and level is not None)):
        return False  # a heading starts with a capital ("method." ends a sentence)
    hit = (lex or lexicon()).lookup(rest)
    words = rest.split()
    if hit is not None and hit.exact and len(words) <= 8:
        # "19. Randomization." in a reference list is not a heading
        return hit.tier == "major" or not rest.endswith(".")
    if len(words) > MAX_WORDS or is_caption(s) or _NOT_HEADING.search(rest) or ";" in rest:
        return False
    if rest.endswith((".", ",", ";", ":")) and not rest.endswith("..."):
        return False
    if words[-1].lower() in _SMALL_WORDS:
        return False  # "... guidance on ethnic factors in the" runs on
    if sum(c.isalpha() for c in rest) < 3 or sum(c.isdigit() for c in rest) > len(rest) / 4:
        return False
    if level is not None or _all_caps(rest):
        return True
    if _title_case(words) and len(words) <= 10:
        return True
    # (not a field of a box or list, "Preparation: compounded ketamine troche, prescribed individually")
    return not strict and len(words) <= 10 and not _FIELD_LINE.match(rest)
