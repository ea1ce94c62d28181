"""``kapextract batch``: extract many papers in parallel, resumably.

``kapextract batch INPUT_DIR|LIST -o out.jsonl [--workers N] [--format ...]
[--engine local|dask --scheduler tcp://HOST:PORT]``

* **Inputs**: a folder (searched recursively for ``.pdf``, ``.nxml``, ``.xml``,
  ``.txt``) or a text file listing one path per line (blank lines and ``#``
  comments ignored; relative paths are taken from the current folder, else
  from the list's folder).
* **Keys**: each input is hashed (sha256 of its bytes, the record's
  ``document.id``) before anything runs. Inputs whose id is already in the
  output are skipped, as are repeats of the same bytes within one run.
* **Journal**: every result is appended to the journal as one whole JSON
  line and flushed (:mod:`kapextract.batch_io`); a cut-off last line left by
  a killed run is removed on the next run. For ``jsonl`` the journal is the
  output; other formats are written from the journal when the run ends.
* **Failures**: a document that cannot be extracted becomes an error record
  and the batch carries on. A worker process that dies (e.g. a crash inside
  a PDF library) is replaced; the documents it held are re-run one at a time
  so that only the culprit gets the error record. Error records count as
  done on the next run unless ``--retry-failed`` is given.
* **Engines**: ``local`` runs a ``ProcessPoolExecutor`` of spawn-safe workers
  that load the pipeline once per process; ``dask`` sends each document's
  bytes to a Dask distributed cluster and writes the results as they arrive.

The exit code is 0 when every input has a record, 1 when any has an error
record, 2 for a user error (bad input path, unreachable scheduler ...).
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kapextract.batch_io import (
    FORMATS,
    BatchError,
    Journal,
    error_record,
    iter_results,
    journal_path,
    write_output,
)
from kapextract.model import sha256_bytes

#: File name endings a folder scan picks up.
PAPER_SUFFIXES = (".pdf", ".nxml", ".xml", ".txt")

#: A short text that makes a fresh worker load the pipeline before real work.
_WARM_TEXT = "Patients received ketamine 0.5 mg/kg intravenously over 40 minutes."


# --------------------------------------------------------------------------- inputs


@dataclass
class Item:
    """One input: where it is, its name in the record (``source``) and its id.

    ``error`` is set when the file could not even be read; ``isolated`` marks
    a re-run after a worker crash (run alone to find the culprit).
    """

    path: Path
    source: str
    id: str
    error: str | None = None
    isolated: bool = False


def collect_inputs(input_path: str | os.PathLike[str]) -> list[tuple[Path, str]]:
    """``(path, source)`` of every paper named by a folder or a list file."""
    p = Path(input_path)
    if p.is_dir():
        found = sorted(
            f for f in p.rglob("*")
            if f.is_file() and f.suffix.lower() in PAPER_SUFFIXES
            and not any(part.startswith(".") for part in f.relative_to(p).parts)
        )
        if not found:
            raise BatchError(f"{p}: no papers found ({', '.join(PAPER_SUFFIXES)})")
        return [(f, str(f)) for f in found]
    if not p.exists():
        raise BatchError(f"{p}: no such folder or list file")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BatchError(f"{p}: not a list of paths (give a folder, or a text file with one path per line)") from None
    entries = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not entries:
        raise BatchError(f"{p}: the list is empty")
    out = []
    for e in entries:
        cand = Path(e)
        if not cand.is_absolute() and not cand.exists() and (p.parent / cand).exists():
            cand = p.parent / cand
        out.append((cand, e))
    if not any(c.is_file() for c, _ in out):
        raise BatchError(f"{p}: not a list of paths: none of its {len(out)} lines is a file (first: {entries[0][:80]!r})")
    return out


def hash_inputs(entries: Iterable[tuple[Path, str]]) -> list[Item]:
    """Read and hash each input; unreadable ones become items with ``error`` set."""
    items = []
    for path, source in entries:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            items.append(Item(path, source, _path_id(source), error=f"{source}: no such file"))
            continue
        except IsADirectoryError:
            items.append(Item(path, source, _path_id(source), error=f"{source}: is a directory, not a paper"))
            continue
        except OSError as exc:
            items.append(Item(path, source, _path_id(source), error=f"{source}: cannot read ({exc.strerror})"))
            continue
        items.append(Item(path, source, sha256_bytes(data)))
    return items


def _path_id(source: str) -> str:
    """Id of an input that could not be read: not a content hash, so marked as such."""
    return "path-sha256:" + hashlib.sha256(source.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- worker side

_WORKER: dict[str, Any] = {}


def _one_line(exc: BaseException) -> str:
    from kapextract.errors import KapextractError

    msg = str(exc) if isinstance(exc, KapextractError) else f"{type(exc).__name__}: {exc}"
    return " ".join(msg.split())


def init_worker(drug: str, model: str | None) -> None:
    """Process-pool initializer: ignore Ctrl-C (the parent handles it). The
    pipeline is loaded once per process by the first document that ingests
    (:func:`warm_up`), so a worker that only meets unreadable files never pays
    for it. A model that cannot load is remembered and reported by every task
    (the parent then stops the batch)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def warm_up(drug: str, model: str | None) -> None:
    """Load the pipeline in this process (idempotent)."""
    if _WORKER.get("warm") == (drug, model):
        return
    import kapextract
    from kapextract.errors import ModelError
    from kapextract.model import Document

    _WORKER.pop("fatal", None)
    try:
        kapextract.extract(Document.from_text(_WARM_TEXT, source="<warm-up>"), drug=drug, model=model)
    except ModelError as exc:
        _WORKER["fatal"] = _one_line(exc)
    except Exception:  # noqa: BLE001 - a warm-up hiccup must not stop the worker; real docs will report
        pass
    _WORKER["warm"] = (drug, model)


def _peak_rss() -> int:
    """Peak resident memory of this process in bytes."""
    import resource

    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(kb) * (1 if sys.platform == "darwin" else 1024)


def extract_bytes(data: bytes, source: str, doc_id: str, drug: str, model: str | None) -> dict[str, Any]:
    """Extract one paper given as bytes; never raises for a bad paper.

    Returns ``{"line": record-or-error-record, "pid", "rss", "seconds"}``, or
    ``{"fatal": message}`` when the model itself cannot be loaded.
    """
    import kapextract
    from kapextract.errors import ModelError
    from kapextract.ingest import load_bytes

    t0 = time.perf_counter()
    try:
        doc = load_bytes(data, source)
        warm_up(drug, model)
        if "fatal" in _WORKER:
            return {"fatal": _WORKER["fatal"]}
        record = kapextract.extract(doc, drug=drug, model=model)
        line = record.to_dict()
        line["document"]["id"] = doc_id  # the contract: sha256 of the input bytes
    except ModelError as exc:
        return {"fatal": _one_line(exc)}
    except Exception as exc:  # noqa: BLE001 - one bad paper must not stop the batch
        line = error_record(doc_id, source, _one_line(exc))
    return {"line": line, "pid": os.getpid(), "rss": _peak_rss(), "seconds": time.perf_counter() - t0}


def extract_path(path: str, source: str, doc_id: str, drug: str, model: str | None) -> dict[str, Any]:
    """:func:`extract_bytes` for a file the worker reads itself."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return {"line": error_record(doc_id, source, f"{source}: cannot read ({exc.strerror})"),
                "pid": os.getpid(), "rss": _peak_rss(), "seconds": 0.0}
    if sha256_bytes(data) != doc_id:
        return {"line": error_record(doc_id, source, f"{source}: file changed while the batch ran"),
                "pid": os.getpid(), "rss": _peak_rss(), "seconds": 0.0}
    return extract_bytes(data, source, doc_id, drug, model)


# --------------------------------------------------------------------------- driver


@dataclass
class BatchSummary:
    """What a batch did. ``worker_rss`` maps worker pid to peak RSS bytes."""

    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    skipped_failed: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    output: str = ""
    journal: str = ""
    interrupted: bool = False
    repaired: str | None = None
    worker_rss: dict[int, int] = field(default_factory=dict)
    worker_seconds: float = 0.0
    first_result_s: float | None = None  # seconds from the start to the first extracted document

    @property
    def processed(self) -> int:
        return self.done + self.failed

    @property
    def papers_per_min(self) -> float:
        return 60.0 * self.processed / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        parts = [f"{self.done} done", f"{self.failed} failed", f"{self.skipped} skipped"]
        extra = []
        if self.skipped:
            extra.append(f"already in output: {self.skipped - self.duplicates - self.skipped_failed}")
        if self.duplicates:
            extra.append(f"duplicate inputs: {self.duplicates}")
        if self.skipped_failed:
            extra.append(f"earlier error records: {self.skipped_failed} (--retry-failed retries them)")
        s = ", ".join(parts)
        if extra:
            s += " (" + "; ".join(extra) + ")"
        s += f" in {self.seconds:.1f} s"
        if self.processed:
            s += f" ({self.papers_per_min:.1f} papers/min)"
        if self.interrupted:
            s += " - interrupted; run again to resume"
        return s


class _Sink:
    """Receives results in the parent: journal, counts, progress bar."""

    def __init__(self, journal: Journal, summary: BatchSummary, bar: Any, t0: float) -> None:
        self.journal = journal
        self.summary = summary
        self.bar = bar
        self.t0 = t0

    def __call__(self, res: dict[str, Any]) -> None:
        line = res["line"]
        self.journal.write(line)
        if "error" in line and "fields" not in line:
            self.summary.failed += 1
            self.bar.write(f"kapextract batch: failed: {line['error']}", file=sys.stderr)
        else:
            self.summary.done += 1
        if "pid" in res:
            if self.summary.first_result_s is None:
                self.summary.first_result_s = time.perf_counter() - self.t0
            pid = int(res["pid"])
            self.summary.worker_rss[pid] = max(self.summary.worker_rss.get(pid, 0), int(res.get("rss", 0)))
            self.summary.worker_seconds += float(res.get("seconds", 0.0))
        self.bar.update(1)
        self.bar.set_postfix(failed=self.summary.failed, refresh=False)


def _crash_result(item: Item, what: str) -> dict[str, Any]:
    return {"line": error_record(item.id, item.source, f"{item.source}: {what}")}


def _run_local(todo: list[Item], workers: int, drug: str, model: str | None, sink: _Sink) -> None:
    """Run ``todo`` on a spawn process pool; see the module docstring for crash handling."""
    ctx = mp.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker,
                                   initargs=(drug, model))

    pending: deque[Item] = deque(todo)
    suspects: deque[Item] = deque()
    inflight: dict[Any, Item] = {}
    pool = new_pool()
    try:
        while pending or suspects or inflight:
            if suspects:
                if not inflight:
                    it = suspects.popleft()
                    inflight[pool.submit(extract_path, str(it.path), it.source, it.id, drug, model)] = it
            else:
                while pending and len(inflight) < 2 * workers:
                    it = pending.popleft()
                    inflight[pool.submit(extract_path, str(it.path), it.source, it.id, drug, model)] = it
            finished, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
            broken = False
            for fut in finished:
                it = inflight.pop(fut)
                try:
                    res = fut.result()
                except BrokenProcessPool:
                    broken = True
                    _requeue_or_fail(it, suspects, sink)
                    continue
                if "fatal" in res:
                    raise BatchError(f"the pipeline could not be loaded: {res['fatal']}")
                sink(res)
            if broken:
                for it in inflight.values():
                    _requeue_or_fail(it, suspects, sink)
                inflight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
    finally:
        _stop_pool(pool)


def _requeue_or_fail(it: Item, suspects: deque[Item], sink: _Sink) -> None:
    if it.isolated:
        sink(_crash_result(it, "the worker process died while extracting this document"))
    else:
        it.isolated = True
        suspects.append(it)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)


def _run_dask(todo: list[Item], scheduler: str, drug: str, model: str | None, sink: _Sink,
              connect_timeout: float = 20.0) -> None:
    """Run ``todo`` on a Dask cluster: bytes go to the workers, results come back here."""
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - dask is a dependency
        raise BatchError("--engine dask needs dask[distributed] installed") from None
    try:
        client = Client(scheduler, timeout=f"{connect_timeout}s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {_one_line(exc)}") from None
    try:
        slots = max(2, 2 * sum(client.nthreads().values()))
        pending: deque[Item] = deque(todo)

        def submit(it: Item):
            data = it.path.read_bytes()
            fut = client.submit(extract_bytes, data, it.source, it.id, drug, model,
                                key=f"kapextract-{it.id[:16]}-{time.monotonic_ns()}", pure=False)
            return fut, it

        owner: dict[str, Item] = {}
        first = []
        while pending and len(first) < slots:
            fut, it = submit(pending.popleft())
            owner[fut.key] = it
            first.append(fut)
        ac = as_completed(first, loop=client.loop)
        for fut in ac:
            it = owner.pop(fut.key)
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker or task is this document's failure
                res = _crash_result(it, f"dask task failed: {_one_line(exc)}")
            fut.release()
            if "fatal" in res:
                raise BatchError(f"the pipeline could not be loaded on a Dask worker: {res['fatal']}")
            sink(res)
            if pending:
                nfut, nit = submit(pending.popleft())
                owner[nfut.key] = nit
                ac.add(nfut)
    finally:
        client.close()


def run(
    input_path: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    fmt: str = "jsonl",
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    drug: str = "ketamine",
    model: str | None = None,
    progress: bool = True,
    retry_failed: bool = False,
    log: Callable[[str], None] | None = None,
    dask_connect_timeout: float = 20.0,
) -> BatchSummary:
    """Run a batch (the programmatic form of ``kapextract batch``).

    Requires an input folder or list file; writes ``output`` (and its journal)
    and returns a :class:`BatchSummary`. User errors raise :class:`BatchError`.
    """
    from tqdm import tqdm

    say = log or (lambda m: print(m, file=sys.stderr))
    if fmt not in FORMATS:
        raise BatchError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    if workers < 1:
        raise BatchError("--workers must be at least 1")
    if engine == "dask" and not scheduler:
        raise BatchError("--engine dask needs --scheduler tcp://HOST:PORT")
    if engine not in ("local", "dask"):
        raise BatchError(f"unknown engine {engine!r} (local or dask)")

    t0 = time.perf_counter()
    items = hash_inputs(collect_inputs(input_path))
    jpath = journal_path(output, fmt)
    journal, state = Journal.open(jpath, drop_failed=retry_failed)
    summary = BatchSummary(total=len(items), output=str(output), journal=str(jpath), repaired=state.repaired)
    if state.repaired:
        say(f"kapextract batch: {jpath}: {state.repaired}")
    if state.bad_lines:
        say(f"kapextract batch: {jpath}: {len(state.bad_lines)} unreadable line(s) left in place "
            f"(first: line {state.bad_lines[0]})")

    todo: list[Item] = []
    seen: set[str] = set()
    for it in items:
        if it.id in seen:
            summary.skipped += 1
            summary.duplicates += 1
        elif it.id in state.done:
            summary.skipped += 1
        elif it.id in state.failed:
            summary.skipped += 1
            summary.skipped_failed += 1
        else:
            todo.append(it)
        seen.add(it.id)

    bar = tqdm(total=len(todo), unit="paper", desc="kapextract batch", file=sys.stderr,
               disable=not progress or not todo, dynamic_ncols=True, smoothing=0.05)
    sink = _Sink(journal, summary, bar, t0)
    unreadable = [it for it in todo if it.error]
    runnable = [it for it in todo if not it.error]
    old_term = _sigterm_as_interrupt()
    try:
        for it in unreadable:
            sink({"line": error_record(it.id, it.source, it.error or "unreadable")})
        if runnable:
            if engine == "dask":
                _run_dask(runnable, str(scheduler), drug, model, sink, dask_connect_timeout)
            else:
                _run_local(runnable, min(workers, len(runnable)), drug, model, sink)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        _restore_sigterm(old_term)
        bar.close()
        journal.close()
        summary.seconds = time.perf_counter() - t0

    if fmt != "jsonl" and not summary.interrupted:
        ids = {it.id for it in items}
        lines = [ln for ln in iter_results(jpath) if ln["document"].get("id") in ids]
        write_output(_last_per_id(lines), fmt, output)
    return summary


def _last_per_id(lines: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One result per document id (the latest), in first-seen order."""
    latest: dict[str, dict[str, Any]] = {}
    for ln in lines:
        latest[ln["document"]["id"]] = ln
    return list(latest.values())


def _sigterm_as_interrupt() -> Any:
    """Make SIGTERM stop the batch like Ctrl-C (main thread only)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, handler)


def _restore_sigterm(old: Any) -> None:
    if old is not None:
        signal.signal(signal.SIGTERM, old)


def run_batch(args: argparse.Namespace) -> int:
    """CLI handler of ``kapextract batch``."""
    summary = run(
        args.input,
        args.output,
        fmt=args.format,
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        drug=args.drug,
        model=args.model,
        progress=not args.no_progress,
        retry_failed=getattr(args, "retry_failed", False),
    )
    print(f"kapextract batch: {summary.line()}", file=sys.stderr)
    where = summary.output if summary.output == summary.journal else f"{summary.output} (journal {summary.journal})"
    print(f"kapextract batch: output {where}", file=sys.stderr)
    if summary.interrupted:
        return 130
    return 1 if summary.failed or summary.skipped_failed else 0
