"""Sentence boundaries for scientific text: ``kap_sentences``.

Requires: tokens (any tokenizer). Sets: ``token.is_sent_start`` for every token.

A sentence ends at ".", "!" or "?" (or a token ending in ".") when the next token starts
with a capital letter, a digit or an opening bracket/quote – except after the
abbreviations that never end a sentence ("Fig.", "et al.", "vs.", "e.g.", "i.e.", single
initials). Route and dosing abbreviations ("i.v.", "i.m.", "b.i.d.") end a sentence only
when a capitalised word follows. A line break always starts a new sentence. The word lists
are ``sentence_abbreviations`` in ``resources/extraction_lexicon.json``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kapextract.nlp.vocab import load_lexicon

_OPENERS = set("([“\"'‘")


@Language.factory("kap_sentences")
def make_sentences(nlp: Language, name: str) -> KapSentences:
    """Rule sentence segmentation that copes with "i.v.", "Fig.", "et al." and "vs."."""
    return KapSentences()


class KapSentences:
    def __init__(self) -> None:
        lex = load_lexicon()
        self.never_end = lex.never_end
        self.may_end = lex.may_end

    def _ends(self, doc: Doc, i: int) -> bool:
        """Does token ``i`` end a sentence (given that token i+1 exists)?"""
        tok, nxt = doc[i], doc[i + 1]
        text = tok.text
        first = nxt.text[0]
        starts_upper = first.isupper() or first.isdigit() or first in _OPENERS
        if text in ("!", "?"):
            return starts_upper
        if not text.endswith("."):
            return False
        if text == ".":
            if i == 0:
                return starts_upper
            prev = doc[i - 1]
            if prev.whitespace_:
                word = None
            else:
                word = (prev.text + ".").lower()
                if prev.i > 0 and prev.text.lower() == "al" and doc[prev.i - 1].lower_ == "et":
                    word = "et al."
        else:
            word = text.lower()
        if word is not None:
            if word in self.never_end:
                return False
            if len(word) == 2 and word[0].isalpha() and (tok.text[0].isupper() or doc[i - 1].text.isupper()):
                return False  # an initial: "J. Smith"
            if word in self.may_end:
                return first.isupper() and not nxt.text.isupper()
        return starts_upper

    def __call__(self, doc: Doc) -> Doc:
        for i, tok in enumerate(doc):
            if i == 0:
                tok.is_sent_start = True
                continue
            prev = doc[i - 1]
            brk = "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text) or self._ends(doc, i - 1)
            tok.is_sent_start = bool(brk)
        return doc
