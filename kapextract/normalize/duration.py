"""Duration of one administration: "over 40 minutes" -> "40 min", "a 100-min infusion" -> "100 min"."""

from __future__ import annotations

import re
from functools import lru_cache

from kapextract.normalize.dose import fmt_amount
from kapextract.normalize.numbers import number_pattern, parse_number
from kapextract.vocab import alternation, load_lexicon


@lru_cache(maxsize=1)
def duration_unit_pattern() -> str:
    return alternation(load_lexicon().duration_units)


@lru_cache(maxsize=1)
def _value_regex() -> re.Pattern[str]:
    n = number_pattern()
    return re.compile(
        rf"(?P<a>{n})(?:\s?(?:-|–|to)\s?(?P<b>{n}))?[\s-]?(?P<u>{duration_unit_pattern()})\b",
        re.IGNORECASE,
    )


def parse_duration(text: str) -> str | None:
    """"40 min" / "1.5 h" for a DURATION span, or None."""
    m = _value_regex().search(text)
    if not m:
        return None
    a = parse_number(m.group("a"))
    if a is None:
        return None
    unit = load_lexicon().duration_units[m.group("u").lower()]
    s = fmt_amount(a)
    if m.group("b"):
        b = parse_number(m.group("b"))
        if b is not None and b > a:
            s = f"{s}-{fmt_amount(b)}"
    return f"{s} {unit}"
