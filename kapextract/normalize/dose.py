"""Dose amount, range and unit.

``parse_dose("0.5-0.75 mg/kg")`` -> ``{"value": "0.5-0.75 mg/kg", "amount": 0.5,
"amount_max": 0.75, "unit": "mg/kg"}``; "0.5 to 0.75 mg/kg", "0.5 mg/kg to 0.75 mg/kg",
"2 mg kg-1", "10 µg/kg/min" and amounts in words with a mass unit ("half a milligram per
kilogram") are understood. Returns None when the text is not a dose
(no number, or a unit that is not a dose unit such as a solution strength in mg/ml).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kapextract.normalize.numbers import (
    DIGITS,
    parse_number,
    parse_word_amount,
    word_amount_pattern,
)
from kapextract.normalize.units import canonical_unit, is_dose_unit, unit_pattern
from kapextract.vocab import load_lexicon

RANGE_SEP = r"\s?(?:-|–|—|to)\s?"
# the "± SD" of a mean dose ("30.2 ± 18.0 mg/day": a mean of 30.2 mg/day)
MEAN_SD = re.compile(rf"\s?(?:±|\+/-)\s?{DIGITS}(?=\s?[A-Za-zµμ])")


@lru_cache(maxsize=1)
def dose_regex() -> re.Pattern[str]:
    """A dose: amount (or range, each side optionally with its unit) and a unit."""
    unit = unit_pattern()
    return re.compile(
        # (the first side's own unit only before a range: "0.5 mg/kg to 0.75 mg/kg", but "50 mg units"
        # is 50 mg)
        rf"(?<![\w.±:])(?P<a>\d{{1,3}}(?:[ \u2009\u202f]\d{{3}})+(?![\d.,·])|{DIGITS})(?:(?:\s?(?:{unit}))?{RANGE_SEP}(?P<b>{DIGITS}))?(?:\s?|-(?=[a-zA-Zµμ])(?!G\b))(?P<unit>{unit})",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def word_dose_regex() -> re.Pattern[str]:
    """A dose whose amount is in words and whose unit is a mass: "half a milligram per kilogram",
    "forty-five micrograms per kilogram", "one and a half mg/kg" (not "two units", "one ml")."""
    mass = r"(?:mg|milligrams?|mcg|µg|μg|micrograms?|grams?)(?![a-zA-Z])"
    return re.compile(rf"(?<![\w-])(?P<w>{word_amount_pattern()})\s+(?P<unit>(?={mass}){unit_pattern()})", re.IGNORECASE)


@lru_cache(maxsize=1)
def listed_dose_regex() -> re.Pattern[str]:
    """Amounts listed before one shared unit: "100 and 300 mg", "25, 50 and 100 mg", "4.5 or 9 µg"
    (one DOSE span by the annotation guidelines, one dose per amount in the record)."""
    # not a number that labels a session, day or table ("0.5 mg/kg in session 1 and 0.75 mg/kg")
    not_a_label = "".join(f"(?<!{w} )" for w in load_lexicon().numbered_nouns)
    # nor a count of people after a dose ("0.75 mg/kg in 14 and 1.0 mg/kg in 11")
    not_a_label += "".join(f"(?<!{u} in )" for u in ("kg", "mg", "g", "µg", "mcg", "ml", "mL"))
    return re.compile(
        # (nor the exponent of a unit before it: "0.5 mg·kg-1 or 0.25 mg·kg-1" is two doses, not "1 or 0.25")
        # (nor the end of a range of days: "0.25 mg/kg on days 1 to 3 and 0.5 mg/kg")
        rf"(?<![\w.])(?<![a-zA-Z][-\u2212\u2010])(?<!\d to )(?<!\d-)(?<!\d\u2013){not_a_label}(?P<list>{DIGITS}(?:\s*,\s*{DIGITS})*)\s*,?\s*(?:and|or)\s*(?P<last>{DIGITS})\s?"
        rf"(?P<unit>{unit_pattern()})",
        re.IGNORECASE)



def fmt_amount(x: float | int) -> str:
    """Amount as written in values: no trailing zeros ("0.5", "150")."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    s = f"{x}"
    if "e" in s:
        s = f"{x:.6f}".rstrip("0").rstrip(".")
    return s


def dose_value(amount: float, amount_max: float | None, unit: str) -> str:
    a = fmt_amount(amount)
    if amount_max is not None and amount_max != amount:
        a = f"{a}-{fmt_amount(amount_max)}"
    return f"{a} {unit}"


def parse_dose(text: str) -> dict[str, Any] | None:
    """Normalized dose of a DOSE span (the first dose in ``text``); a mean ± SD gives the mean."""
    text = MEAN_SD.sub("", text)
    m = dose_regex().search(text)
    if not m:
        return _parse_word_dose(text)
    unit = canonical_unit(m.group("unit"))
    if not is_dose_unit(unit):
        return None
    a = parse_number(m.group("a"))
    b = parse_number(m.group("b")) if m.group("b") else None
    if a is None:
        return None
    a = float(a)
    b = float(b) if b is not None else None
    if b is not None and b < a:  # "2-1 mg" is not a range
        b = None
    if b == a:
        b = None
    return _dose(a, b, unit)


def _parse_word_dose(text: str) -> dict[str, Any] | None:
    m = word_dose_regex().search(text)
    unit = canonical_unit(m.group("unit")) if m else None
    if m is None or not is_dose_unit(unit):
        return None
    a = parse_word_amount(m.group("w"))
    return _dose(float(a), None, unit) if a else None


def _dose(a: float, b: float | None, unit: str) -> dict[str, Any]:
    """The normalized dose of amount ``a`` (up to ``b``) in ``unit``; whole amounts as ints."""
    amount = int(a) if a.is_integer() else a
    amount_max = (int(b) if b.is_integer() else b) if b is not None else None
    return {"value": dose_value(amount, amount_max, unit), "amount": amount,
            "amount_max": amount_max, "unit": unit}


def parse_doses(text: str, between: bool = False) -> list[tuple[dict[str, Any], int, int]]:
    """Every dose of a DOSE span, each with the offsets (into ``text``) of its own amount.

    A list of amounts sharing one unit ("100 and 300 mg") gives one dose per amount, the last
    one spanning its unit too; any other span gives its first dose over the whole span, or
    nothing when it holds no dose. With ``between`` (the span follows "between": "between 0.3
    and 0.9 mg/kg") two amounts are one range."""
    m = listed_dose_regex().fullmatch(text)
    if m is not None and between and re.fullmatch(DIGITS, m.group("list").strip()):
        nd = parse_dose(f"{m.group('list').strip()}-{text[m.start('last'):]}")
        return [(nd, 0, len(text))] if nd is not None else []
    if m is not None:
        unit = m.group("unit")
        out = []
        for a in re.finditer(DIGITS, m.group("list")):
            nd = parse_dose(f"{a.group(0)} {unit}")
            if nd is not None:
                out.append((nd, m.start("list") + a.start(), m.start("list") + a.end()))
        last = parse_dose(text[m.start("last") :])
        if last is not None:
            out.append((last, m.start("last"), len(text)))
        return out
    nd = parse_dose(text)
    return [(nd, 0, len(text))] if nd is not None else []


@lru_cache(maxsize=1)
def mean_dose_regex() -> re.Pattern[str]:
    """A mean dose with its SD: "30.2 ± 18.0 mg/day", "0.13 ± 0.32 µg/d"."""
    return re.compile(rf"(?<![\w.])(?P<a>{DIGITS})\s?(?:±|\+/-)\s?{DIGITS}\s?(?P<unit>{unit_pattern()})", re.IGNORECASE)
