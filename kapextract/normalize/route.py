"""Route values from route words, abbreviations and route-implying dosage forms.

``normalize_route("i.m.") -> ("intramuscular", False, "i.m.")``;
``normalize_route("nasal spray") -> ("intranasal", True, "nasal spray")`` (implied);
``normalize_route("IV infusion") -> ("intravenous", False, "IV")``;
``normalize_route("infusion") -> ("intravenous", True, "infusion")`` (implied, weaker).
Routes outside DESIGN.md's list map to ``other`` with the specific word kept as
``route_text`` (e.g. "intraperitoneal").
"""

from __future__ import annotations

import re

from kapextract.vocab import load_lexicon, load_routes


def normalize_route(text: str) -> tuple[str, bool, str] | None:
    """``(route, implied, route_text)`` for a ROUTE span, or None when no route is named."""
    vocab = load_routes()
    t = " ".join(text.split())
    term = vocab.lookup(t)
    if term is not None:
        return term.route, term.implied, t
    # a longer phrase: take the first stated route word in it, else an implied form
    words = re.findall(r"[A-Za-z][A-Za-z.\-]*", t)
    found = None
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            cand = vocab.lookup(" ".join(words[i : i + n]))
            if cand is not None and (found is None or (found.implied and not cand.implied)):
                found = cand
        if found is not None and not found.implied:
            break
    if found is not None:
        return found.route, found.implied, found.term
    if any(w.lower() in load_lexicon().infusion_cues for w in words):
        return "intravenous", True, "infusion"
    return None


def route_attributes(route: str, implied: bool, route_text: str) -> dict:
    """The record attributes of a route value."""
    attrs: dict = {"implied": implied}
    if route == "other":
        attrs["route_text"] = route_text.lower()
    return attrs
