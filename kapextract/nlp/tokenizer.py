"""The pipeline's tokenizer: scispaCy's ``combined_rule_tokenizer`` plus dotted abbreviations.

Paired names and amounts ("ketamine/xylazine (91.0/9.1 mg/kg)") are split at the slash so
each drug and each amount is its own token, and so are the parts of a hyphenated word that
start or end with a drug: an acronym before a hyphen ("LPS-induced", "DCS-first",
"CBT-based"), a word before a hyphenated affix of ``hyphen_affixes`` in
``extraction_lexicon.json`` ("ketamine-induced", "vehicle-treated", "pentobarbital-sodium"), a
word before a hyphen and a drug name of ``drugs.tsv`` ("propofol-lidocaine",
"endotoxin-dexmedetomidine"), and names joined by "+" or "&" ("AQ+SP", "CCBT&TAU"). Chemical
prefixes stay attached ("S-ketamine", "N-acetylcysteine", "d-cycloserine"). scispaCy splits "i.v." into "i.v" + "."; the dotted route and dosing abbreviations of
``extraction_lexicon.json`` (``sentence_abbreviations``) are added as special cases so they
stay one token and the sentence splitter can judge them (the dosing rates of its
``split_full_stop``, "b.i.d.", keep their full stop as a token of its own, which no FREQUENCY
span holds). Registered as
``kapextract.kap_tokenizer.v1`` so a trained pipeline saved from this nlp reloads with it.
"""

from __future__ import annotations

import re
import warnings

import spacy
from scispacy.custom_tokenizer import combined_rule_tokenizer

from kapextract.vocab import alternation, load_drugs, load_lexicon

# scispaCy's infix pattern trips a FutureWarning of the re module when spaCy compiles it
warnings.filterwarnings("ignore", category=FutureWarning, module=r"spacy\.util")


def _hyphen_splits() -> list[str]:
    """Infix patterns for the hyphens that join a drug to a word (see the module docstring)."""
    affixes = alternation(load_lexicon().hyphen_affixes)
    drugs = alternation(n for n in load_drugs().entries if n.isalpha() and len(n) >= 4)
    return [r"(?<=[A-Z]{2})-(?=[a-z]{3})",
            rf"(?<=[a-z]{{3}})-(?=(?:{affixes})(?![a-z]))",
            rf"(?<=[a-z]{{3}})-(?=(?:{drugs})(?![a-z]))",
            r"(?<=[A-Za-z]{2})[+&](?=[A-Za-z]{2})"]


def make_tokenizer(nlp):
    """scispaCy's combined rule tokenizer with the lexicon's dotted abbreviations as special cases."""
    if not hasattr(nlp, "tokenizer"):
        # built from a config: Language.__init__ asks for the tokenizer before it has one,
        # and scispaCy reads the default tokenizer's token_match
        from spacy.tokenizer import Tokenizer

        nlp.tokenizer = Tokenizer(nlp.vocab, token_match=nlp.Defaults.token_match)
    tok = combined_rule_tokenizer(nlp)
    # split "ketamine/xylazine" and "91.0/9.1" (paired drugs and their paired doses) but keep
    # units such as "mg/kg", "mcg/kg/min" whole
    # and split a closing bracket glued to a hyphenated word: "(35 mg/ kg)-xylazine"
    # and split a count glued to its "n=" ("N=400", "n:7", "12/group") or to what follows
    # its closing bracket ("(n = 4)Fig.", "(N = 676)—to")
    extra = [r"(?<=[A-Za-z]{3})/(?=[A-Za-z]{4})", r"(?<=\d)/(?=\d)",
             r"(?<=[^\s(\[])[)\]](?=-[A-Za-z])", r"(?<=[)\]])-(?=[A-Za-z])",
             r"(?<![A-Za-z][nN])(?<=[nN])[=:](?=\d)", r"(?<=\d)/(?=[A-Za-z]{4})",
             r"(?<=\d)[)\]](?=[A-Za-z\u2013\u2014])", r"(?<=[)\]])[\u2013\u2014](?=[A-Za-z])",
             # "placebo-controlled", "olanzapine-controlled": the comparator is a word of its own
             r"(?<=[a-z]{3})-(?=controlled\b)",
             # "THC+CBD (8 mg+16 mg)": amounts joined by "+"
             r"(?<=[A-Za-z])\+(?=\d)",
             # "CBT/SUD": two acronyms
             r"(?<=[A-Z]{2})/(?=[A-Z]{2})",
             # "25 mg/kg sulphadoxine/1.25 mg/kg pyrimethamine": a drug, then the next amount
             r"(?<=[a-z]{4})/(?=\d)",
             # a citation glued to a word: "over 24 weeks,21", "once weekly.23"
             r"(?<=[a-z]{3})[.,](?=\d{1,3}(?:[,\u2013-]\d{1,3})*(?:\s|$))",
             *_hyphen_splits()]
    tok.infix_finditer = re.compile("|".join([*extra, tok.infix_finditer.__self__.pattern])).finditer
    # a footnote mark glued to a word is its own token: "racemic ketamine.†", "ketamine‡"
    with warnings.catch_warnings():  # scispaCy's suffix pattern trips the same FutureWarning
        warnings.simplefilter("ignore", FutureWarning)
        tok.suffix_search = re.compile("|".join([r"[\u2020\u2021\u00a7\u00b6]+$", tok.suffix_search.__self__.pattern])).search
    # a comparison sign before a number is its own token: "for ≥5 days", "≤18 years"
    tok.prefix_search = re.compile("|".join([r"^[≥≤±~∼](?=\d)", tok.prefix_search.__self__.pattern])).search
    # scispaCy keeps a single digit glued to its closing bracket ("(n = 8)" -> "8)"), as for
    # list markers; the count must be its own token
    for d in "0123456789":
        for close in ")]":
            tok.add_special_case(d + close, [{"ORTH": d}, {"ORTH": close}])
    # spaCy's emoticon exceptions read a count as a face: "(N=3)" gave "N" + "=3", "(n<3)" "<3"
    tok.rules = {k: v for k, v in tok.rules.items() if not (re.search(r"\d", k) and not k[0].isalnum())}
    lex = load_lexicon()
    for abbr in sorted(lex.may_end | lex.never_end):
        if abbr.count(".") >= 2 and " " not in abbr:
            for form in {abbr, abbr.upper()}:
                if abbr in lex.split_full_stop:
                    # "b.i.d." is "b.i.d" + ".": the FREQUENCY span ends before the full stop
                    tok.add_special_case(form, [{"ORTH": form[:-1]}, {"ORTH": "."}])
                else:
                    tok.add_special_case(form, [{"ORTH": form}])
    return tok


@spacy.registry.tokenizers("kapextract.kap_tokenizer.v1")
def create_kap_tokenizer():
    return make_tokenizer
