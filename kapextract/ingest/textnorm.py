"""Character normalization shared by every ingester.

Ligatures, odd dashes and minus signs, exotic spaces, zero-width characters
and soft hyphens are mapped to plain characters from the data file
``resources/unicode_map.tsv``. Normalization works one character at a time
(``normalize_char`` may return zero, one or several characters) so that PDF
ingest can keep a position for every output character.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def unicode_map() -> dict[str, str]:
    """The character map, loaded and validated once."""
    table: dict[str, str] = {}
    text = resources.files("kapextract.resources").joinpath("unicode_map.tsv").read_text("utf-8")
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("U+"):
            raise ValueError(f"unicode_map.tsv line {lineno}: expected 'U+XXXX<TAB>replacement'")
        table[chr(int(parts[0][2:], 16))] = parts[1]
    return table


def normalize_char(ch: str) -> str:
    """The normalized form of one character (possibly empty or several characters)."""
    return unicode_map().get(ch, ch)


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    return {ord(ch): rep for ch, rep in unicode_map().items()}


def normalize(text: str) -> str:
    """Normalize a whole string (no positions kept); same result as ``normalize_char`` per character."""
    return text.translate(_translation())
