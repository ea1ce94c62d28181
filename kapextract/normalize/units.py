"""Dose units in any common spelling -> the canonical unit of the gold conventions.

``canonical_unit("mg kg-1") == "mg/kg"``, ``canonical_unit("mg·kg−1·h−1") == "mg/kg/h"``,
``canonical_unit("µg/kg") == "mcg/kg"``, ``canonical_unit("γ/kg/min") == "mcg/kg/min"``.
``unit_pattern()`` is the regex (built from ``resources/units.tsv``) that finds a unit
after a number; ``is_dose_unit`` says whether a canonical unit is a dose (``mg/ml``, a
solution strength, is not).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kapextract.vocab import alternation, load_units

_EXP = r"(?:\s?\^?(?:-|−|–|⁻)\s?(?:1|¹))"  # (a caret as typed in plain text: "mg kg^-1")
#: body surface area written with an exponent: "mg m-2", "mg*m-2", "mg·m⁻²", "mg m^-2"
_PER_M2 = r"(?:\s|·|\.|\*)?m\s?\^?(?:-|−|–|⁻)\s?(?:2|²)"
#: the body weight a per-kilogram dose names: "3 ml/kg BW/h", "8 mg/kg body weight/day"
_BODY_WEIGHT = r"(?:\s+(?:BW|b\.w\.|body\s+weight|bodyweight))"


@lru_cache(maxsize=1)
def unit_pattern() -> str:
    """Regex (no capture groups; use with re.IGNORECASE) for a unit with its denominators."""
    u = load_units()
    base = alternation(u.base)
    per = alternation(u.per)
    # "/kg", " per kg", "·kg", ".kg", "/kg/h", or exponent forms " kg-1", "·kg−1 h−1"
    # (a denominator with an exponent is the exponent form: "·kg-1·h-1" goes on past "·kg")
    slash = rf"(?:\s?/\s?|\s+per\s+|·|\.|\*)(?:{per})\b(?!{_EXP})"
    expo = rf"(?:\s|·|\.|\*)?(?:{per}){_EXP}"
    # the body weight only where another denominator follows it ("ml/kg BW/h"): "10 mg/kg
    # body weight" stays "10 mg/kg"
    return rf"(?:{base})(?![a-zA-Z])(?:{slash}(?:{_BODY_WEIGHT}(?=\s?/|\s+per\b))?|{expo}|{_PER_M2})*"


def canonical_unit(text: str) -> str | None:
    """Canonical form of a unit as written, or None when it is not a unit."""
    u = load_units()
    t = text.strip().replace("−", "-").replace("⁻¹", "-1").replace("¹", "1").replace("μ", "µ").replace("^-", "-")
    t = re.sub(_PER_M2, "/m2", t)
    t = re.sub(_BODY_WEIGHT + r"(?=\s?/|\s+per\b|$)", "", t, flags=re.IGNORECASE)
    m = re.match(rf"({alternation(u.base)})(?![a-zA-Z])", t, re.IGNORECASE)
    if not m:
        return None
    raw = m.group(1)
    base = "IU" if raw.lower() == "iu" else u.base.get(raw.lower())
    if base is None:
        return None
    rest = t[m.end():]
    parts = [base]
    for piece in re.findall(rf"({alternation(u.per)})", rest, re.IGNORECASE):
        if u.per[piece.lower()] != "dose":  # "1 mg/kg per dose", "1 mg/dose": the amount of each dose
            parts.append(u.per[piece.lower()])
    return "/".join(parts)


def is_dose_unit(canonical: str | None) -> bool:
    return canonical is not None and canonical in load_units().dose_units
