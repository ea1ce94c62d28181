"""Words split by a hyphen at a line end, shared by the PDF and plain-text ingesters.

A hyphen that ends a line either belongs to the word ("placebo-controlled",
"moderate-to-vigorous") or only splits it for the line break ("keta- / mine").
:func:`keep_hyphen` decides from the document's own words (its *vocabulary*,
see :func:`line_vocabulary`) and from the prefixes in
``resources/compound_prefixes.tsv``. :func:`join_wrapped_words` applies the
decision to hard-wrapped plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

#: A word for the vocabulary: letters, with inner apostrophes and hyphens.
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
#: Characters that end a line as a word-splitting hyphen.
HYPHENS = frozenset("-\u2010\u00ad")

# a line of plain text that ends in a letter and a hyphen, and the word that opens the next line
_WRAPPED_WORD = re.compile(r"(?<=[A-Za-z])[-\u2010][ \t]*\n[ \t]*(?=[a-z])")
_TOKEN = re.compile(r"\S+")
# the halves of a hyphenated number word ("twenty-one" ... "ninety-nine")
_TENS = frozenset(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
_UNITS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])


@lru_cache(maxsize=1)
def compound_prefixes() -> frozenset[str]:
    """Word beginnings usually joined by a real hyphen (``resources/compound_prefixes.tsv``)."""
    text = resources.files("kapextract.resources").joinpath("compound_prefixes.tsv").read_text("utf-8")
    out = set()
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        prefix = line.split("\t")[0].strip()
        if not prefix.isalpha() or not prefix.islower():
            raise ValueError(f"compound_prefixes.tsv line {lineno}: expected a lower-case prefix")
        out.add(prefix)
    return frozenset(out)


def line_vocabulary(lines: Iterable[str]) -> set[str]:
    """The lower-cased words of ``lines``, less each line's first word and a hyphen-ended last word.

    Those two may be the halves of a split word, so they do not vouch for a spelling.
    """
    vocab: set[str] = set()
    for line in lines:
        words = WORD.findall(line)
        if words and line.rstrip()[-1:] in HYPHENS:
            words = words[:-1]
        vocab.update(w.lower() for w in words[1:])
    return vocab


def keep_hyphen(before: str, after: str, vocab: set[str]) -> bool:
    """Whether a hyphen at a line end belongs to the word (a compound) or only splits it.

    ``before`` is the line up to the hyphen, ``after`` the next line. Decided
    from the document's own words (``vocab``): the joined word used elsewhere
    -> split; the hyphenated form used elsewhere -> compound; a compound
    prefix ("pre", "non" ...) before a word used elsewhere, or two words both
    used elsewhere ("placebo" + "controlled") -> compound; otherwise split. A
    capital or digit after the hyphen, or a chain ("moderate-to-"), keeps it.
    """
    m1 = re.search(r"([A-Za-z]+)$", before)
    m2 = re.match(r"([A-Za-z]+)", after)
    if not m1 or not m2:
        return True
    w1, w2 = m1.group(1).lower(), m2.group(1).lower()
    if not after[:1].islower():
        return True
    token = after.split(None, 1)[0] if after.split() else ""
    last = before.split()[-1] if before.split() else ""
    if "-" in token.rstrip("-.,;:)") or "-" in last:
        return True  # a chain such as "moderate-to-vigorous"
    if w1 in _TENS and w2 in _UNITS:
        return True  # "Eighty-" / "seven": a number word
    joined, hyph = w1 + w2, w1 + "-" + w2
    if joined in vocab and hyph not in vocab:
        return False
    if hyph in vocab:
        return True
    if w1 in compound_prefixes() and len(w2) >= 5 and w2 in vocab:
        return True
    return len(w1) >= 3 and len(w2) >= 2 and w1 in vocab and w2 in vocab


def join_wrapped_words(text: str) -> str:
    """Hard-wrapped plain text with every word split across a line end made whole again.

    "... of keta-\\nmine was given" becomes "... of ketamine\\nwas given": the second
    half of the word moves up to the first (with punctuation glued to it) and the
    line break follows it, so the text keeps its lines. A compound keeps its hyphen
    ("placebo-\\ncontrolled" -> "placebo-controlled\\n"). Text with no hyphen at a
    line end is returned unchanged.
    """
    if not _WRAPPED_WORD.search(text):
        return text
    vocab = line_vocabulary(text.split("\n"))
    out: list[str] = []
    pos = 0
    for m in _WRAPPED_WORD.finditer(text):
        if m.start() < pos:
            continue  # inside a token already moved up
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        before, after = text[line_start:m.start()], text[m.end():line_end]
        token = _TOKEN.match(after)
        if token is None:
            continue
        hyphen = text[m.start()] if keep_hyphen(before, after, vocab) else ""
        moved_end = m.end() + token.end()
        out.append(text[pos:m.start()] + hyphen + token.group())
        tail = after[token.end():]
        pos = moved_end
        if tail.strip():
            # the line break follows the moved half; the spaces after it are dropped
            out.append("\n")
            pos += len(tail) - len(tail.lstrip(" \t"))
    out.append(text[pos:])
    return "".join(out)
