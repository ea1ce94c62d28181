"""Manuscript line numbers in plain text: "12 randomized to six infusions of ketamine (0.5 mg/kg) or".

Accepted author manuscripts, preprints and review copies print a number at the
start of every line, running through the paper (1, 2, 3, ...) or starting
again on every page. Copied into plain text, the numbers open every line and
read as counts ("45 sessions", "13 Thirty-six patients"). :func:`drop_line_numbers`
requires normalized text ("\\n" newlines) and returns it without them:

* A **line number** opens a line and is followed by white space ("12 over 40
  minutes"), or stands alone on a numbered empty line.
* Numbers count as line numbers only in **chains**: each one is the one
  before plus one, with at most :data:`MAX_GAP` unnumbered lines between them
  (a running head, a banner, a page number). A chain needs
  :data:`MIN_CHAIN` numbers; the chains together must number at least
  :data:`MIN_SHARE` of the text's non-blank lines and one of them must be
  :data:`MIN_LONGEST` long. A numbered list, a reference list or the week
  column of a table is a short chain or a small part of the text.
* The number and the spaces after it are dropped; a numbered empty line
  becomes empty.
* **Double spacing**: where the manuscript's hard-wrapped lines (at least
  :data:`WRAPPED` of the numbered lines run on, without a sentence end) are
  separated by blank lines (most numbered lines followed by exactly one blank
  line), that blank line is
  spacing, not a paragraph break, and is dropped, so the lines of a paragraph
  stand together again. Whole paragraphs, one per numbered line, keep their
  blank lines.

The result is the text that every offset indexes (``Document.text``).
"""

from __future__ import annotations

import re

#: the number that opens a line, and the white space after it (or the end of the line)
_LEADING_NUMBER = re.compile(r"^[ \t]*(\d{1,5})(?:[ \t]+(?=\S)|[ \t]*$)")

#: A chain of line numbers has at least this many numbers.
MIN_CHAIN = 10
#: ... and the longest chain at least this many.
MIN_LONGEST = 20
#: The chains number at least this share of the text's non-blank lines.
MIN_SHARE = 0.5
#: At most this many non-blank unnumbered lines stand between two numbers of a chain.
MAX_GAP = 6
#: The text is double-spaced when at least this share of its numbered lines is followed by one blank line.
DOUBLE_SPACED = 0.6
#: ... and at least this share of its numbered lines runs on without a sentence end (hard-wrapped
#: lines, not whole paragraphs).
WRAPPED = 0.5

_RUNS_ON = re.compile(r"[^.:;?!)\]\s]\s*$")


def _chains(lines: list[str]) -> list[list[int]]:
    """The chains of line numbers: lists of line indexes whose leading numbers run on by one."""
    chains: list[list[int]] = []
    open_chains: list[tuple[int, int, int]] = []  # (chain index, last number, non-blank lines since)
    for i, line in enumerate(lines):
        m = _LEADING_NUMBER.match(line)
        if m is None:
            if line.strip():
                open_chains = [(c, n, gap + 1) for c, n, gap in open_chains if gap + 1 <= MAX_GAP]
            continue
        n = int(m.group(1))
        hit = next((k for k, (_c, last, _g) in enumerate(open_chains) if last + 1 == n), None)
        if hit is None:
            chains.append([i])
            open_chains.append((len(chains) - 1, n, 0))
        else:
            c = open_chains[hit][0]
            chains[c].append(i)
            open_chains[hit] = (c, n, 0)
        # a number that continues no chain and opens none of use is forgotten with its chain
        open_chains = [(c, last, gap if last == n else gap + 1) for c, last, gap in open_chains
                       if last == n or gap + 1 <= MAX_GAP]
    return [c for c in chains if len(c) >= MIN_CHAIN]


def numbered_lines(text: str) -> set[int]:
    """Indexes of the lines of ``text`` that open with a manuscript line number (empty when there are none)."""
    return _numbered(text.split("\n"))


def _numbered(lines: list[str]) -> set[int]:
    chains = _chains(lines)
    if not chains or max(len(c) for c in chains) < MIN_LONGEST:
        return set()
    numbered = {i for c in chains for i in c}
    non_blank = sum(1 for ln in lines if ln.strip())
    if len(numbered) < MIN_SHARE * non_blank:
        return set()
    return numbered


def drop_line_numbers(text: str) -> str:
    """``text`` without its manuscript line numbers (see the module docstring)."""
    lines = text.split("\n")
    numbered = _numbered(lines)
    if not numbered:
        return text
    spaced = sum(1 for i in numbered
                 if i + 2 < len(lines) and not lines[i + 1].strip() and i + 2 in numbered)
    runs_on = sum(1 for i in numbered if _RUNS_ON.search(lines[i]))
    double = spaced >= DOUBLE_SPACED * len(numbered) and runs_on >= WRAPPED * len(numbered)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in numbered:
            out.append(line[_LEADING_NUMBER.match(line).end():])
        elif double and not line.strip() and i - 1 in numbered and i + 1 in numbered:
            continue  # the blank line of double spacing
        else:
            out.append(line)
    return "\n".join(out)
