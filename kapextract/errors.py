"""Errors that reach the user as one clear line (CLI exit code 2, HTTP 4xx)."""

from __future__ import annotations

import os
from pathlib import Path


class KapextractError(Exception):
    """Base class: ``str(exc)`` is the one-line message shown to the user."""

    exit_code = 2


class IngestError(KapextractError):
    """A file could not be read as a paper (corrupt, encrypted, scanned, empty, wrong type)."""


class AnnotationError(KapextractError):
    """Annotations are malformed or inconsistent with their text."""


class ModelError(KapextractError):
    """A model could not be loaded or is incompatible."""


def read_bytes(path: str | os.PathLike[str], error: type[KapextractError] = KapextractError,
               kind: str = "file") -> bytes:
    """The bytes of ``path``, or ``error`` with one line saying why they cannot be read
    (no such file, a directory rather than a ``kind``, permission denied, other OS error)."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise error(f"{p}: no such file") from None
    except IsADirectoryError:
        raise error(f"{p}: is a directory, not a {kind}") from None
    except PermissionError:
        raise error(f"{p}: permission denied") from None
    except OSError as exc:
        raise error(f"{p}: cannot read ({exc.strerror})") from None
