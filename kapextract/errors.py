"""Errors that reach the user as one clear line (CLI exit code 2, HTTP 4xx)."""


class KapextractError(Exception):
    """Base class: ``str(exc)`` is the one-line message shown to the user."""

    exit_code = 2


class IngestError(KapextractError):
    """A file could not be read as a paper (corrupt, encrypted, scanned, empty, wrong type)."""


class AnnotationError(KapextractError):
    """Annotations are malformed or inconsistent with their text."""


class ModelError(KapextractError):
    """A model could not be loaded or is incompatible."""
