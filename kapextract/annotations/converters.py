"""Registry of the annotation converters and their common result type.

Each format lives in its own module with ``export_<fmt>(examples, output)``
and ``import_<fmt>(input)``; both return a :class:`Conversion`. Modules are
imported only when their format is used (spaCy and ``datasets`` are slow to
import).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kapextract.errors import AnnotationError


@dataclass
class Conversion:
    """What a conversion produced, plus anything the user must know.

    ``examples`` holds the imported passages (empty for an export);
    ``count`` the number of passages converted; ``notes`` one-line remarks
    (misaligned spans, dropped relations, missing meta ...).
    """

    count: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


#: format -> module (under kapextract.annotations)
FORMATS: dict[str, str] = {
    "brat": "brat",
    "labelstudio": "labelstudio",
    "prodigy": "prodigy",
    "docbin": "docbin",
    "dataset": "bio_dataset",
}


def _func(fmt: str, direction: str) -> Callable[..., Conversion]:
    if fmt not in FORMATS:
        raise AnnotationError(f"unknown annotation format {fmt!r} (choose from {', '.join(FORMATS)})")
    module = importlib.import_module(f"kapextract.annotations.{FORMATS[fmt]}")
    return getattr(module, f"{direction}_{fmt}")


def export_to(fmt: str, examples: list[dict[str, Any]], output: str | os.PathLike[str], **kwargs: Any) -> Conversion:
    """Write passages in ``fmt`` to ``output`` (a file or folder, by format)."""
    return _func(fmt, "export")(examples, output, **kwargs)


def import_from(fmt: str, source: str | os.PathLike[str], **kwargs: Any) -> Conversion:
    """Read passages in ``fmt`` from ``source``."""
    return _func(fmt, "import")(source, **kwargs)
