"""Counts of administrations that another entity interrupts.

GUIDELINES.md (FREQUENCY, item 1): when another span stands inside a count's phrase, the
parts are separate FREQUENCY spans: "a single `intramuscular` injection" is `a single` and
`injection`; "ten weekly 90-minute `CBT group` sessions" is `ten weekly` and `sessions`;
"a single `300 mg` dose" is `a single` and `dose`. The candidate patterns cannot see these,
because what interrupts them (a route, a dose, a therapy, a session's length) is only known
once the entities are chosen. This pass runs after the choice.

Not split: the sessions of a drug-assisted psychotherapy ("two further KPP sessions"), whose
counts the record stage reads whole.

Requires: chosen entity spans (ROUTE, DOSE, DRUG, THERAPY, DURATION among them) and the
paper's abbreviations (``abbreviation_map``). Returns the
FREQUENCY pieces to add: the count (when no span covers it yet) and the administration noun,
with the modifiers right before it ("treatment sessions", "training sessions").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from kapextract.nlp.abbreviations import abbreviation_map
from kapextract.normalize.frequency import administration_patterns
from kapextract.normalize.numbers import number_pattern, parse_number
from kapextract.normalize.therapy import ASSISTED_THERAPY, normalize_therapy
from kapextract.vocab import alternation, load_drugs, load_lexicon

#: labels whose span may interrupt a count and its noun
INTERRUPTING = ("ROUTE", "DOSE", "DRUG", "THERAPY", "DURATION")
#: the most words of the phrase, between the count and its noun, that no span covers
MAX_FREE_WORDS = 4
#: a unit right after the number: a measure, not a count ("60 min", "4 days", "20 mg")
_UNIT_AFTER = re.compile(r"[\s-]*(?:min(?:ute)?s?|h|hrs?|hours?|d|days?|wks?|weeks?|months?|years?|mg|µg|mcg|g|ml|mL|kg|%)(?![\w])",
                         re.IGNORECASE)

#: words that make a count a part of the course: "the two later ketamine doses"
PART_WORDS = frozenset({"later", "remaining", "subsequent", "previous", "prior", "other", "first", "last", "earlier"})
#: a larger number is no count of administrations ("2015 ... sessions")
MAX_COUNT = 100


@lru_cache(maxsize=1)
def _count_phrase() -> re.Pattern[str]:
    lex = load_lexicon()
    nouns, _mods = administration_patterns()
    rates = alternation([w for w, v in lex.interval_words.items() if w.endswith("ly") and " " not in w])
    return re.compile(
        rf"(?<![\w.,/:-])(?P<head>(?:an?\s+)?(?:single|multiple|repeated)|(?:{number_pattern()})(?:[\s-]+(?:{rates}))?)"
        # (each word atomic, so that a long hyphenated run cannot be split in exponentially many ways)
        rf"(?P<mid>(?:[\s,-]+(?>\(?[A-Za-z](?:\.[A-Za-z])+\.?\)?|[^\s,;:.-][^\s,;:.]*)){{1,9}}?)[\s-]+(?P<noun>(?:{nouns}))\b",
        re.IGNORECASE)


#: the length of each session among the words between: "(ten weekly) 90-minute (CBT group sessions)"
_SESSION_LENGTH = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[\s-]?(?:minutes?|min|hours?|hrs?|h)\b", re.IGNORECASE)


#: "psilocybin-assisted", "MDMA-facilitated": a therapy named after its drug
ASSISTED = re.compile(rf"[a-z]{ASSISTED_THERAPY}", re.IGNORECASE)

#: a count that an amount may interrupt: "a single 300 mg dose"
_SINGLE = re.compile(r"(?:an?\s+)?single$", re.IGNORECASE)

#: a word that numbers what follows it: "group two", "phase 1", "day 3"
LABEL_NUMBER = re.compile(
    r"\b(?:groups?|arms?|cohorts?|phases?|parts?|steps?|stages?|grades?|types?|levels?|days?|weeks?|months?|visits?|"
    r"sessions?|tables?|figures?|figs?\.?)\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str], re.Pattern[str]]:
    """The lexicon's word sets this pass reads: stop words, the modifiers that stay with the
    noun, all modifiers of a count, and the nouns after it that make it no count of
    administrations ("two CBT group arms")."""
    lex = load_lexicon()
    # ("group" and "individual" name how a therapy is delivered: "CBT group sessions" is `CBT
    # group` and `sessions`)
    tail_words = (frozenset(lex.administration_modifiers) - frozenset(lex.therapy_modifiers)) | {"training"}
    modifiers = frozenset(lex.administration_modifiers) | frozenset(lex.therapy_modifiers)
    blockers = re.compile(rf"[\s-]+(?:{alternation(lex.count_blockers)})\b", re.IGNORECASE)
    return frozenset(lex.phrase_stopwords), tail_words, modifiers, blockers


def _drug_assisted(text: str, defined: dict[str, str]) -> bool:
    """Does the THERAPY span ``text`` name a drug-assisted psychotherapy ("KPP", "KAP")?"""
    term = normalize_therapy(text, defined)
    if term is not None and term.label == "psychedelic psychotherapy":
        return True
    long = defined.get(text, "").lower()  # "KEP (ketamine-enhanced psychotherapy)": named after the drug
    return bool(long) and (ASSISTED.search(long) is not None or any(w in load_drugs().entries for w in re.findall(r"[a-z]+", long)))


def _phrases(text: str):
    """The count phrases of ``text``, overlapping ones included: a phrase that is no count
    ("multiple-session arm received 2 further KEP sessions") must not hide the one inside it
    ("2 further KEP sessions")."""
    pos = 0
    while (m := _count_phrase().search(text, pos)) is not None:
        yield m
        pos = m.end("head")


def _free_words(text: str) -> list[str]:
    return re.findall(r"[^\s,()\[\]-]+(?:-[^\s,()\[\]-]+)*", text)


def counts_around_spans(doc: Doc, spans: list[Span],
                        not_a_count: Callable[[str, int, int], bool] = lambda text, start, end: False) -> list[Span]:
    """``spans`` with the FREQUENCY pieces of the counts in ``doc`` that one of them
    interrupts. A FREQUENCY span inside a count's head ("weekly" of "ten weekly") gives way
    to the head; no other span changes. ``not_a_count(text, start, end)`` rejects a count
    (from ``start`` to its noun's ``end``) that no span covers yet: a threshold, a share, a
    table's number, dose levels."""
    if not spans:
        return spans
    text = doc.text
    stop, tail_words, modifiers, blockers = _vocabulary()
    kept = sorted(spans, key=lambda s: s.start_char)
    added: list[Span] = []
    defined: dict[str, str] | None = None  # (the paper's abbreviations, read when a therapy is inside)
    claimed = 0  # (the end of the last count split)
    for m in _phrases(text):
        head_s, head_e = m.span("head")
        noun_s, noun_e = m.span("noun")
        if head_s < claimed:
            continue
        if blockers.match(text, noun_e):
            continue  # "two CBT group arms": not administrations
        if LABEL_NUMBER.search(text, max(0, head_s - 12), head_s):
            continue  # "group two received ... injection": an arm's number, not a count
        count = re.sub(r"^an?\s+", "", m.group("head"), flags=re.IGNORECASE).split()[0]
        value = parse_number(count)
        if value is not None and not 0 < value <= MAX_COUNT:
            continue
        inside = [s for s in kept if head_e <= s.start_char and s.end_char <= noun_s]
        if not any(s.label_ in INTERRUPTING for s in inside) or any(s.label_ == "FREQUENCY" for s in inside):
            continue  # (nor a count with another schedule inside: "4 days following either a single SC dose")
        if _UNIT_AFTER.match(text, head_e):
            continue  # "at 30 and 60 min following 250 µg intravenous bolus": a measure, not a count
        therapies = [s.text for s in inside if s.label_ == "THERAPY"]
        if therapies and defined is None:
            defined = abbreviation_map(doc)
        if any(_drug_assisted(t, defined) for t in therapies):
            continue  # "two further KPP sessions": the drug's own sessions, which the record stage counts whole
        if all(s.label_ == "DOSE" for s in inside if s.label_ in INTERRUPTING) and not _SINGLE.match(m.group("head")):
            continue  # "two 50 and 300 mg doses", "one 150 mg dose before ... and one ...": levels or a list
        in_head = [s for s in kept if s.label_ == "FREQUENCY" and head_s <= s.start_char and s.end_char <= head_e]
        head_taken = any(s.label_ == "FREQUENCY" and s.start_char <= head_s and s.end_char == head_e for s in kept)
        if any(s.start_char < noun_e and head_s < s.end_char for s in kept if s not in inside and s not in in_head):
            continue  # the head or the noun is part of another span
        # the words between that no span covers: modifiers (a session's length among them), not a clause
        free = _SESSION_LENGTH.sub(lambda x: " " * len(x.group(0)), text[head_e:noun_s])
        for s in reversed(inside):
            free = free[: s.start_char - head_e] + " " * (s.end_char - s.start_char) + free[s.end_char - head_e :]
        words = _free_words(free)
        if "," in free or len(words) > MAX_FREE_WORDS or any(
                w.lower() in stop or w.lower() in PART_WORDS or w[:1].isdigit() or _UNIT_AFTER.fullmatch(w)
                or (w.lower().endswith("ed") and w.lower() not in modifiers) for w in words):
            continue  # a list, a clause ("two received 5 mg/kg ... injection"), not a count's modifiers
        # the noun with the modifiers right before it, after the last span
        tail_s = noun_s
        after = inside[-1].end_char
        for w in reversed(list(re.finditer(r"[^\s-]+", text[after:noun_s]))):
            if w.group(0).lower() not in tail_words or text[after + w.end() : tail_s].strip(" -"):
                break
            tail_s = after + w.start()
        if not head_taken and not_a_count(text, head_s, noun_e):
            continue
        pieces = [(tail_s, noun_e)] if head_taken else [(head_s, head_e), (tail_s, noun_e)]
        new = [doc.char_span(a, b, label="FREQUENCY", alignment_mode="contract") for a, b in pieces]
        if any(sp is None or not len(sp) for sp in new):
            continue
        kept = [s for s in kept if s not in in_head or head_taken]
        added += new
        claimed = noun_e
    return sorted(kept + added, key=lambda s: s.start_char)
