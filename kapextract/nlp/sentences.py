"""Sentence boundaries for scientific text: ``kap_sentences``.

Requires: tokens (any tokenizer). Sets: ``token.is_sent_start`` for every token.

A sentence ends at ".", "!" or "?" (or a token ending in ".") when the next token starts
with a capital letter, a digit or an opening bracket/quote – except after the
abbreviations that never end a sentence ("Fig.", "et al.", "vs.", "e.g.", "i.e.", single
initials – but a letter that names a group ends one: "randomized to group B. Fifty ..."). Route and dosing abbreviations ("i.v.", "i.m.", "b.i.d.") end a sentence only
when a capitalised word follows. A blank line starts a new sentence, and so does a single line
break unless it is a wrap inside a sentence, as text from PDFs has them (the next line goes on
in lower case, or with a digit or a bracket after a lower-case word, or the line ends with a
comma, a hyphen or a word such as "the"). The word lists
are ``sentence_abbreviations`` and ``letter_label_words`` in ``resources/extraction_lexicon.json``.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kapextract.vocab import load_lexicon

_OPENERS = set("([“\"'‘")

#: words a sentence does not end with: a line break after them is a wrap
_NO_END_WORDS = frozenset({
    "a", "an", "the", "of", "to", "and", "or", "nor", "with", "without", "in", "for", "at", "by", "from", "on", "onto",
    "versus", "vs", "than", "as", "into", "per", "during", "after", "before", "within", "over", "under", "between",
    "among", "via", "plus", "including", "that", "which", "who", "whom", "whose", "was", "were", "is", "are", "be",
    "been", "had", "has", "have", "their", "its", "our", "this", "these", "those", "each", "both", "either",
})


#: the labels that a number follows ("Study 1", "Table 2"): a line that ends with one wraps before its number
_PART_LABELS = frozenset({"Study", "Part", "Phase", "Stage", "Table", "Figure", "Fig.", "Cohort", "Arm", "Group", "Week", "Day"})
#: a short form of capitals with full stops: "S.R.", "U.S.P."
_DOTTED_CAPITALS = re.compile(r"(?:[A-Z]\.){2,}")
#: a dose at the start of a line: "56 or 84 mg", "0.25 mg/kg"
_DOSE_AHEAD = re.compile(r"\d+(?:[.,]\d+)?(?:\s*(?:or|and|-|–|to)\s*\d+(?:[.,]\d+)?)?\s?(?:mg|µg|mcg|ug)\b")


@Language.factory("kap_sentences")
def make_sentences(nlp: Language, name: str) -> KapSentences:
    """Rule sentence segmentation that copes with "i.v.", "Fig.", "et al." and "vs."."""
    return KapSentences()


class KapSentences:
    def __init__(self) -> None:
        lex = load_lexicon()
        self.never_end = lex.never_end
        self.may_end = lex.may_end
        self.letter_words = set(lex.letter_label_words)

    def _ends(self, texts: list[str], spaces: list[str], i: int) -> bool:
        """Does token ``i`` end a sentence (given that token i+1 exists)?"""
        text, nxt = texts[i], texts[i + 1]
        first = nxt[0]
        starts_upper = first.isupper() or first.isdigit() or first in _OPENERS
        if text in ("!", "?"):
            return starts_upper
        if not text.endswith(".") or not starts_upper:
            return False
        if text == ".":
            if i == 0:
                return True
            prev = texts[i - 1]
            if spaces[i - 1]:
                word = None
            else:
                word = (prev + ".").lower()
                if prev.lower() == "al" and i >= 2 and texts[i - 2].lower() == "et":
                    word = "et al."
        else:
            word = text.lower()
        if word is not None:
            if word in self.never_end:
                return False
            orig = text if text != "." else texts[i - 1] + "."
            if _DOTTED_CAPITALS.fullmatch(orig) and _DOSE_AHEAD.match(self._rest(texts, spaces, i + 1)):
                return False  # "Diphereline® S.R. 3.75mg": a formulation's short form before the product's dose
            if len(orig) == 2 and orig[0].isalpha() and orig[0].isupper():
                before = texts[i - 1] if text != "." else (texts[i - 2] if i >= 2 else "")
                # an initial ("J. Smith"), unless the letter names a group ("... to group B. Fifty-five")
                return before.lower() in self.letter_words
            if word in self.may_end:
                return first.isupper() and not nxt.isupper()
        return True

    @staticmethod
    def _soft_wrap(prev: str, space: str, nxt: str, rest: str = "") -> bool:
        """Is the single line break after ``prev`` a wrap inside a sentence, as in text from a
        PDF ("In an earlier trial, a\nsingle ketamine infusion")? It is when the next line goes
        on in lower case, or with a bracket or a digit after a lower-case word, or the line ends with a comma,
        a hyphen or a word that cannot end a sentence ("the", "during", "were"). A blank line,
        or a line that ends otherwise before a capital, a digit or a bracket (a table row, a
        list item, a heading), starts a sentence, but for a capitalised name before its dose
        ("Esketamine\n56 or 84 mg was given": ``rest`` is the text from ``nxt`` on)."""
        if space.count("\n") > 1 or not nxt:
            return False
        if nxt[0].islower():
            return True
        last = prev.rsplit("-", 1)[-1]
        if (nxt[0] in "([" or nxt[0].isdigit()) and last.isalpha() and last.islower() and prev.replace("-", "").isalpha():
            # "... or of diphenhydramine\n(50 mg) weekly", "all later sessions used\n84 mg", "of S-ketamine\n0.25 mg/kg"
            return True
        if last.isalpha() and len(last) > 3 and last[0].isupper() and last[1:].islower() and _DOSE_AHEAD.match(rest):
            return True
        if prev in _PART_LABELS and (nxt in ("1", "2", "3", "4", "A", "B", "C", "I", "II", "III")):
            return True  # "In Study\n1, an open pilot", "see Table\n2": a label and its number
        return prev.endswith((",", "-", "\u2013")) or prev.lower() in _NO_END_WORDS

    @staticmethod
    def _rest(texts: list[str], spaces: list[str], i: int) -> str:
        """The text from token ``i`` on, a few tokens of it, where a dose may start there (not
        ``doc.text``: spaCy builds it anew at every access)."""
        if not texts[i][:1].isdigit():
            return ""
        return "".join(t + w for t, w in zip(texts[i : i + 8], spaces[i : i + 8], strict=False))

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        texts = [t.text for t in doc]
        spaces = [t.whitespace_ for t in doc]
        arr = numpy.zeros((n, 1), dtype="int64")
        arr[0, 0] = 1
        for i in range(1, n):
            prev = texts[i - 1]
            if "\n" in prev and not prev.strip():  # a line-break token: the word before it ends the line
                brk = not self._soft_wrap(texts[i - 2] if i >= 2 else "", prev, texts[i], self._rest(texts, spaces, i))
            else:
                brk = ("\n" in spaces[i - 1]
                       and not self._soft_wrap(prev, spaces[i - 1], texts[i], self._rest(texts, spaces, i)))
            if brk or self._ends(texts, spaces, i - 1):
                arr[i, 0] = 1
            else:
                arr[i, 0] = -1
        doc.from_array([SENT_START], arr.astype("uint64"))
        return doc
