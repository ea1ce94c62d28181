"""CLI handlers: ``kapextract review`` and ``kapextract export``."""

from __future__ import annotations

import argparse
import socket
import sys

from kapextract.errors import KapextractError
from kapextract.review.export import export_store
from kapextract.review.importer import import_paths
from kapextract.review.store import open_store


def _log(msg: str) -> None:
    print(msg, file=sys.stderr)


def _check_port(host: str, port: int) -> None:
    """Fail with one line when the port cannot be bound (before uvicorn starts)."""
    if not 0 < port < 65536:
        raise KapextractError(f"--port {port}: not a TCP port")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, port))
    except OSError as exc:
        raise KapextractError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port") from None


def run_review(args: argparse.Namespace) -> int:
    """Import FILES (papers are extracted; .jsonl/.json are records), then serve the review app."""
    with open_store(args.db, create=True) as store:
        failures: list[str] = []
        if args.files:
            summary = import_paths(store, args.files, drug=args.drug, model=args.model, log=_log)
            _log(summary.line())
            failures = summary.failures
            if failures and not summary.results:
                raise KapextractError(f"nothing imported: {failures[0]}")
        if args.import_only:
            return 1 if failures else 0
        _check_port(args.host, args.port)
        import uvicorn

        from kapextract.review.app import create_app

        app = create_app(store, default_reviewer=args.reviewer)
        n = len(store.list_documents())
        _log(f"reviewing {n} document(s) from {store.url} at http://{args.host}:{args.port}/ (Ctrl+C stops)")
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write reviewed values (and with --include-unreviewed the suggestions) to a file."""
    with open_store(args.db, create=False) as store:
        studies, rows = export_store(store, args.format, args.output, args.include_unreviewed)
    _log(f"exported {studies} stud{'y' if studies == 1 else 'ies'} ({rows} row(s)) as {args.format} to {args.output}")
    return 0
