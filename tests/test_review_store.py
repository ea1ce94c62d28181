"""Review store: schema and migrations, imports, decisions, conflicts, append-only log,
concurrency across connections, and durability when a writer is killed mid-batch."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from review_support import NXML, PDF, nxml_record, pdf_record

from kapextract.review.store import (
    SCHEMA_VERSION,
    ConflictError,
    SQLiteStore,
    StoreError,
    merge_candidates,
    open_store,
    parse_db_url,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nxml():
    return nxml_record()


@pytest.fixture()
def store(tmp_path, nxml):
    s = open_store(str(tmp_path / "review.sqlite"))
    doc, rec = nxml
    s.import_record(rec, doc, source_bytes=NXML.read_bytes())
    yield s
    s.close()


# --------------------------------------------------------------------------- opening


def test_new_database_is_versioned_wal_with_foreign_keys(tmp_path):
    path = tmp_path / "r.sqlite"
    with open_store(f"sqlite:///{path}") as s:
        assert s.schema_version() == SCHEMA_VERSION
        conn = s._conn()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert s.integrity_check() == "ok"
    # reopening migrates nothing and keeps the version
    with SQLiteStore(path) as s:
        assert s.schema_version() == SCHEMA_VERSION


def test_newer_schema_and_foreign_files_are_refused(tmp_path):
    path = tmp_path / "r.sqlite"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as c:
        c.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        SQLiteStore(path)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a kapextract review database"):
        SQLiteStore(other)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        SQLiteStore(junk)
    with pytest.raises(StoreError, match="no such review database"):
        open_store(str(tmp_path / "missing.sqlite"), create=False)


def test_db_urls():
    assert parse_db_url("review.sqlite") == ("sqlite", "review.sqlite")
    assert parse_db_url("sqlite:///data/review.sqlite") == ("sqlite", "data/review.sqlite")
    assert parse_db_url("sqlite:////abs/review.sqlite") == ("sqlite", "/abs/review.sqlite")
    for url in ("postgresql://u@host/db", "postgres://host/db", "postgresql+psycopg://host/db"):
        with pytest.raises(StoreError, match="PostgreSQL review stores are not supported yet in this build"):
            open_store(url)
    with pytest.raises(StoreError, match="unsupported database URL scheme 'mysql'"):
        parse_db_url("mysql://host/db")
    with pytest.raises(StoreError, match="give a file"):
        parse_db_url("sqlite://")


# --------------------------------------------------------------------------- imports


def test_import_keeps_text_and_source_and_dedupes(store, nxml):
    doc, rec = nxml
    got = store.get_document(doc.id)
    assert got.kind == "jats" and got.text == doc.text and got.has_source
    assert store.document_source(doc.id) == NXML.read_bytes()
    # the evidence offsets index the stored text
    v = rec.fields["dose"][0]
    assert got.text[v.evidence.start : v.evidence.end] == "35 mg/ kg"
    again = store.import_record(rec, doc)
    assert not again.document_created and not again.suggestions_added
    assert store.counts() == {"documents": 1, "suggestion_sets": 1, "decisions": 0}


def test_reimport_with_newer_model_adds_beside_and_keeps_decisions(store, nxml):
    doc, rec = nxml
    dec = store.decide(doc.id, "dose", "accept", "ana", values=rec.fields["dose"][:1])
    _, newer = nxml_record(version="0.2", doc=doc)
    newer.fields["dose"] = newer.fields["dose"][1:]  # the new model ranks differently
    res = store.import_record(newer, doc)
    assert res.suggestions_added and not res.document_created
    sets = store.suggestion_sets(doc.id)
    assert [s.model_version for s in sets] == ["0.1", "0.2"]
    # the reviewed value is untouched by the re-import
    cur = store.current_decisions(doc.id)["dose"]
    assert cur.id == dec.id and cur.new_values[0].value == "35 mg/kg"
    # candidates: newest run first, then what only the older run suggested
    cands = merge_candidates(sets, "dose")
    assert [c.value.value for c in cands] == ["2.25 mg/kg", "25 mg/kg", "35 mg/kg"]
    assert [c.latest for c in cands] == [True, True, False]


def test_import_fills_in_text_later_and_pdf_path_is_checked(tmp_path, nxml):
    doc, rec = nxml
    with open_store(str(tmp_path / "r.sqlite")) as s:
        s.import_record(rec)  # records only: no text
        assert s.get_document(doc.id).text is None
        s.import_record(rec, doc)
        assert s.get_document(doc.id).text == doc.text
        pdoc, prec = pdf_record()
        s.import_record(prec, pdoc, source_path=str(PDF))
        assert s.document_source(pdoc.id) == PDF.read_bytes()
        with pytest.raises(StoreError, match="not"):
            s.import_record(prec, doc)  # the record is for another document


# --------------------------------------------------------------------------- decisions


def test_decisions_log_old_and_new_values(store, nxml):
    doc, rec = nxml
    d1 = store.decide(doc.id, "dose", "accept", "ana", values=rec.fields["dose"][:1])
    assert d1.old_values[0].value == "35 mg/kg"  # the suggestion it replaced
    d2 = store.decide(doc.id, "dose", "not_reported", "ben", base_decision_id=d1.id, reason="anaesthesia, not KAP")
    assert d2.old_values[0].value == "35 mg/kg" and d2.new_values is None
    n = store.decide(doc.id, "dose", "note", "cy", reason="check the table")
    assert n.base_decision_id == d2.id
    cur = store.current_decisions(doc.id)
    assert cur["dose"].id == d2.id and cur["dose"].status == "not reported"
    assert [d.action for d in store.decisions(doc.id, "dose")] == ["accept", "not_reported", "note"]
    progress = store.list_documents()[0]
    assert progress.reviewed == 1 and progress.total == 5


def test_stale_base_is_refused_and_writes_nothing(store, nxml):
    doc, rec = nxml
    first = store.decide(doc.id, "route", "accept", "ana", values=rec.fields["route"])
    with pytest.raises(ConflictError, match=r"route was changed by ana \(accept, decision #\d+"):
        store.decide(doc.id, "route", "reject", "ben", base_decision_id=None)
    with pytest.raises(ConflictError):
        store.decide(doc.id, "route", "reject", "ben", base_decision_id=first.id + 100)
    assert store.counts()["decisions"] == 1
    # a note never conflicts: it changes no value
    store.decide(doc.id, "route", "note", "ben", reason="IM injection, pre-anaesthesia")
    # deciding on the latest base works
    store.decide(doc.id, "route", "reject", "ben", base_decision_id=first.id)
    assert store.current_decisions(doc.id)["route"].reviewer == "ben"


def test_bad_decisions_are_refused(store, nxml):
    doc, rec = nxml
    with pytest.raises(StoreError, match="unknown field"):
        store.decide(doc.id, "weight", "accept", "ana", values=rec.fields["dose"])
    with pytest.raises(StoreError, match="unknown action"):
        store.decide(doc.id, "dose", "approve", "ana")
    with pytest.raises(StoreError, match="reviewer name"):
        store.decide(doc.id, "dose", "not_reported", "  ")
    with pytest.raises(StoreError, match="needs at least one value"):
        store.decide(doc.id, "dose", "accept", "ana", values=[])
    with pytest.raises(StoreError, match="takes no value"):
        store.decide(doc.id, "dose", "not_reported", "ana", values=rec.fields["dose"])
    with pytest.raises(StoreError, match="note needs text"):
        store.decide(doc.id, "dose", "note", "ana")
    with pytest.raises(StoreError, match="no document"):
        store.decide("f" * 64, "dose", "not_reported", "ana")
    assert store.counts()["decisions"] == 0


def test_decisions_are_append_only(store, nxml):
    doc, rec = nxml
    store.decide(doc.id, "dose", "accept", "ana", values=rec.fields["dose"][:1])
    conn = store._conn()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE decisions SET reviewer = 'mallory'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM decisions")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        conn.execute("UPDATE suggestion_sets SET model_name = 'x'")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO decisions (document_id, field, action, reviewer, decided_at) "
                     "VALUES ('nope', 'dose', 'reject', 'x', 'now')")  # foreign key
    assert store.decisions(doc.id)[0].reviewer == "ana"


# --------------------------------------------------------------------------- concurrency


def test_two_reviewers_on_two_connections_lose_nothing(tmp_path, nxml):
    """Two stores on one file (as two servers would be) write concurrently: every
    decision made on the latest base lands; racing on one field, exactly one wins."""
    doc, rec = nxml
    path = tmp_path / "r.sqlite"
    with SQLiteStore(path) as a0:
        a0.import_record(rec, doc)
    stores = [SQLiteStore(path), SQLiteStore(path)]
    errors: list[BaseException] = []
    fields = {0: "dose", 1: "sample_size"}

    def work(k: int) -> None:
        s = stores[k]
        base = None
        try:
            for i in range(40):
                action = "accept" if i % 2 == 0 else "not_reported"
                vals = rec.fields[fields[k]][:1] if action == "accept" else None
                base = s.decide(doc.id, fields[k], action, f"rev{k}", values=vals, base_decision_id=base).id
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    log = stores[0].decisions(doc.id)
    assert len(log) == 80
    assert sum(d.reviewer == "rev0" for d in log) == 40

    # a race on one field from the same base: one write wins, the other is refused
    base = stores[0].current_decisions(doc.id)["route"].id if "route" in stores[0].current_decisions(doc.id) else None
    barrier = threading.Barrier(2)
    outcome: list[str] = []

    def race(k: int) -> None:
        barrier.wait()
        try:
            stores[k].decide(doc.id, "route", "reject", f"racer{k}", base_decision_id=base)
            outcome.append("ok")
        except ConflictError:
            outcome.append("conflict")

    threads = [threading.Thread(target=race, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcome) == ["conflict", "ok"]
    assert len(stores[1].decisions(doc.id, "route")) == 1
    for s in stores:
        s.close()


def test_killed_writer_loses_nothing_committed(tmp_path, nxml):
    """A writer process killed (SIGKILL) mid-batch: every decision it reported as
    committed is in the database afterwards, and the file is sound."""
    doc, rec = nxml
    path = tmp_path / "r.sqlite"
    with SQLiteStore(path) as s:
        s.import_record(rec, doc)
    script = textwrap.dedent(
        f"""
        import sys
        from kapextract.model import Record
        from kapextract.review.store import SQLiteStore
        import json
        s = SQLiteStore({str(path)!r})
        rec = Record.from_dict(json.loads(sys.stdin.readline()))
        base = None
        for i in range(100000):
            if i % 2:
                d = s.decide(rec.document["id"], ("route", "sample_size")[i % 4 // 2], "note", "writer",
                             reason=f"note {{i}}")
            else:
                vals = rec.fields["dose"][:1] if i % 4 == 0 else None
                d = s.decide(rec.document["id"], "dose", "accept" if vals else "not_reported", "writer",
                             values=vals, base_decision_id=base)
                base = d.id
            print(d.id, flush=True)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=env)
    proc.stdin.write(json.dumps(rec.to_dict()) + "\n")
    proc.stdin.flush()
    committed = []
    for line in proc.stdout:
        committed.append(int(line))
        if len(committed) >= 150:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    with SQLiteStore(path) as s:
        assert s.integrity_check() == "ok"
        ids = {d.id for d in s.decisions(doc.id)}
        assert set(committed) <= ids
        assert len(ids) >= 150
        # dose decisions alternate with notes from id 1, so they have the odd ids: the
        # reviewed dose is the last one reported committed (or a later one committed just before the kill)
        assert s.current_decisions(doc.id)["dose"].id >= max(i for i in committed if i % 2)
