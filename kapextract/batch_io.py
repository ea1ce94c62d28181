"""Batch output: the JSONL journal, error records and the final file formats.

A batch writes every result as one JSON line the moment it arrives
(:class:`Journal`). For ``--format jsonl`` the journal *is* the output; for
the other formats it lives next to the output (``OUT.journal.jsonl``) and the
final file is written from it at the end (:func:`write_output`), so a killed
run loses nothing and the final file is always whole.

Requires: lines are either records (DESIGN.md's contract) or error records
``{"schema_version": "1", "document": {"id", "source"}, "error": "..."}``.
Sets: nothing global; :meth:`Journal.open` repairs a truncated last line
(the mark of a killed writer) before appending.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kapextract.errors import KapextractError, read_bytes
from kapextract.model import FIELDS, SCHEMA_VERSION

#: Final formats a batch can write (``jsonl`` is the journal itself).
FORMATS = ("jsonl", "csv", "parquet", "covidence", "revman")


class BatchError(KapextractError):
    """A batch cannot run or cannot write its output."""


def error_record(doc_id: str, source: str, message: str) -> dict[str, Any]:
    """The error record of a document that could not be extracted (message on one line)."""
    one_line = " ".join(str(message).split()) or "unknown error"
    if len(one_line) > 500:
        one_line = one_line[:497] + "..."
    return {"schema_version": SCHEMA_VERSION, "document": {"id": doc_id, "source": source}, "error": one_line}


def is_error(line: dict[str, Any]) -> bool:
    """True for an error record."""
    return "error" in line and "fields" not in line


def journal_path(output: str | os.PathLike[str], fmt: str) -> Path:
    """Where results are journaled: the output itself for jsonl, else ``OUT.journal.jsonl``."""
    out = Path(output)
    return out if fmt == "jsonl" else out.with_name(out.name + ".journal.jsonl")


@dataclass
class JournalState:
    """What an existing journal holds: results keyed by document id, in file order."""

    done: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed: dict[str, dict[str, Any]] = field(default_factory=dict)
    repaired: str | None = None  # description of a repaired truncated last line
    bad_lines: list[int] = field(default_factory=list)  # unparseable lines kept in place


def _parse_lines(data: bytes) -> tuple[JournalState, int]:
    """Parse journal bytes; returns the state and the byte length of the whole, good prefix."""
    state = JournalState()
    pos = 0
    good_end = 0
    lineno = 0
    n = len(data)
    while pos < n:
        nl = data.find(b"\n", pos)
        last = nl == -1
        raw = data[pos:] if last else data[pos:nl]
        lineno += 1
        next_pos = n if last else nl + 1
        if not raw.strip():
            pos = next_pos
            if not last:
                good_end = pos
            continue
        try:
            obj = json.loads(raw)
            doc_id = obj["document"]["id"]
            if not isinstance(doc_id, str):
                raise TypeError("id")
        except (ValueError, KeyError, TypeError):
            if last:
                # a killed writer's half line: cut it off
                state.repaired = f"line {lineno} was cut off ({len(raw)} bytes); removed"
                return state, good_end
            state.bad_lines.append(lineno)
            pos = next_pos
            good_end = pos
            continue
        # (a complete object without its newline is kept: the writer adds the newline)
        good_end = next_pos
        if is_error(obj):
            state.failed[doc_id] = obj
            state.done.pop(doc_id, None)
        else:
            state.done[doc_id] = obj
            state.failed.pop(doc_id, None)
        pos = next_pos
    return state, good_end


def read_journal(path: str | os.PathLike[str]) -> JournalState:
    """Read a journal without changing it (missing file = empty)."""
    p = Path(path)
    if not p.exists():
        return JournalState()
    return _parse_lines(p.read_bytes())[0]


def iter_results(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Every parseable line of a JSONL results file (records and error records), in order."""
    for raw in read_bytes(path, BatchError, "JSONL file").splitlines():
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except ValueError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("document"), dict):
            yield obj


class Journal:
    """Append-only JSONL of results, one whole line per result, flushed per line.

    ``Journal.open(path)`` reads what is there (repairing a cut-off last line so
    that appends start on a fresh line) and returns the journal and its state.
    ``drop_failed=True`` rewrites the file without its error records (used by
    ``--retry-failed``); the rewrite goes through a temporary file and
    ``os.replace``, so it is atomic.
    """

    def __init__(self, path: Path, fh: io.BufferedWriter) -> None:
        self.path = path
        self._fh = fh

    @classmethod
    def open(cls, path: str | os.PathLike[str], drop_failed: bool = False) -> tuple[Journal, JournalState]:
        p = Path(path)
        if p.exists() and p.is_dir():
            raise BatchError(f"{p}: is a directory")
        if p.parent and not p.parent.exists():
            raise BatchError(f"{p}: folder {p.parent} does not exist")
        data = p.read_bytes() if p.exists() else b""
        state, good_end = _parse_lines(data)
        try:
            if drop_failed and state.failed:
                keep = [
                    raw for raw in data[:good_end].splitlines()
                    if raw.strip() and not _is_error_line(raw)
                ]
                tmp = p.with_name(p.name + ".tmp")
                tmp.write_bytes(b"".join(r + b"\n" for r in keep))
                os.replace(tmp, p)
                state.failed.clear()
            elif good_end < len(data):
                with p.open("r+b") as fh:
                    fh.truncate(good_end)
            fh = p.open("ab")
            if p.stat().st_size and not _ends_with_newline(p):
                fh.write(b"\n")
                fh.flush()
        except OSError as exc:
            raise BatchError(f"{p}: cannot write ({exc.strerror})") from None
        return cls(p, fh), state

    def write(self, obj: dict[str, Any]) -> None:
        """Append one result as one line and flush it to the OS."""
        line = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        self._fh.write(line)
        self._fh.flush()

    def close(self) -> None:
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
        except OSError:  # pragma: no cover - fsync unsupported
            pass
        self._fh.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_error_line(raw: bytes) -> bool:
    try:
        obj = json.loads(raw)
    except ValueError:
        return False
    return isinstance(obj, dict) and is_error(obj)


def _ends_with_newline(p: Path) -> bool:
    with p.open("rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"


# --------------------------------------------------------------------------- final formats

#: Flat per-field columns of the csv/parquet table (``{field}_{column}``).
_FIELD_COLUMNS = ("value", "confidence", "n_values", "all_values", "text", "sentence", "section",
                  "start", "end", "page")


def table_columns() -> list[str]:
    """Columns of the flat csv/parquet table, in order."""
    cols = ["document_id", "source", "title", "doi", "pages", "error", "warnings", "model"]
    for f in FIELDS:
        cols.extend(f"{f}_{c}" for c in _FIELD_COLUMNS)
    return cols


def table_row(line: dict[str, Any]) -> dict[str, Any]:
    """One flat row for a record or error record: the suggestion of each field
    with its evidence, the number of candidates and all candidate values."""
    doc = line.get("document") or {}
    row: dict[str, Any] = dict.fromkeys(table_columns())
    row.update({
        "document_id": doc.get("id"),
        "source": doc.get("source"),
        "title": doc.get("title"),
        "doi": doc.get("doi"),
        "pages": doc.get("pages"),
        "error": line.get("error"),
        "warnings": " | ".join(line.get("warnings") or []) or None,
        "model": " ".join(str(v) for v in (line.get("model") or {}).values() if isinstance(v, str)) or None,
    })
    fields = line.get("fields") or {}
    for f in FIELDS:
        values = fields.get(f) or []
        row[f"{f}_n_values"] = len(values) if not is_error(line) else None
        if not values:
            continue
        top = values[0]
        ev = top.get("evidence") or {}
        row[f"{f}_value"] = _scalar(top.get("value"))
        row[f"{f}_confidence"] = top.get("confidence")
        row[f"{f}_all_values"] = "; ".join(str(_scalar(v.get("value"))) for v in values)
        row[f"{f}_text"] = top.get("text")
        row[f"{f}_sentence"] = ev.get("sentence")
        row[f"{f}_section"] = ev.get("section")
        row[f"{f}_start"] = ev.get("start")
        row[f"{f}_end"] = ev.get("end")
        row[f"{f}_page"] = ev.get("page")
    return row


def _scalar(v: Any) -> Any:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return v


def write_output(lines: Iterable[dict[str, Any]], fmt: str, output: str | os.PathLike[str]) -> int:
    """Write results (records and error records) as ``fmt``; returns rows written.

    ``csv``/``parquet``: the flat table of :func:`table_row` (parquet also keeps
    the whole record as JSON in column ``record``). ``covidence``/``revman``:
    the extraction-form shapes of :mod:`kapextract.review.export`, with each
    field's suggestion marked unreviewed; error records are left out of those.
    """
    out = Path(output)
    lines = list(lines)
    tmp = out.with_name(out.name + ".tmp")
    try:
        if fmt == "csv":
            with tmp.open("w", newline="", encoding="utf-8") as fh:
                w = csv.DictWriter(fh, fieldnames=table_columns())
                w.writeheader()
                for line in lines:
                    w.writerow({k: ("" if v is None else v) for k, v in table_row(line).items()})
            n = len(lines)
        elif fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            rows = [table_row(line) for line in lines]
            for r, line in zip(rows, lines, strict=True):
                for f in FIELDS:
                    if r[f"{f}_value"] is not None:
                        r[f"{f}_value"] = str(r[f"{f}_value"])
                r["record"] = json.dumps(line, ensure_ascii=False)
            cols = table_columns() + ["record"]
            table = pa.Table.from_pylist(rows, schema=_parquet_schema(cols)) if rows else pa.table(
                {c: pa.array([], type=t) for c, t in zip(cols, _parquet_schema(cols).types, strict=True)})
            pq.write_table(table, tmp)
            n = len(rows)
        elif fmt in ("covidence", "revman"):
            n = _write_review_shape(lines, fmt, tmp)
        else:
            raise BatchError(f"unknown output format {fmt!r} (formats: {', '.join(FORMATS)})")
        os.replace(tmp, out)
    except OSError as exc:
        raise BatchError(f"{out}: cannot write ({exc.strerror})") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return n


def _parquet_schema(cols: list[str]):
    import pyarrow as pa

    ints = {"pages"} | {f"{f}_{c}" for f in FIELDS for c in ("n_values", "start", "end", "page")}
    floats = {f"{f}_confidence" for f in FIELDS}
    types = []
    for c in cols:
        types.append(pa.int64() if c in ints else pa.float64() if c in floats else pa.string())
    # values may be numbers (sample size) or text (dose): keep them as text
    return pa.schema([(c, t) for c, t in zip(cols, types, strict=True)])


def _write_review_shape(lines: list[dict[str, Any]], fmt: str, path: Path) -> int:
    """Covidence/RevMan CSV from records, through the review export (no twin of it here)."""
    try:
        from kapextract.review.export import studies_from_records, write_studies
    except ImportError as exc:
        raise BatchError(f"--format {fmt} needs the review exports (kapextract.review.export): {exc}") from None
    from kapextract.model import Record

    records = []
    for line in lines:
        if is_error(line):
            continue
        try:
            records.append(Record.from_dict(line))
        except ValueError as exc:
            raise BatchError(f"record {line.get('document', {}).get('id', '?')[:12]}: {exc}") from None
    return write_studies(studies_from_records(records), fmt, path)


def convert(input_path: str | os.PathLike[str], fmt: str, output: str | os.PathLike[str]) -> int:
    """Write an existing results JSONL (batch output or journal) as ``fmt``; latest line per id wins."""
    latest: dict[str, dict[str, Any]] = {}
    for line in iter_results(input_path):
        latest[line["document"].get("id")] = line
    if not latest:
        raise BatchError(f"{input_path}: no records in it")
    return write_output(latest.values(), fmt, output)


def main(argv: list[str] | None = None) -> int:
    """``python -m kapextract.batch_io RESULTS.jsonl --format covidence -o form.csv``."""
    import argparse
    import sys

    p = argparse.ArgumentParser(prog="python -m kapextract.batch_io",
                                description="Convert batch results (JSONL) to csv, parquet, covidence or revman.")
    p.add_argument("input", help="records JSONL from kapextract batch")
    p.add_argument("--format", required=True, choices=[f for f in FORMATS if f != "jsonl"])
    p.add_argument("-o", "--output", required=True, help="file to write")
    args = p.parse_args(argv)
    try:
        n = convert(args.input, args.format, args.output)
    except KapextractError as exc:
        print(f"kapextract convert: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"kapextract convert: {n} rows -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
