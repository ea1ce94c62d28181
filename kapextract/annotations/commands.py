"""``kapextract annotations validate|import|export|from-review|stats``.

``validate`` exits 0 when every file is clean and 1 when any problem is found
(one ``file:line: message`` line each); a missing path is exit 2.
``import``/``export`` convert between the JSONL corpus and brat, Label Studio,
Prodigy-style JSONL, spaCy DocBin and a token-level BIO ``datasets`` folder.
``from-review`` is implemented by the review store
(:func:`kapextract.review.training_data.run_from_review`).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kapextract.annotations.converters import export_to, import_from
from kapextract.annotations.io import read_groups, write_jsonl
from kapextract.annotations.stats import compute, render_text
from kapextract.annotations.validate import check_example, validate_paths
from kapextract.errors import AnnotationError

#: Formats that write one part per group (split) when given several.
GROUPED_FORMATS = ("docbin", "dataset")

#: Problems printed before the rest are summarised.
MAX_SHOWN = 200


def _validate(args: argparse.Namespace) -> int:
    report = validate_paths(args.paths)
    for p in report.problems[:MAX_SHOWN]:
        print(p)
    if len(report.problems) > MAX_SHOWN:
        print(f"... and {len(report.problems) - MAX_SHOWN} more problems")
    status = "OK" if report.ok else f"{len(report.problems)} problem(s)"
    print(f"{report.files} file(s), {report.passages} passage(s): {status}",
          file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def _import(args: argparse.Namespace) -> int:
    conv = import_from(args.fmt, args.input)
    for note in conv.notes:
        print(f"note: {note}", file=sys.stderr)
    invalid = sum(1 for ex in conv.examples if check_example(ex))
    n = write_jsonl(args.output, conv.examples)
    print(f"imported {n} passage(s) from {args.fmt} {args.input} -> {args.output}")
    if invalid:
        print(f"warning: {invalid} imported passage(s) do not validate yet "
              f"(run `kapextract annotations validate {args.output}`)", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    groups = read_groups(args.input)
    examples = [ex for exs in groups.values() for ex in exs]
    bad = [(ex.get("id"), msgs[0]) for ex in examples if (msgs := check_example(ex))]
    if bad:
        pid, msg = bad[0]
        raise AnnotationError(f"{len(bad)} invalid passage(s), e.g. {pid}: {msg}; run `kapextract annotations validate` first")
    # DocBin and dataset keep several groups (train/dev/test) apart; other formats get one list
    keep_groups = args.fmt in GROUPED_FORMATS and len(groups) > 1
    conv = export_to(args.fmt, groups if keep_groups else examples, args.output)
    for note in conv.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"exported {conv.count} passage(s) to {args.fmt} {args.output}")
    return 0


def _stats(args: argparse.Namespace) -> int:
    groups = read_groups(args.paths)
    print(render_text({name: compute(exs) for name, exs in groups.items()}))
    return 0


def _from_review(args: argparse.Namespace) -> int:
    try:
        module = importlib.import_module("kapextract.review.training_data")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("kapextract.review"):
            raise AnnotationError("from-review needs the review store (kapextract.review), which is not installed in this build") from None
        raise
    return int(module.run_from_review(args) or 0)


ACTIONS = {
    "validate": _validate,
    "import": _import,
    "export": _export,
    "stats": _stats,
    "from-review": _from_review,
}


def run_annotations(args: argparse.Namespace) -> int:
    """Handler of ``kapextract annotations``: dispatch on ``args.action``."""
    return ACTIONS[args.action](args)
