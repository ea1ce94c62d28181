"""The pipeline's tokenizer: scispaCy's ``combined_rule_tokenizer`` plus dotted abbreviations.

scispaCy splits "i.v." into "i.v" + "."; the dotted route and dosing abbreviations of
``extraction_lexicon.json`` (``sentence_abbreviations``) are added as special cases so they
stay one token and the sentence splitter can judge them. Registered as
``kapextract.kap_tokenizer.v1`` so a trained pipeline saved from this nlp reloads with it.
"""

from __future__ import annotations

import warnings

import spacy
from scispacy.custom_tokenizer import combined_rule_tokenizer

from kapextract.nlp.vocab import load_lexicon

# scispaCy's infix pattern trips a FutureWarning of the re module when spaCy compiles it
warnings.filterwarnings("ignore", category=FutureWarning, module=r"spacy\.util")


def make_tokenizer(nlp):
    """scispaCy's combined rule tokenizer with the lexicon's dotted abbreviations as special cases."""
    tok = combined_rule_tokenizer(nlp)
    lex = load_lexicon()
    for abbr in sorted(lex.may_end | lex.never_end):
        if abbr.count(".") >= 2 and " " not in abbr:
            for form in {abbr, abbr.upper()}:
                tok.add_special_case(form, [{"ORTH": form}])
    return tok


@spacy.registry.tokenizers("kapextract.kap_tokenizer.v1")
def create_kap_tokenizer():
    def create(nlp):
        # spaCy calls this inside Language.__init__, before nlp.tokenizer exists; scispaCy's
        # tokenizer reads the default tokenizer's token_match, so build that one first
        if not hasattr(nlp, "tokenizer"):
            nlp.tokenizer = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        return make_tokenizer(nlp)

    return create
