"""Validate and normalize a value a reviewer types when editing a field.

Each field has one accepted shape (DESIGN.md's normalized values):

* dose — ``amount[-amount_max] unit [over N min|h]``: ``0.5 mg/kg``,
  ``0.5-0.75 mg/kg``, ``150 mg``, ``0.5 mg/kg over 40 min``;
* route — a route of the vocabulary or one of its spellings (``IV``, ``i.m.``);
* frequency — ``N sessions[, interval][, W weeks]`` or an interval alone:
  ``3 sessions, weekly``, ``1 session, single``, ``6 sessions, twice weekly, 3 weeks``;
* therapy — a therapy label of the vocabulary or a spelling/abbreviation (``CBT``);
* sample_size — a positive integer, with an optional ``scope`` and ``arm``.

The vocabularies live in ``kapextract/resources/review_vocabulary.json``,
loaded and checked by :class:`ReviewVocabulary`. :func:`validate_edit`
returns ``(value, attributes)`` or raises :class:`ValidationError` with a
one-line message that the web app shows next to the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from kapextract.errors import KapextractError
from kapextract.model import FIELDS


class ValidationError(KapextractError):
    """An edited value does not have its field's normalized shape."""


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


@dataclass
class ReviewVocabulary:
    """Canonical values and their accepted spellings for the edit validators.

    Requires: every section present, canonical names non-empty, and no
    spelling mapped to two different canonical values within a section.
    """

    routes: dict[str, str]
    dose_units: dict[str, str]
    duration_units: dict[str, str]
    intervals: dict[str, str]
    therapies: dict[str, str]
    route_labels: list[str]
    therapy_labels: list[str]
    interval_labels: list[str]
    unit_labels: list[str]
    scopes: list[str]

    @classmethod
    def from_json(cls, data: dict[str, Any], name: str = "review_vocabulary.json") -> ReviewVocabulary:
        def section(key: str) -> tuple[dict[str, str], list[str]]:
            raw = data.get(key)
            if not isinstance(raw, dict) or not raw:
                raise ValueError(f"{name}: section {key!r} must be a non-empty object")
            table: dict[str, str] = {}
            for canon, spellings in raw.items():
                if not isinstance(canon, str) or not canon.strip():
                    raise ValueError(f"{name}: {key}: empty canonical value")
                if not isinstance(spellings, list) or not all(isinstance(s, str) and s.strip() for s in spellings):
                    raise ValueError(f"{name}: {key}: spellings of {canon!r} must be a list of non-empty strings")
                for s in [canon, *spellings]:
                    k = _norm(s)
                    if table.get(k, canon) != canon:
                        raise ValueError(f"{name}: {key}: {s!r} is a spelling of both {table[k]!r} and {canon!r}")
                    table[k] = canon
            return table, list(raw)

        routes, route_labels = section("routes")
        units, unit_labels = section("dose_units")
        dur, _ = section("duration_units")
        intervals, interval_labels = section("intervals")
        therapies, therapy_labels = section("therapies")
        scopes = data.get("sample_size_scopes")
        if not isinstance(scopes, list) or not scopes or not all(isinstance(s, str) and s for s in scopes):
            raise ValueError(f"{name}: 'sample_size_scopes' must be a non-empty list of strings")
        return cls(routes, units, dur, intervals, therapies, route_labels, therapy_labels,
                   interval_labels, unit_labels, list(scopes))

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> ReviewVocabulary:
        text = resources.files("kapextract.resources").joinpath("review_vocabulary.json").read_text("utf-8")
        return cls.from_json(json.loads(text))


_NUM = r"\d+(?:[.,]\d+)?"
_DOSE_RE = re.compile(
    rf"^(?P<a>{_NUM})\s*(?:(?:-|–|—|to)\s*(?P<b>{_NUM}))?\s*(?P<unit>.+?)"
    rf"(?:\s+over\s+(?P<dur>{_NUM})\s*(?P<du>[a-z]+))?$",
    re.IGNORECASE,
)


def _number(s: str) -> float:
    return float(s.replace(",", "."))


def _fmt(x: float) -> str:
    return f"{x:g}"


def validate_dose(raw: str, vocab: ReviewVocabulary) -> tuple[str, dict[str, Any]]:
    m = _DOSE_RE.match(raw.strip())
    if not m:
        raise ValidationError(f"dose {raw!r}: write an amount and a unit, e.g. '0.5 mg/kg' or '0.5-0.75 mg/kg over 40 min'")
    unit = vocab.dose_units.get(_norm(m["unit"]))
    if unit is None:
        raise ValidationError(f"dose {raw!r}: unknown unit {m['unit'].strip()!r} (units: {', '.join(vocab.unit_labels)})")
    a = _number(m["a"])
    b = _number(m["b"]) if m["b"] else None
    if a <= 0 or (b is not None and b <= a):
        raise ValidationError(f"dose {raw!r}: the amount must be positive and a range must go up")
    duration = None
    if m["dur"]:
        du = vocab.duration_units.get(_norm(m["du"]))
        if du is None:
            raise ValidationError(f"dose {raw!r}: infusion duration needs min or h")
        duration = f"{_fmt(_number(m['dur']))} {du}"
    value = f"{_fmt(a)}{'-' + _fmt(b) if b is not None else ''} {unit}"
    return value, {"amount": a, "amount_max": b, "unit": unit, "duration": duration}


def validate_route(raw: str, vocab: ReviewVocabulary) -> tuple[str, dict[str, Any]]:
    route = vocab.routes.get(_norm(raw))
    if route is None:
        raise ValidationError(f"route {raw!r}: not a route (routes: {', '.join(vocab.route_labels)})")
    return route, {}


_SESSIONS_RE = re.compile(r"^(\d+)\s*(?:sessions?|administrations?|infusions?|doses?|treatments?)$", re.I)
_WEEKS_RE = re.compile(rf"^(?:for\s+|over\s+)?({_NUM})\s*weeks?$", re.I)


def validate_frequency(raw: str, vocab: ReviewVocabulary) -> tuple[str, dict[str, Any]]:
    sessions: int | None = None
    interval: str | None = None
    weeks: float | None = None
    parts = [p for p in re.split(r"\s*[,;]\s*|\s+for\s+(?=\d)", raw.strip()) if p]
    if not parts:
        raise ValidationError("frequency is empty")
    for part in parts:
        if (m := _SESSIONS_RE.match(part)) and sessions is None:
            sessions = int(m[1])
        elif (m := _WEEKS_RE.match(part)) and weeks is None:
            weeks = _number(m[1])
        elif _norm(part) in vocab.intervals and interval is None:
            interval = vocab.intervals[_norm(part)]
        else:
            raise ValidationError(
                f"frequency {raw!r}: cannot read {part!r}; write e.g. '3 sessions, weekly' or "
                f"'6 sessions, twice weekly, 3 weeks' (intervals: {', '.join(vocab.interval_labels)})"
            )
    if sessions is not None and sessions <= 0:
        raise ValidationError(f"frequency {raw!r}: the number of sessions must be positive")
    if interval == "single":
        if sessions not in (None, 1):
            raise ValidationError(f"frequency {raw!r}: a single session cannot be {sessions} sessions")
        sessions = 1
    shown = [f"{sessions} session{'s' if sessions != 1 else ''}"] if sessions is not None else []
    if interval:
        shown.append(interval)
    if weeks is not None:
        shown.append(f"{_fmt(weeks)} weeks")
    return ", ".join(shown), {"sessions": sessions, "interval": interval, "period_weeks": weeks}


def validate_therapy(raw: str, vocab: ReviewVocabulary) -> tuple[str, dict[str, Any]]:
    label = vocab.therapies.get(_norm(raw))
    if label is None:
        raise ValidationError(
            f"therapy {raw!r}: not in the therapy vocabulary (e.g. {', '.join(vocab.therapy_labels[:4])} … or other)"
        )
    return label, {"label": label}


def validate_sample_size(raw: str, vocab: ReviewVocabulary, scope: str | None = None,
                         arm: str | None = None) -> tuple[int, dict[str, Any]]:
    s = raw.strip().replace(",", "").replace("\u202f", "").replace(" ", "")
    if not re.fullmatch(r"\d+", s):
        raise ValidationError(f"sample size {raw!r}: must be a whole number of participants")
    n = int(s)
    if n <= 0 or n > 10_000_000:
        raise ValidationError(f"sample size {raw!r}: must be between 1 and 10,000,000")
    if scope is not None and scope not in vocab.scopes:
        raise ValidationError(f"sample size scope {scope!r}: one of {', '.join(vocab.scopes)}")
    return n, {"scope": scope, "arm": (arm or "").strip() or None}


def validate_edit(field_name: str, raw: str, *, scope: str | None = None, arm: str | None = None,
                  vocab: ReviewVocabulary | None = None) -> tuple[Any, dict[str, Any]]:
    """Normalize a reviewer's edit of ``field_name``; returns ``(value, attributes)``.

    ``scope``/``arm`` apply to sample_size only. Raises ValidationError.
    """
    vocab = vocab or ReviewVocabulary.default()
    if field_name not in FIELDS:
        raise ValidationError(f"unknown field {field_name!r}")
    if not (raw or "").strip():
        raise ValidationError(f"{field_name}: the value is empty (use 'not reported' when the paper does not state it)")
    if field_name == "dose":
        return validate_dose(raw, vocab)
    if field_name == "route":
        return validate_route(raw, vocab)
    if field_name == "frequency":
        return validate_frequency(raw, vocab)
    if field_name == "therapy":
        return validate_therapy(raw, vocab)
    return validate_sample_size(raw, vocab, scope or None, arm)
