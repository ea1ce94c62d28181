"""Numbers written with digits or words.

``parse_number("Fifty-five") == 55``, ``parse_number("One hundred and forty-four") == 144``,
``parse_number("0,5") == 0.5``, ``parse_number("1,200") == 1200``. ``NUMBER`` is a regex
(no groups) matching any of these forms; it is built from ``resources/number_words.tsv``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kapextract.vocab import alternation, load_numbers

DIGITS = r"\d+(?:[.,·]\d+|\s·\s\d+(?![\d.,]))?"  # "12·5" and, in some journals' markup, "12 · 5"



@lru_cache(maxsize=1)
def word_number_pattern() -> str:
    """Regex (no capture groups, case-insensitive use) for an English number in words."""
    nw = load_numbers()
    unit, ten = alternation(list(nw.units)), alternation(list(nw.tens))
    small = rf"(?:(?:{ten})(?:[-\s](?:{unit}))?|(?:{unit}))"
    scale = alternation(list(nw.scales))
    return rf"(?:{small}[\s-](?:{scale})(?:,?\s+(?:and\s+)?{small})?|{small})"  # "two hundred", "Two-hundred"


@lru_cache(maxsize=1)
def number_pattern() -> str:
    """Regex for a number in digits or words (use with re.IGNORECASE)."""
    return rf"(?:{DIGITS}|\b{word_number_pattern()}\b)"


@lru_cache(maxsize=1)
def word_amount_pattern() -> str:
    """Regex (no capture groups, case-insensitive use) for an amount in words as a dose is
    written before its unit: "forty-five", "one and a half", "half a", "three-quarters of a",
    "a quarter of a"."""
    nw = load_numbers()
    n = word_number_pattern()
    frac = alternation(list(nw.fractions))
    of_a = r"(?:\s+of)?\s+an?"
    return (rf"(?:(?:{n}|a|one)[\s-](?:{frac}){of_a}|(?:{frac}){of_a}"
            rf"|(?:{n})(?:\s+and\s+(?:a|one)[\s-](?:{frac}))?)")


def parse_word_amount(text: str) -> float | int | None:
    """Value of an amount in words (``word_amount_pattern``): "half a" -> 0.5, "three-quarters
    of a" -> 0.75, "one and a half" -> 1.5, "forty-five" -> 45; None for anything else."""
    nw = load_numbers()
    t = re.sub(r"(?:\s+of)?\s+an?$", "", text.strip().lower())
    whole, _, part = t.partition(" and ")
    if part:  # "one and a half"
        w, f = parse_words(whole), parse_word_amount(part)
        return None if w is None or f is None else w + f
    words = re.split(r"[\s-]+", t)
    if words and words[-1] in nw.fractions:
        times = words[:-1]
        k = 1 if not times or times in (["a"], ["one"]) else parse_words(" ".join(times))
        return None if k is None else k * nw.fractions[words[-1]]
    return parse_words(t)


def _parse_digits(text: str) -> float | int | None:
    t = re.sub(r"(?<=\d)[ \u2009\u202f](?=\d{3}(?!\d))", "", text.strip())  # 100 000 -> 100000
    t = re.sub(r"\s?·\s?", ".", t)  # 12·5, 12 · 5 -> 12.5
    if "," in t:
        head, _, tail = t.partition(",")
        if len(tail) == 3 and head not in ("0", "") and tail.isdigit():
            t = head + tail  # 1,200 -> 1200
        else:
            t = head + "." + tail  # 0,5 -> 0.5
    try:
        v = float(t)
    except ValueError:
        return None
    return int(v) if v.is_integer() and "." not in t else v


def parse_words(text: str) -> int | None:
    """Value of an English number in words, or None."""
    nw = load_numbers()
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", text.lower().replace(",", " ")):
        if not w or w == "and":
            continue
        if w in nw.units or w in nw.tens:
            current += nw.units.get(w, nw.tens.get(w, 0))
            seen = True
        elif w in nw.scales:
            scale = nw.scales[w]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_number(text: str) -> float | int | None:
    """Value of a number written in digits or words (None when it is neither)."""
    t = text.strip()
    if not t:
        return None
    if t[0].isdigit() or (t[0] == "." and t[1:2].isdigit()):
        return _parse_digits(t)
    return parse_words(t)


@lru_cache(maxsize=1)
def ordinal_list_pattern() -> str:
    """Regex (no capture groups) for a list of two or more ordinals in words: "fifth, seventh,
    ninth and eleventh", "second and fourth"."""
    o = alternation(list(load_numbers().ordinals))
    return rf"(?:{o})(?:\s*,\s*(?:{o}))*,?\s+(?:and|&)\s+(?:{o})"


def parse_ordinal_list(text: str) -> list[int]:
    """The places an ordinal list names, in order: "fifth, seventh, ninth and eleventh" -> [5, 7, 9, 11]."""
    ordinals = load_numbers().ordinals
    return [ordinals[w.lower()] for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ordinals]
