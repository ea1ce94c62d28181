"""The heading lexicon: which canonical section a heading names.

Data: ``kapextract/resources/section_headings.tsv`` (heading, label, tier).
:class:`HeadingLexicon` loads and validates it; :func:`lexicon` returns the
shared instance. ``lookup`` normalizes a heading (case, numbering, final
punctuation, '&', quotes) and finds it; headings not in the table that
combine known ones ("Results and conclusions", "Discussion of findings") are
matched by their leading part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kapextract.model import SECTION_LABELS
from kapextract.sections.numbering import split_numbering

TIERS = ("major", "minor")

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_TRAIL = re.compile(r"[\s:.;,\u2014\u2013-]+$")
_QUALIFIER = re.compile(r"\s*\([^()]{1,30}\)$")
_SPACES = re.compile(r"\s+")
#: Section names that still name their section at the end of a longer heading.
_HEAD_NOUNS = frozenset({"methods", "results", "discussion", "conclusions", "conclusion"})
_SPLIT = re.compile(r"\s*(?:\band\b|/|,|:|\u2013|\u2014| - )\s*")


@dataclass(frozen=True)
class HeadingMatch:
    """A lexicon hit: the canonical ``label``, its ``tier`` and whether the
    whole heading matched (``exact``) or only its leading part."""

    label: str
    tier: str
    exact: bool = True


def normalize_heading(text: str) -> str:
    """Lower-case comparison form of a heading, without its number."""
    _level, rest = split_numbering(text.strip())
    s = rest.translate(_QUOTES).replace("&", " and ").lower()
    s = _SPACES.sub(" ", s).strip()
    s = _TRAIL.sub("", s)
    # "Methods (abbreviated)", "Results (continued)": a qualifier in brackets after the heading
    return _TRAIL.sub("", _QUALIFIER.sub("", s)) or s


class HeadingLexicon:
    """Heading phrases mapped to canonical sections, loaded from a TSV file.

    Requires rows ``heading<TAB>label<TAB>tier`` with ``label`` in
    :data:`~kapextract.model.SECTION_LABELS` and ``tier`` in ``major|minor``;
    raises ``ValueError`` naming the line otherwise.
    """

    def __init__(self, rows: dict[str, HeadingMatch]) -> None:
        self._rows = rows

    @classmethod
    def from_tsv(cls, text: str, name: str = "section_headings.tsv") -> HeadingLexicon:
        rows: dict[str, HeadingMatch] = {}
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise ValueError(f"{name} line {lineno}: expected heading<TAB>label<TAB>tier")
            heading, label, tier = (p.strip() for p in parts)
            if label not in SECTION_LABELS:
                raise ValueError(f"{name} line {lineno}: unknown section label {label!r}")
            if tier not in TIERS:
                raise ValueError(f"{name} line {lineno}: tier must be major or minor, not {tier!r}")
            key = normalize_heading(heading)
            if not key:
                raise ValueError(f"{name} line {lineno}: empty heading")
            if key in rows:
                raise ValueError(f"{name} line {lineno}: duplicate heading {heading!r}")
            rows[key] = HeadingMatch(label, tier)
        if not rows:
            raise ValueError(f"{name}: no headings")
        return cls(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, heading: str) -> bool:
        return normalize_heading(heading) in self._rows

    def lookup(self, heading: str) -> HeadingMatch | None:
        """The section a heading names, or None when the lexicon does not know it.

        Tries the whole normalized heading, then its leading part before
        "and", "/", ",", ":" or a dash (e.g. "Results and conclusions" ->
        results), then a final head noun of a short heading ("Pilot trial
        discussion" -> discussion, tier minor); a leading-part match is reported with ``exact=False`` and
        tier "minor" unless the part is a major heading.
        """
        key = normalize_heading(heading)
        if not key:
            return None
        hit = self._rows.get(key)
        if hit is not None:
            return hit
        if len(key) > 80:
            return None
        parts = [x for x in _SPLIT.split(key) if x]
        if len(parts) > 1:
            hit = self._rows.get(parts[0])
            if hit is not None:
                # "Results and conclusions" opens a section like "Results";
                # "Introduction/warm-up (5 min)" is only a sub-heading
                whole = all(x in self._rows for x in parts)
                return HeadingMatch(hit.label, hit.tier if whole else "minor", exact=False)
        words = key.split()
        if 1 < len(words) <= 5 and words[-1] in _HEAD_NOUNS:
            # "Pilot trial discussion", "Overall results": a sub-section named by its head noun
            hit = self._rows.get(words[-1])
            if hit is not None:
                return HeadingMatch(hit.label, "minor", exact=False)
        return None


@lru_cache(maxsize=1)
def lexicon() -> HeadingLexicon:
    """The shipped lexicon (``resources/section_headings.tsv``), loaded once."""
    text = resources.files("kapextract.resources").joinpath("section_headings.tsv").read_text("utf-8")
    return HeadingLexicon.from_tsv(text)
