"""Dose amount, range and unit.

``parse_dose("0.5-0.75 mg/kg")`` -> ``{"value": "0.5-0.75 mg/kg", "amount": 0.5,
"amount_max": 0.75, "unit": "mg/kg"}``; "0.5 to 0.75 mg/kg", "0.5 mg/kg to 0.75 mg/kg",
"2 mg kg-1", "10 µg/kg/min" are understood. Returns None when the text is not a dose
(no number, or a unit that is not a dose unit such as a solution strength in mg/ml).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kapextract.normalize.numbers import DIGITS, parse_number
from kapextract.normalize.units import canonical_unit, is_dose_unit, unit_pattern

RANGE_SEP = r"\s?(?:-|–|—|to)\s?"


@lru_cache(maxsize=1)
def dose_regex() -> re.Pattern[str]:
    """A dose: amount (or range, each side optionally with its unit) and a unit."""
    unit = unit_pattern()
    return re.compile(
        rf"(?<![\w.±])(?P<a>{DIGITS})(?:\s?(?:{unit}))?(?:{RANGE_SEP}(?P<b>{DIGITS}))?\s?(?P<unit>{unit})",
        re.IGNORECASE,
    )


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
    """Normalized dose of a DOSE span (the first dose in ``text``)."""
    m = dose_regex().search(text)
    if not m:
        return None
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
    amount = int(a) if a.is_integer() else a
    amount_max = (int(b) if b.is_integer() else b) if b is not None else None
    return {"value": dose_value(amount, amount_max, unit), "amount": amount,
            "amount_max": amount_max, "unit": unit}
