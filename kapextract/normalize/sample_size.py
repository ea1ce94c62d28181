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

from kapextract.nlp.vocab import load_drugs, load_lexicon
from kapextract.normalize.numbers import parse_number

SCOPES = ("randomized", "enrolled", "completed", "analyzed", "arm")


def parse_count(text: str) -> int | None:
    """Integer value of a SAMPLE_SIZE span ("Fifty-five", "n = 20", "1,200")."""
    t = re.sub(r"^[Nn]\s?[=:]\s?", "", text.strip())
    v = parse_number(t)
    if v is None or (isinstance(v, float) and not v.is_integer()) or v <= 0:
        return None
    return int(v)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_STOP = {"and", "the", "or", "in", "of", "with", "while", "whereas", "to", "a", "an", "were", "was", "received",
         "receiving", "assigned", "allocated", "randomized", "randomised", "who", "that", "vs", "versus", "than"}


@lru_cache(maxsize=1)
def _rx():
    lex = load_lexicon()
    scope = {k: re.compile(rf"(?<![\w-])(?:{_alt(v)})", re.IGNORECASE) for k, v in lex.sample_scope_cues.items()}
    excl = re.compile(rf"(?<![\w-])(?:{_alt(lex.sample_exclusion_cues)})", re.IGNORECASE)
    group = re.compile(r"([\w+/-]+(?:\s+[\w+/-]+){0,3})\s+(?:group|arm|condition)\s*[,:]?\s*$", re.IGNORECASE)
    to_arm = re.compile(
        r"^\s*(?:(?:[a-z-]+\s+){0,3}?)(?:received|receiving|(?:assigned|allocated|randomi[sz]ed)\s+to|in)\s+(?:the\s+)?"
        r"([\w+/-]+(?:\s+[\w+/-]+){0,3})",
        re.IGNORECASE)
    plan = re.compile(rf"(?<![\w-])(?:{_alt(lex.sample_planning_cues)})", re.IGNORECASE)
    each = re.compile(rf"^\s*(?:[a-z-]+\s+){{0,3}}?(?:(?:randomi[sz]ed|assigned|allocated)\s+to\s+|in\s+|of\s+)?(?:{_alt(lex.each_arm_cues)})\b", re.IGNORECASE)
    return scope, excl, group, to_arm, plan, each


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
    return re.compile(rf"\b(?:{_alt(words)})\s*$", re.IGNORECASE)


def _same_clause(text: str) -> bool:
    return not re.search(r"[,;]", text)


def sample_scope(sentence: str, start: int, end: int) -> tuple[str | None, str | None]:
    """``(scope, arm)`` of the count at ``sentence[start:end]`` (see the module docstring)."""
    scope_rx, excl, group, to_arm, plan, each = _rx()
    left_full = sentence[:start]
    cut = max(left_full.rfind(";"), left_full.rfind(":"))
    left = left_full[cut + 1 :][-70:]
    right = sentence[end:]
    rcut = min([i for i in (right.find(";"), right.find(". ")) if i >= 0] or [len(right)])
    right = right[:rcut][:70]
    if plan.search(sentence):
        return "excluded", None
    if re.match(r"\s*\(\s*\d+(?:[.,]\d+)?\s*%", right):
        # "11 patients (50%)": a proportion of the sample, unless a scope word follows
        if not any(rx.search(right[:40]) for rx in scope_rx.values()):
            return "excluded", None
    m = excl.search(right[:45])
    if m and _same_clause(right[: m.start()]):
        return "excluded", None
    tail = left[-25:]
    ms = list(excl.finditer(tail))
    if ms and _same_clause(tail[ms[-1].end() :]):
        return "excluded", None
    if each.search(right[:60]) or re.match(r"^\s*(?:[A-Za-z-]+\s+){0,2}?each\b", right):
        return "arm", "each group"
    if re.search(r"\b(?:first|last|initial)\s+$", left):
        return "excluded", None
    g_of = re.search(r"([\w+/-]+(?:\s+[\w+/-]+){0,2})\s+groups?\s+(?:consist(?:ed|ing)\s+)?of\s+$", left)
    if g_of:
        name = _arm_name(g_of.group(1), from_end=True)
        return "arm", name if name and not re.search(r"\d|\b(?:one|two|three|four|five|six)\b", name) else "each group"
    if re.search(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+ty(?:-[a-z]+)?))\s+(?:out\s+)?of\s+(?:the\s+|these\s+)?$", left, re.IGNORECASE):
        return "excluded", None  # "41 of 42 patients": 42 is the pool, 41 the count
    arm = None
    po = left_full.rfind("(")
    if po >= 0 and ")" not in left_full[po:]:
        inside = left_full[po + 1 :]
        before = left_full[:po].rstrip()
        seg = re.split(r"[;,]", inside)[-1]
        if _participant_end().search(before) and not re.search(r"[Nn]\s?[=:]\s?$", seg):
            return "excluded", None  # "24 subjects (12 men, 12 women)": a breakdown
        if excl.search(before[-50:]) and not any(rx.search(before[-50:]) for rx in scope_rx.values()):
            return "excluded", None
        g = group.search(before)
        lab = re.match(r"\s*([A-Za-z][\w+/-]*(?:\s+[\w+/-]+){0,2})\s*[:=]\s*(?:[Nn]\s?[=:]\s?)?$", seg)
        if lab and not re.fullmatch(r"\s*[Nn]\s*", lab.group(1)):
            arm = _arm_name(lab.group(1), from_end=True)
        elif g and len(inside) < 30:
            arm = _arm_name(g.group(1), from_end=True)
        elif re.fullmatch(r"\s*(?:[Nn]\s?[=:]\s?)?", seg) and before and not _participant_end().search(before):
            arm = _arm_name(re.split(r"[;,:(]", before)[-1][-40:], from_end=True)
    if arm is None:
        m = to_arm.search(right)
        first_word = m.group(1).split()[0].lower() if m else ""
        if m and _same_clause(right[: m.start(1)]) and (
            re.search(r"\b(?:group|arm|condition)\b", m.group(0), re.IGNORECASE) or first_word in load_drugs().entries
        ):
            arm = _arm_name(m.group(1), from_end=False)
            # "assigned to ketamine or saline": the count covers both arms
            if arm and re.match(rf"\s*{re.escape(arm)}\s*(?:\(|,|\bor\b|\band\b|\bvs\b|\bversus\b)",
                                right[m.start(1):], re.IGNORECASE):
                arm = None
    if arm is not None:
        return "arm", arm
    best, best_pos = None, None
    nxt = re.search(r"\d", right)
    rwin = right[: nxt.start()] if nxt else right
    if scope_rx["randomized"].search(rwin):
        return "randomized", None
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
