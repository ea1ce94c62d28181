"""The review store: documents, suggestion sets and an append-only decision log.

What it holds
-------------
* **documents** — one row per input document (id = sha256 of the input
  bytes): source, title, kind, the document text that evidence offsets index,
  and the source bytes (or a path) so PDF pages can be rendered.
* **suggestion sets** — one row per extraction run of a document: the record
  JSON (DESIGN.md's contract) with the model name/version and the time it was
  added. Re-extracting with a newer model *adds* a set beside the old ones;
  importing an identical record again adds nothing.
* **decisions** — the reviewers' audit log, append-only (SQLite triggers refuse
  UPDATE and DELETE): who, when, field, action (accept, pick, edit,
  not_reported, reject, note), the old value, the new value, the reason/note,
  and the decision id the reviewer based the action on. The reviewed state of
  a field is its latest non-note decision.

Conflicts: every state-changing decision names ``base_decision_id``, the
latest decision the reviewer saw for that field (None when it was
unreviewed). When another reviewer has decided that field since, the write is
refused with :class:`ConflictError`, so a stale page never silently
overwrites a colleague's decision.

Durability: WAL journal, ``synchronous=FULL``, foreign keys on, a busy timeout,
and every write in one ``BEGIN IMMEDIATE`` transaction — a crash loses
nothing that was committed.

Backends: :class:`ReviewStore` is the interface the app, exports and training
data use; :class:`SQLiteStore` is the one implementation in this build.
:func:`open_store` maps a ``--db`` value (a path or a ``sqlite:///`` URL) to a
store and refuses ``postgresql://`` with a clear message.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kapextract import __version__
from kapextract.errors import KapextractError
from kapextract.model import FIELDS, Document, Record, Value

#: Reviewer actions. ``note`` annotates a field without changing its state.
ACTIONS: tuple[str, ...] = ("accept", "pick", "edit", "not_reported", "reject", "note")
#: Actions that set the reviewed state of a field.
STATE_ACTIONS: tuple[str, ...] = ("accept", "pick", "edit", "not_reported", "reject")
#: Actions whose new value is a list of values (the others carry no value).
VALUE_ACTIONS: tuple[str, ...] = ("accept", "pick", "edit")

#: Source files up to this size are kept inside the database (bigger ones by path).
MAX_STORED_BYTES = 64 * 1024 * 1024


class StoreError(KapextractError):
    """The review store cannot be opened or the request is invalid."""


class ConflictError(StoreError):
    """Another reviewer decided the field after the page the reviewer acted on was loaded."""


def utcnow() -> str:
    """Current UTC time as ISO 8601 with microseconds (sorts as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def record_sha256(record: Record) -> str:
    """Stable content hash of a record (to recognise an identical re-import)."""
    blob = json.dumps(record.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- rows


@dataclass
class StoredDocument:
    """A document row (without its source bytes; see :meth:`ReviewStore.document_source`)."""

    id: str
    source: str
    title: str | None
    doi: str | None
    kind: str | None
    pages: int | None
    license: str | None
    text: str | None
    has_source: bool
    imported_at: str
    sections: list[tuple[int, int, str]] = field(default_factory=list)

    def info(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "title": self.title, "doi": self.doi, "pages": self.pages}

    def section_at(self, offset: int) -> str:
        """Canonical section of the character at ``offset`` (``other`` when unknown)."""
        for start, end, label in self.sections:
            if start <= offset < end:
                return label
        return "other"


@dataclass
class SuggestionSet:
    """One extraction run's record for a document."""

    id: int
    document_id: str
    model_name: str
    model_version: str
    created_at: str
    record: Record
    origin: str | None = None

    @property
    def model_label(self) -> str:
        return f"{self.model_name} {self.model_version}".strip()


@dataclass
class Decision:
    """One entry of the audit log.

    ``old_values``/``new_values`` are lists of :class:`Value` (None where the
    action carries no value: ``not_reported``, ``reject``, ``note``).
    ``candidates`` lists the ``[suggestion_set_id, index]`` pairs a pick or
    accept took its values from.
    """

    id: int
    document_id: str
    field: str
    action: str
    reviewer: str
    decided_at: str
    old_values: list[Value] | None
    new_values: list[Value] | None
    reason: str | None
    base_decision_id: int | None
    suggestion_set_id: int | None
    candidates: list[list[int]] = field(default_factory=list)

    @property
    def status(self) -> str:
        """Reviewed status this decision gives its field."""
        return {
            "accept": "accepted",
            "pick": "picked",
            "edit": "edited",
            "not_reported": "not reported",
            "reject": "rejected",
            "note": "note",
        }[self.action]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document_id": self.document_id,
            "field": self.field,
            "action": self.action,
            "reviewer": self.reviewer,
            "decided_at": self.decided_at,
            "old_value": None if self.old_values is None else [v.to_dict() for v in self.old_values],
            "new_value": None if self.new_values is None else [v.to_dict() for v in self.new_values],
            "reason": self.reason,
            "base_decision_id": self.base_decision_id,
            "suggestion_set_id": self.suggestion_set_id,
            "candidates": self.candidates,
        }


@dataclass
class DocumentProgress:
    """A document-list row: how many of the five fields have a reviewed state."""

    id: str
    source: str
    title: str | None
    kind: str | None
    reviewed: int
    total: int
    suggestion_sets: int
    last_decided_at: str | None


@dataclass
class ImportResult:
    """What :meth:`ReviewStore.import_record` did."""

    document_id: str
    document_created: bool
    suggestion_set_id: int
    suggestions_added: bool


@dataclass
class Candidate:
    """A suggested value with where it came from (which run, which rank)."""

    value: Value
    suggestion_set_id: int
    index: int
    model: str
    latest: bool


def merge_candidates(sets: Sequence[SuggestionSet], field_name: str) -> list[Candidate]:
    """Candidates of ``field_name`` over all runs: the newest run's ranking first,
    then values only older runs suggested. Duplicates (same value at the same
    offsets) are listed once, under the newest run that suggested them."""
    out: list[Candidate] = []
    seen: set[tuple[str, int, int]] = set()
    ordered = sorted(sets, key=lambda s: s.id, reverse=True)
    for rank, s in enumerate(ordered):
        for i, v in enumerate(s.record.fields.get(field_name, [])):
            key = (json.dumps(v.value, sort_keys=True), v.evidence.start, v.evidence.end)
            if key in seen:
                continue
            seen.add(key)
            out.append(Candidate(v, s.id, i, s.model_label, rank == 0))
    return out


# --------------------------------------------------------------------------- interface


class ReviewStore(ABC):
    """What the web app, the exports and the training-data writer need from a store.

    Implementations must keep decisions append-only, run each write as one
    transaction, and raise :class:`ConflictError` from :meth:`decide` when the
    field's latest state decision is not ``base_decision_id``.
    """

    url: str

    @abstractmethod
    def import_record(
        self,
        record: Record,
        document: Document | None = None,
        source_bytes: bytes | None = None,
        source_path: str | None = None,
        origin: str | None = None,
        license: str | None = None,
    ) -> ImportResult:
        """Add a document (if new) and the record as a suggestion set (if not already there)."""

    @abstractmethod
    def decide(
        self,
        document_id: str,
        field_name: str,
        action: str,
        reviewer: str,
        *,
        values: Sequence[Value] | None = None,
        reason: str | None = None,
        base_decision_id: int | None = None,
        suggestion_set_id: int | None = None,
        candidates: Sequence[Sequence[int]] | None = None,
    ) -> Decision:
        """Append a decision; raises ConflictError or StoreError."""

    @abstractmethod
    def get_document(self, document_id: str) -> StoredDocument | None: ...

    @abstractmethod
    def document_source(self, document_id: str) -> bytes | None:
        """The document's source bytes (stored or read from its path), or None."""

    @abstractmethod
    def list_documents(self) -> list[DocumentProgress]: ...

    @abstractmethod
    def suggestion_sets(self, document_id: str) -> list[SuggestionSet]: ...

    @abstractmethod
    def decisions(self, document_id: str | None = None, field_name: str | None = None) -> list[Decision]:
        """The audit log (oldest first), optionally for one document/field."""

    @abstractmethod
    def current_decisions(self, document_id: str) -> dict[str, Decision]:
        """The latest state decision of each reviewed field."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------------- SQLite

SCHEMA_VERSION = 1

_FIELDS_SQL = ", ".join(f"'{f}'" for f in FIELDS)
_ACTIONS_SQL = ", ".join(f"'{a}'" for a in ACTIONS)

#: version -> statements that bring the schema from version-1 to version.
MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY CHECK (length(id) > 0),
            source TEXT NOT NULL,
            title TEXT,
            doi TEXT,
            kind TEXT,
            pages INTEGER,
            license TEXT,
            text TEXT,
            sections TEXT,
            source_bytes BLOB,
            source_path TEXT,
            imported_at TEXT NOT NULL
        )""",
        """CREATE TABLE suggestion_sets (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id TEXT NOT NULL REFERENCES documents(id),
            model_name TEXT NOT NULL,
            model_version TEXT NOT NULL,
            created_at TEXT NOT NULL,
            record_json TEXT NOT NULL,
            record_sha256 TEXT NOT NULL,
            origin TEXT,
            UNIQUE (document_id, record_sha256)
        )""",
        f"""CREATE TABLE decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id TEXT NOT NULL REFERENCES documents(id),
            field TEXT NOT NULL CHECK (field IN ({_FIELDS_SQL})),
            action TEXT NOT NULL CHECK (action IN ({_ACTIONS_SQL})),
            reviewer TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
            decided_at TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            reason TEXT,
            base_decision_id INTEGER REFERENCES decisions(id),
            suggestion_set_id INTEGER REFERENCES suggestion_sets(id),
            candidates TEXT
        )""",
        "CREATE INDEX decisions_by_field ON decisions (document_id, field, id)",
        "CREATE INDEX suggestion_sets_by_document ON suggestion_sets (document_id, id)",
        """CREATE TRIGGER decisions_append_only_update BEFORE UPDATE ON decisions
           BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END""",
        """CREATE TRIGGER decisions_append_only_delete BEFORE DELETE ON decisions
           BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END""",
        """CREATE TRIGGER suggestion_sets_immutable BEFORE UPDATE ON suggestion_sets
           BEGIN SELECT RAISE(ABORT, 'suggestion sets are immutable'); END""",
    ],
}


def _values_json(values: Sequence[Value] | None) -> str | None:
    if values is None:
        return None
    return json.dumps([v.to_dict() for v in values], ensure_ascii=False)


def _values_from(blob: str | None) -> list[Value] | None:
    if blob is None:
        return None
    return [Value.from_dict(d) for d in json.loads(blob)]


class SQLiteStore(ReviewStore):
    """The embedded store: one SQLite file, safe for several reviewers and processes.

    Requires a writable folder for ``path`` (WAL needs its ``-wal``/``-shm``
    side files). Each thread gets its own connection; writes are serialized
    by SQLite's lock (``BEGIN IMMEDIATE``) and wait up to ``timeout`` seconds.
    """

    def __init__(self, path: str | Path, *, create: bool = True, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        self.timeout = timeout
        if not create and not self.path.exists():
            raise StoreError(f"{self.path}: no such review database")
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a review database")
        if not self.path.parent.exists():
            raise StoreError(f"{self.path}: folder {self.path.parent} does not exist")
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        try:
            self._migrate(self._conn())
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"{self.path}: cannot open as a review database ({exc})") from None
        except StoreError:
            self.close()
            raise

    # -- connections -----------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        conn = sqlite3.connect(
            self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            conn.close()
            raise StoreError(f"{self.path}: cannot switch the database to WAL mode (got {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        self._local.conn = conn
        with self._all_lock:
            self._all.append(conn)
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock up front."""
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: database is busy ({exc}); try again") from None
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def close(self) -> None:
        with self._all_lock:
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._local = threading.local()

    # -- schema ------------------------------------------------------------------

    def schema_version(self) -> int:
        row = self._conn().execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self, conn: sqlite3.Connection) -> None:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "meta" not in tables:
            raise StoreError(f"{self.path}: an SQLite file, but not a kapextract review database")
        with self._write() as c:
            c.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = c.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: database schema version {version} is newer than this "
                    f"kapextract supports ({SCHEMA_VERSION}); upgrade kapextract"
                )
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for stmt in MIGRATIONS[target]:
                    c.execute(stmt)
                c.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(target),),
                )
            if version == 0:
                c.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)", (utcnow(),))
                c.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('created_by', ?)",
                    (f"kapextract {__version__}",),
                )

    def integrity_check(self) -> str:
        """SQLite's own check (``"ok"`` when the file is sound)."""
        return str(self._conn().execute("PRAGMA integrity_check").fetchone()[0])

    # -- writes ------------------------------------------------------------------

    def import_record(
        self,
        record: Record,
        document: Document | None = None,
        source_bytes: bytes | None = None,
        source_path: str | None = None,
        origin: str | None = None,
        license: str | None = None,
    ) -> ImportResult:
        info = record.document
        doc_id = str(info.get("id") or "")
        if not doc_id:
            raise StoreError("record has no document id")
        if document is not None and document.id != doc_id:
            raise StoreError(f"record is for document {doc_id[:12]}, not {document.id[:12]} ({document.source})")
        text = document.text if document is not None else None
        kind = document.kind if document is not None else None
        sections = (
            json.dumps([[x.start, x.end, x.label] for x in document.sections]) if document is not None else None
        )
        if source_bytes is not None and len(source_bytes) > MAX_STORED_BYTES:
            source_bytes = None  # kept by path instead
        sha = record_sha256(record)
        model_name = str(record.model.get("name") or "unknown")
        model_version = str(record.model.get("version") or "")
        now = utcnow()
        with self._write() as c:
            row = c.execute("SELECT id, text, source_bytes IS NOT NULL AS has_bytes, source_path, title, kind "
                            "FROM documents WHERE id = ?", (doc_id,)).fetchone()
            created = row is None
            if created:
                c.execute(
                    "INSERT INTO documents (id, source, title, doi, kind, pages, license, text, sections, "
                    "source_bytes, source_path, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        doc_id,
                        str(info.get("source") or (document.source if document else "") or doc_id[:12]),
                        info.get("title") or (document.title if document else None),
                        info.get("doi") or (document.doi if document else None),
                        kind,
                        info.get("pages"),
                        license,
                        text,
                        sections,
                        source_bytes,
                        source_path,
                        now,
                    ),
                )
            else:
                # Fill in what an earlier import lacked; never replace what is there.
                if row["text"] is None and text is not None:
                    c.execute("UPDATE documents SET text = ?, sections = ? WHERE id = ?", (text, sections, doc_id))
                if row["kind"] is None and kind is not None:
                    c.execute("UPDATE documents SET kind = ? WHERE id = ?", (kind, doc_id))
                if not row["has_bytes"] and source_bytes is not None:
                    c.execute("UPDATE documents SET source_bytes = ? WHERE id = ?", (source_bytes, doc_id))
                if row["source_path"] is None and source_path is not None:
                    c.execute("UPDATE documents SET source_path = ? WHERE id = ?", (source_path, doc_id))
                if row["title"] is None and info.get("title"):
                    c.execute("UPDATE documents SET title = ? WHERE id = ?", (info.get("title"), doc_id))
                if license:
                    c.execute("UPDATE documents SET license = ? WHERE id = ? AND license IS NULL", (license, doc_id))
            existing = c.execute(
                "SELECT id FROM suggestion_sets WHERE document_id = ? AND record_sha256 = ?", (doc_id, sha)
            ).fetchone()
            if existing is not None:
                return ImportResult(doc_id, created, int(existing[0]), False)
            cur = c.execute(
                "INSERT INTO suggestion_sets (document_id, model_name, model_version, created_at, "
                "record_json, record_sha256, origin) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc_id, model_name, model_version, now, json.dumps(record.to_dict(), ensure_ascii=False), sha, origin),
            )
            return ImportResult(doc_id, created, int(cur.lastrowid), True)

    def decide(
        self,
        document_id: str,
        field_name: str,
        action: str,
        reviewer: str,
        *,
        values: Sequence[Value] | None = None,
        reason: str | None = None,
        base_decision_id: int | None = None,
        suggestion_set_id: int | None = None,
        candidates: Sequence[Sequence[int]] | None = None,
    ) -> Decision:
        if field_name not in FIELDS:
            raise StoreError(f"unknown field {field_name!r} (fields: {', '.join(FIELDS)})")
        if action not in ACTIONS:
            raise StoreError(f"unknown action {action!r} (actions: {', '.join(ACTIONS)})")
        reviewer = (reviewer or "").strip()
        if not reviewer:
            raise StoreError("a decision needs a reviewer name")
        reason = (reason or "").strip() or None
        if action in VALUE_ACTIONS:
            if not values:
                raise StoreError(f"{action} needs at least one value")
            values = list(values)
        elif values:
            raise StoreError(f"{action} takes no value")
        else:
            values = None
        if action == "note" and not reason:
            raise StoreError("a note needs text")
        cand_json = json.dumps([list(map(int, c)) for c in candidates]) if candidates else None
        with self._write() as c:
            if c.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is None:
                raise StoreError(f"no document {document_id[:12]} in the review store")
            latest = c.execute(
                f"SELECT * FROM decisions WHERE document_id = ? AND field = ? "
                f"AND action IN ({', '.join('?' * len(STATE_ACTIONS))}) ORDER BY id DESC LIMIT 1",
                (document_id, field_name, *STATE_ACTIONS),
            ).fetchone()
            latest_id = int(latest["id"]) if latest is not None else None
            if action != "note" and latest_id != base_decision_id:
                who = f"{latest['reviewer']} ({latest['action'].replace('_', ' ')}, decision #{latest_id}, {latest['decided_at'][:19].replace('T', ' ')} UTC)"
                raise ConflictError(
                    f"{field_name} was changed by {who} after your page was loaded; "
                    "your decision was not saved — reload to see it and decide again"
                )
            if latest is not None:
                old = latest["new_value"]
            else:
                old = self._suggestion_json(c, document_id, field_name)
            cur = c.execute(
                "INSERT INTO decisions (document_id, field, action, reviewer, decided_at, old_value, "
                "new_value, reason, base_decision_id, suggestion_set_id, candidates) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document_id,
                    field_name,
                    action,
                    reviewer,
                    utcnow(),
                    old,
                    _values_json(values),
                    reason,
                    base_decision_id if action != "note" else latest_id,
                    suggestion_set_id,
                    cand_json,
                ),
            )
            row = c.execute("SELECT * FROM decisions WHERE id = ?", (cur.lastrowid,)).fetchone()
        return self._decision(row)

    @staticmethod
    def _suggestion_json(c: sqlite3.Connection, document_id: str, field_name: str) -> str | None:
        """The newest run's suggestion (first value) as a one-value list, or None."""
        row = c.execute(
            "SELECT record_json FROM suggestion_sets WHERE document_id = ? ORDER BY id DESC LIMIT 1",
            (document_id,),
        ).fetchone()
        if row is None:
            return None
        values = json.loads(row[0])["fields"].get(field_name) or []
        return json.dumps(values[:1], ensure_ascii=False)

    # -- reads -------------------------------------------------------------------

    @staticmethod
    def _decision(row: sqlite3.Row) -> Decision:
        return Decision(
            id=int(row["id"]),
            document_id=row["document_id"],
            field=row["field"],
            action=row["action"],
            reviewer=row["reviewer"],
            decided_at=row["decided_at"],
            old_values=_values_from(row["old_value"]),
            new_values=_values_from(row["new_value"]),
            reason=row["reason"],
            base_decision_id=row["base_decision_id"],
            suggestion_set_id=row["suggestion_set_id"],
            candidates=json.loads(row["candidates"]) if row["candidates"] else [],
        )

    def get_document(self, document_id: str) -> StoredDocument | None:
        row = self._conn().execute(
            "SELECT id, source, title, doi, kind, pages, license, text, sections, imported_at, "
            "(source_bytes IS NOT NULL OR source_path IS NOT NULL) AS has_source "
            "FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            return None
        return StoredDocument(
            id=row["id"],
            source=row["source"],
            title=row["title"],
            doi=row["doi"],
            kind=row["kind"],
            pages=row["pages"],
            license=row["license"],
            text=row["text"],
            has_source=bool(row["has_source"]),
            imported_at=row["imported_at"],
            sections=[(int(a), int(b), str(c)) for a, b, c in json.loads(row["sections"] or "[]")],
        )

    def document_ids(self) -> list[str]:
        return [r[0] for r in self._conn().execute("SELECT id FROM documents ORDER BY imported_at, id")]

    def document_source(self, document_id: str) -> bytes | None:
        row = self._conn().execute(
            "SELECT source_bytes, source_path FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            return None
        if row["source_bytes"] is not None:
            return bytes(row["source_bytes"])
        if row["source_path"]:
            p = Path(row["source_path"])
            try:
                data = p.read_bytes()
            except OSError:
                return None
            # only the very file that was imported (the id is its sha256)
            return data if hashlib.sha256(data).hexdigest() == document_id else None
        return None

    def list_documents(self) -> list[DocumentProgress]:
        rows = self._conn().execute(
            f"""SELECT d.id, d.source, d.title, d.kind,
                  (SELECT COUNT(DISTINCT field) FROM decisions x
                    WHERE x.document_id = d.id AND x.action IN ({', '.join('?' * len(STATE_ACTIONS))})) AS reviewed,
                  (SELECT COUNT(*) FROM suggestion_sets s WHERE s.document_id = d.id) AS sets,
                  (SELECT MAX(decided_at) FROM decisions x WHERE x.document_id = d.id) AS last
                FROM documents d ORDER BY d.imported_at, d.id""",
            STATE_ACTIONS,
        ).fetchall()
        return [
            DocumentProgress(r["id"], r["source"], r["title"], r["kind"], int(r["reviewed"]), len(FIELDS),
                             int(r["sets"]), r["last"])
            for r in rows
        ]

    def suggestion_sets(self, document_id: str) -> list[SuggestionSet]:
        rows = self._conn().execute(
            "SELECT * FROM suggestion_sets WHERE document_id = ? ORDER BY id", (document_id,)
        ).fetchall()
        return [
            SuggestionSet(
                id=int(r["id"]),
                document_id=r["document_id"],
                model_name=r["model_name"],
                model_version=r["model_version"],
                created_at=r["created_at"],
                record=Record.from_dict(json.loads(r["record_json"])),
                origin=r["origin"],
            )
            for r in rows
        ]

    def decisions(self, document_id: str | None = None, field_name: str | None = None) -> list[Decision]:
        sql, params = "SELECT * FROM decisions", []
        where = []
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        if field_name is not None:
            where.append("field = ?")
            params.append(field_name)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        return [self._decision(r) for r in self._conn().execute(sql, params)]

    def current_decisions(self, document_id: str) -> dict[str, Decision]:
        rows = self._conn().execute(
            f"""SELECT d.* FROM decisions d
                JOIN (SELECT field, MAX(id) AS id FROM decisions
                      WHERE document_id = ? AND action IN ({', '.join('?' * len(STATE_ACTIONS))})
                      GROUP BY field) latest ON latest.id = d.id""",
            (document_id, *STATE_ACTIONS),
        ).fetchall()
        return {r["field"]: self._decision(r) for r in rows}

    def counts(self) -> dict[str, int]:
        """Rows per table (for summaries and tests)."""
        c = self._conn()
        return {
            t: int(c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
            for t in ("documents", "suggestion_sets", "decisions")
        }


# --------------------------------------------------------------------------- URLs


def parse_db_url(url: str) -> tuple[str, str]:
    """``(backend, location)`` for a ``--db`` value; raises StoreError for unsupported ones."""
    url = (url or "").strip()
    if not url:
        raise StoreError("--db is empty; give a SQLite path such as review.sqlite")
    if "://" not in url:
        return "sqlite", url
    scheme, rest = url.split("://", 1)
    scheme = scheme.lower()
    if scheme == "sqlite":
        if not rest.startswith("/") or rest in ("/", "/:memory:"):
            raise StoreError(f"{url}: give a file, e.g. sqlite:///review.sqlite or sqlite:////abs/path/review.sqlite")
        return "sqlite", rest[1:]
    if scheme.split("+")[0] in ("postgresql", "postgres"):
        raise StoreError(
            "PostgreSQL review stores are not supported yet in this build; "
            "use a SQLite file (--db review.sqlite or sqlite:///path)"
        )
    raise StoreError(f"{url}: unsupported database URL scheme {scheme!r} (use a path or sqlite:///path)")


def open_store(url: str, *, create: bool = True) -> ReviewStore:
    """Open the store a ``--db`` value names (a plain path or ``sqlite:///path``).

    With ``create=False`` a missing database is an error instead of a new file.
    """
    backend, location = parse_db_url(url)
    if backend == "sqlite":
        return SQLiteStore(location, create=create)
    raise StoreError(f"unsupported backend {backend}")  # pragma: no cover - parse_db_url refuses first
