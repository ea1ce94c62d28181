"""Counts of administrations that another entity interrupts.

GUIDELINES.md (FREQUENCY, item 1): when another span stands inside a count's phrase, the
parts are separate FREQUENCY spans: "a single `intramuscular` injection" is `a single` and
`injection`; "ten weekly 90-minute `CBT group` sessions" is `ten weekly` and `sessions`;
"a single `300 mg` dose" is `a single` and `dose`. The candidate patterns cannot see these,
because what interrupts them (a route, a dose, a therapy, a session's length) is only known
once the entities are chosen. This pass runs after the choice.

Requires: chosen entity spans (ROUTE, DOSE, DRUG, THERAPY, DURATION among them). Returns the
FREQUENCY pieces to add: the count (when no span covers it yet) and the administration noun,
with the modifiers right before it ("treatment sessions", "training sessions").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from kapextract.normalize.frequency import administration_patterns
from kapextract.normalize.numbers import number_pattern, parse_number
from kapextract.vocab import alternation, load_lexicon

#: labels whose span may interrupt a count and its noun
INTERRUPTING = ("ROUTE", "DOSE", "DRUG", "THERAPY", "DURATION")
#: the most words of the phrase, between the count and its noun, that no span covers
MAX_FREE_WORDS = 4
#: a larger number is no count of administrations ("2015 ... sessions")
MAX_COUNT = 100


@lru_cache(maxsize=1)
def _count_phrase() -> re.Pattern[str]:
    lex = load_lexicon()
    nouns, _mods = administration_patterns()
    rates = alternation([w for w, v in lex.interval_words.items() if w.endswith("ly") and " " not in w])
    return re.compile(
        rf"(?<![\w.,/:-])(?P<head>(?:an?\s+)?(?:single|multiple|repeated)|(?:{number_pattern()})(?:[\s-]+(?:{rates}))?)"
        rf"(?P<mid>(?:[\s,-]+(?:\(?[A-Za-z](?:\.[A-Za-z])+\.?\)?|[^\s,;:.]+?)){{1,9}}?)[\s-]+(?P<noun>(?:{nouns}))\b",
        re.IGNORECASE)


#: the length of each session among the words between: "(ten weekly) 90-minute (CBT group sessions)"
_SESSION_LENGTH = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[\s-]?(?:minutes?|min|hours?|hrs?|h)\b", re.IGNORECASE)


#: a count that an amount may interrupt: "a single 300 mg dose"
_SINGLE = re.compile(r"(?:an?\s+)?single$", re.IGNORECASE)

#: a word that numbers what follows it: "group two", "phase 1", "day 3"
LABEL_NUMBER = re.compile(
    r"\b(?:groups?|arms?|cohorts?|phases?|parts?|steps?|stages?|grades?|types?|levels?|days?|weeks?|months?|visits?|"
    r"sessions?|tables?|figures?|figs?\.?)\s+$", re.IGNORECASE)


def _free_words(text: str) -> list[str]:
    return re.findall(r"[^\s,()\[\]-]+(?:-[^\s,()\[\]-]+)*", text)


def counts_around_spans(doc: Doc, spans: list[Span],
                        not_a_count: Callable[[str, int], bool] = lambda text, start: False) -> list[Span]:
    """``spans`` with the FREQUENCY pieces of the counts in ``doc`` that one of them
    interrupts. A FREQUENCY span inside a count's head ("weekly" of "ten weekly") gives way
    to the head; no other span changes. ``not_a_count(text, start)`` rejects a count that no
    span covers yet by what stands before it (a threshold, a share, a table's number)."""
    if not spans:
        return spans
    lex = load_lexicon()
    text = doc.text
    stop = set(lex.phrase_stopwords)
    # ("group" and "individual" name how a therapy is delivered: "CBT group sessions" is `CBT
    # group` and `sessions`)
    tail_words = (set(lex.administration_modifiers) - set(lex.therapy_modifiers)) | {"training"}
    modifiers = set(lex.administration_modifiers) | set(lex.therapy_modifiers)
    blockers = re.compile(rf"[\s-]+(?:{alternation(lex.count_blockers)})\b", re.IGNORECASE)
    kept = sorted(spans, key=lambda s: s.start_char)
    added: list[Span] = []
    for m in _count_phrase().finditer(text):
        head_s, head_e = m.span("head")
        noun_s, noun_e = m.span("noun")
        if blockers.match(text, noun_e):
            continue  # "two CBT group arms": not administrations
        if LABEL_NUMBER.search(text, max(0, head_s - 12), head_s):
            continue  # "group two received ... injection": an arm's number, not a count
        count = re.sub(r"^an?\s+", "", m.group("head"), flags=re.IGNORECASE).split()[0]
        value = parse_number(count)
        if value is not None and not 0 < value <= MAX_COUNT:
            continue
        inside = [s for s in kept if head_e <= s.start_char and s.end_char <= noun_s]
        if not any(s.label_ in INTERRUPTING for s in inside):
            continue
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
                w.lower() in stop or w[:1].isdigit() or (w.lower().endswith("ed") and w.lower() not in modifiers)
                for w in words):
            continue  # a list, a clause ("two received 5 mg/kg ... injection"), not a count's modifiers
        # the noun with the modifiers right before it, after the last span
        tail_s = noun_s
        after = inside[-1].end_char
        for w in reversed(list(re.finditer(r"[^\s-]+", text[after:noun_s]))):
            if w.group(0).lower() not in tail_words or text[after + w.end() : tail_s].strip(" -"):
                break
            tail_s = after + w.start()
        if not head_taken and not_a_count(text, head_s):
            continue
        pieces = [(tail_s, noun_e)] if head_taken else [(head_s, head_e), (tail_s, noun_e)]
        new = [doc.char_span(a, b, label="FREQUENCY", alignment_mode="contract") for a, b in pieces]
        if any(sp is None or not len(sp) for sp in new):
            continue
        kept = [s for s in kept if s not in in_head or head_taken]
        added += new
    return sorted(kept + added, key=lambda s: s.start_char)
