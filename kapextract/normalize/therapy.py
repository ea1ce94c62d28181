"""Therapy labels: "MET" (defined as motivational enhancement therapy) -> "motivational
enhancement therapy"; "ketamine-assisted psychotherapy" -> "psychedelic psychotherapy";
"CBT" -> "cognitive behavioral therapy". Labels come from ``resources/therapies.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kapextract.vocab import TherapyTerm, alternation, load_drugs, load_lexicon, load_therapies


def _clean(text: str) -> str:
    """Whitespace collapsed, invisible format characters (e.g. U+200E) removed."""
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cf").split())


@lru_cache(maxsize=1)
def _leading_modifiers() -> re.Pattern[str]:
    """The delivery modifiers a therapy span may start with (extraction_lexicon.json
    therapy_modifiers, the list the entity rules extend spans over)."""
    return re.compile(rf"^(?:(?:{alternation(load_lexicon().therapy_modifiers)})[ -]+)+", re.IGNORECASE)


def _without_modifiers(text: str) -> str:
    """``text`` less the delivery modifiers it starts with ("group CBT" -> "CBT")."""
    return _leading_modifiers().sub("", text, count=1)


@lru_cache(maxsize=1)
def session_nouns() -> re.Pattern[str]:
    """What a therapy's abbreviation names where it is a therapy's, right after it: "(ACT)
    sessions", "(the PE) therapist", "(MI) programme", "(ACT) skills"."""
    # (not "protocol" or "model": "the MI protocol" of a swine study is a myocardial infarction's)
    return re.compile(r"[\s-]+(?:(?:group|individual|weekly)\s+)?(?:sessions?|therapists?|programmes?|programs?|modules?|homework|skills)\b")


def _defined_after_separator(text: str, short: str) -> bool:
    """Does the text give ``short`` as a bracket's last item after a long form ("(Brief Advice
    to quit; BA)", "(Health Education, HE)"), a definition the abbreviation detector misses?"""
    return re.search(rf"\([^()]{{3,80}}[;,]\s*{re.escape(short)}\s*\)", text) is not None


def abbreviation_naming_sessions(text: str, short: str, end: int, defined: dict[str, str]) -> TherapyTerm | None:
    """The therapy of an ambiguous abbreviation (ACT, PE, MI ...; ``match`` "defined" in
    ``therapies.tsv``) that the paper never defines, written at ``text[...:end]`` where it names
    sessions, therapists or a programme ("eight weekly ACT sessions"); else None. ``defined``
    is the paper's abbreviation map."""
    term = load_therapies().abbreviation(short)
    if term is None or term.match != "defined" or term.control or term.generic or term.part or short in defined:
        return None
    if _defined_after_separator(text, short):
        return None  # "(Brief Advice to quit; BA)": the paper's own abbreviation
    return term if session_nouns().match(text, end) else None


def normalize_therapy(text: str, abbreviations: dict[str, str] | None = None) -> TherapyTerm | None:
    """The vocabulary entry of a THERAPY span (abbreviations resolved through the paper's
    definitions first, then the vocabulary, then its keywords), or None when the text names
    no known therapy."""
    vocab = load_therapies()
    t = _clean(text)
    own = vocab.abbreviation(t)
    if own is not None and own.match == "exact":
        return own
    if abbreviations and t in abbreviations:
        # the long form read as a span of its own ("KAGP": "ketamine-assisted group
        # psychotherapy" is drug-assisted psychotherapy, not the "group psychotherapy" inside it)
        hit = normalize_therapy(_clean(abbreviations[t]))
        if hit is not None:
            return hit
    hit = vocab.lookup(t)
    modality = _modality_of_assisted(t, hit)
    if modality is not None:
        return modality
    if hit is None or hit.term.lower() != t.lower():
        # not a vocabulary name itself: "MDMA-assisted psychotherapy" is drug-assisted
        # psychotherapy, not the "psychotherapy" the lookup finds inside it
        hit = _drug_assisted(t) or hit
    core = _without_modifiers(t) if hit is None else t
    if core != t:
        # "group CBT", "brief guided parent-delivered CBT": the delivery mode is part of the
        # span (GUIDELINES.md) but not of the therapy's name
        hit = normalize_therapy(core, abbreviations)
        if hit is not None:
            return hit
    if hit is not None and hit.match == "defined":
        return None  # an ambiguous abbreviation needs the paper's definition (handled above)
    based = re.match(r"(?P<base>[\w/+-]+?)-based\s", t)
    if hit is None and based and (vocab.abbreviation(based.group("base")) or based.group("base") in (abbreviations or {})):
        # "CBT-based resiliency program", "ACT-based interventions": the therapy it is built on
        return normalize_therapy(based.group("base"), abbreviations)
    # a phrase the vocabulary lacks but that names a modality and an intervention word:
    # "brief mindfulness-meditation intervention" -> mindfulness-based therapy
    return hit if hit is not None else vocab.by_keywords(t)


def _modality_of_assisted(text: str, hit: TherapyTerm | None) -> TherapyTerm | None:
    """The named modality that qualifies a drug-assisted psychotherapy ("psychodynamically
    oriented ketamine-assisted psychotherapy" -> psychodynamic psychotherapy), or None."""
    if hit is None or hit.label != "psychedelic psychotherapy" or hit.term.lower() == text.lower():
        return None
    at = text.lower().find(hit.term.lower())
    before = text[:at].strip(" ,-") if at > 0 else ""
    if not before:
        return None
    modality = load_therapies().by_keywords(f"{before} therapy")
    if modality is None or modality.label in ("other", "psychedelic psychotherapy"):
        return None
    return modality


#: what follows the drug in a drug-assisted psychotherapy ("-assisted psychotherapy", " facilitated
#: therapy"): the entity rules find such phrases with it, this module labels them
ASSISTED_THERAPY = r"[-\s](?:assisted|facilitated)\s+(?:group\s+)?(?:psycho)?therap(?:y|ies)"

_ASSISTED = re.compile(rf"(?P<drug>[\w-]+?){ASSISTED_THERAPY}$", re.IGNORECASE)


def _drug_assisted(text: str) -> TherapyTerm | None:
    """A psychotherapy a drug assists is drug-assisted ("psychedelic") psychotherapy: "MDMA-assisted
    therapy", "psilocybin-facilitated therapy", "LSD-assisted psychotherapy" (but not
    "animal-assisted therapy": the word before must be a drug of the lexicon). It is generic:
    a record reports it only for the paper's own drug ("psilocybin-assisted therapy" with
    ``--drug psilocybin``), not when a ketamine paper cites LSD-assisted psychotherapy."""
    m = _ASSISTED.fullmatch(text)
    if m is None or m.group("drug").lower() not in load_drugs().entries:
        return None
    return TherapyTerm(text, "psychedelic psychotherapy", "lower", control=False, generic=True)
