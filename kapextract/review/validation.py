"""Validate and normalize a value a reviewer types when editing a field.

The extraction normalizers (:mod:`kapextract.normalize`) and their
vocabularies (``resources/routes.tsv``, ``therapies.tsv``, ``units.tsv``,
``extraction_lexicon.json``) do the reading, so an edited value is
normalized exactly like an extracted one. This module adds what a form
needs on top: the *whole* input must be a value of the field, and a refusal
is one line the web app shows next to the field.

* dose — ``amount[-amount_max] unit [over N min|h]``: ``0.5 mg/kg``,
  ``0.5-0.75 mg/kg``, ``150 mg``, ``0.5 mg/kg over 40 min``;
* route — a route value or a route word/abbreviation (``IV``, ``i.m.``,
  ``intraperitoneal`` -> other);
* frequency — what ``parse_frequency`` reads: ``3 sessions, weekly``,
  ``single``, ``twice a week for 6 weeks``;
* therapy — a therapy label, name or abbreviation (``CBT``, ``MET``);
* sample_size — a positive whole number (digits or words), with an optional
  ``scope`` (randomized, enrolled, completed, analyzed, arm) and ``arm``.

:func:`validate_edit` returns ``(value, attributes)`` or raises
:class:`ValidationError`.
"""

from __future__ import annotations

import re
from typing import Any

from kapextract.errors import KapextractError
from kapextract.model import FIELDS
from kapextract.normalize.dose import dose_regex, parse_dose
from kapextract.normalize.duration import parse_duration
from kapextract.normalize.frequency import parse_frequency
from kapextract.normalize.route import route_attributes
from kapextract.normalize.sample_size import SCOPES, parse_count
from kapextract.vocab import (
    INTERVALS,
    ROUTE_VALUES,
    THERAPY_LABELS,
    load_routes,
    load_therapies,
)


class ValidationError(KapextractError):
    """An edited value does not have its field's normalized shape."""


#: What the edit form offers for sample-size scope.
SAMPLE_SIZE_SCOPES: tuple[str, ...] = SCOPES

_DURATION_SPLIT = re.compile(r"\s+(?:over|during|for|as an? )\s*", re.IGNORECASE)


def validate_dose(raw: str) -> tuple[str, dict[str, Any]]:
    text = " ".join(raw.split())
    parts = _DURATION_SPLIT.split(text, maxsplit=1)
    core, rest = (parts[0], parts[1]) if len(parts) == 2 else (text, "")
    m = dose_regex().fullmatch(core)
    parsed = parse_dose(core) if m else None
    if parsed is None:
        raise ValidationError(
            f"dose {raw!r}: write an amount and a dose unit, e.g. '0.5 mg/kg', '0.5-0.75 mg/kg' or '150 mg over 40 min'"
        )
    if parsed["amount"] <= 0:
        raise ValidationError(f"dose {raw!r}: the amount must be positive")
    if m.group("b") and parsed["amount_max"] is None:
        raise ValidationError(f"dose {raw!r}: a range must go up (low-high)")
    duration = None
    if rest:
        duration = parse_duration(rest)
        if duration is None:
            raise ValidationError(f"dose {raw!r}: cannot read the infusion duration {rest!r} (e.g. 'over 40 min')")
    attrs = {"amount": parsed["amount"], "amount_max": parsed["amount_max"], "unit": parsed["unit"],
             "duration": duration}
    return parsed["value"], attrs


def validate_route(raw: str) -> tuple[str, dict[str, Any]]:
    text = " ".join(raw.split())
    if text.lower() in ROUTE_VALUES:
        route = text.lower()
        return route, route_attributes(route, False, text)
    vocab = load_routes()
    term = vocab.lookup(text) or (vocab.lookup(text.upper()) if len(text) <= 5 else None)
    if term is None:
        raise ValidationError(f"route {raw!r}: not a route (routes: {', '.join(ROUTE_VALUES)}; IV, IM, … accepted)")
    # the reviewer states the route: it is not merely implied any more
    return term.route, route_attributes(term.route, False, text)


def validate_frequency(raw: str) -> tuple[str, dict[str, Any]]:
    parsed = parse_frequency(" ".join(raw.split()))
    if parsed is None or not parsed.get("value"):
        raise ValidationError(
            f"frequency {raw!r}: cannot read a number of sessions or an interval; write e.g. '3 sessions, weekly', "
            f"'single' or '6 sessions, twice weekly, 3 weeks' (intervals: {', '.join(INTERVALS)})"
        )
    value = parsed.pop("value")
    return value, parsed


def validate_therapy(raw: str) -> tuple[str, dict[str, Any]]:
    text = " ".join(raw.split())
    if text.lower() in THERAPY_LABELS:
        return text.lower(), {}
    term = load_therapies().lookup(text)
    if term is None:
        raise ValidationError(
            f"therapy {raw!r}: not in the therapy vocabulary (a label such as {', '.join(THERAPY_LABELS[:3])} …, "
            "an abbreviation such as CBT or MET, or 'other')"
        )
    return term.label, {}


def validate_sample_size(raw: str, scope: str | None = None, arm: str | None = None) -> tuple[int, dict[str, Any]]:
    n = parse_count(raw)
    if n is None or n > 10_000_000:
        raise ValidationError(f"sample size {raw!r}: must be a whole number of participants (e.g. 24 or 'twenty-four')")
    if scope is not None and scope not in SCOPES:
        raise ValidationError(f"sample size scope {scope!r}: one of {', '.join(SCOPES)}")
    return n, {"scope": scope, "arm": (arm or "").strip() or None}


def validate_edit(field_name: str, raw: str, *, scope: str | None = None,
                  arm: str | None = None) -> tuple[Any, dict[str, Any]]:
    """Normalize a reviewer's edit of ``field_name``; returns ``(value, attributes)``.

    ``scope``/``arm`` apply to sample_size only. Raises ValidationError.
    """
    if field_name not in FIELDS:
        raise ValidationError(f"unknown field {field_name!r}")
    if not (raw or "").strip():
        raise ValidationError(f"{field_name}: the value is empty (use 'not reported' when the paper does not state it)")
    if field_name == "dose":
        return validate_dose(raw)
    if field_name == "route":
        return validate_route(raw)
    if field_name == "frequency":
        return validate_frequency(raw)
    if field_name == "therapy":
        return validate_therapy(raw)
    return validate_sample_size(raw, scope or None, arm)
