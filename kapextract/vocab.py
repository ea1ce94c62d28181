"""Vocabularies of the rule components, loaded from ``kapextract/resources`` and validated.

Each data file has one loader class; a malformed file raises ``ValueError`` naming the
file and line. Loaders are cached (``load_*`` functions), so every component and
normalizer shares one instance.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kapextract.model import SECTION_LABELS


def alternation(words) -> str:
    """A regex alternation of ``words`` (escaped, longest first so longer phrases win). The
    space between the words of a phrase matches any whitespace, so that "once a week" also
    matches across the line break of hard-wrapped text ("once a\nweek")."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))

ROUTE_VALUES = (
    "intravenous", "intramuscular", "intranasal", "oral", "sublingual", "buccal",
    "subcutaneous", "transdermal", "rectal", "other",
)
THERAPY_LABELS = (
    "cognitive behavioral therapy", "motivational enhancement therapy", "motivational interviewing",
    "mindfulness-based relapse prevention", "mindfulness-based therapy", "psychedelic psychotherapy",
    "existential psychotherapy", "psychodynamic psychotherapy", "exposure therapy",
    "trauma-focused therapy", "integration psychotherapy", "supportive psychotherapy",
    "acceptance and commitment therapy", "behavioral activation", "interpersonal psychotherapy",
    "problem-solving therapy", "hypnotherapy", "psychoeducation", "other",
)
INTERVALS = ("single", "daily", "twice weekly", "weekly", "every 2 weeks", "monthly", "other")


def _read(name: str) -> str:
    return resources.files("kapextract.resources").joinpath(name).read_text("utf-8")


def _rows(name: str, ncols: int) -> list[tuple[int, list[str]]]:
    """Non-comment rows of a TSV resource, each with exactly ``ncols`` columns."""
    out = []
    for lineno, line in enumerate(_read(name).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != ncols or not all(p.strip() for p in parts):
            raise ValueError(f"{name} line {lineno}: expected {ncols} non-empty tab-separated columns")
        out.append((lineno, [p.strip() for p in parts]))
    return out


# --------------------------------------------------------------------------- routes


@dataclass(frozen=True)
class RouteTerm:
    term: str
    route: str
    implied: bool
    exact: bool
    span: bool = True  # False for a dosage form that is never a ROUTE span ("tablets")
    after_dose: bool = False  # a route only right after a dose amount ("2 mg/kg, im")


class RouteVocabulary:
    """``routes.tsv``: route words, abbreviations and route-implying dosage forms."""

    def __init__(self) -> None:
        self.terms: list[RouteTerm] = []
        for lineno, (term, route, strength, match) in _rows("routes.tsv", 4):
            if route not in ROUTE_VALUES:
                raise ValueError(f"routes.tsv line {lineno}: unknown route {route!r}")
            if strength not in ("stated", "implied") or match not in ("lower", "exact", "form", "after_dose"):
                raise ValueError(f"routes.tsv line {lineno}: strength must be stated|implied, "
                                 "match lower|exact|form|after_dose")
            self.terms.append(RouteTerm(term, route, strength == "implied", match == "exact", match != "form",
                                        match == "after_dose"))
        self._lower = {t.term.lower(): t for t in self.terms if not t.exact}
        self._exact = {t.term: t for t in self.terms if t.exact}

    def lookup(self, text: str) -> RouteTerm | None:
        """The route term for ``text`` as written (exact abbreviations first), or None."""
        t = " ".join(text.split())
        return self._exact.get(t) or self._lower.get(t.lower()) or self._lower.get(t.lower().rstrip("."))


# --------------------------------------------------------------------------- units


class UnitVocabulary:
    """``units.tsv``: base units, denominators and the canonical units that count as doses."""

    def __init__(self) -> None:
        self.base: dict[str, str] = {}
        self.per: dict[str, str] = {}
        self.dose_units: set[str] = set()
        for lineno, (kind, spelling, canonical) in _rows("units.tsv", 3):
            if kind == "base":
                self.base[spelling.lower()] = canonical
            elif kind == "per":
                self.per[spelling.lower()] = canonical
            elif kind == "dose":
                self.dose_units.add(canonical)
            else:
                raise ValueError(f"units.tsv line {lineno}: kind must be base|per|dose")
        if not self.base or not self.per or not self.dose_units:
            raise ValueError("units.tsv: needs base, per and dose rows")


# --------------------------------------------------------------------------- numbers


class NumberWords:
    """``number_words.tsv``: English number words (units, tens, scales), the fractions of
    amounts in words ("half", "quarters") and the ordinals of sessions ("fifth")."""

    def __init__(self) -> None:
        self.units: dict[str, int] = {}
        self.tens: dict[str, int] = {}
        self.scales: dict[str, int] = {}
        self.fractions: dict[str, float] = {}
        self.ordinals: dict[str, int] = {}
        for lineno, (word, value, kind) in _rows("number_words.tsv", 3):
            if kind == "fraction":
                if not re.fullmatch(r"0\.\d+", value):
                    raise ValueError(f"number_words.tsv line {lineno}: a fraction's value must be between 0 and 1 (0.5)")
                self.fractions[word.lower()] = float(value)
                continue
            if not value.isdigit():
                raise ValueError(f"number_words.tsv line {lineno}: value must be an integer")
            table = {"unit": self.units, "ten": self.tens, "scale": self.scales, "ordinal": self.ordinals}.get(kind)
            if table is None:
                raise ValueError(f"number_words.tsv line {lineno}: kind must be unit|ten|scale|fraction|ordinal")
            table[word.lower()] = int(value)

    @property
    def words(self) -> list[str]:
        return [*self.units, *self.tens, *self.scales]


# --------------------------------------------------------------------------- drugs


@dataclass(frozen=True)
class DrugEntry:
    name: str
    drug: str
    kind: str  # target_family | control | drug


class DrugLexicon:
    """``drugs.tsv``: drug names (ketamine forms, controls, a generic lexicon) -> canonical drug."""

    KINDS = ("target_family", "control", "drug")

    def __init__(self) -> None:
        self.entries: dict[str, DrugEntry] = {}
        for lineno, (name, drug, kind) in _rows("drugs.tsv", 3):
            if kind not in self.KINDS:
                raise ValueError(f"drugs.tsv line {lineno}: kind must be one of {self.KINDS}")
            if name.lower() in self.entries:
                raise ValueError(f"drugs.tsv line {lineno}: {name!r} is listed twice (a later row would replace the first)")
            self.entries[name.lower()] = DrugEntry(name.lower(), drug.lower(), kind)

    def canonical(self, text: str) -> str:
        """Canonical drug for a name as written (unknown names: their lower-cased form)."""
        t = " ".join(text.lower().split())
        e = self.entries.get(t)
        if e:
            return e.drug
        for suffix in (" hydrochloride", " hcl", " sulfate", " sulphate", " maleate", " sodium"):
            if t.endswith(suffix) and t[: -len(suffix)] in self.entries:
                return self.entries[t[: -len(suffix)]].drug
        return t

    def names_of(self, drug: str) -> set[str]:
        """Every lexicon name whose canonical drug is ``canonical(drug)``, plus ``drug`` itself."""
        c = self.canonical(drug)
        names = {n for n, e in self.entries.items() if e.drug == c}
        names.add(drug.lower().strip())
        return names

    def is_control(self, text: str) -> bool:
        e = self.entries.get(" ".join(text.lower().split()))
        return bool(e and e.kind == "control")


# --------------------------------------------------------------------------- therapies


@dataclass(frozen=True)
class TherapyTerm:
    term: str
    label: str
    match: str  # lower | exact | defined | arm
    control: bool
    generic: bool = False
    part: bool = False  # a part of drug-assisted psychotherapy ("integration sessions")


def loose_name(name: str) -> str:
    """A lower-case name with its hyphens read as spaces ("relapse-prevention" -> "relapse prevention")."""
    return " ".join(re.sub(r"[-\u2010\u2011]", " ", name).split())


class TherapyVocabulary:
    """``therapies.tsv``: psychotherapy names, abbreviations and control interventions."""

    def __init__(self) -> None:
        self.terms: list[TherapyTerm] = []
        for lineno, (term, label, match, role) in _rows("therapies.tsv", 4):
            if label not in THERAPY_LABELS:
                raise ValueError(f"therapies.tsv line {lineno}: unknown therapy label {label!r}")
            if match not in ("lower", "exact", "defined", "arm") or role not in ("therapy", "generic", "control", "part"):
                raise ValueError(
                    f"therapies.tsv line {lineno}: match lower|exact|defined|arm, role therapy|generic|control|part")
            self.terms.append(TherapyTerm(term, label, match, role == "control", role == "generic", role == "part"))
        self._lower = {t.term.lower(): t for t in self.terms if t.match == "lower"}
        # the same names with hyphens read as spaces: "relapse-prevention", "mindfulness based"
        self._loose: dict[str, TherapyTerm] = {}
        for term, entry in self._lower.items():
            self._loose.setdefault(loose_name(term), entry)
        self._arm = {t.term.lower(): t for t in self.terms if t.match == "arm"}
        self._abbrev = {t.term: t for t in self.terms if t.match in ("exact", "defined")}
        self.keywords: dict[str, str] = {}
        self.heads: set[str] = set()
        self.blockers: set[str] = set()
        for lineno, (kind, word, label) in _rows("therapy_keywords.tsv", 3):
            if kind == "keyword":
                if label not in THERAPY_LABELS:
                    raise ValueError(f"therapy_keywords.tsv line {lineno}: unknown therapy label {label!r}")
                self.keywords[word.lower()] = label
            elif kind in ("head", "blocker") and label == "-":
                (self.heads if kind == "head" else self.blockers).add(word.lower())
            else:
                raise ValueError(f"therapy_keywords.tsv line {lineno}: kind keyword|head|blocker (label '-' for head/blocker)")
        if not self.keywords or not self.heads:
            raise ValueError("therapy_keywords.tsv: needs keyword and head rows")

    def lookup(self, text: str) -> TherapyTerm | None:
        """The vocabulary term for a phrase (full name, case-insensitive) or abbreviation (case-sensitive)."""
        t = " ".join(text.split())
        if t in self._abbrev:
            return self._abbrev[t]
        low = t.lower()
        if low in self._lower:
            return self._lower[low]
        if low in self._arm:
            return self._arm[low]  # a word that names an arm ("the mindfulness group"), as a whole phrase only
        loose = loose_name(low)
        if loose in self._loose:
            return self._loose[loose]
        # a long form found by the abbreviation detector may carry extra words
        # ("ketamine-assisted psychotherapy sessions"): take the longest vocabulary term inside it
        best = None
        for term, entry in self._loose.items():
            if term in loose and (best is None or len(term) > len(best.term)):
                best = entry
        return best

    def abbreviation(self, text: str) -> TherapyTerm | None:
        return self._abbrev.get(text)

    def by_keywords(self, long_form: str) -> TherapyTerm | None:
        """A therapy named by a phrase the vocabulary lacks (the long form of a defined
        abbreviation, "Mindfulness-Based Extinction and Reconsolidation therapy"): a head word,
        a keyword that gives the label, and no blocker word (``therapy_keywords.tsv``)."""
        words = re.findall(r"[a-z][a-z-]*", long_form.lower())
        if not words or not any(w in self.heads for w in words) or any(
            w.startswith(b) for w in words for b in self.blockers
        ):
            return None
        low = " ".join(words)
        for kw, label in sorted(self.keywords.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"(?<![a-z-]){re.escape(kw)}", low):
                return TherapyTerm(" ".join(long_form.split()), label, "lower", False, False)
        return None


# --------------------------------------------------------------------------- word lists


class ExtractionLexicon:
    """``extraction_lexicon.json``: cue word lists for the rule components and normalizers."""

    LISTS = (
        "administration_nouns", "administration_modifiers", "single_words", "participant_nouns",
        "sample_exclusion_cues", "arm_cues", "combination_cues", "control_cues", "infusion_cues",
        "therapy_session_words", "count_blockers", "sample_left_blockers", "therapy_exclusion_cues",
        "sample_planning_cues", "each_arm_cues", "drug_suffixes", "drug_suffix_stoplist", "hyphen_affixes", "dose_vehicle_cues",
        "other_study_cues", "arm_name_words", "event_cues", "euthanasia_cues", "route_object_blockers",
        "route_other_drug_nouns",
        "interval_noun_blockers", "interval_left_blockers", "count_left_blockers", "count_prefixes", "course_nouns",
        "period_left_blockers", "period_of_course_left_blockers", "monitoring_stems", "concentration_measure_cues", "therapy_modifiers", "phrase_stopwords",
        "sample_event_phrases", "lab_volume_cues", "route_abbrev_left_blockers",
        "non_therapy_acronyms", "non_drug_short_forms", "arm_acronym_cues", "outcome_words",
        "non_participant_units", "substances_of_use", "one_time_event_cues", "count_plan_openers", "letter_label_words",
        "titration_start_cues", "schedule_therapy_joiners", "numbered_nouns", "drug_administration_nouns",
        "extra_count_words", "unit_form_nouns", "group_size_nouns",
        "therapy_delivery_verbs", "dose_unit_sites", "interval_administration_nouns", "therapy_container_nouns",
        "regimen_switch_cues", "container_nouns", "as_needed_phrases", "administration_times", "checking_verb_stems",
        "session_setting_cues",
    )

    def __init__(self) -> None:
        data = json.loads(_read("extraction_lexicon.json"))
        for key in self.LISTS:
            v = data.get(key)
            if not isinstance(v, list) or not v or not all(isinstance(x, str) and x == x.lower() for x in v):
                raise ValueError(f"extraction_lexicon.json: {key} must be a non-empty list of lower-case strings")
            setattr(self, key, v)
        self.interval_words: dict[str, str] = data["interval_words"]
        for phrase, iv in self.interval_words.items():
            base, _, times = iv.partition(":")
            if base not in INTERVALS or (times and not re.fullmatch(r"\d+[wd]?", times)):
                raise ValueError(f"extraction_lexicon.json: interval_words[{phrase!r}] = {iv!r} is not an interval "
                                 "(an interval, then optionally ':N' times a day, ':Nw' times a week or ':Nd' every N days)")
        self.period_units: dict[str, float] = {k: float(v) for k, v in data["period_units"].items()}
        self.times_words: dict[str, int] = {k: int(v) for k, v in data["times_words"].items()}
        self.duration_units: dict[str, str] = dict(data["duration_units"])
        # a broad therapy label and the narrower labels that name it more exactly ("a
        # mindfulness-based programme" in a paper about mindfulness-based relapse prevention)
        self.therapy_narrower_labels: dict[str, list[str]] = data["therapy_narrower_labels"]
        for broad, narrower in self.therapy_narrower_labels.items():
            if broad not in THERAPY_LABELS or not isinstance(narrower, list) or not set(narrower) <= set(THERAPY_LABELS):
                raise ValueError(f"extraction_lexicon.json: therapy_narrower_labels[{broad!r}] must map a therapy "
                                 "label to a list of therapy labels")
        self.sample_scope_cues: dict[str, list[str]] = data["sample_scope_cues"]
        if set(self.sample_scope_cues) != {"randomized", "enrolled", "completed", "analyzed"}:
            raise ValueError("extraction_lexicon.json: sample_scope_cues needs randomized, enrolled, completed, analyzed")
        self.section_weights: dict[str, float] = {k: float(v) for k, v in data["section_weights"].items()}
        if set(self.section_weights) != set(SECTION_LABELS):
            raise ValueError("extraction_lexicon.json: section_weights must give every canonical section")
        try:
            self.citation_pattern = re.compile(data["citation_pattern"])
        except (KeyError, re.error) as exc:
            raise ValueError(f"extraction_lexicon.json: citation_pattern missing or invalid ({exc})") from None
        sa = data["sentence_abbreviations"]
        self.never_end: set[str] = set(sa["never_end"])
        self.may_end: set[str] = set(sa["may_end"])
        # dosing-rate and clock abbreviations whose full stop is a token of its own: no FREQUENCY
        # span ends in a full stop ("500 mg b.i.d.", "between 8 and 9 a.m." as GUIDELINES.md spans them)
        self.split_full_stop: set[str] = set(sa.get("split_full_stop", ()))
        if not self.split_full_stop <= self.may_end:
            raise ValueError("extraction_lexicon.json: sentence_abbreviations.split_full_stop must be in may_end")


@lru_cache(maxsize=1)
def load_routes() -> RouteVocabulary:
    return RouteVocabulary()


@lru_cache(maxsize=1)
def load_units() -> UnitVocabulary:
    return UnitVocabulary()


@lru_cache(maxsize=1)
def load_numbers() -> NumberWords:
    return NumberWords()


@lru_cache(maxsize=1)
def load_drugs() -> DrugLexicon:
    return DrugLexicon()


@lru_cache(maxsize=1)
def load_therapies() -> TherapyVocabulary:
    return TherapyVocabulary()


@lru_cache(maxsize=1)
def load_lexicon() -> ExtractionLexicon:
    return ExtractionLexicon()
