"""Reading and writing annotation JSONL (DESIGN.md's format), one passage a line.

Requires: paths to ``.jsonl`` files or folders holding them. Folders are
searched recursively for ``*.jsonl`` only, so ``annotations/`` can also hold
gold records (``.json``), documents and prose. Every read error names
``file:line``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kapextract.errors import AnnotationError


def find_jsonl(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders into a sorted list of JSONL files.

    A file named directly is taken whatever its suffix; a folder contributes
    every ``*.jsonl`` below it. Raises :class:`AnnotationError` for a missing
    path or when nothing is found.
    """
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*.jsonl") if q.is_file()))
        elif p.is_file():
            found.append(p)
        else:
            raise AnnotationError(f"{p}: no such file or folder")
    if not found:
        raise AnnotationError(f"no .jsonl files in {', '.join(str(p) for p in paths)}")
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def iter_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, Any, str | None]]:
    """Yield ``(line_number, object, error)`` for each non-blank line.

    ``error`` is a one-line message when the line is not valid JSON (the
    object is then None). Lines are numbered from 1.
    """
    p = Path(path)
    try:
        fh = p.open("r", encoding="utf-8")
    except OSError as exc:
        raise AnnotationError(f"{p}: cannot read ({exc.strerror or exc})") from None
    with fh:
        try:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    yield lineno, json.loads(line.rstrip("\r\n")), None
                except json.JSONDecodeError as exc:
                    yield lineno, None, f"invalid JSON: {exc.msg} (column {exc.colno})"
        except UnicodeDecodeError:
            raise AnnotationError(f"{p}: not UTF-8 text") from None


def read_jsonl(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """All passages of one file; raises :class:`AnnotationError` at the first bad line."""
    out: list[dict[str, Any]] = []
    for lineno, obj, err in iter_lines(path):
        if err:
            raise AnnotationError(f"{path}:{lineno}: {err}")
        if not isinstance(obj, dict):
            raise AnnotationError(f"{path}:{lineno}: expected a JSON object, got {type(obj).__name__}")
        out.append(obj)
    return out


#: Names of the split files ``scripts/build_corpus.py`` writes.
SPLITS: tuple[str, ...] = ("train", "dev", "test", "holdout")


def group_paths(paths: Iterable[str | os.PathLike[str]]) -> dict[str, list[Path]]:
    """JSONL files grouped for per-split work (stats, DocBin and dataset export).

    A folder that directly holds split files (``train.jsonl``, ``dev.jsonl``, ...)
    gives one group per split file and nothing else (so ``annotations/`` is
    not read twice through ``raw/``). Any other path is one group named after
    it (a file by its stem).
    """
    groups: dict[str, list[Path]] = {}
    for raw in paths:
        p = Path(raw)
        split_files = [p / f"{s}.jsonl" for s in SPLITS] if p.is_dir() else []
        if any(f.is_file() for f in split_files):
            for f in split_files:
                if f.is_file():
                    groups.setdefault(f.stem, []).append(f)
            continue
        name = p.stem if p.is_file() else (p.resolve().name or str(p))
        groups.setdefault(name, []).extend(find_jsonl([p]))
    return groups


def read_groups(paths: Iterable[str | os.PathLike[str]]) -> dict[str, list[dict[str, Any]]]:
    """Passages per group of :func:`group_paths`."""
    return {name: [ex for f in files for ex in read_jsonl(f)] for name, files in group_paths(paths).items()}


def read_examples(paths: Iterable[str | os.PathLike[str]]) -> list[dict[str, Any]]:
    """All passages of the JSONL files in ``paths`` (files or folders), in file order."""
    out: list[dict[str, Any]] = []
    for p in find_jsonl(paths):
        out.extend(read_jsonl(p))
    return out


def write_jsonl(path: str | os.PathLike[str], examples: Iterable[dict[str, Any]]) -> int:
    """Write passages one per line (UTF-8, keys in the given order); returns the count.

    The file is written to a temporary name and renamed, so an interrupted
    write never leaves half a file behind.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for ex in examples:
                fh.write(json.dumps(ex, ensure_ascii=False) + "\n")
                n += 1
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n
