"""Record assembly: Document + pipeline -> mentions and relations -> ranked, evidence-linked values.

``analyze`` runs the pipeline over the document's passages (blocks; the reference list is
skipped) in two passes – tokens, sentences and abbreviations first, so that an
abbreviation defined anywhere in the paper is known to every passage's entity stage – and
maps every entity and relation back to ``Document.text`` offsets (:class:`Mention`,
:class:`Relation`).

``assemble`` turns them into a :class:`Record`:

* only values that belong to the target drug count (a DOSE/ROUTE/FREQUENCY/DURATION whose
  best relation points to a target DRUG mention); a comparator's values never do;
* every candidate is scored ``relation score x section weight x field factor``; the
  section weights (``extraction_lexicon.json``) give the study's own methods, results,
  tables and abstract full weight and introduction, discussion and references none, so
  statements about other studies never yield values;
* equal values are merged (the best-scored evidence is kept; more support raises the
  confidence a little) and ranked best first; confidences lie in [0, 1];
* a paper that states nothing gets empty lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import combinations
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kapextract.extraction.aliases import combination_parts, species_short_forms, target_aliases
from kapextract.model import FIELDS, Block, Document, Mention, Record, Relation, Value
from kapextract.nlp import model_info
from kapextract.nlp.abbreviations import doc_abbreviations, glossary_abbreviations
from kapextract.nlp.entities import COUNT_LABELS, count_preposition_length
from kapextract.nlp.relations import VEHICLE_BEFORE, course_of_therapy
from kapextract.normalize.dose import dose_regex, dose_value, fmt_amount, parse_dose, parse_doses
from kapextract.normalize.duration import parse_duration
from kapextract.normalize.frequency import (
    ALLOCATION_RATIO,
    EACH_OF_PERIODS,
    drug_session_opener,
    each_session_opener,
    frequency_value,
    names_drug_administration,
    ordinal_sessions,
    parse_frequency,
    with_period,
)
from kapextract.normalize.numbers import number_pattern, parse_number, parse_ordinal_list
from kapextract.normalize.route import normalize_route, route_attributes
from kapextract.normalize.sample_size import (
    NARROWED_TO_WORDS,
    counted_per_arm,
    is_planning,
    is_site,
    parse_count,
    sample_scope,
)
from kapextract.normalize.therapy import abbreviation_naming_sessions, normalize_therapy
from kapextract.vocab import (
    alternation,
    load_drugs,
    load_lexicon,
    load_routes,
    load_therapies,
    loose_name,
)

SCOPE_FACTOR = {"randomized": 1.0, "enrolled": 0.9, None: 0.6, "analyzed": 0.6, "completed": 0.55, "arm": 0.45}
MIN_CONFIDENCE = 0.3


@dataclass
class Analysis:
    """The pipeline's output over a whole document, in document offsets."""

    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)
    #: other names the paper gives the target in brackets ("G-CSF (lenograstim)") and the
    #: components of a combination target, lower case
    aliases: set[str] = field(default_factory=set)


def passages(doc: Document) -> list[tuple[int, int]]:
    """``(start, end)`` of the passages to run: blocks outside the reference list."""
    if not doc.blocks:
        return [(0, len(doc.text))] if doc.text.strip() else []
    out = []
    for b in doc.blocks:
        if b.section == "references" or b.kind == "heading":
            continue
        if doc.text[b.start : b.end].strip():
            out.append((b.start, b.end))
    return out


def _split_passes(nlp: Language) -> tuple[list[str], list[str]]:
    names = nlp.pipe_names
    if "abbreviation_detector" in names:
        i = names.index("abbreviation_detector") + 1
        return names[:i], names[i:]
    return [], names


def _trim(text: str) -> tuple[int, int]:
    """Offsets of ``text`` without unbalanced brackets or separators a token glued on ("8)")."""
    s, e = 0, len(text)
    while e > s + 1 and (text[e - 1] in ",;:" or (text[e - 1] == ")" and text[s:e].count("(") < text[s:e].count(")"))):
        e -= 1
    while e > s + 1 and (text[s] in ",;:" or (text[s] == "(" and text[s:e].count("(") > text[s:e].count(")"))):
        s += 1
    return s, e


def first_pass(doc: Document, nlp: Language) -> tuple[list[tuple[int, int]], list[Doc], dict[str, str]]:
    """The first pass over a paper: its passages (offsets), their Docs through the pipeline
    up to the abbreviation detector, and every abbreviation the paper defines (``long form
    (SHORT)`` in any passage, first definition first, then the lists of abbreviations)."""
    spans = passages(doc)
    texts = [doc.text[s:e] for s, e in spans]
    first, second = _split_passes(nlp)
    docs = list(nlp.pipe(texts, disable=second)) if first else [nlp.make_doc(t) for t in texts]
    abbrevs: dict[str, str] = {}
    for d in docs:
        for short, long in doc_abbreviations(d).items():
            abbrevs.setdefault(short, long)
    for short, long in glossary_abbreviations(doc.text).items():
        abbrevs.setdefault(short, long)
    return spans, docs, abbrevs


def analyze(doc: Document, nlp: Language, drug: str = "ketamine", skip_sections: tuple[str, ...] = ()) -> Analysis:
    """Run ``nlp`` over the document's passages; mentions and relations in document offsets.

    Passages of ``skip_sections`` go through the first pass only (their abbreviation
    definitions still count) and yield no mentions – the record assembler skips the sections
    whose values it would discard anyway (introduction, discussion), which saves time.
    """
    spans, docs, abbrevs = first_pass(doc, nlp)
    first, _second = _split_passes(nlp)
    own = load_drugs().names_of(drug)
    lowered = own | {drug.lower()}
    aliases = target_aliases(doc.text, lowered) | combination_parts(drug) | species_short_forms(lowered)
    names = sorted(own | {drug} | aliases)
    ctx = {"drugs": names, "abbreviations": abbrevs}
    keep = [i for i, (s, _e) in enumerate(spans) if doc.section_at(s) not in skip_sections]
    for i in keep:
        docs[i]._.kap_context = ctx
    done = list(nlp.pipe([docs[i] for i in keep], disable=first))
    out = Analysis(abbreviations=abbrevs, aliases=aliases)
    for i, d in zip(keep, done, strict=True):
        off = spans[i][0]
        index: dict[int, int] = {}
        has_sents = d.has_annotation("SENT_START")
        for ent, pieces in _rejoined_counts(d):
            sent = ent.sent if has_sents else d[:]
            for piece in pieces:
                index[piece.start] = len(out.mentions)
            s0, s1 = _trim(ent.text)
            if ent.label_ == "FREQUENCY":
                s0 += count_preposition_length(ent.text[s0:s1])  # "over (six sessions)": the count is the schedule
            if ent.label_ == "SAMPLE_SIZE":
                pre = re.match(r"[Nn]\s?[=:]\s?", ent.text[s0:s1])
                if pre and pre.end() < s1 - s0:
                    s0 += pre.end()  # "N=7" is one token: the count is "7"
            out.mentions.append(Mention(
                start=off + ent.start_char + s0, end=off + ent.start_char + s1, label=ent.label_,
                text=ent.text[s0:s1], sentence=(off + sent.start_char, off + sent.end_char),
            ))
        for (h, c), scores in (d._.kap_relations or {}).items():
            if h in index and c in index:
                for label, score in scores.items():
                    if score >= 0.5:
                        out.relations.append(Relation(index[h], index[c], label, float(score)))
    return out


def _rejoined_counts(doc) -> list[tuple[Any, list[Any]]]:
    """The entities of ``doc`` with the pieces each stands for: a count that the length of its
    sessions splits ("nine" 2-hour "sessions": two FREQUENCY spans around a DURATION, as the
    guidelines span it) is one FREQUENCY mention again, "nine 2-hour sessions", for the
    assembler, which reads a schedule's count and noun together."""
    ents = list(doc.ents)
    out: list[tuple[Any, list[Any]]] = []
    k = 0
    while k < len(ents):
        e = ents[k]
        if (k + 2 < len(ents) and e.label_ == "FREQUENCY" and ents[k + 1].label_ == "DURATION"
                and ents[k + 2].label_ == "FREQUENCY"
                and not doc.text[e.end_char : ents[k + 1].start_char].strip(" -\u2013")
                and not doc.text[ents[k + 1].end_char : ents[k + 2].start_char].strip(" -\u2013")):
            out.append((Span(doc, e.start, ents[k + 2].end, label="FREQUENCY"), [e, ents[k + 1], ents[k + 2]]))
            k += 3
            continue
        out.append((e, [e]))
        k += 1
    return out


@dataclass
class Candidate:
    key: Any
    value: Any
    text: str
    attributes: dict[str, Any]
    score: float
    start: int
    end: int
    sentence: tuple[int, int]
    #: a FREQUENCY candidate whose count was stated without an interval ("6 sessions, other")
    count_only: bool = False
    #: whether this mention, when its value is stated more than once, adds to the value's
    #: confidence (a titration's starting dose named again does not: "a return to 56 mg")
    reinforces: bool = True


#: the words of a sentence that enrols its sample: "We recruited ...", "were enrolled"
_ENROLLING = re.compile(r"\b(?:recruit|enrol)", re.IGNORECASE)

#: the words before a titration step: "increased by (25 mg)", "in increments of (0.1 mg/kg)",
#: "could raise the dose by (50 mg)"
_STEP_BEFORE = re.compile(r"\b(?:increase[ds]?|decrease[ds]?|reduced?|raised?|lower(?:ed|s)?|rose|escalated?|titrated?|increments?|steps?)\s+"
                          r"(?:(?:the|its|their|each)\s+(?:[\w-]+\s+)?doses?\s+)?"
                          r"(?:(?:up|upward|downward|gradually|further)\s+)?(?:of|by|in)\s+"
                          # ("raised by half a lozenge (50 mg)", "increased by one troche (100 mg)")
                          r"(?:(?:half\s+an?|one|an?|another|a\s+further|one-half)\s+(?:troche|tablet|lozenge|device|spray|capsule)\s*\(\s*)?$",
                          re.IGNORECASE)

#: the participles that give a schedule's administrations: "six dosing sessions (held) every other week"
_GIVEN_PARTICIPLES = r"(?:held|given|scheduled|delivered|administered|spaced)"

#: the hedges of a schedule's rate: "(six sessions,) usually (one per week)"
_SCHEDULE_HEDGE = r"(?:usually|typically|normally|generally|mostly|commonly|ordinarily|roughly|about|approximately|ideally|preferably)"

#: what may stand between two spans of one schedule: "six sessions, usually one per week",
#: "three infusions per participant, one every two weeks"
_SCHEDULE_GAP = re.compile(r"\s*(?:(?:per|for\s+each|for\s+every)\s+(?:participant|patient|subject|person|individual)\s*)?"
                           # ("three dosing sessions were given, one every other week")
                           # ("The three drug sessions fell one week apart")
                           rf"(?:(?:were|was|are|will\s+be)\s+{_GIVEN_PARTICIPLES}\s*|fell\s+|took\s+place\s+)?(?:,|and|,\s*and)?\s*(?:{_SCHEDULE_HEDGE}\s+)?(?:one\s+)?"
                           # ("six medicine sessions, scheduled about once a week": the hedge after the participle)
                           rf"(?:(?:{_GIVEN_PARTICIPLES}|conducted)\s+(?:{_SCHEDULE_HEDGE}\s+)?)?"
                           # ("six dosing sessions scheduled at weekly intervals")
                           r"(?:at\s+)?", re.IGNORECASE)

#: a titration step named after its amount: "adjusted in 50-mg steps", "in 25 mg increments"
#: ... or after it: "in 0.1 mg/kg steps", "each 0.1 mg/kg increase (predicted ...)", "a 25 mg reduction"
_STEP_AFTER = re.compile(r"[\s-]*(?:steps?|increments?|decrements?|increases?|decreases?|rises?|reductions?)\b", re.IGNORECASE)

#: the unit of an estimate per amount: "each (0.1 mg/kg) higher dose", "per (10 mg) more"
_EACH_UNIT_BEFORE = re.compile(r"\b(?:each|every|per)\s+(?:additional\s+|extra\s+|further\s+)?$", re.IGNORECASE)
_HIGHER_AFTER = re.compile(r"\s+(?:higher|lower|greater|larger|more|additional|extra)\b", re.IGNORECASE)

#: the stems of the verbs that raise a dose: "increased", "titrated", "escalating", "raise"
_RAISE_STEMS = r"(?:increas|titrat|escalat|rais|uptitrat|up-titrat)"

#: the words that raise a titrated dose: "increasing to", "titrated up to", "escalated to"
_RAISED_TO = re.compile(rf"\b(?:{_RAISE_STEMS}|rose\b|rising\b|rises\b)\w*\s+(?:(?:up|gradually|stepwise|as\s+tolerated|if\s+tolerated)\s+)?"
                        # ("increased after 30 minutes to", "raised after the first session to")
                        r"(?:after\s+(?:(?:the\s+)?[\w.-]+\s+)?(?:minutes?|min|hours?|h|sessions?|weeks?|days?|doses?|infusions?),?\s+)?"
                        # ("rising at each session to a ceiling of")
                        r"(?:(?:at|with|after)\s+(?:each|every)\s+(?:[\w-]+\s+)?(?:sessions?|doses?|infusions?|injections?|visits?|weeks?),?\s+)?"
                        r"(?:(?:the\s+dose|it)\s+)?"
                        # (a unit with a raised dot or a negative exponent: "by 0.1 mg·kg-1", "by 0.1 mg kg−1")
                        r"(?:(?:in|by)\s+[\d.]+[\s-]?[\w/·−-]+(?:\s(?:kg|h)[-−]1)?(?:\s+(?:steps?|increments?))?"
                        # ("increased by 0.25 mg/kg, up to a maximum of 1.0 mg/kg", "rose by 0.25 mg/kg per session to a ceiling of")
                        r"(?:\s+(?:every|each|per)\s+(?:[\w-]+\s+)?[\w-]+)?,?\s+)?(?:up\s+)?to\s+(?:a\s+)?(?:(?:at\s+most|no\s+more\s+than|not\s+more\s+than)\s+)?"
                        r"(?:(?:maximum|maximal|target|maintenance|final|ceiling)\s+(?:dose\s+)?(?:of\s+)?)?"
                        # "raised to three troches (300 mg)": the units, then the amount in brackets
                        r"(?:[\w-]+\s+(?:troches?|tablets?|lozenges?|devices?|sprays?|capsules?)\s*\(\s*)?$",
                        re.IGNORECASE)

#: the words after the dose a regimen settles on: "56 mg at the first session and 84 mg thereafter"
_THEREAFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:thereafter|afterwards|from\s+then\s+on)\b", re.IGNORECASE)

#: the first administration and the later ones of a regimen: "The first session used 56 mg; all
#: later sessions used 84 mg", "0.5 mg/kg at the first infusion and 0.75 mg/kg at subsequent infusions"
_ADMINISTRATIONS = r"(?:sessions?|doses?|infusions?|injections?|administrations?|treatments?|dosing\s+sessions?)"
#: the first administration by its number: "session 1", "day one", "on day 1, or" (not "sessions 1 to
#: 4", "days 1, 3 and 5")
_ADMINISTRATION_ONE = (rf"(?:{_ADMINISTRATIONS}|day|visit)\s+(?:1|one)\b"
                       r"(?!\s*(?:-|–|to|through|and|,|&)\s*(?:\d|two|three|four|five|six|seven|eight)\b)")
_FIRST_ADMINISTRATION = re.compile(rf"\b(?:first|initial|1st)\s+(?:[\w-]+\s+)?{_ADMINISTRATIONS}\b"
                                   # "At session 1 everyone received 56 mg"
                                   rf"|\b{_ADMINISTRATION_ONE}"
                                   # "Each session used 84 mg, except the first, at which 56 mg was given"
                                   r"|\bexcept\s+(?:at\s+|for\s+|in\s+)?the\s+first\b,?\s*(?:(?:at|in|for|when)\s+which\s+)?", re.IGNORECASE)
#: ... said after the dose: "0.5 mg/kg at the first infusion", "0.75 mg/kg at the first and 1
#: mg/kg at the second and third" (the noun said once); not "84 mg unless the first session had ..."
_FIRST_AFTER = re.compile(rf"\s*(?:\([^()]*\)\s*)?,?\s*(?:at|in|for|on|during|of)\s+(?:the\s+)?(?:very\s+)?"
                          rf"(?:(?:first|initial|1st)\s+(?:[\w-]+\s+)?{_ADMINISTRATIONS}\b|first\s+and\b"
                          # "0.25 mg/kg on days 1 to 3 and 0.5 mg/kg from day 4", "300 mg at sessions 1 and 2":
                          # the first days' or sessions' dose
                          rf"|{_ADMINISTRATION_ONE}|(?:days|{_ADMINISTRATIONS})\s+1\s*(?:and|to|-|–|through)\s*\d{{1,2}}\b)",
                          re.IGNORECASE)
_LATER_ADMINISTRATIONS = re.compile(
    rf"\b(?:later|subsequent|remaining|following|further)\s+(?:[\w-]+\s+)?{_ADMINISTRATIONS}\b"
    rf"|\b(?:from|after)\s+(?:the\s+)?(?:second|2nd|next)\s+{_ADMINISTRATIONS}\b|\bfrom\s+{_ADMINISTRATIONS}\s+(?:2|two)\b"
    rf"|\b(?:at|in|for)\s+{_ADMINISTRATIONS}\s+(?:2|two)\s*(?:to|-|–|through)\s*\d+\b"
    # "the dose at session 2 is 150 mg"
    rf"|\b(?:at|in|for|from)\s+(?:the\s+)?{_ADMINISTRATIONS}\s+(?:2|two)\b"
    # "(0.5 mg/kg) at the second to fourth sessions"
    rf"|\b(?:at|in|for|from)\s+the\s+second\s+(?:to|through|-|–)\s+(?:third|fourth|fifth|sixth|last|final)\s+{_ADMINISTRATIONS}\b"
    # "(1.0 mg/kg) in the second and third sessions"
    r"|\b(?:at|in|for)\s+the\s+second\s+and\s+(?:third|later|subsequent|remaining)\b"
    # "0.5 mg/kg at the first dosing session, (0.75 mg/kg) at the second and (1.0 mg/kg) at the third"
    r"|\b(?:at|in|for)\s+the\s+(?:second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th|last|final)(?=\s*(?:[,;.]|and\b|$))"
    r"|\bfrom\s+day\s+(?:[2-9]|[1-9]\d)\b",
    re.IGNORECASE)
#: ... by their numbers alone: "; sessions 2 and 3 used (300 mg)", "(450 mg) at sessions 3 to 6",
#: "infusions 2-4"
_LATER_NUMBERED = re.compile(
    rf"\b{_ADMINISTRATIONS}\s+(?:[2-9]|1\d)\s*(?:(?:,|and|to|-|–|through|&)\s*(?:\d|three|four|five|six)|onwards?\b)",
    re.IGNORECASE)

#: the words between the two doses of "titrated from 0.5 mg/kg to a maximum of 3.0 mg/kg"
_FROM_TO = re.compile(r"\s*(?:up\s+)?to(?:wards)?\s+(?:a\s+|the\s+)?(?:(?:maximum|max|target|final|ceiling)\s+(?:dose\s+)?(?:of\s+)?)?",
                      re.IGNORECASE)

#: the words that make a comparator the same amount as the drug: "an equal volume of", "matching"
_MATCHED_COMPARATOR = re.compile(
    r"\b(?:(?:an?|the)\s+)?(?:equal|same|identical|matched|equivalent)\s+(?:volume|amount)\s+of\b|\b(?:matching|identical)\b",
    re.IGNORECASE)

#: the volume a dose is diluted in, before its vehicle: "in 60 mL (saline)", "diluted in 100 ml of"
_VEHICLE_VOLUME = re.compile(r"\b(?:(?:diluted|dissolved|made\s+up)\s+)?in\s+\d+(?:[.,]\d+)?\s?(?:ml|cc)(?:\s+of)?\b", re.IGNORECASE)

#: a placebo's name, as a drug mention: "placebo", "saline", "normal saline", "vehicle"
_PLACEBO_NAME = re.compile(r"(?:matching\s+)?(?:placebo|(?:normal\s+)?saline|vehicle|sham)", re.IGNORECASE)
#: ... and what joins it to the target as its alternative: "Esketamine( and )placebo were supplied"
_AND_PLACEBO_GAP = re.compile(r"\s*,?\s*and\s+(?:(?:an?|the|matching|identical)\s+)?", re.IGNORECASE)

#: what stands between the target and its alternative, doses left out: "ketamine (0.5 mg/kg) or
#: midazolam", "ketamine 0.75 mg/kg, or diphenhydramine", "esketamine, or matching placebo"
_ALTERNATIVE_GAP = re.compile(r"\s*,?\s*(?:or|versus|vs\.?)\s*(?:to\s+)?(?:(?:an?|the)\s+)?"
                              # "ketamine 0.75 mg/kg or to the same psychotherapy with IM midazolam"
                              r"(?:same\s+(?:[\w-]+\s+){0,2}?with\s+(?:(?:IM|IV|SL|intramuscular|intravenous|oral|sublingual)\s+)?)?"
                              r"(?:(?:matching|identical|matched)\s+)?")

#: a list of weeks or days that opens a FREQUENCY span: "in weeks 3 and 5", "on days 1, 3 and 5"
_TIMEPOINT_LIST = re.compile(r"\s*(?:in|on|at|during)\s+(?:weeks?|days?)\s+\d", re.IGNORECASE)

#: a sentence's subject that is a drug's sessions, up to a time-point list: "Ketamine sessions took place (in
#: weeks 4, 8 and 12)"
_SESSIONS_TOOK_PLACE = re.compile(r"\s*(?:the\s+)?(?P<drug>[\w-]+)\s+(?:dosing\s+)?(?:sessions|infusions|injections|doses)\s+"
                                  r"(?:took\s+place|take\s+place|were\s+held|are\s+held|were\s+given|are\s+given|occurred|"
                                  r"were\s+scheduled|are\s+scheduled)\s+$", re.IGNORECASE)

#: the words before a list of times that make them repeats of a first time: "(the session is)
#: repeated (in weeks 4 and 8)", "given again (at weeks 6 and 12)"
_REPEATED_AT = re.compile(r"\b(?:repeated|given\s+again|held\s+again|again)\s*,?\s*$", re.IGNORECASE)

#: a clause that gives its weeks to a drug's sessions: "(the therapy hour) is replaced by a dosing session",
#: "becomes a medicine session"
_REPLACED_BY_DOSING = re.compile(r"\b(?:replaced\s+by|becomes?|is\s+used\s+for|(?:are|is)\s+given\s+over\s+to)\s+(?:an?\s+|the\s+)?"
                                 r"(?:dosing|drug|medicine|medication|ketamine)\s+(?:sessions?|visits?)\b", re.IGNORECASE)

#: a sentence that opens with the dosing it goes on to state: "The dose was", "Doses were", "Sessions were held"
_DOSING_SENTENCE_OPENER = re.compile(r"\s*(?:the\s+)?(?:(?:study\s+)?dos(?:e|es|ing)|sessions|administrations|each\s+dose)\b", re.IGNORECASE)

#: a bracket of examples: "(for example escitalopram ...)", "(e.g. sertraline ...)", "(such as ...)"
_EXAMPLES_OPENER = re.compile(r"\s*(?:for\s+example|for\s+instance|e\.\s?g\.?|such\s+as|including)\b", re.IGNORECASE)
#: the link score of a value in the sentence after one that names the target and other drugs only as examples
EXAMPLES_BRACKET_SCORE = 0.6

#: what names a comparator as the placebo, between the two: "midazolam 0.05 mg/kg as an active (placebo)"
_AS_PLACEBO = re.compile(r"\s*,?\s*(?:as|was)\s+(?:an?\s+|the\s+)?(?:active\s+|inert\s+)?", re.IGNORECASE)

#: a predicate that the alternatives before it share, up to the dosage form it names: "as a
#: single injection into the", ", each given as an injection into the"
_SHARED_PREDICATE = re.compile(
    r"\s*,?\s*(?:(?:each|both)\s+(?:being\s+)?(?:given|administered|delivered|injected|infused)\s+)?(?:as|by|via)\b[^,;()]*",
    re.IGNORECASE)

#: words that make a count the study's whole sample: "The remaining 142 clients began treatment
#: and form the study cohort"
_FORMS_THE_SAMPLE = re.compile(
    r"\b(?:forms?|formed|constituted?|constitutes|make\s+up|makes\s+up|made\s+up)\s+(?:the|this|our)\s+(?:(?:study|final|analytic|analysis)\s+)?"
    r"(?:sample|cohort|population)\b", re.IGNORECASE)

#: the words before a count that adds up the counts before it: "(cycle 1, n = 14; cycle 2, n =
#: 19; ...), making (105 patients) in the project overall", "bringing the total to (64)"
_SUM_MADE = re.compile(r"\b(?:making|totall?ing|bringing\s+(?:the\s+)?(?:total|number|sample)\s+to)\s+(?:a\s+total\s+of\s+)?$",
                       re.IGNORECASE)

#: the words before a count that is the whole sample: "The cohort consisted of (170 patients)", "our
#: sample comprised (64 adults)"
#: (not "Our final sample consisted of 91": what was left for the analysis)
_SAMPLE_CONSISTED_OF = re.compile(r"\b(?:the|our|this)\s+(?:(?:study|whole|total)\s+)?(?:cohort|sample|study\s+population)\s+"
                                  r"(?:consisted\s+of|comprised|was\s+made\s+up\s+of|was\s+composed\s+of)\s+$", re.IGNORECASE)
#: units of observation counted over people: "90 participant-sessions", "412 person-years", "1,245
#: patient-visits"
_OBSERVATION_UNITS_AFTER = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:participant|patient|person|subject|client)[\s-]"
    r"(?:sessions?|visits?|days?|weeks?|months?|years?|observations?|infusions?|episodes?|encounters?)\b", re.IGNORECASE)

#: the first of counts listed in parallel after a count of people: "112 (patients) with depression, 38
#: with PTSD and 18 with generalized anxiety" (the parts of the sample, one condition or place each);
#: the later parts are read by :func:`_parallel_parts`
_PARALLEL_PARTS_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:patients|participants|people|adults|women|men|veterans|clients|subjects|individuals|"
    r"children|adolescents|cases)\s+(?P<p>with|from|at)\s+[^,;:()]{1,60}(?=,\s)", re.IGNORECASE)


@lru_cache(maxsize=8)
def _parallel_part(prep: str) -> re.Pattern[str]:
    """One later part of a parallel list: ", 38 with PTSD", " and 18 with generalized anxiety"."""
    return re.compile(rf",?\s+(?P<and>and\s+)?(?P<n>{number_pattern()})\s+{prep}\s+[^,;:()]{{1,60}}?(?=[,;.)]|\s+and\s|$)",
                      re.IGNORECASE)


def _parallel_parts(sent: str, pos: int, prep: str) -> list[int] | None:
    """The counts of the parts listed after the first at ``pos`` of ``sent`` (", 38 with PTSD and 18
    with generalized anxiety"), each with the preposition ``prep``, the last after "and"; None unless
    there are at least two and the list ends there."""
    part = _parallel_part(prep.lower())
    counts = []
    while (m := part.match(sent, pos)) is not None:
        n = parse_count(m.group("n"))
        if n is None:
            return None
        counts.append(n)
        pos = m.end()
        if m.group("and"):
            return counts if len(counts) >= 2 else None
    return None

#: the title of a report of one case
_CASE_REPORT_TITLE = re.compile(r"\bcase\s+report\b(?!s)|\bcase\s+study\b(?!\s+(?:of|in)\s+\d)|^\s*(?:a|one)\s+case\s+of\b"
                                r"|\breport\s+of\s+(?:a|one)\s+case\b|:\s*a\s+case\b", re.IGNORECASE)

#: a journal of single-case reports, named over the paper: "BMJ Case Reports", "Case Reports in Psychiatry",
#: "Journal of Medical Case Reports"
_CASE_REPORT_JOURNAL = re.compile(r"\bBMJ\s+Case\s+Reports\b|\bCase\s+Reports\s+in\s+[A-Z]|\bJournal\s+of\s+Medical\s+Case\s+Reports\b")

#: the one person a case report describes: "one patient", "a 71-year-old woman", "a veteran"
_ONE_PERSON = re.compile(
    r"\b(?:one|an?)\s+(?:\d{1,3}[- ]year[- ]old\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:patient|woman|man|veteran|adult|adolescent|girl|boy|individual|person|client|lady|gentleman"
    # ("We describe a 42-year-old paramedic with chronic PTSD")
    r"|paramedic|firefighter|nurse|physician|doctor|soldier|officer|mother|father|student|teacher|widow|widower)\b",
    re.IGNORECASE)

#: the score of a case report's one patient, when the report states no count
CASE_REPORT_SCORE = 0.6

#: a cue shared by every drug before it: "ketamine ... or midazolam ..., both infused"
_SHARED_BY_ALL = re.compile(r"\b(?:both|all|each)\s+(?:(?:were|was|being)\s+)?(?:given\s+as\s+(?:an?\s+)?)?$",
                            re.IGNORECASE)

#: what joins the phases of one regimen: "twice weekly for four weeks, then weekly"
#: the words that put one phase of a regimen after another
_THEN_WORDS = r"(?:then|thereafter|followed\s+by|after\s+which)"
_THEN = re.compile(rf"^[\s,;]*(?:and\s+)?{_THEN_WORDS}\b", re.IGNORECASE)

#: what names the ingredients of a product: "sulodexide composed of 80% heparin and ..."
_COMPOSED_OF = re.compile(
    r"\s*,?\s*(?:which\s+(?:is|was|are|were)\s+)?(?:composed|consisting|comprised|made\s+up)\s+of\b", re.IGNORECASE)

#: confidences closer than this count as a tie, broken by the order of first mention
TIE = 0.015


#: the score factor of the catch-all therapy label when the paper also names a modality
OTHER_THERAPY_FACTOR = 0.85

#: the score factor of a schedule that states a count or an interval but not both
PARTIAL_SCHEDULE_FACTOR = 0.85

#: the score (times the section weight) of a planned sample in a study protocol; elsewhere a
#: plan scores 0.3 and counts only when the paper states no other count
PROTOCOL_PLAN_SCORE = 0.9
#: ... and of a protocol's target inflated for attrition, which ranks above its power calculation
PROTOCOL_TARGET_SCORE = 1.0
#: the nouns of ``route_other_drug_nouns`` that may name the target itself ("ketamine, an oral
#: medication")
_GENERIC_MEDICINE_NOUNS = frozenset({"medication", "medications", "medicine", "medicines"})

#: a count of one ("One ketamine infusion", "1 session"), not "a single session"
_COUNT_OF_ONE = re.compile(r"(?:one|1)\b", re.IGNORECASE)

#: the words after a dose (and the doses listed with it) that call it a strength: "50 mg and 100
#: mg strength"; before it: "in strengths of (50 and 100 mg)"
_STRENGTH_AFTER = re.compile(r"(?:\s*(?:,|and|or)\s*[\d.]+\s?[a-z\u00b5/]+)*\s+(?:[\w-]+\s+)?strengths?\b", re.IGNORECASE)
_STRENGTH_BEFORE = re.compile(r"\bstrengths?\s+(?:of\s+)?(?:[\d.]+\s*(?:,|and|or)\s*)*$", re.IGNORECASE)

#: the verbs that say a product is supplied in some form: "dispensed as", "supplied ... troches of"
_SUPPLY_VERBS = r"(?:dispensed|supplied|provided|prepared|compounded|formulated|packaged|available|stocked|made|manufactured|produced)"

#: the units a dosage form comes in, whose strengths are no doses ("troches of 50 mg")
_UNIT_NOUNS = r"(?:troches?|lozenges?|tablets?|capsules?|wafers?|films?|vials?|ampoules?|devices?)"

#: a liquid preparation named right before an amount, and the volume that amount comes in after it:
#: "oral solution (50 mg) in 5 ml", "oral solution ((50 mg) in 5 mL)"
_SOLUTION_BEFORE = re.compile(r"\b(?:solution|syrup|elixir|suspension|mixture|linctus|injection|ampoules?|vials?|concentrate)"
                              r"\s+(?:of\s+|\(\s*)?$", re.IGNORECASE)  # ("Esketamine hydrochloride injection (50 mg in 2 mL)")
_IN_VOLUME_AFTER = re.compile(r"\s*(?:in|per)\s+(?:each\s+)?\d+(?:\.\d+)?\s?m[lL]\b")

#: units of a dosage form that are supplied, with their strengths after them: "supplied
#: rapid-dissolve ketamine troches of (150 mg and 100 mg)", "dispensed by a compounding pharmacy
#: as rapid-dissolving lozenges of (100 mg)"; not a supply word after an article, which names the
#: unit given ("administered in the form of a compounded troche of one hundred milligrams")
_SUPPLIED_UNITS_OF = re.compile(rf"(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!\bone\s)\b{_SUPPLY_VERBS}\s+"
                                rf"(?:[\w-]+\s+){{0,7}}?(?:{_UNIT_NOUNS}|sprays?)"
                                # (a bracketed other name between: "lozenges (troches) of 50 mg and 100 mg")
                                r"(?:\s*\([^()]{0,20}\))?\s+(?:of|containing)\s+(?:[\d.]+\s?[a-z\u00b5]+\s*(?:,|and|or)\s*)*$",
                                re.IGNORECASE)

#: units of a dosage form named before their strength, said after it to be supplied: "(Troches of)
#: 50 mg (of ketamine were prepared by a magistral pharmacy)"
_UNITS_OF_BEFORE = re.compile(rf"\b{_UNIT_NOUNS}\s+of\s+$", re.IGNORECASE)
#: ... or before a bracket that holds the strengths: "Ketamine lozenges ((25 mg and 50 mg)) were made"
_UNITS_BRACKET_BEFORE = re.compile(rf"\b{_UNIT_NOUNS}\s*\(\s*$", re.IGNORECASE)
#: ... or before a comma, with "each" after the strength: "Compounded ketamine lozenges (troches), (50 mg) each"
_UNITS_COMMA_BEFORE = re.compile(rf"\b(?:{_UNIT_NOUNS}|sprays?)(?:\s*\([^()]{{0,20}}\))?\s*,\s*$", re.IGNORECASE)
_SUPPLIED_AFTER = re.compile(rf"(?:\s+(?:of\s+)?[\w-]+)?\s+(?:were|was|are|is)\s+(?:\w+\s+)?{_SUPPLY_VERBS}\b", re.IGNORECASE)

#: a volume said to contain the amount after it: "1 mL contains (10 mg)", "each 5 ml holds"
_VOLUME_CONTAINS = re.compile(r"\b\d+(?:[.,]\d+)?\s?m[lL]\s+(?:of\s+(?:the\s+)?[\w-]+\s+)?(?:contains?|contained|holds?|delivers?)\s+$")

#: the words before the strength of the units a drug is supplied in: "dispensed (ketamine) as (100 mg
#: tablets)", "supplied as (compounded 50 mg lozenges)", "compounded by the pharmacy in (50 mg units)"
_DISPENSED_AS = re.compile(rf"\b{_SUPPLY_VERBS}\s+"
                           r"(?:[\w-]+\s+){0,4}?(?:as|in|at)\s+(?:[a-z][\w-]*\s+){0,2}?$", re.IGNORECASE)

#: strengths listed together before or after an amount: "(50 mg and) 100 mg", "50 mg( and 100 mg)"
#: (not alternatives: "dispensed either as 8 mg, 2 mg or 0.4 mg sublingual tablet" is the amount given)
_LISTED_AMOUNTS_BEFORE = re.compile(r"(?:\d+(?:\.\d+)?\s?[a-z\u00b5]+\s*(?:,|and)\s*)+$", re.IGNORECASE)
#: "..., respectively" right after a listed value: its amounts go to the listed drugs in order
_RESPECTIVELY_AFTER = re.compile(r"\s*,?\s*\(?respectively\b", re.IGNORECASE)
#: what joins two drugs of a list: "naloxone and haloperidol", "A, B or C"
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*)", re.IGNORECASE)

#: the amounts of other ingredients listed before an amount: "contained (40 mg of DHA and) 320 mg of piperaquine"
_CONTENTS_LISTED_BEFORE = re.compile(
    r"(?:\d+(?:\.\d+)?\s?[a-z\u00b5]+\s+(?:of\s+)?[\w-]+(?:\s+[\w-]+)?\s*(?:,\s*(?:and\s+)?|and\s+))+$", re.IGNORECASE)
_LISTED_AMOUNTS_AFTER = re.compile(r"(?:\s*(?:,|and)\s*\d+(?:\.\d+)?\s?[a-z\u00b5]+)*", re.IGNORECASE)

#: the words before the last two amounts of an escalation: "(rising from 0.5) to (0.75 to 1.0 mg/kg)"
_STEP_CHAIN_BEFORE = re.compile(r"\d(?:\s?[a-z\u00b5/]+)?\s+to\s+$", re.IGNORECASE)

#: the words between the target and a comparator of one randomization: its form and dose, then "or"
#: ("esketamine nasal spray 84 mg or", "ketamine oral solution 0.5 mg kg-1 or matched")
_TARGET_THEN_COMPARATOR = re.compile(r"[^;:]{0,60}?\s(?:or|versus|vs\.?)\s+(?:(?:a\s+)?(?:matched|matching|identical)\s+)?", re.IGNORECASE)

#: an arm named by its single session: "the single-session group", "The comparison (single-session) group"
_SINGLE_SESSION_ARM = re.compile(
    r"\b(?:single|one)[\s-]+(?:(?:ketamine|KPT|KAP|dosing|drug|treatment)[\s-]+)?sessions?\)?\s+(?:group|arm|condition|cohort)s?\b"
    # "Single versus repeated sessions of ...", "those in the single arm received no further sessions"
    r"|\bsingle\s+(?:versus|vs\.?|or|compared\s+with)\s+(?:repeated|multiple|serial)\b|\bthe\s+single\s+(?:arm|group)\b",
    re.IGNORECASE)

#: the words of a sample plan inflated for attrition: "Allowing for 10% attrition, we will randomise 140"
_ATTRITION_ALLOWANCE = re.compile(
    r"\b(?:allow(?:ing)?|account(?:ing)?|adjust(?:ing)?|compensat(?:e|ing))\s+for\s+(?:(?:an?|the|about|approximately|around|up\s+to)\s+)*"
    r"(?:anticipated\s+|expected\s+|estimated\s+)?"
    r"(?:\d+(?:\.\d+)?\s?%\s+)?(?:attrition|drop-?outs?|withdrawals?|loss(?:es)?\s+to\s+follow-?up)", re.IGNORECASE)

#: a planned count of those left for the analysis: "(48) evaluable participants", "(52) completers"
_EVALUABLE_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:evaluable|analy[sz]able|completers|completing)\b", re.IGNORECASE)
#: the score factor of a planned count of evaluable participants, which the target exceeds
EVALUABLE_FACTOR = 0.7

#: the words of a treatment given before the study: "had been prescribed", "had previously received"
_PRIOR_TREATMENT = re.compile(
    r"\bhad\s+(?:previously\s+)?been\s+(?:prescribed|taking|treated\s+with)\b|\bhad\s+(?:previously|earlier|before)\s+(?:received|taken|used|tried)\b"
    r"|\bpreviously\s+prescribed\b"
    # "one applicant already taking 200 mg ketamine troches at home ... was not enrolled"
    r"|\balready\s+(?:taking|receiving|using|on|prescribed)\b"
    # "had relapsed after a private course of IV ketamine the previous year"
    r"|\b(?:a|an)\s+(?:private|previous|prior|earlier)\s+course\s+of\b|\b(?:the\s+)?(?:previous|preceding)\s+year\b"
    r"|\b(?:months|years?)\s+(?:earlier|before\s+(?:referral|enrolment|enrollment|admission|the\s+study))\b"
    # "All had completed induction at our clinic before enrolment, with dosing twice weekly"
    r"|\bhad\s+(?:already\s+)?(?:completed|finished)\b[^.;]{0,60}\bbefore\s+(?:enrolment|enrollment|study\s+entry|entry|referral)\b"
    # "completed their remaining sessions with intramuscular ketamine 0.5 mg/kg ..., a departure from the
    # programme": what a few received outside the protocol
    r"|\ba\s+departure\s+from\s+(?:the|our|this)\s+(?:programme|program|protocol)\b",
    re.IGNORECASE)
#: the words of a historical comparison's treatment: "the service's earlier protocol of a single oral
#: dose", "under the earlier protocol", "the single-session protocol the centre used previously" (not
#: "under the original protocol": the study's own, before an amendment)
_EARLIER_PROTOCOL = re.compile(
    r"\b(?:(?:the\s+)?(?:service|centre|center|clinic|unit|team|hospital|programme|program)(?:'s|\u2019s)|our|the|its)\s+"
    r"(?:earlier|previous|former|old|prior)\s+(?:[\w-]+\s+){0,2}?(?:protocol|regimen|programme|program|model\s+of\s+care)\b"
    r"|\b(?:protocol|regimen)\s+(?:that\s+)?(?:the|our)\s+(?:service|centre|center|clinic|unit|team)\s+(?:had\s+)?used\s+"
    r"(?:previously|before|earlier)\b", re.IGNORECASE)
#: a paragraph run in with a historical comparison's label: "Earlier protocol.", "Historical cohort:",
#: "Historical comparison group."
_EARLIER_PROTOCOL_LABEL = re.compile(
    r"\s*(?:earlier|previous|former|old|historical|pre-?implementation)\s+(?:protocol|regimen|cohort|"
    r"(?:comparison|control)\s+(?:group|cohort)|programme|program|period)s?\s*[.:]", re.IGNORECASE)
#: the words that put the drug's giving outside the study: "by their own psychiatrist", "the treating
#: psychiatrists", "outside the trial", "not provided by the study", "self-sourced"
_GIVEN_OUTSIDE_STUDY = re.compile(
    r"\bby\s+(?:their|his|her|the\s+patients?'?)\s+own\s+(?:psychiatrists?|prescribers?|physicians?|doctors?|clinicians?)\b"
    r"|\bremained\s+with\s+the\s+treating\s+(?:psychiatrists?|physicians?|clinicians?|prescribers?)\b"
    r"|\b(?:obtained|prescribed|given|received|taken|sourced)\s+outside\s+(?:the|this)\s+(?:study|trial)\b"
    r"|\bnot\s+(?:provided|given|supplied|administered|prescribed)\s+(?:by|in|as\s+part\s+of)\s+(?:the|this)\s+(?:study|trial)\b"
    r"|\bself-(?:sourced|obtained|procured)\b",
    re.IGNORECASE)
#: ... in a case report, the patient's history: "who had received five antidepressants, ECT ... and
#: ketamine", "had not responded to ... home use of intranasal ketamine", "relapsed after ...", "had only
#: a brief response to intravenous ketamine infusions at a private clinic", "a private prescriber gave
#: him" (in a trial such words are its eligibility: "Adults who had not responded to ... received ...")
_CASE_HISTORY = re.compile(
    r"\bwho\s+had\s+(?:previously\s+)?(?:received|been\s+given|tried|used)\b"
    r"|\b(?:had\s+not|did\s+not|failed\s+to)\s+respond(?:ed)?\s+to\b|\brelapsed\s+after\b"
    r"|\bhad\s+(?:only\s+)?(?:a\s+)?(?:brief|partial|transient|short-lived)\s+response\s+to\b"
    r"|\ba\s+private\s+(?:infusion\s+|ketamine\s+)?(?:clinic|prescriber|provider|practitioner)\b", re.IGNORECASE)
#: a sentence of a case report that opens with a past year: "In 2021 he referred himself to a private
#: infusion clinic, ...", "In 2023 the palliative team had started oral ketamine ..." (the history)
#: (or a row of a history table that opens with its year: "2021 Oral ketamine 50 mg ...")
_YEAR_OPENING = re.compile(r"\s*(?:(?:in|during|from)\s+(?:(?:early|late|mid-?)\s*)?)?(?:19|20)\d\d\b(?![-–/.]\d)", re.IGNORECASE)

#: a correction of the article's words: '"0.75 mg/kg" should read "0.5 mg/kg"', 'In the Abstract,
#: "Thirty veterans were randomized" should have read: "Twenty-seven veterans were randomized"'
_QUOTE_OPEN, _QUOTE_CLOSE = "\"\u201c\u2018'", "\"\u201d\u2019'"
_SHOULD_READ = re.compile(
    rf"[{_QUOTE_OPEN}](?P<w>[^{_QUOTE_CLOSE}]{{1,300}}?)[{_QUOTE_CLOSE}],?\s+(?:should|shall)\s+(?:have\s+)?read\s*:?\s*"
    rf"[{_QUOTE_OPEN}](?P<r>[^{_QUOTE_CLOSE}]{{1,600}}?)[{_QUOTE_CLOSE}]")
#: the score factor of a value that a correction takes back
CORRECTED_FACTOR = 0.3

#: the factors of a count that is a threshold ("at least 20 patients enrolled") or the pool a
#: sample was drawn from ("58 were assessed, of whom 24 were enrolled")
THRESHOLD_COUNT_FACTOR = 0.6
POOL_COUNT_FACTOR = 0.6
#: the score of the sum of counts listed in parallel ("112 with depression, 38 with PTSD and 18 with
#: generalized anxiety"), and the factor of the first of them (a part)
PARTS_SUM_SCORE = 0.6
PART_COUNT_FACTOR = 0.5

#: the count left after exclusions ("leaving 172 patients in the analytic cohort") and the
#: words of exclusion by the study's criteria before it
_LEAVING_COUNT = re.compile(rf"\b(?:leaving|which\s+left|this\s+left)\s+(?:a\s+(?:total|sample|final\s+sample|cohort)\s+of\s+)?"
                            rf"(?P<n>{number_pattern()})(?![.,]?\d)", re.IGNORECASE)
_RECORDS_OF = re.compile(r"\b(?:records?|charts?|case\s+notes|files)\s+of\s+(?:all\s+)?$", re.IGNORECASE)
#: a pool and the count its criteria narrow it to: "Of the (143) records, (112) were included"
_OF_POOL_NARROWED = re.compile(r"\b(?:of|among)\s+(?:the\s+|these\s+|all\s+)?(?P<pool>\d[\d,]*)\b[^,;.]{0,60},\s*(?P<n>\d[\d,]*)\s+"
                               r"(?:[a-z]+\s+)?" + NARROWED_TO_WORDS, re.IGNORECASE)
_UNMET_CRITERIA = re.compile(r"\b(?:did\s+not\s+meet|not\s+meeting|failed\s+to\s+meet|(?:were|was)\s+(?:not\s+eligible|ineligible)"
                             # ("Seven charts were excluded (four lacked a baseline rating ...), which left a cohort of 37")
                             r"|(?:were|was)\s+excluded)\b", re.IGNORECASE)

#: the words before a therapy that a therapist is qualified in: "(two registered art therapists) with
#: training in (psychedelic-assisted therapy)", "certified in"
_TRAINED_IN_BEFORE = re.compile(r"\b(?:training|trained|certified|certification|accredited|accreditation)\s+in\s+(?:[\w-]+\s+){0,2}?$",
                                re.IGNORECASE)
TRAINED_IN_FACTOR = 0.6

#: what a reply to a letter quotes from its critic: "Dr Ostrander writes that", "Brackley and Osei write
#: that", "The letter also refers to"
_CRITIC_WRITES = re.compile(r"\b(?:Dr\.?\s+[A-Z][\w'’-]+|[A-Z][\w'’-]+\s+and\s+(?:colleagues|[A-Z][\w'’-]+)|[Tt]he\s+(?:letter|correspondents?|"
                            r"commentary|critics?|letter\s+writers?))\s+(?:also\s+)?(?:write|writes|wrote|states?|stated|suggests?|"
                            r"suggested|claims?|claimed|asserts?|refers?|says?)\b"
                            # (the letter itself: "As I read the methods, the ketamine was given as 0.2 mg/kg")
                            r"|\b[Aa]s\s+I\s+(?:read|understand)\b")
QUOTED_CRITIC_FACTOR = 0.5

#: the words of an economic model's cohort, which no one was enrolled in: "A Markov model ... followed a
#: cohort of 1,000 adults", "modeled the budget impact of offering it to 1,000 patients", "Offering group
#: KAP to 1,000 patients would cost about $2.05 million"
_MODELLED_COHORT = re.compile(r"\bmarkov\b|\bdecision[- ](?:analytic\s+)?(?:tree|model)\b|\bmicrosimulation\b|\bsimulated\s+cohort\b"
                              r"|\bhypothetical\s+(?:cohort|population)\b|\bbudget[- ]impact\b"
                              r"|\bmodell?ed\s+(?:the\s+)?(?:budget|costs?|cohort|population)\b|\bwould\s+(?:cost|save)\b", re.IGNORECASE)
MODELLED_COHORT_FACTOR = 0.3

#: the factor of a planned count per arm ("45 participants per group give 85% power")
PLANNED_PER_ARM_FACTOR = 0.5

#: the score factor of a dose written as a volume when the paper also gives the drug's amount
VOLUME_FACTOR = 0.9
#: the factor of the strength of one unit ("two 28 mg devices") when another dose is stated
UNIT_STRENGTH_FACTOR = 0.6
#: the ceiling factor, below the best dose in another unit, of a target concentration and of a
#: ketamine dose in units
CONCENTRATION_FACTOR = 0.9
FOREIGN_UNIT_FACTOR = 0.5

#: the score factor of a dose or route that some participants were switched to ("non-responders
#: could be switched to intramuscular ketamine 0.5 mg/kg"): an alternative, not the regimen
SWITCHED_FACTOR = 0.7

#: the score factor of a count of administrations without an interval in the results (mostly
#: events and adherence: "Two ketamine infusions were paused for hypertension")
RESULTS_COUNT_FACTOR = 0.8

#: the score factor of a schedule written after "after" / "following" (a time point, mostly)
AFTER_FACTOR = 0.6

#: the score factor of a dose, route or schedule in a sentence about treatment before the study
PRIOR_TREATMENT_FACTOR = 0.5

#: the link of administrations in a drugless sentence to the target that opens the next sentence
NEXT_SENTENCE_LINK = 0.6

#: the score factor of a single session in a trial whose arms differ in their number of sessions
SINGLE_SESSION_ARM_FACTOR = 0.75

#: the score factor of a schedule on the far side of a comparison ("more durable abstinence than a
#: single session", "fewer than four sessions"): the other arm's, or a threshold
COMPARED_THAN_FACTOR = 0.6
#: the score factor of "one ..." that is a proportion, and the words after it that make it one: "one
#: infusion (in ten)", "(in every five)"
PROPORTION_FACTOR = 0.3
_ONE_IN_N = re.compile(r"\s+in\s+(?:every\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a\s+hundred)\b",
                       re.IGNORECASE)
#: the words before the far side of a comparison: "(more durable abstinence) than (a single session)"
#: (also what starts a schedule of its own in :func:`_schedules`)
_COMPARED_THAN = re.compile(r"\bthan\s+(?:(?:a|an|one|the)\s+)?$", re.IGNORECASE)

#: a decade in the past named outside the methods and results: others' work, not the study's
_PAST_DECADE = re.compile(r"\b(?:in|during|since|through)\s+the\s+(?:19[0-9]|20[01])0s\b", re.IGNORECASE)
PAST_WORK_FACTOR = 0.35

#: the score factor of an interval in minutes alone ("one every 5 minutes"): spacing inside a session
WITHIN_SESSION_FACTOR = 0.5

#: the score factor of "a single injection" said of each of several occasions ("On each dosing
#: day, ... as a single injection")
PER_OCCASION_FACTOR = 0.5

#: the words of a recommendation: "Intramuscular ketamine may be a practical option for clinics
#: without infusion capability" says what a route could do, not which route the study gave
_RECOMMENDATION = re.compile(
    r"\b(?:may|might|could|would|should)\s+(?:also\s+|therefore\s+|thus\s+)?(?:be|offer|provide|represent|become)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:option|alternative|approach|strategy|choice|solution)s?\b", re.IGNORECASE)

#: a list of options before the values: "where options included ECT or intravenous ketamine"
_OPTIONS = re.compile(r"\boptions?\s+(?:included|include|includes|were|are|such\s+as)\b", re.IGNORECASE)

#: the score factor of a route or dose in a recommendation or a list of options (which does not
#: add to the confidence of the same value stated elsewhere)
RECOMMENDATION_FACTOR = 0.6

#: the weight factor of a structured abstract's background part, which states what others did
ABSTRACT_BACKGROUND_FACTOR = 0.5

#: the score factor of a starting dose of a titration ("initiated at 5 µg ..., increasing to 10 µg")
TITRATION_START_FACTOR = 0.9

#: how many paragraphs under a heading that names the target drug its name still governs
#: (Assembler.heading_link)
HEADING_REACH = 3

#: how far below an arm's count a whole-study count may score and still go first
ARM_MARGIN = 0.15


class Assembler:
    """Builds the five fields of one document from its :class:`Analysis`."""

    def __init__(self, doc: Document, analysis: Analysis, drug: str) -> None:
        self.doc = doc
        self.a = analysis
        self.lex = load_lexicon()
        drugs = load_drugs()
        self.target = drugs.canonical(drug)
        self.target_names = drugs.names_of(drug) | analysis.aliases
        # an enantiomer asked for by name (esketamine, not the family's ketamine): the racemate
        # named as such is another drug
        self.enantiomer = drug.lower().strip() != self.target and _ENANTIOMER.match(drug.strip()) is not None
        self.drugs = drugs
        self.structured = is_structured(doc)
        self.protocol = is_protocol(doc)
        self.event_cue = re.compile(
            r"\b(?:" + "|".join(map(re.escape, self.lex.event_cues)) + r")\s+(?:[\w-]+\s+){0,2}?"
            r"(?:in|for|among)\s+(?:the\s+|all\s+|only\s+|another\s+)?$", re.IGNORECASE)
        self.schedule_joiners = frozenset(self.lex.schedule_therapy_joiners)
        forms = alternation(self.lex.unit_form_nouns)
        # "two 28 mg nasal spray devices", "5 sprays of 10 mg each" (Assembler._unit_strength)
        self.unit_count_before = re.compile(rf"(?<![\d.])(?:{number_pattern()})\s+(?:x\s+)?$", re.IGNORECASE)
        self.unit_form_after = re.compile(rf"\s*(?:[\w-]+\s+){{0,2}}?(?:{forms})\b", re.IGNORECASE)
        self.container_after = re.compile(
            r"[\s-]*(?:[\w-]+\s+)?(?:" + "|".join(map(re.escape, self.lex.container_nouns)) + r")\b", re.IGNORECASE)
        self.unit_form_of = re.compile(rf"\b(?:{forms})\s+of\s+$", re.IGNORECASE)
        # "(28 mg) per device", "(50 mg)/2 mL vials": what one unit holds
        self.per_unit_form = re.compile(
            rf"\s*(?:(?:per|in\s+each|each)\s+(?:{forms})\b|/\s?\d+(?:\.\d+)?\s?m[lL]\s+(?:{forms})\b)", re.IGNORECASE)
        self.unit_form_containing = re.compile(
            # "devices (28 mg) that each contain", "Each device of ESK-NS contains"
            rf"\b(?:{forms})\b(?:\s*\([^()]*\))?(?:\s+of\s+(?:the\s+)?[\w-]+)?,?\s+(?:(?:that|which)\s+)?(?:each\s+)?"
            r"(?:contain(?:s|ing|ed)?|deliver(?:s|ing|ed)?|holds?|held|holding)\s+(?:approximately\s+|about\s+|a\s+total\s+of\s+)?$"
            # "Each device delivered two sprays, one per nostril, and contained (28 mg)"
            rf"|\beach\s+(?:{forms})\b[^.;]{{0,60}}?\band\s+(?:contain(?:s|ed)?|held|holds?)\s+$"
            # "The lozenges were compounded by a local pharmacy; each contained (50 mg)"
            # ("Lozenges were compounded by the hospital pharmacy, each containing (50 mg)")
            # ("unit-dose devices per month, each delivering (30 mg)")
            rf"|\b(?:{forms})\b[^.]{{0,60}}?[;,]\s+each\s+(?:contain(?:s|ed|ing)?|held|holds?|holding|deliver(?:s|ed|ing))\s+$"
            # "each 0.1 mL actuation delivered (15 mg)"
            rf"|\beach\s+(?:[\d.]+\s?m[lL]\s+)?(?:{forms}|actuations?|puffs?)\s+(?:contain(?:s|ed)?|deliver(?:s|ed)?|provide[sd]?)\s+$",
            re.IGNORECASE)
        self.per_unit_site = re.compile(
            rf"\s*(?:per|in\s+each|into\s+each|to\s+each|each)\s+(?:{alternation(self.lex.dose_unit_sites)})\b", re.IGNORECASE)
        self.switched_to = re.compile(rf"\b(?:{alternation(self.lex.regimen_switch_cues)})\b[^;]*$", re.IGNORECASE)
        self.titration_start = re.compile(
            r"\b(?:" + "|".join(map(re.escape, self.lex.titration_start_cues)) + r")\s+(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)
        self.euthanasia = re.compile(r"\b(?:" + "|".join(map(re.escape, self.lex.euthanasia_cues)) + r")",
                                     re.IGNORECASE)
        self.route_object = re.compile(
            r"[\s-]+(?:" + "|".join(map(re.escape, self.lex.route_object_blockers)) + r")\b", re.IGNORECASE)
        self.route_other_drugs = re.compile(
            r"[\s-]+(" + "|".join(map(re.escape, self.lex.route_other_drug_nouns)) + r")\b", re.IGNORECASE)
        self.other_study = re.compile(
            r"(?:" + self.lex.citation_pattern.pattern + r")|\b(?:" + "|".join(map(re.escape, self.lex.other_study_cues))
            + r")\b" + _OTHER_STUDY_NAMED, re.IGNORECASE)
        self.measured = re.compile(
            r"\b(?:" + "|".join(map(re.escape, self.lex.concentration_measure_cues)) + r")\b", re.IGNORECASE)
        # a target concentration is the dose of a target-controlled infusion
        self.target_cue = re.compile(r"\b(?:target|effect[- ]site|TCI|target-controlled)\b", re.IGNORECASE)
        # the mentions of each sentence, in text order
        self.by_sentence: dict[tuple[int, int] | None, list[Mention]] = {}
        for m in analysis.mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        # does the paper name the target drug at all (outside other studies' sentences or not)
        self.has_target = any(m.label == "DRUG" and self.is_target(m) for m in analysis.mentions)
        self.best_rel: dict[tuple[int, str], tuple[int, float]] = {}
        for r in analysis.relations:
            k = (r.head, r.label)
            if k not in self.best_rel or r.score > self.best_rel[k][1]:
                self.best_rel[k] = (r.child, r.score)

    # -- helpers -----------------------------------------------------------------

    def is_target(self, m: Mention) -> bool:
        if m.label != "DRUG":
            return False
        if self.enantiomer and _RACEMIC.search(m.text):
            return False  # "Racemic ketamine infusions at 0.5 mg/kg" in a paper about esketamine: another drug
        if self.drugs.canonical(m.text) == self.target or m.text.lower() in self.target_names:
            return True
        long = self.a.abbreviations.get(m.text)  # "ketamine (KET)": KET is ketamine
        if long is None:
            return False
        if self.drugs.canonical(long) == self.target or long.lower() in self.target_names:
            return True
        # "lisdexamfetamine dimesylate (LDX)": a long form that names the target among its words
        return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", long.lower()) for n in self.target_names)

    def section(self, start: int) -> str:
        """The section a passage counts as: in a paper without methods or results (no
        headings found, or only some), "introduction" and "discussion" are guesses and count
        as ``other``."""
        section = self.doc.section_at(start)
        if not self.structured and section in ("introduction", "discussion"):
            return "other"
        return section

    def weight(self, start: int) -> float:
        section = self.section(start)
        if section in ("other", "references") and self._in_supplement(start):
            # "Supplementary Methods S1. Drug administration. Ketamine ... at 2.0 mg kg-1", after the
            # references: the study's own methods, printed at the end
            return self.lex.section_weights.get("methods", 1.0) * SUPPLEMENT_FACTOR
        if section == "other" and self.structured:
            # in a paper with methods/results, "other" passages are back matter (abbreviation
            # lists, author contributions, acknowledgements), not the study's statements
            return 0.35
        return self.lex.section_weights.get(section, 0.75)

    def _in_supplement(self, start: int) -> bool:
        """Does the block of ``start`` open as a supplement's methods, table or figure
        ("Supplementary Methods S1.", "Supplementary Table S2.", "eMethods 1.", "Appendix S1.")?"""
        b = self.doc.block_at(start)
        return b is not None and _SUPPLEMENT_OPENING.match(self.doc.text, b.start, b.end) is not None

    def weight_in(self, start: int, sentence: tuple[int, int] | None) -> float:
        """``weight`` lowered for a sentence about other studies (a citation, "previous
        trials ...") outside the methods, results, abstract and tables: in a paper whose
        sections are unknown such sentences are the introduction's and discussion's."""
        w = self.weight(start)
        if sentence is not None and re.match(r"\s*(?:key\s?words?|mesh(?: terms)?|abbreviations)\s*[:.]",
                                             self.doc.text[sentence[0] : sentence[0] + 40], re.IGNORECASE):
            return 0.0  # a keyword or abbreviation list states nothing about the study
        if (w > 0 and sentence is not None and self.section(start) in ("other", "conclusion", "title")
                and self.other_study.search(self.doc.text[sentence[0] : sentence[1]])):
            w *= 0.35
        if w > 0 and self.section(start) == "abstract" and self._abstract_background(start) and not (
                sentence is not None and _WE_DESCRIBE.match(self.doc.text, sentence[0], sentence[1])):
            # "Background: Intravenous ketamine is difficult to provide ..." (but not "We describe
            # five patients ...": the study itself, introduced in the background part)
            w *= ABSTRACT_BACKGROUND_FACTOR
        if (w > 0 and sentence is not None and self.section(start) not in ("methods", "results")
                and _PAST_DECADE.search(self.doc.text, sentence[0], sentence[1])):
            w *= PAST_WORK_FACTOR  # "Clinicians in St Petersburg in the 1990s gave a single intramuscular injection ..."
        if w > 0 and sentence is not None and _GENERAL_PRACTICE.search(self.doc.text, sentence[0], sentence[1]):
            w *= GENERAL_PRACTICE_FACTOR  # "subcutaneous infusions of 50-150 mg per 24 h are common"
        if w > 0 and sentence is not None and _CRITIC_WRITES.search(self.doc.text, sentence[0], sentence[1]):
            w *= QUOTED_CRITIC_FACTOR  # a reply: "Dr Ostrander writes that participants 'received ... 0.5 mg/kg'"
        if w > 0 and self._main_study is not None and self._in_other_study(start, sentence):
            w *= OTHER_STUDY_PART_FACTOR  # "Study 1: open pilot" in an article whose "Study 2 [is] the main study"
        if w > 0 and self._animal_part(start, sentence):
            w *= ANIMAL_PART_FACTOR  # "In male Wistar rats ..., ketamine (5 or 10 mg/kg, intraperitoneally)" beside the trial
        return w

    @cached_property
    def _translational(self) -> bool:
        """Does the paper report an animal experiment beside a study in people: do its title and
        abstract name animals in one sentence ("In male Wistar rats ...") and count people in another
        ("64 adults with AUD were randomized"; not "ketamine is used in patients with depression")?"""
        animals = people = False
        for b in self.doc.blocks:
            if b.section not in ("title", "abstract"):
                continue
            for sent in re.split(r"(?<=[.;:])\s+", self.doc.text[b.start : b.end]):
                animals = animals or _ANIMAL_WORDS.search(sent) is not None
                # ("Participants: 30 isolation-reared rats; 48 health-care workers with ...")
                people = people or _PEOPLE_COUNTED.search(sent) is not None
        return animals and people

    def _animal_part(self, start: int, sentence: tuple[int, int] | None) -> bool:
        """Is ``start`` in the animal part of a translational paper (``_translational``): a
        sentence that names animals and no people, or a paragraph, or a sub-section under a
        heading, that does?"""
        if not self._translational:
            return False
        text = self.doc.text
        if sentence is not None and _names_animals_only(text, *sentence):
            return True
        b = self.doc.block_at(start)
        if b is None or b.section in ("title", "abstract"):
            return False
        if _names_animals_only(text, b.start, b.end):
            return True
        # ("Rats. All 27 rats completed testing. Ketamine 20 mg/kg increased ... Patients. Of 94 ...": the
        # run-in label above, inside one paragraph; else the heading above, "2.1 Animals and drug")
        labels = list(_RUN_IN_LABEL.finditer(text, b.start, start))
        label = labels[-1].group(1) if labels else self._heading_above(start)
        return _names_animals_only(label, 0, len(label))

    @cached_property
    def _main_study(self) -> str | None:
        """The name of the main one of the studies an article reports ("study 2"), lower case; else
        None. The article may call it so ("Study 2, the main study, randomised ...", "Study 2 (the
        main trial)"); else the main one is what the article's own descriptions of its parts make
        it: the one randomized trial beside pilots, dose-finding parts and follow-up cohorts ("an
        open pilot (Study 1), then a randomized placebo-controlled trial (Study 2)", "STUDY 1:
        RANDOMIZED TRIAL"), or the fixed-dose part after a dose-finding one ("In Part 1 (dose
        finding) ..."). Parts are studies, parts or phases named by 1/2 or A/B; a phase only
        when the article defines it as its own ("(Phase 1)", "Phase 1: dose finding")."""
        text = self.doc.text
        m = _MAIN_STUDY.search(text)
        if m:
            return f"study {m.group('id').lower()}"
        for word in ("study", "part", "phase"):
            described: dict[str, str] = {}
            for d in _PART_DESCRIBED.finditer(text):
                if (d.group("word") or d.group("word2")).lower() == word:
                    pid = (d.group("id") or d.group("id2")).lower()
                    described[pid] = described.get(pid, "") + " " + (d.group("before") or "") + " " + (d.group("after") or "")
            if len(described) < 2:
                continue
            trials = [k for k, v in described.items() if _PART_RANDOMIZED.search(v)]
            finding = [k for k, v in described.items() if _PART_DOSE_FINDING.search(v)]
            if len(trials) == 1 and all(_PART_MINOR.search(v) for k, v in described.items() if k != trials[0]):
                return f"{word} {trials[0]}"
            if not trials and len(described) == 2 and len(finding) == 1:
                return f"{word} {next(k for k in described if k != finding[0])}"
        return None

    def _in_other_study(self, start: int, sentence: tuple[int, int] | None) -> bool:
        """Is ``start`` under a heading (the nearest above that names a study, through its
        sub-headings), or in a sentence opening, that names another of the article's studies than
        its main one ("II. STUDY 1: OPEN PILOT", "In Study 1, ...")?"""
        names = []
        i = self.doc.block_index(start)
        for j in range(i if i is not None else -1, -1, -1):
            block = self.doc.blocks[j]
            if j < i and block.kind == "heading":
                hit = _STUDY_NAME.match(self.doc.text, block.start, block.end)
                if hit is not None:
                    names = [_part_name(hit)]
                    break
                if block.section in ("discussion", "conclusion", "references"):
                    break
        if i is not None and self.doc.blocks[i].kind == "paragraph":
            # under a run-in label of the paragraph, up to the next one: "Phase 1: dose finding.
            # Cohorts of six ..." (but not under "Setting and participants." before it)
            block = self.doc.blocks[i]
            labels = sorted([*_RUN_IN_LABEL.finditer(self.doc.text, block.start, start),
                             *_PART_RUN_IN.finditer(self.doc.text, block.start, start)], key=lambda x: x.start())
            if labels and labels[-1].re is _PART_RUN_IN:
                names = [_part_name(labels[-1])]
        if sentence is not None:
            opening = _STUDY_NAME.match(self.doc.text, sentence[0], min(sentence[1], sentence[0] + 30))
            if opening is not None:
                names = [_part_name(opening)]
            # the label right after the value's phrase: "first with daily oral ketamine (Study 1) and
            # then with two supervised IM doses in a randomized trial (Study 2)"
            after = _PART_LABEL_AFTER.search(self.doc.text, start, min(sentence[1], start + 80))
            if after is not None:
                names = [_part_name(after)]
        main_word = self._main_study.split()[0]
        return bool(names) and names[0].split()[0] == main_word and self._main_study not in names

    def prior_treatment_factor(self, m: Mention) -> float:
        """``PRIOR_TREATMENT_FACTOR`` when the sentence of ``m`` tells of treatment before the
        study ("had been prescribed oral ketamine 10 mg three times a day ... at another
        hospital"); 0 when it says the drug came from outside the study ("prescribed esketamine
        nasal spray by their own psychiatrist", "obtained outside the trial"); else 1."""
        if m.sentence is None:
            return 1.0
        if _GIVEN_OUTSIDE_STUDY.search(self.doc.text, m.sentence[0], m.sentence[1]):
            # "Decisions about esketamine dose (56 or 84 mg) ... remained with the treating psychiatrists":
            # a drug the study did not give states nothing of the study's dosing
            return 0.0
        block = self.doc.block_at(m.start)
        if _EARLIER_PROTOCOL.search(self.doc.text, m.sentence[0], m.sentence[1]) or (
                block is not None and _EARLIER_PROTOCOL_LABEL.match(self.doc.text, block.start, block.end)):
            # "Earlier protocol. Patients received a single oral dose of ketamine 0.5 mg/kg", "the single-
            # session protocol the centre used previously": a historical cohort's treatment, not the study's
            return PRIOR_TREATMENT_FACTOR
        if _PRIOR_TREATMENT.search(self.doc.text, m.sentence[0], m.sentence[1]) or (self._case_report and (
                _YEAR_OPENING.match(self.doc.text, m.sentence[0], m.sentence[1])
                or _CASE_HISTORY.search(self.doc.text, m.sentence[0], m.sentence[1]))):
            return PRIOR_TREATMENT_FACTOR
        return 1.0

    @cached_property
    def corrections(self) -> tuple[list[str], list[str], list[tuple[int, int]]]:
        """The wrong and the right words of the paper's corrections ('"0.75 mg/kg" should read "0.5
        mg/kg"', as a correction notice or erratum printed with the article states them), lower case
        with their white space collapsed, and the spans of the right words."""
        wrong, right, right_spans = [], [], []
        for m in _SHOULD_READ.finditer(self.doc.text):
            wrong.append(" ".join(m.group("w").split()).lower())
            right.append(" ".join(m.group("r").split()).lower())
            right_spans.append(m.span("r"))
        return wrong, right, right_spans

    def _corrected_away(self, c: Candidate) -> bool:
        """Is ``c``'s wording one a correction takes back: written in the wrong words of a
        correction ('"Thirty veterans were randomized" should read ...') and not in its right words?
        A value so worded ranks after the corrected one wherever the paper prints it (the
        uncorrected article too)."""
        wrong, right, right_spans = self.corrections
        if any(a <= c.start < b for a, b in right_spans):
            return False
        # a schedule joined from pieces ("eight infusions" + "twice weekly over 4 weeks") is taken back
        # with any of them
        pieces = [c.text] + [p["text"] for p in c.attributes.get("joined_from") or ()]
        for piece in pieces:
            words = " ".join(piece.split()).lower()
            if not words:
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
            if any(pattern.search(w) for w in wrong) and not any(pattern.search(r) for r in right):
                return True
        return False

    @cached_property
    def study_gives_no_drug(self) -> bool:
        """Does the paper say that it did not give the target itself ("The trial did not prescribe,
        supply or adjust ketamine", "Ketamine was not part of the program"): a psychotherapy study of
        people who take the drug elsewhere, which has no dose, route or schedule of its own?"""
        names = alternation(sorted(self.target_names, key=len, reverse=True))
        verbs = r"(?:prescribe|supply|administer|provide|give|dispense|recommend|supervise|arrange|adjust)"
        rx = re.compile(rf"\b(?:the|this|our)\s+(?:study|trial|program(?:me)?|clinic|service|team|investigators?)\s+did\s+not\s+"
                        rf"(?:{verbs}(?:\s*,\s*or\s+|\s*,\s*|\s+or\s+))*{verbs}\s+(?:any\s+)?(?:{names})\b"
                        r"(?!\s+(?:after|beyond|during\s+follow|at\s+follow|outside|for\s+maintenance))"
                        rf"|(?:^|[.;]\s+)(?:{names})\s+(?:treatment\s+)?was\s+not\s+(?:a\s+)?part\s+of\s+the\s+"
                        r"(?:study|trial|program(?:me)?|intervention)\b", re.IGNORECASE | re.MULTILINE)
        return any(self.section(m.start()) not in ("introduction", "discussion", "references") for m in rx.finditer(self.doc.text))

    @cached_property
    def _case_report(self) -> bool:
        return is_case_report(self.doc)

    def _abstract_background(self, start: int) -> bool:
        """Is ``start`` in the background part of a structured abstract (a paragraph run in with
        "Background:" / "Introduction:" / "Context:", or under such a heading)?"""
        blocks = self.doc.blocks
        i = self.doc.block_index(start)
        if i is None:
            return False
        if _BACKGROUND_PART.match(self.doc.text, blocks[i].start):
            # the parts may run on in one paragraph ("Background: ... Methods: ..."): the
            # background part ends where the next part's label stands
            nxt = _NEXT_ABSTRACT_PART.search(self.doc.text, blocks[i].start + 1, blocks[i].end)
            return nxt is None or start < nxt.start()
        if self.section(start) == "abstract" and _BACKGROUND_PART_BARE.match(self.doc.text, blocks[i].start):
            # labels without a colon ("Background Single ketamine infusions ... Methods Adults ...")
            nxt = _NEXT_ABSTRACT_PART_BARE.search(self.doc.text, blocks[i].start + 1, blocks[i].end)
            return nxt is None or start < nxt.start()
        prev = blocks[i - 1] if i > 0 else None
        return (prev is not None and prev.kind == "heading" and prev.section == "abstract"
                and _BACKGROUND_PART.match(self.doc.text[prev.start : prev.end].strip() + ":") is not None)

    def target_link(self, i: int, label: str) -> float:
        """Score of the relation ``label`` from mention ``i`` to a target drug (0 if none)."""
        hit = self.best_rel.get((i, label))
        if hit is None:
            return 0.0
        child, score = hit
        return score if self.is_target(self.a.mentions[child]) else 0.0

    def enantiomer_factor(self, i: int, label: str) -> float:
        """``ENANTIOMER_FACTOR`` when mention ``i`` is linked (``label``) to an enantiomer of the
        target ("esketamine 84 mg") in a paper whose methods also give the target itself (racemic
        or plain "ketamine"): the racemate's values are the record's, the enantiomer's arm or
        phase comes after them. Else 1."""
        hit = self.best_rel.get((i, label))
        if hit is None or self.enantiomer or not self._methods_give_the_racemate:
            return 1.0
        drug = self.a.mentions[hit[0]]
        return ENANTIOMER_FACTOR if self.is_target(drug) and _ENANTIOMER_NAME.match(drug.text.strip()) else 1.0

    @cached_property
    def _methods_give_the_racemate(self) -> bool:
        """Do the methods name the target by a name that is not an enantiomer's ("racemic ketamine",
        "ketamine")?"""
        if not any(m.label == "DRUG" and self.is_target(m) and not _ENANTIOMER_NAME.match(m.text.strip())
                   and self.section(m.start) == "methods" for m in self.a.mentions):
            return False
        # (not when the paper leads with the enantiomer: "Esketamine nasal spray versus intravenous
        # ketamine ...", whose experimental arm is the enantiomer's)
        first = next((m for m in self.a.mentions if m.label == "DRUG" and self.is_target(m)
                      and self.section(m.start) in ("title", "abstract")), None)
        return first is None or not _ENANTIOMER_NAME.match(first.text.strip())

    def any_target_link(self, i: int, label: str) -> float:
        """Highest score of a relation ``label`` from mention ``i`` to any target drug mention."""
        return max((r.score for r in self.a.relations
                    if r.head == i and r.label == label and self.is_target(self.a.mentions[r.child])), default=0.0)

    def combination_link(self, i: int, label: str) -> float:
        """Score of the relation ``label`` from mention ``i`` to a drug named in one phrase with
        the target, else 0: a combination ("polaprezinc 75 mg + omeprazole 20 mg + amoxicillin
        1 g orally twice daily", "bupivacaine mixed with fentanyl 20 µg intrathecally"), the arms of one verb ("arketamine 0.5 mg/kg or placebo (0.9%
        saline) was infused ... on days 1, 4 and 8") or the ingredients the target is "composed
        of": the route and schedule after the last drug are every one's. Not when a value of the
        same kind stands in between (each arm its own)."""
        ingredient = self.ingredient_link(i, label)
        if ingredient:
            return ingredient
        linked = self._drug_linked_before(i, label)
        if linked is None:
            return 0.0
        comp, score = linked
        m = self.a.mentions[i]
        in_sentence = self.by_sentence.get(m.sentence, ())
        for t in in_sentence:
            if not (t.end <= comp.start and self.is_target(t)):
                continue
            chunks, pos = [], t.end
            for x in in_sentence:  # what lies between the target and the linked drug, less the entities
                if t.end <= x.start and x.end <= comp.start and x.label in ("DRUG", "DOSE", "ROUTE"):
                    chunks.append(self.doc.text[pos : x.start])
                    pos = x.end
            chunks.append(self.doc.text[pos : comp.start])
            rest = re.sub(r"\d+(?:[.,]\d+)?\s?%", " ", " ".join(chunks))  # "placebo (0.9% saline)"
            rest = re.sub(r"\(\s*[nN]\s?[=:]\s?\d+\s*\)", " ", rest)  # "ketamine 0.8 mg/kg (n = 27) or saline"
            rest = _MATCHED_COMPARATOR.sub(" ", rest)  # "ketamine (0.8 mg/kg) or an equal volume of saline"
            rest = _VEHICLE_VOLUME.sub(" ", rest)  # "Ketamine 0.5 mg/kg in 60 mL saline, or the same volume of saline"
            mixed = r"(?:mixed|combined|admixed|together)\s+with|in\s+combination\s+with"
            if re.search(rf"\+|\b(?:plus|or|versus|vs|{mixed})\b", rest) and re.fullmatch(
                    rf"[\s+,()]*(?:(?:plus|and|or|versus|vs\.?|{mixed})[\s+,()]*)*", rest, re.IGNORECASE):
                return score
        return 0.0

    @cached_property
    def _target_names_sessions(self) -> bool:
        """Do the methods name the sessions by the target ("Each ketamine session followed the
        same format", "the first esketamine session")?"""
        return any(x.label == "DRUG" and self.is_target(x) and self.section(x.start) == "methods"
                   and _SESSION_AFTER_NAME.match(self.doc.text, x.end) for x in self.a.mentions)

    def named_sessions_link(self, m: Mention) -> float:
        """``DRUGLESS_PARAGRAPH_SCORE`` when ``m`` is a bare count of sessions ("the three
        sessions") or stands in a sentence with one ("their second and third sessions at
        intervals of one month, so that the three sessions spanned two months"), in the methods
        of a paper that names its sessions by the target, and the sentence names no drug and no
        therapy: the sessions are the target's. Else 0."""
        if m.sentence is None or not self.has_target or self.section(m.start) != "methods":
            return 0.0
        here = self.by_sentence.get(m.sentence, ())
        if any(x.label in ("DRUG", "THERAPY") for x in here):
            return 0.0
        if not any(x.label == "FREQUENCY" and _BARE_SESSIONS.fullmatch(x.text) for x in here):
            return 0.0
        return DRUGLESS_PARAGRAPH_SCORE if self._target_names_sessions else 0.0

    @cached_property
    def _other_methods_drugs(self) -> list[Mention]:
        """The DRUG mentions of the methods that name a drug other than the target (but not one
        given only as needed: "Ondansetron 4 mg was given on request", "lorazepam as rescue
        medication"; nor a placebo, saline or sham, whose schedule is the target's: "ketamine ...
        or 0.9% saline of equal volume ... The three drug sessions fell one week apart"; nor a
        background medication: "All clients continue or start an oral antidepressant, most often
        sertraline"; nor a drug of the eligibility criteria: "Exclusion criteria were ... current use
        of lamotrigine or regular benzodiazepines")."""
        drugs = load_drugs()
        return [x for x in self.a.mentions
                if x.label == "DRUG" and not self.is_target(x) and self.section(x.start) == "methods"
                and not (x.sentence and (_AS_NEEDED.search(self.doc.text, *x.sentence)
                                         or _BACKGROUND_MEDICATION.search(self.doc.text, *x.sentence)
                                         or _CRITERIA_SENTENCE.search(self.doc.text, *x.sentence)))
                and not drugs.is_control(x.text)]

    @cached_property
    def _methods_name_another_drug(self) -> bool:
        """Does the methods section name a drug other than the target (``_other_methods_drugs``)?"""
        return bool(self._other_methods_drugs)

    def _stimulation_schedule(self, m: Mention) -> bool:
        """Is ``m`` a schedule of brain stimulation (rTMS, iTBS, tDCS): in a sentence that names
        stimulation and not the target, or in a paragraph whose run-in label names it ("2.4
        Home-based tDCS. ... five days a week for six weeks")?"""
        if m.sentence is None:
            return False
        in_sentence = self.by_sentence.get(m.sentence, ())
        if _STIMULATION.search(self.doc.text, m.sentence[0], m.sentence[1]) and not any(
                x.label == "DRUG" and self.is_target(x) for x in in_sentence):
            return True
        i = self.doc.block_index(m.start)
        if i is None:
            return False
        b = self.doc.blocks[i]
        label = _RUN_IN_LABEL.match(self.doc.text, b.start, min(b.end, b.start + 60)) or re.match(
            r"\s*\d+(?:\.\d+)*\.?\s+([^.\n]{2,40})\.\s", self.doc.text[b.start : b.start + 60])
        return bool(label) and _STIMULATION.search(label.group(0)) is not None and not any(
            x.label == "DRUG" and self.is_target(x) and b.start <= x.start < m.start for x in self.a.mentions)

    def _drug_labelled(self, m: Mention) -> bool:
        """Does ``m`` open what a label of the drug's own field introduces ("Drug – three dosing
        sessions", "Medication: 0.75 mg/kg", as intervention templates such as TIDieR write them),
        in a sentence that names no other drug, in a paper whose methods name the target?"""
        line_start = self.doc.text.rfind("\n", 0, m.start) + 1
        if _DRUG_FIELD_BEFORE.search(self.doc.text, max(line_start, m.start - 30), m.start) is None:
            return False
        if any(x.label == "DRUG" and not self.is_target(x) for x in self.by_sentence.get(m.sentence, ())):
            return False
        return any(x.label == "DRUG" and self.is_target(x) and self.section(x.start) == "methods" for x in self.a.mentions)

    def _alternative_of_target(self, target: Mention, other: Mention) -> bool:
        """Is ``other`` named right after ``target`` as its alternative, doses and brackets aside
        ("ketamine (0.5 mg/kg) or midazolam", "ketamine versus saline")?"""
        if not self.is_target(target):
            return False
        gap = _unbracketed(self._without_doses(target.end, other.start))
        # ("Esketamine and placebo were supplied in identical devices": a placebo named with the target)
        return _ALTERNATIVE_GAP.fullmatch(gap) is not None or (
            _AND_PLACEBO_GAP.fullmatch(gap) is not None and _PLACEBO_NAME.fullmatch(other.text) is not None)

    @cached_property
    def _block_labels(self) -> dict[int, set[str]]:
        """The entity labels of the mentions in each block, by block index."""
        out: dict[int, set[str]] = {}
        for x in self.a.mentions:
            j = self.doc.block_index(x.start)
            if j is not None:
                out.setdefault(j, set()).add(x.label)
        return out

    def drugless_paragraph_link(self, m: Mention, no_therapy: bool = False) -> float:
        """``DRUGLESS_PARAGRAPH_SCORE`` when ``m`` stands in a methods paragraph that opens with
        dosing and names no drug ("Dosing followed the licensed regimen. ... On day 1 patients
        took 56 mg") of a paper that names the target and no other drug in its methods: the
        value is the target's. The paragraph may run over up to ``DRUGLESS_REACH`` blocks (a PDF
        breaks paragraphs at columns and pages). With ``no_therapy`` it may name no
        psychotherapy either (a schedule there may be the therapy's). Else 0."""
        if not self.has_target or self.section(m.start) != "methods":
            return 0.0
        i = self.doc.block_index(m.start)
        if i is None:
            return 0.0
        blocks = self.doc.blocks
        if self._methods_name_another_drug:
            return 0.0
        for j in range(i, max(-1, i - DRUGLESS_REACH - 1), -1):
            b = blocks[j]
            if b.kind != "paragraph" or b.section != blocks[i].section:
                return 0.0
            labels = self._block_labels.get(j, set())
            if "DRUG" in labels or (no_therapy and "THERAPY" in labels):
                return 0.0
            if _DOSING_OPENER.match(self.doc.text, b.start, b.end) or self._opens_with_dosing(b):
                return DRUGLESS_PARAGRAPH_SCORE
        return 0.0

    def beside_placebo_link(self, m: Mention) -> float:
        """``DRUGLESS_PARAGRAPH_SCORE`` when ``m`` stands in a methods sentence that opens with
        dosing and names no drug ("Doses were weight-based: 0.5 mg/kg at the first administration
        and 1 mg/kg at each later administration"), in a paragraph whose only drugs are the target
        and an inactive comparator ("The hospital pharmacy prepared ketamine hydrochloride oral
        solution ...; placebo was the same vehicle"): a placebo has no dose, the amount is the
        target's. Else 0."""
        if not self.has_target or m.sentence is None or self.section(m.start) != "methods":
            return 0.0
        if any(x.label == "DRUG" for x in self.by_sentence.get(m.sentence, ())):
            return 0.0
        if not _DOSING_OPENER.match(self.doc.text, m.sentence[0], m.start):
            return 0.0
        block = self.doc.block_at(m.start)
        if block is None:
            return 0.0
        drugs = [x for x in self.a.mentions if x.label == "DRUG" and block.start <= x.start < block.end and x.start < m.start]
        inactive = [x for x in drugs if _INACTIVE_COMPARATOR.fullmatch(x.text)]
        # (what the placebo is made of, "placebo was the same vehicle with a trace of quinine", is no drug given)
        placebo_sentences = {x.sentence for x in inactive}
        if not any(self.is_target(x) for x in drugs) or not inactive or not all(
                self.is_target(x) or x in inactive or x.sentence in placebo_sentences for x in drugs):
            return 0.0
        return DRUGLESS_PARAGRAPH_SCORE

    def _opens_with_dosing(self, b: Block) -> bool:
        """Does the paragraph ``b`` state a dose, the doses given or the route in its first sentence
        ("The first session used 300 mg. ... Sessions were scheduled roughly a week apart", "Each
        patient received a kit with four doses, ... Sessions were scheduled about one week apart",
        "The default route was sublingual. Patients received compounded troches of 100 mg")?"""
        return any((x.label in ("DOSE", "ROUTE") or (x.label == "FREQUENCY" and names_drug_administration(x.text)))
                   and b.start <= x.start < b.end and x.sentence is not None
                   and x.sentence[0] <= b.start < x.sentence[1] for x in self.a.mentions)

    def _target_only_administrations(self, m: Mention) -> bool:
        """Is the FREQUENCY mention ``m`` a schedule that names what is given ("six medicine
        sessions scheduled once a week", "three infusions") in the methods of a paper whose
        methods name the target and no other drug? Then what is given is the target."""
        if not self.has_target or self._methods_name_another_drug:
            return False
        if self.section(m.start) == "abstract":
            # "Each had two preparation sessions, four dosing sessions and an integration session
            # after each dose" in an abstract that names no other drug, of a paper titled by the target
            return (names_drug_administration(m.text) and self._title_names_target and not self._abstract_names_another_drug
                    and not self._abstract_background(m.start))
        if self.section(m.start) != "methods":
            return False
        if names_drug_administration(m.text):
            return True
        # "Medicine sessions take place on Mondays and Thursdays for four weeks": the clause's
        # subject names what is given, and no therapy is named there
        lo = self._clause_start(m)
        return ((_ADMINISTRATION_OPENER.match(self.doc.text, lo, m.start) is not None
                 # "... were extended dosing sessions, so that dosing took place (every two weeks)"
                 or _DOSING_TOOK_PLACE.search(self.doc.text, max(lo, m.start - 40), m.start) is not None)
                and not any(x.label == "THERAPY" for x in self.by_sentence.get(m.sentence, ())))

    def _under_target_heading(self, m: Mention) -> bool:
        """Is the FREQUENCY mention ``m`` a count of what is given ("eight dosing sessions") in
        a sentence of the methods that names no drug, under a heading that names the target
        or its assisted psychotherapy ("The KAP protocol", "Ketamine sessions")?"""
        if m.sentence is None or self.section(m.start) != "methods" or not names_drug_administration(m.text):
            return False
        if any(x.label == "DRUG" for x in self.by_sentence.get(m.sentence, ())):
            return False
        heading = self._heading_above(m.start)
        return bool(heading.strip()) and self.names_target(heading)

    def previous_alternative_link(self, i: int, label: str) -> float:
        """Score of the relation ``label`` from mention ``i``, in a sentence that names no drug,
        to the drug of the sentence right before, which names it as the target's alternative ("Ketamine
        0.5 mg/kg or midazolam 0.045 mg/kg was infused ... Participants received three weekly
        infusions"): what follows is every arm's. Else 0."""
        hit = self.best_rel.get((i, label))
        m = self.a.mentions[i]
        if hit is None or m.sentence is None:
            return 0.0
        comp = self.a.mentions[hit[0]]
        if comp.label != "DRUG" or comp.sentence is None or comp.sentence == m.sentence or comp.start > m.start:
            return 0.0
        if self.doc.text[comp.sentence[1] : m.sentence[0]].strip():
            return 0.0  # only the sentence right after the one that names the arms
        if any(x.label == "DRUG" for x in self.by_sentence.get(m.sentence, ())):
            return 0.0
        drugs = self._sentence_drugs(comp.sentence)
        k = next((j for j, x in enumerate(drugs) if x is comp), -1)
        if k >= 2 and _AS_PLACEBO.fullmatch(_unbracketed(self._without_doses(drugs[k - 1].end, comp.start))):
            k -= 1  # "IM midazolam 0.05 mg/kg as an active placebo": the placebo is the midazolam arm
            comp = drugs[k]
        return hit[1] if k >= 1 and self._alternative_of_target(drugs[k - 1], comp) else 0.0

    def arms_sentence_before_link(self, m: Mention) -> float:
        """``ARMS_BEFORE_SCORE`` when ``m`` stands in a sentence that names no drug, one or two
        sentences (naming no drug either) after a sentence that names the target and its
        alternative ("Ketamine hydrochloride 0.5 mg kg-1 or midazolam 0.045 mg kg-1 was infused
        over 40 minutes ... Infusions took place on the first day of treatment weeks 1, 2 and 3.
        Participants received three infusions in total"): the schedule is every arm's. Else 0."""
        if m.sentence is None or any(x.label == "DRUG" for x in self.by_sentence.get(m.sentence, ())):
            return 0.0
        at = m.sentence[0]
        for _step in range(2):
            # the sentence with mentions before, in the same section, past sentences without any
            # ("... was infused over | 33 | 40 minutes by an anesthesiologist, with continuous
            # monitoring of vital signs.": a page break and a sentence of no entity)
            near = [sent for sent in self.by_sentence if sent is not None and sent[1] <= at]
            prev = max(near) if near else None
            if prev is None or at - prev[1] > ARMS_BEFORE_REACH or self.section(prev[0]) != self.section(m.start):
                return 0.0
            drugs = self._sentence_drugs(prev)
            if drugs:
                return ARMS_BEFORE_SCORE if any(not self.is_target(b) and self._alternative_of_target(a, b)
                                                for a, b in zip(drugs, drugs[1:], strict=False)) else 0.0
            at = prev[0]
        return 0.0

    def administrations_subject_link(self, m: Mention) -> float:
        """``ARMS_BEFORE_SCORE`` when ``m`` is the schedule of administrations that are its
        clause's subject ("Infusions were given on the Monday of weeks 1, 2 and 3, so that the
        infusions were weekly"), in the methods of a paper whose methods name no drug but the
        target and its alternatives ("Ketamine 0.5 mg kg-1 or midazolam 0.045 mg kg-1 was given
        by IV infusion"): every arm's administrations are the target's too. Else 0."""
        if m.sentence is None or not self.has_target or self.section(m.start) != "methods":
            return 0.0
        if any(x.label == "DRUG" for x in self.by_sentence.get(m.sentence, ())):
            return 0.0
        lo = self._clause_start(m)
        subject = _ADMINISTRATIONS_SUBJECT.match(self.doc.text, lo, m.start)
        if not (subject or _ADMINISTRATIONS_WERE.search(self.doc.text, max(lo, m.start - 30), m.start)):
            return 0.0
        if subject and _DOSING_SESSIONS.search(subject.group(0)):
            # "Dosing sessions took place at fortnightly intervals": the sessions of the drug under study,
            # whatever other drugs (as needed, for pain) the methods name
            return ARMS_BEFORE_SCORE
        return ARMS_BEFORE_SCORE if self._methods_name_only_alternatives else 0.0

    @cached_property
    def _methods_name_only_alternatives(self) -> bool:
        """Is every other drug the methods name (but placebos and drugs given as needed) named as
        the target's alternative, in a sentence that names the target before it ("Ketamine ... or
        midazolam ...")?"""
        for x in self._other_methods_drugs:
            if x.sentence is None:
                continue
            named = self._sentence_drugs(x.sentence)
            k = next((j for j, d in enumerate(named) if d is x), -1)
            if k < 1 or not self._alternative_of_target(named[k - 1], x):
                return False
        return True

    def _adjacent_sentence(self, at: int, after: bool) -> tuple[int, int] | None:
        """The sentence with mentions that starts right after offset ``at`` (``after``) or ends
        right before it, with only white space between; else None."""
        if after:
            near = [sent for sent in self.by_sentence if sent is not None and sent[0] >= at]
            sent = min(near) if near else None
            gap = self.doc.text[at : sent[0]] if sent else ""
        else:
            near = [sent for sent in self.by_sentence if sent is not None and sent[1] <= at]
            sent = max(near) if near else None
            gap = self.doc.text[sent[1] : at] if sent else ""
        return None if sent is None or gap.strip() else sent

    def next_sentence_target_link(self, m: Mention) -> float:
        """0.6 when ``m`` names what is given ("six infusions over three weeks, given twice
        weekly") in a sentence that names no drug and no therapy, and the next sentence opens
        with the target ("Ketamine is given intravenously at 0.5 mg/kg"), or the one after a
        sentence that goes on with the schedule ("These were held twice a week"): the
        administrations are the target's. Else 0."""
        if m.sentence is None or not names_drug_administration(m.text):
            return 0.0
        if any(x.label == "DRUG" or (x.label == "THERAPY" and not _EACH_SESSION_BEFORE.search(self.doc.text, max(0, x.start - 30), x.start))
               for x in self.by_sentence.get(m.sentence, ())):
            return 0.0  # (a therapy's sessions as the time of each infusion do not count: "24 hours before each PE session")
        end = m.sentence[1]
        for _step in range(2):
            nxt = self._adjacent_sentence(end, after=True)
            if nxt is None:
                return 0.0  # only the sentence right after this one
            if all(x.label in ("FREQUENCY", "DURATION") for x in self.by_sentence[nxt]) and _PRONOUN_SUBJECT.match(
                    self.doc.text, nxt[0]):
                end = nxt[1]  # "These were held twice a week": the schedule goes on; the drug may come next
                continue
            break
        first = min(self.by_sentence[nxt], key=lambda x: x.start)
        if first.label != "DRUG" or not self.is_target(first):
            return 0.0
        opening = self.doc.text[first.sentence[0] : first.start]
        # (or an arm's subject: "The experimental arm received esketamine 0.25 mg/kg and the control arm racemic ketamine")
        return NEXT_SENTENCE_LINK if len(opening.split()) <= 2 or _ARM_RECEIVED_OPENING.fullmatch(opening) else 0.0

    def _without_doses(self, a: int, b: int) -> str:
        """The text from offset ``a`` to ``b`` less the DOSE mentions in it ("ketamine 0.5 mg/kg
        or midazolam": " or ")."""
        parts, pos = [], a
        for d in sorted((x for x in self.a.mentions if x.label == "DOSE" and a <= x.start and x.end <= b),
                        key=lambda x: x.start):
            parts.append(self.doc.text[pos : d.start])
            pos = d.end
        return " ".join(parts + [self.doc.text[pos:b]])

    def _drug_linked_before(self, i: int, label: str) -> tuple[Mention, float] | None:
        """The DRUG that the relation ``label`` links mention ``i`` to, with the score, when it
        is written before ``i`` in the same sentence; else None."""
        hit = self.best_rel.get((i, label))
        m = self.a.mentions[i]
        if hit is None or m.sentence is None:
            return None
        comp = self.a.mentions[hit[0]]
        if comp.label != "DRUG" or comp.end > m.start or comp.sentence != m.sentence:
            return None
        return comp, hit[1]

    def ingredient_link(self, i: int, label: str) -> float:
        """Score of the relation ``label`` from mention ``i`` to an ingredient the target is
        "composed of", or to the vehicle it is "diluted in", written before ``i`` in its
        sentence, else 0 ("One group ingested sulodexide composed of 80% heparin and 20%
        dermatan sulfate, 100 mg orally daily": the 100 mg is sulodexide's; "Ketamine was
        diluted in 100 ml normal saline and administered intravenously ... at a dose of 0.5
        mg/kg": the route and dose are ketamine's)."""
        linked = self._drug_linked_before(i, label)
        if linked is None:
            return 0.0
        comp, score = linked
        m = self.a.mentions[i]
        vehicle = VEHICLE_BEFORE.search(self.doc.text[max(m.sentence[0], comp.start - 45) : comp.start])
        for t in self.by_sentence.get(m.sentence, ()):
            if (t.end <= comp.start and self.is_target(t)
                    and (vehicle or _COMPOSED_OF.match(self.doc.text, t.end, comp.start))):
                return score
        return 0.0

    def names_target(self, text: str) -> bool:
        """Does a phrase (or the long form of an abbreviation in it) name the target drug?
        ("KAP sessions" -> ketamine-assisted psychotherapy)."""
        low = text.lower()
        for word in re.findall(r"[A-Za-z][\w-]*", text):
            long = self.a.abbreviations.get(word)
            if long:
                low += " " + long.lower()
            term = load_therapies().abbreviation(word)
            if term is not None and term.label == "psychedelic psychotherapy" and self.target == "ketamine":
                return True
        return any(re.search(rf"(?<![\w]){re.escape(n)}", low) for n in self.target_names)

    def _shared_schedule(self, i: int) -> bool:
        """A schedule in a trailing clause after both arms ("KET 0.5 mg/kg ... and MDZ 0.045
        mg/kg ..., in six sessions over three weeks") is every arm's, the target's too."""
        m = self.a.mentions[i]
        hit = self.best_rel.get((i, "FREQUENCY_OF"))
        if m.sentence is None:
            return False
        if hit is None:
            return self._given_after_arms(m)
        comp = self.a.mentions[hit[0]]
        if comp.label != "DRUG" or comp.start > m.start or self.is_target(comp):
            return False
        if comp.sentence is not None and comp.sentence != m.sentence:
            # "... the experimental arm received ketamine 0.8 mg/kg ...; those in the control arm
            # received midazolam 0.025 mg/kg .... Each participant was offered three infusions": the
            # next sentence's count of administrations, for every participant, is both arms'
            # (a count or a rate, not a course's length: "inside a ten-week KAP course")
            return ((names_drug_administration(m.text) or (parse_frequency(m.text) or {}).get("interval") is not None)
                    and not self.doc.text[comp.sentence[1] : m.sentence[0]].strip()
                    and _EVERY_PARTICIPANT.match(self.doc.text, m.sentence[0], m.start) is not None
                    and not any(x.label == "DRUG" for x in self.by_sentence.get(m.sentence, ()))
                    and any(self.is_target(x) and x.start < comp.start for x in self.by_sentence.get(comp.sentence, ())))
        between = _unbracketed(self.doc.text[comp.end : m.start])
        if ";" in between:
            return False
        in_sentence = self.by_sentence.get(m.sentence, ())
        if re.search(r",\s*(?:\w+\s+){0,3}$", between) or _EACH_GIVEN.search(between) or _GIVEN_CLAUSE.search(between):
            # "..., in six sessions over three weeks"; "ketamine 150 mg or lorazepam 1 mg, each
            # taken at three supervised dosing sessions two weeks apart"
            return any(self.is_target(x) and x.start < comp.start for x in in_sentence)
        if _GIVEN_RIGHT_AFTER_ARM.fullmatch(between):
            return self._given_after_arms(m)  # "... or three midazolam infusions (...) given in weeks 1, 3 and 5"
        # "either ketamine (0.5 mg/kg; n = 18) or midazolam (...) prior to each of the first three
        # sessions": a schedule right after two listed arms, introduced as every arm's (so is one
        # right after the arms of a randomization: "randomized 1:1 to two IV infusions of ketamine
        # (0.5 mg/kg) or midazolam (0.025 mg/kg) on residential days 8 and 15")
        randomizing = _RANDOMIZED_TO.search(self.doc.text, m.sentence[0], comp.start) is not None
        if randomizing and re.fullmatch(r"\s*(?:spray|solution|capsules?|tablets?|infusions?|injections?)?\s*", between) and any(
                self.is_target(x) and x.end <= comp.start and _TARGET_THEN_COMPARATOR.fullmatch(
                    _unbracketed(self.doc.text[x.end : comp.start])) for x in in_sentence):
            # "randomised to esketamine nasal spray 84 mg (56 mg at the first session) or placebo spray
            # twice weekly for 4 weeks", "to ketamine oral solution 0.5 mg/kg or matched placebo once
            # daily for 28 days": the schedule after the two arms of the randomization is both arms'
            return True
        if not each_session_opener().search(between) and not (not between.strip() and randomizing):
            return False
        return any(self.is_target(x) and x.end <= comp.start and re.fullmatch(
            r"\s*(?:,|or|and|versus|vs\.?)\s*", _unbracketed(self.doc.text[x.end : comp.start]))
            for x in in_sentence)

    def _given_after_arms(self, m: Mention) -> bool:
        """"three ketamine infusions (0.5 mg/kg) or three midazolam infusions (0.045 mg/kg)
        given in weeks 1, 3 and 5": a schedule right after the last of two arms alike (the
        target's, then another's) and a participle that gives them is every arm's."""
        in_sentence = self.by_sentence.get(m.sentence, ())
        drugs = [x for x in in_sentence if x.label == "DRUG" and x.end <= m.start]
        if len(drugs) < 2 or self.is_target(drugs[-1]) or not self.is_target(drugs[-2]):
            return False
        comp, target = drugs[-1], drugs[-2]
        if not _GIVEN_RIGHT_AFTER_ARM.fullmatch(_unbracketed(self.doc.text[comp.end : m.start])):
            return False
        return _ARMS_ALIKE.fullmatch(_unbracketed(self.doc.text[target.end : comp.start])) is not None

    def _drugless_administration(self, m: Mention) -> bool:
        """Does the sentence of ``m`` name no drug and no psychotherapy (but one that only numbers
        the sessions, :meth:`_administrations_scheduled_around_therapy`), and open with the
        administrations it schedules ("Dosing meetings were held in weeks 2, 4, 6 and 8",
        "Infusions were given on days 1, 3 and 5") or with a course made of them ("The standard
        acute course comprised six dosing sessions"), in a paper that names the target: the
        administrations of the target?"""
        if m.sentence is None or not self.has_target:
            return False
        mentions = self.by_sentence.get(m.sentence, ())
        if any(x.label == "DRUG" for x in mentions):
            return False
        if self._administrations_scheduled_around_therapy(m):
            return True
        if self._weeks_given_to_dosing(m):
            return True
        if names_drug_administration(m.text) and not _NO_MORE_THAN.search(self.doc.text, max(0, m.start - 16), m.start) and (
                _COUNT_GIVEN.match(self.doc.text, m.end) or _THERE_WERE.fullmatch(
                self.doc.text, self._clause_start(m), m.start) or _EVERY_ARM_HAS.fullmatch(self.doc.text, self._clause_start(m), m.start)
                or (_RECEIVED_ALL.search(self.doc.text, self._clause_start(m), m.start) and self.section(m.start) != "tables")):
            # "Across the first two weeks, four infusions were given in total", "There were
            # therefore three infusions per participant", "Each arm has three dosing sessions",
            # "Seventy-six received all three infusions" (the planned count, every arm's; but not
            # a table's column "Attended all three dosing sessions", whose rows are not its schedule),
            # whatever therapy the sentence also names ("received all four drug sessions and at
            # least six ACT sessions")
            return True
        text = self.doc.text
        if any(x.label == "THERAPY" and not (x.start > m.end and _NEXT_CLAUSE.search(text, m.end, x.start)) for x in mentions):
            return False  # (a therapy in a clause of its own after it does not count: "Infusions
            # were given 7 days apart, ..., and MET sessions in those weeks took place the day after")
        if _ADMINISTRATION_SUBJECT.match(self.doc.text, self._clause_start(m), m.start) is not None:
            return True
        if any(x.label == "THERAPY" for x in mentions):
            return False
        # "The standard acute course comprised six dosing sessions at two-week intervals"
        if _COURSE_OF.fullmatch(self.doc.text, m.sentence[0], m.start) is not None and names_drug_administration(m.text):
            return True
        # "... comprised six dosing sessions; clinicians aimed for one per week": the rate of the
        # course counted before it
        if names_drug_administration(m.text) or not (parse_frequency(m.text) or {}).get("interval"):
            return False
        return any(x.label == "FREQUENCY" and x.end <= m.start and names_drug_administration(x.text)
                   and self._drugless_administration(x) for x in mentions)

    def _numbered_therapy_sessions(self, cands: list[Candidate]) -> None:
        """A count of administrations given at numbered sessions of a psychotherapy ("on the
        mornings of VRET sessions 1, 3 and 5", "before sessions 1, 3 and 5 of MBRP", "before each
        of the first four PE sessions") whose own
        schedule the paper states ("eight weekly group sessions"): the sessions' spacing times
        the therapy's interval is the administrations' interval ("3 sessions, every 2 weeks").
        Only when the paper's therapy schedules agree on one interval; the therapy schedule's
        words and offsets go into the value's ``interval_from`` attribute."""
        text = self.doc.text
        counted = [c for c in cands if c.key[2] == "other" and c.key[0] and c.key[1] is None
                   and not any(k.startswith("times_per") or k.startswith("every_") for k in c.attributes)]
        if not counted:
            return
        lists = [[int(x) for x in re.findall(r"\d+", m.group(1))] for m in _NUMBERED_SESSIONS.finditer(text)
                 if self.section(m.start()) in ("abstract", "methods")]
        # "before the fifth, seventh, ninth and eleventh group sessions": sessions 5, 7, 9 and 11
        lists += [parse_ordinal_list(m.group("o")) for m in ordinal_sessions().finditer(text)
                  if self.section(m.start()) in ("abstract", "methods")]
        # "before each of the first four PE sessions": sessions 1 to 4
        for m in _FIRST_N_SESSIONS.finditer(text):
            n = parse_number(m.group(1))
            if self.section(m.start()) in ("abstract", "methods") and isinstance(n, int) and 2 <= n <= 20:
                lists.append(list(range(1, n + 1)))
        if not lists:
            return
        therapy: dict[str, Mention] = {}
        for i, m in enumerate(self.a.mentions):
            if m.label != "FREQUENCY" or m.sentence is None or self.target_link(i, "FREQUENCY_OF") > 0:
                continue
            if self.section(m.start) != "methods" or not any(
                    x.label == "THERAPY" for x in self.by_sentence.get(m.sentence, ())):
                continue
            f = parse_frequency(m.text) or {}
            if f.get("interval") in ("weekly", "twice weekly") and not names_drug_administration(m.text):
                therapy.setdefault(f["interval"], m)
        if len(therapy) != 1:
            return
        interval, source = next(iter(therapy.items()))
        for c in counted:
            # one spacing, the same in every list of as many sessions as the count
            steps = {b - a for nums in lists if len(nums) == c.key[0] for a, b in zip(nums, nums[1:], strict=False)}
            if len(steps) != 1:
                continue
            new = _THERAPY_STEP_INTERVAL.get((interval, steps.pop()))
            if new is None:
                continue
            attrs = {**c.attributes, "interval": new,
                     "interval_from": {"text": source.text, "start": source.start, "end": source.end}}
            c.key, c.value, c.attributes = (c.key[0], None, new), frequency_value(attrs), attrs

    def _target_share_of_count(self, cands: list[Candidate]) -> None:
        """A count of sessions broken down by drug right after it ("up to six weekly sessions (five
        ketamine, one midazolam)", "Six weekly sessions: five with ketamine ... and one with
        midazolam") counts the target's sessions by its own share. The breakdown's
        words and offsets go into the value's ``sessions_from`` attribute."""
        text = self.doc.text
        for c in cands:
            if not c.key[0] or c.key[1] is not None:
                continue
            hit = _COUNT_BREAKDOWN.match(text, c.end) or _COUNT_BREAKDOWN_AFTER_COLON.match(text, c.end, c.sentence[1] if c.sentence else len(text))
            if hit is None:
                continue
            parts = [(parse_number(hit.group("n1")), hit.group("d1")), (parse_number(hit.group("n2")), hit.group("d2"))]
            own = [n for n, name in parts if self.names_target(name)]
            if len(own) != 1 or None in (parts[0][0], parts[1][0]) or parts[0][0] + parts[1][0] != c.key[0]:
                continue
            start, end = hit.start("n1"), hit.end("d2")
            attrs = {**c.attributes, "sessions": int(own[0]),
                     "sessions_from": {"text": text[start:end], "start": start, "end": end}}
            c.key, c.value, c.attributes = (int(own[0]), None, c.key[2]), frequency_value(attrs), attrs

    def _later_phases_after_first(self, cands: list[Candidate]) -> None:
        """A schedule written as a later phase ("responders continued esketamine once weekly in
        weeks 5-8 (four further sessions)", "maintenance infusions monthly") ranks after a
        schedule of another value that is not so written: the first phase is the regimen's
        start, as in "twice weekly, then weekly" within one sentence. So does a schedule under
        a sub-heading of a later phase ("Open-label continuation (weeks 5-12)"), and more so a
        later phase for responders only ("Responders continued ketamine once a week")."""
        text = self.doc.text
        later = []
        # "b.i.w. in weeks 1-4 and q.w. in weeks 5-8": a run of weeks that starts later than
        # another schedule's is a later phase
        runs = [self._week_run(c, cands) for c in cands]
        first_weeks = [int(run.group(1)) for run in runs if run is not None]
        for c, run in zip(cands, runs, strict=True):
            after = text[c.end : min(c.sentence[1], c.end + 40)]
            phase = (_LATER_PHASE.search(text, self._clause_start(c), c.start) or _FURTHER_AFTER.match(after)
                     or _LATER_PHASE_NOUN_AFTER.match(after))
            # "During weeks 5 to 8 esketamine was given once a week, four further sessions"
            phase = phase or _FURTHER_WITHIN.search(c.text) or _FOR_THE_NEXT.match(text, c.end)
            # "twice weekly for four weeks and then weekly for four weeks": the phase after "then"
            # (or "..., weekly for the next four and then weekly or every two weeks")
            phase = phase or any(o.sentence == c.sentence and o.end <= c.start and _THEN_BETWEEN.search(text, o.end, c.start)
                                 for o in cands if o is not c)
            # a run of weeks that starts later than another's, or well after the first week
            phase = phase or (run is not None and (int(run.group(1)) > min(first_weeks)
                                                   or int(run.group(1)) >= LATER_RUN_FIRST_WEEK))
            if phase and _RESPONDERS.search(text, c.sentence[0], c.start):
                later.append(RESPONDER_PHASE_FACTOR)  # "Responders continued ketamine once a week"
            elif _LATER_HEADING.search(self._heading_above(c.start)):
                later.append(LATER_HEADING_FACTOR)
            elif phase:
                later.append(LATER_PHASE_FACTOR)
            else:
                later.append(1.0)
        # a first phase: a counted interval, a count at a rate of its own ("12 sessions, 3 times
        # weekly"), or one session ("One session of intramuscular ketamine ... Participants who
        # relapsed could receive up to two further sessions one month apart")
        firsts = {c.key for c, factor in zip(cands, later, strict=True)
                  if factor == 1.0 and ((_counted_rate(c) is not None and (c.key[0] is not None or c.key[2] in _COUNTED_INTERVALS))
                                        or c.key == (1, None, "single"))}
        for c, factor in zip(cands, later, strict=True):
            if factor < 1.0 and firsts - {c.key}:
                # ranked after the first phase, but kept: a later phase is the study's too (and
                # its restatements do not lift it back over the first phase)
                c.score = max(c.score * factor, min(c.score, MIN_CONFIDENCE))
                c.reinforces = False
            elif _FURTHER_COUNT.search(c.text) and any(
                    o.key[2] == c.key[2] and (o.key[0] or 0) > (c.key[0] or 0) for o in cands):
                # "randomised to two further monthly KAP sessions" beside "three sessions" at the same
                # rate: the further sessions are the rest of the whole course
                c.score *= LATER_PHASE_FACTOR

    def _total_of_phases_first(self, cands: list[Candidate]) -> None:
        """A bare count that is the sum of two or three phases at different rates ("twelve
        dosing visits" of "eight doses twice weekly" and "four doses once a week") is the whole
        course: it goes before its phases. Not a ceiling ("up to 12 sessions"), a count in the
        results ("completed all twelve sessions") nor a sum in the phases' own sentence."""
        phases = {}
        for c in cands:
            if c.key[0] and c.key[1] is None and c.key[2] not in (None, "single", "other"):
                phases.setdefault(c.key, c)
        for c in cands:
            if not (c.count_only and c.key[0] and c.key[1] is None) or self.section(c.start) in ("results", "tables"):
                continue
            if (_AT_MOST_BEFORE.search(self.doc.text, max(c.sentence[0], c.start - 20), c.start)
                    or re.match(rf"{_AT_MOST}\s", c.text, re.IGNORECASE)):
                continue
            for k in (2, 3):
                # (a total stated in the phases' own sentence, "twice weekly in weeks 1 to 4 and once
                # weekly in weeks 5 to 8, twelve sessions in all", sums them up: the phases stay first)
                combo = next((combo for combo in combinations(phases.values(), k)
                              if len({p.key[2] for p in combo}) == k and sum(p.key[0] for p in combo) == c.key[0]
                              and all(p.sentence != c.sentence for p in combo)), None)
                if combo is not None:
                    c.score = max(c.score, max(p.score for p in combo))
                    for p in combo:
                        p.score *= PHASE_OF_TOTAL_FACTOR
                    break

    def _week_run(self, c: Candidate, cands: list[Candidate]) -> re.Match | None:
        """The run of weeks the schedule ``c`` names: in its own words ("once weekly in weeks
        5-8"), else the last one before it in its clause with no other schedule between ("After
        that, in weeks 5-8, the sessions were once a week")."""
        run = _WEEK_RUN.search(c.text)
        if run is not None:
            return run
        lo = self._clause_start(c)
        before = list(_WEEK_RUN.finditer(self.doc.text, lo, c.start))
        if not before:
            return None
        if any(before[-1].end() <= o.start < c.start for o in cands if o is not c):
            return None
        return before[-1]

    def _one_case_after_protocol(self, cands: list[Candidate]) -> None:
        """A value told of one case of a series ("She received two weekly sessions", "Case 3
        was given 0.75 mg/kg") ranks after the values the paper states for its protocol or its
        participants in general: it is one person's course."""
        ones = [self._of_one_case(c) for c in cands]
        if all(ones) or not any(ones):
            return
        for c, one in zip(cands, ones, strict=True):
            if one:
                c.score *= ONE_CASE_FACTOR

    def _of_one_case(self, c: Candidate) -> bool:
        """Does the clause of ``c`` open with one case as its subject ("She", "Case 2", "Patient
        3", "Mr A"), stand under a case's heading ("Case 3") or in a case's table row ("Case 5 |
        ..."), or name one by a pronoun before it ("..., so he received two further sessions")?"""
        lo = self._clause_start(c)
        if _ONE_CASE_SUBJECT.match(self.doc.text, lo, c.start) is not None:
            return True
        if _ONE_CASE_HEADING.match(self._heading_above(c.start)):
            return True  # under "Case 3"
        # (but not "his or her dose", "if he or she tolerated it": anyone)
        sentence = _EITHER_PRONOUN.sub(" ", self.doc.text[c.sentence[0] : c.sentence[1]])
        if _ONE_CASE_PRONOUN.search(sentence) is not None:
            return True
        # a table row of one case: "Case 5 | M, 39 | ... every two weeks after week 8"
        return _CASE_ROW.match(self.doc.text, self.doc.text.rfind("\n", 0, c.start) + 1, c.start) is not None

    def _heading_above(self, pos: int, labels: bool = False) -> str:
        """The text of the nearest heading above offset ``pos`` in its section ("" if none);
        with ``labels``, a short line ending with a colon ("Outcomes:") counts as one too, the
        block of ``pos`` itself included."""
        i = self.doc.block_index(pos)
        if i is None:
            return ""
        blocks = self.doc.blocks
        for j in range(i, -1, -1):
            if blocks[j].section != blocks[i].section:
                return ""
            if (j < i and blocks[j].kind == "heading") or (labels and self._label_line(j)):
                return self.doc.text[blocks[j].start : blocks[j].end]
        return ""

    def _dose_then_given(self, before: Mention, m: Mention) -> bool:
        """Do only the dose of the administrations ``before`` counts and the verb that gives them
        stand between it and ``m`` ("six infusions of 0.5 mg/kg over 40 minutes, given twice
        weekly across three weeks")?"""
        if not names_drug_administration(before.text):
            return False
        gap = self._words_between(before.end, m.start, m.sentence, ("DOSE", "DURATION", "ROUTE"))
        return gap is not None and _DOSE_THEN_GIVEN.fullmatch(gap) is not None

    def _words_between(self, start: int, end: int, sentence: tuple[int, int] | None, skip: tuple[str, ...]) -> str | None:
        """The text from ``start`` to ``end`` less the mentions of the labels ``skip`` in it
        (joined by spaces), or None when a mention of another label stands there."""
        gap, pos = [], start
        for x in self.by_sentence.get(sentence, ()):
            if start <= x.start and x.end <= end:
                if x.label not in skip:
                    return None
                gap.append(self.doc.text[pos : x.start])
                pos = x.end
        gap.append(self.doc.text[pos:end])
        return " ".join(gap)

    def _of_target_after(self, m: Mention) -> float:
        """``OF_TARGET_AFTER_SCORE`` when the FREQUENCY span ``m`` is followed, with only other
        schedule and route spans and commas between, by "of" and the target ("two IV infusions,
        one week apart, of ketamine 0.5 mg/kg"), else 0."""
        if m.sentence is None:
            return 0.0
        after = [x for x in self.by_sentence.get(m.sentence, ()) if x.start >= m.end]
        nxt = next((x for x in after if x.label not in ("FREQUENCY", "ROUTE")), None)
        if nxt is None or nxt.label != "DRUG" or not self.is_target(nxt):
            return 0.0
        gap = self._words_between(m.end, nxt.start, m.sentence, ("FREQUENCY", "ROUTE"))
        return OF_TARGET_AFTER_SCORE if gap is not None and _OF_GAP.fullmatch(gap) else 0.0

    def _noun_of_split_count(self, i: int, between: tuple[str, ...] = ("ROUTE",)) -> int | None:
        """The index of the FREQUENCY mention that mentions of the labels ``between`` alone, with
        no punctuation, split from the bare count ``i`` ("three" of "three IV infusions"), or None."""
        ms = self.a.mentions
        m, j = ms[i], i + 1
        while j < len(ms) and ms[j].label in between and ms[j].sentence == m.sentence:
            j += 1
        if (j == i + 1 or j >= len(ms) or ms[j].label != "FREQUENCY" or ms[j].sentence != m.sentence
                or re.search(r"[,;()]", self.doc.text[m.end : ms[j].start])):
            return None
        return j

    def _split_count_link(self, i: int) -> float:
        """The link of a bare count that the drug's name splits from its noun ("six" of "six IV
        ketamine infusions"): its noun's link to the target, when only the route and the target
        drug stand between them (the relation stage may tie the number to another drug named
        before it: "maintained on valproate, a course of six IV ketamine infusions")."""
        ms = self.a.mentions
        if not _count_start().fullmatch(ms[i].text.strip()):
            return 0.0
        j = self._noun_of_split_count(i, ("ROUTE", "DRUG"))
        if j is None or not any(ms[k].label == "DRUG" and self.is_target(ms[k]) for k in range(i + 1, j)):
            return 0.0
        return self.target_link(j, "FREQUENCY_OF")

    def _target_sessions_subject(self, m: Mention) -> bool:
        """Does the sentence of the time-point list ``m`` open with the target's sessions as its
        subject ("Ketamine sessions took place (in weeks 4, 8 and 12 of PGDT)")?"""
        if m.sentence is None or not _TIMEPOINT_LIST.match(m.text):
            return False
        hit = _SESSIONS_TOOK_PLACE.match(self.doc.text, m.sentence[0], m.start)
        return hit is not None and any(x.start == hit.start("drug") and self.is_target(x)
                                       for x in self.by_sentence.get(m.sentence, ()))

    def _assessment_rate(self, i: int) -> bool:
        """Is FREQUENCY mention ``i`` a bare rate, not linked to the target by the relation model,
        in a sentence that measures something before it and gives nothing ("dissociation was
        measured with the CADSS at the end of each infusion, and PTSD symptoms with the PCL-5
        every week")?"""
        m = self.a.mentions[i]
        # (numbered sessions are times, whatever they are linked to: "PHQ-9 and GAD-7 were completed
        # ... after sessions 2, 4 and 6")
        times = _AFTER_NUMBERED.match(m.text) is not None
        if m.sentence is None or (self.target_link(i, "FREQUENCY_OF") > 0 and not times) or names_drug_administration(m.text):
            return False
        if (parse_frequency(m.text) or {}).get("sessions") is not None and not times:
            return False
        before = self.doc.text[m.sentence[0] : m.start]
        return bool(_ASSESSED.search(before)) and not _GIVEN_VERB.search(before)

    def _measured_time_points(self, m: Mention) -> bool:
        """Is ``m`` a list of time points in a sentence whose subject is a measure, with no drug named
        before it ("The PHQ-9 was administered at baseline and at weeks 1, 2, 4 and 8")?"""
        if m.sentence is None or not (_TIMEPOINT_LIST.match(m.text) or _TIMEPOINT_LIST.match(self.doc.text, max(0, m.start - 4))):
            return False
        if any(x.label == "DRUG" and x.start < m.start for x in self.by_sentence.get(m.sentence, ())):
            return False
        return _MEASURE_SUBJECT.match(self.doc.text, m.sentence[0], m.start) is not None

    def _continues_schedule(self, before: Mention, m: Mention) -> bool:
        """Is ``m``'s sentence the one right after ``before``'s, opening with a pronoun for the
        administrations ``before`` counted ("They are booked once a week", "These were given
        twice weekly", "Sessions were scheduled weekly"), and naming no drug or therapy of its own?"""
        if before.sentence is None or m.sentence is None or before.sentence == m.sentence:
            return False
        if self.doc.text[before.sentence[1] : m.sentence[0]].strip() or not names_drug_administration(before.text):
            return False
        if any(x.label == "DRUG" or (x.label == "THERAPY" and not self._therapy_following(m, x))
               for x in self.by_sentence.get(m.sentence, ())):
            return False  # (a therapy each session "was followed within 72 hours by" is the sessions' company)
        return _PRONOUN_SUBJECT.match(self.doc.text, m.sentence[0], m.start) is not None

    def _therapy_following(self, m: Mention, x: Mention) -> bool:
        """Is the therapy ``x`` what each administration of the schedule ``m`` is followed (or
        preceded) by ("given twice weekly ..., each followed by an integration session", "Sessions
        were scheduled weekly, and each was followed within 72 hours by a 60-minute integration
        psychotherapy session"): the administrations' company, not a schedule's subject?"""
        return x.start > m.end and _FOLLOWED_BY_BEFORE.search(self.doc.text, max(m.end, x.start - 70), x.start) is not None

    def _sessions_after_target_doses(self, m: Mention) -> bool:
        """Does ``m``'s sentence open with bare sessions as its subject ("Sessions took place
        twice a week"), name no drug or therapy, and follow right after a sentence that gives
        the target's dose and names no therapy?"""
        if m.sentence is None or not _SESSIONS_SUBJECT.match(self.doc.text, m.sentence[0], m.start):
            return False
        if any(x.label in ("DRUG", "THERAPY") for x in self.by_sentence.get(m.sentence, ())):
            return False
        before = next((s for s in self.by_sentence if s is not None and s[1] <= m.sentence[0]
                       and not self.doc.text[s[1] : m.sentence[0]].strip()), None)
        if before is None:
            return False
        ms = self.by_sentence[before]
        if any(x.label == "THERAPY" for x in ms):
            return False
        return any(self.is_target(x) for x in ms) or any(
            x.label == "DOSE" and x.sentence == before and (self.target_link(i, "DOSE_OF") > 0 or self.heading_link(x) > 0)
            for i, x in enumerate(self.a.mentions))

    def _clause_start(self, m: Mention | Candidate) -> int:
        """Where the clause of ``m`` (a mention or a candidate) starts: after the last semicolon
        before it in its sentence ("The first infusion was given in week 1; later infusions
        were spaced one week apart"), else at the sentence's start."""
        s0 = m.sentence[0] if m.sentence else m.start
        semi = self.doc.text.rfind(";", s0, m.start)
        return s0 if semi < 0 else semi + 1

    def _weeks_given_to_dosing(self, m: Mention) -> bool:
        """Is ``m`` a list of weeks or days whose clause hands them to a drug's sessions and names
        no drug or therapy of its own ("in weeks 3 and 5 the therapy hour is replaced by a dosing
        session", "; in weeks 3 and 5 the session is replaced by a dosing session")?"""
        if m.sentence is None or not _TIMEPOINT_LIST.match(m.text) or not (parse_frequency(m.text) or {}).get("sessions"):
            return False
        lo = self._clause_start(m)
        semi = self.doc.text.find(";", m.end, m.sentence[1])
        hi = m.sentence[1] if semi < 0 else semi
        if any(x.label in ("DRUG", "THERAPY") and lo <= x.start < hi for x in self.by_sentence.get(m.sentence, ())):
            return False
        return _REPLACED_BY_DOSING.search(self.doc.text, m.end, hi) is not None

    def _administrations_scheduled_around_therapy(self, m: Mention) -> bool:
        """Does the sentence of ``m`` open with the administrations it schedules and name a
        psychotherapy only to number the sessions they fall on ("Drug sessions were held on the
        day before PE sessions 1, 5 and 9, that is in weeks 1, 3 and 5", "Study infusions were
        given before each of the first four PE sessions")? Then the schedule is the
        administrations', not the therapy's."""
        mentions = self.by_sentence.get(m.sentence, ())
        text = self.doc.text
        therapies = [x for x in mentions if x.label == "THERAPY"]
        # ("before each of the first four PE sessions" numbers them too)
        firsts = [f.span() for f in _FIRST_N_SESSIONS.finditer(text, m.sentence[0], m.sentence[1])]
        return (bool(therapies) and all(_NUMBERED_SESSIONS_AFTER.match(text, x.end)
                                        or any(a <= x.start and x.end <= b for a, b in firsts) for x in therapies)
                and _ADMINISTRATION_SUBJECT.match(text, m.sentence[0], m.start) is not None)

    def _sentence_names_kap(self, m: Mention) -> bool:
        """Does the sentence of ``m`` name a therapy that names the target ("KAP consisted of
        three dosing sessions", "four sessions of ketamine-assisted psychotherapy")?"""
        return any(x.label == "THERAPY" and self.names_target(x.text) for x in self.by_sentence.get(m.sentence, ()))

    def titled_target_link(self, m: Mention) -> float:
        """``DRUGLESS_PARAGRAPH_SCORE`` when ``m`` stands in the methods, in a sentence that names
        no drug, of a paper whose title names the target and whose methods name no other drug
        ("Guests were given the threshold dose, 0.5 mg·kg-1 IM" in a report of a "Residential
        Ketamine-Assisted Psychotherapy Retreat" that calls ketamine "the medicine"). Else 0."""
        section = self.section(m.start)
        if (m.sentence is None or section not in ("methods", "abstract")
                or self._methods_name_another_drug or not self._title_names_target):
            return 0.0
        if section == "abstract" and (self._abstract_background(m.start) or self._abstract_names_another_drug):
            return 0.0  # (an abstract's methods part, "Methods — ... The first dose was 100 mg", in
            # an abstract that names no other drug)
        if any(x.label == "DRUG" for x in self.by_sentence.get(m.sentence, ())):
            return 0.0
        if _NOT_DOSING_HEADING.search(self._heading_above(m.start, labels=True)):
            return 0.0  # under "Outcomes:" or "Statistical analysis" a drug-less dose is nobody's
        return DRUGLESS_PARAGRAPH_SCORE

    @cached_property
    def _abstract_names_another_drug(self) -> bool:
        """Does the abstract name a drug other than the target (a placebo or saline aside)?"""
        drugs = load_drugs()
        return any(x.label == "DRUG" and not self.is_target(x) and self.section(x.start) == "abstract"
                   and not drugs.is_control(x.text) for x in self.a.mentions)

    @cached_property
    def _title_names_target(self) -> bool:
        return bool(self.doc.title) and self.names_target(self.doc.title)

    def kap_only_link(self, m: Mention) -> float:
        """0.8 when the sentence of ``m`` names the target only inside a therapy's name and no
        drug at all ("three ketamine-assisted psychotherapy sessions (0.75 mg/kg IM)"): the
        value is the target's. Else 0."""
        if m.sentence is None or any(x.label == "DRUG" for x in self.by_sentence.get(m.sentence, ())):
            return 0.0
        return 0.8 if self._sentence_names_kap(m) else 0.0

    def heading_link(self, m: Mention) -> float:
        """0.75 when ``m`` stands under a heading that names the target ("Ketamine dosing",
        "2.2 Ketamine administration") with no other drug named between the heading and ``m``, in a
        sentence that names none ("The troche dose was individualised within a range of 150 to
        300 mg"): the value is the target's. Else 0. A heading is no passage of its own, so the
        relation stage cannot see it."""
        if m.sentence is None or any(x.label == "DRUG" for x in self.by_sentence.get(m.sentence, ())):
            return 0.0
        blocks = self.doc.blocks
        i = self.doc.block_index(m.start)
        if i is None or re.match(r"\s*[\u2020\u2021\u00a7\u00b6*]", self.doc.text[self.doc.blocks[i].start : self.doc.blocks[i].start + 3]):
            return 0.0  # (a footnote under the heading: "† Presented in the oral session ...")
        j = i - 1
        while j >= 0 and i - j <= HEADING_REACH and blocks[j].kind == "paragraph" and not self._label_line(j):
            j -= 1  # the paragraphs between the heading and this one
        # (or a display's caption that names the target: "Table 1. Clinic esketamine schedule" over
        # rows written as text, "Induction | 1-4 | twice weekly (8 sessions) | 56 mg at session 1")
        caption = (j == i - 1 and blocks[j].kind == "caption" and blocks[i].section != "tables"
                   and bool(re.search(r"\||\t", self.doc.text[blocks[i].start : blocks[i].end])))
        if j < 0 or not (blocks[j].kind == "heading" or self._label_line(j) or caption) or (
                blocks[j].section != blocks[i].section and not caption):
            return 0.0
        heading = self.doc.text[blocks[j].start : blocks[j].end].lower()
        if not any(re.search(rf"(?<![\w-]){re.escape(n)}(?!\w)", heading) for n in self.target_names):
            return 0.0  # a whole name ("Ketamine dosing", "Ketamine-assisted sessions"), not a prefix
        lo = blocks[j].end
        if any(x.label == "DRUG" and lo <= x.start < m.start and not self.is_target(x) for x in self.a.mentions):
            return 0.0  # another drug named under the heading: the value may be its
        return 0.75

    def box_field_link(self, m: Mention) -> float:
        """``BOX_FIELD_SCORE`` when ``m`` stands on a labelled line of a box or list of fields
        ("Route: intravenous infusion by syringe pump", "Dose: 0.5 mg/kg") a few lines under a
        drug field that names the target ("Study drug: ketamine hydrochloride 0.8 mg·kg-1, or 0.9%
        saline"), with no other drug field between: the value is the target's. Else 0."""
        text = self.doc.text
        line_start = text.rfind("\n", 0, m.start) + 1
        if not _FIELD_LABEL.match(text, line_start, m.start + 1):
            return 0.0
        at = line_start
        for _step in range(BOX_FIELD_REACH):
            if at <= 0:
                return 0.0
            prev_start = text.rfind("\n", 0, at - 1) + 1
            line = text[prev_start : at - 1]
            if not line.strip():
                return 0.0  # a blank line ends the box
            if _DRUG_FIELD.match(line):
                return BOX_FIELD_SCORE if any(
                    x.label == "DRUG" and prev_start <= x.start < at and self.is_target(x) for x in self.a.mentions) else 0.0
            at = prev_start
        return 0.0

    def table_row_link(self, m: Mention, row: re.Pattern[str]) -> float:
        """``DRUGLESS_PARAGRAPH_SCORE`` when ``m`` stands in a table's row whose label ``row``
        matches ("Dose per dosing session | 100-300 mg | 0.5-1.0 mg/kg", "Planned course | 6
        dosing sessions, weekly"), with only values of its own label between the label and ``m``,
        in a table that names no drug but the target, of a paper whose methods name the target
        and no other drug: the row is the target's. Else 0."""
        if not self.has_target or self.section(m.start) != "tables" or self._methods_name_another_drug:
            return 0.0
        text = self.doc.text
        line_start = text.rfind("\n", 0, m.start) + 1
        label = row.match(text, line_start, m.start)
        if label is None:
            return 0.0
        gap = text[label.end() : m.start]
        for x in self.a.mentions:
            if x.label == m.label and label.end() <= x.start and x.end <= m.start:
                gap = gap.replace(x.text, " ", 1)
        if not re.fullmatch(r"[\s|,;/()]*", gap):
            return 0.0  # another cell's words stand between the row's label and the value
        i = self.doc.block_index(m.start)
        if i is None:
            return 0.0
        blocks = self.doc.blocks
        j = i
        while j > 0 and i - j < TABLE_REACH and blocks[j].kind != "caption" and blocks[j - 1].section == "tables":
            j -= 1  # up to the table's caption
        lo = blocks[j].start
        end = text.find("\n", m.end)
        end = len(text) if end < 0 else end
        if any(x.label == "DRUG" and lo <= x.start < end and not self.is_target(x) for x in self.a.mentions):
            return 0.0  # the table names another drug: the row may be its
        return DRUGLESS_PARAGRAPH_SCORE

    def _label_line(self, j: int) -> bool:
        """Is block ``j`` a short line ending with a colon, set above its paragraph as a
        heading ("Ketamine dosing:")?"""
        t = self.doc.text[self.doc.blocks[j].start : self.doc.blocks[j].end].strip()
        return "\n" not in t and len(t) <= 60 and t.endswith(":")

    def sentence_text(self, m: Mention) -> tuple[str, int]:
        s0, s1 = m.sentence or (m.start, m.end)
        return self.doc.text[s0:s1], s0

    # -- fields ------------------------------------------------------------------

    def dose(self) -> list[Candidate]:
        ms = self.a.mentions
        out = []
        subgroup: set[int] = set()  # the candidates of a subgroup's dose
        for i, m in enumerate(ms):
            if m.label != "DOSE":
                continue
            link = (self.target_link(i, "DOSE_OF") or self.ingredient_link(i, "DOSE_OF") or self.kap_only_link(m)
                    or self.heading_link(m) or self.previous_alternative_link(i, "DOSE_OF") or self.box_field_link(m)
                    or self.drugless_paragraph_link(m) or self.titled_target_link(m) or self.examples_bracket_link(m)
                    or self.table_row_link(m, _DOSE_ROW) or self.beside_placebo_link(m))
            s = link * self.weight_in(m.start, m.sentence) * self.prior_treatment_factor(m) * self.enantiomer_factor(i, "DOSE_OF")
            if s <= 0:
                continue
            # "100 and 300 mg" is one span and two doses, each evidenced by its own amount (but
            # "between 0.3 and 0.9 mg/kg" is one range)
            between = re.search(r"\bbetween\s+$", self.doc.text[max(0, m.start - 12) : m.start], re.IGNORECASE)
            parts = parse_doses(m.text, between=between is not None)
            if not parts:
                nd = self._dose_in_context(m)
                parts = [(nd, 0, len(m.text))] if nd is not None else []
            if not parts:
                continue
            if len(parts) > 1 and (k := self._respective_part(m, len(parts))) is not None:
                # "naloxone and haloperidol ... at 5 and 0.02 mg/kg, respectively": the target's own amount
                parts = [parts[k]] if k >= 0 else []
                if not parts:
                    continue
            if self._changed_dose_of_other_drug(i):
                continue  # "midazolam 0.025 mg/kg, which may be increased to 0.035 mg/kg": midazolam's
            sent, s0 = self.sentence_text(m)
            if self._titration_step(m.start, m.sentence) or _STEP_AFTER.match(self.doc.text, m.end) or (
                    _EACH_UNIT_BEFORE.search(self.doc.text, max(0, m.start - 20), m.start) and _HIGHER_AFTER.match(self.doc.text, m.end)):
                # "increased by 25 mg every 3 days", "in 50-mg steps": a titration step, not a dose;
                # "each 0.1 mg/kg higher dose predicted ...": the unit of an effect estimate
                continue
            if _ROUNDED_TO.search(self.doc.text, max(0, m.start - 40), m.start):
                continue  # "0.5 mg/kg, rounded to the nearest 10 mg": the precision of a dose, not one
            if _is_volume(parts[0][0]["unit"]) and self.container_after.match(self.doc.text, m.end):
                continue  # "identical 2-mL syringes": the size of a container, not a dose
            if self.euthanasia.search(sent):
                s *= 0.8  # "euthanized with 300 mg/kg ketamine": not the study's dosing
            if _EXCLUSION.search(sent) or _NOT_STUDIED.search(sent):
                # "patients who had received ketamine anaesthesia (1 mg/kg) were excluded", "an
                # infusion service ... (0.5 mg/kg over 40 minutes); records from that service were not reviewed"
                s *= EXCLUDED_FACTOR
            if _is_concentration(parts[0][0]["unit"]) and self.measured.search(sent) and not self.target_cue.search(sent):
                continue  # "toxic levels of vitamin D (more than 80 ng/mL)", an assay range: measured, not given
            if self._switched_to(m):
                s *= SWITCHED_FACTOR
            reduced = self._reduced_to(m)
            if reduced:
                s *= REDUCED_FACTOR
            option = self._option_sentence(m)
            if option:
                s *= RECOMMENDATION_FACTOR  # "options included ECT or intravenous ketamine at 0.5 mg/kg"
            sub = self._subgroup_dose(m)
            if sub:
                s *= SUBGROUP_FACTOR
            if self._for_non_responders(m):
                s *= NON_RESPONDER_FACTOR
            if re.match(r"\s+(?:or|and)\s+(?:more|higher|above|greater|less|lower|below)\b", self.doc.text[m.end : m.end + 20], re.IGNORECASE):
                # "after two sessions at 300 mg or more", "after doses of 0.3 mg/kg and above": a threshold
                s *= DOSE_CAP_FACTOR
            if _EXCEED_BEFORE.search(self.doc.text, max(m.start - 30, (m.sentence or (0, 0))[0]), m.start) or (
                    _NOT_EXCEEDED_AFTER.match(self.doc.text, m.end)):
                # "No single injection may exceed 100 mg", "the table maximum of 250 mg was never
                # exceeded": a ceiling, not a dose given
                s *= DOSE_CAP_FACTOR
            lo = max(m.start - 60, (m.sentence or (0, 0))[0])
            if self._spread_of_delivered(m):
                s *= SPREAD_FACTOR  # "median 84 mg (IQR 56-84 mg)": the spread of the doses delivered
            elif _STATISTIC_BEFORE.search(self.doc.text, lo, m.start):
                s *= STATISTIC_FACTOR  # "the mean dose was 0.60 mg/kg": what was delivered on average
            if self._equivalent_of_weight_based_dose(i):
                s *= WEIGHT_CAP_FACTOR  # "0.5 mg/kg, that is 35 mg": the weight-based dose worked out for one person
            if self._cap_of_weight_based_dose(i):
                s *= WEIGHT_CAP_FACTOR  # "0.5 mg/kg, ... with a maximum single dose of 40 mg": the cap ranks after
            duration = self._duration_for(i)
            chain = _STEP_CHAIN_BEFORE.search(self.doc.text, max(m.start - 30, (m.sentence or (0, 0))[0]), m.start)
            for nd, a, b in parts:
                if chain is not None and nd["amount_max"] is not None and " to " in m.text[a:b]:
                    # "rising from 0.5 to 0.75 to 1.0 mg/kg": the steps of an escalation, not a
                    # range; the last is the dose reached and ranks first
                    for amount, factor in ((nd["amount_max"], 1.0), (nd["amount"], TITRATION_START_FACTOR)):
                        attrs = {"amount": amount, "amount_max": None, "unit": nd["unit"], "duration": duration}
                        out.append(Candidate((amount, None, nd["unit"]), f"{fmt_amount(amount)} {nd['unit']}",
                                             m.text[a:b], attrs, s * factor, m.start + a, m.start + b, m.sentence))
                    continue
                attrs = {"amount": nd["amount"], "amount_max": nd["amount_max"], "unit": nd["unit"],
                         "duration": duration}
                out.append(Candidate((nd["amount"], nd["amount_max"], nd["unit"]), nd["value"], m.text[a:b],
                                     attrs, s, m.start + a, m.start + b, m.sentence, reinforces=not (reduced or option)))
                if sub:
                    subgroup.add(id(out[-1]))
        _between_ranges(out, self.doc.text)
        _coordinated_doses(out, self.doc.text, subgroup)
        self._titrations(out)
        self._comparison_arm_doses(out)
        self._dose_level_cohorts(out)
        # "two 28 mg nasal spray devices (56 mg total)", "5 sprays of 10 mg each": the strength
        # of one unit ranks after the dose it makes up
        # (below the best dose that is not one: "compounded ketamine as 50 mg troches. ... The first
        # dose was 100 mg", however weakly the paper ties that dose to the drug; and what a device
        # holds says nothing of the dose given, so it does not reinforce an equal dose)
        _rank_below_others(out, self._unit_strength, UNIT_STRENGTH_FACTOR, reinforces=False)
        # "2.0 ml of 0.75% bupivacaine ... 6 mg": the amount of drug ranks before the volume it
        # comes in; a bolus (or loading) dose ranks before the infusion rate that follows it
        # ("0.5 mg/kg bolus then 1.2 mg/kg/h")
        _rank_after_others(out, _is_volume, VOLUME_FACTOR)
        _rank_after_others(out, _is_rate, 0.85)
        # "a 0.25 mg/kg bolus ... to hold plasma ketamine near a target of 90 ng/ml": the amount
        # given ranks before the concentration it aims at; and ketamine is dosed by mass, so
        # "units" near it are something else's ("consumption fell from 51.3 to 33.8 units")
        _rank_below_others(out, lambda c: _is_concentration(c.attributes["unit"]), CONCENTRATION_FACTOR)
        if self.target == "ketamine":
            _rank_below_others(out, lambda c: _is_units(c.attributes["unit"]), FOREIGN_UNIT_FACTOR)
        self._one_case_after_protocol(out)
        return out

    def _dose_level_cohorts(self, cands: list[Candidate]) -> None:
        """In a dose-finding design ("a 3+3 dose-finding study with sequential cohorts at 28 mg,
        56 mg and 84 mg"), the dose levels are the arms, and the first-listed level leads (the
        gold conventions), above the dose the study ends up recommending ("84 mg ... is
        recommended for a randomised trial"); the other levels follow it."""
        text = self.doc.text
        if not _DOSE_FINDING.search(text):
            return
        by_sentence: dict[tuple[int, int], list[Candidate]] = {}
        for c in cands:
            if c.sentence is not None and c.key[1] is None and c.key[0] is not None:
                by_sentence.setdefault(c.sentence, []).append(c)
        for sent, items in sorted(by_sentence.items()):
            if not _COHORT_WORD.search(text, sent[0], sent[1]):
                continue
            items.sort(key=lambda c: c.start)
            run = items[:1]
            for c in items[1:]:
                prev = run[-1]
                if (c.key[2] == prev.key[2] and c.key[0] > prev.key[0] and prev.end <= c.start
                        and _LEVEL_GAP.fullmatch(text, prev.end, c.start)):
                    run.append(c)
                    continue
                if len(run) >= 3:
                    break
                run = [c]
            if len(run) < 3:
                continue
            keys = {c.key for c in run}
            top = max(c.score for c in cands if c.key in keys)
            for c in cands:
                if c.key == run[0].key:
                    c.score = max(c.score, top)
                elif c.key in keys:
                    c.score = min(c.score, top * TITRATION_START_FACTOR)
            return

    def dose_of_first_route(self, doses: list[Value], routes: list[Value]) -> list[Value]:
        """Doses tied at the top (within ``TIE``) that are each stated with a different route
        ("IV ketamine (0.5 mg/kg over 40 minutes) or oral ketamine (2 mg/kg)") come with the
        record's first route first, so the record's first dose and first route are one arm's."""
        if len(doses) < 2 or not routes:
            return doses
        tied = [v for v in doses if doses[0].confidence - v.confidence < TIE]
        if len(tied) < 2:
            return doses
        of = {id(v): self._route_stated_with(v.evidence.start) for v in tied}
        if len({r for r in of.values() if r}) < 2 or of[id(doses[0])] in (None, routes[0].value):
            return doses
        lead = next((v for v in tied if of[id(v)] == routes[0].value), None)
        if lead is None:
            return doses
        return [lead] + [v for v in doses if v is not lead]

    def _route_stated_with(self, pos: int) -> str | None:
        """The route (normalized) of the ROUTE mention nearest to offset ``pos`` in its sentence,
        or None."""
        near = [m for m in self.a.mentions if m.label == "ROUTE" and m.sentence is not None and m.sentence[0] <= pos < m.sentence[1]]
        if not near:
            return None
        best = min(near, key=lambda m: min(abs(m.start - pos), abs(m.end - pos)))
        route = normalize_route(best.text)
        return route[0] if route else None

    def _spread_of_delivered(self, m: Mention | Candidate) -> bool:
        """Is ``m`` the spread, in brackets, of a mean or median dose delivered ("The median dose
        ... was 84 mg (IQR 56-84 mg)", "a mean of 75 mg (range 50-100 mg)")? Not the range of a
        titration restated ("to a maximum of 250 mg (range 100-250 mg)")."""
        if m.sentence is None:
            return False
        text = self.doc.text
        bracket = _SPREAD_BEFORE.search(text, max(m.sentence[0], m.start - 60), m.start)
        return bracket is not None and re.search(r"\b(?:mean|median|average)\b", text[max(m.sentence[0], bracket.start() - 80) : bracket.start()],
                                                 re.IGNORECASE) is not None

    def _equivalent_of_weight_based_dose(self, i: int) -> bool:
        """Is the DOSE mention ``i`` a fixed amount written as what the weight-based dose right
        before it comes to ("0.5 mg/kg, that is 35 mg", "0.5 mg/kg (= 35 mg)", "0.5 mg/kg, i.e. 35 mg")?"""
        m = self.a.mentions[i]
        unit = (parse_dose(m.text) or {}).get("unit")
        if m.sentence is None or unit is None or "/kg" in unit:
            return False
        before = [x for x in self.by_sentence.get(m.sentence, ()) if x.label == "DOSE" and x.end <= m.start]
        if not before:
            return False
        prev = max(before, key=lambda x: x.end)
        return "/kg" in ((parse_dose(prev.text) or {}).get("unit") or "") and _EQUIVALENT_GAP.fullmatch(
            self.doc.text, prev.end, m.start) is not None

    def _cap_of_weight_based_dose(self, i: int) -> bool:
        """Is the DOSE mention ``i`` a fixed amount named as the maximum of a weight-based dose
        stated before it in its sentence or paragraph ("at a dose of 0.5 mg/kg, rounded to the
        nearest 5 mg, with a maximum single dose of 40 mg")? (A titration's ceiling in the same unit is the
        dose reached, not a cap: "titrated from 100 mg to a maximum of 300 mg".)"""
        m = self.a.mentions[i]
        unit = (parse_dose(m.text) or {}).get("unit")
        if unit is not None and "/kg" not in unit and _CAP_NOUN_AFTER.match(self.doc.text, m.end) and any(
                x.label == "DOSE" and "/kg" in ((parse_dose(x.text) or {}).get("unit") or "") for x in self.a.mentions):
            # "Seven participants weighed more than 100 kg and therefore received the 100 mg cap": a weight-based
            # dose's cap, wherever the paper names it
            return True
        if m.sentence is None or not _MAX_DOSE_BEFORE.search(self.doc.text, max(m.sentence[0], m.start - 40), m.start):
            return False
        if unit is None or "/kg" in unit:
            return False
        # (or in its paragraph: "... 0.71 mg/kg of adjusted body weight. The calculated dose was
        # rounded to the nearest milligram, and the protocol set a ceiling of 80 mg")
        block = self.doc.block_at(m.start)
        lo = min(m.sentence[0], block.start) if block is not None else m.sentence[0]
        return any(x.label == "DOSE" and lo <= x.start and x.end <= m.start and "/kg" in ((parse_dose(x.text) or {}).get("unit") or "")
                   for x in self.a.mentions)

    def _comparison_arm_doses(self, cands: list[Candidate]) -> None:
        """A dose of the target that the paper gives its comparison arm ("low-dose (0.15 mg/kg)",
        "0.25 mg/kg in the comparison group", "0.15 mg/kg (low-dose group)") ranks after the dose
        of the arm under test, wherever else the two are named together."""
        text = self.doc.text
        if _DOSE_FINDING.search(text):
            return  # "0.25 mg/kg (low-dose arm), 0.5 mg/kg (middle-dose arm) or 1.0 mg/kg": every arm is under test
        low = {c.key for c in cands if _LOW_ARM_BEFORE.search(text, max(0, c.start - 15), c.start)
               or _LOW_ARM_AFTER.match(text, c.end) or self._under_comparison_arm_label(c.start)}
        if not low or all(c.key in low for c in cands):
            return
        top = max(c.score for c in cands if c.key not in low)
        for c in cands:
            if c.key in low:
                c.score = min(c.score, top * COMPARISON_ARM_FACTOR)
                c.reinforces = False

    def _under_comparison_arm_label(self, start: int) -> bool:
        """Does the paragraph around ``start`` open with a run-in label of a comparison arm ("Arm 2
        (active placebo). ... ketamine will be given by IM injection at 0.1 mg/kg", "Control
        group: ...")?"""
        b = self.doc.block_at(start)
        return b is not None and _COMPARISON_ARM_LABEL.match(self.doc.text, b.start, b.end) is not None

    def _subgroup_dose(self, m: Mention) -> bool:
        """Is the DOSE mention ``m`` the dose of an age or weight subgroup, in its own clause
        ("those aged 65 or over receive 28 mg", "(28 mg for participants aged 65 or over)",
        "(100 mg, or 150 mg if weighing 90 kg or more)")?"""
        text = self.doc.text
        s0 = m.sentence[0] if m.sentence else 0
        before = text[max(s0, m.start - 50) : m.start]
        before = _CLAUSE_BREAK.split(before)[-1]
        after = _CLAUSE_BREAK.split(text[m.end : m.end + 40])[0]
        return bool(_SUBGROUP.search(before) or _SUBGROUP.search(after))

    def _unit_strength(self, c: Candidate) -> bool:
        """Is the dose candidate ``c`` the strength of one unit that a count of units makes up
        ("two 28 mg nasal spray devices", "5 sprays of 10 mg each"), what one unit contains
        ("troches, each containing 50 mg"), a strength so called ("lozenges of 50 mg and 100 mg
        strength"), or the amount given into each of several sites
        ("0.1 ml per nostril (20 mg total)")?"""
        text = self.doc.text
        before = text[max(c.sentence[0] if c.sentence else 0, c.start - 30) : c.start]
        after = text[c.end : c.end + 40]
        if self.unit_count_before.search(before) and self.unit_form_after.match(after):
            return True
        if re.fullmatch(r"[\d.]+-[a-zA-Z\u00b5]+", c.text) and self.unit_form_after.match(after):
            return True  # "with 28-mg devices": an adjective of the unit, its strength
        if re.search(r"\b(?:from|with|using|via)\s+$", before) and self.unit_form_after.match(after):
            return True  # "self-administered the spray from 28 mg devices": the devices' strength
        if self.per_unit_site.match(after) or self.per_unit_form.match(after):
            return True  # "0.1 ml per nostril", "28 mg per device", "50 mg/2 mL vials"
        if c.key[2] in ("ml", "mL") and re.match(r"\s*(?:sprays?|actuations?|puffs?|squirts?)\b", after, re.IGNORECASE):
            return True  # "each 0.1 mL spray delivered 10 mg": the volume of one spray
        if re.search(r"/\s?\d+(?:\.\d+)?$", c.text) and re.match(r"\s?m[lL]\b", after):
            return True  # "50 mg/2 mL": the strength of a product, read up to its volume's number
        window = text[max(c.sentence[0] if c.sentence else 0, c.start - 120) : c.start]
        if self.unit_form_containing.search(window[-80:]) or self.unit_form_containing.search(_CONTENTS_LISTED_BEFORE.sub("", window)):
            # "troches, each containing 50 mg", "devices that each contain 28 mg", "Each tablet
            # contained 40 mg of DHA and 320 mg of piperaquine"
            return True
        if _STRENGTH_AFTER.match(text, c.end) or _STRENGTH_BEFORE.search(before):
            return True  # "lozenges of 50 mg and 100 mg strength", "in strengths of 50 and 100 mg"
        if _SOLUTION_BEFORE.search(before) and _IN_VOLUME_AFTER.match(after):
            return True  # "ketamine oral solution 50 mg in 5 ml (10 mg/ml)": the solution's strength
        if _SUPPLIED_UNITS_OF.search(text[max(c.sentence[0] if c.sentence else 0, c.start - 90) : c.start]):
            return True  # "The pharmacy supplied rapid-dissolve ketamine troches of 150 mg and 100 mg"
        if _UNITS_OF_BEFORE.search(before) and _SUPPLIED_AFTER.match(after):
            return True  # "Troches of 50 mg of ketamine were prepared by a magistral pharmacy"
        # ... with the other strengths listed with it: "troches of (100 mg) and 200 mg were compounded",
        # "Ketamine lozenges (25 mg and 50 mg) were made by a licensed manufacturer"
        listed_before = _LISTED_AMOUNTS_BEFORE.sub("", before)
        listed_after = after[_LISTED_AMOUNTS_AFTER.match(after).end() :]
        if _UNITS_BRACKET_BEFORE.search(listed_before) and (listed_before != before or listed_after != after) and re.match(
                r"\s*\)", listed_after):
            return True  # "compounded troches (50 mg and 100 mg)": the strengths the troches come in
        if _UNITS_BRACKET_BEFORE.search(listed_before):
            listed_after = re.sub(r"^\s*\)", "", listed_after)  # (the bracket closes before the verb)
        elif not _UNITS_OF_BEFORE.search(listed_before):
            listed_after = None
        if listed_after is not None and _SUPPLIED_AFTER.match(listed_after):
            return True
        if _VOLUME_CONTAINS.search(before):
            return True  # "1 mL contains 10 mg ketamine": a solution's strength
        wide = text[max(c.sentence[0] if c.sentence else 0, c.start - 80) : c.start]
        # (the other strengths listed with it: "compounded ... as (50 mg) and 100 mg troches")
        wide = _LISTED_AMOUNTS_BEFORE.sub("", wide)
        rest = after[_LISTED_AMOUNTS_AFTER.match(after).end() :]
        if _DISPENSED_AS.search(wide) and (self.unit_form_after.match(rest) or re.match(r"\s*(?:units?|each)\b", rest)):
            # "dispensed ketamine as 100 mg rapid-dissolve tablets", "compounded in 50 mg units",
            # "lozenges compounded at 50 mg each"
            return True
        return bool((self.unit_form_of.search(before) or _UNITS_COMMA_BEFORE.search(before))
                    and re.match(r"\s+each\b", after, re.IGNORECASE))

    def _switched_to(self, m: Mention) -> bool:
        """Is ``m`` what participants were switched to, in its clause ("could be switched to
        intramuscular (IM) ketamine 0.5 mg/kg")?"""
        lo = max(m.sentence[0] if m.sentence else 0, m.start - 80)
        return self.switched_to.search(self.doc.text[lo : m.start]) is not None

    def _for_non_responders(self, m: Mention | Candidate) -> bool:
        """Is ``m`` given, in its sentence, only to those whom the study's own dosing did not
        help ("Patients who had little response to SL dosing ... received IM ketamine", "...,
        increased to 0.75 mg/kg for participants who had not improved by week 4")?"""
        lo = m.sentence[0] if m.sentence else max(0, m.start - 150)
        if _NON_RESPONDERS.search(self.doc.text, lo, m.start) is not None:
            return True
        if m.sentence is not None and _COUNTED_FEW_OPENING.match(self.doc.text, m.sentence[0], m.start) is not None:
            # "In nine patients who had shown a high tolerance to sedatives the dose was increased to
            # 3 mg/kg": a sentence about a counted few, not the regimen
            return True
        hi = min(m.sentence[1] if m.sentence else len(self.doc.text), m.end + 60)
        # ("raising the dose to 0.75 mg/kg for early non-responders")
        after = re.sub(r"^(?:for|in)\s+(?:(?:early|late|partial|initial)\s+)?", "", self.doc.text[m.end : hi].lstrip(" ,"))
        if _NON_RESPONDERS.match(after) is not None:
            return True
        # "raised to 0.75 mg/kg from the third infusion when symptoms had improved by less than 20%"
        # (up to the next value of its kind: the condition is this one's)
        end = m.sentence[1] if m.sentence else hi
        label = m.label if isinstance(m, Mention) else None
        nxt = [x.start for x in self.by_sentence.get(m.sentence, ()) if m.end <= x.start < end and (label is None or x.label == label)]
        return _IF_NOT_IMPROVED.search(self.doc.text, m.end, min(nxt, default=end)) is not None

    def _titration_step(self, start: int, sentence: tuple[int, int] | None) -> bool:
        """Is the dose that starts at ``start`` (in ``sentence``) the step of a titration
        ("increased by 25 mg")?"""
        lo = max(sentence[0] if sentence else 0, start - 45)
        return _STEP_BEFORE.search(self.doc.text[lo : start]) is not None

    def _step_schedule(self, m: Mention) -> bool:
        """Is the FREQUENCY mention ``m`` the schedule of a titration step ("increased by 25
        mg every 3 days")?"""
        if _PERCENT_STEP.search(self.doc.text, max(m.sentence[0] if m.sentence else 0, m.start - 60), m.start):
            return True  # "sertraline was lowered with 25% every one to two weeks"
        before = [x for x in self.by_sentence.get(m.sentence, ()) if x.end <= m.start]
        prev = max(before, key=lambda x: x.end) if before else None
        return (prev is not None and prev.label == "DOSE" and not self.doc.text[prev.end : m.start].strip()
                and self._titration_step(prev.start, prev.sentence))

    def _titrations(self, cands: list[Candidate]) -> None:
        """A titration's starting dose ranks after the dose it is raised to ("initiated at 5 µg
        twice daily, increasing to 10 µg twice daily after 4 weeks"; "a starting dose of 295 mg
        ..., increased to 885 mg on the second day"; "All participants received 56 mg at the
        first session. The dose was then increased to 84 mg"): the dose reached is the
        regimen's, wherever else the paper names the two ("esketamine (56 or 84 mg)"). A step
        on the way ranks after the highest dose reached, and a range the paper states from the
        start to the highest ("100 to 300 mg") before both: it is the titration whole."""
        text = self.doc.text
        starts, reached = set(), set()
        demoted: set[int] = set()
        spans: list[tuple[float, float, str, float]] = []
        by_sentence: dict[tuple[int, int], list[Candidate]] = {}
        for c in cands:
            by_sentence.setdefault(c.sentence, []).append(c)
        order = sorted(by_sentence)
        # the sentence right after each one: "... 56 mg at the first session. The dose was then
        # increased to 84 mg ..."
        following = {a: b for a, b in zip(order, order[1:], strict=False)
                     if 0 <= b[0] - a[1] <= 3 and not text[a[1] : b[0]].strip()}
        for c in cands:
            chain: list[Candidate] = []
            started = self._titration_started(c)
            pool = [(d, True) for d in by_sentence[c.sentence] if d.start > c.end]
            nxt = following.get(c.sentence)
            first_given = self._first_administration(c)
            if nxt is not None and (not pool or first_given):
                # the last dose of its sentence and the first of the next (or any dose of the first
                # administration: "On day 1 patients used two devices (56 mg); those over 65 one
                # device (28 mg). From the second session the target was three devices (84 mg)")
                # (after a step: "may raise the dose by 0.25 mg/kg, to at most 1.0 mg/kg")
                later = sorted((d for d in by_sentence[nxt] if not self._titration_step(d.start, d.sentence)),
                               key=lambda d: d.start)
                # ... with the doses coordinated with it: "On the following sessions the dose was 56
                # mg or 84 mg"
                chain = later[:1]
                for d in later[1:]:
                    gap = text[chain[-1].end : d.start]
                    if _COORDINATOR.fullmatch(gap) or _THEN_TO.fullmatch(gap) or re.fullmatch(r"\s*,\s*", gap):
                        # (and the next step: "increased to 0.75 mg/kg and then to 1.0 mg/kg"; "increased
                        # by 0.1 mg/kg, to 0.3 mg/kg, 0.4 mg/kg and then 0.5 mg/kg")
                        chain.append(d)
                pool += [(d, False) for d in chain]
            raised = []
            for d, same in pool:
                if d.key == c.key or self._reduced_to(d) or self._for_non_responders(d):
                    # the same dose again, a dose lowered to ("may be reduced to 56 mg") or raised
                    # to only for those the dose did not help, is no raise of the regimen
                    continue
                if "/kg" in c.key[2] and "/kg" not in d.key[2] and _MAX_DOSE_BEFORE.search(text, max(d.sentence[0], d.start - 40), d.start):
                    continue  # "0.5 mg/kg at the first session and 0.75 mg/kg at the second, capped at 75 mg": the cap
                # "56 mg at the first session, then 56 or 84 mg": the later sessions' doses
                then = first_given and _THEN_LATER.search(text, c.end, d.start) is not None
                # "maintenance at 20 mg, or titration to 30 mg" are two arms
                if same and not started and not then and re.search(r"\bor\b", text[c.end : d.start]) and not _OR_RAISED_IT.search(
                        text, c.end, d.start):
                    continue  # ("continued 56 mg or raised it to 84 mg" is one regimen)
                lo = max(c.end, d.sentence[0], d.start - 60)
                if (then or _RAISED_TO.search(text[lo : d.start])
                        # "could be raised by 0.1 to 0.25 mg/kg, depending on ..., up to a ceiling of 1.0 mg/kg"
                        or (_CEILING_OF.search(text, lo, d.start) and _RAISE_VERB.search(text, d.sentence[0], d.start))
                        or (same and started and _FROM_TO.fullmatch(text[c.end : d.start]))
                        # "doses rose across the five sessions through 0.1, 0.2, 0.3, 0.4 and 0.5 mg/kg"
                        or (same and _ASCENDING_THROUGH.search(text, max(c.sentence[0], c.start - 80), c.start)
                            and _DOSE_LIST_GAP.fullmatch(text[c.end : d.start]))
                        or (same and _THEREAFTER.match(text, d.end))
                        or (first_given and _LATER_ADMINISTRATIONS.search(
                            text[lo : d.start] + " " + text[d.end : min(d.end + 40, d.sentence[1])]))
                        # ("session 1 56 mg, sessions 2-8 56 or 84 mg": the start kept or raised, a choice)
                        or (first_given and _LATER_NUMBERED.search(
                            text[lo : d.start] + " " + text[d.end : min(d.end + 40, d.sentence[1])])
                            and not any(e.key == c.key and 0 <= d.start - e.end <= 12 and _OR_BETWEEN.fullmatch(text[e.end : d.start])
                                        for e in by_sentence[d.sentence]))):
                    raised.append(d)
            if chain and chain[0] in raised:
                # "raised to 100 mg at week 2 and to 150 mg from week 3 onwards": the next steps of a raise
                raised += [d for d in chain[1:] if d not in raised and d.key != c.key]
            for d, _ in sorted(pool, key=lambda x: x[0].start):
                # "could be increased to 56 or 84 mg": a dose coordinated with one raised to is raised
                # to (and a list: "raised to 0.2 mg/kg, 0.3 mg/kg, 0.4 mg/kg and 0.5 mg/kg"; the next step:
                # "could be raised to 60 mg and then 80 mg")
                if d not in raised and d.key != c.key and any(
                        r.end <= d.start and r.sentence == d.sentence and (
                            _COORDINATOR.fullmatch(text[r.end : d.start]) or re.fullmatch(r"\s*,\s*", text[r.end : d.start])
                            or _THEN_TO.fullmatch(text[r.end : d.start]))
                        for r in raised):
                    raised.append(d)
            if first_given:
                # "The usual dose was 84 mg ..., except in the first administration, which was 56 mg"
                # ("Each session used 84 mg (three devices), except the first, at which 56 mg ...")
                raised += [d for d in by_sentence[c.sentence] if d.end <= c.start and d.key != c.key
                           and (_USUAL_DOSE.search(text, max(d.sentence[0], d.start - 30), d.start)
                                or re.search(r"\bexcept\b", text[d.end : c.start], re.IGNORECASE))]
            top = _highest_step(raised)
            steps: list[Candidate] = []
            for d in raised:
                # "increased to 0.75 mg/kg and then to 1.0 mg/kg, the maximum allowed": a step on
                # the way ranks after the highest dose reached
                step = top is not None and d.key[2] == top.key[2] and _top_amount(d) < _top_amount(top)
                d.score = max(d.score, c.score * TITRATION_START_FACTOR if step else c.score)
                if step:
                    steps.append(d)
                else:
                    reached.add(d.key)  # (a step on the way that starts another raise is still a start:
                    # "began at 28 mg; thereafter 56 or 84 mg" and "The first dose was 56 mg")
            for d in steps:
                # (however strongly the step's own sentence states it: "raised to 100 mg at week 2
                # and to 150 mg from week 3 onwards")
                d.score = min(d.score, top.score * TITRATION_START_FACTOR)
            if raised:
                c.score *= TITRATION_START_FACTOR
                demoted.add(id(c))
                starts.add(c.key)
                if top is not None and c.key[2] == top.key[2]:
                    spans.append((c.key[0], _top_amount(top), c.key[2], max(d.score for d in raised)))
        # "started at 100 mg and increased as tolerated to 300 mg" ... "100 to 300 mg": the range
        # from the start to the dose reached is the titration as a whole, and goes first
        for lo, hi, unit, score in spans:
            # (not a spread of the doses delivered: "84 mg (IQR 56-84 mg)")
            ranges = [r for r in cands if r.key == (lo, hi, unit) and not self._spread_of_delivered(r)]
            if not ranges:
                continue
            best = max([score] + [r.score for r in ranges])
            for r in ranges:
                r.score = best
            for x in cands:
                if x.key in ((lo, None, unit), (hi, None, unit)):
                    # the range's two ends rank after it, and do not add to each other
                    x.score = min(x.score, best * TITRATION_START_FACTOR)
                    x.reinforces = False
        self._capped_titrations(cands)
        for c in cands:
            # "Troches were started at 100 mg and raised in 50-mg steps as tolerated" (the dose
            # reached not stated there) ... "Dose per session | 100-300 mg": the range the paper
            # states from that start is the titration whole, and goes before its start
            if c.key[1] is not None or id(c) in demoted or c.sentence is None:
                continue
            started = self._titration_started(c)
            # (or the start is itself a raise's: "SC ketamine titrated from 0.1 mg/kg was well tolerated")
            if not (started and (_RAISE_VERB.search(text, c.end, c.sentence[1]) or _RAISE_VERB.search(started.group(0)))):
                continue
            ranges = [r for r in cands if r.key[0] == c.key[0] and r.key[1] is not None and r.key[2] == c.key[2]]
            if ranges and len({r.key for r in ranges}) == 1:  # (two ranges from that start: which is its?)
                best = max([c.score] + [r.score for r in ranges])
                for r in ranges:
                    r.score = best
                c.score = min(c.score, best * TITRATION_START_FACTOR)
                c.reinforces = False
        for c in cands:
            if c.key in starts - reached:
                c.reinforces = False
                if id(c) not in demoted:
                    c.score *= TITRATION_START_FACTOR
            elif c.key in starts:
                # a step on the way ("increased to 0.75 mg/kg; at the week 4 review ... to 1.0 mg/kg"):
                # its restatements (a dosing table's rows) do not lift it over the dose reached
                c.reinforces = False

    def _titration_started(self, c: Candidate) -> re.Match | None:
        """The words right before ``c`` in its sentence that make it a titration's start ("started
        at", "a starting dose of", "initiated at"), or None."""
        return self.titration_start.search(self.doc.text[max(c.sentence[0], c.start - 45) : c.start])

    def _capped_titrations(self, cands: list[Candidate]) -> None:
        """"The first dose was 100 mg. ... If the experience was mild, the next dose was raised by
        100 mg ... Doses never exceeded 300 mg": the cap of a titration by rule, in the unit of its
        starting dose, is the highest dose the rule reaches; it goes first, and the start after
        it. (A cap in another unit, "0.5 mg/kg ..., capped at 75 mg", stays after the dose.)"""
        text = self.doc.text
        for d in cands:
            if d.key[1] is not None or d.sentence is None:
                continue
            if not (_CAP_BEFORE.search(text, max(d.sentence[0], d.start - 40), d.start) or _NOT_EXCEEDED_AFTER.match(text, d.end)):
                continue
            j = self.doc.block_index(d.start)
            if j is None:
                continue
            block = self.doc.blocks[j]
            if not _STEP_RULE.search(text, block.start, block.end):
                continue  # a ceiling without a rule that climbs to it
            starts = [c for c in cands if c.key[2] == d.key[2] and c.key[1] is None and c.key[0] < d.key[0]
                      and c.sentence is not None and (self._first_administration(c) or self._titration_started(c))]
            if not starts:
                continue
            top = max(c.score for c in starts)
            d.score = max(d.score, top)
            for c in starts:
                c.score = min(c.score, d.score * TITRATION_START_FACTOR)
                c.reinforces = False

    def _option_sentence(self, m: Mention) -> bool:
        """Does the sentence of ``m`` recommend a treatment or list options rather than say what
        was given ("Intramuscular ketamine may be a practical option for clinics ...", "referred
        to secondary care, where options included electroconvulsive therapy or intravenous
        ketamine at 0.5 mg/kg")?"""
        if m.sentence is None:
            return False
        return bool(_RECOMMENDATION.search(self.doc.text, m.sentence[0], m.sentence[1])
                     or _OPTIONS.search(self.doc.text, m.sentence[0], m.start))

    def _changed_dose_of_other_drug(self, i: int) -> bool:
        """Is DOSE mention ``i`` a change of the dose right before it, in a clause of that dose
        ("The control arm receives midazolam 0.025 mg/kg SC, which may be increased to 0.035 mg/kg
        to match the sedation expected with ketamine"), where that dose is another drug's? The
        change is that drug's too, whatever drug the sentence names after it."""
        m = self.a.mentions[i]
        if m.sentence is None or not _CHANGED_IN_CLAUSE.search(self.doc.text, max(m.sentence[0], m.start - 50), m.start):
            return False
        for j in range(i - 1, -1, -1):
            x = self.a.mentions[j]
            if x.sentence != m.sentence or x.label == "DRUG":
                return False
            if x.label == "DOSE":
                hit = self.best_rel.get((j, "DOSE_OF"))
                if hit is None:
                    return False
                drug = self.a.mentions[hit[0]]
                return drug.label == "DRUG" and not self.is_target(drug)
        return False

    def _reduced_to(self, c: Candidate | Mention) -> bool:
        """Is ``c`` a dose lowered to ("could lower it to 56 mg if ... intolerable", "had their
        dose reduced to 0.35 mg/kg")?"""
        lo = max(c.sentence[0] if c.sentence else 0, c.start - 40)
        return _REDUCED_TO.search(self.doc.text, lo, c.start) is not None

    def _first_administration(self, c: Candidate) -> bool:
        """Is the dose candidate ``c`` said to be the first administration's ("The first session
        used 56 mg", "0.5 mg/kg at the first infusion")?"""
        text = self.doc.text
        before = text[max(c.sentence[0], c.start - 80) : c.start]  # ("On day 1 patients younger than 65 used two devices (56 mg)")
        after = text[c.end : min(c.end + 30, c.sentence[1])]
        return bool(_FIRST_ADMINISTRATION.search(before) or _FIRST_AFTER.match(after))

    def _respective_part(self, m: Mention, n: int) -> int | None:
        """Which of the ``n`` amounts of a listed dose ("5 and 0.02 mg/kg, respectively") is the
        target's: the place of the target in the list of ``n`` drugs before it in the sentence
        ("naloxone and haloperidol"); -1 when the list does not name the target; None when no
        "respectively" follows or no such list stands before it."""
        if m.sentence is None or not _RESPECTIVELY_AFTER.match(self.doc.text, m.end):
            return None
        drugs = [x for x in self.by_sentence.get(m.sentence, []) if x.label == "DRUG" and x.end <= m.start]
        for j in range(len(drugs) - n, -1, -1):
            run = drugs[j : j + n]
            if all(_LIST_JOIN.fullmatch(self.doc.text[a.end : b.start]) for a, b in zip(run, run[1:], strict=False)):
                return next((k for k, x in enumerate(run) if self.is_target(x)), -1)
        return None

    def _dose_in_context(self, m: Mention) -> dict | None:
        """A bare amount in a list ("0.5 and 1.0 mg/kg") takes the unit that follows it."""
        sent, s0 = self.sentence_text(m)
        rest = sent[m.end - s0 :]
        um = dose_regex().search(rest)
        if um is None or um.start() > 30:
            return None
        return parse_dose(m.text + " " + um.group("unit"))

    def _duration_for(self, i: int) -> str | None:
        ms = self.a.mentions
        m = ms[i]
        same = [j for j, x in enumerate(ms) if x.sentence == m.sentence and x.label in ("DURATION", "DOSE")]
        after = [j for j in same if ms[j].start > m.start]
        for j in after:
            if ms[j].label == "DOSE":
                break
            if ms[j].label == "DURATION" and ms[j].start - m.end < 80:
                return parse_duration(ms[j].text)
        before = [j for j in same if ms[j].start < m.start]
        for j in reversed(before):
            if ms[j].label == "DOSE":
                break
            if ms[j].label == "DURATION" and m.start - ms[j].end < 80:
                return parse_duration(ms[j].text)
        return None

    def route(self) -> list[Candidate]:
        ms = self.a.mentions
        out = []
        stated_sentences = set()
        for i, m in enumerate(ms):
            if m.label != "ROUTE":
                continue
            if self._in_other_drugs_bracket(m):
                continue  # "fulvestrant 500 mg (intramuscular injection ...) and dovitinib": fulvestrant's
            # a route may be shared by several drugs: any link to the target counts
            link = (self.any_target_link(i, "ROUTE_OF") or self.combination_link(i, "ROUTE_OF")
                    or self.kap_only_link(m) or self.heading_link(m) or self.previous_alternative_link(i, "ROUTE_OF")
                    or self.box_field_link(m))
            s = link * self.weight_in(m.start, m.sentence) * self.prior_treatment_factor(m) * self.enantiomer_factor(i, "ROUTE_OF")
            if s <= 0:
                continue
            r = normalize_route(m.text)
            if r is None:
                continue
            route, implied, rtext = r
            after = self.doc.text[m.end : m.end + 30]
            if self.route_object.match(after):
                continue  # "i.v. fluids", "vaginal delivery", "subcutaneously tunneled": not a drug's route
            if self._route_of_other_class(m, after):
                continue  # "Oral antidepressants were continued", "prescribed with an oral antidepressant"
            stated_sentences.add(m.sentence)
            if m.sentence and (_EXCLUSION.search(self.doc.text, *m.sentence) or _NOT_ELIGIBLE.search(self.doc.text, *m.sentence)
                               or _NOT_STUDIED.search(self.doc.text, *m.sentence)):
                s *= EXCLUDED_FACTOR  # "Patients receiving ketamine by continuous subcutaneous infusion ... were not eligible"
            if self._switched_to(m) or _COMPARED_SUBGROUP_BEFORE.search(self.doc.text, max(0, m.start - 80), m.start):
                # (or a subgroup an outcome is compared in: "with larger reductions in patients who
                # received intramuscular ketamine")
                s *= SWITCHED_FACTOR
            if self._for_non_responders(m):
                s *= NON_RESPONDER_FACTOR
            option = self._option_sentence(m)
            if option:
                s *= RECOMMENDATION_FACTOR  # "Intramuscular ketamine may be a practical option ..."
            out.append(Candidate(route, route, m.text, route_attributes(route, implied, rtext),
                                 s * (0.7 if implied else 1.0), m.start, m.end, m.sentence, reinforces=not option))
        # "sublingual tablets", "Sublingual ketamine tablets": a route stated in the sentence
        # decides; the dosage form's implied route is not another one
        stated = {c.sentence for c in out if not c.attributes["implied"]}
        out = [c for c in out if not (c.attributes["implied"] and c.sentence in stated)]
        self._forms_with_a_stated_route(out)
        # "infusion" implies intravenous, and a dosage form that is not a ROUTE span ("ketamine
        # 50 mg tablets") its route (weaker evidence), in sentences naming the target that state
        # no route
        out += self._implied_routes(stated_sentences, _infusion_cue(), lambda _: "intravenous", 0.45)
        out += self._implied_routes(stated_sentences, _dosage_form_cue(),
                                    lambda text: load_routes().lookup(text).route, 0.6)
        self._later_phase_routes(out)
        return out

    def _later_phase_routes(self, cands: list[Candidate]) -> None:
        """A route of a later phase ranks after the first phase's, in a course that changes route:
        the second of two routes joined by "then", "followed by", "continues with" or "from ... to"
        ("Intramuscular ketamine followed by supervised oral ketamine", "moves from intravenous
        infusions to sublingual lozenges"), or a route in a sentence of a later phase ("In the
        continuation phase (weeks 4 to 11), the drug was given by mouth")."""
        text = self.doc.text
        later = []
        for c in cands:
            s0 = c.sentence[0] if c.sentence else max(0, c.start - 80)
            phase = _LATER_PHASE.search(text, max(s0, c.start - 80), c.start) is not None or any(
                o.sentence == c.sentence and o.end <= c.start and o.key != c.key and c.start - o.end < 80
                and _ROUTE_THEN.search(text, o.end, c.start) for o in cands if o is not c) or self._in_later_phase_part(c.start)
            later.append(phase)
        firsts = {c.key for c, p in zip(cands, later, strict=True) if not p}
        for c, p in zip(cands, later, strict=True):
            if p and firsts - {c.key}:
                c.score *= LATER_PHASE_FACTOR

    def _in_later_phase_part(self, pos: int) -> bool:
        """Is ``pos`` under a heading, or in a paragraph run in with a heading, that names a later
        phase ("2.3 Phase 2: oral maintenance at home", "Phase B (weeks 4-19, home).", "Open-label
        extension"), or after "after the last ... session" in its sentence?"""
        heading = self._heading_above(pos)
        if heading and _LATER_PHASE_HEADING.search(heading):
            return True
        i = self.doc.block_index(pos)
        if i is None:
            return False
        block = self.doc.blocks[i]
        opening = _RUN_IN_OPENING.match(self.doc.text, block.start, min(block.end, pos))
        if opening is not None and _LATER_PHASE_HEADING.search(opening.group(0)):
            return True
        return _AFTER_THE_LAST.search(self.doc.text, max(block.start, pos - 120), pos) is not None

    def _forms_with_a_stated_route(self, cands: list[Candidate]) -> None:
        """"The troche was placed between the cheek and gum": where a sentence states the route
        of a dosage form, that form's implied route elsewhere ("troches" implies sublingual)
        ranks after the stated one."""
        forms = _implied_dosage_forms()
        stated: dict[str, set[str]] = {}
        for c in cands:
            if not c.attributes["implied"] and c.sentence:
                for f in forms.finditer(self.doc.text, *c.sentence):
                    stated.setdefault(_singular(f.group(0)), set()).add(c.value)
        for c in cands:
            routes = stated.get(_singular(c.text)) if c.attributes["implied"] else None
            if routes and c.value not in routes:
                c.score *= FORM_ROUTE_STATED_FACTOR

    def _route_of_other_class(self, m: Mention, after: str) -> bool:
        """Is the ROUTE ``m`` the route of the drug class named right after it ("Oral
        antidepressants were continued unchanged", "Esketamine is prescribed with an oral
        antidepressant")? A generic noun ("oral medication") only in a sentence that does not
        name the target; a class only when the target does not follow it ("inhaled
        corticosteroid (budesonide equivalents)" is the target's)."""
        other = self.route_other_drugs.match(after)
        short = re.match(r"[\s-]+([A-Z][A-Za-z]{1,5})s?\b", after)
        if other is None and short is not None and short.group(1) in self.a.abbreviations and self.route_other_drugs.match(
                " " + self.a.abbreviations[short.group(1)]):
            other = short  # "with a newly started oral AD" where the paper defines "AD, antidepressant"
        if other is None:
            return False
        drugs = self._sentence_drugs(m.sentence)
        if not any(self.is_target(x) for x in drugs):
            return True
        if other.group(1).lower() in _GENERIC_MEDICINE_NOUNS:
            return False
        # the target named as the class's member: "(budesonide equivalents)", ", such as esketamine"
        return not any(self.is_target(x) and m.end + other.end() <= x.start <= m.end + other.end() + 40
                       and _CLASS_MEMBER_GAP.match(self.doc.text[m.end + other.end() : x.start]) for x in drugs)

    def _in_other_drugs_bracket(self, m: Mention) -> bool:
        """Is ``m`` inside a bracket that a drug other than the target opens ("fulvestrant
        500 mg (intramuscular injection once every 4 weeks)"), with no target in the bracket?"""
        if m.sentence is None:
            return False
        text = self.doc.text
        open_at = text.rfind("(", m.sentence[0], m.start)
        if open_at < 0 or ")" in text[open_at : m.start]:
            return False
        close = text.find(")", m.end, m.sentence[1])
        inside = (open_at, close if close >= 0 else m.sentence[1])
        in_sentence = self._sentence_drugs(m.sentence)
        drugs = [x for x in in_sentence if x.end <= open_at]
        if not drugs:
            return False
        last = drugs[-1]
        # "ketamine/xylazine (91.0/9.1 mg/kg, i.p.)": a mixture written with "/" opens it together
        chain = [last]
        for x in reversed(drugs[:-1]):
            if re.fullmatch(r"\s*[/+]\s*", text[x.end : chain[-1].start]):
                chain.append(x)
            else:
                break
        if any(self.is_target(x) for x in chain) or self.drugs.is_control(last.text) or open_at - last.end > 25:
            return False
        between = text[last.end : open_at]
        if re.search(r"[;,]|\b(?:and|or|plus|with)\b", between):
            return False  # the bracket follows more than the drug
        return not any(self.is_target(x) for x in in_sentence if inside[0] <= x.start < inside[1])

    def _therapy_schedule(self, m: Mention) -> bool:
        """Is the FREQUENCY mention ``m`` written right after a therapy that does not name the
        target ("cognitive behavioural therapy (CBT) weekly for 12 weeks"), or right before
        one ("eight sessions of EMDR"), or in a clause that names a therapy and no drug: the
        therapy's schedule, not the drug's? A schedule that names what is given ("WET followed
        by a single infusion") or the target ("4-5 KAP sessions") is the drug's."""
        if names_drug_administration(m.text) or self.names_target(m.text):
            return False  # (nor are "4-5 KAP sessions")
        if self._administrations_scheduled_around_therapy(m):
            return False  # "Drug sessions were held on the day before PE sessions 1, 5 and 9"
        if _ADMINISTRATIONS_SUBJECT.match(self.doc.text, self._clause_start(m), m.start):
            return False  # "Infusions took place on the first day of weeks 1, 2 and 3, each ... before a PE session"
        others = [x for x in self.by_sentence.get(m.sentence, ()) if x.label not in ("FREQUENCY", "DURATION")]
        # "ACT consisted of 8 weekly sessions; ketamine was infused before sessions 1 and 5": a
        # clause that names a therapy and no drug states the therapy's schedule
        lo, hi = self._clause(m)
        clause = [x for x in self.by_sentence.get(m.sentence, ()) if lo <= x.start and x.end <= hi]
        # (a drug named only as a time point after the therapy that is the clause's subject, "BA ...
        # was given weekly for 12 sessions ..., always on a day without esketamine", is not given there)
        # (a therapy each administration is "followed by" is the administrations' company, not the
        # clause's subject: "given twice weekly across three weeks, each followed by an integration session")
        clause = [x for x in clause if not (x.label == "THERAPY" and self._therapy_following(m, x))]
        subject = any(self._plain_therapy(x) and x.end <= m.start for x in clause)
        # "supervised doses of 0.5-2.0 mg/kg taken roughly weekly, ..., and twelve sessions of CBT": a
        # dose before the schedule, and no therapy, gives the drug (but not "The NRT group received
        # patches (21 mg daily maximum)": the therapy's)
        dosed = not subject and any(x.label == "DOSE" and x.end <= m.start for x in clause)
        if any(self._plain_therapy(x) for x in clause) and not dosed and not any(
                (not (subject and self._time_point_drug(x))) if x.label == "DRUG" else self.names_target(x.text)
                for x in clause):
            return True  # (but not "two preparatory sessions and then six KAP dosing sessions ..., twice weekly")
        if self._delivered_therapy_schedule(m, clause):
            return True
        before = [x for x in others if x.end <= m.start]
        after = [x for x in others if x.start >= m.end]
        nxt = min(after, key=lambda x: x.start) if after else None
        if nxt is not None and self._plain_therapy(nxt):
            gap = self.doc.text[m.end : nxt.start]
            word = re.fullmatch(r"\s+([\w-]+)\s+", gap)
            if (not gap.strip() or (word and word.group(1).lower() not in self.schedule_joiners)
                    or course_of_therapy().fullmatch(gap)) and not (
                    drug_session_opener(self.doc.text[max(0, m.start - 60) : m.start], m.text)):
                return True
        if not before:
            return False
        prev = max(before, key=lambda x: x.end)
        gap = self.doc.text[prev.end : m.start]
        if not (self._plain_therapy(prev) and re.fullmatch(r"[\s)\]]*(?:[\w-]+\s+){0,2}", gap)):
            return False
        if any(w.lower() in self.schedule_joiners for w in re.findall(r"[\w-]+", gap)):
            return False  # "seven sessions of MCP plus either three injections of ketamine": what follows is joined on
        # (but "given before each of four CBT sessions" counts the drug's sessions)
        return not each_session_opener().search(self.doc.text[max(0, prev.start - 60) : prev.start])

    def _delivered_therapy_schedule(self, m: Mention, clause: list[Mention]) -> bool:
        """"Cognitive processing therapy (CPT) was delivered in 12 weekly sessions, starting one
        week after the first ketamine infusion": a schedule that a delivery verb joins to a
        therapy, with no drug named before it in its clause, is the therapy's (but "three
        ketamine infusions" keeps the count the drug name splits)."""
        before = [x for x in clause if x.end <= m.start and x.label not in ("FREQUENCY", "DURATION")]
        if not before or not self._plain_therapy(before[-1]) or any(x.label == "DRUG" for x in before):
            return False
        after = [x for x in clause if x.start >= m.end]
        if after and after[0].label == "DRUG" and not self.doc.text[m.end : after[0].start].strip():
            return False
        gap = _unbracketed(self.doc.text[before[-1].end : m.start])
        return len(gap.split()) <= 8 and _delivery_verb().search(gap) is not None

    def _time_point_drug(self, x: Mention) -> bool:
        """Is the DRUG mention ``x`` named only as a time point or an absence ("on a day without
        (esketamine)", "before (ketamine) was started")?"""
        lo = max(x.sentence[0] if x.sentence else 0, x.start - 24)
        return _TIME_POINT_BEFORE.search(self.doc.text, lo, x.start) is not None

    def _target_only_as_time_point(self, m: Mention) -> bool:
        """Does the sentence of the schedule ``m``, which names no administration ("8 sessions,
        once a week"), name the target only after "without", "before", "after" or "until" ("on
        a day without esketamine", "one session in the week before ketamine was started"), and
        say nothing of giving a drug? Then the sessions are another treatment's."""
        if m.sentence is None or names_drug_administration(m.text):
            return False
        if any(not _RECEIVED_SCHEDULE.fullmatch(self.doc.text, g.start(), m.start)
               for g in _GIVEN.finditer(self.doc.text, m.sentence[0], m.sentence[1])):
            # "Study drug is given once a week ..., the period after ketamine ..." (but "Those
            # who accepted received (16 weekly sessions), ... on a day without esketamine"
            # receive the sessions, not a drug)
            return False
        targets = [x for x in self.by_sentence.get(m.sentence, ()) if x.label == "DRUG" and self.is_target(x)]
        return bool(targets) and all(self._time_point_drug(x) for x in targets)

    def _crossover_washout(self, m: Mention) -> bool:
        """Is the FREQUENCY mention ``m`` the spacing of the sessions of a crossover ("D-serine
        and placebo in a crossover design ... Sessions were at least one week apart"): a span
        with "apart" in a sentence that names no drug and no administration, in a paper that
        calls itself a crossover? Each condition is given once; the spacing is a washout."""
        if "apart" not in m.text.lower() or not _CROSSOVER.search(self.doc.text):
            return False
        sent, _ = self.sentence_text(m)
        return not names_drug_administration(sent) and not any(
            x.label == "DRUG" or self.names_target(x.text) for x in self.by_sentence.get(m.sentence, ()))

    def _clause(self, m: Mention) -> tuple[int, int]:
        """The offsets of the part of ``m``'s sentence between the semicolons around it (not
        those inside brackets: "ketamine (50 mg; 5 sprays of 10 mg each) was ...")."""
        lo, hi = m.sentence or (m.start, m.end)
        depth, cuts = 0, []
        for k in range(lo, hi):
            ch = self.doc.text[k]
            depth += (ch in "([") - (ch in ")]")
            if ch == ";" and depth <= 0:
                cuts.append(k)
        start = max([k + 1 for k in cuts if k < m.start], default=lo)
        end = min([k for k in cuts if k >= m.end], default=hi)
        return start, end

    def _plain_therapy(self, m: Mention) -> bool:
        """A THERAPY mention that does not name the target ("CBT", not "KAP")."""
        return m.label == "THERAPY" and not self.names_target(m.text)

    def examples_bracket_link(self, m: Mention) -> float:
        """``EXAMPLES_BRACKET_SCORE`` when ``m`` stands in a sentence that names no drug, right
        after a sentence that names the target and other drugs only as examples in a bracket
        ("All participants received esketamine nasal spray, together with an oral SSRI or SNRI
        (for example escitalopram 10-20 mg or venlafaxine 75-225 mg daily). The dose was 56 mg
        at the first session"): what the next sentence doses is the target. Else 0."""
        if m.sentence is None or any(x.label == "DRUG" for x in self.by_sentence.get(m.sentence, ())):
            return 0.0
        if not _DOSING_SENTENCE_OPENER.match(self.doc.text, m.sentence[0]):
            return 0.0  # a sentence about the dosing: "The dose was ...", "Sessions were held ..."
        start = m.sentence[0]
        for _step in range(2):
            # (or the one before that, across a sentence that names no drug either: "The dose was
            # 56 mg ... Sessions were held twice weekly during weeks 1-4")
            prev = self._adjacent_sentence(start, after=False)
            if prev is None:
                return 0.0  # only the sentence right before
            drugs = self._sentence_drugs(prev)
            if drugs:
                break
            start = prev[0]
        if not any(self.is_target(x) for x in drugs):
            return 0.0
        text = self.doc.text
        for x in drugs:
            if self.is_target(x):
                continue
            opened = text.rfind("(", prev[0], x.start)
            if opened < 0 or text.find(")", opened, x.start) >= 0 or not _EXAMPLES_OPENER.match(text, opened + 1):
                return 0.0
        return EXAMPLES_BRACKET_SCORE

    def _sentence_drugs(self, sentence: tuple[int, int]) -> list[Mention]:
        """The DRUG mentions of one sentence, in the order they end."""
        return sorted((x for x in self.by_sentence.get(sentence, ()) if x.label == "DRUG"), key=lambda x: x.end)

    def _alternatives_before(self, drugs: list[Mention], at: int) -> bool:
        """Are the last two ``drugs`` (before offset ``at``) the target and an alternative,
        written as one noun phrase that the word at ``at`` ends ("ketamine (0.5 mg/kg) or
        midazolam (0.045 mg/kg) infusions")?"""
        if len(drugs) < 2 or not self.is_target(drugs[-2]):
            return False
        text = self.doc.text
        gap = _unbracketed(text[drugs[-2].end : drugs[-1].start])
        tail = _unbracketed(text[drugs[-1].end : at])
        return bool(re.fullmatch(r"\s*(?:or|versus|vs\.?)\s*", gap) and re.fullmatch(r"\s*", tail))

    def _alternatives_share(self, drugs: list[Mention], at: int) -> bool:
        """Are the last two ``drugs`` (before offset ``at``) the target and an alternative, each
        with its dose, followed by one predicate for both that runs to ``at`` ("either ketamine
        0.75 mg/kg or diphenhydramine 25 mg as a single injection into the deltoid", "ketamine
        ... or midazolam ..., each given as an injection into the deltoid")?"""
        if len(drugs) < 2 or not self.is_target(drugs[-2]):
            return False
        gap = _unbracketed(self._without_doses(drugs[-2].end, drugs[-1].start))
        tail = _unbracketed(self._without_doses(drugs[-1].end, at))
        return bool(_ALTERNATIVE_GAP.fullmatch(gap) and _SHARED_PREDICATE.fullmatch(tail))

    def _implied_routes(self, stated_sentences: set, cue: re.Pattern[str] | None, route_for, factor: float) -> list[Candidate]:
        """One implied-route candidate per sentence that names the target, states no route and
        holds ``cue``; ``route_for`` gives the route of the cue's text."""
        out, seen = [], set()
        for m in self.a.mentions:
            if cue is None or not self.is_target(m) or m.sentence in stated_sentences or m.sentence in seen or m.sentence is None:
                continue
            seen.add(m.sentence)
            w = self.weight_in(m.start, m.sentence)
            if w <= 0:
                continue
            sent, s0 = self.sentence_text(m)
            drugs = [x for x in self._sentence_drugs(m.sentence) if not self.drugs.is_control(x.text)]
            for c in cue.finditer(sent):
                # the cue is the target's when the drug written last before it is the target (or
                # none is): "5-FU 2400 mg/m2 (46-h infusion)" is 5-FU's infusion, not capecitabine's
                before = [x for x in drugs if x.end <= s0 + c.start()]
                if before and not self.is_target(before[-1]) and not (
                        _SHARED_BY_ALL.search(sent[max(0, c.start() - 30) : c.start()])
                        and any(self.is_target(x) for x in before)) and not self._alternatives_before(before, s0 + c.start()) \
                        and not self._alternatives_share(before, s0 + c.start()):
                    continue  # (but "ketamine ... or midazolam ..., both infused over 40 minutes",
                    # "ketamine (0.5 mg/kg) or midazolam (0.045 mg/kg) infusions")
                if _DUMMY_BEFORE.search(sent, max(0, c.start() - 30), c.start()):
                    continue  # "together with an inert capsule": the double dummy's form, not the target's
                route = route_for(c.group(0))
                out.append(Candidate(route, route, c.group(0), route_attributes(route, True, c.group(0)),
                                     factor * w, s0 + c.start(), s0 + c.end(), m.sentence))
                break
        return out

    def frequency(self) -> list[Candidate]:
        ms = self.a.mentions
        groups: dict[tuple[int, int], list[tuple[int, float]]] = {}
        prev: tuple[Mention, float] | None = None
        prev_i = -1  # (the index of prev's mention)
        unlinked_counts: list[int] = []
        for i, m in enumerate(ms):
            if m.label != "FREQUENCY":
                continue
            link = self.target_link(i, "FREQUENCY_OF") or self._split_count_link(i) or self._of_target_after(m)
            given_before = False  # the span joins one before it that names what is given
            alternatives = (_ONE_TIME_POINT.fullmatch(m.text) and prev is not None and _ONE_TIME_POINT.fullmatch(prev[0].text)
                            and re.search(r"\bor\b", self.doc.text[prev[0].end : m.start]))
            if link == 0 and prev is not None and prev[0].sentence == m.sentence and prev[1] > 0 and not alternatives and (
                    _SCHEDULE_GAP.fullmatch(self.doc.text, prev[0].end, m.start) or self._dose_then_given(prev[0], m)):
                # (but "to start esketamine in week 1 (early start) or in week 5": two arms' starts)
                # "six KAP sessions over three weeks, twice weekly", "six dosing sessions, usually
                # one per week": one schedule in two spans
                link = prev[1]
                given_before = names_drug_administration(prev[0].text)
            if link == 0 and i > 0 and ms[i - 1].label == "DOSE" and ms[i - 1].sentence == m.sentence and _TAKEN_GAP.fullmatch(
                    self.doc.text, ms[i - 1].end, m.start):
                # "supervised doses of 0.5-2.0 mg/kg taken roughly weekly": the rate of the dose before it
                link = self.target_link(i - 1, "DOSE_OF")
            if link == 0 and self.best_rel.get((i, "FREQUENCY_OF")) is None and (
                self.names_target(m.text) or self._sentence_names_kap(m)
            ):
                link = 0.8  # "4-5 KAP sessions": sessions of ketamine-assisted psychotherapy
            if link == 0 and self._shared_schedule(i):
                link = 0.7
            if link == 0 and self._drug_labelled(m):
                # "Item 8, when and how much: Drug – three dosing sessions, one every two weeks;
                # Therapy – ...": a field of the drug
                link = DRUGLESS_PARAGRAPH_SCORE
            if link == 0 and self._target_only_administrations(m):
                # "The standard initial course consisted of six medicine sessions scheduled once a
                # week" in the methods of a paper whose methods give no drug but the target
                link = DRUGLESS_PARAGRAPH_SCORE
            if link == 0 and self._under_target_heading(m):
                # "The KAP protocol" above "each participant was offered eight dosing sessions, on
                # Mondays and Thursdays": the sessions of the heading's drug-assisted therapy
                link = DRUGLESS_PARAGRAPH_SCORE
            if link == 0 and prev is not None and prev[1] > 0 and self._continues_schedule(prev[0], m):
                # "The induction course consists of six dosing sessions. They are normally booked
                # once a week": the next sentence's subject is the sessions just counted
                link = prev[1]
            if link == 0 and prev is not None and prev[1] > 0 and prev[0].sentence == m.sentence and _NEXT_ONE_CLAUSE.match(
                    self.doc.text, self._clause_start(m), m.start):
                # "The first drug session is in week 3; the second follows 14 days later, in week 5"
                link = prev[1]
            # a schedule that names what is given or a rate (but not "the two treatments": a count of arms)
            given_or_rate = link == 0 and bool(names_drug_administration(m.text) or (parse_frequency(m.text) or {}).get("interval"))
            if given_or_rate:
                # "... (for example escitalopram 10-20 mg ...). The dose was 56 mg .... Sessions were
                # held twice weekly during weeks 1-4"
                link = self.examples_bracket_link(m)
            if link == 0 and self._sessions_after_target_doses(m):
                # "Later doses were 56 mg or 84 mg .... Sessions took place twice a week in weeks
                # 1-4": the sessions of the doses just named
                link = 0.6
            if link == 0:
                # "Ketamine sessions" / ... / "The multiple-session group had three sessions in
                # total at monthly intervals"
                link = self.heading_link(m) or self.box_field_link(m) or self.table_row_link(m, _COURSE_ROW)
            if link == 0 and self._target_sessions_subject(m):
                # "Ketamine sessions took place in weeks 4, 8 and 12 of PGDT": the weeks of the
                # target's sessions, counted in the therapy's calendar (not the therapy's schedule)
                link, given_before = 0.7, True
            if link == 0 and self._drugless_administration(m):
                # "Dosing meetings were held in weeks 2, 4, 6 and 8 only", "Injections were given
                # once a week in weeks 1 to 6" (after the comparator's sentence): every arm's
                link = 0.6
            if link == 0:
                link = self.combination_link(i, "FREQUENCY_OF")
            if link == 0:
                # "Dosing followed the licensed regimen. ... patients attended twice a week for four
                # weeks, giving eight treatment sessions": a methods paragraph of the target alone
                link = self.drugless_paragraph_link(m, no_therapy=True)
            if link == 0:
                # "Each ketamine session followed the same format. ... had their second and third
                # sessions at intervals of one month, so that the three sessions spanned two months"
                link = self.named_sessions_link(m)
            if link == 0 and given_or_rate:
                # "... or midazolam ... was infused. Participants received three weekly infusions"
                link = (self.previous_alternative_link(i, "FREQUENCY_OF") or self.arms_sentence_before_link(m)
                        or self.administrations_subject_link(m))
            if link == 0:
                # "The initial course consists of six infusions over three weeks, given twice
                # weekly. Ketamine is given intravenously at 0.5 mg/kg ..."
                link = self.next_sentence_target_link(m)
            if link > 0 and self._in_other_drugs_bracket(m):
                link = 0.0  # "infliximab (...) or ciclosporin (2 mg/kg per day ..., then twice daily)"
            if link > 0 and not given_before and self._therapy_schedule(m):
                # "received cognitive behavioural therapy (CBT) weekly for 12 weeks; ... ketamine"
                # (but not "six medicine sessions scheduled once a week, each followed by an
                # integration psychotherapy session")
                link = 0.0
            if link > 0 and self._stimulation_schedule(m):
                link = 0.0  # "2.4 Home-based tDCS. ... Each session delivered 2 mA for 20 minutes, five days a week"
            if link > 0 and self._step_schedule(m):
                link = 0.0  # "increased by 25 mg every 3 days": how often the dose was raised
            if link > 0 and i > 0 and ms[i - 1].label == "DOSE" and not self.doc.text[ms[i - 1].end : m.start].strip() \
                    and _ONE_TIME_POINT.fullmatch(m.text):
                link = 0.0  # "0.2 mg/kg in week 1, 0.3 mg/kg in week 2": when each step of an escalation came
            if link > 0 and self._target_only_as_time_point(m):
                link = 0.0  # "8 sessions ... once a week, always on a day without esketamine"
            if link > 0 and _EVERY_BEFORE.search(self.doc.text, max(0, m.start - 12), m.start) and (
                    parse_frequency(m.text) or {}).get("sessions"):
                link = 0.0  # "reviewed the records after every 20 dosing sessions": the cadence of something else
            if link > 0 and _FROM_ONE_TO_NEXT.search(self.doc.text, max(0, m.start - 6), min(len(self.doc.text), m.end + 20)):
                link = 0.0  # "how the dose is adjusted from one session to the next": no count
            if link > 0 and self._assessment_rate(i):
                link = 0.0  # "... and PTSD symptoms with the PCL-5 every week": how often something was measured
            if link > 0 and self._measured_time_points(m):
                link = 0.0  # "The PHQ-9 was administered at baseline and at weeks 1, 2, 4 and 8": when it was measured
            if link > 0 and _NO_MORE_THAN.search(self.doc.text, max(0, m.start - 16), m.start):
                link = 0.0  # "no more than one injection will be given in any week": a rule's ceiling
            if link > 0 and _LIMIT_UNIT_BEFORE.search(self.doc.text, max(0, m.start - 12), m.start):
                link = 0.0  # "a ceiling of 1 mg/kg for any single dose": the unit a limit holds for
            if link > 0 and _MET_BEFORE.search(self.doc.text, max(0, m.start - 12), m.start):
                link *= MEETINGS_FACTOR  # "Each cohort of six met weekly for eight weeks": the group's meetings
            if link > 0 and self._crossover_washout(m):
                link = 0.0  # "Sessions were at least one week apart" in a crossover: the washout
            if link > 0 and _EXCLUSION.search(self.doc.text, m.sentence[0], m.start):
                link = 0.0  # "Exclusions included ... ketamine use on more than five occasions"
            if link > 0 and (_EVENT_DURING.search(self.doc.text, max(m.sentence[0], m.start - 60), m.start)
                             or _EVENT_OF_ADMINISTRATION.match(self.doc.text, m.end)):
                # "Blood pressure rises occurred during 6 ketamine infusions", "One infusion was
                # stopped at 20 minutes": an event count
                link = 0.0
            if link > 0 and self._switched_to(m):
                link *= SWITCHED_FACTOR  # "9 who moved to dosing every three weeks": a later change of schedule
            if alternatives and prev[0].sentence == m.sentence:
                # "randomly assigned to start esketamine in week 1 (early start) or in week 5": when each
                # arm began, not two administrations
                link = 0.0
                groups[m.sentence] = [x for x in groups.get(m.sentence, []) if x[0] != prev_i]
            s = link * self.weight_in(m.start, m.sentence) * self.prior_treatment_factor(m) * self.enantiomer_factor(i, "FREQUENCY_OF")
            prev, prev_i = (m, link), i
            if s > 0 and m.sentence is not None:
                groups.setdefault(m.sentence, []).append((i, s))
            elif link == 0 and m.sentence is not None and _count_start().fullmatch(m.text.strip()):
                unlinked_counts.append(i)
        for i in unlinked_counts:
            # "Patients received three IV infusions at weekly intervals": a bare count that a route
            # splits from its noun counts what its noun's link gives the target
            j = self._noun_of_split_count(i)
            items = groups.get(ms[i].sentence, [])
            noun = [x for k, x in items if k == j]
            if noun:
                items.append((i, noun[0]))
        out = []
        for sent, all_items in groups.items():
            all_items.sort(key=lambda x: ms[x[0]].start)
            phases = [c for items in _schedules(all_items, ms, self.doc.text) if (c := self._frequency_candidate(items, sent))]
            _share_alternative_period(phases, self.doc.text)
            joined = [_THEN.search(self.doc.text[a.end : b.start]) for a, b in zip(phases, phases[1:], strict=False)]
            if joined and all(joined):
                # "twice weekly for four weeks, then weekly for four weeks": the phases of one
                # regimen weigh the same, so the first-named phase comes first
                top = max(c.score for c in phases)
                for c in phases:
                    c.score = top
            out += phases
        for c in out:
            if c.count_only and self.section(c.start) == "title":
                # "Two doses of intravenous ketamine versus midazolam": a title's bare count may be
                # of arms or dose levels; a stated schedule goes before it
                c.score *= TITLE_COUNT_FACTOR
        self._target_share_of_count(out)
        _parts_join_schedule(out)
        _count_meets_interval(out, self.doc.text)
        self._numbered_therapy_sessions(out)
        self._later_phases_after_first(out)
        _first_and_further(out, self.doc)
        self._total_of_phases_first(out)
        self._one_case_after_protocol(out)
        repeated = any((c.key[0] or 0) >= 2 or c.key[2] in _COUNTED_INTERVALS for c in out)
        for c in out:
            if c.key == (1, None, "single") and _IN_EACH.search(self.doc.text, self._clause_start(c), c.start):
                # "In each of three monthly cycles ..., one 2-h drug session": one per cycle
                c.score *= PER_CYCLE_FACTOR
            elif c.key == (1, None, "single") and repeated and _AS_ONE_UNIT.search(self.doc.text, max(0, c.start - 4), c.start) \
                    and _ONE_UNIT_AFTER.match(self.doc.text, c.start):
                # "Ketamine was given as a single SC injection into the abdomen" (and "Injections were
                # given twice a week"): how each dose was given, not the schedule
                c.score *= AS_ONE_UNIT_FACTOR
        for c in out:
            if c.key == (1, None, "single") and _ONE_IN_N.match(self.doc.text, c.end):
                c.score *= PROPORTION_FACTOR  # "About one ketamine infusion in ten needed a reduction": a proportion
            if _COMPARED_THAN.search(self.doc.text, max(0, c.start - 12), c.start):
                # "Repeated sessions produced more durable abstinence than a single session"
                c.score *= COMPARED_THAN_FACTOR
        if _SINGLE_SESSION_ARM.search(self.doc.text) and any((c.key[0] or 0) >= 2 for c in out):
            # "one versus three sessions": a trial whose arms differ in their number of sessions
            # tests the repeated schedule; the single-session group's schedule is the comparison's
            for c in out:
                if c.key == (1, None, "single"):
                    c.score *= SINGLE_SESSION_ARM_FACTOR
        for c in out:
            counted = (c.count_only or (c.key == (1, None, "single") and _COUNT_OF_ONE.match(c.text))
                       or (c.key[2] == "other" and _TIMEPOINT_LIST.match(c.text)))
            if counted and self.section(c.start) in ("results", "tables"):
                # "Two ketamine infusions were paused for hypertension", "One ketamine infusion was
                # paused for 5 min", "had a hypomanic switch, in weeks 3 and 6; esketamine was stopped"
                c.score *= RESULTS_COUNT_FACTOR
        return out or self._single_dose()

    def _course_of_phases(self, items: list[tuple[int, float]], f: dict[str, Any]) -> bool:
        """Do the FREQUENCY spans ``items`` give a total count of sessions and then, in a
        bracket or after a colon, its phases at two rates joined by "then" ("six infusions (an
        induction of four over two weeks, then boosters at weeks 4 and 6)")?"""
        if len(items) < 3 or not f.get("sessions") or f.get("interval") in (None, "single", "other"):
            return False
        ms, text = self.a.mentions, self.doc.text
        first = ms[items[0][0]]
        for k in range(1, len(items)):
            a, b = ms[items[k - 1][0]], ms[items[k][0]]
            if not _THEN.match(text[a.end : b.start]):
                continue
            right = parse_frequency(*[ms[i].text for i, _ in items[k:]]) or {}
            left = parse_frequency(*[ms[i].text for i, _ in items[:k]]) or {}
            return bool(right.get("interval") and left.get("sessions") and (left.get("interval") or left.get("period_weeks"))
                        and re.search(r"[(:]", text[first.end : a.start]))
        return False

    def _frequency_candidate(self, items: list[tuple[int, float]], sent: tuple[int, int]) -> Candidate | None:
        """One schedule from the FREQUENCY spans ``items`` (index, score) of one sentence."""
        ms = self.a.mentions
        f = parse_frequency(*[ms[i].text for i, _ in items])
        if f is None:
            return None
        first, last = ms[items[0][0]], ms[items[-1][0]]
        end = last.end
        if f.get("interval") == "single":
            # "one dose a week for eight weeks" (spans "one dose", "for eight weeks"), "one infusion
            # in each of the first three weeks" (span "one infusion"): the words around the count
            # make it a rate
            tail = _RATE_AFTER.match(self.doc.text, last.end, sent[1])
            whole_end = tail.end() if tail else last.end
            whole = parse_frequency(self.doc.text[first.start : whole_end])
            if whole is not None and whole.get("interval") not in (None, "single"):
                f, end = whole, whole_end
        elif f.get("interval") not in (None, "other") and f.get("sessions") is None and f.get("period_weeks") is None:
            # "on Mondays and Thursdays of the first two weeks", "twice weekly for the first two
            # weeks": the weeks right after a rate bound it
            tail = _first_weeks_after().match(self.doc.text, last.end, sent[1])
            whole = parse_frequency(self.doc.text[first.start : tail.end()]) if tail else None
            if whole is not None and whole.get("sessions") is not None and whole.get("interval") == f.get("interval"):
                f, end = whole, tail.end()
        begin = first.start
        repeated = (len(items) == 1 and isinstance(f.get("sessions"), int) and _TIMEPOINT_LIST.match(first.text)
                    and _REPEATED_AT.search(self.doc.text, max(sent[0], first.start - 24), first.start))
        if repeated:
            # "Steps 2 and 3 repeated in weeks 4 and 8": the listed times come after a first one
            # (the evidence begins at "repeated")
            f["sessions"] += 1
            f["value"] = frequency_value(f)
            begin = repeated.start()
        if self._course_of_phases(items, f):
            # "six infusions (an induction of four over two weeks, then boosters at weeks 4 and 6)":
            # a total whose breakdown runs at two rates
            f.update(interval="other", period_weeks=None)
            f["value"] = frequency_value(f)
        value = f.pop("value")
        factor = 1.0 if f.get("sessions") is not None and f.get("interval") is not None else PARTIAL_SCHEDULE_FACTOR
        count_only = f.get("sessions") is not None and f.get("interval") is None
        if count_only:
            # "six infusions", "3-5 sessions": a count without a named interval. DESIGN.md's
            # intervals have no "unknown"; the gold conventions write "6 sessions, other"
            f["interval"] = "other"
            value = frequency_value(f)
        s = max(x for _, x in items) * factor
        if _AFTER.search(self.doc.text, max(sent[0], first.start - 12), first.start):
            s *= AFTER_FACTOR  # "Trough FEV1 after one dose", "after one ketamine injection": a time point
        if f.get("interval") == "single" and (
                _PER_OCCASION.search(self.doc.text, sent[0], first.start)
                or _PER_OCCASION.match(self.doc.text[last.end : min(sent[1], last.end + 40)].lstrip(" ,"))):
            # "On each dosing day, participants will receive ... a single injection": how each
            # session's dose is given, not a schedule of one session
            s *= PER_OCCASION_FACTOR
        if f.get("every_minutes") and f.get("sessions") is None and f.get("period_weeks") is None:
            # "(three 28 mg devices,) one every 5 minutes", "fentanyl boluses every 45 minutes": the
            # spacing inside one session, not the study's schedule
            s *= WITHIN_SESSION_FACTOR
        return Candidate((f.get("sessions"), f.get("sessions_max"), f.get("interval")), value,
                         self.doc.text[begin : end], f, s, begin, end, sent, count_only)

    def _single_dose(self) -> list[Candidate]:
        """No schedule stated, but the dose is "a 600 mcg dose" / "a dose of 0.5 mg/kg", or is
        given at a one-time event of the procedure ("0.3 mg intravenously at the time of dural
        closure", "at induction"): one administration (weak evidence, ranked low)."""
        out = []
        for i, m in enumerate(self.a.mentions):
            if m.label != "DOSE" or m.sentence is None:
                continue
            s = self.target_link(i, "DOSE_OF") * self.weight_in(m.start, m.sentence)
            if s <= 0:
                continue
            named = [h for h in _ONE_DOSE.finditer(self.doc.text, max(m.sentence[0], m.start - 70), m.start)
                     if _NAME_BRACKET.fullmatch(self.doc.text, h.end(), m.start)]
            if named:
                hit = named[-1]  # "an oral dose of MPH (30 mg)": the amount in brackets after the drug's name
            else:
                hit = _ONE_DOSE.search(self.doc.text, max(m.sentence[0], m.start - 25), min(m.sentence[1], m.end + 10))
                if hit is None or not (hit.start() <= m.start <= hit.end() + 2 or m.start <= hit.start() <= m.end + 1):
                    hit = _one_time_event().search(self.doc.text, m.end, min(m.sentence[1], m.end + 80))
            if hit is None:
                continue
            f = {"sessions": 1, "interval": "single", "period_weeks": None, "implied": True}
            out.append(Candidate((1, None, "single"), "1 session, single", hit.group(0).strip(), f, 0.5 * s,
                                 hit.start(), hit.start() + len(hit.group(0).rstrip()), m.sentence))
        for m in self.a.mentions:
            # "a single ketamine troche taken at the start of one session": one administration,
            # the count split from its noun by the drug's name
            if m.label != "DRUG" or m.sentence is None or not self.is_target(m):
                continue
            before = _SINGLE_BEFORE_NAME.search(self.doc.text, max(m.sentence[0], m.start - 20), m.start)
            after = _ADMINISTRATION_AFTER_NAME.match(self.doc.text, m.end, m.sentence[1])
            s = self.weight_in(m.start, m.sentence)
            if before is None or after is None or s <= 0:
                continue
            f = {"sessions": 1, "interval": "single", "period_weeks": None}
            out.append(Candidate((1, None, "single"), "1 session, single", self.doc.text[before.start() : after.end()], f,
                                 0.6 * s, before.start(), after.end(), m.sentence))
        return out

    def therapy(self) -> list[Candidate]:
        ms = self.a.mentions
        # "prior therapy", "history of CBT" - but "prior to each session" is a time, not a history
        excl = re.compile(r"(?:" + "|".join(map(re.escape, self.lex.therapy_exclusion_cues)) + r")(?!\s*to\b)",
                          re.IGNORECASE)
        # (a cue's words may wrap across lines: "To match\ncontact time, ...")
        ctrl = re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, cue.split())) for cue in self.lex.control_cues) + r")\b",
                          re.IGNORECASE)
        out = []
        parts = []  # "integration sessions": parts of the drug-assisted psychotherapy
        terms = {i: normalize_therapy(m.text, self.a.abbreviations)
                 or abbreviation_naming_sessions(self.doc.text, m.text, m.end, self.a.abbreviations)
                 for i, m in enumerate(ms) if m.label == "THERAPY"}
        # a control-type intervention the title names is what the paper studies
        # ("A self-help psycho-education programme for ...": psychoeducation is the experimental arm)
        studied = {t.label for i, t in terms.items() if t is not None and t.control and t.label == "psychoeducation"
                   and self.doc.section_at(ms[i].start) == "title"}
        # a paper about the drug-assisted psychotherapy itself ("ketamine-assisted psychotherapy
        # (KAP) ...")
        kap_paper = any(t is not None and not t.control and self.names_target(ms[i].text) for i, t in terms.items())
        plain = []  # "psychotherapy": an unnamed psychotherapy, not a named modality
        outsiders = []  # a therapy outside the study: no named modality of it
        for i, term in terms.items():
            m = ms[i]
            w = self.weight_in(m.start, m.sentence)
            if w <= 0:
                continue
            if term is None or (term.control and term.label not in studied):
                continue
            sent, s0 = self.sentence_text(m)
            if excl.search(sent):
                continue
            if m.text.lower() == "relapse prevention" and re.search(r"\bfor\s+$", self.doc.text[max(s0, m.start - 8) : m.start], re.IGNORECASE):
                continue  # "Ketamine Psychedelic Therapy ... for Relapse Prevention in Opioid Dependence": an aim
            if _NOT_RESPONDED_TO.search(self.doc.text, max(s0, m.start - 60), m.start):
                continue  # "who had not responded to at least two trauma-focused therapies": a history
            if _SOURCE_BEFORE.search(self.doc.text, max(s0, m.start - 40), m.start) and _SOURCE_AFTER.match(self.doc.text, m.end):
                continue  # "manualised by the authors from earlier KAP protocols": where a method came from
            # the clause of the mention: "... was MBRP ...; the control condition received ..."
            c0 = max(sent.rfind(";", 0, m.start - s0), sent.rfind(", whereas", 0, m.start - s0)) + 1
            c1 = min([x for x in (sent.find(";", m.end - s0), sent.find(", whereas", m.end - s0)) if x >= 0]
                     or [len(sent)])
            clause = sent[c0:c1]
            combined = self.any_target_link(i, "COMBINED_WITH")
            low = m.text.lower() + " " + self.a.abbreviations.get(m.text, "").lower()
            if any(n in low for n in self.target_names) or self.names_target(m.text):
                combined = max(combined, 0.9)
            if term.generic and combined < 0.8:
                continue
            # "continued their usual care, including CBT-E with their own therapist, which was
            # not part of the study programme": a therapy outside the study
            outside = _OUTSIDE_STUDY.search(sent) is not None and combined < 0.8
            if (kap_paper and not term.generic and not term.part and combined < 0.8 and not self.names_target(m.text)
                    and self.doc.section_at(m.start) == "methods" and not ctrl.search(clause)
                    and not self.lex.citation_pattern.search(sent) and not outside):
                # "The psychotherapeutic approach (of KAP) was informed by acceptance and
                # commitment therapy": the methods of a KAP paper name the therapy given with the drug
                combined = 0.8
            factor = 0.6 + 0.4 * combined
            if ctrl.search(clause) and combined == 0:
                factor *= 0.6
            elif _CONTACT_MATCHED.search(clause) and not self.names_target(m.text):
                # "To match contact time, the single-session group attended two monthly supportive
                # counselling meetings": the comparison's filler, whatever the relations say
                factor *= 0.6
            if self.lex.citation_pattern.search(sent) and combined == 0:
                factor *= 0.4  # a sentence citing other work
            if self.doc.section_at(m.start) == "tables" and combined == 0:
                factor *= 0.5  # session contents listed in a table
            if outside:
                factor *= OUTSIDE_STUDY_FACTOR
            if _ONE_SITE_BEFORE.search(self.doc.text, max(s0, m.start - 80), m.start):
                factor *= ONE_SITE_FACTOR  # "site C therapists described theirs as informed by IFS": one site's
            if (term.label == "psychedelic psychotherapy" and not self.names_target(m.text)
                    and _TRAINED_IN_BEFORE.search(self.doc.text, max(s0, m.start - 40), m.start)):
                # "art therapists with training in psychedelic-assisted therapy": the therapists'
                # qualification, not the sessions' modality (but "The therapists were trained in IFS"
                # names the modality they gave)
                factor *= TRAINED_IN_FACTOR
            if _TOPIC_BEFORE.search(self.doc.text, max(s0, m.start - 150), m.start):
                factor *= TOPIC_FACTOR  # "sessions covering depression ... and relapse prevention": a topic
            out.append(Candidate(term.label, term.label, m.text, {"text": m.text}, w * factor,
                                 m.start, m.end, m.sentence))
            if outside:
                outsiders.append(out[-1])
            if term.part:
                parts.append(out[-1])
            elif term.generic:
                plain.append(out[-1])
        # "ketamine-assisted psychotherapy" (KAP) is the generic name of the combination: a
        # named modality the paper gives ("... combined with trauma-focused psychotherapy")
        # is the therapy, and KAP's label ranks after it; its own parts ("integration
        # sessions") rank after it
        generic = [c for c in out if self.names_target(c.text)]
        named = [c for c in out if c not in generic and c not in parts and c not in plain and c not in outsiders]
        top = max((c.score for c in named), default=0.0)
        # (not a weak name far from the methods, "Trauma Recovery Programme" in a running header,
        # over the drug-assisted psychotherapy of the abstract and methods)
        strong = named if top >= 0.5 * max((c.score for c in generic), default=0.0) else []
        if strong:
            for c in generic:
                c.score = min(c.score * 0.75, 0.9 * top)
        # "KAP was offered as an adjunct to their ongoing CBT-E": the therapy the patients were
        # already in is the background of the drug-assisted psychotherapy, which goes first
        background = {c.key for c in named if _ONGOING_BEFORE.search(self.doc.text, max(0, c.start - 40), c.start)}
        if any(_RANDOMIZED_TO.search(self.doc.text, c.sentence[0], c.start) for c in generic if c.sentence):
            # "randomized to two sessions of ketamine-assisted psychedelic psychotherapy (KPP) with
            # high-dose or low-dose ketamine. All participants received naltrexone and motivational
            # interviewing (MI)": the therapy every arm had is the background of the KAP under test
            background |= {c.key for c in named if c.sentence
                           and _EVERY_ARM_RECEIVED.search(self.doc.text, c.sentence[0], c.start)}
        # "Two preparation sessions ..., using motivational interviewing (MI)", "Beyond the ketamine
        # sessions, all patients were offered one MI session per month": a modality of the
        # drug-free sessions around the drug-assisted psychotherapy, which goes first
        # (but not one named in the integration too: "preparation and integration were organised
        # around ACT" makes ACT the psychotherapy of the whole)
        sentences = [(c.key, self.doc.text[c.sentence[0] : c.sentence[1]]) for c in named if c.sentence]
        # (nor one named the whole treatment's frame: "Within an ACT framework, ketamine was given",
        # "the ACT processes used throughout treatment")
        background |= ({k for k, sent in sentences if _AROUND_DRUG_SESSIONS.search(sent)}
                       - {k for k, sent in sentences if re.search(r"\bintegrat", sent, re.IGNORECASE) or _WHOLE_FRAME.search(sent)})
        if generic and background:
            lead = max(c.score for c in generic)
            for c in named:
                if c.key in background:
                    c.score = min(c.score, 0.9 * lead)
        # (the parts after both: "KAP with integration sessions, informed by ACT": ACT, KAP, integration)
        leads = [max(c.score for c in group) for group in (generic, strong) if group]
        if leads and parts:
            for c in parts:
                c.score = min(c.score, 0.9 * min(leads))
        # a broad label ranks after a narrower one the paper also names ("a mindfulness-based
        # programme" in a paper about mindfulness-based relapse prevention)
        keys = {c.key for c in out}
        for c in out:
            if keys & set(self.lex.therapy_narrower_labels.get(c.key, ())):
                c.score *= 0.5
        # a named modality is more informative than the catch-all label: "other" ranks after it
        if any(c.key != "other" for c in out):
            for c in out:
                if c.key == "other":
                    c.score *= OTHER_THERAPY_FACTOR
        # a name inside another therapy's name ("relapse prevention" in "mindfulness-based
        # relapse-prevention") is most likely that therapy, written short (so is "psychological
        # relapse prevention", whose vocabulary name is "relapse prevention")
        vocab = load_therapies()
        labels = {loose_name(t): vocab.lookup(t) for t in {c.text.lower() for c in out}}
        for c in out:
            own = vocab.lookup(c.text)
            names = {loose_name(c.text.lower())}
            if own is not None and own.label == c.key:
                names.add(loose_name(own.term.lower()))
            if any(low != t and term is not None and term.label != c.key
                   and re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", t) for t, term in labels.items() for low in names):
                c.score *= 0.5
        return out

    @cached_property
    def _narrowed_pools(self) -> set[int]:
        """The pools the paper narrows by a count of its own ("Of the (143) records, 112 were
        included", "Of (93) patients who started KAP, 71 met the inclusion criteria")."""
        out = set()
        for p in _OF_POOL_NARROWED.finditer(self.doc.text):
            pool = parse_count(p.group("pool"))
            if pool is not None and (parse_count(p.group("n")) or pool) < pool:
                out.add(pool)
        return out

    def _pool_before_leaving(self, m: Mention, n: int) -> bool:
        """Is the count ``n`` at ``m`` a pool that the paper narrows by its criteria, soon after
        ("We reviewed the records of 203 patients .... Thirty-one patients did not meet these
        criteria ..., leaving 172 patients in the analytic cohort")?"""
        text = self.doc.text
        if n in self._narrowed_pools:
            return True  # ("Of the 143 records, 112 were included": anywhere in the paper)
        end = min(len(text), (m.sentence[1] if m.sentence else m.end) + 400)
        left = _LEAVING_COUNT.search(text, m.end, end)
        if left is None or not _UNMET_CRITERIA.search(text, m.end, left.start()):
            return False
        k = parse_count(left.group("n"))
        return k is not None and k < n

    def sample_size(self) -> list[Candidate]:
        ms = self.a.mentions
        out: list[Candidate] = []
        planned: list[Candidate] = []
        for i, m in enumerate(ms):
            if m.label != "SAMPLE_SIZE":
                continue
            w = self.weight_in(m.start, m.sentence)
            n = parse_count(m.text)
            if w <= 0 or n is None or n > 100000:
                continue
            sent, s0 = self.sentence_text(m)
            attrition = _ATTRITION_ALLOWANCE.search(sent)
            if attrition and attrition.end() <= m.start - s0 and n > 2 and not counted_per_arm(sent, m.end - s0) and not re.match(
                    r"\s*%", sent[m.end - s0 :]) and not _SCREEN_BEFORE.search(sent, 0, m.start - s0):
                # "Allowing for 10% attrition, we will randomise 140 participants": the target, after
                # the power calculation's number ("126 in total are required"), but not the number
                # to be screened ("... 60 in total, and expect to screen about 150 people")
                planned.append(Candidate((n, None), n, m.text, {"scope": "randomized", "arm": None, "planned": True},
                                         (PROTOCOL_TARGET_SCORE if self.protocol else 0.3) * w,
                                         m.start, m.end, m.sentence))
                continue
            scope, arm = sample_scope(sent, m.start - s0, m.end - s0)
            label = _COUNT_LABEL_BEFORE.search(sent, max(0, m.start - s0 - 20), m.start - s0)
            if label is not None and scope in (None, "excluded"):
                # "• Included: 87 (major depressive disorder 64, ...)": a flow list's labelled count
                scope, arm = ("randomized" if label.group(1).lower().startswith("randomi") else "enrolled"), None
            if _STAFF_COUNT.match(sent, m.start - s0) and _STAFF_CONTEXT.search(sent):
                continue  # "Five licensed clinicians (two psychologists, ...) with ... supervised KAP training": the staff
            if scope == "excluded":
                if (is_planning(sent) and n > 2 and not re.match(r"\s*%", sent[m.end - s0 :])
                        and not _SCREEN_BEFORE.search(sent, 0, m.start - s0)
                        and not _SCREEN_AFTER.match(sent, m.end - s0)):
                    # a target ("we will randomize 100 participants"): in a study protocol it
                    # competes with the stated counts, elsewhere it is used only when the paper
                    # states no other count (the return below)
                    # a power calculation's count per arm ("50 participants per arm give 80% power")
                    # is no target for the whole study
                    per_arm = PLANNED_PER_ARM_FACTOR if counted_per_arm(sent, m.end - s0) else 1.0
                    if _EVALUABLE_AFTER.match(sent, m.end - s0):
                        per_arm *= EVALUABLE_FACTOR  # "we expect about 48 evaluable participants": after attrition
                    planned.append(Candidate((n, None), n, m.text, {"scope": "randomized", "arm": None, "planned": True},
                                             (PROTOCOL_PLAN_SCORE if self.protocol else 0.3) * w * per_arm,
                                             m.start, m.end, m.sentence))
                continue
            if scope is None and _CASES_BEFORE.search(sent, 0, m.start - s0):
                scope = "enrolled"  # "We describe three patients ...", "report of two patients", "Case descriptions: Two adults"
            if scope is None and n <= 2:
                continue  # "one patient", "two pairs of sensors": not a sample
            if _OBSERVATION_UNITS_AFTER.match(sent, m.end - s0):
                continue  # "yielding 90 participant-sessions", "1,200 patient-years": observations, not people
            if scope is None and self.section(m.start) in ("results", "tables") and self.event_cue.search(
                    sent[: m.start - s0]):
                continue  # "occurred in 11 patients", "was placed in 42 patients": an event count
            forms = _FORMS_THE_SAMPLE.search(sent, m.end - s0) if scope is None else None
            if forms is not None and not re.search(r"[;]|\b\d+\s+[a-z]", _unbracketed(sent[m.end - s0 : forms.start()])):
                scope = "enrolled"  # "The remaining 118 patients (mean age 41.7 years) formed the cohort", "the 24 who
                # began IPSRT ... form this cohort" (whatever therapy the relation names as its arm)
            whole = scope is None and _SUM_MADE.search(sent, 0, m.start - s0) is not None
            parts = _PARALLEL_PARTS_AFTER.match(sent, m.end - s0)
            rest = _parallel_parts(sent, parts.end(), parts.group("p")) if parts is not None else None
            if scope in (None, "arm") and _SAMPLE_CONSISTED_OF.search(sent, 0, m.start - s0) and rest is None:
                # "The cohort consisted of 170 patients: 112 who received ketamine with ACT and 58 ...":
                # the whole sample, whatever arm the relation finds after it
                scope, arm, whole = "enrolled", None, True
            if rest is not None and scope in (None, "enrolled"):
                # "The sample comprised 112 patients with depression, 38 with PTSD and 18 with
                # generalized anxiety": the first part, and the parts' sum, the sample
                total = n + sum(rest)
                out.append(Candidate((total, None), total, m.text, {"scope": "enrolled", "arm": None, "sum_of_parts": True},
                                     PARTS_SUM_SCORE * w, m.start, m.end, m.sentence))
                out.append(Candidate((n, None), n, m.text, {"scope": "enrolled", "arm": None},
                                     PART_COUNT_FACTOR * w, m.start, m.end, m.sentence))
                continue
            if whole:
                scope = "enrolled"  # "..., making 105 patients in the project overall": the parts' total
            link = self.best_rel.get((i, "SIZE_OF"))
            named_after = (scope == "arm" and arm not in (None, "each group")
                           and re.search(rf"(?<!\w){re.escape(arm)}(?!\w)", sent[m.end - s0 :], re.IGNORECASE))
            if link is not None and scope in (None, "arm") and not named_after and not whole:
                # the relation names the arm, unless the words after the count do ("130 into the
                # control condition", "107 were assigned to the EG")
                arm_m = ms[link[0]]
                arm = (self.drugs.canonical(arm_m.text) if arm_m.label == "DRUG" else arm_m.text).lower()
                if arm_m.label == "DRUG" and arm_m.text.lower() in self.a.aliases:
                    arm = self.target  # "propofol (PROP, n = 8)": the arm of the target, by its name
                scope = "arm"
            factor = SCOPE_FACTOR[scope] * (0.5 if n <= 3 else 1.0)
            section = self.section(m.start)
            if section == "title":
                factor *= 0.5  # titles rarely state N; title blocks of PDFs carry addresses
            if scope is None and section in ("results", "tables") and not whole:
                factor *= 0.6  # a bare count among results is mostly a subgroup or an event count
            left = sent[max(0, m.start - s0 - 60) : m.start - s0]
            if scope != "randomized" and not _FORMS_THE_SAMPLE.search(sent, m.end - s0) and (
                    re.search(r"\b(?:remaining|rest|other)\s+$", left, re.IGNORECASE)
                    or re.match(r"\s+(?:other|additional|more)\b", sent[m.end - s0 :], re.IGNORECASE)):
                # "the remaining 54 patients", "six other participants were recruited via ...": a
                # subset; "the remaining 77 were randomized" is the N
                factor *= 0.7
            if re.search(r"\b(?:at\s+least|a\s+minimum\s+of|no\s+fewer\s+than)\s+$", left, re.IGNORECASE) and re.search(
                    r"\b(?:targets?|feasibility|benchmarks?|progression\s+criteria|success\s+criteria)\b", sent, re.IGNORECASE):
                factor *= THRESHOLD_COUNT_FACTOR  # "at least 20 patients enrolled within 12 months": a target
            if re.match(r"[^.;]{0,60}?,\s+(?:of\s+whom|of\s+which|and\s+of\s+these)\s+(?:[\w-]+\s+){0,2}?(?:\d+|[a-z]+-?[a-z]*)\s+(?:were|was|had|met|volunteered|agreed|consented|opted|chose)\b",
                        sent[m.end - s0 :], re.IGNORECASE):
                # "Fifty-eight patients were assessed, of whom twenty-four were ... enrolled", "The two
                # cohorts comprised 26 trainees, of whom 21 volunteered for the experiential module"
                factor *= POOL_COUNT_FACTOR
            if scope in (None, "enrolled") and _RECORDS_OF.search(left) and self._pool_before_leaving(m, n):
                # "the registry records of 203 patients ... 31 did not meet these criteria, leaving 172"
                # (but not "64 were enrolled ..., leaving 58 who were randomized": an enrolled count)
                factor *= POOL_COUNT_FACTOR
            if re.search(r"\b(?:as\s+(?:at|of)\b|to\s+date\b|so\s+far\b|at\s+the\s+time\s+of\s+writing)", sent, re.IGNORECASE):
                factor *= 0.6  # "As at 22 June 2017, 42 participants enrolled": recruitment so far
            if re.match(r"\s+(?:[\w-]+\s+){0,2}?initially\b", sent[m.end - s0 :], re.IGNORECASE):
                factor *= 0.85  # "the 186 women initially enrolled ..., 39 were excluded": before attrition
            if _MODELLED_COHORT.search(sent):
                factor *= MODELLED_COHORT_FACTOR  # "A Markov model ... followed a cohort of 1,000 adults": no one enrolled
            if _ENTERED_LATER_PHASE.match(sent, m.end - s0):
                factor *= LATER_PHASE_COUNT_FACTOR  # "644 clients entered maintenance": those who went on
            # arms of the same size stay separate entries (same integer, different arm)
            key = (n, arm) if scope == "arm" else (n, None)
            out.append(Candidate(key, n, m.text, {"scope": scope or "enrolled", "arm": arm},
                                 w * factor, m.start, m.end, m.sentence))
        out = out + self._arm_totals(out)
        if not planned and all(c.value == 1 for c in out) and self._case_report:
            # (a count of one is the case itself, however weakly stated: "A 47-year-old man (n = 1)")
            out = self._case_report_n() or out
        if self.protocol:
            # a study protocol states its sample as a plan ("254 patients will be included"),
            # which competes with its other counts (other studies', the power calculation's)
            return out + planned
        return out if out else planned

    def _case_report_n(self) -> list[Candidate]:
        """A case report that states no count: its sample is the one patient it describes ("We
        describe one patient, a 71-year-old woman ..."), evidenced by the first such phrase
        outside the introduction and discussion."""
        for m in _ONE_PERSON.finditer(self.doc.text):
            w = self.weight(m.start())
            if w <= 0 or self.section(m.start()) in ("title", "references"):
                continue
            return [Candidate((1, None), 1, m.group(0), {"scope": "enrolled", "arm": None},
                              CASE_REPORT_SCORE * w, m.start(), m.end(), self._sentence_around(m.start()))]
        return []

    def _sentence_around(self, offset: int) -> tuple[int, int]:
        """The sentence (of the analysis) that holds ``offset``, else the block."""
        for m in self.a.mentions:
            if m.sentence and m.sentence[0] <= offset < m.sentence[1]:
                return m.sentence
        b = self.doc.block_at(offset)
        return (b.start, b.end) if b else (offset, offset)

    def _arm_totals(self, cands: list[Candidate]) -> list[Candidate]:
        """When no randomized total is written, the arms a sentence randomizes add up to it
        ("randomized to propofol (PROP, n = 8) or dexmedetomidine (DEX, n = 8)" -> 16)."""
        if any(c.attributes["scope"] == "randomized" for c in cands):
            return []
        cue = re.compile(r"\brandom|\bassigned\b|\ballocated\b|\bdivided\b", re.IGNORECASE)
        by_sent: dict[tuple[int, int], list[Candidate]] = {}
        for c in cands:
            if c.attributes["scope"] == "arm" and c.attributes.get("arm") not in (None, "each group"):
                by_sent.setdefault(c.sentence, []).append(c)
        out = []
        for sent, arms in by_sent.items():
            names = {c.attributes["arm"] for c in arms}
            text = self.doc.text[sent[0] : sent[1]]
            # a table row that heads its columns with the arms ("GIK Group (n=80)\tNon-GIK Group
            # (n=80)") needs no randomization word
            header = self.section(arms[0].start) == "tables" and "\t" in text
            randomizing = cue.search(text) is not None
            # "We recruited 58 patients from the Birmingham centre, 19 from ...": the sites add
            # up to the enrolled sample
            enrolling = (not randomizing and _ENROLLING.search(text) is not None
                         and all(is_site(c.attributes["arm"]) for c in arms))
            if len(arms) < 2 or len(names) < len(arms) or not (randomizing or header or enrolling):
                continue
            total = sum(int(c.value) for c in arms)
            first, last = min(arms, key=lambda c: c.start), max(arms, key=lambda c: c.end)
            score = (0.65 if randomizing else 0.5) * self.weight(first.start)
            if randomizing and re.search(rf"(?<![\d.,]){total}(?![\d.,]\d)", text.replace(",", "")):
                # the sum is written as the sentence's pool: "Among 285 eligible patients, 143 were
                # randomized to group A and 142 to group B"
                score = 0.95 * self.weight(first.start)
            out.append(Candidate((total, None), total, self.doc.text[first.start : last.end],
                                 {"scope": "enrolled" if enrolling else "randomized", "arm": None, "sum_of_arms": True},
                                 score, first.start, last.end, sent))
        return out

    # -- ranking -----------------------------------------------------------------

    def rank(self, cands: list[Candidate]) -> list[Value]:
        groups: dict[Any, list[Candidate]] = {}
        if self.corrections[0]:
            for c in cands:
                if self._corrected_away(c):
                    c.score *= CORRECTED_FACTOR
        for c in cands:
            groups.setdefault(c.key, []).append(c)
        ranked = []
        for items in groups.values():
            items.sort(key=lambda c: (-c.score, c.start))
            best = items[0]
            rest = 1.0
            for c in items[1:]:
                if c.reinforces:
                    rest *= 1.0 - min(c.score, 0.99)
            conf = best.score + (1.0 - best.score) * 0.3 * (1.0 - rest)
            conf = max(0.0, min(conf, 0.99))
            if conf < MIN_CONFIDENCE:
                continue
            attrs = dict(best.attributes)
            if attrs.get("scope") == "enrolled" and not attrs.get("arm") and any(
                    c.attributes.get("scope") == "randomized" and not c.attributes.get("planned")
                    and c.score >= best.score - STUDY_N_MARGIN for c in items[1:]):
                # "328 women were included" and, later, "328 patients were randomized": the
                # randomized count
                attrs["scope"] = "randomized"
            if "duration" in attrs and attrs["duration"] is None:
                attrs["duration"] = next((c.attributes.get("duration") for c in items if c.attributes.get("duration")), None)
            ev = self.doc.evidence(best.start, best.end, sentence=best.sentence)
            first = min(c.start for c in items)
            ranked.append((conf, first, Value(best.value, best.text, round(conf, 4), attrs, ev)))
        ranked.sort(key=lambda x: (-x[0], x[1]))
        # values whose confidence differs by less than TIE come in the order the paper first
        # states them: "single doses of 1,000 mg and 1,800 mg" lists the first arm first
        out: list[tuple[float, int, Value]] = []
        for item in ranked:
            j = len(out)
            while j > 0 and out[j - 1][0] - item[0] < TIE and out[j - 1][1] > item[1]:
                j -= 1
            out.insert(j, item)
        return [v for _, _, v in out]


def _top_amount(c: Candidate) -> float:
    """The highest amount of a dose candidate (a range's upper end)."""
    return c.key[1] if c.key[1] is not None else c.key[0]


def _highest_step(raised: list[Candidate]) -> Candidate | None:
    """The highest of the doses a titration is raised to, if they share one unit."""
    if not raised or len({d.key[2] for d in raised}) != 1 or any(_top_amount(d) is None for d in raised):
        return None
    return max(raised, key=_top_amount)


def _between_ranges(cands: list[Candidate], text: str) -> None:
    """"between 100 mg and 250 mg" (two DOSE spans) is one range: it joins the doses as a
    range candidate, with both amounts' offsets as its evidence, and the two ends rank after
    it."""
    ordered = sorted(cands, key=lambda c: c.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (a.sentence != b.sentence or a.key[1] is not None or b.key[1] is not None or a.key[2] != b.key[2]
                or not a.key[0] or not b.key[0] or b.key[0] <= a.key[0]
                or not re.fullmatch(r"\s+and\s+", text[a.end : b.start])
                or not re.search(r"\bbetween\s+$", text[max(0, a.start - 12) : a.start], re.IGNORECASE)):
            continue
        unit = a.key[2]
        attrs = {**a.attributes, "amount_max": b.key[0]}
        score = max(a.score, b.score)
        cands.append(Candidate((a.key[0], b.key[0], unit), dose_value(a.key[0], b.key[0], unit), text[a.start : b.end], attrs,
                               score, a.start, b.end, a.sentence))
        for end in (a, b):
            end.score *= TITRATION_START_FACTOR
            end.reinforces = False


def _coordinated_doses(cands: list[Candidate], text: str, subgroup: set[int] | frozenset[int] = frozenset()) -> None:
    """Doses joined only by "or" / "and" / "versus" ("KAP with 150 mg or 15 mg of ketamine")
    are the target's alike: they score the same, so the first-named (the first arm) leads,
    whichever of them stands nearer the drug name. A subgroup's dose (the ``id`` of its
    candidate in ``subgroup``) keeps its lower score: "(100 mg, or 150 mg if weighing 90 kg or more)"."""
    ordered = sorted(cands, key=lambda c: c.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (id(a) in subgroup) != (id(b) in subgroup):
            continue
        if a.sentence == b.sentence and a.end <= b.start and _COORDINATOR.fullmatch(text[a.end : b.start]):
            a.score = b.score = max(a.score, b.score)


#: the ceiling a raise may reach, right before its dose: "up to a ceiling of", "to a maximum of"
_CEILING_OF = re.compile(r"\b(?:up\s+)?to(?:wards)?\s+a\s+(?:ceiling|maximum|max\.?)\s+(?:dose\s+)?of\s+$", re.IGNORECASE)

#: the words before the first of a list of doses that climbs within each participant: "doses rose
#: across the five ketamine sessions through (0.1, 0.2, ...)", "doses ascending through"
_ASCENDING_THROUGH = re.compile(rf"\b(?:{_RAISE_STEMS}|rose\b|rising\b|rises\b|ascend)\w*(?:\s+[\w-]+){{0,6}}?\s+(?:through|via)\s+$",
                                re.IGNORECASE)

#: what stands between two doses of one list: ", 0.2, 0.3, 0.4 and "
_DOSE_LIST_GAP = re.compile(r"(?:[\s\d.,]|\band\b|mg(?:/kg)?)+")

#: what joins two doses offered as alternatives: "56( or )84 mg", "56 mg( or )84 mg"
_OR_BETWEEN = re.compile(r"\s*(?:mg\s*)?or\s+")

#: a verb that raises a dose, anywhere before the ceiling it may reach
_RAISE_VERB = re.compile(rf"\b{_RAISE_STEMS}\w*\b", re.IGNORECASE)

#: what joins a titration's next step to the one before: "(0.75 mg/kg) and then to (1.0 mg/kg)"
_THEN_TO = re.compile(r"\s*,?\s*(?:and\s+)?(?:then|later|finally|subsequently)\s+(?:to\s+)?"
                      # "raised to 100 mg at week 2 and to 150 mg from week 3 onwards": the next step, when
                      # ("increased to 0.7 mg/kg for treatments 3 and 4 and to 0.9 mg/kg for treatments 5 to 8")
                      r"|\s+(?:at|in|from|by|on|for)\s+(?:the\s+)?(?:weeks?|sessions?|days?|visits?|doses?|treatments?|infusions?|injections?)"
                      r"\s+\d{1,2}(?:\s*(?:and|to|-|–)\s*\d{1,2})?\s*,?\s*(?:and\s+)?(?:then\s+)?to\s+"
                      # "the dose at session 2 is 150 mg, and from session 3 onward 200 mg"
                      r"|\s*,?\s*and\s+(?:from|at|in|by|on)\s+(?:the\s+)?(?:week|session|day|visit|dose)\s+\d{1,2}\s*(?:onwards?)?\s*,?\s*"
                      r"(?:(?:it|the\s+dose)\s+)?(?:(?:is|was|will\s+be)\s+)?",
                      re.IGNORECASE)

#: the words of a dose-finding design, whose dose levels are its arms
_DOSE_FINDING = re.compile(r"\bdose[- ](?:finding|escalation|ranging)\b|\b3\s?\+\s?3\b|\bthree-plus-three\b"
                           r"|\bsequential(?:[- ]dose)?[- ]cohorts?\b", re.IGNORECASE)
#: a word of cohorts or dose levels in the sentence that lists them
_COHORT_WORD = re.compile(r"\b(?:cohorts?|dose\s+levels?)\b", re.IGNORECASE)
#: what stands between two listed dose levels: "0.1, 0.2, 0.5 and 0.75 mg/kg", "28 mg, 56 mg and 84 mg"
_LEVEL_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|then\s+)?|,?\s*and\s+|,?\s*then\s+)", re.IGNORECASE)

#: what joins two coordinated values: "150 mg or 15 mg", "0.5 mg/kg versus 0.2 mg/kg"
_COORDINATOR = re.compile(r"\s*(?:,\s*)?(?:or|and|versus|vs\.?)\s*", re.IGNORECASE)


#: the subject of an arm at a sentence's start, before the drug it received: "The experimental arm received"
_ARM_RECEIVED_OPENING = re.compile(r"\s*(?:the\s+|both\s+)?(?:[\w-]+\s+){0,2}(?:arms?|groups?)\s+(?:received|were\s+given|was\s+given|got)\s+"
                                   # "The active drug was ketamine 0.5 mg/kg": what the administrations gave
                                   r"|\s*(?:the\s+)?(?:active|study|investigational|experimental)\s+(?:drug|medication|treatment)\s+(?:was|is)\s+",
                                   re.IGNORECASE)

#: brain stimulation, whose sessions are no drug's: "rTMS", "theta-burst stimulation", "tDCS" (not ECT, whose
#: sessions may each be a ketamine anaesthesia)
_STIMULATION = re.compile(r"\b(?:r?TMS|a?iTBS|aTBS|tDCS|tACS|theta-burst|transcranial|(?:magnetic|electrical|brain)\s+stimulation|"
                          r"neurofeedback)\b")
#: the label of a flow list's count: "Included: (87)", "Randomised: (64)"
_COUNT_LABEL_BEFORE = re.compile(rf"(?<![\w-])({COUNT_LABELS})\s*:\s*$")
#: a count of the staff who deliver the treatment, and the words that say so
_STAFF_COUNT = re.compile(r"\S+\s+(?:[\w-]+\s+){0,2}?(?:clinicians|therapists|psychologists|psychiatrists|nurses|facilitators|"
                          r"counsell?ors|social\s+workers|physicians|guides|sitters)\b", re.IGNORECASE)
_STAFF_CONTEXT = re.compile(r"\b(?:licensed|trained|training|certified|credentialed|supervis\w*|delivered\s+by|facilitated\s+by)\b",
                            re.IGNORECASE)
#: a subgroup an outcome is compared in: "(larger reductions) in patients who received (intramuscular ketamine)"
_COMPARED_SUBGROUP_BEFORE = re.compile(
    r"\b(?:larger|greater|smaller|bigger|more|less|higher|lower)\s+(?:[\w-]+\s+){0,2}(?:in|among|for)\s+"
    r"(?:those|patients|participants|people|clients)\s+who\s+(?:received|had|were\s+given|chose)\s+$", re.IGNORECASE)
#: a sentence about every participant: "Each participant was offered (three infusions)", "In both arms, "
_EVERY_PARTICIPANT = re.compile(r"\s*(?:(?:Each|Every|All)\s+(?:of\s+the\s+)?(?:participants?|patients?|subjects?|veterans|clients)"
                                r"|(?:In\s+)?[Bb]oth\s+(?:arms|groups))\b", re.IGNORECASE)
#: the label of a template's drug field right before a value: "Drug – ", "Medication: ", "Study drug: "
_DRUG_FIELD_BEFORE = re.compile(r"\b(?:Drug|Medication|Study\s+drug|Pharmacological\s+component)\s*[\u2013\u2014:-]\s*$")
#: a therapy's sessions as the time of something: "(24 hours) before each (PE session)", "after every"
_EACH_SESSION_BEFORE = re.compile(r"\b(?:before|after|following|prior\s+to|ahead\s+of)\s+(?:each|every)\s+$", re.IGNORECASE)
#: "from one session to the next", "from one dose to another": an idiom, not a count
_FROM_ONE_TO_NEXT = re.compile(r"\bfrom\s+one\s+[\w-]+\s+to\s+(?:the\s+next|another)\b", re.IGNORECASE)

#: the score factor of a count or interval that supports a whole schedule stated elsewhere
PART_OF_SCHEDULE_FACTOR = 0.999

#: the intervals whose schedules count sessions ("6 sessions, weekly"); daily dosing seldom does
_COUNTED_INTERVALS = ("weekly", "twice weekly", "every 2 weeks", "monthly")

#: a count or interval that scores at least this share of the strongest one rivals it
JOIN_RIVAL = 0.5


#: a sentence's subject that is a measure, up to its verb: "The PHQ-9 was administered", "Questionnaires
#: were completed", "MADRS ratings were obtained", "Blood samples were taken"
_MEASURE_SUBJECT = re.compile(
    r"\s*(?:the\s+|all\s+)?(?:(?-i:[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*(?:-\d+)?)|[\w-]+\s+(?:questionnaires?|scales?|ratings?|interviews?|inventor(?:y|ies))"
    r"|questionnaires?|scales?|ratings?|assessments?|measures?|outcomes?|(?:blood|urine|saliva)\s+samples?)"
    r"(?:\s+(?:and|,)\s+(?:the\s+)?[\w-]+)*\s+(?:was|were|is|are|will\s+be)\s+(?:administered|completed|obtained|collected|taken|"
    r"repeated|assessed|measured|rated|recorded)\b",
    re.IGNORECASE)

#: a verb of measuring, and a verb of giving, before a rate in its sentence: "(symptoms) were
#: measured (with the PCL-5 every week)", "(ketamine was) infused (weekly)"
_ASSESSED = re.compile(r"\b(?:measured|assessed|rated|recorded|evaluated|monitored|collected|completed|scored)\b", re.IGNORECASE)
_GIVEN_VERB = re.compile(r"(?<![\w-])(?:given|infused|injected|received|dosed|administered|took\s+place|held|taken|used|self-administered)\b",
                         re.IGNORECASE)

#: the name of a phase of a course, in a count of its sessions: "the eight induction sessions"
#: the words between two routes that make the second a later phase's: "intramuscular ketamine
#: followed by oral", "continues with lower-intensity oral dosing", "from intravenous infusions to"
_ROUTE_THEN = re.compile(rf"\b(?:{_THEN_WORDS}|continu\w*\s+with|switch\w*\s+to|to|move\w*\s+to)\b", re.IGNORECASE)

_PHASE_NAME = re.compile(r"\b(?:induction|maintenance|continuation|acute|booster)\b", re.IGNORECASE)


def _parts_join_schedule(cands: list[Candidate]) -> None:
    """A count stated without its interval ("three ketamine infusions during an eight-week
    programme") and a schedule with the same count and an interval ("ketamine was given in
    weeks 3, 5 and 7 ... every other week") state one schedule: the count supports that
    schedule, whose own words stay its evidence (the count's score is capped at the
    schedule's). So does an interval stated without its count ("weekly subcutaneous
    ketamine") for a schedule with that interval and a count ("once a week for six weeks"),
    for the intervals sessions are counted in and for a number of times a week ("three times a
    week" for "12 administrations, on Monday, Wednesday and Friday"; daily dosing keeps its own
    value). With several such schedules, the strongest takes the part."""
    by_count: dict[tuple, Candidate] = {}
    by_interval: dict[object, Candidate] = {}
    for c in cands:
        if not c.count_only and c.key[0] is not None and c.key[2] not in (None, "single"):
            if c.key[:2] not in by_count or c.score > by_count[c.key[:2]].score:
                by_count[c.key[:2]] = c
            rate = _counted_rate(c)
            if rate is not None and (rate not in by_interval or c.score > by_interval[rate].score):
                by_interval[rate] = c
    # (and a bare "daily" without its period for a short daily course with its count: "daily" and
    # "on days 1, 2 and 3")
    # (not when the paper states a daily course by its period: "once daily for 28 days")
    daily = [c for c in cands if not c.count_only and (c.key[0] or 0) >= 2 and c.key[2] == "daily"]
    if any(c.key[0] is None and c.key[2] == "daily" and c.attributes.get("period_weeks") for c in cands):
        daily = []
    for c in cands:
        if c.count_only:
            best = by_count.get(c.key[:2])
        elif c.key[0] is None and _counted_rate(c) is not None:
            best = by_interval.get(_counted_rate(c))
        elif c.key == (None, None, "daily") and not c.attributes.get("period_weeks") and len({d.key for d in daily}) == 1:
            best = max(daily, key=lambda d: d.score)
        else:
            best = None
        if best is not None and c.score > best.score and c.count_only:
            # a count better supported than the schedule it matches ("three sessions" in the aims,
            # "Three monthly sessions" only in the conclusions): the schedule rises to it and keeps
            # its words, which state both the count and the interval, as the evidence
            best.score = c.score
            c.key, c.value, c.attributes = best.key, best.value, best.attributes
            c.score *= PART_OF_SCHEDULE_FACTOR
            c.count_only = False
        elif best is not None and c.score > best.score:
            # the part is better supported than the whole schedule ("Twice-weekly SC ketamine ...
            # was feasible" in the conclusions, "twice weekly for four weeks" only in another
            # trial's or a weakly linked sentence): it keeps its score and its own words, and the
            # value names where the count was stated
            c.key, c.value, c.count_only = best.key, best.value, False
            c.attributes = {**best.attributes, "joined_from": _joined_from(sorted((c, best), key=lambda x: x.start))}
        elif best is not None:
            c.key, c.value, c.attributes = best.key, best.value, best.attributes
            # (just under the schedule's, so that a tie leaves the schedule's words the evidence:
            # "three dosing sessions were given, one every other week", not "three IM ketamine
            # dosing sessions", which states no interval)
            c.score = min(c.score, best.score * PART_OF_SCHEDULE_FACTOR)
            c.count_only = False


#: one time point: "in week 2", "on day 8", "at session 3"
_ONE_TIME_POINT = re.compile(r"(?:on|in|during|at)\s+(?:day|week|session|visit)\s+\d{1,3}", re.IGNORECASE)

#: what joins a dose to its rate right after it: "(0.5-2.0 mg/kg) taken roughly (weekly)"
_TAKEN_GAP = re.compile(r"\s*,?\s*(?:taken|given|administered|delivered|infused|injected|repeated)\s+"
                        r"(?:(?:roughly|about|approximately|usually|typically|normally)\s+)?", re.IGNORECASE)

#: what stands between a count of administrations and its rate when the dose comes between
#: them (entity texts removed): "six infusions (of 0.5 mg/kg over 40 minutes), given (twice weekly)"
_DOSE_THEN_GIVEN = re.compile(rf"\s*(?:of|at)\s+(?:\s|,|\(|\))*(?:each\s+)?,?\s*{_GIVEN_PARTICIPLES}\s*", re.IGNORECASE)

#: the link of a schedule to the target named after it with "of" ("two IV infusions, one week apart, of ketamine")
OF_TARGET_AFTER_SCORE = 0.75
_OF_GAP = re.compile(r"[\s,]*of\s+(?:the\s+)?", re.IGNORECASE)

#: the words that attach a therapy to each administration before it: "(twice weekly), each followed by (an integration session)"
_FOLLOWED_BY_BEFORE = re.compile(r"\b(?:each\s+|every\s+one\s+|all\s+)?(?:followed|preceded)\s+(?:\w+\s+){0,3}?by\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
                                 re.IGNORECASE)

#: a clause whose subject is the next administration of the one before it: "(; ) the second follows 14 days later"
_NEXT_ONE_CLAUSE = re.compile(
    r"\s*(?:and\s+)?(?:the|a)\s+(?:second|third|fourth|next|last|final)\b(?:\s+(?:one|session|dose|infusion|injection)s?)?\s+"
    r"(?:follows|followed|is|was|were|are|takes|took|comes|came|will|occurs|occurred)\b", re.IGNORECASE)

#: "(given) as (a single SC injection)": the form of each dose, in a paper that repeats them
_AS_ONE_UNIT = re.compile(r"\bas\s+$", re.IGNORECASE)
_ONE_UNIT_AFTER = re.compile(r"(?:a|one)\s+single\s+(?:[\w.-]+\s+){0,2}?(?:\([\w.-]+\)\s+)?(?:injection|bolus|infusion|dose|shot|spray)\b",
                             re.IGNORECASE)
AS_ONE_UNIT_FACTOR = 0.5

#: the score factor of a phase of a course whose total is stated too
PHASE_OF_TOTAL_FACTOR = 0.9

#: a ceiling right before a count: "up to (12 sessions)", "a maximum of", "at most"
_AT_MOST = r"\b(?:up\s+to|a\s+maximum\s+of|at\s+most|no\s+more\s+than)"
_AT_MOST_BEFORE = re.compile(rf"{_AT_MOST}\s+$", re.IGNORECASE)


def _counted_rate(c: Candidate) -> object:
    """The rate of a schedule counted in sessions: a counted interval ("weekly"), a number of
    times a week ("three times a week", interval "other") or of days between sessions ("every
    third day"); None for daily and other rates."""
    if c.key[2] in _COUNTED_INTERVALS:
        return c.key[2]
    per_week = c.attributes.get("times_per_week")
    if c.key[2] == "other" and per_week:
        return ("other", per_week)
    # (or an interval in days: "at intervals of ten days" for "on study days 1, 11 and 21")
    every_days = c.attributes.get("every_days")
    return ("other", "days", every_days) if c.key[2] == "other" and every_days else None


def _share_alternative_period(phases: list[Candidate], text: str) -> None:
    """Two rates written as alternatives with one period after the second ("ketamine twice
    weekly or once weekly for four weeks"): the period is both arms', so the first rate
    gains it (and the count it gives)."""
    for a, b in zip(phases, phases[1:], strict=False):
        period = b.attributes.get("period_weeks")
        if (period and a.key[0] is None and a.key[2] in _COUNTED_INTERVALS and a.attributes.get("period_weeks") is None
                and _OR_BETWEEN.fullmatch(text[a.end : b.start])):
            f = with_period(a.attributes, period)
            a.value = f.pop("value")
            a.attributes = f
            a.key = (f.get("sessions"), f.get("sessions_max"), f.get("interval"))
            if a.key[0] is not None:
                a.score = min(a.score / PARTIAL_SCHEDULE_FACTOR, 1.0)  # now a whole schedule


#: the words between two alternatives: "or", ", or", "versus"
_OR_BETWEEN = re.compile(r"\s*,?\s*(?:or|versus|vs\.?)\s*", re.IGNORECASE)


def _joined_from(parts) -> list[dict[str, Any]]:
    """The ``joined_from`` attribute of a value made of ``parts`` (candidates): each part's words
    and offsets, so that a reviewer sees where each was stated."""
    return [{"text": x.text, "start": x.start, "end": x.end} for x in parts]


def _first_and_further(cands: list[Candidate], doc: Document) -> None:
    """"... two further sessions at monthly intervals" and "had two further ketamine sessions, one
    and two months after discharge, so that they received three sessions in all": the count one
    above the further sessions, in their paragraph or in a sentence that counts further sessions
    too, or the one session named before them in their sentence ("had received one session ...
    were randomized to two further sessions"), is the whole course at their rate. It takes that
    rate and goes before them."""
    for c in cands:
        n, interval = c.key[0], c.key[2]
        if not n or c.key[1] is not None or interval not in _COUNTED_INTERVALS or not _FURTHER_COUNT.search(c.text):
            continue
        block = doc.block_index(c.start)
        # (in the paragraph of the further sessions, or in a sentence that counts further sessions too)
        wholes = [o for o in cands if o.count_only and o.key == (n + 1, None, "other") and (
            doc.block_index(o.start) == block or (o.sentence is not None and _FURTHER_COUNT.search(doc.text, *o.sentence)))]
        # "patients who had received one KPP session before discharge were randomized to two
        # further sessions at monthly intervals": the one session before them, in their sentence
        wholes += [o for o in cands if o.sentence == c.sentence and o.end <= c.start and o.key == (1, None, "single")
                   and _ONE_COUNTED.match(o.text)]
        if not wholes:
            continue
        parts = [x for x in cands if x.key == c.key]
        top = max(x.score for x in [c, *wholes])
        for o in wholes:
            o.attributes = {**o.attributes, "sessions": n + 1, "interval": interval,
                            "joined_from": _joined_from((o, c))}
            o.key, o.count_only = (n + 1, None, interval), False
            o.value = frequency_value(o.attributes)
            o.score = top
        for x in parts:
            x.score *= LATER_PHASE_FACTOR


#: the subject of a sentence about one person's course, up to the count: "He received (five infusions)",
#: "One participant had only (three sessions)"
_ONE_PERSON_RECEIVED = re.compile(r"(?:^\s*|[.;]\s+)(?:he|she|this\s+(?:patient|participant|man|woman)|one\s+(?:patient|participant))\s+"
                                  r"(?:\w+\s+){0,3}?$", re.IGNORECASE)


def _count_meets_interval(cands: list[Candidate], text: str) -> None:
    """A count stated without its interval ("Participants received three infusions") and an
    interval stated without its count ("later infusions were spaced one week apart"), in a
    paper that states no schedule with both, are one schedule: both become "3 sessions,
    weekly". Only when the paper's strongest count and strongest interval are each
    unrivalled (no other count or interval scores near them), so two phases or arms are not
    crossed. Each part keeps its own words as its evidence, and both parts' offsets go into
    the value's ``joined_from`` attribute, so a reviewer sees where each half was stated."""
    counts = sorted((c for c in cands if c.count_only and (c.key[0] or 0) >= 2), key=lambda c: -c.score)
    rates = sorted((c for c in cands if c.key[0] is None and c.key[2] is not None), key=lambda c: -c.score)
    if not counts or not rates or rates[0].key[2] not in _COUNTED_INTERVALS:
        return  # "once-daily" dosing is not counted in sessions
    count, rate = counts[0], rates[0]
    # a count and a rate of one named phase meet, whatever else the paper schedules ("In the
    # induction phase (weeks 1-4) esketamine was given twice a week" ... "The eight induction
    # sessions were followed by four weekly sessions in weeks 5-8")
    phase = _PHASE_NAME.search(count.text)
    of_phase = [r for r in rates if phase is not None and r.key[2] in _COUNTED_INTERVALS
                and re.search(rf"\b{phase.group(0)}\b", text[r.sentence[0] : r.sentence[1]], re.IGNORECASE)]
    if of_phase:
        rate = of_phase[0]
    elif any(not c.count_only and c.key[0] is not None and c.key[2] in _COUNTED_INTERVALS
             # (but a later phase's, "up to two booster sessions at monthly intervals", leaves the
             # course's count and rate to meet)
             and not (c.sentence is not None and _LATER_PHASE.search(text, max(c.sentence[0], c.start - 40), c.end)) for c in cands):
        return  # a schedule with both is stated
    def later(c: Candidate) -> bool:
        return c.sentence is not None and _LATER_PHASE.search(text, max(c.sentence[0], c.start - 60), c.start) is not None

    # (a later phase's rate, "maintenance dosing sessions every 2 to 4 weeks", is no rival of the
    # course's: "six dosing sessions. Sessions were scheduled twice a week")
    # (one person's count is no rival: "He received five infusions at 0.5 mg/kg; the fourth was cancelled";
    # nor are numbered sessions as the times of a dose: "300 mg (two tablets) at sessions 1 and 2")
    if any(c.key != count.key and c.score >= JOIN_RIVAL * count.score and not _AFTER_NUMBERED.match(c.text)
           and not _ONE_PERSON_RECEIVED.search(
            text[c.sentence[0] if c.sentence else max(0, c.start - 60) : c.start]) for c in counts) or (not of_phase and any(
            c.key != rate.key and c.score >= JOIN_RIVAL * rate.score and (later(rate) or not later(c)) for c in rates)):
        return
    attrs = {**count.attributes, "interval": rate.key[2]}
    if attrs.get("period_weeks") is None:
        attrs["period_weeks"] = rate.attributes.get("period_weeks")
    attrs["joined_from"] = _joined_from(sorted((count, rate), key=lambda c: c.start))
    key = (count.key[0], count.key[1], rate.key[2])
    value = frequency_value(attrs)
    parts = (count.key, rate.key)  # (before the loop rewrites them: every count of that key joins)
    for c in cands:
        if c.key in parts and (c.count_only or c.key == parts[1]):
            c.key, c.value, c.attributes, c.count_only = key, value, dict(attrs), False


def _schedules(items: list[tuple[int, float]], ms: list[Mention], text: str) -> list[list[tuple[int, float]]]:
    """The FREQUENCY spans of one sentence (in text order) cut into schedules: a span that
    states an interval of its own starts a new schedule when the current one has one ("take
    CaD daily and risedronate once every 4 weeks for 12 months": two schedules, not "daily,
    4 weeks"); counts and periods stay with the interval before them, except a count of
    further administrations after a schedule that has its count or period ("twice weekly for
    three weeks, with one or two additional infusions"), a second count and an alternative
    ("a single KPT session or three KPT sessions at monthly intervals") start schedules of
    their own; a count split by the drug name ("3" + "sessions" of "3 ketamine sessions") is
    one count, and so is a count and the unit it is per ("2 doses ... each week"). ``text`` is
    the document's text."""
    extra = _extra_count()
    out: list[list[tuple[int, float]]] = []
    has_interval = sized = has_count = split_count = False
    split_sessions = None  # the number of a count the drug name split ("one KAP session")
    for item in items:
        span = ms[item[0]].text
        f = parse_frequency(span) or {}
        own = f.get("interval") not in (None, "single")
        # a bare number is a count that the drug name splits from its noun ("3" of "3 ketamine
        # sessions"); the noun after it continues that count
        opens_count = _count_start().match(span) is not None
        bare = _count_start().fullmatch(span.strip()) is not None
        stated = f.get("sessions") is not None
        count = stated or bare
        prev = out[-1][-1][0] if out else None
        # "... as a single intramuscular injection; sessions were held weekly": another clause
        # (but "the first drug session is in week 3; the second follows 14 days later, in week 5" goes on)
        gap = text[ms[prev].end : ms[item[0]].start] if prev is not None else ""
        clause = ";" in gap and not _NEXT_ONE_CLAUSE.match(gap[gap.rindex(";") + 1 :])
        # ("daily oral ketamine (Study 1) and then two supervised IM doses": two parts' schedules)
        clause = clause or _PART_LABEL_AFTER.search(gap) is not None
        if out and split_count and not opens_count and not clause:
            out[-1].append(item)
            has_interval, sized, split_count = has_interval or own, True, False
            split_sessions = (parse_frequency(f"{ms[prev].text} {span}") or {}).get("sessions")
            continue
        split_count = bare
        counted = count or f.get("period_weeks") is not None
        # "for 12 weeks, on a schedule that tapered from twice weekly to fortnightly": the period
        # is the whole taper's, not the first interval's
        tapered = prev is not None and own and _TAPER.search(text[ms[prev].end : ms[item[0]].start]) is not None
        if tapered:
            out.append([item])
            has_interval, sized, has_count, split_sessions = own, counted, stated, None
            continue
        # "a single KPT session or three KPT sessions": a count after "or" (but "once-daily
        # doses of telmisartan ... or losartan ... for 3 months" is one schedule of two drugs)
        alternative = (prev is not None and re.search(r"\bor\b", text[ms[prev].end : ms[item[0]].start])
                       and opens_count
                       and not any(x.label == "DRUG" for x in ms[prev + 1 : item[0]]))
        # "daily oral ketamine ... may give a larger effect than a single dose": what the schedule is
        # weighed against is a schedule of its own
        alternative = alternative or (prev is not None and _COMPARED_THAN.search(text, ms[prev].end, ms[item[0]].start))
        # "2 doses of 0.5 mg/kg ketamine subcutaneously each week for 6 weeks": a count, then the
        # unit it is counted per - one rate
        per_unit = has_count and not has_interval and _PER_UNIT.match(span) is not None
        # "one KAP session with three sessions given at monthly intervals": another number after a
        # split count compares two schedules (the same number restated goes on)
        # (but not the weeks they fall in: "four ketamine infusions given in weeks 5 and 6")
        # (nor a rate that counts its weeks: "one ketamine infusion per week for four weeks")
        # (a bare number too: "two further KPP sessions followed, ... so that these participants
        # received three KPP sessions in total")
        number = f.get("sessions") if stated else parse_number(span.strip()) if bare else None
        recount = (opens_count and split_sessions is not None and number is not None
                   and number != split_sessions and not _TIMEPOINT_LIST.match(span))
        # "six ... infusions ... across 3 weeks, then eight weekly supervised doses": a count (or a
        # rate) after "then" starts the next phase
        # (not inside a total's breakdown: "six IV ketamine infusions (an induction of four over two
        # weeks, then boosters at weeks 4 and 6)")
        inside = text[ms[out[-1][0][0]].end : ms[item[0]].start] if out else ""
        then_count = ((opens_count or own) and (has_count or split_sessions is not None) and _THEN_BETWEEN.search(gap) is not None
                      and inside.count("(") <= inside.count(")") and ":" not in inside)
        # "a 14-week esketamine course: four intravenous infusions over two weeks": a count after a
        # colon breaks down the course whose length comes before it
        then_count = then_count or (opens_count and not has_count and not has_interval and ":" in gap and len(out[-1]) == 1
                                    and re.fullmatch(r"\s*[\w.]+[\s-](?:weeks?|months?|days?)\s*", ms[out[-1][0][0]].text) is not None)
        if out and not clause and not recount and not then_count and (per_unit or (not (own and has_interval) and not (count and has_count) and not alternative and not (
                sized and extra.search(span)))):
            out[-1].append(item)
            has_interval, sized, has_count = has_interval or own, sized or counted, has_count or stated
        else:
            out.append([item])
            has_interval, sized, has_count, split_sessions = own, counted, stated, None
    return out


#: "a 600 mcg dose", "a dose of 0.5 mg/kg", "one single dose of": one administration (weak
#: evidence); "at a dose of 0.5 mg/kg", "a daily dose of", "a mean dose of", "a starting dose
#: of" state an amount or a regimen's step instead
_ONE_DOSE = re.compile(
    r"(?<!\bat\s)\b(?:an?|one)\s+(?!(?:daily|maximum|max|mean|median|average|target|starting|initial|cumulative|"
    r"maintenance)\b)(?:single\s+)?(?:(?:[\w.,/-]+\s+){0,3}?)dose\s+(?:of\b)?", re.IGNORECASE)

#: a drug's name and the bracket its amount stands in: "(an oral dose of) MPH ((30 mg))"
_NAME_BRACKET = re.compile(r"\s*[\w-]+\s*\(\s*")

#: the words before "single dose" that make it the unit of a limit: "for (any) single dose"
_LIMIT_UNIT_BEFORE = re.compile(r"\b(?:any|per)\s+$", re.IGNORECASE)
#: a schedule of meetings: "Each cohort of six (met) weekly"
_MET_BEFORE = re.compile(r"\bmet\s+$", re.IGNORECASE)
#: the score factor of such a schedule: dosing may be at some of the meetings only
MEETINGS_FACTOR = 0.7

#: "a single (ketamine) troche": one administration named around the drug's name
_SINGLE_BEFORE_NAME = re.compile(r"\b(?:a\s+single|one\s+single)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_ADMINISTRATION_AFTER_NAME = re.compile(
    r"[\s-]+(?:[\w-]+\s+)?(?:troches?|lozenges?|infusions?|injections?|doses?|tablets?|wafers?|sprays?|sessions?|"
    r"administrations?|bolus)\b", re.IGNORECASE)

#: a phrase that makes what follows (or precedes) it hold for each of several occasions: "On each
#: dosing day", "at every session", "per session"
_PER_OCCASION = re.compile(
    r"\b(?:on|at|in|during|for)\s+(?:each|every)\s+(?:of\s+the\s+)?(?:[\w-]+\s+){0,2}?(?:days?|sessions?|visits?|occasions?)\b"
    r"|\bper\s+(?:dosing\s+|treatment\s+)?session\b", re.IGNORECASE)

#: a schedule written after "after" is mostly a time point: "rose above 160 mmHg after one injection"
_AFTER = re.compile(r"\b(?:after|following)\s+$", re.IGNORECASE)

#: a count that is screened or approached, not planned: "We expect to screen about 400 people",
#: "We expect to approach about 120 patients"
_SCREEN_BEFORE = re.compile(r"\b(?:screen(?:ed|ing)?|approach(?:ed|ing)?|contact(?:ed|ing)?)\s+(?:[\w-]+\s+){0,2}$",
                            re.IGNORECASE)

#: a planned count that is to be screened, not randomized ("508 patients will be required to
#: be screened")
_SCREEN_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,5}?(?:be\s+)?(?:screened|approached|contacted)\b", re.IGNORECASE)

#: the words of a sentence that lists eligibility criteria: "Exclusion criteria were ...",
#: "Patients were excluded if they ..."
_CRITERIA_SENTENCE = re.compile(r"\b(?:exclusion|inclusion|eligibility)\s+criteria\b|\b(?:were|was)\s+excluded\s+if\b", re.IGNORECASE)

#: words that make a sentence an exclusion criterion
_EXCLUSION = re.compile(r"\bexclu(?:ded|sion|sions|ding)\b", re.IGNORECASE)

#: an exclusion criterion written as who was not eligible ("Patients receiving ketamine by
#: continuous subcutaneous infusion for pain were not eligible"; not "those who ... were
#: ineligible", kept in an analysis population)
_NOT_ELIGIBLE = re.compile(r"\bnot\s+eligible\b", re.IGNORECASE)

#: a drug given only as needed, beside the study drug: "on request", "as needed", "for nausea", "rescue"
_AS_NEEDED = re.compile(r"\b(?:on\s+request|as\s+needed|if\s+needed|when\s+needed|as\s+required|p\.?r\.?n\b\.?|for\s+nausea"
                        r"|as\s+(?:an?\s+)?rescue|rescue\s+medication)", re.IGNORECASE)

#: what the study left out, said of the people or records a sentence describes: "records from
#: that service were not reviewed", "were not included in this study"
_NOT_STUDIED = re.compile(r"\b(?:were|was|are|is)\s+not\s+(?:reviewed|included|analy[sz]ed|studied"
                          # "Intramuscular ketamine, offered at the clinic for individual treatment, was not part of this programme"
                          r"|(?:a\s+)?part\s+of\s+(?:this|the)\s+(?:study|trial|programme|program|protocol))\b"
                          # "A further scenario replaced esketamine with intravenous ketamine ...; no patient
                          # in the cohort received intravenous ketamine": a modelled alternative, given to none
                          # (and "In the intravenous ketamine scenario the impact fell", but not the base case)
                          r"|\b(?!base\b|base-case\b|main\b|reference\b|case\b)[\w-]+\s+scenarios?\b"
                          r"|(?:(?<=;\s)no|(?-i:\bNo))\s+(?:patients?|participants?|one)\b[^.;,]{0,30}?\b(?:received|was\s+given|were\s+given)\b",
                          re.IGNORECASE)

#: the run-in label of a structured abstract's part after the background, inside one paragraph
#: a sentence that introduces the study itself: "We describe five patients", "Here we report"
_WE_DESCRIBE = re.compile(r"\s*(?:(?:Background|Introduction)\s*:\s*)?(?:Here,?\s+|In\s+this\s+(?:report|paper|article),?\s+)?"
                          r"we\s+(?:describe|report|present)\b", re.IGNORECASE)

_NEXT_ABSTRACT_PART = re.compile(
    r"(?<=[.!?)\]]\s)(?:Aims?|Objectives?|Purpose|Methods?(?:\s+(?:and|&)\s+(?:analys[ie]s|materials))?|"
    r"Design(?:,?\s+[Ss]etting,?\s+and\s+[Pp]articipants)?|Study\s+design|Trial\s+design|Setting|Participants|"
    r"Patients|Interventions?|Materials?\s+and\s+methods|Main\s+[Oo]utcomes?(?:\s+and)?\s+[Mm]easures?|"
    r"Outcomes?|Results|Findings|Conclusions?(?:\s+and\s+[Rr]elevance)?|Interpretation|Ethics\s+and\s+dissemination|"
    # a case report's parts: "Case presentations:", "Case description:"
    r"Cases?\s+(?:presentations?|descriptions?|reports?|summar(?:y|ies)|details))"
    r"\s*[:.]\s")

#: the run-in heading of a structured abstract's background part (after "Abstract." on the same line)
_BACKGROUND_PART = re.compile(r"\s*(?:abstract\s*[:.]?\s*)?(?:background|introduction|context|rationale|importance)\b[\w ]{0,20}[:.]", re.IGNORECASE)
#: ... written without a colon, as some journals print them: "Background Single ketamine infusions ...",
#: and the label of the part after it: "... placebo. Methods Adults aged 18-65 ..."
_BACKGROUND_PART_BARE = re.compile(r"\s*(?:Abstract\s+)?(?:Background|BACKGROUND|Introduction|Context|Rationale|Importance)\s+(?=[A-Z][a-z])")
_NEXT_ABSTRACT_PART_BARE = re.compile(
    r"(?<=[.!?)\]]\s)(?:Aims?|Objectives?|Purpose|Methods?|Design|Setting|Participants|Patients|Interventions?|Results|Findings"
    r"|Conclusions?|Interpretation|AIMS?|OBJECTIVES?|METHODS?|DESIGN|RESULTS|CONCLUSIONS?)\s+(?=[A-Z])")

#: a step of a percentage right before a schedule: "lowered with 25% (every two weeks)", "reduced by 10%"
_PERCENT_STEP = re.compile(r"\b(?:increas|decreas|reduc|lower|rais|taper|tapered)\w*\s+(?:\w+\s+)?(?:by|with|in\s+steps\s+of)\s+"
                           r"\d+(?:\.\d+)?\s*%\s*$", re.IGNORECASE)

#: the words before the dose most administrations get: "The usual dose was (84 mg)", "the standard dose of"
_USUAL_DOSE = re.compile(r"\b(?:usual|standard|regular|full|maintenance|target)\s+dose\s+(?:was|is|of|=|:)?\s*$", re.IGNORECASE)

#: what stands between a drug class and the target named as its member: "inhaled corticosteroid
#: (budesonide", ", such as", "e.g."
_CLASS_MEMBER_GAP = re.compile(r"\s*(?:[(\[]|,?\s*(?:such\s+as|e\.g\.|i\.e\.|namely|including|like)\b)", re.IGNORECASE)

#: the words that lower a dose: "could lower it to", "the dose was reduced to", "decreased to"
#: a change of the dose just written, in its own clause: "(0.025 mg/kg SC), which may be increased
#: to (0.035 mg/kg)", "(0.05 mg/kg), raised to"
_CHANGED_IN_CLAUSE = re.compile(r"(?:,\s*|\b(?:which|that)\s+)(?:[a-z]+\s+){0,2}?(?:increased|raised|titrated|escalated|"
                                r"reduced|decreased|lowered|adjusted)(?:\s+(?:up|down))?\s+to\s+(?:a\s+)?$", re.IGNORECASE)
_REDUCED_TO = re.compile(r"\b(?:lower|reduc|decreas|drop|cut|tapered)\w*\s+(?:(?:it|the\s+dose|their\s+dose)\s+)?"
                         r"(?:(?:back|down)\s+)?to\s+(?:a\s+)?$", re.IGNORECASE)

#: the score factor of a dose lowered to (for intolerance, mostly): the protocol's dose ranks
#: first, and the lowered dose stated again does not add to its confidence
REDUCED_FACTOR = 0.8

#: a count's breakdown by drug in brackets right after it: "(five ketamine, one midazolam)"
_COUNT_BREAKDOWN = re.compile(rf"\s*\(\s*(?P<n1>{number_pattern()})\s+(?P<d1>[A-Za-z][\w-]*)\s*(?:,|;|and|\+)\s*(?:and\s+)?"
                              rf"(?P<n2>{number_pattern()})\s+(?P<d2>[A-Za-z][\w-]*)\s*\)", re.IGNORECASE)

#: the same after a colon: "Six weekly sessions: five with ketamine at ascending doses ... and one with midazolam"
_COUNT_BREAKDOWN_AFTER_COLON = re.compile(
    rf"\s*:\s*(?P<n1>{number_pattern()})\s+(?:with|of|using|on)\s+(?P<d1>[A-Za-z][\w-]*)\b(?:[^.;:]|\.(?=\d)){{0,150}}?"
    rf"(?:,|\band)\s+(?P<n2>{number_pattern()})\s+(?:with|of|using|on)\s+(?P<d2>[A-Za-z][\w-]*)\b", re.IGNORECASE)

#: the words before the count of the cases a report describes: "We describe (three patients)", "We
#: report the first (two)", "report of (two patients)", "Case descriptions: (Two adults)"
_CASES_BEFORE = re.compile(r"(?:\bwe\s+(?:describe|report|present)|\breport\s+of|\bcase\s+(?:descriptions?|series|reports?)\s*[:.]"
                           r"|\bseries\s+of)\s+(?:the\s+(?:first\s+)?|our\s+(?:first\s+)?)?$", re.IGNORECASE)

#: numbered sessions as the times of something: "after sessions 2, 4 and 6"
_AFTER_NUMBERED = re.compile(r"(?:after|before|at|following)\s+(?:dosing\s+)?(?:sessions?|infusions?|visits?|doses?)\s+\d", re.IGNORECASE)

#: an enantiomer's name, and the racemate's
_ENANTIOMER = re.compile(r"(?:es|ar|lev|dex)\w+$", re.IGNORECASE)
_RACEMIC = re.compile(r"\bracemic\b", re.IGNORECASE)
#: the name of one enantiomer of a racemic drug, or its brand: "esketamine", "(S)-ketamine", "Spravato"
_ENANTIOMER_NAME = re.compile(r"(?:es|ar)ketamine$|\(?[SR]\)?-ketamine$|spravato$|ketanest\s*s$", re.IGNORECASE)
#: the score factor of a value of the enantiomer in a paper that gives the racemate too
ENANTIOMER_FACTOR = 0.8

#: a therapy named as the source of the study's method: "manualised ... from earlier KAP protocols",
#: "based on existing MBCT manuals"
_SOURCE_BEFORE = re.compile(r"\b(?:from|on)\s+(?:the\s+|an?\s+)?(?:earlier|previous|prior|existing|published|established|other)"
                            r"\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_SOURCE_AFTER = re.compile(r"\s+(?:protocols?|manuals?|trials?|studies|programmes?|programs?|models?|work)\b", re.IGNORECASE)

#: the later administrations after the first one's dose: "56 mg at the first session, then 56 or 84 mg"
_THEN_LATER = re.compile(r"\b(?:then|thereafter|afterwards|subsequently|after\s+which)\b", re.IGNORECASE)

#: a raise of the dose just named, as the alternative to keeping it: "(continued 56 mg) or raised it to"
_OR_RAISED_IT = re.compile(r"\bor\s+(?:raised|increased|titrated|escalated|uptitrated)\s+(?:it|the\s+dose)\b", re.IGNORECASE)

#: how many blocks before a value's own the paragraph about dosing may open (a PDF breaks paragraphs)
DRUGLESS_REACH = 2

#: a sentence about the background medication every participant stays on: "All clients continue or
#: start an oral antidepressant, most often sertraline", "remained on stable doses of their medication"
_BACKGROUND_MEDICATION = re.compile(
    r"\b(?:continue[ds]?|continuing|start(?:s|ed)?|remain(?:s|ed)?\s+on|stay(?:s|ed)?\s+on|maintained\s+on|concomitant|background)\b"
    r"[^.;]{0,60}?\b(?:antidepressants?|medications?|psychotropics?)\b", re.IGNORECASE)

#: a comparator with no active drug: "placebo", "saline", "the vehicle"
_INACTIVE_COMPARATOR = re.compile(r"(?:matched\s+|identical\s+)?(?:placebo|saline|vehicle|sham)(?:\s+(?:solution|spray|capsules?|tablets?))?",
                                  re.IGNORECASE)
#: the opening of a paragraph about dosing: "Dosing followed ...", "Doses were ...", "The dose ..."
_DOSING_OPENER = re.compile(r"\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:the\s+)?(?:dosing|doses?|drug\s+administration|administration|"
                            # a run-in heading of the schedule: "2.4 How often. For the first 4 weeks treatment is twice a week"
                            r"how\s+often|(?:treatment\s+|dosing\s+)?(?:schedule|frequency)\s*[.:])", re.IGNORECASE)

#: the link of a schedule in the sentences after the one that names the target and its alternative
ARMS_BEFORE_SCORE = 0.6
#: how far (characters) before a sentence the sentence with the arms may end
ARMS_BEFORE_REACH = 300

#: a session named by the drug before it: "(ketamine) session", "(ketamine) psychotherapy sessions"
_SESSION_AFTER_NAME = re.compile(r"[\s-]+(?:(?:dosing|drug|treatment|psychotherapy|therapy)\s+)?sessions?\b", re.IGNORECASE)
#: a count of sessions and nothing else: "the three sessions", "two further sessions"
_BARE_SESSIONS = re.compile(r"(?:(?:the|their|all)\s+)?[\w-]+\s+(?:(?:further|additional|more)\s+)?sessions", re.IGNORECASE)

#: the link score of a value in a methods paragraph that names no drug, in a paper whose methods
#: name no drug but the target
DRUGLESS_PARAGRAPH_SCORE = 0.5

#: the score factor of a dose in a sentence about exclusions (the excluded people's, or a criterion's)
EXCLUDED_FACTOR = 0.5

#: numbered sessions of a psychotherapy: "(VRET) sessions 1, 3 and 5", "sessions 1, 2, 3 and 4"
_NUMBERED_SESSIONS = re.compile(r"\bsessions\s+(\d{1,2}(?:\s*,\s*\d{1,2})*,?\s*(?:and|&)\s*\d{1,2})\b", re.IGNORECASE)

#: the administrations' interval from the therapy's interval and the step between its numbered sessions
_THERAPY_STEP_INTERVAL = {("weekly", 1): "weekly", ("weekly", 2): "every 2 weeks", ("twice weekly", 2): "weekly",
                          ("weekly", 4): "monthly", ("twice weekly", 1): "twice weekly"}
#: the first sessions of a therapy, each with an administration: "before each of the first (four) PE sessions"
_FIRST_N_SESSIONS = re.compile(r"\beach\s+of\s+the\s+first\s+(\w+)\s+(?:[\w-]+\s+){0,2}?sessions\b", re.IGNORECASE)

#: the score factor of a count without an interval in the title
TITLE_COUNT_FACTOR = 0.7

#: the score factor of a dosage form's implied route where the paper states another route for
#: that form ("The troche was placed between the cheek and gum")
FORM_ROUTE_STATED_FACTOR = 0.7

#: the score factor of a schedule written as a later phase of the regimen
LATER_PHASE_FACTOR = 0.7
#: ... and of a schedule under a sub-heading of a later phase (the whole passage is that phase)
LATER_HEADING_FACTOR = 0.7
#: ... and of a later phase that only responders go on to ("Responders continued ketamine weekly")
RESPONDER_PHASE_FACTOR = 0.6

#: the words before a schedule that make it a later phase: "continued (esketamine once weekly)",
#: "maintenance", "thereafter"
_LATER_PHASE = re.compile(r"\b(?:continued|continuing|continuation|maintenance|thereafter|afterwards|after\s+that|boosters?)\b",
                          re.IGNORECASE)

#: a heading (or run-in heading) of a later phase of a course: "Phase 2: oral maintenance at home", "Phase B
#: (weeks 4-19, home)", "Open-label extension", "Continuation phase"
_LATER_PHASE_HEADING = re.compile(r"\bphase\s+(?:2|II|B|two)\b|\bmaintenance\b|\bextension\b|\bcontinuation\b|\bhome\s+phase\b",
                                  re.IGNORECASE)
#: a paragraph's run-in heading, up to its full stop: "Phase B (weeks 4-19, home)."
#: (or its first line, a heading the paragraph took in: "2.3 Phase 2: oral maintenance at home\n")
_RUN_IN_OPENING = re.compile(r"\s*(?:[A-Z][^.\n]{0,60}?\.(?=\s)|[^\n]{0,70}\n)")
#: "One week after the last IM session, patients began sublingual ketamine"
_AFTER_THE_LAST = re.compile(r"\bafter\s+the\s+(?:last|final)\s+(?:[\w-]+\s+)?(?:session|infusion|injection|dose|treatment)\b",
                             re.IGNORECASE)

#: the subgroup a later phase is for: "Responders continued ...", "Patients who had response at week 4 ..."
_RESPONDERS = re.compile(r"\b(?:responders?|remitters?|(?:patients|participants|those)\s+who\s+(?:had\s+(?:a\s+)?)?"
                         r"(?:respon\w*|remi\w*))\b", re.IGNORECASE)

#: the run of weeks a schedule names: "in weeks 5-8", "from week 5 to week 8"
_WEEK_RUN = re.compile(r"\bweeks?\s+(\d{1,2})\s*(?:-|–|to|through)\s*(?:week\s+)?\d{1,2}\b", re.IGNORECASE)

#: a sub-heading over a later phase: "Open-label continuation (weeks 5-12)", "Maintenance phase"
_LATER_HEADING = re.compile(r"\b(?:continuation|maintenance|extension|boosters?|open[- ]label\s+(?:phase|period))\b",
                            re.IGNORECASE)

#: one session counted: "one KPP session", "a single ketamine session", "1 infusion"
_ONE_COUNTED = re.compile(r"(?:one|1|a\s+single)\s+(?:[\w-]+\s+){0,2}?(?:sessions?|infusions?|doses?|injections?|treatments?)\b",
                          re.IGNORECASE)
#: a count of further administrations, with words between: "two further monthly KAP sessions"
_FURTHER_COUNT = re.compile(r"\b(?:further|additional)\s+(?:[\w-]+\s+){0,2}?(?:sessions|infusions|doses|administrations|treatments|injections)\b",
                            re.IGNORECASE)
#: the words inside a schedule that make it a later phase: "(once a week), four further sessions"
_FURTHER_WITHIN = re.compile(r"\b(?:further|additional)\s+(?:sessions|infusions|doses|administrations|treatments)\b",
                             re.IGNORECASE)

#: the word between two schedules of a sentence that makes the second a later phase: "twice weekly
#: for four weeks and then weekly"
_THEN_BETWEEN = re.compile(rf"\b{_THEN_WORDS}\b", re.IGNORECASE)

#: the words after a schedule that make it a later phase: "weekly (for the next four weeks)"
_FOR_THE_NEXT = re.compile(r"\s*(?:for|over|during|in)\s+the\s+(?:next|following|subsequent|remaining)\b", re.IGNORECASE)

#: the words that put a therapy outside the study: "which was not part of the study programme",
#: "with their own therapist", "received outside the clinic", "continued their usual care"
_OUTSIDE_STUDY = re.compile(
    r"\b(?:not\s+(?:a\s+)?part\s+of\s+(?:the\s+)?(?:study|trial|programme|program|protocol|intervention|KAP|treatment)|"
    # "were also seeing an outside therapist for CBT during the programme"
    r"(?:outside|external)\s+(?:therapists?|psychologists?|psychotherapists?|counsell?ors?|providers?)|"
    r"(?:with|from)\s+(?:their|his|her)\s+own\s+(?:therapist|psychologist|clinician|psychiatrist)|"
    r"outside\s+(?:the\s+)?(?:study|trial|clinic|programme|program|protocol)|"
    r"continued\s+(?:their|his|her)\s+usual)\b", re.IGNORECASE)

#: a therapy the patients were already in, before its name: "(an adjunct to their) ongoing (CBT-E)",
#: "their existing (DBT)", "(KAP was offered as) an adjunct to (CBT-E)"
_ONGOING_BEFORE = re.compile(r"\b(?:ongoing|existing|continuing|pre-existing)\s+(?:[\w-]+\s+){0,2}$"
                            r"|\b(?:adjunct|add-on)\s+to\s+(?:(?:their|the|his|her)\s+)?$", re.IGNORECASE)

#: the words before a therapy that make it one the patients did not benefit from before:
#: "(who had) not responded to at least two (trauma-focused therapies)", "refractory to (CBT)"
_NOT_RESPONDED_TO = re.compile(r"\b(?:not\s+responded|failed\s+to\s+respond|non-?response|no\s+response|inadequate\s+response|"
                               r"refractory|resistant|failed)\s+to\s+(?:at\s+least\s+|one\s+or\s+more\s+)?(?:[\w-]+\s+){0,3}$",
                               re.IGNORECASE)

#: the drug-free sessions around a drug-assisted psychotherapy's drug sessions: "preparation sessions",
#: "the preparatory sessions", "beyond the ketamine sessions"
_AROUND_DRUG_SESSIONS = re.compile(r"\bprepar(?:ation|atory)\s+(?:sessions?|meetings?|visits?)\b"
                                   r"|\b(?:beyond|besides|in\s+addition\s+to|apart\s+from|outside)\s+the\s+"
                                   r"(?:ketamine|esketamine|drug|dosing|medicine)\s+sessions\b", re.IGNORECASE)

#: the words that make a therapy the frame of the whole treatment: "Within an ACT framework",
#: "used throughout treatment" (but not "site C described theirs as informed by IFS": one site's)
_WHOLE_FRAME = re.compile(r"\b(?:framework|throughout\s+(?:the\s+)?(?:treatment|course|programme|program))\b", re.IGNORECASE)

#: "randomized to" before what the arms were given
_RANDOMIZED_TO = re.compile(r"\brandomi[sz]ed\s+(?:1:1\s+)?to\b", re.IGNORECASE)
#: what every arm was given: "All participants received", "Both groups also attended"
_EVERY_ARM_RECEIVED = re.compile(r"\b(?:all|both)\s+(?:participants|patients|groups|arms)\s+(?:also\s+)?"
                                 r"(?:received|receive|attended|attend|were\s+offered|had)\b", re.IGNORECASE)

#: the score factor of a therapy the paper puts outside the study
OUTSIDE_STUDY_FACTOR = 0.5

#: the words before a therapy's name that make it a topic a session covers: "four group
#: sessions covering depression, the effects of esketamine and relapse prevention"
_TOPIC_BEFORE = re.compile(r"\b(?:covering|covered|covers|topics?\s+(?:included|includes|such\s+as|of)|addressing)\b[^.;:()]*$",
                           re.IGNORECASE)
#: an article's main study among two it reports ("Study 2, the main study", "Study 2 (the main
#: trial)"), a study's name in a heading or at a sentence's start ("STUDY 1: OPEN PILOT", "In Study 1,"),
#: and the weight of what is stated of the other study
_MAIN_STUDY = re.compile(r"\bStudy\s+(?P<id>[12AB])\b\s*[,(]\s*(?:the\s+)?main\s+(?:study|trial)\b", re.IGNORECASE)
_STUDY_NAME = re.compile(r"\s*(?:(?:[IVX]+\.|\d+\.?)\s+)?(?:[A-Z][a-z]+[:.]\s+)?(?:in\s+)?(?P<word>study|part|phase)\s+(?P<id>[12AB])\b",
                         re.IGNORECASE)
#: a part of an article's own study described where it is named: "an open pilot (Study 1)", "STUDY 1:
#: OPEN PILOT", "In Study 2, a double-blind trial, ...", "Study A was a dose-finding study", "In
#: Part 1 (dose finding)", "Phase 1 of this study" (not "a phase 2 trial": no own part)
def _part_name(m: re.Match[str]) -> str:
    """The name of an article's part that ``m`` (with groups ``word`` and ``id``) matched, as
    ``_main_study`` names it: "study 1", "part b", "phase 2"."""
    return f"{m.group('word')} {m.group('id')}".lower()


#: a part's name in brackets after what it did: "daily oral ketamine (Study 1)"
_PART_BRACKET = r"\(\s*(?P<word>Study|Part|Phase)\s+(?P<id>[12AB])\s*\)"
_PART_DESCRIBED = re.compile(
    rf"(?P<before>[^.;()\n]{{0,80}}){_PART_BRACKET}"
    r"|(?:^|\n|\.\s|:\s)(?:\d+\.\s*|[IVX]+\.\s*)?(?:In\s+)?(?P<word2>STUDY|Study|PART|Part|PHASE|Phase)\s+(?P<id2>[12AB])"
    r"(?P<after>\s*(?::|,|\(|\s+(?:was|is|enrolled|randomi[sz]ed|tested|used|of\s+this\s+study))[^.;\n]{0,80})",
    re.IGNORECASE)
#: the description of a part that is a randomized trial; of a dose-finding part; of a minor part
_PART_RANDOMIZED = re.compile(r"\brandomi[sz]|\bcontrolled\b|\bdouble-blind|\bRCT\b", re.IGNORECASE)
_PART_DOSE_FINDING = re.compile(r"\bdose[- ](?:finding|escalation|ranging|titration)\b", re.IGNORECASE)
_PART_MINOR = re.compile(r"\bpilot\b|\bopen\b|open-label|\bdose[- ](?:finding|escalation|ranging)\b|\bfeasibility\b|"
                         r"\bfollow-up\b|\bextension\b|\bcohort\b|\bbooster\b|\bcontinuation\b|\bobservational\b|\bcase\s+series\b",
                         re.IGNORECASE)
OTHER_STUDY_PART_FACTOR = 0.6

#: the opening of a supplement's part printed after the references: "Supplementary Methods S1.",
#: "Supplementary Table S2", "eMethods 1", "Appendix S1"
_SUPPLEMENT_OPENING = re.compile(r"\s*(?:(?:Supplementa(?:ry|l)|Online)\s+(?:Methods?|Materials?|Tables?|Figures?|Fig\.)"
                                 r"|e(?:Methods|Table|Figure)|Appendix)\s*[A-Z]?\d+\b")
#: the weight of a supplement's part, against the methods'
SUPPLEMENT_FACTOR = 0.8

#: the words of an animal experiment, and of a study in people (``Assembler._translational``)
_ANIMAL_WORDS = re.compile(r"\b(?:rats?|mice|mouse|rodents?|animals?|wistar|sprague[- ]dawley|c57bl/?6\w*|"
                           r"intraperitoneal(?:ly)?|i\.p\.)(?![\w-])", re.IGNORECASE)
_PEOPLE_NOUNS = (r"(?:patients?|participants?|adults?|veterans?|people|volunteers?|outpatients?|inpatients?|clients?|women|men|"
                 r"workers|clinicians)")
_PEOPLE_WORDS = re.compile(rf"\b{_PEOPLE_NOUNS}\b", re.IGNORECASE)
#: a run-in label at a line's start inside a paragraph: "(Rats.) All 27 rats completed testing."
_PART_LABEL_AFTER = re.compile(_PART_BRACKET)
#: a run-in label that names a part of the study: "Phase 1: dose finding. ", "Study 2. "
_PART_RUN_IN = re.compile(r"(?m)^[ \t]*(?P<word>Study|Part|Phase)\s+(?P<id>[12AB])\b[^.\n]{0,40}\.[ \t]+(?=[A-Z])")
_RUN_IN_LABEL = re.compile(r"(?m)^[ \t]*([A-Z][A-Za-z -]{1,40})\.[ \t]+(?=[A-Z])")
#: ... counted or enrolled: "64 adults", "Seventy patients", "Patients were randomized to three sessions"
_PEOPLE_COUNTED = re.compile(r"\b(?:\d[\d,]*|[a-z]+ty(?:-[a-z]+)?|[a-z]+teen|ten|eleven|twelve)\s+(?:[a-z-]+\s+){0,2}?"
                             rf"{_PEOPLE_NOUNS}\b|\b{_PEOPLE_NOUNS}\s+(?:were|was)\s+(?:randomi[sz]ed|enrolled|recruited|"
                             # ("In patients (n = 46 randomized)")
                             rf"assigned|allocated|included)\b|\b{_PEOPLE_NOUNS}\s*\(\s*n\s*=\s*\d", re.IGNORECASE)
#: the score factor of a value of the animal part of a paper that reports a study in people too
ANIMAL_PART_FACTOR = 0.5


def _names_animals_only(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` name animals and no people (``Assembler._animal_part``)?"""
    return _ANIMAL_WORDS.search(text, start, end) is not None and _PEOPLE_WORDS.search(text, start, end) is None

#: the score factor of a therapy named as a session's topic
TOPIC_FACTOR = 0.5

#: the words before a therapy's name that make it one site's approach in a multi-site study:
#: "site C therapists described theirs as informed by (Internal Family Systems)"
_ONE_SITE_BEFORE = re.compile(r"\b(?:sites?|centres?|centers?|clinics?)\s+[A-Z0-9]\b(?![.-]\d)[^.;]*$")
#: the score factor of one site's therapy
ONE_SITE_FACTOR = 0.6

#: the opening of a clause that counts per cycle: "In each of three monthly cycles (..., one drug session)"
_IN_EACH = re.compile(r"\b(?:in|during|within|for|at)\s+each\s+(?:of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?)?"
                      r"(?:cycles?|weeks?|months?|visits?|phases?|blocks?|periods?|courses?|rounds?)\b", re.IGNORECASE)

#: the score factor of one session counted per cycle
PER_CYCLE_FACTOR = 0.5

#: the words of a sentence about practice in general, not the study: "infusions of 50-150 mg per
#: 24 h are common", "doses are typically 0.5 mg/kg" (but not a relative clause's aside: "Allowing for
#: 20% attrition, which is common in advanced cancer, we will randomise 180 participants")
_GENERAL_PRACTICE = re.compile(r"(?<!\bwhich\s)\b(?:are|is)\s+(?:(?:most|more|very|quite|also)\s+)?(?:common|commonly\s+(?:used|given|prescribed)|"
                               r"widely\s+used|usual|typical|typically\s+(?:used|given)|"
                               # "Intravenous ketamine and intranasal esketamine are effective for depression but costly"
                               r"(?:effective|approved|licensed)\s+(?:for|in)\s+(?:the\s+treatment\s+of\s+)?(?:[\w-]+\s+){0,2}?"
                               r"(?:depression|disorders?|PTSD)\b(?:\s+but\b)?|"
                               # "Intravenous ketamine is rarely available outside the main centres": access to it
                               r"(?:rarely|seldom|not|not\s+widely|poorly|unevenly|only)\s+(?:available|accessible)\b)", re.IGNORECASE)

#: the words after a count of those who went on to a later phase: "644 clients (entered maintenance)",
#: "(who) continued into the open-label extension"
_ENTERED_LATER_PHASE = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:entered|continued\s+(?:in|into|to|with)|proceeded\s+to|moved\s+(?:on\s+)?(?:to|into)|"
    r"went\s+on\s+to|progressed\s+to)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?"
    r"(?:maintenance|continuation|extension|booster|open-label)\b", re.IGNORECASE)
#: the score factor of such a count
LATER_PHASE_COUNT_FACTOR = 0.6

#: the score factor of a value in a sentence about practice in general
GENERAL_PRACTICE_FACTOR = 0.5

#: what stands between the last arm and a schedule every arm shares: "(midazolam) infusions (...) given"
_GIVEN_RIGHT_AFTER_ARM = re.compile(r"\s*(?:infusions?|injections?|doses?|sessions?|sprays?|lozenges?|troches?)?\s*"
                                    r"(?:each\s+|both\s+|all\s+)?(?:given|administered|infused|delivered|injected)\s*",
                                    re.IGNORECASE)
#: what joins two arms alike: "(ketamine) infusions (...) or three (midazolam)"
_ARMS_ALIKE = re.compile(r"\s*(?:infusions?|injections?|doses?|sessions?|sprays?|lozenges?|troches?)?\s*,?\s*"
                         r"(?:or|and|versus|vs\.?|to)\s+(?:[\w-]+\s+)?", re.IGNORECASE)

#: a clause that opens with the administrations it schedules: "Medicine sessions take place (on ...)"
_ADMINISTRATION_OPENER = re.compile(r"\s*(?:the\s+|all\s+)?(?:medicine|medication|dosing|drug|ketamine|esketamine)\s+"
                                    r"(?:sessions?|journeys?)\s+(?:take|took|were|are|was|is)\b", re.IGNORECASE)

#: dosing as the subject right before its rate: "(so that) dosing took place (every two weeks)"
_DOSING_TOOK_PLACE = re.compile(r"\b(?:dosing|(?:dosing|medicine|drug)\s+sessions)\s+(?:took|takes|will\s+take)\s+place\s+$", re.IGNORECASE)

#: administrations as the clause's subject, right before its schedule: "Infusions took place (on ...)",
#: "Injections were given (twice a week)"
_ADMINISTRATIONS_SUBJECT = re.compile(r"\s*(?:the\s+|all\s+)?(?:infusions|injections|doses|(?:dosing|drug|medicine|medication)\s+sessions)\s+"
                                      # ("Dosing sessions were then held once a week in weeks 3 to 6")
                                      # ("Dosing sessions were normally booked every other week")
                                      # ("Infusions were therefore given once weekly", "were thus given at weekly intervals")
                                      r"(?:took\s+place|were\s+(?:(?:then|thus|therefore|hence|also|always|[a-z]+ly),?\s+)?"
                                      r"(?:given|administered|held|scheduled|delivered|booked|spaced))\s+(?:[\w-]+\s+){0,5}?$", re.IGNORECASE)

#: the sessions of the study drug by their name: "dosing sessions", "drug sessions", "medicine sessions"
_DOSING_SESSIONS = re.compile(r"\b(?:dosing|drug|medicine|medication)\s+sessions\b", re.IGNORECASE)

#: ... and right before its rate: "(so that) the infusions were (weekly)"
_ADMINISTRATIONS_WERE = re.compile(r"\b(?:the\s+)?(?:infusions|injections|doses)\s+(?:were|are)\s+$", re.IGNORECASE)

#: a heading over no dosing: "Outcomes:", "Measures", "Statistical analysis", "Data collection"
_NOT_DOSING_HEADING = re.compile(r"\b(?:outcomes?|measures?|measurements?|assessments?|statistic\w*|analys[ie]s|"
                                 r"data|ethics|consent|safety\s+monitoring)\b", re.IGNORECASE)

#: the subject of a clause about one case of a series: "She (received ...)", "Case 2 (was given ...)"
_ONE_CASE_SUBJECT = re.compile(r"\s*(?:(?:in|for|at)\s+[^,]{0,30},\s*)?(?:she|he|(?:case|patient|participant)\s+\d{1,2}|"
                               r"(?:case|patient|participant)\s+[A-H]\b|(?-i:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z])\w*|"
                               r"an?\s+\d{1,3}-year-old\b)\b", re.IGNORECASE)

#: the start of a table row of one case: "Case 5 | M, 39 | ...", "Patient 2<TAB>..."
_CASE_ROW = re.compile(r"\s*(?:case|patient|participant)\s+(?:\d{1,2}|[A-H])\s*[|\t]", re.IGNORECASE)

#: the heading of one case of a series: "Case 3", "Patient B", "Case 2: a veteran with PTSD"
_ONE_CASE_HEADING = re.compile(r"\s*(?:case|patient|participant|vignette)\s+(?:\d{1,2}|[A-H]|one|two|three|four|five|six)\b(?!\s*(?:and|to|-|–)\s)",
                               re.IGNORECASE)

#: a pronoun for one case in a value's sentence: "so he received (two further sessions)", "(200 mg)
#: because she felt only mild effects"
_ONE_CASE_PRONOUN = re.compile(r"\b(?:she|he|her|his|him)\b", re.IGNORECASE)
#: a pronoun pair that means anyone: "his or her", "he/she"
_EITHER_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\s*(?:or|/)\s*(?:she|he|her|his|him)\b", re.IGNORECASE)

#: the precision a dose is rounded to: "rounded to the nearest (10 mg)", "to the nearest (5 mg)"
_ROUNDED_TO = re.compile(r"\b(?:rounded\s+(?:up\s+|down\s+)?)?to\s+the\s+nearest\s+$", re.IGNORECASE)

#: the score factor of a value told of one case of a series
ONE_CASE_FACTOR = 0.7

#: the first week of a run that makes a schedule a later phase on its own ("from week 5 to week 8")
LATER_RUN_FIRST_WEEK = 4

#: the noun after a schedule that makes it a later phase: "(fortnightly) boosters", "(monthly)
#: maintenance infusions"
_LATER_PHASE_NOUN_AFTER = re.compile(r"\s*(?:[\w-]+\s+)?(?:boosters?|maintenance|continuation)\b", re.IGNORECASE)

#: the words after a schedule that make it a later phase: "(once weekly in weeks 5-8) (four further sessions)"
_FURTHER_AFTER = re.compile(r"\s*[(,]?\s*(?:\w+\s+)?(?:further|additional|more)\s+(?:sessions|infusions|doses|administrations)\b",
                            re.IGNORECASE)

#: a participle clause after the listed arms: ", infused IV over 40 min (on day 1 ...)"
_GIVEN_CLAUSE = re.compile(r",\s*(?:infused|given|administered|injected|delivered)\b[^,;]*$", re.IGNORECASE)

#: a clause that gives every listed arm the same schedule: ", each taken at ...", ", both given ..."
_EACH_GIVEN = re.compile(r",\s*(?:each|both|all)\s+(?:\w+\s+)?(?:taken|given|administered|delivered|infused|injected|run)\b",
                         re.IGNORECASE)

#: a sentence whose subject is administrations: "Dosing meetings were held ...", "The infusions took place ...",
#: "Dosing sessions take place ..." (a protocol), "Drug sessions were held ...", "The three dosing sessions occur ..."
_ADMINISTRATION_SUBJECT = re.compile(
    # "The first drug session is in week 3", "the second dosing session was"
    r"\s*(?:the\s+)?(?:first|second|third|last|final|next)\s+(?:drug|dosing|medicine|ketamine)\s+session\s+(?:is|was|will\s+be|took|takes)\b|"
    r"\s*(?:the\s+|all\s+|both\s+)?(?:(?:two|three|four|five|six|seven|eight|nine|ten|twelve|\d{1,2})\s+)?"
    r"(?:(?:later|subsequent|remaining|further|following|other)\s+)?(?:(?:ketamine|drug|study|active|medicine)\s+)?(?:dosing(?:\s+(?:sessions|meetings|visits|days))?"
    r"|infusions|injections|administrations|journeys|(?<=drug\s)sessions|(?<=medicine\s)sessions)\s+(?:(?:then|thereafter|subsequently|again)\s+)?"
    r"(?:were|took|occurred|was|take|occur|are|will|recurred|recur|recurs|continued|continues|resumed|followed)\b"
    # "Doses were given twice weekly" (but not "Doses were raised weekly": a titration)
    r"|\s*(?:the\s+|all\s+)?(?:(?:study|drug)\s+)?doses\s+(?:were|are|will\s+be)\s+(?:\w+ly\s+)?(?:given|administered|taken|delivered)\b"
    # "(The) study drug is therefore given on visits 5, 7, 9 and 11 only, once a week"
    r"|\s*(?:the\s+)?(?:study\s+)?(?:drug|medication)\s+(?:is|was|will\s+be)\s+(?:then\s+|therefore\s+|thus\s+|always\s+|only\s+)?"
    r"(?:given|administered|injected|infused|delivered)\b",
    re.IGNORECASE)

#: an opening that gives a count of administrations to every arm: "Each arm has (three dosing
#: sessions)", "Both groups received", "Each patient received (a single dose) of the study drug"
_EVERY_ARM_HAS = re.compile(r"\s*(?:(?:each|every|both|all)\s+(?:arms?|groups?|conditions?)|(?:each|every)\s+(?:patient|participant|subject))\s+"
                            r"(?:has|have|had|will\s+have|receives?|"
                            r"received|will\s+receive|attends?|attended|gets?|got)\s+(?:(?:a\s+total\s+of|in\s+total)\s+)?",
                            re.IGNORECASE)

#: a completion before a count of administrations, which is the planned count: "(Seventy-six)
#: received all (three infusions)", "completed all of the (six dosing sessions)"
_RECEIVED_ALL = re.compile(r"\b(?:received|completed|attended|underwent|finished|had)\s+all\s+(?:of\s+)?(?:the\s+|their\s+)?\Z",
                           re.IGNORECASE)

#: a table row's label for the planned course or schedule: "Planned course", "Dosing schedule:"
_COURSE_ROW = re.compile(
    r"\s*(?:(?:planned|intended|scheduled|protocol(?:led)?|standard|treatment|dosing|drug|medicine)\s+)?"
    r"(?:course|schedule|regimen|frequency)\s*(?:\([^()\n]{0,30}\))?\s*[:|\t]?",
    re.IGNORECASE)
#: a table row's label for the dose: "Dose per dosing session", "Dose range (mg):", "Dosing"
_DOSE_ROW = re.compile(
    r"\s*(?:(?:planned|target|starting|initial|usual|protocol)\s+)?(?:dose|doses|dosing|dose\s+range)"
    r"(?:\s+(?:per|each|at\s+each|for\s+each)\s+(?:[\w-]+\s+)?(?:session|administration|injection|infusion|dose|visit))?"
    r"\s*(?:\([^()\n]{0,30}\))?\s*[:|\t]?",
    re.IGNORECASE)
#: how many blocks above a table's row its caption may stand
TABLE_REACH = 12

#: where a new clause with its own subject begins: ", and MET sessions ...", "; ..."
_NEXT_CLAUSE = re.compile(r",\s+(?:and|while|whereas|but)\s+|;\s", re.IGNORECASE)

#: an existential opening before a count of administrations: "There were therefore (three infusions)"
_THERE_WERE = re.compile(r"\s*there\s+(?:were|was|are|will\s+be)\s+(?:(?:therefore|thus|hence|then|in\s+total)\s+)?",
                         re.IGNORECASE)

#: a rate right after a count of one: "one infusion in each of the first three weeks", "one dose a week"
_RATE_AFTER = re.compile(rf"\s+(?:{EACH_OF_PERIODS.pattern}|(?:a|per|each|every)\s+(?:week|day|month)\b)", re.IGNORECASE)

@lru_cache(maxsize=1)
def _first_weeks_after() -> re.Pattern[str]:
    """The first weeks of a course right after a rate: "(twice weekly) for the first two weeks",
    "(on Mondays and Thursdays) of the first 2 weeks"."""
    return re.compile(rf"\s+(?:of|during|in|for|over|across|throughout)\s+(?:the\s+)?first\s+(?:{number_pattern()})\s+weeks?\b",
                      re.IGNORECASE)


#: an event that happened during some administrations: "elevations ... occurred during (6 infusions)"
_EVENT_DURING = re.compile(r"\b(?:occurred|occurring|observed|reported|noted|recorded|happened|seen|experienced|documented)\s+"
                           r"(?:[\w-]+\s+){0,2}?(?:during|in|at|after|with)\s+(?:the\s+)?$", re.IGNORECASE)

#: what happened to some administrations: "(One infusion) was stopped at 20 minutes"
_EVENT_OF_ADMINISTRATION = re.compile(
    r"\s+(?:was|were|had\s+to\s+be)\s+(?:\w+ly\s+)?(?:stopped|paused|interrupted|halted|terminated|discontinued|missed|"
    r"delayed|postponed|cancell?ed|cut\s+short|aborted|rescheduled|repeated)\b", re.IGNORECASE)

#: the words that make a count a rule's ceiling, not a plan: "no more than (one injection will be given
#: in any week)" (but "up to six sessions" may be the plan)
_NO_MORE_THAN = re.compile(r"\b(?:(?:no|not)\s+more\s+than|at\s+most)\s+$", re.IGNORECASE)

#: the verb of a count of administrations that is its sentence's subject: "four infusions were given",
#: "Three dosing sessions are held one week apart", "three dosing sessions take place in weeks 3, 4 and 5"
_COUNT_GIVEN = re.compile(
    r"\s+(?:(?:were|was|are|is|will\s+be|had\s+been|have\s+been)\s+(?:\w+ly\s+)?"
    r"(?:given|administered|delivered|infused|injected|held|scheduled|conducted|provided)"
    r"|(?:take|took|will\s+take)\s+place)\b", re.IGNORECASE)

#: a sentence whose subject is sessions not said to be of a drug or a therapy: "Sessions took place",
#: "Dosing visits were held"
_SESSIONS_SUBJECT = re.compile(r"\s*(?:the\s+|all\s+)?(?:dosing\s+)?(?:sessions|visits)\s+(?:were\s+held|took\s+place|take\s+place|"
                               r"were\s+scheduled|are\s+held|are\s+scheduled|occurred|will\s+take\s+place|will\s+be\s+held)\b",
                               re.IGNORECASE)

#: a sentence whose subject is a pronoun for administrations just named: "They are normally booked",
#: "These were given", "Both were held"
_PRONOUN_SUBJECT = re.compile(r"\s*(?:they|these|those|both|all\s+of\s+them|(?:the\s+)?(?:dosing\s+|drug\s+|medicine\s+)?sessions)\s+(?:\w+\s+){0,2}?"
                              r"(?:are|were|was|will\s+be|took|take|occurred|occur)\b", re.IGNORECASE)

#: the score factor of a ceiling written as what a dose may not exceed
DOSE_CAP_FACTOR = 0.5

#: the words before a ceiling: "may not exceed (100 mg)", "doses exceeding", "not to exceed"
_EXCEED_BEFORE = re.compile(r"\bexceed(?:s|ed|ing)?\s+$|\b(?:no|any)\s+(?:single\s+)?(?:dose|injection|infusion|administration)s?\s+"
                            r"(?:was\s+|were\s+|is\s+|may\s+be\s+)?(?:above|over|greater\s+than|higher\s+than|more\s+than)\s+$",
                            re.IGNORECASE)  # (and "any dose above 400 mg needed approval")

#: the words that name a dose as a maximum: "with a maximum single dose of", "up to a maximum of", "capped at"
_MAX_DOSE_BEFORE_PATTERN = (r"\b(?:(?:maximum|max\.?|ceiling)\s+(?:single\s+|total\s+)?(?:dose\s+)?(?:of\s+)?|capped\s+at\s+"
                            r"|to\s+a\s+maximum\s+of\s+)$")
_MAX_DOSE_BEFORE = re.compile(_MAX_DOSE_BEFORE_PATTERN, re.IGNORECASE)
#: a cap named by a noun right after its amount: "(100 mg) cap", "(80 mg) ceiling", "(50 mg) dose cap"
_CAP_NOUN_AFTER = re.compile(r"\s+(?:dose\s+)?(?:cap|ceiling)\b", re.IGNORECASE)
#: the words after a ceiling: "(250 mg) was never exceeded", "(100 mg) must not be exceeded"
_NOT_EXCEEDED_AFTER = re.compile(r"\s+(?:was|were|is|are|must|may|should|will)\s+(?:be\s+)?(?:never|not)\s+(?:be\s+)?exceeded\b",
                                 re.IGNORECASE)
#: the words that name a titration's cap: "Doses never exceeded (300 mg)", "capped at", "to a maximum of"
_CAP_BEFORE = re.compile(rf"(?:{_EXCEED_BEFORE.pattern})|(?:{_MAX_DOSE_BEFORE_PATTERN})", re.IGNORECASE)
#: a titration's rule by steps: "raised by 100 mg", "increased by 0.25 mg/kg", "in 50-mg steps"
_STEP_RULE = re.compile(rf"\b(?:{_RAISE_STEMS}|lower|reduc|decreas)\w*\s+(?:\w+\s+){{0,2}}?by\s+\d|\bin\s+\d[\d.]*[\s-]?mg(?:/kg)?[\s-]+(?:steps|increments)\b"
                        r"|\bincrements?\s+of\s+\d", re.IGNORECASE)
#: the words between a weight-based dose and the amount it comes to: "(0.5 mg/kg), that is (35 mg)",
#: " (= ", ", i.e. ", " (equivalent to "
_EQUIVALENT_GAP = re.compile(r"\s*,?\s*\(?\s*(?:that\s+is|i\.\s?e\.|=|≈|~|equivalent\s+to|corresponding\s+to|equal\s+to)\s*,?\s*",
                             re.IGNORECASE)

#: the words before a dose that make it a summary of the doses delivered: "the mean dose was", "the
#: median (dose per session across the trial was)", "(IQR", "(range"
_STATISTIC_BEFORE = re.compile(
    r"\b(?:mean|median|average|modal)\b(?:\s+(?!(?:or|and)\b)[\w-]+){0,7}?\s*(?:was|were|of|:|=)?\s*$", re.IGNORECASE)
_SPREAD_BEFORE = re.compile(r"\(\s*(?:IQR|interquartile\s+range|range|SD|s\.d\.)\s*[:=,]?\s*$", re.IGNORECASE)
#: the score factors of a summary of delivered doses (a mean or a median) and of its spread (IQR, range)
STATISTIC_FACTOR = 0.6
SPREAD_FACTOR = 0.3

#: the score factor of a fixed cap on a weight-based dose, which the paper lists after the dose
WEIGHT_CAP_FACTOR = 0.7

#: the words before a dose that give it to the comparison arm: "low-dose (0.15 mg/kg)"
_LOW_ARM_BEFORE = re.compile(r"\b(?:low|lower|very[\s-]low|sub-?therapeutic)[\s-]dose\s*\(?\s*$", re.IGNORECASE)
#: ... and after it: "0.25 mg/kg in the comparison group", "0.15 mg/kg (low-dose group)"
_LOW_ARM_AFTER = re.compile(r"\s*\(?\s*(?:in\s+the\s+|for\s+the\s+)?(?:low[\s-]dose|lower[\s-]dose|comparison|control|active[\s-]placebo"
                            r"|active[\s-]control)\s+(?:group|arm|condition)\b", re.IGNORECASE)
#: the words that make a therapy the filler of a comparison: "To match contact time, ...", "attention-matched"
_CONTACT_MATCHED = re.compile(r"\bto\s+match\s+(?:the\s+)?(?:contact|attention|therapist)(?:\s+time)?\b|\bmatched\s+for\s+(?:contact|attention)\b"
                              r"|\b(?:contact|attention)[\s-]matched\b", re.IGNORECASE)

#: a labelled line of a box or list of fields, before its value: "Route: ", "Dose: ", "Number of
#: drug sessions: "; and the field that names the drug the lines under it describe: "Study drug: "
_FIELD_LABEL = re.compile(r"\s*(?:route|dose|dosing|doses|schedule|frequency|administration|sessions|number\s+of\s+(?:[\w-]+\s+)?"
                          r"(?:sessions|doses|infusions|injections))\s*:", re.IGNORECASE)
_DRUG_FIELD = re.compile(r"\s*(?:study\s+)?(?:drug|medication|medicine|intervention|product|preparation|formulation|agent)\s*:", re.IGNORECASE)
#: how many lines above its field the drug field may stand, and the link score it gives
BOX_FIELD_REACH = 6
BOX_FIELD_SCORE = 0.75

#: a paragraph's run-in label of a comparison arm: "Arm 2 (active placebo).", "Control group:",
#: "Comparison arm (low-dose ketamine)."
_COMPARISON_ARM_LABEL = re.compile(
    r"\s*(?:(?:arm|group|condition)\s+(?:\d|[A-C]|two|three)\s*\(\s*(?:active[\s-])?(?:placebo|control|comparator|comparison)[^)]{0,30}\)"
    r"|(?:active[\s-])?(?:placebo|control|comparator|comparison)\s+(?:arm|group|condition)(?:\s*\([^)]{0,40}\))?)\s*[.:]\s",
    re.IGNORECASE)
#: a trial whose every dose arm is under test: "dose-finding", "dose-ranging", a "middle-dose arm"
_DOSE_FINDING = re.compile(r"\bdose[\s-](?:finding|ranging|escalation)\b|\b(?:middle|medium|intermediate|moderate)[\s-]dose\s+(?:arm|group)",
                           re.IGNORECASE)
#: how far a comparison arm's dose ranks below the dose under test
COMPARISON_ARM_FACTOR = 0.9

#: the score factor of a dose given to an age or weight subgroup ("those aged 65 or over receive 28 mg")
SUBGROUP_FACTOR = 0.9

#: the score factor of a dose or route given only to those whom the study's own dosing did not
#: help ("Patients who had little response to SL dosing ... received IM ketamine at 0.5-1.0 mg/kg")
NON_RESPONDER_FACTOR = 0.7

_OWN_DOSING = (r"(?:the\s+)?(?:(?:first|initial|starting|lower|standard)\s+)?"
               r"(?:(?:SL|IN|IV|IM|oral|sublingual|intranasal|intravenous|intramuscular)\s+)?"
               r"(?:dos(?:e|es|ing)|sessions?|infusions?|injections?|ketamine|esketamine|troches?|lozenges?|sprays?)\b")

#: those whom the study's own dosing did not help: "Non-responders", "patients who had little
#: response to SL dosing", "those who did not respond to the first infusion" (not "patients who
#: had not responded to two antidepressants" nor "CBT non-responders": a trial's population)
#: who the people of a sentence are
_PEOPLE = r"(?:patients|pts|participants|those|subjects|individuals|people|residents|clients|veterans|women|men)"
_NON_RESPONDERS = re.compile(
    # ("non-responders to SSRIs" are the population; "allowed non-responders to increase the dose" are not)
    rf"(?:(?<![\w,]\s)|(?<=the\s)|(?<=all\s)|(?<=allowed\s)|(?<=permitted\s))\bnon-?responders?\b(?!\s+to\s+(?!{_OWN_DOSING}|(?:increase|raise|receive|escalate|switch|move|have)\b))"
    rf"|\b{_PEOPLE}\s+(?:who|that|with)\s+"
    rf"(?:(?:had|showed|with)\s+(?:little|no|insufficient|inadequate|partial|minimal|(?:a\s+)?poor)\s+(?:\w+\s+)?response"
    rf"|did\s+not\s+respond|had\s+not\s+responded|failed\s+to\s+respond)\s+to\s+{_OWN_DOSING}"
    # "Patients who responded little to lozenges ... could instead receive an intramuscular injection"
    rf"|\b{_PEOPLE}\s+who\s+responded\s+(?:little|poorly|insufficiently|inadequately|only\s+partially)\s+to\s+{_OWN_DOSING}"
    # "Patients who report little or no effect at 300 mg may ... receive their remaining sessions as IM"
    rf"|\b{_PEOPLE}\s+(?:who|that)\s+(?:report(?:s|ed)?|had|noticed|experienced?)\s+"
    r"(?:little|no|minimal|insufficient)(?:\s+or\s+no)?\s+(?:effect|benefit|response|improvement)\b"
    # "participants whose HAM-A had fallen by less than 25%", "those who had not improved by week 4"
    rf"|\b{_PEOPLE}\s+whose\s+[\w-]+(?:\s+score)?\s+(?:had\s+)?"
    r"(?:fallen|fell|decreased|dropped|improved)\s+(?:by\s+)?(?:less|fewer)\s+than\b"
    rf"|\b{_PEOPLE}\s+who\s+(?:had\s+not|did\s+not|failed\s+to)\s+improve"
    # "Patients who did not reach a meaningful experience with lozenges ... were offered IM ketamine"
    rf"|\b{_PEOPLE}\s+who\s+(?:did\s+not|had\s+not|could\s+not|failed\s+to)\s+(?:reach|achieve|obtain|attain|get|have)\s+"
    r"(?:a\s+|an\s+)?(?:meaningful|adequate|sufficient|satisfactory|full|clinical|good)\s+(?:\w+\s+)?(?:experience|effect|response|benefit|improvement)"
    # "patients with little early improvement were escalated to 0.75 mg/kg"
    # "Patients with little subjective effect at 300 mg could instead be offered IM ketamine"
    rf"|\b{_PEOPLE}\s+with\s+(?:little|no|insufficient|inadequate|minimal|(?:a\s+)?poor)\s+(?:early\s+|subjective\s+|clinical\s+)?"
    r"(?:improvement|response|benefit|effect)\b"
    # "Residents who decline injections may instead take ketamine as sublingual troches": the
    # alternative of those the study's own dosing does not suit
    rf"|\b{_PEOPLE}\s+who\s+(?:decline[sd]?|refuse[sd]?|do\s+not\s+want|did\s+not\s+want|cannot\s+tolerate|could\s+not\s+tolerate)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{_OWN_DOSING}[^.;]{{0,40}}?\b(?:instead|alternatively|rather)\b"
    # "Three patients who could not tolerate the taste of the troche received IM ketamine ... instead"
    rf"|\b{_PEOPLE}\s+who\s+(?:could\s+not|cannot|did\s+not|were\s+unable\s+to)\s+tolerate\s+(?:[\w-]+\s+){{0,3}}?{_OWN_DOSING}"
    # "Four patients who vomited or could not retain the troche were switched to IM ketamine"
    rf"|\b{_PEOPLE}\s+who\s+(?:[a-z]+\s+or\s+)?(?:could\s+not|cannot|did\s+not|were\s+unable\s+to)\s+(?:retain|keep\s+down|hold)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?{_OWN_DOSING}",
    re.IGNORECASE)

#: a condition of too little improvement after a value: "when symptoms had improved by less than 20%",
#: "if the MADRS had not fallen by 25%"
_IF_NOT_IMPROVED = re.compile(
    r"\b(?:when|if|where|unless|in\s+case)\s+(?:[\w-]+\s+){0,4}?(?:had\s+|has\s+|have\s+)?"
    r"(?:(?:improved|fallen|fell|decreased|dropped|declined|reduced)\s+(?:by\s+)?(?:less|fewer)\s+than"
    r"|not\s+(?:improved|fallen|decreased|dropped|declined|responded))\b"
    # "raise it to 400 mg after an inadequate response"
    r"|\b(?:after|following|upon|on)\s+(?:an?\s+)?(?:inadequate|insufficient|poor|partial|little|no)\s+(?:\w+\s+)?(?:response|improvement|effect|benefit)\b",
    re.IGNORECASE)

#: an age or weight subgroup: "aged 65 or over", "65 years and older", "older adults", "elderly patients",
#: "weighing 90 kg or more"
_SUBGROUP = re.compile(
    r"\b(?:aged\s+|age\s+)?(?:6\d|7\d|8\d)\s+(?:years\s+)?(?:or|and)\s+(?:over|older|above)\b"
    r"|\b(?:aged|older\s+than|over)\s+(?:6\d|7\d|8\d)\b|\b(?:older\s+(?:adults|patients|participants)|elderly)\b"
    # a weight subgroup: "if weighing 90 kg or more", "weighing over 100 kg", "body weight ≥ 90 kg"
    r"|\b(?:weigh(?:ing|ed|s)?|(?:body\s*)?weight)\s+(?:of\s+)?(?:over|above|more\s+than|at\s+least|[≥>]\s?)?"
    r"\d{2,3}\s?kg\b(?:\s+or\s+(?:more|over|above|heavier))?"
    # "in patients whose weight exceeded ninety kilograms"
    r"|\bweight\s+(?:exceeded|exceeding|exceeds|was\s+over|was\s+above)\s+(?:\d{2,3}|[a-z]+(?:-[a-z]+)?)\s?(?:kg|kilograms?)\b",
    re.IGNORECASE)

#: a sentence that opens on a counted few of the participants: "In nine patients who ...", "For two
#: participants,", "In 3 of the 24 patients"
_COUNTED_FEW_OPENING = re.compile(
    rf"\s*(?:in|for)\s+(?:\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    rf"(?:(?:of\s+(?:the|these|those)\s+(?:\d+\s+)?)?)(?:[\w-]+\s+)?{_PEOPLE}\b", re.IGNORECASE)

#: where a clause ends, for the words around one value
_CLAUSE_BREAK = re.compile(r"[,;()]|\b(?:and|while|whereas|but)\b")

#: another study named with its qualifiers: "the recent multisite Australian trial of subcutaneous
#: ketamine, which gave ...", "an earlier open-label study" (but not "this recent trial")
_OTHER_STUDY_NAMED = (r"|\b(?:a|an|the)\s+(?:recent|previous|prior|earlier)\s+(?:[\w-]+\s+){0,3}?"
                      r"(?:trials?|stud(?:y|ies)|RCTs?|case\s+series|reports?)\b")

#: the words of a schedule that tapers: "tapered from (twice weekly)", "reduced from", "stepped down"
_TAPER = re.compile(r"\b(?:taper\w*|reduc\w*|decreas\w*|step(?:ped|ping)?\s+down)\b(?:\s+\w+)?\s+from\s+$", re.IGNORECASE)

#: a psychotherapy named as the time anchor of numbered sessions: "(before) PE sessions 1, 5 and 9"
_NUMBERED_SESSIONS_AFTER = re.compile(r"\s+sessions?\s+\d", re.IGNORECASE)

#: a sentence that opens with a course and what it is made of: "The standard acute course comprised (six
#: dosing sessions ...)"
_COURSE_OF = re.compile(
    r"\s*(?:the\s+|each\s+)?(?:[\w'\u2019-]+\s+){0,2}?(?:course|regimen|protocol|induction|series|program|programme)\s+"
    r"(?:(?:offered|used|provided|followed|recommended)\s+)?"
    r"(?:then\s+|also\s+)?(?:comprised|comprises|consisted\s+of|consists\s+of|included|includes|involved|involves|was|is)\s+"
    # "The standard course offered was an initial series of (six dosing sessions)"
    r"(?:an?\s+(?:initial\s+|induction\s+|acute\s+)?(?:series|course|block)\s+of\s+)?"
    # the administrations may close a list of its parts ("two preparatory meetings, six dosing sessions")
    r"(?:[^;.]{0,150}?(?:,\s*|\s+and\s+))?", re.IGNORECASE)

#: the words that make the drug a time point or an absence: "without (esketamine)", "before (ketamine
#: was started)", "after the first (ketamine)", "never on a (ketamine) day"
_TIME_POINT_BEFORE = re.compile(
    # ("The ten weekly sessions started in the same week as the first esketamine session")
    r"\b(?:without|before|after|until|prior\s+to|(?:never|not)\s+(?:on|during)|same\s+(?:week|day|month)\s+as)\s+"
    r"(?:(?:the|any|a|an|each|every|starting|first|last|their|his|her)\s+){0,2}$",
    re.IGNORECASE)

#: the verbs of giving a drug
_GIVEN = re.compile(r"\b(?:given|gives|give|administered|administer|infused|injected|received|receive|receives|took|taken|"
                    r"dosed|self-administered|study\s+drug)\b", re.IGNORECASE)

#: a verb whose object is the schedule itself: "received (16 weekly 50-min sessions)"
_RECEIVED_SCHEDULE = re.compile(r"(?:received|receive|receives)\s+(?:(?:a\s+total\s+of|an?|the)\s+)?", re.IGNORECASE)

#: "every" right before a count: "after every (20 dosing sessions)"
_EVERY_BEFORE = re.compile(r"\bevery\s+$", re.IGNORECASE)

#: a paper that calls its design a crossover
_CROSSOVER = re.compile(r"\bcross-?\s?over\b", re.IGNORECASE)

#: a schedule span that opens with the unit a count is per: "each week for 6 weeks", "per day"
_PER_UNIT = re.compile(r"\s*(?:each|per|every|a)\s+(?:day|week|month)\b", re.IGNORECASE)


def _unbracketed(text: str) -> str:
    """``text`` less what its round or square brackets enclose (the brackets too)."""
    out, depth = [], 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _implied_dosage_forms() -> re.Pattern[str]:
    """The dosage forms whose route the route vocabulary implies ("troche", "lozenges")."""
    return re.compile(rf"\b(?:{alternation(t.term for t in load_routes().terms if t.implied and not t.exact)})\b",
                      re.IGNORECASE)


def _singular(word: str) -> str:
    """"troches" -> "troche": a dosage form's name without its plural "s"."""
    w = word.lower().strip()
    return w[:-1] if w.endswith("s") else w


@lru_cache(maxsize=1)
def _count_start() -> re.Pattern[str]:
    """A span that opens with a count: "three", "a single", "one" (after an allocation ratio the
    span may hold: "1:1 to six")."""
    return re.compile(rf"(?:{ALLOCATION_RATIO})?(?:{number_pattern()}|a\s+single)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _extra_count() -> re.Pattern[str]:
    """A count of further administrations: "additional", "booster" ..."""
    return re.compile(rf"\b(?:{alternation(load_lexicon().extra_count_words)})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _delivery_verb() -> re.Pattern[str]:
    """A verb that delivers a therapy: "delivered", "consisted", "held" ..."""
    return re.compile(rf"\b(?:{alternation(load_lexicon().therapy_delivery_verbs)})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _one_time_event() -> re.Pattern[str]:
    """A one-time event of a procedure a dose is given at ("at induction", "at the end of surgery")."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, load_lexicon().one_time_event_cues)) + r")\b", re.IGNORECASE)


#: the words before a dosage form that make it a placebo's: "an inert capsule", "a matching placebo tablet"
_DUMMY_BEFORE = re.compile(r"\b(?:inert|placebo|dummy|sham|empty)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _infusion_cue() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, load_lexicon().infusion_cues)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _dosage_form_cue() -> re.Pattern[str] | None:
    """Dosage forms of routes.tsv that are not ROUTE spans ("tablets"), or None when there are none."""
    forms = [t.term for t in load_routes().terms if not t.span]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b", re.IGNORECASE) if forms else None


def implied_daily(doses: list[Value]) -> list[Value]:
    """A frequency the top dose implies when no schedule is written: "30 mg/day" is given
    daily (implied, so at half the dose's confidence and flagged ``implied``)."""
    if not doses or not str(doses[0].attributes.get("unit", "")).endswith("/day"):
        return []
    top = doses[0]
    attrs = {"sessions": None, "interval": "daily", "period_weeks": None, "implied": True}
    return [Value("daily", top.text, round(top.confidence * 0.5, 4), attrs, top.evidence)]


def _is_concentration(unit: str) -> bool:
    """A concentration unit ("ng/ml", "mcg/ml"): a dose only as a target concentration."""
    return bool(re.fullmatch(r"(?:ng|pg|mcg|µg|mg|g|nmol|mmol|µmol|mol)/(?:ml|l|dl)", unit, re.IGNORECASE))


def _rank_below_others(doses: list[Candidate], of_kind, factor: float, reinforces: bool = True) -> None:
    """Lower the doses ``of_kind`` (a test of a candidate) to ``factor`` times the best dose that
    is not (or their own score, if lower); with ``reinforces`` false they also add nothing to an
    equal value stated elsewhere."""
    kinds = [of_kind(c) for c in doses]
    others = [c.score for c, kind in zip(doses, kinds, strict=True) if not kind]
    if not others:
        return
    best = max(others)
    for c, kind in zip(doses, kinds, strict=True):
        if kind:
            c.score = min(c.score, best) * factor
            c.reinforces = c.reinforces and reinforces


def _is_units(unit: str) -> bool:
    """A dose in (international) units: IU, IU/kg, IU/day ..."""
    return unit == "IU" or unit.startswith("IU/")


def _rank_after_others(doses: list[Candidate], of_kind, factor: float) -> None:
    """Scale by ``factor`` the doses whose unit is ``of_kind`` when some dose's unit is not."""
    if any(not of_kind(c.attributes["unit"]) for c in doses):
        for c in doses:
            if of_kind(c.attributes["unit"]):
                c.score *= factor


def _is_volume(unit: str) -> bool:
    """A dose given as a volume of solution: ml, ml/kg, ml/kg/h ..."""
    return unit == "ml" or unit.startswith("ml/")


def _is_rate(unit: str) -> bool:
    """A dose per unit of time (an infusion rate): mg/kg/h, mcg/kg/min, mg/h ..."""
    return unit.endswith(("/h", "/min"))


STUDY_N_MARGIN = 0.12


def study_n_first(values: list[Value]) -> list[Value]:
    """The study N is the whole: among whole-study counts of the first value's scope that
    are nearly as well supported (within ``STUDY_N_MARGIN``), the largest goes first ("Forty
    participants were recruited" before "16 subjects participated in study 2"); a trial's
    randomized count goes before an enrolled one; and a larger enrolled or randomized count
    nearly as well supported goes before the count that completed or was analysed."""
    if not values:
        return values
    top = values[0]
    scope = top.attributes.get("scope")
    if scope == "arm":
        # an arm's count ranks first but a larger whole-study count is stated too: the study N
        # goes first ("80 patients ... were randomly allocated to 2 groups of 40")
        totals = [v for v in values[1:] if v.attributes.get("scope") in ("randomized", "enrolled")
                  and not v.attributes.get("arm") and v.value > top.value
                  and v.confidence >= top.confidence - ARM_MARGIN]
        return _to_front(values, totals[0], max(totals[0].confidence, top.confidence)) if totals else values
    if scope in ("completed", "analyzed") and not top.attributes.get("arm"):
        # "Five consecutive patients ... received oral ketamine" and, three times, "Four patients
        # completed the 28-day course": those who completed are part of the sample, which goes first
        wholes = [v for v in values[1:] if v.attributes.get("scope") in ("randomized", "enrolled") and not v.attributes.get("arm")
                  and not v.attributes.get("planned") and v.value > top.value and v.confidence >= top.confidence - STUDY_N_MARGIN]
        return _to_front(values, wholes[0], top.confidence) if wholes else values
    if scope not in ("randomized", "enrolled") or top.attributes.get("arm"):
        return values
    if scope == "enrolled":
        # a trial's N is its randomized count: "341 patients ... were recruited" then "328
        # patients were randomized" (and "Of 421 enrolled participants" at one of the sites of
        # a trial that randomized 509)
        randomized = [v for v in values[1:] if v.attributes.get("scope") == "randomized" and not v.attributes.get("arm")
                      and not v.attributes.get("planned") and not v.attributes.get("sum_of_arms")
                      and v.confidence >= top.confidence - STUDY_N_MARGIN]
        if randomized:
            return _to_front(values, randomized[0], max(randomized[0].confidence, top.confidence))
    rivals = [v for v in values[1:] if v.attributes.get("scope") == scope and not v.attributes.get("arm")
              and not v.attributes.get("sum_of_arms") and v.confidence >= top.confidence - STUDY_N_MARGIN
              and v.value > top.value]
    return _to_front(values, max(rivals, key=lambda v: v.value), top.confidence) if rivals else values


def _to_front(values: list[Value], best: Value, confidence: float) -> list[Value]:
    """``values`` with ``best`` moved first, at ``confidence``."""
    best.confidence = confidence
    return [best] + [v for v in values if v is not best]


#: how much of the opening text stands in for a title that was not found
TITLE_STAND_IN_CHARS = 400

_PROTOCOL_TITLE = re.compile(
    r"(?<![\w-])(?:study|trial) protocol\b(?!\s+(?:amendments?|deviations?|violations?))|\bprotocol (?:for|of) (?:a|an|the)\b|^\s*protocol\b"
    r"|\brationale(?:,| and) design\b|\bdesign and rationale\b", re.IGNORECASE)


def is_protocol(doc: Document) -> bool:
    """Is the paper a study protocol ("...: study protocol for a randomized controlled
    trial", "Rationale and design of ...")? A dosing "long protocol" is no study protocol."""
    title = " ".join(doc.text[s.start : s.end] for s in doc.sections if s.label == "title")
    if not title.strip():
        # no title found (a plain text that opens with "STUDY PROTOCOL" over its title): the
        # opening lines stand in for it
        title = doc.text[:TITLE_STAND_IN_CHARS]
    return bool(_PROTOCOL_TITLE.search(title))


def is_case_report(doc: Document) -> bool:
    """Is the paper the report of one case ("...: a case report", "A case of ...")? A case
    series, case reports (plural) and case-control studies are not."""
    title = " ".join(doc.text[s.start : s.end] for s in doc.sections if s.label == "title")
    if not title.strip():
        # no title found ("CASE REPORT" over the title made a heading of it): the opening text
        title = doc.text[:TITLE_STAND_IN_CHARS]
    # (or the journal's name over it: "BMJ Case Reports", "Case Reports in Crisis Psychiatry")
    return bool(_CASE_REPORT_TITLE.search(title) or _CASE_REPORT_JOURNAL.search(doc.text, 0, TITLE_STAND_IN_CHARS))


def is_structured(doc: Document) -> bool:
    """Does the paper have a methods or results section (else its section labels are guesses)?"""
    return any(sec.label in ("methods", "results") for sec in doc.sections)


def names_target(doc: Document, drug: str) -> bool:
    """Does the document's text name the target drug (any of its names) anywhere?"""
    names = sorted(load_drugs().names_of(drug) | {drug.lower()}, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")", re.IGNORECASE)
    return rx.search(doc.text) is not None


def assemble(doc: Document, nlp: Language, drug: str = "ketamine") -> Record:
    """The record of ``doc`` for the target ``drug``.

    A paper that never names the target gets a warning (its therapy and sample size are still
    reported: a psychotherapy study's own)."""
    weights = load_lexicon().section_weights
    skip = tuple(k for k, w in weights.items() if w <= 0)
    if not is_structured(doc):
        skip = ("references",)  # introduction/discussion labels are guesses there (Assembler.section)
    analysis = analyze(doc, nlp, drug, skip_sections=skip)
    asm = Assembler(doc, analysis, drug)
    if asm.study_gives_no_drug:
        # "The trial did not prescribe, supply or adjust ketamine": a psychotherapy study of people who
        # take the drug elsewhere has no dosing of its own, whatever outside courses it describes
        routes, doses, frequency = [], [], []
    else:
        routes = asm.rank(asm.route())
        doses = asm.dose_of_first_route(asm.rank(asm.dose()), routes)
        frequency = asm.rank(asm.frequency()) or implied_daily(doses)
    fields = {
        "dose": doses,
        "route": routes,
        "frequency": frequency,
        "therapy": asm.rank(asm.therapy()),
        "sample_size": study_n_first(asm.rank(asm.sample_size())),
    }
    assert set(fields) == set(FIELDS)
    warnings = list(doc.warnings)
    if not names_target(doc, drug):
        # dose, route and frequency are empty by construction; the therapy and the participants
        # of a psychotherapy study are still the paper's (the gold conventions list them)
        warnings.append(f"the paper never names {drug}: no {drug} dose, route or frequency")
    return Record(document=doc.info(), fields=fields, warnings=warnings, model=model_info(nlp))
