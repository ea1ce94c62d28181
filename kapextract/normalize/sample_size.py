"""Sample sizes: the count, its scope and its arm.

``sample_scope(sentence, start, end)`` reads the words around a SAMPLE_SIZE span (offsets
into ``sentence``) and returns ``(scope, arm)``: scope is ``randomized``, ``enrolled``,
``completed``, ``analyzed``, ``arm``, None (a count of participants with no scope word) or
``"excluded"`` for counts that are not the study's participants (screened, excluded,
withdrew, lost to follow-up, planned ...). The cue words are
``sample_scope_cues`` / ``sample_exclusion_cues`` / ``arm_cues`` in
``resources/extraction_lexicon.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kapextract.normalize.numbers import parse_number, word_number_pattern
from kapextract.vocab import alternation, load_drugs, load_lexicon, load_therapies

SCOPES = ("randomized", "enrolled", "completed", "analyzed", "arm")


def parse_count(text: str) -> int | None:
    """Integer value of a SAMPLE_SIZE span ("Fifty-five", "n = 20", "1,200")."""
    t = re.sub(r"^[Nn]\s?[=:]\s?", "", text.strip().strip("()[],;."))
    v = parse_number(t)
    if v is None or (isinstance(v, float) and not v.is_integer()) or v <= 0:
        return None
    return int(v)



_STOP = {"and", "the", "or", "in", "into", "of", "with", "while", "whereas", "to", "a", "an", "were", "was", "received",
         "receive", "receiving", "either", "assigned", "allocated", "randomized", "randomised", "who", "that", "vs",
         "versus", "than", "per"}


@lru_cache(maxsize=1)
def scope_cue_patterns() -> dict[str, re.Pattern[str]]:
    """One pattern per sample scope (randomized, enrolled, completed, analyzed) from its cue words.

    A sample drawn at random is not randomized to arms: "30 randomly selected women"."""
    drawn = r"(?!\s+(?:selected|chosen|sampled|drawn|picked)\b)"
    return {k: re.compile(rf"(?<![\w-])(?:{'|'.join(_cue(x) for x in sorted(set(v), key=len, reverse=True))}){drawn}", re.IGNORECASE)
            for k, v in load_lexicon().sample_scope_cues.items()}


def _cue(phrase: str) -> str:
    """The pattern of one scope cue. A cue of starting treatment ("started treatment") takes in
    the sample only as a clause of the count ("87 started treatment"), not in a relative clause
    that describes a pool or a subgroup ("74 patients who started esketamine", "four midazolam
    recipients who started treatment did not finish")."""
    rx = alternation([phrase])
    if re.match(r"(?:started|began|commenced|initiated)\b", phrase):
        return rf"(?<!who\s)(?<!that\s){rx}"
    return rx


@lru_cache(maxsize=1)
def _rx():
    lex = load_lexicon()
    scope = scope_cue_patterns()
    excl = re.compile(rf"(?<![\w-])(?:{alternation(lex.sample_exclusion_cues)})", re.IGNORECASE)
    group = re.compile(r"([\w+/-]+(?:\s+[\w+/-]+){0,3})\s+(?:group|arm|condition)\s*[,:]?\s*$", re.IGNORECASE)
    to_arm = re.compile(
        r"^\s*(?:(?:[a-z-]+\s+){0,3}?)(?:received|receiving|(?:assigned|allocated|randomi[sz]ed)\s+(?:to|into)|to|into|in)\s+(?:receive\s+)?(?:the\s+)?"
        # (not a ratio: "randomized in a 1:1 ratio")
        r"(?!(?:an?\s+)?\d+\s?:\s?\d+)"
        r"((?:\d{1,3}(?:,\d{3})+|[\w+/-]+)(?:\s+[\w+/-]+){0,3})",
        re.IGNORECASE)
    plan = re.compile(rf"(?<![\w-])(?:{alternation(lex.sample_planning_cues)})", re.IGNORECASE)
    each = re.compile(rf"^\s*(?:[a-z-]+\s+){{0,3}}?(?:(?:randomi[sz]ed|assigned|allocated)\s+to\s+|in\s+|of\s+)?(?:{alternation(lex.each_arm_cues)})\b", re.IGNORECASE)
    return scope, excl, group, to_arm, plan, each


@lru_cache(maxsize=1)
def _drug_stem() -> re.Pattern[str]:
    """A drug name by its INN stem ("dovitinib", "liraglutide"), lower case."""
    lex = load_lexicon()
    suffixes = [x for x in lex.drug_suffixes if x not in lex.drug_suffix_stoplist]
    return re.compile(rf"[a-z]{{3,}}(?:{alternation(suffixes)})")


_SITE = r"(?:cent(?:re|er)|site|hospital|clinic|practice|university|unit)"


@lru_cache(maxsize=1)
def _list_patterns() -> dict[str, re.Pattern[str]]:
    """The patterns of counts listed arm by arm or site by site (``_count_per_arm``,
    ``_site_of_count``)."""
    num = rf"(?:\d+|{word_number_pattern()})"
    joint = r"(?:,|\band\b|\bwhile\b|\bwhereas\b)"
    return {
        # after a count's arm, the next count with its arm: ", 26 to ...", ", while 24 patients received"
        "next_arm": re.compile(rf"(?:[^,;.()]|\([^()]*\)){{0,40}}?{joint}\s*(?:and\s+|while\s+|whereas\s+)?{num}\s+"
                               r"(?:[A-Za-z-]+\s+)?(?:to|into|received)\b", re.IGNORECASE),
        "joint_end": re.compile(rf"{joint}\s*$"),
        "own_arm": re.compile(r"\s+(?:[A-Za-z-]+\s+)?(?:to|into|received)\b"),
        "allocating": re.compile(r"\b(?:assigned|allocated|randomi[sz]ed)\s+(?:to|into)\b", re.IGNORECASE),
        "from_site": re.compile(rf"\s+(?:[A-Za-z-]+\s+){{0,2}}?from\s+(?:the\s+)?((?:[\w-]+\s+){{0,3}}?{_SITE})\b",
                                re.IGNORECASE),
        "site_count": re.compile(rf"(?<![\w.,])(?:{num})\s+(?:[A-Za-z-]+\s+){{0,2}}?from\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?"
                                 rf"{_SITE}\b", re.IGNORECASE),
        "site_end": re.compile(rf"\b{_SITE}$", re.IGNORECASE),
    }


def _count_per_arm(left: str, right: str, to_arm: re.Match[str]) -> bool:
    """Is the count one of a list that gives each arm its own count: another count follows
    its arm with "to" ("27 ... to standard care, 26 to ...", "21 patients were assigned to
    800 IU ... (low dose), while 24 patients received ..."), or it follows one itself
    ("..., and 28 to placebo")? ``right`` is the clause after the count, ``to_arm`` the match
    of the arm in its start."""
    rx = _list_patterns()
    if rx["next_arm"].match(right[to_arm.start(1) :]):
        return True
    return bool(rx["joint_end"].search(left) and rx["own_arm"].match(right) and rx["allocating"].search(left))


def is_site(arm: str) -> bool:
    """Does an arm name name a site ("birmingham centre") rather than a treatment?"""
    return _list_patterns()["site_end"].search(arm) is not None


def _site_of_count(sentence: str, right: str) -> str | None:
    """The site a count came from when the sentence gives each site its own count ("We
    recruited 58 patients from the Birmingham centre, 19 from the Edinburgh centre, and four
    from the Nottingham centre"), else None. ``right`` is the clause after the count."""
    rx = _list_patterns()
    m = rx["from_site"].match(right)
    if m is None:
        return None  # (the sentence is searched only for a count that comes from a site)
    return m.group(1).lower() if len(rx["site_count"].findall(sentence)) >= 2 else None


def _arm_name(words: str, from_end: bool) -> str | None:
    toks = words.split()
    if not from_end and len(toks) >= 2 and toks[0].lower() in ("group", "arm", "condition"):
        return toks[1].strip(",.()").lower() or None
    keep: list[str] = []
    seq = reversed(toks) if from_end else iter(toks)
    for w in seq:
        lw = w.lower().strip(",.()")
        if lw in _STOP or lw in ("group", "arm", "condition", "groups"):
            if keep:
                break
            continue
        keep.append(w.strip(",.()"))
        if len(keep) == 3:
            break
    if from_end:
        keep.reverse()
    name = " ".join(keep).lower()
    if not name or re.search(r"\b(?:each|both|all|two|three|either|total|study|control groups?)\b", name):
        return None
    return name


_STUDY_WORDS = ["total", "sample", "cohort", "population", "study", "trial", "enrolled", "randomized", "randomised",
                "included", "recruited", "analyzed", "analysed", "completed", "overall"]


@lru_cache(maxsize=1)
def _participant_end() -> re.Pattern[str]:
    words = load_lexicon().participant_nouns + _STUDY_WORDS
    return re.compile(rf"\b(?:{alternation(words)})\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _receiving() -> re.Pattern[str]:
    pn = alternation(load_lexicon().participant_nouns)
    return re.compile(rf"\b(?:{pn})\s+(?:who\s+)?(?:receiv\w*|treated|undergo\w*|underwent|seen|with)\b", re.IGNORECASE)


def _same_clause(text: str) -> bool:
    return not re.search(r"[,;]", text)


_SEX = {"men": "women", "women": "men", "male": "female", "males": "females", "female": "male",
        "females": "males", "boys": "girls", "girls": "boys"}


def _sex_breakdown(sentence: str, right: str) -> bool:
    """Is the count one of a sex breakdown ("42 men and 18 women")?"""
    m = re.match(r"\s*(men|women|males?|females?|boys|girls)\b", right, re.IGNORECASE)
    if not m:
        return False
    other = _SEX[m.group(1).lower()]
    return re.search(rf"(?:\d+|\b{word_number_pattern()})\s+{other}\b", sentence, re.IGNORECASE) is not None


@lru_cache(maxsize=1)
def _arm_words() -> re.Pattern[str]:
    words = load_lexicon().arm_name_words
    return re.compile(rf"\b(?:{alternation(words)})\b", re.IGNORECASE)


def _arm_like(raw: str) -> bool:
    """Can the words ``raw`` (as written) name a study arm: a drug or therapy, an arm word
    (placebo, control, group ...) or a label in capitals or with digits ("DM60", "EOS",
    "SB-RFA", "TAU at the primary care level")?"""
    if _arm_words().search(raw):
        return True
    drugs = load_drugs()
    words = re.findall(r"[\w-]+", raw)
    if any(w.lower() in drugs.entries for w in words) or load_therapies().lookup(raw) is not None:
        return True
    return any(re.search(r"[A-Z].*[A-Z]|\d", w) or (len(w) <= 2 and w[:1].isupper()) for w in words)


def _scope_follows(right: str) -> bool:
    """Does a scope verb directly follow the count ("40 were randomized", "35 completed")?"""
    scope_rx = _rx()[0]
    m = re.match(r"\s*(?:(?!(?:not|never|no)\b)[A-Za-z-]+\s+){0,3}?(?:were\s+|was\s+|had\s+been\s+)?", right)
    rest = right[m.end():] if m else right
    return any(rx.match(rest) for rx in scope_rx.values())


def is_planning(sentence: str) -> bool:
    """Does the sentence plan a sample (a power calculation, "will be randomized")?"""
    _scope, _excl, _group, _to_arm, plan, _each = _rx()
    return bool(plan.search(sentence))


def counted_per_arm(sentence: str, end: int) -> bool:
    """Is the count that ends at ``sentence[end]`` a count per arm ("50 participants per arm
    give 80% power", "30 in each group")?"""
    each = _rx()[5]
    return each.search(sentence[end : end + 60]) is not None


#: the arrow between the boxes of a participant flow written as text: "212 records screened → 134
#: patients began KAP → 97 completed", "screened 96 -> consented 41 -> randomized 34"
_FLOW_ARROW = re.compile(r"\s*(?:→|⇒|-{1,2}>|=>)\s*")

#: the units a cluster trial randomises, after their count: "(24) general practices", "(Sixteen) EDs"
_CLUSTER_NOUNS = (r"(?:EDs|emergency\s+departments?|wards?|practices|clinics|sites|centres|centers|hospitals|services|"
                  r"clusters|schools|units)")
_CLUSTER_AFTER = re.compile(rf"\s*(?:(?!(?:in|from|at|of|across|within|per|by|to)\b)[A-Za-z-]+\s+){{0,3}}?{_CLUSTER_NOUNS}\b",
                            re.IGNORECASE)
#: ... and the clause that randomises them before a count of them: "Sixteen EDs were randomised, (eight) to ..."
_CLUSTERS_RANDOMIZED = re.compile(rf"\b(?:\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:[A-Za-z-]+\s+){{0,3}}?{_CLUSTER_NOUNS}\s+"
                                  r"(?:were|was)\s+(?:randomi[sz]ed|allocated|assigned)\b[^.;]*$", re.IGNORECASE)

#: ... or named before a count of them that is allocated: "in sixteen EDs in two regions, (eight) allocated to"
_CLUSTERS_BEFORE = re.compile(rf"\b(?:\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:[A-Za-z-]+\s+){{0,3}}?{_CLUSTER_NOUNS}\b[^.;]*,\s*$",
                              re.IGNORECASE)

#: the words that narrow a pool to the sample after the narrowed count: "(2,205) were eligible", "(212) were
#: included", "(71) met the inclusion criteria", "(6,108) formed the cohort" (not "were included in the
#: analysis", a subset of the sample)
NARROWED_TO_WORDS = (r"(?:(?:were|was)\s+(?:eligible|included(?!\s+in\s+(?:the\s+)?analys))|met\s+(?:the\s+|our\s+)?"
                     r"(?:inclusion|eligibility|study)\s+criteria|formed\s+(?:the|our|a)\s+(?:study\s+)?(?:cohort|sample|population))\b")
#: ... and the rest of a pool's clause before them: "Of 9,874 (patients with a filled prescription), 6,108
#: formed the cohort"
_NARROWED_TO = re.compile(r"([^,;]{0,80}),\s*(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+(?:(?:patients|participants|people|adults)\s+)?"
                          + NARROWED_TO_WORDS, re.IGNORECASE)

#: a count screened from records: "We screened the records of all (112) adults who began KAP"
_SCREENED_RECORDS_OF = re.compile(r"\bscreened\s+(?:the\s+)?(?:[\w-]+\s+)?(?:records?|charts?|files|case\s+notes|notes)\s+of\s+"
                                  r"(?:all\s+)?(?:the\s+)?$", re.IGNORECASE)

#: a count whose clause says it was screened, however many words lie between: "one hundred and
#: thirty-six consecutive patients completing detoxification were screened" (not "were screened and
#: enrolled": the count is the sample's)
_WERE_SCREENED = re.compile(r"[^,;()]{0,80}?\b(?:were|was)\s+(?:initially\s+|first\s+)?(?:screened|assessed\s+for\s+eligibility)\b"
                            r"(?!,?\s+and\s+(?:were\s+)?(?:enrolled|included|randomi[sz]ed|consented)\b)", re.IGNORECASE)

#: a count that opens its clause as the pool: "Of (287 registry participants), ...", "Among (the 40 ...)"
_POOL_OF = re.compile(r"(?:^|[.;:])\s*(?:of|among)\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?$", re.IGNORECASE)


def _clause_end(right: str) -> int:
    """Where the clause after a count ends in ``right``: its first ";" or ". " before a word that is
    not in lower case, outside brackets ("165 patients (mean age 42.6 years; 96 women) were included"
    runs on to "were included", and so does "36 pts. were randomised")."""
    depth = 0
    for k, ch in enumerate(right):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif depth == 0 and (ch == ";" or (right.startswith(". ", k) and not right[k + 2 : k + 3].islower())):
            return k  # (but not an abbreviation's full stop: "36 pts. were randomised")
        elif depth == 0 and _FLOW_ARROW.match(right, k):
            return k  # "134 patients began KAP → 97 completed ...": a flow's next box
    return len(right)


#: a comparison cohort and the words that fill it: "The comparison group comprised all (38 patients)",
#: "the historical cohort consisted of (52)", "The control cohort included", "a historical cohort of (38)"
#: (not "the matched sample comprised (704)": the whole sample after matching)
_COMPARISON_GROUP_OF = re.compile(
    r"\b((?:historical|comparison|comparator|control|reference|external|earlier|previous)(?:\s+[\w-]+)?)\s+"
    r"(?:group|cohort)s?\s+(?:consist(?:ed|ing|s)\s+of|comprised|comprises|included|includes|was\s+made\s+up\s+of"
    r"|was\s+composed\s+of|of)\s+(?:all\s+(?:the\s+)?|the\s+)?$", re.IGNORECASE)


def sample_scope(sentence: str, start: int, end: int) -> tuple[str | None, str | None]:
    """``(scope, arm)`` of the count at ``sentence[start:end]`` (see the module docstring)."""
    scope_rx, excl, group, to_arm, plan, each = _rx()
    left_full = sentence[:start]
    cut = max(left_full.rfind(";"), left_full.rfind(":"), max((a.end() - 1 for a in _FLOW_ARROW.finditer(left_full)), default=-1))
    left = left_full[cut + 1 :][-70:]
    right = sentence[end:]
    rcut = _clause_end(right)
    right_src = right[:rcut]  # the clause after the count, whole (``right`` is its start)
    right = right_src[:70]
    if plan.search(sentence):
        return "excluded", None
    if _SCREENED_RECORDS_OF.search(left) or _WERE_SCREENED.match(right_src):
        return "excluded", None  # "We screened the records of all 112 adults", "136 ... patients ... were screened"
    if re.match(r"\s*(?:thousand|million|billion|lakh|crore)\b", right, re.IGNORECASE):
        return "excluded", None  # "a population of approximately 18 million people": no sample
    rate = re.search(r"\b(?:each|every|per|a)\s+(?:day|week|month|year|quarter)\b", re.split(r"[,;(]", right)[0], re.IGNORECASE)
    if rate and not re.search(r"\d|\b(?:once|twice|thrice|times|receiv\w*|given|administered|treated|dosed|sessions?|"
                              r"infusions?|doses?|injections?|assigned|allocated|randomi[sz]ed)\b", right[: rate.start()],
                              re.IGNORECASE):
        return "excluded", None  # "Roughly 140 new women enroll at the clinic each month": a rate
    # a bracket that describes the sample's make-up is no share of it: "460 participants
    # (46.6% female; 13.2 years old)"
    makeup = re.match(rf"\s*(?:[A-Za-z-]+\s+){{0,2}}\(\s*\d+(?:[.,]\d+)?\s*%\s*(?:were\s+)?(?:{'|'.join(_SEX)})\b",
                      right, re.IGNORECASE)
    # "11 patients (50%)": a proportion of the sample, unless a scope word follows
    if re.match(r"\s*\(\s*\d+(?:[.,]\d+)?\s*%", right) and not any(rx.search(right[:40]) for rx in scope_rx.values()) \
            and not makeup:
        return "excluded", None
    # "22 patients (44%) with pain ...", "11 patients (50%) in the ... group"
    if re.match(r"\s*(?:[A-Za-z-]+\s+){1,2}\(\s*\d+(?:[.,]\d+)?\s*%", right) and not any(
            rx.search(right) or rx.search(left_full[cut + 1 :]) for rx in scope_rx.values()) and not makeup:
        return "excluded", None
    if _sex_breakdown(sentence, right):
        return "excluded", None  # "42 men and 18 women": a breakdown of the sample
    if re.search(r"\b(?:assessed|screened|evaluated|examined|considered)\s+$", left, re.IGNORECASE) and re.match(
            r"\s*(?:[A-Za-z-]+\s+){0,2}?for\s+(?:their\s+)?eligibility\b", right, re.IGNORECASE):
        return "excluded", None  # "We assessed 312 people for eligibility and randomly assigned 96": the pool screened
    m = excl.search(right[:45])
    if m and re.match(r"\s*(?:mean|median|average)\b", right[m.end() :], re.IGNORECASE):
        m = None  # "(N = 31) had a mean age of 44 years": a description of the sample
    clause_after = re.split(r"[,;]", right[m.end() :])[0] if m else ""
    if m and m.group(0).lower() == "eligible" and not right[: m.start()].strip() and (
            scope_rx["randomized"].search(clause_after) or scope_rx["enrolled"].search(clause_after)):
        m = None  # "216 eligible outpatients are randomised": eligible describes the sample
    elif m and m.group(0).lower() == "eligible" and re.fullmatch(r"\s*(?:were|was|are)\s+", right[: m.start()]) and re.match(
            r",?\s*(?:(?:consented|gave\s+consent|agreed\s+to\s+take\s+part),?\s+)?and\s+(?:were\s+)?(?:enrolled|randomi[sz]ed|included)\b",
            right[m.end() :], re.IGNORECASE):
        m = None  # "twenty-four were eligible, consented and were enrolled": the enrolled count
    if m and _same_clause(right[: m.start()]) and not _scope_follows(right[: m.start()]):
        return "excluded", None  # "40 completed treatment and 8 had dropped out": 40 completed
    tail = left[-25:]
    ms = list(excl.finditer(tail))
    if ms and _same_clause(tail[ms[-1].end() :]) and not _scope_follows(right):
        return "excluded", None  # "... screened and 40 were randomized": the scope word wins
    if each.search(right[:60]) or re.match(r"^\s*(?:[A-Za-z-]+\s+){0,2}?each\b", right):
        return "arm", "each group"
    if re.search(r"\beach\s+(?:[\w-]+\s+){0,2}?(?:group|arm|condition|cohort|site|centre|center|school|class|cluster)\s+"
                 r"(?:included|comprised|contained|consisted\s+of|enrolled|recruited|had|of)\s+$", left, re.IGNORECASE):
        return "arm", "each group"  # "each focus group included six participants": a count per group
    if re.search(r"\b(?:first|last|initial)\s+$", left):
        return "excluded", None
    if re.search(r"\b(?:after|once|when|until|before)\s+(?:the\s+)?$", left, re.IGNORECASE):
        return "excluded", None  # "After 17 participants had been randomized, ...": a time point
    if re.search(r"\b(?:analys[ie]s|looks?)\s+(?:(?:was|were|is|are)\s+)?(?:(?:planned|scheduled|due)\s+)?(?:at|after)\s+(?:the\s+first\s+)?$",
                 left, re.IGNORECASE):
        return "excluded", None  # "a final analysis at 110 randomised participants": when the analysis falls due
    if re.search(r"\banother\s+$", left, re.IGNORECASE) and scope_rx["randomized"].search(right):
        # "Twenty ... to the placebo group and another 20 patients were randomly assigned to
        # receive sulodexide": the other arm, whatever its name
        m = to_arm.search(right)
        return "arm", (_arm_name(m.group(1), from_end=False) if m else None) or "another group"
    if re.search(r"\b(?:rather\s+than|instead\s+of)\s+(?:the\s+)?(?:planned\s+|intended\s+|targeted\s+|target\s+of\s+)?$", left, re.IGNORECASE):
        return "excluded", None  # "250 were recruited rather than the 354 in the protocol": the plan
    comparison = _COMPARISON_GROUP_OF.search(left)
    if comparison:
        # "The comparison group comprised all 38 patients who ... before ketamine was introduced": the
        # historical or control cohort a study is set against, an arm
        return "arm", _arm_name(comparison.group(1), from_end=True) or "comparison group"
    g_of = re.search(r"([\w+/-]+(?:\s+[\w+/-]+){0,2})\s+groups?\s+(?:consist(?:ed|ing)\s+)?of\s+$", left)
    if g_of:
        name = _arm_name(g_of.group(1), from_end=True)
        return "arm", name if name and not re.search(r"\d|\b(?:one|two|three|four|five|six)\b", name) else "each group"
    if re.search(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+ty(?:-[a-z]+)?))\s+(?:[a-z]+\s+)?(?:out\s+)?of\s+(?:the\s+|these\s+)?$", left, re.IGNORECASE):
        return "excluded", None  # "41 of 42 patients": 42 is the pool; "58 parents of 46 children": 58 are the sample
    if _CLUSTER_AFTER.match(right) or _CLUSTERS_RANDOMIZED.search(left_full) or (
            _CLUSTERS_BEFORE.search(left_full) and re.match(r"\s*(?:were\s+)?(?:allocated|assigned|randomi[sz]ed)\b", right)):
        # "Sixteen EDs were randomised, eight to the package and eight to usual care", "24 general
        # practices": the clusters of a cluster trial, not its participants
        return "excluded", None
    pool_of = _POOL_OF.search(left)
    narrowed = pool_of and _NARROWED_TO.match(right)
    if narrowed and not any(rx.search(narrowed.group(1)) for rx in scope_rx.values()):
        # "Of 9,874 patients with a filled prescription, 6,108 formed the cohort", "Of 3,842 patients
        # with at least one ketamine infusion, 2,205 were eligible": the pool, not the sample
        return "excluded", None
    # a pool that opens its clause, split by the counts after it: "..., 148 received ..." (not "...,
    # 87.3% attended ...") ("Of 235 patients who started KAP, 121 chose IM, ...": the pool may say it
    # was treated, not how it was found: "Of 88 people who were contacted, 30 ..." is no pool of the sample)
    pool = pool_of and re.match(r"\s*((?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+)(?:\s+(?:who|that)\s+(?:started|began|received|underwent"
                                r"|entered|initiated)\s+(?:[\w-]+\s+){0,2}?[\w-]+)?"
                                r"\s*,\s*\d+(?![.,]?\d)(?!\s*%)\s", right)
    if pool and _participant_end().search(pool.group(1)) and not (excl.search(pool.group(0)) or any(
            rx.search(pool.group(0)) for rx in scope_rx.values())):
        # "Of 287 registry participants, 148 received ... and 139 ...": the pool the arms are
        # split from, not an arm (a pool with a scope word, "Of the 64 randomised patients", is
        # read below)
        return "enrolled", None
    arm = None
    po = left_full.rfind("(")
    if po >= 0 and ")" not in left_full[po:]:
        inside = left_full[po + 1 :]
        before = left_full[:po].rstrip()
        seg = re.split(r"[;,]", inside)[-1]
        if re.search(r"\b(?:some|several|a few|few|many|most|certain)\s+(?:[\w-]+\s+){0,2}$", before + " "):
            return "excluded", None  # "for some participants (n = 6)": a subset
        if _participant_end().search(before) and not re.search(r"[Nn]\s?[=:]\s?$", seg):
            return "excluded", None  # "24 subjects (12 men, 12 women)": a breakdown
        if re.fullmatch(r"\s*N\s?[=:]\s?", seg) and (_participant_end().search(before) or _receiving().search(before[-80:])
                                                     or re.search(r"\b(?:sample|cohort|population)$", before, re.IGNORECASE)):
            # "Participants (N = 40; ...)", "patients receiving KAP (N = 235)", "the final sample
            # (N = 31)": the whole sample
            close = sentence.find(")", end)
            after = sentence[close + 1 :][:70] if close >= 0 else ""
            for scope in ("randomized", "enrolled", "completed", "analyzed"):
                if scope_rx[scope].search(after) or scope_rx[scope].search(before[-60:]):
                    return scope, None
            return "enrolled", None
        last_excl = [x.end() for x in excl.finditer(before[-50:])]
        last_scope = [x.end() for rx in scope_rx.values() for x in rx.finditer(before[-50:])]
        if last_excl and (not last_scope or max(last_excl) > max(last_scope)):
            return "excluded", None  # "62 had dropped out (DM60: n = 17; ...)": a breakdown of dropouts
        label = re.sub(r"[Nn]\s?[=:]\s?$", "", inside).strip(" ,;:")
        label = re.split(r"\s*[;]\s*", label)[-1] if ";" in label and not re.search(r"[A-Za-z]", label.split(";")[-1]) else label
        g = group.search(before)
        # "(n = 20 ketamine; n = 20 midazolam)", "(20 ketamine, 20 placebo)": the arm follows the count
        post = re.match(r"\s*([A-Za-z][\w+/-]*(?:\s+[A-Za-z][\w+/-]*){0,2})\s*(?:[;,)]|$)", sentence[end:])
        seg_label = re.sub(r"[Nn]\s?[=:]\s?$", "", seg).strip(" ,;:")
        if (not seg_label and post and not _participant_end().search(post.group(1))
                and not re.match(r"(?:each|per|in|of|and|or|were|was|had|who|with|to|at|for|from|years?|"
                                 r"months?|weeks?|days?|%)\b", post.group(1), re.IGNORECASE)):
            raw = post.group(1)
            arm = _arm_name(raw, from_end=False)
        elif label and re.match(r"[A-Za-z]", label) and len(label) <= 40 and not _participant_end().search(label):
            raw = label.split(";")[0].split(",")[0]
            arm = _arm_name(raw, from_end=True)
        elif g:
            raw = "group"  # "One group (n = 5)": named a group
            arm = _arm_name(g.group(1), from_end=True)
            if arm is None and re.search(r"(?:^|\bthe\s+)study$", g.group(1), re.IGNORECASE):
                arm = "study group"  # "the study group (n = 165)": an arm, not the whole study
        elif before and not _participant_end().search(before):
            # ("allocated to group 1, (n=70) who received ...": the comma ends the arm's name)
            raw = re.split(r"[;,:()\t]", before.rstrip(" ,"))[-1][-40:]
            arm = _arm_name(raw, from_end=True)
        if arm is not None and not _arm_like(raw):
            return "excluded", None  # "for some patients (n = 53)", "at the maximum cycle number (n=40)"
        if arm is None:
            close = sentence.find(")", end)
            if close >= 0:
                right_src = sentence[close + 1 :]
                right = right_src[:70]
    if arm is None:
        site = _site_of_count(sentence, right_src)
        if site is not None:
            return "arm", site
    if arm is None:
        m = to_arm.search(right)
        first_word = m.group(1).split()[0].lower() if m else ""
        first_raw = m.group(1).split()[0].strip(",.()") if m else ""
        per_arm = m is not None and _count_per_arm(left, right_src, m)
        if m and _same_clause(right[: m.start(1)]) and (
            re.search(r"\b(?:group|arm|condition)\b", m.group(0), re.IGNORECASE) or first_word in load_drugs().entries
            # one count per arm: "27 were randomly assigned to standard care, 26 to lenograstim, and 28 to
            # placebo" (whatever the arms' names)
            or per_arm
            # "47 were randomized to receive dovitinib": a drug by its stem
            or (_drug_stem().fullmatch(first_word) is not None and first_word not in load_lexicon().drug_suffix_stoplist)
            # an arm named by an acronym or a therapy: "130 into TAU", "107 were assigned to the EG"
            or re.fullmatch(r"[A-Z][A-Za-z0-9+-]*[A-Z0-9+]", first_raw) or load_therapies().lookup(first_raw) is not None
        ):
            arm = _arm_name(m.group(1), from_end=False)
            drugs = load_drugs()
            named = {drugs.canonical(w) for w in re.findall(r"[A-Za-z][\w-]*", sentence) if w.lower() in drugs.entries}
            if (first_word in drugs.entries and len(named) == 1 and not per_arm
                    and not re.search(r"\b(?:group|arm|condition)\b", m.group(0), re.IGNORECASE)):
                arm = None  # "24 participants received ketamine": the whole sample, no arm named
            # "assigned to ketamine or saline": the count covers both arms
            # ... but "107 were assigned to the EG and 120 to the CG" names one arm per count
            if arm and not per_arm and re.match(
                    rf"\s*{re.escape(arm)}\s*(?:\((?!\s*(?:fig|table|see)\b)|,|\bor\b|\band\b(?!\s+\d)|\bvs\b|\bversus\b)",
                    right[m.start(1):], re.IGNORECASE):
                arm = None
            if re.match(r"(?:either|both)\b", m.group(1), re.IGNORECASE):
                arm = None  # "289 were randomized to either the WC group (n=146) or ...": both arms
    if arm is not None:
        return "arm", arm
    best, best_pos = None, None
    # the clause after the count, brackets dropped before it is cut to length ("mice (Jackson
    # Laboratories, Bar Harbor, ME) were divided into ...")
    clause = sentence[end:]
    clause = re.sub(r"\([^()]*\)", " ", clause[: _clause_end(clause)])[:90]
    if re.search(r"(?:^|[.;:]\s*)of\s+(?:the\s+|these\s+|those\s+|all\s+)?$", left.lstrip(), re.IGNORECASE) and "," in clause:
        # "Of the 249 women who expressed interest, we randomized 83": the count is a pool and
        # its scope is what its own phrase says, not the main clause's verb
        clause = clause[: clause.index(",")]
    pool = re.match(rf"\s*(?:[a-z]+\s+)?(?:out\s+)?of\s+(?:the\s+|these\s+)?(?:\d[\d,]*|{word_number_pattern()}\b)", clause,
                    re.IGNORECASE)  # "41 of 42 patients", "Fifty-eight parents of 46 children"
    after_pool = clause[pool.end() :] if pool else clause
    if pool:
        # the pool's own description is not the count's scope: "383 of the 736 participants
        # allocated to the intervention arm (52%) had completed the task": 383 completed
        after_pool = re.sub(r"^\s*(?:[A-Za-z-]+\s+){0,3}?(?:allocated|assigned|randomi[sz]ed|enrolled|included|recruited)\s+"
                            r"(?:to|into|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:arms?|groups?|conditions?)\b",
                            " ", after_pool, flags=re.IGNORECASE)
        # ... nor its scope word: "80 of the 96 randomized participants completed the follow-up": 80 completed
        after_pool = re.sub(r"^\s*(?:randomi[sz]ed|enrolled|included|recruited|allocated|eligible|treated)\s+(?:[\w-]+\s+)?"
                            r"(?:participants|patients|subjects|adults|people|individuals|women|men|veterans)\b",
                            " ", after_pool, flags=re.IGNORECASE)
    after_pool = re.sub(r"\d+-?(?:\s?(?:to|–|-)\s?\d+)?-(?:week|month|year|day)s?-old", " ", after_pool)  # "6- to 8-week-old"
    # nor are the sites the participants came from: "97 patients from 36 centers were enrolled"
    after_pool = re.sub(r"\b(?:from|at|in|across)\s+\d+\s+(?:[\w-]+\s+)?(?:cent(?:er|re)s|sites|hospitals|clinics|countries|"
                        r"practices|institutions|cities|states|provinces|units|schools)\b", " ", after_pool, flags=re.IGNORECASE)
    # an age is no count: "68 patients between 18 and 55 years old ... were randomly assigned"
    after_pool = re.sub(r"\b\d+(?:\s?(?:to|and|–|-)\s?\d+)?\s+(?:years?|months?)(?:\s+old|\s+of\s+age)?", " ", after_pool)
    # the next count ends the window: digits ("C57BL6 mice" is a word, not a count) or words
    # that open the next clause ("25 were enrolled, and twenty-two were randomised": 25 were
    # enrolled; but "160 patients from four hospitals were enrolled")
    nxt = re.search(rf"(?<![A-Za-zα-ωΑ-Ω])(?<![α-ωΑ-Ω]\s)\d(?![A-Za-z])|(?:,|\band\b)\s*(?:and\s+)?{word_number_pattern()}\b", after_pool,
                    re.IGNORECASE)
    rwin = after_pool[: nxt.start()] if nxt else after_pool
    rand = scope_rx["randomized"].search(rwin)
    if rand and rand.group(0).lower() in ("allocated", "assigned") and re.match(
            r"\s+(?:for|to|into)\s+(?:the|this)\s+(?:study|trial)\b(?![\s-]+[a-z])", rwin[rand.end() :], re.IGNORECASE):
        return "enrolled", None  # "131 patients ... were allocated for the study": taken in, not randomized
    done = scope_rx["completed"].search(rwin)
    if rand and not (done and done.start() < rand.start()):
        return "randomized", None  # but "126 participants completed their allocated intervention": completed
    if re.search(r"\bincluded\s+in\b", rwin, re.IGNORECASE) and scope_rx["analyzed"].search(rwin):
        return "analyzed", None  # "38 were included in the intention-to-treat analysis"
    for scope, rx in scope_rx.items():
        m = rx.search(rwin)
        if m and (best_pos is None or m.start() < best_pos):
            best, best_pos = scope, m.start()
    if best is None:
        for scope, rx in scope_rx.items():
            ms = list(rx.finditer(left))
            if ms and (best_pos is None or len(left) - ms[-1].end() < best_pos):
                best, best_pos = scope, len(left) - ms[-1].end()
    return best, None
