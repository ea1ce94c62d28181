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

from kapextract.nlp.vocab import load_lexicon
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
    return scope, excl, group, to_arm


def _arm_name(words: str, from_end: bool) -> str | None:
    toks = words.split()
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


def _same_clause(text: str) -> bool:
    return not re.search(r"[,;]", text)


def sample_scope(sentence: str, start: int, end: int) -> tuple[str | None, str | None]:
    """``(scope, arm)`` of the count at ``sentence[start:end]`` (see the module docstring)."""
    scope_rx, excl, group, to_arm = _rx()
    left_full = sentence[:start]
    cut = max(left_full.rfind(";"), left_full.rfind(":"))
    left = left_full[cut + 1 :][-70:]
    right = sentence[end:]
    rcut = min([i for i in (right.find(";"), right.find(". ")) if i >= 0] or [len(right)])
    right = right[:rcut][:70]
    m = excl.search(right[:45])
    if m and _same_clause(right[: m.start()]):
        return "excluded", None
    tail = left[-25:]
    ms = list(excl.finditer(tail))
    if ms and _same_clause(tail[ms[-1].end() :]):
        return "excluded", None
    arm = None
    in_parens = bool(re.search(r"\(\s*(?:[Nn]\s?[=:]\s?)?$", left))
    if in_parens:
        g = group.search(left[: left.rfind("(")].rstrip())
        if g:
            arm = _arm_name(g.group(1), from_end=True)
    if arm is None:
        m = to_arm.search(right)
        if m and _same_clause(right[: m.start(1)]):
            arm = _arm_name(m.group(1), from_end=False)
            # "assigned to ketamine or saline": the count covers both arms
            if arm and re.match(rf"\s*{re.escape(arm)}\s*(?:\(|,|\bor\b|\band\b|\bvs\b|\bversus\b)",
                                right[m.start(1):], re.IGNORECASE):
                arm = None
    if arm is not None:
        return "arm", arm
    best, best_pos = None, None
    for scope, rx in scope_rx.items():
        m = rx.search(right)
        if m and (best_pos is None or m.start() < best_pos):
            best, best_pos = scope, m.start()
    if best is None:
        for scope, rx in scope_rx.items():
            ms = list(rx.finditer(left))
            if ms and (best_pos is None or len(left) - ms[-1].end() < best_pos):
                best, best_pos = scope, len(left) - ms[-1].end()
    return best, None
