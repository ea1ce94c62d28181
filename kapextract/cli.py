"""The ``kapextract`` command line: one entry point, ``--help`` on everything.

``parse_args`` builds and applies the parser and is separate from ``main`` so
tests can check the CLI without running commands. Each command's handler is
named as ``"module:function"`` and imported only when that command runs, so
``kapextract --help`` stays fast. A handler takes the parsed arguments and
returns the exit code. Any :class:`~kapextract.errors.KapextractError` becomes
one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from kapextract import __version__
from kapextract.errors import KapextractError

Configure = Callable[[argparse.ArgumentParser], None]


def _text(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a PDF, PMC JATS/NXML (.nxml/.xml) or plain-text (.txt) paper")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--sections", action="store_true", help="list section spans (start, end, label, heading)")
    g.add_argument("--json", action="store_true", help="print the document model as JSON, with page and bbox per word")


def _extract(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="papers to extract (PDF, NXML or text)")
    p.add_argument("--format", choices=["json", "jsonl", "csv", "table"], default="json",
                   help="output format (default: json, one object per document)")
    p.add_argument("--drug", default="ketamine",
                   help="target drug; ketamine (default) also covers esketamine and arketamine")
    p.add_argument("--model", default=None,
                   help="pipeline to use: a path to a trained pipeline, or 'rules' for rules only "
                        "(default: the shipped model in models/, falling back to rules)")
    p.add_argument("-o", "--output", default=None, help="write to this file instead of stdout")


def _batch(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", help="a folder of papers, or a text file listing one path per line")
    p.add_argument("-o", "--output", required=True, help="output file (records, one per line for jsonl)")
    p.add_argument("--format", choices=["jsonl", "csv", "parquet", "covidence", "revman"], default="jsonl",
                   help="output format (default: jsonl; covidence/revman: extraction-form CSV of the suggestions)")
    p.add_argument("--workers", type=int, default=1, help="parallel worker processes (default: 1)")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="run locally or on a Dask cluster")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address, e.g. tcp://HOST:8786 (with --engine dask)")
    p.add_argument("--drug", default="ketamine", help="target drug (default: ketamine)")
    p.add_argument("--model", default=None, help="pipeline path or 'rules' (default: shipped model)")
    p.add_argument("--no-progress", action="store_true", help="do not draw the progress bar")
    p.add_argument("--retry-failed", action="store_true",
                   help="re-run documents that have an error record in the output (default: skip them)")


def _serve(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--api-key", default=None, help="require this key in the X-API-Key header (or KAPEXTRACT_API_KEY)")
    p.add_argument("--max-upload-mb", type=float, default=50.0, help="upload size limit in MB (default: 50; HTTP 413 beyond)")
    p.add_argument("--timeout", type=float, default=120.0, help="per-request extraction timeout in seconds (default: 120)")
    p.add_argument("--cors-origin", action="append", default=[], help="allow this CORS origin (repeatable; '*' for any)")
    p.add_argument("--model", default=None, help="pipeline path or 'rules' (default: shipped model)")


def _report(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", help="records from `kapextract batch` (JSONL)")
    p.add_argument("-o", "--output", required=True, help="HTML file to write")


def _review(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="papers to extract and import, or a records .jsonl file, before serving")
    p.add_argument("--db", default="review.sqlite", help="review store: a SQLite path or database URL (default: review.sqlite)")
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    p.add_argument("--reviewer", default=None, help="default reviewer name shown in the UI")
    p.add_argument("--drug", default="ketamine", help="target drug when extracting FILES (default: ketamine)")
    p.add_argument("--model", default=None, help="pipeline path or 'rules' when extracting FILES")
    p.add_argument("--import-only", action="store_true", help="import FILES into the store and exit without serving")


def _export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="review.sqlite", help="review store (default: review.sqlite)")
    p.add_argument("--format", choices=["csv", "xlsx", "json", "revman", "covidence"], default="csv",
                   help="export format (default: csv)")
    p.add_argument("-o", "--output", required=True, help="file to write")
    p.add_argument("--include-unreviewed", action="store_true", help="also export suggestions nobody has reviewed yet")


def _annotations(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    v = sub.add_parser("validate", help="check offsets, labels, relations, overlaps and duplicates",
                       description="Check annotation JSONL files: spans match their text, labels and relations are legal, no overlaps or duplicates.")
    v.add_argument("paths", nargs="+", metavar="PATH", help="JSONL files or folders of them")
    i = sub.add_parser("import", help="convert from brat, Label Studio, Prodigy, DocBin or a datasets folder",
                       description="Convert annotations from another tool's format into kapextract JSONL.")
    i.add_argument("input", help="file or folder to read")
    i.add_argument("--from", dest="fmt", required=True, choices=["brat", "labelstudio", "prodigy", "docbin", "dataset"],
                   help="input format")
    i.add_argument("-o", "--output", required=True, help="JSONL file to write")
    e = sub.add_parser("export", help="convert to brat, Label Studio, Prodigy, DocBin or a token-level BIO dataset",
                       description="Convert kapextract JSONL annotations into another tool's format.")
    e.add_argument("input", nargs="+", help="JSONL files or folders")
    e.add_argument("--to", dest="fmt", required=True, choices=["brat", "labelstudio", "prodigy", "docbin", "dataset"],
                   help="output format")
    e.add_argument("-o", "--output", required=True, help="file or folder to write")
    r = sub.add_parser("from-review", help="turn reviewer-corrected values into training annotations",
                       description="Write reviewed values from a review store as annotation JSONL, with spans at the evidence offsets.")
    r.add_argument("--db", default="review.sqlite", help="review store (default: review.sqlite)")
    r.add_argument("-o", "--output", required=True, help="JSONL file to write")
    s = sub.add_parser("stats", help="count passages, articles, labels and relations per split",
                       description="Print corpus counts per split and label.")
    s.add_argument("paths", nargs="+", metavar="PATH", help="JSONL files or folders")


def _train(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", default="models/configs/kap_core.cfg",
                   help="spaCy .cfg (CPU pipeline) or transformers .cfg (MiniLM variant)")
    p.add_argument("--output", required=True, help="folder to write the trained pipeline to")
    p.add_argument("--train", default="annotations/train.jsonl", help="training annotations")
    p.add_argument("--dev", default="annotations/dev.jsonl", help="development annotations")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("--gpu", action="store_true", help="train on the GPU when one is available")


def _evaluate(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default=None, help="pipeline to evaluate (default: the shipped model)")
    p.add_argument("--test", default="annotations/test.jsonl", help="test annotations")
    p.add_argument("--gold", default="annotations/gold", help="folder of gold records for field-level accuracy")
    p.add_argument("--corpus", default="annotations/documents",
                   help="folder of the gold records' documents; the test passages of a paper found there are "
                        "read with its abbreviations, as extract reads them")
    p.add_argument("--no-fields", action="store_true",
                   help="skip the field-level accuracy (for a split without gold records, such as annotations/holdout.jsonl)")
    p.add_argument("--output", default="reports/evaluation", help="folder for report.txt, report.json and report.png")


#: name -> (help, configure, handler "module:function")
COMMANDS: dict[str, tuple[str, Configure, str]] = {
    "text": ("print the document text that all offsets index", _text, "kapextract.ingest.commands:run_text"),
    "extract": ("extract dose, route, frequency, therapy and sample size", _extract, "kapextract.extraction.commands:run_extract"),
    "batch": ("extract many papers in parallel, resumably", _batch, "kapextract.batch:run_batch"),
    "serve": ("HTTP API for screening and extraction tools", _serve, "kapextract.api:run_serve"),
    "report": ("HTML report of a batch: table and charts", _report, "kapextract.report:run_report"),
    "review": ("web app to accept, edit or reject extracted values", _review, "kapextract.review.commands:run_review"),
    "export": ("export reviewed values (csv, xlsx, json, revman)", _export, "kapextract.review.commands:run_export"),
    "annotations": ("validate and convert the annotated corpus", _annotations, "kapextract.annotations.commands:run_annotations"),
    "train": ("train the NER and relation pipeline from a config", _train, "kapextract.training.commands:run_train"),
    "evaluate": ("evaluate a pipeline on the test split (text, JSON, PNG)", _evaluate, "kapextract.training.commands:run_evaluate"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kapextract",
        description="Extract ketamine dose, route, frequency, therapy and sample size, with evidence, from full-text papers.",
    )
    parser.add_argument("--version", action="version", version=f"kapextract {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (help_text, configure, _handler) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
        configure(p)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def resolve_handler(command: str) -> Callable[[argparse.Namespace], int]:
    module_name, func = COMMANDS[command][2].split(":")
    return getattr(importlib.import_module(module_name), func)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return int(resolve_handler(args.command)(args) or 0)
    except KapextractError as exc:
        print(f"kapextract {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"kapextract {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
