"""Rule entity stage: ``kap_entity_rules``.

Requires: tokens; sentence boundaries are not needed; ``doc._.abbreviations`` (scispaCy)
and ``doc._.kap_context`` are used when present. Sets: ``doc.ents`` with the labels DRUG,
DOSE, ROUTE, FREQUENCY, DURATION, THERAPY and SAMPLE_SIZE.

* DRUG, THERAPY, ROUTE words: phrase patterns (spaCy ``PhraseMatcher``) built from
  ``drugs.tsv``, ``therapies.tsv`` and ``routes.tsv`` (case-insensitive for names,
  case-sensitive for abbreviations such as IV, IM, CBT). Ambiguous abbreviations (MET, PE,
  MI, ACT ...) count only where the paper defines them with a long form of the vocabulary;
  drug names passed in ``kap_context["drugs"]`` (``--drug``) are recognized even when the
  lexicon lacks them.
* DRUG names outside the lexicon by their INN stem (``drug_suffixes`` in
  ``extraction_lexicon.json``: "-coxib", "-fylline", "-azolam" ...), so that unknown
  comparators are recognized and their values are not taken for the target's.
* THERAPY also by phrase (modality words + a therapy keyword + a head word,
  ``therapy_keywords.tsv``; "<drug>-assisted psychotherapy"), and programme acronyms the
  vocabulary cannot know where they stand for an arm ("randomized to TAU plus TIMT").
* DOSE, FREQUENCY, DURATION, SAMPLE_SIZE: regular expressions built from ``units.tsv``,
  ``number_words.tsv`` and ``extraction_lexicon.json``, one method per label
  (``_dose_candidates`` ...), each with the filters for what the pattern also matches but
  the guidelines exclude (thresholds and sample volumes, "daily activities", event and
  outcome counts ...). Substances patients use ("alcohol use disorder") are a DRUG only next
  to a dose.

Overlaps are resolved longest first. With ``overwrite=False`` (default) entities already in
``doc.ents`` (a trained ``ner`` that ran earlier) are kept and rule entities only fill the
gaps where they overlap nothing.

With ``spans_key`` set, the rule entities go to ``doc.spans[spans_key]`` instead and
``doc.ents`` is left alone: a trained ``ner`` downstream reads them as features
(``kap.RuleAwareEmbed.v1``, models/configs/kap_stack.cfg), and ``kap_entity_fill`` after it
adds the ones that overlap none of its entities.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

import kapextract.nlp.extensions  # noqa: F401
from kapextract.nlp.abbreviations import abbreviation_map
from kapextract.nlp.split_counts import LABEL_NUMBER, counts_around_spans
from kapextract.normalize.dose import (
    dose_regex,
    listed_dose_regex,
    mean_dose_regex,
    parse_dose,
    word_dose_regex,
)
from kapextract.normalize.duration import duration_unit_pattern
from kapextract.normalize.frequency import (
    EACH_OF,
    administration_patterns,
    ordinal_sessions,
    weekday_pattern,
)
from kapextract.normalize.numbers import DIGITS, number_pattern, parse_number, word_number_pattern
from kapextract.normalize.sample_size import scope_cue_patterns
from kapextract.normalize.therapy import ASSISTED_THERAPY, abbreviation_naming_sessions
from kapextract.vocab import (
    ExtractionLexicon,
    alternation,
    load_drugs,
    load_lexicon,
    load_routes,
    load_therapies,
)

LABELS = ("DRUG", "DOSE", "ROUTE", "FREQUENCY", "DURATION", "THERAPY", "SAMPLE_SIZE")
# tie-break between equally long overlapping candidates (lower wins)
PRIORITY = {"DOSE": 0, "SAMPLE_SIZE": 1, "DURATION": 2, "FREQUENCY": 3, "THERAPY": 4, "ROUTE": 5, "DRUG": 6}


#: an open-ended treatment period ("during the whole study period", "until delivery") and what
#: must stand right before it to make it the dosing's: an amount, "doses of X", "N days or"
_OPEN_PERIOD = re.compile(
    r"\b(?:(?:during|throughout|for)\s+the\s+(?:whole|entire)\s+(?:study|treatment|trial|intervention)(?:\s+period)?"
    r"|throughout\s+the\s+(?:study|trial|treatment)(?:\s+period)?|until\s+(?:delivery|discharge(?:\s+from\s+(?:the\s+)?hospital)?)"
    r"|from\s+the\s+start\s+of\s+the\s+(?:study|trial|treatment)|for\s+the\s+duration\s+of\s+the\s+(?:study|trial|treatment))\b",
    re.IGNORECASE)
_GIVEN_BEFORE = re.compile(r"(?:\d[\d.,]*\s?(?:mg|µg|mcg|g|ml|iu|units?)(?:/[\w.]+)*\)?|\bdoses?\s+of\s+[\w-]+|\bdays?\s+or)\s*$",
                           re.IGNORECASE)

#: a one-off occasion after a clock time: "(at 10 pm) in the night before surgery"
_BEFORE_PROCEDURE = re.compile(r"[\s,]+(?:(?:in|on)\s+)?(?:the\s+)?(?:night|evening|day|morning)\s+(?:before|of|after)\s+"
                               r"(?:the\s+)?(?:surgery|operation|procedure|transplant\w*|admission|delivery|intervention)\b",
                               re.IGNORECASE)

#: a time of day: "9 PM", "8 a.m", "08:00", "22.00 h" (a 24-hour time needs its minutes)
_CLOCK = r"(?:\d{1,2}(?:[:.]\d{2})?\s?(?:a\.m|p\.m|am|pm)\b|\d{2}[:.]\d{2}(?:\s?h\b)?)"


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern[str]]:
    lex = load_lexicon()
    n = number_pattern()
    nouns, mods = administration_patterns()
    dur = duration_unit_pattern()
    iv = alternation([w for w in lex.interval_words])
    tsw = alternation(lex.therapy_session_words)
    blockers = alternation(lex.count_blockers)
    pn = alternation(lex.participant_nouns)
    # "1,200", "3 318" (a space between thousands, but not inside a longer run of digit groups
    # such as a phone number), "12", "Fifty-five"
    int_num = rf"(?:\d{{1,3}}(?:,\d{{3}})+|(?<!\d )\d{{1,3}}(?: \d{{3}})+(?! ?\d)|\d+|\b{word_number_pattern()}\b)"
    pref = alternation(lex.count_prefixes)
    course = alternation(lex.course_nouns)
    # "three KPT sessions": the abbreviations that always mean drug-assisted psychotherapy
    kap_abbreviations = alternation(t.term for t in load_therapies().terms
                                    if t.match == "exact" and t.label == "psychedelic psychotherapy")
    interval_nouns = alternation(lex.interval_administration_nouns)
    iv_adjective = alternation([w for w, v in lex.interval_words.items() if v != "daily" and w.endswith("ly")])
    return {
        "count": re.compile(
            rf"(?<![\w.,/:-])(?:(?:{pref})\s+)?(?:{n})(?:\s?(?:-|–|to|or)\s?(?:{n})|\s+or\s+more)?(?:[\s-]+(?:{mods})(?:\s+\([A-Za-z.]{{1,6}}\))?)*[\s-]+(?:{nouns})\b(?![\s-]+(?:{blockers})\b)",
            re.IGNORECASE),
        # "weekly", and with the administrations it spaces when it is an adjective of a longer
        # interval: "weekly infusions", "monthly courses" (but "daily doses" are also an amount
        # per day: "The daily doses of UFT were divided into three doses")
        "interval": re.compile(
            rf"(?<![\w-])(?<!\bnot\s)(?:(?:{iv_adjective})(?![\w-])(?![\s-]+(?:{tsw})\b)[\s-]+(?:{interval_nouns})\b"
            # (nor "weekly ACT-based integration groups": a therapy's rate, past its "X-based")
            rf"|(?:{iv})(?![\w-])(?![\s-]+(?:[A-Za-z]+-(?:based|informed|oriented|focused)\s+)?(?:{tsw})\b))", re.IGNORECASE),
        "every": re.compile(rf"\b(?:once\s+)?(?:every|per|each)\s+(?:{n}(?:\s?(?:-|–|to)\s?{n})?\s*|(?:other|second|third)\s+)(?:hours?|hrs?|h|days?|weeks?|months?)\b(?![\s-]+(?:{tsw})\b)|\bevery\s+(?:hour|day|week|month)\b(?![\s-]+(?:{tsw})\b)"
                           # "(fentanyl 1 µg/kg) every 45 minutes", "every 5min": boluses during a procedure
                           rf"|\bevery\s+{n}\s?(?:minutes?|mins?)\b", re.IGNORECASE),
        # "one week apart", "spaced two weeks apart", "one to two weeks apart", "at two-week intervals"
        "apart": re.compile(
            # "three times at weekly intervals", "four times at two-week intervals": a count at its interval
            rf"\b(?:{n})\s+times\s+at\s+(?:weekly|fortnightly|monthly|daily|(?:{n}|a)[\s-]+(?:week|day|month))\s+intervals?\b|"
            rf"\b(?:spaced\s+)?(?:{n}|a)(?:\s?(?:-|–|to)\s?(?:{n}))?[\s-]+(?:weeks?|days?|months?)\s+apart\b|\b(?:at\s+)?(?:{n})(?:\s?(?:-|–|to)\s?(?:{n}))?[\s-]+(?:week|day|month)\s+intervals?\b"
            # "with an interval of 14 days", "at intervals of 2 weeks"
            rf"|\b(?:(?:with\s+)?an\s+interval|(?:at\s+(?:(?:a\s+)?minimum\s+|least\s+)?)?intervals)\s+of\s+(?:(?:about|approximately|roughly|around|at\s+least)\s+)?(?:{n})[\s-]+(?:weeks?|days?|months?)\b"
            # "(leave roughly) seven days between consecutive sessions"
            rf"|\b(?:{n})[\s-]+(?:weeks?|days?|months?)\s+between\s+(?:(?:consecutive|successive|two|the|each)\s+)?"
            r"(?:(?:dosing|drug|ketamine|medicine)\s+)?(?:sessions|doses|infusions|injections|administrations|treatments)\b"
            r"|\b(?:a|one)\s+fortnight\s+apart\b",  # "a fortnight apart"
            re.IGNORECASE),
        "qh": re.compile(r"\bq\.?\s?(?:4|6|8|12|24)\s?h\b", re.IGNORECASE),
        # "three times a week", "two per week", "two infusions per week", "6-hourly"
        "times": re.compile(rf"\b(?:{n})\s+times\s+(?:(?:a|per|each|every)\s+(?:day|week|month)|daily|weekly|monthly)\b|\b\d+[\s-]hourly\b"
                            rf"|\b(?:one|two|three|four|five|six|seven|[1-7])\s+(?:(?:{nouns})\s+)?per\s+week\b"
                            # "on two days each week": twice a week
                            r"|\b(?:two|three|four|five|six|[2-6])\s+days\s+(?:a|per|each|every)\s+week\b"
                            # "six sessions ..., one each week": one administration in each period
                            r"|\bone\s+(?:each|every)\s+(?:day|week|month)\b"
                            # "twice/day", "three times/day", "5days/week", "7 d/week": a rate with a slash
                            rf"|\b(?:once|twice|thrice|(?:{n})\s+times)\s*/\s*(?:day|d|week|wk|month)\b"
                            rf"|\b(?:{n})\s?(?:days?|d)\s*/\s*(?:week|wk)\b", re.IGNORECASE),
        # "three times over two weeks": a count of administrations with its period
        "times_over": re.compile(
            rf"\b(?:{n})\s+times(?=\s+(?:over|during|across|within|in)\s+(?:a\s+period\s+of\s+)?(?:{n})[\s-]+(?:weeks?|days?|months?)\b)",
            re.IGNORECASE),
        # "six ketamine infusions", "three weekly ketamine infusions", "six intravenous (IV)
        # ketamine infusions": the count (with its modifiers) and the noun are separate pieces
        # around the drug ("four IM ketamine visits": visits named after the drug are its
        # administrations)
        "count_split": re.compile(
            rf"(?<![\w.,/-])(?P<n>{n})(?:\s?(?:-|–|to|or)\s?(?:{n}))?(?:[\s-]+(?:{mods})(?:\s+\([A-Za-z.]{{1,6}}\))?)*?[\s-]+(?P<w>[A-Za-z][\w-]*)[\s-]+(?P<noun>(?:(?:{mods})[\s-]+)*(?:{nouns}|visits?))\b(?![\s-]+(?:{blockers})\b)",
            re.IGNORECASE),
        # "three ketamine-assisted psychotherapy (KAP) sessions", "three monthly KPT sessions": a
        # count of dosing sessions (with its rate) around the therapy that names the drug (its own
        # THERAPY span)
        "count_assisted": re.compile(
            rf"(?<![\w.,/-])(?P<n>{n}(?:[\s-]+(?:{iv_adjective}))?)[\s-]+(?P<t>[A-Za-z][\w-]*?{ASSISTED_THERAPY}(?:\s*\([A-Za-z-]{{2,10}}\))?"
            rf"|(?-i:{kap_abbreviations}))"
            rf"[\s-]+(?P<noun>sessions?)\b", re.IGNORECASE),
        # "given before each of four CBT sessions": the drug's count, written around the therapy
        "each_of_sessions": re.compile(
            rf"{EACH_OF}(?P<n>{n})\s+(?:[A-Za-z][\w+-]*\s+){{1,3}}?(?P<noun>sessions)\b", re.IGNORECASE),
        # "infused ... on three consecutive days": a count of daily administrations
        "consecutive_days": re.compile(rf"\bon\s+(?:{n})\s+consecutive\s+days\b", re.IGNORECASE),
        # "ketamine (2.0 mg/kg, i.m.) was administered once", "ketamine was given three times":
        # a count of administrations, stated
        # (but "three times over two weeks" is times_over's, "three times the dose" no count, and
        # "administered three times" may be a questionnaire's)
        "given_once": re.compile(
            r"\b(?:administered|given|infused|injected|dosed|applied)\s+(?:[a-z-]+ly\s+)?(?:only\s+)?"
            r"(?P<f>(?:once|twice|thrice)\b(?![\s-]+(?:a|an|per|every|each|daily|weekly|monthly|nightly|or|more|again|and|to)\b)"
            rf"|(?<=given\s|fused\s|ected\s|dosed\s)(?:{n})\s+times\b(?![\s-]+(?:a|an|per|every|each|daily|weekly|monthly|nightly|or|more|again|and|to|the|as"
            r"|over|during|across|within|in|higher|lower|greater|larger)\b))", re.IGNORECASE),
        # "a single dose" (the noun belongs to the count), "a single i.v. injection" ("a single")
        "single": re.compile(
            rf"\b(?:a\s+|one\s+)?(?:single|one-time|one-off)(?:[\s-](?:{nouns})\b|(?=(?:[\s-]+[^\s,;()]+){{0,3}}?[\s-]+(?:{nouns})\b))",
            re.IGNORECASE),
        # "on days 1, 3 and 5", "at weeks 0, 2 and 4", "at 2, 4, and 6 weeks": dosing days
        "timepoints": re.compile(
            # ("on day 1, day 15 and day 29": the unit word repeated)
            r"\b(?:on|at|in)\s+(?:days?|weeks?)\s+\d+(?:\s*,\s*(?:days?|weeks?)\s+\d+)*,?\s*(?:and|&)\s*(?:days?|weeks?)\s+\d+\b(?![.,]?\d|\s?(?:mg|µg|mcg|g|ml|IU|%))|"
            # ("in treatment weeks 1, 3 and 5", "on residential days 8 and 15")
            r"\b(?:(?:on|at|before|after|during|to)\s+(?:(?:treatment|study|trial|residential|programme|program|inpatient|hospital|dosing)\s+)?"
            r"(?:days?|weeks?|months?|sessions?)"
            r"|(?:in|of)\s+(?:(?:treatment|study|trial|residential|programme|program|inpatient|hospital|dosing)\s+)?(?:days?|weeks?|months?))\s+-?\d+(?:\s*,\s*-?\d+)*,?\s*(?:and|&)\s*-?\d+\b(?![.,]?\d|\s?(?:mg|µg|mcg|g|ml|IU|%))"
            # "on days 1, 8, and 15 of each cycle", "... of the treatment cycle", "... of every 3-week cycle"
            r"(?:\s+(?:of|in|for)\s+(?:each|every|a|an|the)\s+(?:\d+[\s-](?:days?|weeks?)\s+|[a-z]+\s+)?(?:cycles?|courses?)\b)?"
            r"|\bfrom\s+days?\s+-?\d+\s+(?:through|to|until)\s+-?\d+\b"
            # "from week 3 to week 8"
            r"|\bfrom\s+week\s+\d+\s+(?:through|to|until)\s+(?:week\s+)?\d+\b"
            r"|\b(?:on|at)\s+\d+(?:\s*,\s*\d+)+,?\s*(?:and|&)\s*\d+\s+(?:days?|weeks?|months?)\b"
            # a table cell that lists the dosing weeks: "| weeks 1, 3 and 5 |"
            r"|(?:(?<=\|\s)|(?<=\t)|(?<=\|))(?:days?|weeks?)\s+\d+(?:\s*,\s*\d+)*,?\s*(?:and|&)\s*\d+\b(?![.,]?\d)"
            # "on day 1", "on days 1-14", "on days 2 through 19 of each 21-day cycle"
            r"|\bon\s+days?\s+\d+(?:\s?(?:-|–|to|through)\s?\d+)?(?!\s*(?:,|and)\s*\d+(?![.\d]*\s?(?:mg|µg|mcg|g|ml|%)))"
            r"(?:\s+(?:of|in)\s+(?:each|every|a|the)\s+(?:\d+[\s-]days?\s+cycles?|(?:of\s+the\s+)?(?:[a-z]+\s+)?cycles?(?:\s+of\s+[a-z]+)?))?"
            r"(?![\w.]*\s?(?:mg|µg|g|ml|%))",
            re.IGNORECASE),
        # "a 12-week self-help treatment", "a 12-session group program": the length of the course
        "course": re.compile(
            # ("1 day after treatment", "7 days post-treatment": a time point, not a treatment period)
            rf"(?<![\w.,/-])(?:{n})[\s-](?:weeks?|months?|days?|sessions?)(?=[\s-]+(?:(?!(?:after|before|post|following|prior|since)\b)[A-Za-z][\w-]*[\s-]+){{0,2}}?(?:{course})\b)"
            # an adjective of three or four modifiers before its course ("a nine-month internet-based
            # relapse prevention program", "a 6-week, Internet-based self-help therapy")
            rf"|(?<![\w.,/-])(?:{n})-(?:week|month|day)(?=,?(?:[\s-]+(?!(?:{alternation(lex.phrase_stopwords)}|after|before|post|following|prior|since)\b)[A-Za-z][\w-]*,?){{3,4}}?[\s-]+(?:{course})\b)",
            re.IGNORECASE),
        # "after 8 weeks of treatment": the treatment period reached
        "after_period": re.compile(
            rf"\bafter\s+(?P<p>(?:{n})[\s-]+(?:weeks?|months?|days?))\s+of\s+(?:{course})\b", re.IGNORECASE),
        # treatment periods written around a dose or as the intervention's length: "4 weeks of
        # 20 mg once weekly", "3 weeks of sublingual asenapine", "(360 mg/m2 × 2 weeks)", "The
        # intervention period was nine weeks", "All interventions lasted nine weeks"
        "period_of_dose": re.compile(
            rf"(?<![\w.,/-])(?P<p>(?:{n})[\s-]+(?:weeks?|months?|days?))\s+of\s+(?=\d|(?:oral|sublingual|intravenous|"
            rf"intramuscular|intranasal|subcutaneous|topical|inhaled|buccal|transdermal)\b)", re.IGNORECASE),
        "period_times": re.compile(rf"(?:×|\bx)\s?(?P<p>(?:{n})[\s-]+(?:weeks?|months?|days?))\b", re.IGNORECASE),
        # "7 days of ciprofloxacin", "three months of sildenafil", "24 weeks of double-blind
        # treatment": a period of a named drug or of the treatment (the words after "of" are read
        # by _periods_of_treatment)
        "period_of_course": re.compile(
            rf"(?<![\w.,/-])(?P<p>(?:{n}|several)(?:\s?(?:-|–|to)\s?(?:{n}))?[\s-]+(?:days?|weeks?|months?|years?))\s+of\s+"
            rf"(?P<what>(?:(?!(?:{alternation(lex.phrase_stopwords)})\b)[\w-]+\s+){{0,2}}?[A-Za-z][\w-]*)\b", re.IGNORECASE),
        "period_lasted": re.compile(
            rf"\b(?:interventions?|treatments?|programs?|programmes?|therapy|training)(?:\s+(?:period|phase))?\s+"
            rf"(?:lasted|lasts|last|was|is|were|are)\s+(?:approximately\s+|about\s+)?"
            rf"(?P<p>(?:{n})[\s-]+(?:weeks?|months?|days?))\b"
            # "The duration of the SR phase was 10 to 15 days", "Duration of treatment ranged between 22
            # and 98 days", "the treatment period is approximately 3 months"
            rf"|\b(?:duration|length)\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?(?:interventions?|treatments?|programs?|programmes?|therapy|phase|regimen)"
            rf"\s+(?:was|is|were|are|ranged|varied|lasted)\s+(?P<p2>(?:approximately\s+|about\s+|between\s+|from\s+)?"
            rf"(?:{n})(?:\s?(?:-|–|to|and)\s?(?:{n}))?[\s-]+(?:weeks?|months?|days?))\b"
            rf"|\btreatment\s+period\s+(?:was|is)\s+(?P<p3>(?:approximately\s+|about\s+)?(?:{n})[\s-]+(?:weeks?|months?|days?))\b",
            re.IGNORECASE),
        # "50 µg OD", "9 µg bid": a dosing abbreviation right after an amount
        "dose_abbrev": re.compile(
            r"\d\s?(?:µg|μg|mcg|mg|g|ml|mL|IU|units?|puffs?)\s+(?P<f>OD|QD|BID|TID|QID|od|qd|bid|tid|qid|b\.i\.d|t\.i\.d|q\.i\.d|q\.d)(?![\w])"),
        "weekdays": re.compile(weekday_pattern(), re.IGNORECASE),
        "admin_verb": re.compile(rf"\b(?:{nouns}|administered|given|infused|injected|received|dosed)\b", re.IGNORECASE),
        # "fentanyl 25 mcg i.v. as required", "rescue medication was used as-needed": as needed
        "as_needed": re.compile(rf"(?<![\w-])(?:{alternation(lex.as_needed_phrases)})(?![\w-])", re.IGNORECASE),
        # "10 capsules should be taken in the morning", "tablets taken with meals": when a dose is taken
        # ("one hour before bedtime", "30 minutes before meals": with the lead time)
        "admin_time": re.compile(
            rf"(?<![\w-])(?:(?:{n}|an|half\s+an)\s+(?:hours?|h|minutes?|min)\s+(?=before|after))?"
            rf"(?:{alternation(lex.administration_times)})(?![\w-])"
            # clock times: "at 9 PM and 11 PM", "between 8 and 9 a.m", "between 08:00 and 10:00",
            # "(8 AM, 12 PM, and 5 PM)"
            rf"|\b(?:at|between)\s+{_CLOCK}(?:\s*(?:,|and|to|–|-|,\s*and)\s*{_CLOCK})*"
            rf"|\bbetween\s+\d{{1,2}}\s+and\s+{_CLOCK}"
            rf"|(?<=\()\s*{_CLOCK}(?:\s*,\s*{_CLOCK})*,?\s*and\s+{_CLOCK}", re.IGNORECASE),
        # "rescue medication was used as-needed", "capsules should be taken in the morning"
        "take_verb": re.compile(r"\b(?:tak(?:e|en|es|ing)|took|used|use|prescribed|allowed|permitted|provided|applied|"
                                r"self-administered)\b", re.IGNORECASE),
        # "the dose was adjusted as required", "reduced if necessary": a dose change, not as needed
        "dose_change_before": re.compile(r"\b(?:adjust|reduc|increas|decreas|titrat|modif|chang|lower|rais)\w*\s+(?:\w+\s+)?$",
                                         re.IGNORECASE),
        # a sentence that schedules checks: "vital signs documented every four hours"
        "monitoring": re.compile(rf"\b(?:{alternation(lex.monitoring_stems)})\w*", re.IGNORECASE),
        # a rate right after a verb of checking: "(doses were) reviewed (weekly)"
        "checked_at_rate": re.compile(rf"\b(?:{alternation(lex.checking_verb_stems)})\w*ed\s+$", re.IGNORECASE),
        "assessment": re.compile(r"\b(?:assess\w*|measur\w*|evaluat\w*|rated|scores?|scales?|questionnaires?|"
                                 r"follow-up|(?<!dosing\s)(?<!infusion\s)(?<!injection\s)(?<!medicine\s)visits?|interview\w*|sampl\w*|collected|"
                                 r"recorded)\b", re.IGNORECASE),
        "period": re.compile(
            rf"\b(?:for|over|during|across)\s+(?:the\s+course\s+of\s+)?(?:(?:a|an|the)\s+)?(?:(?:period|total)\s+of\s+|at\s+least\s+|up\s+to\s+|another\s+|additional\s+|further\s+|remaining\s+|≥\s?)*"
            rf"(?:{n})(?:\s?(?:-|–|to)\s?(?:{n}))?[\s-]+(?:consecutive\s+)?(?:weeks?|days?|months?|years?|d|wk|wks)\b(?:[\s-]+(?:(?:treatment|dosing|intervention)\s+)?period\b)?"
            # "until disease progression or unacceptable toxicity": an open-ended treatment period
            rf"|\buntil\s+(?:(?:disease|tumou?r)\s+)?progression(?:\s+(?:or|and/or)\s+(?:unacceptable\s+|intolerable\s+)?toxicity)?"
            # "during month 1", "for months 2–6"
            rf"|\b(?:for|during|in)\s+(?:weeks?|months?)\s+\d+(?:\s?(?:-|–|to|and|through)\s?\d+)?\b(?![.,]\d)"
            # "two administrations per week, weeks 1-4": a run of weeks after a comma
            rf"|(?<=,\s)weeks\s+\d{{1,3}}\s?(?:-|–|to|through)\s?\d{{1,3}}\b(?![.,]\d)",
            re.IGNORECASE),
        "duration": re.compile(
            rf"\b(?:over|during|for|across|within)\s+(?:a\s+period\s+of\s+|approximately\s+|about\s+|~\s?)?(?:{n})(?:\s?(?:-|–|to)\s?(?:{n}))?[\s-]?(?:{dur})\b",
            re.IGNORECASE),
        "duration_adj": re.compile(
            rf"\b(?:{DIGITS}|{word_number_pattern()})[\s-](?:{dur})\b(?=[\s-]+(?:(?:iv|intravenous|continuous|ketamine|drug|weekly|daily|monthly|fortnightly|biweekly)\s+)?(?:infusion|infusions|administration|session|sessions)\b)",
            re.IGNORECASE),
        "n_equals": re.compile(r"(?<![\w.])[Nn]\s?[=:]\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?!\d)(?![.,]\d)(?!\s?[-–]\s?\d)"),
        "n_noun": re.compile(
            rf"(?<![\w.,±/-])(?P<n>{int_num})(?![.,]\d)(?:,?\s+(?:(?!(?:of|in|at|on|per|with|who|were|was|had|to|from|for|or|than|the|by|after|before|weeks?|days?|months?|years?|hours?|minutes?|min|seconds?|h|hrs?|sessions?|times?|mg|doses?|mm|cm|m|km|kg|g|ml|l|points?|items?|scales?)\b)[A-Za-z][\w'’/–-]*"
            # an abbreviation defined in passing: "Sixty hemodialysis (HD) patients"
            rf"|\([A-Z][A-Za-z0-9-]{{0,9}}\)"
            # an age written in digits: "Forty-two male, 6- to 8-week-old mice"; a compound
            # people noun: "Fifty cigarette-smokers" (but "three non-completers" are no sample)
            rf"|\d+-?(?:\s?(?:to|–|-)\s?\d+)?-(?:week|month|year|day)s?-old)){{0,4}}?\s+(?:(?!non-)[A-Za-z]+-)?(?:{pn})\b(?!['’]s\b)",
            re.IGNORECASE),
        "n_of": re.compile(
            rf"(?<![\w.,±/-])(?P<n>{int_num})\s+(?:out\s+)?of\s+(?:the\s+|these\s+)?(?:{int_num})\s+(?:[A-Za-z][\w'’/-]*\s+){{0,2}}?(?:{pn})\b",
            re.IGNORECASE),
        # "40 were randomized", "12 (30%) completed", "29 (17 nurses, 8 physicians; 21 women)
        # enrolled": a count, its share or its breakdown, and the verb of its scope
        "n_verb": re.compile(
            rf"(?<![\w.,±/-])(?P<n>{int_num})(?![.,]\d)\s+(?:\(\s*\d+(?:[.·]\d+)?\s?%\s*\)\s+|\(\s*\d+\s+[A-Za-z][^()]{{0,150}}\)\s+)?(?:of\s+whom\s+|who\s+)?(?:met\s+(?:the\s+|all\s+)?(?:(?:inclusion|eligibility|entry|study|protocol|trial|selection)\s+)?criteria,?\s+and\s+)?(?:(?:were|was)\s+eligible,?\s+(?:and\s+)?)?(?:(?:consented|accepted|agreed\s+to\s+(?:participate|take\s+part)|gave\s+(?:written\s+)?(?:informed\s+)?consent),?\s+and\s+)?(?:(?:were|was|had\s+been|have\s+been|are|subsequently|then|eventually)\s+)*(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided)|enrolled|included|recruited|allocated|assigned|analy[sz]ed|completed|(?<=and\s)(?:started|began)|(?<=who\s)(?:started|began|entered|initiated)"
            # "Of 212 records identified, 165 met inclusion criteria": the count that qualified
            rf"|met\s+(?:the\s+|all\s+(?:the\s+)?)?(?:inclusion|eligibility|entry|study|selection)\s+criteria)\b",
            re.IGNORECASE),
        # "We excluded 82 (...), leaving 196.": the count left for the study
        "n_leaving": re.compile(
            rf"\bleaving\s+(?:a\s+(?:total|sample)\s+of\s+)?(?P<n>{int_num})(?![.,]\d)(?=\s*(?:[.;,()]|$|\s+(?:for|in|who|and)\b))",
            re.IGNORECASE),
        # "we enrolled 64.", "we randomized 40 and ...": the verb before a bare count
        "n_we": re.compile(
            rf"\b(?:we|they|investigators)\s+(?:(?:then|subsequently|eventually|finally)\s+)?(?:enrolled|recruited|randomi[sz]ed|included)"
            rf"\s+(?:a\s+total\s+of\s+)?(?P<n>{int_num})(?![.,]\d)(?=\s*(?:[.;,()]|$|\s+(?:and|in|into|at|from|between|during|over)\b))",
            re.IGNORECASE),
        # "randomized; 18 to HIP and 22 to IV iron", "60 in the psychoeducation group": arm counts
        "n_arm": re.compile(
            rf"(?:(?:randomi[sz]ed|assigned|allocated)(?:\s+as\s+follows)?\s*[:;,]?\s+|,\s+|\b(?:and|with)\s+)(?P<n>{int_num})(?![.,]\d)\s+"
            rf"(?:(?:{pn})\s+)?(?:to|in)\s+(?:the\s+)?(?:[\w+/.-]+\s+){{0,3}}?(?:group|arm|condition|cohort)\b",
            re.IGNORECASE),
        # a labelled count of a flow list or a poster's bullet: "• Included: 87", "Randomised: 64"
        "n_label": re.compile(rf"(?<![\w-])(?-i:{COUNT_LABELS})\s*:\s*(?P<n>{int_num})(?![.,]?\d)(?!\s*(?:%|/|mg|µg|mcg))",
                              re.IGNORECASE),
        # "70 patients per treatment group (140 total)": the total after a per-arm count
        # "(90 in total)", "45 participants per arm, 90 in total, will be randomised"
        "n_total": re.compile(rf"\(\s*(?P<n>{int_num})\s+(?:in\s+)?total\s*\)"
                              rf"|\bper\s+(?:arm|group)\s*,\s*(?P<n2>{int_num})\s+(?:in\s+)?total\b", re.IGNORECASE),
        # "the planned sample size was 108 per arm", "the final sample of the study was 44"
        "n_planned": re.compile(
            rf"\b(?:total\s+)?(?:sample(?:\s+size)?s?|group\s+size|number\s+of\s+(?:participants|patients|subjects))\s+(?:of\s+the\s+(?:study|trial)\s+)?(?:(?:needed|required)\s+)?(?:(?:(?:is|was|will\s+be)\s+)?(?:determined|set|fixed|estimated)\s+(?:at|as|to\s+be)|of|was|is|will\s+be|would\s+be|=|was\s+identified\s+as|was\s+calculated\s+(?:as|to\s+be))\s+(?:approximately\s+|about\s+)?(?P<n>{int_num})(?![.,]?\d)(?!\s*%)",
            re.IGNORECASE),
        # "22 in each group", "30 patients were required in each group", "two groups of 12"
        "n_each": re.compile(
            rf"(?<![\w.,±/-])(?P<n>{int_num})(?![.,]\d)\s+(?:(?:{pn})\s+)?(?:(?:were|are|will\s+be)\s+(?:required|needed|included|enrolled|randomi[sz]ed)\s+)?(?:(?:in|per|for)\s+(?:each|every)|per)\s+(?:group|arm|condition)\b"
            rf"|\bgroups?\s+of\s+(?P<n2>{int_num})(?![.,]\d)\b(?!\s*(?:%|weeks?|days?|months?|years?))",
            re.IGNORECASE),
        # "Of the 159 patients randomized, 82 received progesterone and 77 received placebo"
        "n_received": re.compile(
            rf"(?:,\s+|\band\s+|;\s+)(?P<n>{int_num})(?![.,]\d)\s+(?:(?:{pn})\s+)?(?:received|were\s+given|were\s+treated\s+with|were\s+assigned\s+to)\b",
            re.IGNORECASE),
        # "randomly assigned to conditions (31 to ECT, 30 to CBT, and 29 to IP)", "randomized; 18 to HIP"
        # (but not the ratio "randomised 2:1 to the intervention")
        "n_to": re.compile(rf"(?:[(;,]\s*|(?<![\d.]):\s*|\band\s+)(?P<n>{int_num})(?![.,]\d)\s+to\s+(?:the\s+)?(?=[A-Z]|(?:{alternation(sorted(load_drugs().entries))}|intervention|control|usual|experimental|active|standard|treatment)\b)"),
        # "260/280 (93%) assigned to iCBT": a part of an arm and the arm
        "n_frac": re.compile(
            rf"(?<![\w.,/-])(?P<n>\d+)/(?P<n2>\d+)\s*\(\s*\d+(?:[.·]\d+)?\s?%\s*\)\s+(?:(?:{pn})\s+)?(?:(?:were\s+)?(?:assigned|randomi[sz]ed|allocated)|in\s+the|of\s+the)\b",
            re.IGNORECASE),
        # "19 and 22 patients were included"
        "n_pair": re.compile(rf"(?<![\w.,±/-])(?P<n>{int_num})\s+and\s+{int_num}\s+(?:{pn})\b", re.IGNORECASE),
        # what an arm acronym stands before ("TIMT group", "CBT-SUD+: N = 8"), and what makes it a drug
        # ("GIK infusion", "VA supplementation")
        "arm_acronym_cue": re.compile(rf"[\s-]+(?:{alternation(lex.arm_acronym_cues)})\b|\s*[:(,]\s*[nN]\s?[=:]\s?\d", re.IGNORECASE),
        "drug_word_after": re.compile(rf"[\s-]+(?:{nouns}|supplementation|arm|mg|µg|dose)\b", re.IGNORECASE),
        "outcome_word": re.compile(rf"\b(?:{alternation(lex.outcome_words)})\b", re.IGNORECASE),
        # another study named before a count: a citation, "previous studies", "another trial"
        "other_study": re.compile(
            r"\bet\s+al\b|\bmeta-analys[ie]s\b"
            r"|\b(?:another|other|previous(?:ly)?|prior|earlier|recent)\s+(?:[\w-]+\s+){0,3}?(?:trials?|stud(?:y|ies)|reports?|work)\b",
            re.IGNORECASE),
        # an event or exclusion as the last words before a bracket ("had dropped out (DM60: n = 17")
        "event_before_bracket": re.compile(
            rf"(?:{alternation(lex.sample_event_phrases)}|{alternation(lex.sample_exclusion_cues)}|reasons?|violation|remanded)\b(?=[^.;()]*$)"),
        # "LSD-assisted psychotherapy", "MDMA-assisted therapy", "psilocybin-facilitated therapy"
        "assisted_therapy": re.compile(
            rf"(?<![\w-])[A-Za-z]\w*{ASSISTED_THERAPY}\b", re.IGNORECASE),
        # a therapy the vocabulary lacks, named by a phrase: modality words, a therapy keyword
        # and a head word ("web-based self-help therapy", "mindfulness-based meditation intervention")
        "therapy_phrase": re.compile(
            rf"\b(?:(?:{alternation(lex.therapy_modifiers)})[\s-]+){{0,3}}(?:{alternation(sorted(load_therapies().keywords))})[\w-]*"
            rf"(?:[\s-]+(?!(?:{alternation(lex.phrase_stopwords)})\b)[A-Za-z][\w-]*){{0,2}}?[\s-]+(?:{alternation(sorted(load_therapies().heads))})\b",
            re.IGNORECASE),
        # what a dosing session is set with (eyeshades, headphones, a playlist): a therapy phrase
        # beside one ("a music programme") is the session's setting, not a therapy
        "session_setting": re.compile(rf"\b(?:{alternation(lex.session_setting_cues)})", re.IGNORECASE),
        # a programme built on a therapy the abbreviation names: "CBT-based interventions", "a
        # CBT-based resiliency program", "the CBT-based FSM group" (up to its head word or acronym)
        "based_therapy": re.compile(
            rf"(?<![\w-])(?:{alternation([t.term for t in load_therapies().terms if t.match in ('exact', 'defined') and not t.control])})"
            rf"-based(?:\s+(?!(?:{alternation(lex.phrase_stopwords)})\b)[A-Za-z][\w-]*){{0,2}}?\s+"
            rf"(?:(?i:{alternation(sorted(load_therapies().heads))})\b|[A-Z][A-Za-z]*[A-Z](?![\w-]))"),
        # a word that is a therapy where it names an arm: "the mindfulness group", "the mindfulness
        # or control group", "relaxation arms" (therapies.tsv, match "arm")
        "arm_word": re.compile(
            rf"(?<![\w-])(?:{alternation([t.term for t in load_therapies().terms if t.match == 'arm'])})"
            r"(?=[\s-]+(?:(?:or|and|vs\.?|versus)\s+[\w-]+\s+)?(?:groups?|arms?)\b)",
            re.IGNORECASE),
        # a delivery modifier ending right before a therapy: "group " in "group CBT"
        "modifier_before": re.compile(rf"(?<![\w-])(?:{alternation(lex.therapy_modifiers)})[\s-]+$", re.IGNORECASE),
        # "Two subjects discontinued ...", "25 subjects were female": counts of events, not samples
        "sample_event": re.compile(rf"\s+(?:\([^()]{{0,20}}\)\s+)?(?:\w+\s+)?(?:{alternation(lex.sample_event_phrases)})\b", re.IGNORECASE),
        "drug_stem": re.compile(rf"(?<![\w-])[A-Za-z][a-z]{{2,}}(?:{alternation(lex.drug_suffixes)})(?![\w-])"),
        "lab_volume": re.compile(rf"\b(?:{alternation(lex.lab_volume_cues)})\b", re.IGNORECASE),
        "vehicle": re.compile(rf"\b(?:{alternation(lex.dose_vehicle_cues)})\s*$", re.IGNORECASE),
        # the size of each of many groups, not of the sample: "(delivered) in cohorts of six to
        # eight participants", "groups of up to 10" (but "two groups of 20 patients" are arms,
        # and so is "the control group of 20": the plural group noun has no count of its own)
        "group_size_before": re.compile(
            rf"\b(?:{alternation(lex.group_size_nouns)})\s+of\s+(?:up\s+to\s+|a\s+maximum\s+of\s+|"
            rf"about\s+|approximately\s+|around\s+)?(?:(?:\d+|{word_number_pattern()})\s*(?:to|-|–|or)\s*)?$", re.IGNORECASE),
        # the count of groups before the group noun: "two (different) groups of 20"
        "counted_groups": re.compile(rf"\b(?:\d+|{word_number_pattern()})\s+(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE),
        "left_block": re.compile(rf"(?:\b(?:{alternation(lex.sample_left_blockers)})|[±<>≤≥=/])\s*$", re.IGNORECASE),
    }


def _initials(token) -> bool:
    return token.text.isupper() and token.text.isalpha() and 2 <= len(token.text) <= 5


#: numbered doses, sessions or weeks before a list of numbers: "for doses 3 and (4, and 1.0 mg/kg)"
_NUMBERED_UNITS_BEFORE = re.compile(
    r"\b(?:doses?|sessions?|weeks?|days?|visits?|infusions?|injections?|treatments?|months?)\s+(?:\d{1,3}\s*(?:,|and|to|-|\u2013)\s*)+$",
    re.IGNORECASE)


def _not_a_route_abbreviation(doc: Doc, s: int, e: int, left_blockers: list[str]) -> bool:
    """"stage IV", "class IV", or initials in an author list ("KL PO NVO"): not a route."""
    if s > 0 and doc[s - 1].lower_ in left_blockers:
        return True
    before = doc[s - 1] if s > 0 else None
    after = doc[e] if e < len(doc) else None
    return bool(before is not None and _initials(before) and (after is None or _initials(after) or after.text in ".,;:"))


# a name in quotes: "Mind, Body, Food," / ‘FRIENDS for Life’
_QUOTED = re.compile(r"[\"“‘'](?P<name>[A-Z][^\"”’'\n]{2,50}?)[,.]?[\"”’']")
# what makes a quoted name a programme: an appositive or a verb naming an intervention after it,
# an arm or course word right after it, or an intervention word "called"/"named" it before
_PROGRAMME_AFTER = re.compile(
    r"\s*,?\s*(?:(?:is|was)\s+)?(?:an?|the)\s+(?:[\w-]+\s+){0,6}?(?:intervention|program|programme|training|course|"
    r"therapy|psychotherapy|treatment)\b|\s+(?:group|intervention|program|programme|condition|arm|consists|modules?|sessions?)\b",
    re.IGNORECASE)
_PROGRAMME_BEFORE = re.compile(
    r"\b(?:intervention|program|programme|course|training|therapy|treatment|module|app|website)\b[^.]{0,30}?"
    r"\b(?:called|named|entitled|titled)\s*$", re.IGNORECASE)

#: what makes the people who received something the sample: "... and were included", "... and
#: make up the study sample"
_INCLUDED_AFTER = re.compile(
    r"[^.;]{0,80}?\band\s+(?:were|was|are)\s+(?:included|enrolled|analy[sz]ed)\b"
    r"|[^.;]{0,80}?\b(?:make|made|makes|form|formed|constitute|constituted)\s+up\s+the\s+(?:study\s+)?sample\b"
    r"|[^.;]{0,80}?\b(?:form|formed|constitute|constituted)\s+the\s+(?:study\s+)?sample\b",
    re.IGNORECASE)

# the words that make a "sample (N = 99)" the study's people, not specimens
_WHOLE_SAMPLE = ("total", "study", "whole", "full", "entire", "overall", "final", "analytic", "analysis", "trial")

# the amounts a count of doses lists: "two doses of IPGE1 (300 and 150 ng/kg/min)", "three doses
# (0.1, 0.2 and 0.5 mg/kg)"
_DOSE_LEVELS = re.compile(
    r"(?:\s+of\s+[\w-]+(?:\s+[\w-]+)?)?\s*[([,:]?\s*\d[\d.]*\s*(?:[a-zµ/]+\s*)?(?:,\s*\d[\d.]*\s*(?:[a-zµ/]+\s*)?)*,?\s*(?:and|or)\s+\d",
    re.IGNORECASE)


#: "the two doses of IPGE1 were selected on the basis of ...": doses that are chosen or compared
_DOSE_LEVELS_CHOSEN = re.compile(
    r"(?:\s+of\s+[\w-]+(?:\s+[\w-]+)?)?\s+(?:were|are)\s+(?:selected|chosen|compared|tested|evaluated)\b",
    re.IGNORECASE)


def _names_dose_levels(count: str, text: str, end: int) -> bool:
    """Is a count of doses ``count`` (ending at ``end``) followed by the amounts it lists, so
    that it names dose levels rather than administrations ("two doses of IPGE1 (300 and 150
    ng/kg/min)", "three liraglutide doses [0.6, 1.2 or 1.8 mg]"), or do "the two doses" of
    a sentence get chosen or compared ("The two doses of IPGE1 were selected on the basis
    of ...", "the study compared two doses of ketamine")?"""
    if re.search(r"\bdoses$", count, re.IGNORECASE) is None:
        return False
    return _DOSE_LEVELS.match(text, end) is not None or _compares_doses(count, text, end)


def _compares_doses(count: str, text: str, end: int) -> bool:
    """Do "the two doses" ``count`` (ending at ``end``) get compared or chosen ("To compare two
    intramuscular ketamine doses with ...", "The two doses of IPGE1 were selected ...")?"""
    if re.search(r"\bdoses$", count, re.IGNORECASE) is None:
        return False
    start = end - len(count)
    if re.search(r"\bcompar(?:e|ed|es|ing)\s+(?:the\s+)?$", text[max(0, start - 16) : start], re.IGNORECASE):
        return True  # "the study compared two doses of ketamine": two dose levels
    return (re.search(r"\b(?:the|these|both)\s+$", text[max(0, start - 8) : start], re.IGNORECASE) is not None
            and _DOSE_LEVELS_CHOSEN.match(text, end) is not None)

# an acronym-like programme name: capitals (a lower-case letter or digit may follow the first),
# hyphens and a trailing "+" ("TIMT", "I-StoP", "CBT-SUD+", "iCBT", "Regul8")
_ACRONYM = re.compile(r"(?<![\w-])(?:[a-z]?[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\+?)(?![\w-])")


#: a short form written in capitals: "LDX", "DCS", "PA21" (two to six characters, at least two letters)
_CAPITALS = r"[A-Z](?=[A-Z0-9]{1,5}(?![\w-]))(?=[0-9]*[A-Z])[A-Z0-9]{1,5}"
#: a route word that may stand between an amount and its drug: "30 mg of oral MPA"
_ROUTE_BETWEEN = r"(?:(?:oral|intravenous|intramuscular|subcutaneous|intranasal|sublingual|i\.v\.|i\.m\.|s\.c\.|p\.o\.)\s+)?"
#: an amount, then the drug it is of: "10 mg of AOS", "30 mg/d LDX", "30 mg of oral MPA"
_SHORT_FORM_AFTER_DOSE = re.compile(rf"[\s-]*(?:of\s+)?{_ROUTE_BETWEEN}(?P<a>{_CAPITALS})(?![\w-]|\+)")
#: the drug, then its amount: "LDX 30 mg/day", "DCS (50 mg/day)", "HCQ at 10 mg/kg", "(DEX, 0.5 µg/kg/h"
_SHORT_FORM_BEFORE_DOSE = re.compile(rf"(?<![\w-])(?P<a>{_CAPITALS})(?:\s*\(\s*|\s*,\s*|\s+at\s+|\s+)$")


def _short_form_mentions(text: str, forms: set[str], label: str) -> list[tuple[int, int, str]]:
    """Every mention of each short form in ``forms`` as a ``label`` candidate: a whole word, not
    part of a hyphenated one or of "CBT-SUD+"."""
    return [(m.start(), m.end(), label) for a in forms for m in re.finditer(rf"(?<![\w-]){re.escape(a)}(?![\w-]|\+)", text)]


_SEX_PAIR = re.compile(
    r"\b[\w-]+\s+(?:men|males?|boys)\s*(?:,\s*and|,|and)\s+[\w-]+\s+(?:women|females?|girls)\b"
    r"|\b[\w-]+\s+(?:women|females?|girls)\s*(?:,\s*and|,|and)\s+[\w-]+\s+(?:men|males?|boys)\b", re.IGNORECASE)


_ELIGIBLE_GROUP = re.compile(r"eligible\s+(?:participants|patients|subjects|adults|individuals|people|veterans|persons)\b")


def _after_event_bracket(text: str, start: int) -> bool:
    """Is the "n = ..." at ``start`` inside a bracket that follows an event or exclusion
    ("had dropped out (DM60: n = 17; ...)", "refused treatment (DM60: n = 8; ...)")?"""
    open_at = text.rfind("(", 0, start)
    if open_at < 0 or ")" in text[open_at:start]:
        return False
    before = text[max(0, open_at - 45) : open_at].lower()
    last_scope = max((m.end() for rx in scope_cue_patterns().values() for m in rx.finditer(before)), default=-1)
    ev = [m.end() for m in _regexes()["event_before_bracket"].finditer(before)
          if not _ELIGIBLE_GROUP.match(before, m.start())]  # "Eligible participants (n=18)": the group, no event
    return bool(ev) and max(ev) > last_scope  # "screened and 40 were randomized (n = 20 ...)": the scope word wins


#: "One study of 32 patients", "In a phase I trial in 16 patients": a study named by its kind
#: before a count, which is another study's when the sentence reports or cites it
_A_STUDY_OF = re.compile(r"\b(?:a|one)\s+(?:[\w-]+\s+){0,3}?(?:study|trial|meta-analysis|review)\s+(?:of|in|with|among)\b",
                         re.IGNORECASE)
_REPORTED = re.compile(r"\[\d|\bet\s+al\b|\b(?:found|showed|shown|reported|demonstrated|observed|suggested|noted)\b",
                       re.IGNORECASE)
#: words of this study or of its sample-size plan in the sentence: "... previous studies [9, 21],
#: 256 patients had to be enrolled", "in this study"
_OWN_STUDY = re.compile(r"\b(?:we|our|this|the\s+present|the\s+current|sample\s+size|power|required|will|needed|had\s+to"
                        r"|to\s+detect|alpha)\b|α", re.IGNORECASE)


#: a sample-size plan after a count: "a total of 68 participants were required" (but "were
#: required to discontinue" is an event)
_PLANNED_REQUIRED = re.compile(r"\s+(?:were|are|is|was|will\s+be|would\s+be)\s+(?:required|needed)\b(?!\s+to\b)", re.IGNORECASE)


def _other_study_count(text: str, sentence: tuple[int, int], start: int) -> bool:
    """Is the count at ``start`` another study's ("In another study of 524 patients", "Baba et
    al [72] studied ... (n=7)", "A meta-analysis of 16 studies which included 780
    participants")? GUIDELINES.md: other studies' samples are no SAMPLE_SIZE."""
    before, whole = text[sentence[0] : start], text[sentence[0] : sentence[1]]
    if _OWN_STUDY.search(whole):
        return False
    return bool(_regexes()["other_study"].search(before) or (_A_STUDY_OF.search(before) and _REPORTED.search(whole)))


def _sex_breakdown(text: str, start: int, end: int) -> bool:
    """Is the count at ``text[start:end]`` one half of "14 men and 6 women"?"""
    lo = max(0, start - 40)
    return any(m.start() <= start - lo and end - lo <= m.end() for m in _SEX_PAIR.finditer(text[lo : end + 40]))


def _words_before(text: str, start: int, n: int = 3) -> str:
    """The last ``n`` words before ``start``, lower case, single-spaced; an opening bracket
    does not stick to its word ("(maximum daily dose ...)")."""
    return " ".join(re.sub(r"[(\[]", " ", text[max(0, start - 40) : start].lower()).split()[-n:])


def _word_after(text: str, end: int, sep: str = r"[\s-]+") -> str:
    """The word after ``end`` ("daily *activities*", "intravenous *access*"), lower case, "" when
    none; ``sep`` is what may stand between."""
    m = re.match(rf"{sep}([A-Za-z]+)", text[end : end + 30])
    return m.group(1).lower() if m else ""


def _names_route_object(text: str, end: int, lex: ExtractionLexicon) -> bool:
    """Is the word after a route term at ``end`` (on its line) an object that makes it no drug's
    route ("intravenous access", "caudal region", "vaginal delivery")?"""
    return _word_after(text, end, sep=r"[ \t]+") in lex.route_object_blockers


def _frequency_extent(text: str, start: int, end: int) -> tuple[int, int, str]:
    """A FREQUENCY span cut to the guidelines' extent: an adjectival count has no article
    ("single-dose" of "a single-dose study"); a count of administrations takes the preposition
    before it and the rate after it ("over six sessions", "for a total of 26 doses", "2-3
    sessions a week"); a rate of intervals takes its "at" ("at weekly intervals"). (The
    guidelines' "no span ends in a full stop" is the tokenizer's, which splits "b.i.d." into
    "b.i.d" and ".".)"""
    article = _ADJECTIVAL_COUNT.match(text, start, end)
    if article is not None and article.end() == end:
        start = article.start("count")
    if text[start:end].lower() in load_lexicon().split_full_stop:
        end -= 1  # "b.i.d." is spanned "b.i.d"
    count, rate_intervals = _count_extent_patterns()
    if count.fullmatch(text, start, end):
        before = _PREPOSITION_BEFORE_COUNT.search(text, max(0, start - 30), start)
        if before is not None:
            start = before.start()
        after = _RATE_AFTER_COUNT.match(text, end)
        if after is not None:
            end = after.end()
    elif rate_intervals.fullmatch(text, start, end) and (at := _AT_BEFORE_INTERVALS.search(text, max(0, start - 20), start)):
        start = at.start()  # "at (approximately) weekly intervals"
    return start, end, "FREQUENCY"


def count_preposition_length(text: str) -> int:
    """The length of the preposition that opens the FREQUENCY span ``text`` of a count ("over " of
    "over six sessions", "for a total of " of "for a total of 26 doses"; "for " of "for a maximum
    of six cycles"), 0 for any other span ("for 4 weeks" is a period, and the period is its
    preposition's)."""
    m = _LEADING_PREPOSITION.match(text)
    if m is None or not _count_extent_patterns()[0].fullmatch(text, m.end()):
        return 0
    return m.end()


#: the labels of a flow list's counts ("Included: 87", "Randomised: 64"), read by the SAMPLE_SIZE rules and
#: by the record assembler's scope of such a count
COUNT_LABELS = r"Included|Enrolled|Randomi[sz]ed|Recruited"

#: the preposition of a count, and the bound words before a count that no count pattern holds
_LEADING_PREPOSITION = re.compile(r"(?:for|over)\s+(?:a\s+total\s+of\s+|at\s+least\s+)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _count_extent_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A count of administrations as a whole span ("six sessions", "a maximum of 26 doses",
    "2–3 weekly sessions"), and a rate of intervals ("weekly intervals")."""
    lex = load_lexicon()
    n = number_pattern()
    nouns, mods = administration_patterns()
    pref = alternation(lex.count_prefixes)
    iv_adjective = alternation([w for w, v in lex.interval_words.items() if v != "daily" and w.endswith("ly")])
    count = re.compile(rf"(?:(?:{pref})\s+)?(?:{n})(?:\s?(?:-|–|to|or)\s?(?:{n}))?(?:[\s-]+(?:{mods}))*[\s-]+(?:{nouns})",
                       re.IGNORECASE)
    return count, re.compile(rf"(?:{iv_adjective}|daily)\s+intervals?", re.IGNORECASE)


#: the preposition (with its bound words) that opens a count of administrations: "over (six
#: sessions)", "for a total of (26 doses)", "for (a maximum of six cycles)"
_PREPOSITION_BEFORE_COUNT = re.compile(
    r"(?<![\w-])(?<!\bexcept\s)(?:for|over)\s+(?:(?:a\s+)?(?:total|maximum|minimum)\s+of\s+|up\s+to\s+|at\s+least\s+)?$", re.IGNORECASE)
#: the "at" of a rate of intervals: "at (weekly intervals)", "at approximately (weekly intervals)"
_AT_BEFORE_INTERVALS = re.compile(r"(?<![\w-])at\s+(?:(?:approximately|about|roughly|around)\s+)?$", re.IGNORECASE)
#: the rate right after a count of administrations: "(2–3 sessions) a week", "(one session) per week"
_RATE_AFTER_COUNT = re.compile(r"\s+(?:a|per|each|every)\s+(?:day|week|month)\b", re.IGNORECASE)


#: an adjectival count with its article: "a single-dose (study)", "a one-time (design)"
_ADJECTIVAL_COUNT = re.compile(r"(?:a|one)\s+(?P<count>(?:single|one-time)-dose)", re.IGNORECASE)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The text from the full stop or line break before ``start`` to the full stop after ``end``
    (a cheap sentence, for a cue test). A line break before a word in lower case only wraps
    the line ("Sessions took place\non Mondays and Thursdays"); another ends the sentence (a
    table row, a heading)."""
    s0 = max(text.rfind(". ", 0, start), _line_break_before(text, start)) + 1
    s1 = min((i for i in (text.find(". ", end), _line_break_after(text, end)) if i >= 0), default=len(text))
    return text[s0:s1]


def _line_break_after(text: str, end: int) -> int:
    """The first line break after ``end`` that ends a line (the next line does not go on in lower case), or -1."""
    i = text.find("\n", end)
    while i >= 0 and text[i + 1 : i + 2].islower():
        i = text.find("\n", i + 1)
    return i


def _line_break_before(text: str, start: int) -> int:
    """The last line break before ``start`` that starts a line (not one that wraps a sentence), or -1."""
    i = text.rfind("\n", 0, start)
    while i >= 0 and text[i + 1 : i + 2].islower():
        i = text.rfind("\n", 0, i)
    return i


def _clause_around(text: str, start: int, end: int) -> str:
    """The text between the full stops or semicolons around ``text[start:end]`` (a full stop at a
    line's end, as hard-wrapped text has them, ends a clause too: "... when added to CM.\nMETHODS")."""
    s0 = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start), text.rfind(".\n", 0, start)) + 1
    s1 = min((i for i in (text.find(". ", end), text.find("; ", end), text.find(".\n", end)) if i >= 0), default=len(text))
    return text[s0:s1]


def _gives_drug(sent: str) -> bool:
    """Does a sentence speak of giving a drug (an administration verb or an amount)?"""
    return bool(_regexes()["admin_verb"].search(sent) or dose_regex().search(sent))


#: a mass unit, where an amount in words may end: "(half a) milligram", "(forty-five) µg"
_MASS_UNIT = re.compile(r"(?<![A-Za-z])(?:mg|milligrams?|mcg|µg|μg|micrograms?|grams?)(?![a-zA-Z])", re.IGNORECASE)

#: the word before a table's or figure's number: "Table (1)", "Fig. (2)"
#: what a gauge measures, after "22G": "22G peripheral cannula", "25 g needle", "20 G IV catheter"
_GAUGE_AFTER = re.compile(r"[\s-]*(?:(?:peripheral|intravenous|i\.?v\.?|spinal|venous)\s+)?(?:cannula|catheter|needle|venflon)s?\b",
                          re.IGNORECASE)

#: the preposition that puts administrations at numbered sessions: "(taken) before (the fifth, ...)"
_SESSION_LEAD = re.compile(r"\b(?:before|after|at|during|in|on)\s+$", re.IGNORECASE)

#: the sign before a count that makes it a threshold of an analysis set: "(≥)1 dose", "(>=)1 ESK dose"
_THRESHOLD_BEFORE = re.compile(r"(?:≥|⩾|>=?)\s*$")
_NUMBERED_DISPLAY = re.compile(r"\b(?:e?tables?|e?figures?|figs?\.?|appendix|panel|box)\s+$", re.IGNORECASE)

#: a visit named as a drug's: "the weekly visit was a dosing session", "infusion visits"
_DOSING_VISIT = re.compile(r"\b(?:dosing|drug|infusion|injection|ketamine)\s+(?:sessions?|visits?)\b", re.IGNORECASE)


def _schedules_assessment(sent: str) -> bool:
    """Does the sentence schedule an assessment ("scores were measured at weeks 0, 4 and 8")? A
    visit is none where the sentence calls it a dosing session ("In weeks 2, 4 and 6 the weekly
    visit was a dosing session")."""
    hits = [m.group(0).lower() for m in _regexes()["assessment"].finditer(sent)]
    if hits and all(h.startswith("visit") for h in hits) and _DOSING_VISIT.search(sent):
        return False
    return bool(hits)


def _monitoring_only(text: str, start: int, end: int) -> bool:
    """True when the sentence around ``text[start:end]`` schedules checks (assessed, monitored,
    documented, supervised) and says nothing of giving a drug (no administration verb, no amount)."""
    sent = _clause_around(text, start, end)
    return bool(_regexes()["monitoring"].search(sent)) and not _gives_drug(sent)


def _ends_with(words: str, phrases: list[str]) -> bool:
    return any(words == p or words.endswith(" " + p) for p in phrases)


@lru_cache(maxsize=1)
def _route_after_dose_regex() -> re.Pattern[str] | None:
    from kapextract.normalize.units import unit_pattern

    terms = [t.term for t in load_routes().terms if t.after_dose]
    if not terms:
        return None
    return re.compile(rf"\d\s?(?i:{unit_pattern()})\s*,?\s*(?P<r>{alternation(terms)})(?![\w.])")


def _routes_after_dose(text: str) -> list[tuple[int, int, str]]:
    """ROUTE: a lower-case abbreviation right after a dose amount ("(2.0 mg/kg, im)", "0.5 mg/kg
    iv over 40 min"); nowhere else, where "iv" is a roman numeral and "po" a word."""
    rx = _route_after_dose_regex()
    return [] if rx is None else [(m.start("r"), m.end("r"), "ROUTE") for m in rx.finditer(text)]


def _count_around_route(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """A count whose modifiers hold a route word ("three weekly intravenous infusions") as two
    FREQUENCY pieces around it ("three weekly", "infusions"): the route is a ROUTE span of its
    own (GUIDELINES.md). [] when no route word is among the modifiers."""
    words = list(re.finditer(r"[\w.]+", m.group(0)))
    for k, w in enumerate(words[1:-1], 1):
        term = load_routes().lookup(w.group(0))
        if term is None or not term.span:
            continue
        head = m.group(0)[: w.start()].rstrip(" -\u2013")
        nouns = administration_patterns()[0]
        tail = re.search(rf"(?:{nouns})$", m.group(0), re.IGNORECASE)
        if tail is None or tail.start() < words[k].end():
            return []
        return [(m.start(), m.start() + len(head), "FREQUENCY"), (m.start() + tail.start(), m.end(), "FREQUENCY")]
    return []


def _count_around_length(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """A count whose modifiers hold the length of each session ("nine 2-hour sessions", "eight
    90 min weekly sessions") as two FREQUENCY pieces around it ("nine", "weekly sessions"): the
    length is a DURATION span of its own (GUIDELINES.md). [] when no length is among the
    modifiers, or the count has no words before it."""
    length = _SESSION_LENGTH.search(m.group(0))
    if length is None:
        return []
    head = m.group(0)[: length.start()].rstrip(" -\u2013")
    tail = m.group(0)[length.end() :]
    tail_start = len(m.group(0)) - len(tail.lstrip(" -\u2013"))
    if not head or tail_start >= len(m.group(0)):
        return []
    return [(m.start(), m.start() + len(head), "FREQUENCY"), (m.start() + tail_start, m.end(), "FREQUENCY")]


#: the length of each session among a count's modifiers: "(nine) 2-hour (sessions)", "90 min"
_SESSION_LENGTH = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[\s-](?:minutes?|min|hours?|hrs?|h)\b(?=[\s-])", re.IGNORECASE)


def _count_not_the_plan(text: str, start: int) -> bool:
    """Does the count at ``start`` follow a threshold or a part-of phrase ("at least one dose",
    "one of the 3 sessions"), and no plan opener ("at each of the 3 KAP sessions")? "had" and
    "attended" (a count attended, mostly) block no count that its schedule follows ("had three
    sessions in total at monthly intervals")."""
    lex = load_lexicon()
    if _OR_MORE.match(text, start):
        return True  # "at one or more sessions", "received two or more infusions": a threshold
    if _part_of_count().search(text, max(0, start - 30), start):
        return True  # "after 12 of 26 ketamine sessions": a share of the sessions held
    if _TALLY_BEFORE.search(text, max(0, start - 20), start):
        return True  # "Of 270 ketamine sessions planned, 241 were attended": a tally over participants
    if re.search(r"\bat\s+$", text[max(0, start - 5) : start], re.IGNORECASE) and _AT_DOSE_LEVELS.match(text, start):
        return True  # "given at two doses alongside MET": two dose levels, not two administrations
    if not _ends_with(_words_before(text, start), lex.count_left_blockers) or _ends_with(
            _words_before(text, start, 4), lex.count_plan_openers):
        return False
    return not (_words_before(text, start, 1) in ("had", "attended") and (
        _SCHEDULE_AFTER.match(text, start) or _SCHEDULE_NEXT.match(text, start)))


#: an interval in minutes, and what makes it no schedule of boluses: a titration's steps, checks
_MINUTES = re.compile(r"\d\s?(?:minutes?|mins?)$", re.IGNORECASE)
_NOT_A_BOLUS_RATE = re.compile(r"\b(?:titrat|increment|increas|decreas|assess|measur|record|monitor|check|sampl|reading|score)",
                               re.IGNORECASE)

@lru_cache(maxsize=1)
def _treatment_words() -> frozenset[str]:
    """What a period is "of" when it is the treatment's ("24 weeks of double-blind treatment")."""
    return (frozenset(load_lexicon().course_nouns) - {"course", "program", "programme", "self-help"}) | {"medication", "placebo"}


#: a count right before a rate adjective: "(one) daily (placebo capsule)", "(ten) weekly (sessions)"
_COUNT_BEFORE_RATE = re.compile(rf"(?<![\w.,/:±-])(?:\d{{1,2}}|{word_number_pattern()})\s+$", re.IGNORECASE)

#: a count that is a threshold: "(one) or more sessions", "(2) or fewer infusions"
_OR_MORE = re.compile(r"[\w-]+\s+or\s+(?:more|fewer|less|greater)\b", re.IGNORECASE)

#: a count of dose levels after "at": "(given at) two doses", "(at) three dose levels"
_AT_DOSE_LEVELS = re.compile(r"[\w-]+\s+(?:different\s+)?(?:doses|dose\s+levels|dosages)\b(?!\s+(?:per|a|each|daily)\b)", re.IGNORECASE)

#: a count that opens its sentence as the pool of a tally: "Of (270 ketamine sessions planned), 241 ..."
_TALLY_BEFORE = re.compile(r"(?:^|[.;]\s+|\n)(?:Of|Out\s+of)\s+(?:the\s+|all\s+)?$")


@lru_cache(maxsize=1)
def _part_of_count() -> re.Pattern[str]:
    """A number and "of" right before a count: "(after) 12 of (26 sessions)", "two out of"."""
    return re.compile(rf"(?<![\w.])(?:{number_pattern()})\s+(?:out\s+)?of\s+$", re.IGNORECASE)


#: a count whose schedule follows it: "three sessions in total at monthly intervals", "six
#: infusions, twice weekly"; or opens the next sentence, which refers back to it ("four infusion
#: visits. These were held twice a week": _SCHEDULE_NEXT)
_SCHEDULE_AFTER = re.compile(
    r"[\w-]+(?:\s+[\w-]+){0,4}?,?\s+(?:at\s+(?:[\w-]+\s+){0,2}intervals?\b|(?:once\s+|twice\s+)?(?:weekly|monthly|fortnightly)\b"
    r"|(?:one|two|three|four|a|\d+)\s+(?:weeks?|months?|days?)\s+apart\b|every\s+(?:other\s+|\d+\s+|two\s+|three\s+|four\s+)?(?:weeks?|months?|days?)\b)",
    re.IGNORECASE)
_SCHEDULE_NEXT = re.compile(
    r"[\w-]+(?:\s+[\w-]+){0,4}?\.\s+(?:These|They|The\s+(?:visits|sessions|infusions|injections|doses))\s+(?:were|are|will\s+be)\s+"
    r"(?:held|given|scheduled|spaced|booked|delivered|administered)\s+(?:(?:once|twice|\w+\s+times)\s+(?:a|per|each)\s+(?:week|month)"
    r"|weekly|monthly|fortnightly|every\b|(?:one|two|three|four|\d+)\s+(?:weeks?|months?|days?)\s+apart\b|at\s+(?:[\w-]+\s+){0,2}intervals?\b)",
    re.IGNORECASE)


#: the word before a drug that makes it a substance of use: "street fentanyl", "illicit benzodiazepines"
_ILLICIT_BEFORE = re.compile(r"\b(?:street|illicit|illegal|recreational|non-prescribed|nonprescribed|non-medical|nonmedical)\s+$",
                             re.IGNORECASE)

#: the words before "single dose" that make it a cap: "the maximum single dose"
_CAP_BEFORE = re.compile(r"\b(?:maximum|max\.?|highest|largest|maximal)\s+$", re.IGNORECASE)

#: the words after "a single dose" that make it a cap: "No single injection may exceed 100 mg", "with no
#: single injection above 100 mg"
_CAP_AFTER = re.compile(r"\s+(?:(?:may|must|should|could|can|will|shall|did|does|do|to)\s+)?(?:not\s+|never\s+)?exceed"
                        # "with no single injection above 100 mg"
                        r"|\s+(?:injection|dose|administration|session|infusion)?\s*(?:above|exceeding|greater\s+than|"
                        r"more\s+than|higher\s+than)\s+\d+(?:\.\d+)?\s?(?:mg|µg|mcg|g)\b"
                        # "(a single injection capped at 150 mg)"
                        r"|\s+(?:injection|dose|administration|infusion)?\s*(?:(?:was|is|being)\s+)?(?:capped|limited)\s+(?:at|to)\b",
                        re.IGNORECASE)

#: the words before a schedule that a course is made of: "The induction phase consisted of (twice weekly)
#: sessions" (an "of" that does not block the rate after it, as "the number of" does)
_CONSISTED_OF = re.compile(r"\b(?:consist(?:s|ed|ing)?|comprised|composed|made\s+up)\s+of$", re.IGNORECASE)

#: the words before a dosing interval that a "schedule" follows: "on a (twice-weekly) schedule"
_ON_A = re.compile(r"\bon\s+an?\s+$", re.IGNORECASE)


# words without which a pattern cannot match (a cheap test before an expensive scan)
_GUARDS = {"apart": ("apart", "interval", "between"), "times": ("times", "hourly", "per week", "days a week", "days each week", "days every week",
                                                      "one each", "one every", "/"), "times_over": ("times",)}


@lru_cache(maxsize=4096)
def _long_form_label(long: str) -> str | None:
    """The entity label a defined abbreviation takes from its long form (or None)."""
    term = load_therapies().lookup(long)
    if (term is not None and term.match != "arm") or load_therapies().by_keywords(long) is not None:
        return "THERAPY"  # (a word that names only an arm defines no therapy: "trait mindfulness (MF)")
    if load_routes().lookup(long) is not None:
        return "ROUTE"
    if long.lower() in load_drugs().entries:
        return "DRUG"
    last = long.split()[-1] if long.split() else ""
    if _regexes()["drug_stem"].fullmatch(last) and last.lower() not in load_lexicon().drug_suffix_stoplist:
        return "DRUG"  # "N-acetylcysteine (NAC)": a drug-like name by its INN stem
    return None


def _context_names(doc: Doc) -> tuple[str, ...]:
    """The drug names the caller passes (``doc._.kap_context["drugs"]``, ``--drug``), lower case, sorted."""
    ctx = doc._.kap_context or {}
    return tuple(sorted({n.strip().lower() for n in ctx.get("drugs") or [] if n.strip()}))


@lru_cache(maxsize=64)
def _names_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the extra drug names of a call (``--drug``)."""
    return re.compile(rf"(?<![\w-])(?:{alternation(names)})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _paired_amount() -> re.Pattern[str]:
    from kapextract.normalize.units import unit_pattern

    return re.compile(rf"(?<![\w.])(?P<a>{DIGITS})\s?/\s?{DIGITS}\s?(?:{unit_pattern()})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _range_to() -> re.Pattern[str]:
    """A count that opens with "N to M": "30 to three (sessions)"."""
    return re.compile(rf"({number_pattern()})\s+to\s+(?=({number_pattern()})\b)", re.IGNORECASE)


def _backward_range(span: str) -> int:
    """Where the count of ``span`` starts when it opens with "N to M" and N > M: "30 to three
    sessions" ("59 were randomized: 30 to three sessions and 29 to one session") allocates 30
    participants, it is no range of sessions; 0 otherwise."""
    m = _range_to().match(span)
    if m is None:
        return 0
    lo, hi = parse_number(m.group(1)), parse_number(m.group(2))
    return m.end() if lo is not None and hi is not None and lo > hi else 0


@Language.factory("kap_entity_rules", default_config={"overwrite": False, "spans_key": None})
def make_entity_rules(nlp: Language, name: str, overwrite: bool, spans_key: str | None) -> KapEntityRules:
    """Rule NER for the seven KAP labels (see the module docstring)."""
    return KapEntityRules(nlp, overwrite=overwrite, spans_key=spans_key)


@Language.factory("kap_entity_fill", default_config={"spans_key": "kap_rules"})
def make_entity_fill(nlp: Language, name: str, spans_key: str) -> EntityFill:
    """Adds the spans of ``doc.spans[spans_key]`` to ``doc.ents`` where they overlap none."""
    return EntityFill(spans_key)


class EntityFill:
    """Requires ``doc.spans[spans_key]`` (``kap_entity_rules`` with ``spans_key``) and the
    trained ``doc.ents``; sets ``doc.ents``: the trained entities plus every rule span that
    overlaps none of them (a FREQUENCY span that touches another across white space is joined
    with it, as the rules join their own)."""

    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        rules = [(sp.start_char, sp.end_char, sp.label_) for sp in doc.spans.get(self.spans_key, [])]
        new = KapEntityRules._select(doc, rules, ents)  # the rule stage's own gap filling
        doc.ents = sorted(KapEntityRules._merge_frequency(doc, KapEntityRules._interrupted_counts(doc, ents + new)),
                          key=lambda s: s.start)
        return doc


class KapEntityRules:
    def __init__(self, nlp: Language, overwrite: bool = False, spans_key: str | None = None) -> None:
        self.overwrite = overwrite
        self.spans_key = spans_key
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        drugs = load_drugs()
        self.lower.add("DRUG", list(nlp.tokenizer.pipe(sorted(drugs.entries))))
        th = load_therapies()
        self.lower.add("THERAPY", list(nlp.tokenizer.pipe([t.term for t in th.terms if t.match == "lower"])))
        self.exact.add("THERAPY", list(nlp.tokenizer.pipe([t.term for t in th.terms if t.match == "exact"])))
        routes = load_routes()
        self.lower.add("ROUTE", list(nlp.tokenizer.pipe([t.term for t in routes.terms
                                                         if not t.exact and t.span and not t.after_dose])))
        self.exact.add("ROUTE", list(nlp.tokenizer.pipe([t.term for t in routes.terms if t.exact])))
        self.tokenizer = nlp.tokenizer

    # -- candidates ------------------------------------------------------------

    def _phrase_candidates(self, doc: Doc) -> list[tuple[int, int, str]]:
        out = []
        lex = load_lexicon()
        blockers = lex.route_abbrev_left_blockers
        defined = abbreviation_map(doc)
        for matcher in (self.lower, self.exact):
            for match_id, s, e in matcher(doc):
                span = doc[s:e]
                label = doc.vocab.strings[match_id]
                if label == "ROUTE" and matcher is self.exact and _not_a_route_abbreviation(doc, s, e, blockers):
                    continue
                if (matcher is self.exact and span.text in defined
                        and _long_form_label(defined[span.text]) not in (None, label)
                        and not any(load_routes().lookup(w) for w in defined[span.text].split())):
                    continue  # "Indomethacin (IM)": the paper's own abbreviation for a drug, not intramuscular
                    # (but "intramuscular ketamine (IM)" still names the route)
                if (label == "ROUTE" and matcher is self.exact and span.text in defined
                        and load_routes().lookup(defined[span.text]) is None
                        and not any(load_routes().lookup(w) for w in re.findall(r"[\w.-]+", defined[span.text]))):
                    continue  # "the identified patient (IP)": the paper defines it as no route
                if label == "ROUTE" and _names_route_object(doc.text, span.end_char, lex):
                    continue  # "intravenous access", "caudal region", "vaginal delivery": not a drug's route
                out.append((span.start_char, span.end_char, label))
        if "\n" in doc.text:
            # a name that a hard line break splits ("ketamine 2 mg kg−1 by\nmouth", PDF text): the
            # text with its line breaks as spaces has the same offsets
            flat = self.tokenizer(doc.text.replace("\n", " "))
            for match_id, s, e in self.lower(flat):
                span = flat[s:e]
                label = flat.vocab.strings[match_id]
                if "\n" not in doc.text[span.start_char : span.end_char]:
                    continue  # (matched above)
                if label == "ROUTE" and _names_route_object(flat.text, span.end_char, lex):
                    continue
                out.append((span.start_char, span.end_char, label))
        return out

    def _defined_abbreviations(self, doc: Doc, text: str) -> list[tuple[int, int, str]]:
        """Short forms the paper defines with a long form that names a therapy, route or drug
        (and, for a therapy, the defining long form itself)."""
        out = []
        names = _context_names(doc)
        ctx_rx = _names_regex(names) if names else None
        for short, long in abbreviation_map(doc).items():
            if len(short) < 2 or not any(c.isupper() for c in short):
                continue
            label = _long_form_label(long)
            if label is None and ctx_rx is not None and ctx_rx.search(long):
                label = "DRUG"  # the drug the caller names, defined with an abbreviation ("alginate oligosaccharide (AOS)")
            if label is None:
                continue
            if short not in text:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
                out.append((m.start(), m.end(), label))
            if label == "THERAPY":
                # the long form is one THERAPY when it starts with a known therapy and goes on
                # ("Cognitive Behavioural Therapy for Insomnia (CBT-I)"), less a trailing arm word
                # ("behaviour therapy condition (BT)")
                core = re.sub(r"[\s-]+(?:condition|group|arm|intervention\s+group)$", "", long, flags=re.IGNORECASE)
                if not self._starts_with_therapy(core):
                    continue
                for m in re.finditer(rf"(?<![\w-]){re.escape(core)}(?=[\s-]*(?:(?:condition|group|arm)\s*)?\(\s*{re.escape(short)}\b)", text):
                    out.append((m.start(), m.end(), label))
        return out

    @staticmethod
    def _abbreviations_of_sessions(doc: Doc, text: str) -> list[tuple[int, int, str]]:
        """An ambiguous therapy abbreviation (ACT, PE, MI ...) that the paper never defines, where
        it names sessions, therapists or a programme ("eight weekly ACT sessions", "the PE
        therapist"): the therapy."""
        defined = abbreviation_map(doc)
        out = []
        for term in load_therapies().terms:
            if term.match != "defined" or term.term not in text:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(term.term)}(?![\w-])", text):
                if abbreviation_naming_sessions(text, term.term, m.end(), defined) is not None:
                    out.append((m.start(), m.end(), "THERAPY"))
        return out

    def _starts_with_therapy(self, phrase: str) -> bool:
        """Whether a phrase begins with a therapy name of the vocabulary ("CBT for insomnia")."""
        words = phrase.split()
        return any(load_therapies().lookup(" ".join(words[:n])) is not None for n in range(1, min(len(words), 6)))

    @staticmethod
    def _with_therapy_modifiers(text: str, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """A THERAPY takes the delivery modifiers written right before it ("group CBT",
        "Internet-delivered CBT", "low-intensity telephone CBT"), as the corpus spans them."""
        rx = _regexes()["modifier_before"]
        out = []
        for s, e, label in cands:
            if label == "THERAPY":
                while s:
                    w0 = max(0, s - 40)  # the longest modifier is far shorter: scan a window, not the text
                    m = rx.search(text, w0, s)
                    if m is None or m.end() != s or m.start() >= s:
                        break
                    s = m.start()
            out.append((s, e, label))
        return out

    def _arm_acronyms(self, text: str, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Programme names the vocabulary cannot know ("TIMT", "I-StoP", "CBT-SUD+"): an acronym
        standing where an arm is named - before "group"/"condition"/"intervention", after
        "randomized to", or joined by "plus"/"versus"/"or" to a therapy - is a THERAPY, and so are
        its other mentions in the text. Drug, route and measure acronyms are excluded."""
        lex = load_lexicon()
        taken = {text[s:e] for s, e, label in cands if label in ("DRUG", "ROUTE", "DOSE")}
        therapy = [(s, e) for s, e, label in cands if label == "THERAPY"]
        if not therapy:
            return []  # only in a text that names a psychological intervention at all
        rx = _regexes()
        found: set[str] = set()
        for m in _ACRONYM.finditer(text):
            a = m.group(0)
            if a in taken or a.lower() in lex.non_therapy_acronyms or a.lower() in load_drugs().entries:
                continue
            after = text[m.end() : m.end() + 30]
            before = text[max(0, m.start() - 40) : m.start()]
            cue = rx["arm_acronym_cue"].match(after)
            assigned = re.search(r"\b(?:randomi[sz]ed|allocated|assigned)\s+to\s+(?:receive\s+)?(?:either\s+)?(?:the\s+)?$", before, re.IGNORECASE)
            joined = any(
                re.fullmatch(r"\s*(?:plus|\+|versus|vs\.?|or|and|compared\s+with|in\s+addition\s+to|with)\s*", text[e:m.start()], re.IGNORECASE)
                or re.fullmatch(r"\s*(?:plus|\+|versus|vs\.?|or|and|compared\s+with|in\s+addition\s+to)\s*", text[m.end():s], re.IGNORECASE)
                for s, e in therapy)
            if any(rx["drug_word_after"].match(text, o.end()) for o in re.finditer(rf"(?<![\w-]){re.escape(a)}", text, re.IGNORECASE)):
                continue  # "GIK infusion", "VA supplementation": a drug, not a programme
            if cue or assigned or joined:
                found.add(a)
        return _short_form_mentions(text, found, "THERAPY")

    @staticmethod
    def _quoted_programmes(text: str, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Programme names the vocabulary cannot know, written in quotes ("Mind, Body, Food," a
        Web-based intervention; the "FRIENDS for Life" group): a quoted name that an intervention
        word follows, or that an intervention word before it calls or names ("a Web-based
        intervention (called "Leef met je hart")"), is a THERAPY wherever the text repeats it;
        never a drug's product name, an analysis set or an instrument."""
        if '"' not in text and "“" not in text and "‘" not in text and "'" not in text:
            return []
        drugs = {text[s:e].lower() for s, e, label in cands if label == "DRUG"}
        analysis = {c.replace("-", " ") for c in load_lexicon().sample_scope_cues["analyzed"]}
        found = set()
        for m in _QUOTED.finditer(text):
            name = m.group("name").rstrip(",. ")
            if name.lower() in drugs or len(name) < 3 or name.lower().replace("-", " ") in analysis:
                continue  # a drug's product name, or an analysis set (an "Intention to Treat" group)
            if any(w.startswith(b) for w in name.lower().split() for b in load_therapies().blockers):
                continue  # an instrument ("Pain Catastrophizing Scale") or a trial, not a programme
            if _PROGRAMME_AFTER.match(text, m.end()) or _PROGRAMME_BEFORE.search(text, max(0, m.start() - 70), m.start()):
                found.add(name)
        return [(x.start(), x.end(), "THERAPY") for name in found
                for x in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]

    @staticmethod
    def _drop_substances_of_use(doc: Doc, text: str, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Alcohol, cocaine, opioids ... named as what patients use ("alcohol use disorder",
        "cocaine users") are not administered drugs: a DRUG only next to a dose, or when the
        call names it (``--drug``)."""
        subst = set(load_lexicon().substances_of_use)
        ctx = set(_context_names(doc))
        doses = [(s, e) for s, e, label in cands if label == "DOSE"]
        out = []
        for s, e, label in cands:
            name = text[s:e].lower()
            used = name in subst or _ILLICIT_BEFORE.search(text, max(0, s - 20), s) is not None
            if label == "DRUG" and used and name not in ctx and not any(
                    abs(ds - e) <= 25 or abs(s - de) <= 25 for ds, de in doses):
                continue  # (any drug called illicit: "withdrawal from heroin or street fentanyl")
            out.append((s, e, label))
        return out

    @staticmethod
    def _short_forms_by_dose(text: str, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """A drug's short form that the passage does not define, known by the amount written
        right next to it ("LDX 30 mg/day", "DCS (50 mg/day)", "10 mg of AOS orally"): a DRUG, and
        so are its other mentions in the text. Measures, routes, dosing rates, therapies and
        the other acronyms of ``non_therapy_acronyms`` are excluded."""
        doses = [(s, e) for s, e, label in cands if label == "DOSE"]
        if not doses:
            return []
        taken = {text[s:e] for s, e, label in cands if label != "DRUG"}
        drug_ends = {e for s, e, label in cands if label == "DRUG"}
        lex = load_lexicon()
        blocked = set(lex.non_therapy_acronyms) | set(lex.non_drug_short_forms)
        found: set[str] = set()
        for s, e in doses:
            for m in (_SHORT_FORM_AFTER_DOSE.match(text, e), _SHORT_FORM_BEFORE_DOSE.search(text, max(0, s - 12), s)):
                if m is None:
                    continue
                a = m.group("a")
                if a in taken or a.lower() in blocked or load_routes().lookup(a) or load_therapies().lookup(a):
                    continue
                start = m.start("a")
                if any(re.fullmatch(r"[^\S\n]+", text[drug_end:start]) for drug_end in drug_ends if start - 3 <= drug_end < start):
                    continue  # a formulation written after the drug's name ("Morphine ARER 60 mg")
                found.add(a)
        return _short_form_mentions(text, found, "DRUG")

    def _context_drugs(self, doc: Doc, text: str) -> list[tuple[int, int, str]]:
        names = _context_names(doc)
        if not names:
            return []
        return [(m.start(), m.end(), "DRUG") for m in _names_regex(names).finditer(text)]

    def _regex_candidates(self, doc: Doc, text: str) -> list[tuple[int, int, str]]:
        """Candidates of the pattern rules, label by label."""
        return (self._dose_candidates(text) + _routes_after_dose(text) + self._therapy_phrase_candidates(text) + self._drug_stem_candidates(text)
                + self._frequency_candidates(doc, text) + self._duration_candidates(text) + self._sample_size_candidates(doc, text))

    def _dose_candidates(self, text: str) -> list[tuple[int, int, str]]:
        """DOSE: amounts with a dose unit (not thresholds, changes, concentrations, body weights, vehicles or samples), mean doses, paired and listed amounts."""
        rx = _regexes()
        out: list[tuple[int, int, str]] = []
        for m in dose_regex().finditer(text):
            before = text[max(0, m.start() - 3) : m.start()]
            after = text[m.end() : m.end() + 3]
            if "±" in before or "±" in after or "+/-" in after:
                continue  # mean ± SD of a measured quantity
            if (re.search(r"(?<![\w)])[-−+]$", before)
                    or (re.search(r"[<>≤≥]\s?$", before)
                        and not re.search(r"\bdos(?:e|es|ing)\b", text[max(0, m.start() - 25) : m.start()], re.IGNORECASE))):
                continue  # "FSH ≤12 IU", "(-1.6 ml)": a threshold or a change, not a dose ("doses of >200 µg" is one)
            if re.match(r"\s?(?:/\s?|per\s+)?(?:d[lL]|[lL]|litre|liter|mol)(?:-1|⁻¹|−1)?(?![\w-])", text[m.end() : m.end() + 12]):
                continue  # "131 mmol litre-1", "11 g dL-1", "2.19 mmol/mol": a concentration (not "100 mg l-dopa")
            nd = parse_dose(m.group(0))
            if nd is None:
                continue
            if nd["unit"] in ("g", "ml") and nd["amount"] >= 50:
                continue  # body weights ("250-300 g") and volumes of fluids are not doses
            if nd["unit"] == "g" and _GAUGE_AFTER.match(text, m.end()):
                continue  # "22G peripheral cannula", "a 25 g needle": a gauge, not a dose
            if nd["unit"] in ("ml", "ml/kg") and rx["vehicle"].search(text[max(0, m.start() - 30) : m.start()]):
                continue  # "500 µg/ml in 1 ml dehydrated ethanol": the vehicle, not a dose
            if nd["unit"] in ("ml", "ml/kg") and rx["lab_volume"].search(text[max(0, m.start() - 30) : m.end() + 25]):
                continue  # "blood samples (4 ml)", "0.5 ml of plasma": a sample, not a dose
            if re.search(r"(?:weigh(?:ing|ed|t)?|BW)\s*(?:of|:|=|was|were|between|from)?\s*(?:approximately|about|~)?\s*$",
                         text[max(0, m.start() - 30) : m.start()], re.IGNORECASE):
                continue
            per_dose = re.search(r"\s+per\s+dose$", m.group(0), re.IGNORECASE)
            # ("300 mg per dose": the span is the amount; "1 mg/dose" stays whole)
            out.append((m.start(), m.start() + per_dose.start() if per_dose else m.end(), "DOSE"))
        # an amount in words: "half a milligram per kilogram", "forty-five micrograms per kilogram"
        # (read only before a mass unit: scanning the whole text with the number words is slow)
        for u in _MASS_UNIT.finditer(text):
            for m in word_dose_regex().finditer(text, max(0, u.start() - 60), min(len(text), u.end() + 40)):
                if m.start("unit") == u.start() and parse_dose(m.group(0)) is not None:
                    out.append((m.start(), m.end(), "DOSE"))
        # a mean dose with its SD where the text speaks of dosing: "received 30.2 ± 18.0 mg/day of cinacalcet"
        for m in mean_dose_regex().finditer(text):
            ctx = text[max(0, m.start() - 60) : m.end() + 40]
            if parse_dose(m.group(0)) is not None and re.search(
                    r"\b(?:dos(?:e|es|ed|ing)|received|receiving|given|administered|infused|injected)\b", ctx, re.IGNORECASE):
                out.append((m.start(), m.end(), "DOSE"))
        # paired amounts "91.0/9.1 mg/kg": the first amount is a dose in the same unit
        for m in _paired_amount().finditer(text):
            out.append((m.start("a"), m.end("a"), "DOSE"))
        # amounts listed before one shared unit are one span: "0.5, 0.75 and 1.0 mg/kg"
        for m in listed_dose_regex().finditer(text):
            if _NUMBERED_UNITS_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                continue  # "0.75 mg/kg for doses 3 and 4, and 1.0 mg/kg": the numbers of the doses, then one amount
            if parse_dose(m.group(0)[m.start("last") - m.start() :]) is not None:
                out.append((m.start(), m.end(), "DOSE"))
        return out

    def _therapy_phrase_candidates(self, text: str) -> list[tuple[int, int, str]]:
        """THERAPY named by a phrase: drug-assisted psychotherapies, words that name an arm and
        modality + keyword + head phrases."""
        rx = _regexes()
        out: list[tuple[int, int, str]] = []
        # "LSD-assisted psychotherapy", "MDMA-assisted therapy", "psilocybin-facilitated therapy"
        for m in rx["assisted_therapy"].finditer(text):
            out.append((m.start(), m.end(), "THERAPY"))
        for key in ("arm_word", "based_therapy"):
            for m in rx[key].finditer(text):
                out.append((m.start(), m.end(), "THERAPY"))
        blockers = load_therapies().blockers
        for m in rx["therapy_phrase"].finditer(text):
            words = re.findall(r"[a-z][a-z-]*", (m.group(0) + " " + _word_after(text, m.end())).lower())
            if any(w.startswith(b) for w in words for b in blockers):
                continue
            if rx["session_setting"].search(text, max(0, m.start() - 60), min(len(text), m.end() + 60)):
                continue  # "reclines with eyeshades and a music programme": the dosing session's setting
            out.append((m.start(), m.end(), "THERAPY"))
        return out

    def _drug_stem_candidates(self, text: str) -> list[tuple[int, int, str]]:
        """DRUG names outside the lexicon by their INN stem."""
        rx = _regexes()
        out: list[tuple[int, int, str]] = []
        # drug-like names by INN stem ("lumiracoxib", "istradefylline") so unknown comparators
        # are recognized too
        stop = set(load_lexicon().drug_suffix_stoplist)
        for m in rx["drug_stem"].finditer(text):
            if m.group(0).lower() not in stop:
                out.append((m.start(), m.end(), "DRUG"))
        return out

    def _frequency_candidates(self, doc: Doc, text: str) -> list[tuple[int, int, str]]:
        """FREQUENCY: counts of administrations, intervals, periods, dosing days and regimen abbreviations."""
        rx = _regexes()
        out: list[tuple[int, int, str]] = []
        drugs = load_drugs().entries
        ctx_names = set(_context_names(doc))
        lex = load_lexicon()
        for m in rx["count_split"].finditer(text):
            w = m.group("w").lower()
            if _NUMBERED_DISPLAY.search(text, max(0, m.start() - 25), m.start()):
                continue  # "Table 1 Esketamine dosing schedule": the table's number, not a count
            if _names_dose_levels(text[m.start() : m.end("noun")], text, m.end("noun")):
                continue  # "one of three liraglutide doses [0.6, 1.2 or 1.8 mg]": dose levels
            if _count_not_the_plan(text, m.start()):
                continue  # "received at least one ketamine session": a threshold, not the plan
            if _THRESHOLD_BEFORE.search(text, max(0, m.start() - 3), m.start()):
                continue  # "pts with ≥1 ESK dose": a threshold of an analysis set
            if w in drugs or w in ctx_names or rx["drug_stem"].fullmatch(m.group("w")):
                first = text[m.start() : m.start("w")]
                for tok in list(re.finditer(r"[\w.]+", first))[1:]:
                    term = load_routes().lookup(tok.group(0))
                    if term is not None and term.span:
                        first = first[: tok.start()]  # "six intramuscular ketamine injections": the route is its own span
                        break
                end = m.start() + len(first.rstrip(" -\u2013"))
                out.append((m.start(), end, "FREQUENCY"))
                out.append((m.start("noun"), m.end("noun"), "FREQUENCY"))
        if "each of" in text:
            for m in rx["each_of_sessions"].finditer(text):
                out.append((m.start("n"), m.end("n"), "FREQUENCY"))
                out.append((m.start("noun"), m.end("noun"), "FREQUENCY"))
        if "consecutive" in text:
            out += [(m.start(), m.end(), "FREQUENCY") for m in rx["consecutive_days"].finditer(text)]
        if "once" in text or "twice" in text or "thrice" in text or "times" in text:
            for m in rx["given_once"].finditer(text):
                out.append((m.start("f"), m.end("f"), "FREQUENCY"))
        if "ession" in text:
            for m in rx["count_assisted"].finditer(text):
                if not _count_not_the_plan(text, m.start()):
                    out.append((m.start("n"), m.end("n"), "FREQUENCY"))
                    out.append((m.start("noun"), m.end("noun"), "FREQUENCY"))
        low = " ".join(text.lower().split())  # one space between words: "days a\nweek" is "days a week"
        for key in ("count", "interval", "every", "apart", "qh", "times", "times_over", "single", "period", "course"):
            if key in _GUARDS and not any(w in low for w in _GUARDS[key]):
                continue  # the pattern cannot match: skip the scan (speed)
            for m in rx[key].finditer(text):
                if m.end() <= m.start():
                    continue
                left = _words_before(text, m.start())
                repeated = re.search(r"\brepeated\s+$", text[max(0, m.start() - 12) : m.start()], re.IGNORECASE) if key in (
                    "interval", "every") else None
                if repeated and not _gives_drug(_clause_around(text, m.start(), m.end())):
                    repeated = None
                noun_after = _word_after(text, m.end()) if key in ("interval", "every") else ""
                if noun_after and noun_after not in lex.interval_noun_blockers:
                    # "daily alcohol intake", "weekly mindfulness practice": the noun one word on
                    nxt = re.match(rf"[\s-]+{noun_after}", text[m.end() : m.end() + 30], re.IGNORECASE)
                    second = _word_after(text, m.end() + nxt.end(), sep=r"\s+") if nxt else ""
                    if second in lex.interval_noun_blockers:
                        noun_after = second
                if noun_after == "schedule" and _ON_A.search(text, max(0, m.start() - 8), m.start()) and _gives_drug(
                        _clause_around(text, m.start(), m.end())):
                    noun_after = ""  # "received ketamine 0.5 mg/kg ... on a twice-weekly schedule"
                blocked_left = _ends_with(left, lex.interval_left_blockers) and not repeated and not _CONSISTED_OF.search(left)
                if key in ("interval", "every") and (noun_after in lex.interval_noun_blockers or blocked_left):
                    continue  # "daily activities", "total daily dose", "measurements repeated every 3 months":
                    # not a schedule
                if repeated:
                    # "tramadol 0.05 mg/kg ..., repeated every 8 hours", "repeated daily administration of
                    # DCS": a dosing schedule, spanned with its "repeated" (as the corpus spans it)
                    out.append((max(0, m.start() - 12) + repeated.start(), m.end(), "FREQUENCY"))
                    continue
                if key in ("every", "interval") and m.group(0).lower().startswith("each") and re.search(
                        r"\b(?:on|at|for|during)\s+$", text[max(0, m.start() - 8) : m.start()], re.IGNORECASE):
                    continue  # "On each day ketamine was given for 4 h": each occasion, not a rate
                if key == "every" and _MINUTES.search(m.group(0)) and (
                        _NOT_A_BOLUS_RATE.search(clause := _clause_around(text, m.start(), m.end()))
                        or rx["monitoring"].search(clause) or not _gives_drug(clause)):
                    continue  # "titrated every 5 minutes", "BP and sedation score every 30 min": no repeated bolus
                if key in ("interval", "every") and _monitoring_only(text, m.start(), m.end()):
                    continue  # "vital signs documented every four hours": a schedule of checks, not of doses
                if key in ("interval", "every") and rx["checked_at_rate"].search(text, max(0, m.start() - 30), m.start()):
                    continue  # "opioid doses were reviewed weekly": how often something was checked
                if key == "single" and (_CAP_BEFORE.search(text, max(0, m.start() - 12), m.start())
                                        or _CAP_AFTER.match(text, m.end())):
                    continue  # "the maximum single dose is 50 mg", "no single injection may exceed 100
                    # mg": a cap on each dose, not a schedule
                if key == "course" and _ends_with(_words_before(text, m.start(), 2), ["at least", "more than", "less than"]):
                    continue  # "who receive at least 4 weeks of treatment": a threshold of an analysis set
                if key in ("count", "course") and _NUMBERED_DISPLAY.search(text, max(0, m.start() - 25), m.start()):
                    continue  # "Table 2 Infusion parameters", "Box 1 Infusion-day procedure": a display's number
                if key == "count" and _count_not_the_plan(text, m.start()):
                    continue  # "received at least one dose", "one of the 3 sessions": not the plan (but
                    # "at each of the 3 KAP sessions" is)
                if key == "count" and _THRESHOLD_BEFORE.search(text, max(0, m.start() - 3), m.start()):
                    continue  # "patients who had received ≥1 dose": a threshold of an analysis set
                if key == "count" and re.search(r"\b(?:weeks?|days?|months?)\s+$", text[max(0, m.start() - 8) : m.start()],
                                                re.IGNORECASE) and m.group(0)[:1].isdigit():
                    continue  # "In weeks 5 to 8 treatment is once a week": the weeks' numbers, not a count
                if key == "count" and _names_dose_levels(m.group(0), text, m.end()):
                    continue  # "two doses of IPGE1 (300 and 150 ng/kg/min)": dose levels, not administrations
                if key == "count" and (pieces := _count_around_route(m)):
                    out += pieces  # "three weekly intravenous infusions": the route is its own span
                    continue
                if key == "count" and (pieces := _count_around_length(m)):
                    out += pieces  # "nine 2-hour sessions": the session's length is a DURATION span
                    continue
                if key == "period" and re.match(r"\s+(?:or\s+(?:more|longer)\s+)?(?:(?:before|prior\s+to)\s+(?:the\s+)?(?:study|screening|enrol|randomi|inclusion|baseline|entry)|preceding\b)", text[m.end() : m.end() + 50], re.IGNORECASE):
                    continue  # "not using inducers for at least 7 days before the study": an exclusion window
                if key == "period" and re.match(r"over\s.*\byears?$", m.group(0), re.IGNORECASE) and re.search(
                        r"\b(?:patients|adults|people|participants|persons|individuals|men|women|subjects|veterans)\s*$",
                        text[max(0, m.start() - 20) : m.start()], re.IGNORECASE):
                    continue  # "16 patients over 60 years": an age, not a period of dosing
                if key == "period" and re.search(r"%\s*$", text[max(0, m.start() - 3) : m.start()]):
                    continue  # "weight loss (>7.5% over 3 months)": the period of a change, not of dosing
                if key in ("period", "course") and (_ends_with(left, lex.period_left_blockers)
                                                    or re.search(r"wash-?out|run-in|follow-up", m.group(0) + text[m.end() : m.end() + 25], re.IGNORECASE)):
                    continue  # "followed up for six weeks", "a 6-week washout period": not the dosing
                start = m.start()
                if key == "count":
                    start += _backward_range(m.group(0))  # "randomized: 30 to three sessions and 29 to one"
                if key == "interval" and re.fullmatch(r"[\w-]+ly", m.group(0)) and (lead := _COUNT_BEFORE_RATE.search(text, max(0, start - 16), start)) and not (
                        LABEL_NUMBER.search(text, max(0, lead.start() - 12), lead.start())):
                    start = lead.start()  # "one daily placebo capsule", "three daily writing sessions": the count is the rate's
                out.append((start, m.end(), "FREQUENCY"))
        for key in ("after_period", "period_of_dose", "period_times", "period_lasted"):
            for m in rx[key].finditer(text):
                group = next(g for g in ("p", "p2", "p3") if g in m.re.groupindex and m.group(g) is not None)
                out.append((m.start(group), m.end(group), "FREQUENCY"))
        out += self._periods_of_treatment(text, drugs, ctx_names)
        if "until" in low or "study" in low or "trial" in low:
            # "cinacalcet (30 mg/day) during the whole study period", "weekly doses of CQ until
            # delivery": an open-ended period right after what is given
            for m in _OPEN_PERIOD.finditer(text):
                if _GIVEN_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                    out.append((m.start(), m.end(), "FREQUENCY"))
        used_abbrevs = set()
        for m in rx["dose_abbrev"].finditer(text):
            out.append((m.start("f"), m.end("f"), "FREQUENCY"))
            used_abbrevs.add(m.group("f"))
        # a paper that writes "50 µg OD" also names its regimens so: "OD and BID regimens"
        for abbr in used_abbrevs & {"OD", "QD", "BID", "TID", "QID"}:
            for m in re.finditer(rf"(?<![\w-]){abbr}(?![\w-])", text):
                out.append((m.start(), m.end(), "FREQUENCY"))
        for m in (rx["timepoints"].finditer(text) if ("day" in low or "week" in low or "month" in low
                                                       or "session" in low) else ()):
            sent = _sentence_around(text, m.start(), m.end())
            if rx["admin_verb"].search(sent) and not _schedules_assessment(sent):
                out.append((m.start(), m.end(), "FREQUENCY"))
        if "sessions" in low:
            # "taken before the fifth, seventh, ninth and eleventh group sessions": numbered sessions
            # in words, in a sentence that gives a drug
            for m in ordinal_sessions().finditer(text):
                lead = _SESSION_LEAD.search(text, max(0, m.start() - 8), m.start())
                sent = _sentence_around(text, m.start(), m.end())
                if lead and rx["admin_verb"].search(sent) and not _schedules_assessment(sent):
                    out.append((lead.start(), m.end(), "FREQUENCY"))
        if "day" in low:
            # "on Mondays and Thursdays", "Monday to Friday": the weekdays a dose is given on, in a
            # sentence that gives a drug and schedules no assessment
            for m in rx["weekdays"].finditer(text):
                sent = _sentence_around(text, m.start(), m.end())
                if rx["admin_verb"].search(sent) and not rx["assessment"].search(sent):
                    out.append((m.start(), m.end(), "FREQUENCY"))
        out += self._when_taken(doc, text, low)
        return [_frequency_extent(text, a, b) for a, b, _label in out]

    @staticmethod
    def _periods_of_treatment(text: str, drugs: Container[str], names: set[str]) -> list[tuple[int, int, str]]:
        """FREQUENCY: a period "of" a drug (of the lexicon's ``drugs``, the paper's ``names`` or
        by its stem) or of the treatment ("7 days of ciprofloxacin", "24 weeks of double-blind
        treatment", "three months of sildenafil"), not of age, follow-up or staff training, and
        not a threshold or a part of the period ("at least 4 weeks of treatment", "during the
        first 16 weeks of therapy")."""
        if " of " not in text:
            return []
        lex = load_lexicon()
        rx = _regexes()
        treatment = _treatment_words()
        out = []
        for m in rx["period_of_course"].finditer(text):
            if _ends_with(_words_before(text, m.start(), 2), lex.period_of_course_left_blockers) or re.search(
                    r"[<>≤≥⩽⩾]\s*$", text[max(0, m.start() - 3) : m.start()]):
                continue  # "after >3 months of calcitriol": a threshold
            words = m.group("what").lower().split()
            if any(w in treatment or w in drugs or w in names or rx["drug_stem"].fullmatch(w) for w in words):
                out.append((m.start("p"), m.end("p"), "FREQUENCY"))
        return out

    @staticmethod
    def _when_taken(doc: Doc, text: str, low: str) -> list[tuple[int, int, str]]:
        """FREQUENCY: "as needed" and the time of day or meal a dose is taken at ("in the morning",
        "with meals"), in a sentence that gives a drug (an administration word or an amount) and
        a clause that schedules no assessment. Touching the rate they join its span ("once daily
        in the morning")."""
        rx = _regexes()
        out: list[tuple[int, int, str]] = []
        sentences: list[tuple[int, int]] | None = None  # read only when a cue word is in the text
        for key, cue in (("as_needed", ("need", "requir", "necess", "demand", "prn", "p.r.n")),
                         ("admin_time", ("morning", "evening", "afternoon", "night", "bedtime", "lunch",
                                         "dinner", "meal", "food", "breakfast", " am", " pm", "a.m", "p.m", ":"))):
            if not any(w in low for w in cue):
                continue
            if sentences is None:
                sentences = ([(x.start_char, x.end_char) for x in doc.sents]
                             if doc.has_annotation("SENT_START") else [])
            for m in rx[key].finditer(text):
                clause = _clause_around(text, m.start(), m.end())
                sentence = next((text[a:b] for a, b in sentences if a <= m.start() < b), clause)
                if key == "as_needed" and rx["dose_change_before"].search(text, max(0, m.start() - 30), m.start()):
                    continue
                if key == "admin_time" and _BEFORE_PROCEDURE.match(text, m.end()):
                    continue  # "alprazolam 0.25 mg orally at 10 pm in the night before surgery": one time, not a schedule
                if (_gives_drug(sentence) or rx["take_verb"].search(sentence)) and not (
                        key == "admin_time" and rx["assessment"].search(clause)):
                    out.append((m.start(), m.end(), "FREQUENCY"))
        return out

    def _duration_candidates(self, text: str) -> list[tuple[int, int, str]]:
        """DURATION: how long one administration lasts."""
        rx = _regexes()
        out: list[tuple[int, int, str]] = []
        for key in ("duration", "duration_adj"):
            for m in rx[key].finditer(text):
                out.append((m.start(), m.end(), "DURATION"))
        return out

    def _sample_size_candidates(self, doc: Doc, text: str) -> list[tuple[int, int, str]]:
        """SAMPLE_SIZE: counts of participants in their written forms, without events,
        outcome counts, subgroups, breakdowns, years, other studies' samples and counts of
        things that are not people."""
        rx = _regexes()
        lex = load_lexicon()
        out: list[tuple[int, int, str]] = []
        for m in rx["n_frac"].finditer(text):
            out += [(m.start("n"), m.end("n"), "SAMPLE_SIZE"), (m.start("n2"), m.end("n2"), "SAMPLE_SIZE")]
        for key in ("n_equals", "n_noun", "n_of", "n_verb", "n_we", "n_arm", "n_planned", "n_each", "n_received", "n_pair",
                    "n_to", "n_total", "n_leaving", "n_label"):
            for m in rx[key].finditer(text):
                s, e = m.span("n") if m.group("n") is not None else m.span("n2")
                if key == "n_equals" and re.match(r"\s*(?:vs\.?|versus)\s*\d", text[e : e + 14]):
                    continue  # "adverse reactions (n = 3 vs. 0)": events per arm
                if key in ("n_received", "n_to") and not re.search(r"randomi[sz]|allocat|assign|enrol", text[max(0, s - 120) : s], re.IGNORECASE) \
                        and not (key == "n_received" and _INCLUDED_AFTER.match(text, e)):
                    # "15 subjects received long-acting beta agonists": concomitant medication, not an
                    # arm; but "131 received at least one ketamine session and were included"
                    continue
                if key == "n_equals":
                    unit = re.search(r"(?:([A-Za-z]+)\s+)?([A-Za-z]+)\s*[:(,]?\s*[Nn]\s?[=:]\s?$", text[max(0, s - 40) : s])
                    if unit and unit.group(2).lower() in lex.non_participant_units and not (
                            unit.group(2).lower() == "sample" and (unit.group(1) or "").lower() in _WHOLE_SAMPLE):
                        continue  # "cycles: n=293", "Practices (N=16)": not participants; but "Total sample (N = 99)"
                if key == "n_equals" and re.search(r"\d\s?%\s*\(\s*[Nn]\s?[=:]\s?$", text[max(0, s - 16) : s]) \
                        and not re.match(r"\s*\)\s+of\s+the\b", text[e : e + 12]):
                    continue  # "40.5% (n = 17) had a successful ECV": an outcome; "72.7% (n = 24) of the X group" stays
                if key == "n_verb" and re.match(r"[\w\s,–-]{0,80}?\b(?:trials|studies)\b", text[m.end() : m.end() + 90], re.IGNORECASE):
                    continue  # "two randomised, placebo-controlled trials": a count of trials
                if key == "n_verb" and (noun := re.match(r"\s+(?:[\w-]+\s+)?([A-Za-z]+)\b", text[m.end() : m.end() + 40])) \
                        and noun.group(1).lower() in lex.non_participant_units:
                    continue  # "in 11 (61%) included schools": a count of clusters, not of participants
                if key == "n_equals" and re.search(r"\(\s*\d+\s*,\s*[Nn]\s?[=:]\s?$", text[max(0, s - 14) : s]):
                    continue  # "χ2 (1, N = 93) = 6.43": a test statistic's degrees of freedom and N
                if key == "n_equals" and _after_event_bracket(text, s):
                    continue  # "62 had dropped out (DM60: n = 17; ...)": a breakdown of dropouts
                if key == "n_equals" and re.match(r"\s*(?:[;,]\s*[<>]?\s*\d+(?:[.·]\d+)?\s?%|\[\s*\d+(?:[.·]\d+)?\s?%\s*\])", text[e : e + 16]):
                    continue  # "female (n = 162; 79.4%)": a subgroup with its share, not a sample
                if key != "n_equals":
                    if rx["left_block"].search(text[max(0, s - 14) : s]) and not re.search(
                            r"\bto\s+study\s+$", text[max(0, s - 14) : s], re.IGNORECASE):
                        continue  # "Study 2", "day 14" ... but "we plan to study 200 subjects"
                    if re.search(r"\d\s*(?:to|-|–)\s*$", text[max(0, s - 8) : s]):
                        continue  # "from 0 to 100 ...": the end of a range
                    if (g := rx["group_size_before"].search(text, max(0, s - 60), s)) and not rx["counted_groups"].search(
                            text, max(0, s - 60), g.start()):
                        continue  # "cohorts of six to eight participants": the size of one group
                    if key == "n_noun" and (unit := re.match(r"\s+([A-Za-z]+)\b", text[m.end() : m.end() + 30])) \
                            and unit.group(1).lower() in lex.non_participant_units:
                        continue  # "three out-patient centres": a count of sites, not of patients
                    if key == "n_noun" and rx["sample_event"].match(text, m.end()) and not _PLANNED_REQUIRED.match(text, m.end()):
                        continue  # "two patients required rescue", but "68 participants were required"
                    if key in ("n_noun", "n_of") and re.search(r"\b(?:in|only\s+in|all\s+but|in\s+all\s+but)\s+$", text[max(0, s - 16) : s], re.IGNORECASE) and (
                            rx["outcome_word"].search(text[max(0, s - 70) : s])
                            or re.search(r"\ball\s+but\s+$", text[max(0, s - 16) : s], re.IGNORECASE)):
                        continue  # "higher in 11 out of 13 patients", "detected in three patients": an outcome count
                    if key in ("n_noun", "n_arm") and m.group("n").lower() in ("one", "1") and re.search(
                            r"\b(?:patient|subject|participant|woman|man|child|animal|case)\s*$", m.group(0), re.IGNORECASE):
                        continue  # "One patient in the TAP group ...": an event
                    if key == "n_noun" and _sex_breakdown(text, s, m.end()):
                        continue  # "Twenty volunteers (14 men and 6 women)": a breakdown of the sample
                    digits = text[s:e].replace(",", "")
                    if digits.isdigit() and 1900 <= int(digits) <= 2100:
                        continue  # a year
                out.append((s, e, "SAMPLE_SIZE"))
        if out and doc.has_annotation("SENT_START"):
            sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
            starts = [a for a, _ in sentences]
            out = [c for c in out if not _other_study_count(text, sentences[max(0, bisect_right(starts, c[0]) - 1)], c[0])]
        return out

    # -- assembly --------------------------------------------------------------

    @staticmethod
    def _select(doc: Doc, cands: list[tuple[int, int, str]], taken: list[Span]) -> list[Span]:
        used = set()
        for sp in taken:
            used.update(range(sp.start, sp.end))
        chosen: list[Span] = []
        seen = set()
        for s, e, label in sorted(cands, key=lambda c: (-(c[1] - c[0]), PRIORITY[c[2]], c[0])):
            span = doc.char_span(s, e, label=label, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            key = (span.start, span.end)
            if key in seen or any(i in used for i in range(span.start, span.end)):
                continue
            seen.add(key)
            used.update(range(span.start, span.end))
            chosen.append(span)
        return chosen

    @staticmethod
    def _interrupted_counts(doc: Doc, spans: list[Span]) -> list[Span]:
        """``spans`` with the FREQUENCY pieces of counts that one of them interrupts ("a single
        `i.m.` injection"), for a count the plan gives (not "at least one ... dose")."""
        def not_a_count(text: str, start: int, end: int) -> bool:
            return bool(_count_not_the_plan(text, start) or _THRESHOLD_BEFORE.search(text, max(0, start - 3), start)
                        or _NUMBERED_DISPLAY.search(text, max(0, start - 25), start)
                        or _compares_doses(text[start:end], text, end))  # "to compare two intramuscular ketamine doses"
        return counts_around_spans(doc, spans, not_a_count)

    @staticmethod
    def _merge_frequency(doc: Doc, spans: list[Span]) -> list[Span]:
        """Join FREQUENCY pieces that touch ("twice weekly" + "for 2 weeks")."""
        spans = sorted(spans, key=lambda s: s.start)
        out: list[Span] = []
        for sp in spans:
            if out and sp.label_ == "FREQUENCY" and out[-1].label_ == "FREQUENCY":
                gap = doc.text[out[-1].end_char : sp.start_char]
                if gap[:1] == "." and (out[-1].text + ".").lower() in load_lexicon().split_full_stop and sp.text[:1].islower():
                    gap = gap[1:]  # "b.i.d. for 7 days": the abbreviation's full stop is inside the span
                if gap.isspace():  # one schedule, one span (GUIDELINES.md)
                    out[-1] = Span(doc, out[-1].start, sp.end, label="FREQUENCY")
                    continue
            out.append(sp)
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        cands = self._phrase_candidates(doc) + self._defined_abbreviations(doc, text) + self._abbreviations_of_sessions(doc, text)
        cands += self._context_drugs(doc, text) + self._regex_candidates(doc, text)
        cands += self._arm_acronyms(text, cands) + self._quoted_programmes(text, cands)
        cands += self._short_forms_by_dose(text, cands)
        cands = self._drop_substances_of_use(doc, text, cands)
        cands = self._with_therapy_modifiers(text, cands)
        if self.spans_key:
            chosen = self._select(doc, cands, [])
            doc.spans[self.spans_key] = self._merge_frequency(doc, self._interrupted_counts(doc, chosen))
            return doc
        existing = [] if self.overwrite else list(doc.ents)
        new = self._select(doc, cands, existing)
        ents = self._interrupted_counts(doc, existing + new)
        kept = [sp for sp in ents if sp in existing]  # a trained ner's entities stay as they are
        doc.ents = sorted(kept + self._merge_frequency(doc, [sp for sp in ents if sp not in existing]), key=lambda s: s.start)
        return doc
