"""Page furniture in plain text copied out of a PDF: page numbers and running heads.

Text pasted or converted from a journal PDF keeps, at every page break, the
page number and the running head ("Okafor et al. · Flexible-dose KAP", "J
Addict Med 2021;15(6)"), often in the middle of a sentence or of a word split
by a hyphen. :func:`drop_page_furniture` requires normalized text ("\\n"
newlines) and returns it without those lines, so that the sentence and the
word run on as they were printed.

* **Page breaks** are found by their page numbers: a line that is a bare
  number ("88", "- 2 -", "Page 3 of 9", "1 of 3") or a short line that opens
  or ends with one beside a separator ("2 | Okafor et al.", "J Psychiatr 2023
  · 11(3)     215"). The numbers must run on by one (88, 89, 90), at least
  :data:`MIN_PAGE_LINES` lines apart (a page's foot and the next page's
  head, one of them beside a running head, may stand closer: "23" / "24   J
  Palliat Psychother 2024;7(1):23-31"), in a chain of at least two; a lone
  number line or numbers out of order are text (a table cell, a list).
* **Running heads** are the lines beside a page number (up to two on each side,
  blank lines skipped) that look like an author line ("Lindqvist et al. ·
  ...") or a journal line ("Trials 2015; 16: 2", "(2025)", "11(3)", "Vol. 12"),
  or a title in capitals printed word for word on other pages; and, anywhere,
  an author or journal line printed word for word at least twice (without a
  DOI: a reference list repeats its journals' names with other numbers). A
  short title line without a sentence end that splits a sentence at a page
  break ("... a HAM-A score of / Ketamine lozenges and ACT / 1241 / 20 or
  more") is one too. A line that the heading lexicon knows ("Results"), a
  line with fewer than two words and a table row (a tab) never are.
* The furniture and the blank lines around it become one line break when the
  text runs on (the line before ends without a sentence end, or the line after
  begins in lower case), else a blank line when there was one.

The result is the text that every offset indexes (``Document.text``), as with
the joined hyphenated words.
"""

from __future__ import annotations

import re
from collections import Counter

from kapextract.sections.lexicon import lexicon

#: Consecutive page numbers stand at least this many lines apart.
MIN_PAGE_LINES = 12
#: ... except a page's foot and the next page's head, which may stand this many lines apart
#: when one of them carries a running head (:func:`_foot_then_head`).
MAX_FOOT_HEAD_GAP = 4
#: A line longer than this is never furniture.
MAX_FURNITURE_CHARS = 130
#: A running title without author or journal (found only where it splits a sentence) is at most this long.
MAX_TITLE_CHARS = 90
#: ... and shorter than this share of a full line (the text's 80th percentile of line lengths).
SHORT_TITLE = 0.6

_NUMBER = r"(?:page\s*)?(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?"
_BARE = re.compile(rf"^[-\u2013\u2014\s]*{_NUMBER}[-\u2013\u2014\s]*$", re.I)
_SEPARATOR = r"(?:\s*[|\u00b7\u2022]\s*|\s{2,}|\t+)"
_LEADING = re.compile(rf"^{_NUMBER}{_SEPARATOR}\S", re.I)
_TRAILING = re.compile(rf"(?<=\S){_SEPARATOR}{_NUMBER}$", re.I)
# "J Addict Med 2021;15(6)", "Trials (2015) 16:2", "Front. Psychiatry 14:1172096"
_CITATION = re.compile(
    r"\b(?:19|20)\d{2}\s*[;:]\s*\d|\((?:19|20)\d{2}\)\s*\d+\s*[:(]|\b\d{1,4}\s*\(\d{1,3}\)\s*:|\b\d{1,3}:\s*[e]?\d{3,}\b"
)
_AUTHORS = re.compile(r"\bet\s+al\.?(?:\s|$|[:,])", re.I)
# "(2025)", "11(3)", "Vol. 12", "Page 2"
_JOURNAL = re.compile(r"\((?:19|20)\d{2}\)|\b\d{1,4}\(\d{1,3}\)|\bvol(?:ume)?\.?\s*\d|\bpage\s+\d", re.I)
# a table row: numbers in columns ("median    3        3", "7.6 (3.9)   10.2 (3.7)")
_COLUMN_ROW = re.compile(r"\d[\d.,%)]*(?:\s{2,}|\t)\S*\d")
_SENTENCE_END = (".", "?", "!", ":")
_WORD = re.compile(r"[A-Za-z]{2,}")
_LINK = re.compile(r"\bdoi:\s*\S+|\b10\.\d{4,9}/\S+|https?://\S+|\bwww\.\S+", re.IGNORECASE)


def _page_number(line: str) -> int | None:
    """The page number a line carries, or None.

    A bare number always counts; a number beside other text only when that text
    is head-like (an author or citation line), or, beside a wide gap of spaces, a
    title in capitals. "2 | METHODS" is a numbered heading; "Would you recommend
    it?   5" a table row.
    """
    if len(line) > MAX_FURNITURE_CHARS:
        return None
    m = _BARE.match(line)
    if m:
        return int(m.group(1))
    for pattern in (_LEADING, _TRAILING):
        m = pattern.search(line)
        if m is None:
            continue
        rest = (line[m.end(1):] if pattern is _LEADING else line[:m.start()]).strip(" \t|\u00b7\u2022")
        if _head_like(rest) or re.search(r"\bpage\b", m.group(0), re.IGNORECASE):
            return int(m.group(1))  # ("... Open Access    Page 3 of 8": a page, so named)
        wide_gap = "\t" not in line and re.search(r" {3,}", line[m.start():m.end()]) is not None  # (tabs: a table row)
        if wide_gap and not _known_heading(rest) and _capitals(rest) and _COLUMN_ROW.search(line) is None:
            return int(m.group(1))
    return None


def _known_heading(line: str) -> bool:
    hit = lexicon().lookup(line)
    return hit is not None and hit.exact


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _page_chain(lines: list[str]) -> list[int]:
    """Indices of the longest run of page-number lines numbered n, n+1, ... in text order."""
    candidates = [(i, n) for i, ln in enumerate(lines) if (n := _page_number(ln.strip())) is not None]
    best: list[int] = []
    for k, (i0, n0) in enumerate(candidates):
        chain, last_i, want = [i0], i0, n0 + 1
        for i, n in candidates[k + 1:]:
            if n == want and (i - last_i >= MIN_PAGE_LINES or _foot_then_head(lines, last_i, i)):
                chain.append(i)
                last_i, want = i, n + 1
        if len(chain) > len(best):
            best = chain
    return best if len(best) >= 2 else []


def _foot_then_head(lines: list[str], i: int, j: int) -> bool:
    """Are lines ``i`` and ``j`` (numbered n and n+1) one page's foot and the next page's head,
    a few lines apart, one of them a number beside a running head ("23" / "24   J Palliat
    Psychother 2024;7(1):23-31")? Such a pair needs no distance between them."""
    return 0 < j - i <= MAX_FOOT_HEAD_GAP and not (_BARE.match(lines[i].strip()) and _BARE.match(lines[j].strip()))


def is_head_line(line: str) -> bool:
    """Is ``line`` a journal or author line ("J Addict Med 2021;15(6)", "Okafor et al. · ...")?"""
    return _head_like(line.strip())


def _head_like(line: str) -> bool:
    """An author or citation line: short, with "et al.", a journal's year and volume, or "Page"."""
    if not line or len(line) > MAX_FURNITURE_CHARS:
        return False
    if line.endswith(".") and not _AUTHORS.search(line[-8:]):
        return False
    return bool(_AUTHORS.search(line) or _CITATION.search(line) or _JOURNAL.search(line))


def _furniture_lines(lines: list[str]) -> set[int]:
    stripped = [ln.strip() for ln in lines]
    exact = Counter(s for s in stripped if s)

    def running_head(s: str, near_page_number: bool) -> bool:
        if not s or "\t" in s or len(s) > MAX_FURNITURE_CHARS or len(_WORD.findall(_LINK.sub(" ", s))) < 2 or _known_heading(s):
            return False  # a running head has words ("666:189-194. doi:10.1016/..." in a reference list has none)
        if near_page_number:
            return _head_like(s) or (exact[s] >= 2 and _capitals(s))
        # away from a page number: the same line word for word, without a DOI (a reference list
        # repeats its journals' names with other numbers: "Respir Med. 2003;97:323-30. doi:...")
        return exact[s] >= 2 and _head_like(s) and not _LINK.search(s)

    drop: set[int] = set()
    limit = _title_limit(stripped)
    for i in _page_chain(stripped):
        drop.add(i)
        edges = []
        for step in (-1, 1):
            j, taken = i + step, 0
            while 0 <= j < len(lines) and taken < 2:
                if not stripped[j]:
                    j += step
                    continue
                if not running_head(stripped[j], near_page_number=True):
                    break
                drop.add(j)
                taken += 1
                j += step
            edges.append(j)
        drop.update(_interrupting_title(stripped, drop, limit, *edges))
    drop.update(i for i, s in enumerate(stripped) if i not in drop and running_head(s, near_page_number=False))
    return drop


def _text_line(stripped: list[str], drop: set[int], j: int, step: int) -> int:
    """The first line from ``j`` on (in direction ``step``) that is neither blank nor dropped; -1 if none."""
    while 0 <= j < len(stripped) and (not stripped[j] or j in drop):
        j += step
    return j if 0 <= j < len(stripped) else -1


def _title_limit(stripped: list[str]) -> float:
    """The longest a running title may be: :data:`SHORT_TITLE` of a full line (the text's 80th
    percentile of line lengths), and at most :data:`MAX_TITLE_CHARS`."""
    lengths = sorted(len(s) for s in stripped if s)
    full = lengths[int(len(lengths) * 0.8)] if lengths else 0
    return min(MAX_TITLE_CHARS, SHORT_TITLE * full)


def _interrupting_title(stripped: list[str], drop: set[int], limit: float, before: int, after: int) -> list[int]:
    """A running title on one side of a page break that splits a sentence.

    "... a HAM-A score of / Ketamine lozenges and ACT for anxiety / 1241 / 20 or
    more, and ...": the line beside the page furniture is short (at most ``limit``,
    :func:`_title_limit`), has no sentence end and opens with a capital, while the
    sentence around it runs on.
    """

    def title_like(s: str) -> bool:
        return 0 < len(s) <= limit and s[:1].isupper() and not s.endswith(_SENTENCE_END + (",", ";"))

    def runs_on(first: int, second: int) -> bool:
        return (
            first >= 0
            and second >= 0
            and not stripped[first].endswith(_SENTENCE_END)
            and (stripped[second][:1].islower() or stripped[second][:1].isdigit())
        )

    out = []
    if (before >= 0 and title_like(stripped[before]) and not _known_heading(stripped[before])
            and runs_on(_text_line(stripped, drop, before - 1, -1), _text_line(stripped, drop, after, 1))):
        out.append(before)
    if (0 <= after < len(stripped) and title_like(stripped[after]) and not _known_heading(stripped[after])
            and runs_on(_text_line(stripped, drop, before, -1), _text_line(stripped, drop, after + 1, 1))):
        out.append(after)
    return out


def drop_page_furniture(text: str) -> str:
    """``text`` without its page numbers and running heads (see the module docstring)."""
    lines = text.split("\n")
    drop = _furniture_lines(lines)
    if not drop:
        return text
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i not in drop and (lines[i].strip() or not _run_has_drop(lines, drop, i)):
            out.append(lines[i])
            i += 1
            continue
        # a run of dropped and blank lines holding at least one dropped line
        j, blank = i, False
        while j < len(lines) and (j in drop or not lines[j].strip()):
            blank = blank or (j not in drop)
            j += 1
        before = next((s for s in reversed(out) if s.strip()), "")
        after = lines[j].strip() if j < len(lines) else ""
        if not before or not after:
            if before and blank:
                out.append("")
        elif not before.rstrip().endswith(_SENTENCE_END) or after[:1].islower():
            pass  # the sentence runs on: one line break
        elif blank:
            out.append("")
        i = j
    return "\n".join(out)


def _run_has_drop(lines: list[str], drop: set[int], i: int) -> bool:
    """Whether the run of blank and dropped lines starting at blank line ``i`` holds a dropped line."""
    while i < len(lines) and (i in drop or not lines[i].strip()):
        if i in drop:
            return True
        i += 1
    return False
