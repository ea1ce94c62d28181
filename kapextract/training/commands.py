"""``kapextract train``: train the spaCy pipeline (tok2vec + ner + kap_relations) from a config.

Requires: a spaCy ``.cfg`` (``models/configs/kap_core.cfg``) and annotation
JSONL for train and dev (``annotations/train.jsonl``, ``dev.jsonl``). The
JSONL is validated, converted to DocBin with the config's own tokenizer
(tokens cut at span boundaries, so every gold span and relation is kept; the
count of cuts is printed), and ``spacy train`` runs on it with the seed fixed,
printing its progress table. The best pipeline (by the config's score weights)
is written to ``--output``, loadable with ``spacy.load`` once
``kapextract.training.relation_component`` is imported (the extraction
pipeline does that).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from kapextract.annotations.io import read_jsonl
from kapextract.annotations.validate import validate_paths
from kapextract.errors import AnnotationError, KapextractError


class TrainingError(KapextractError):
    """Training could not start (bad config or data)."""


def _load_nlp_for_tokenizing(config_path: Path):
    """The blank pipeline the config describes (for its tokenizer and vocab)."""
    import spacy
    from spacy import util

    import kapextract.nlp.tokenizer  # noqa: F401  (kapextract.kap_tokenizer.v1)
    import kapextract.training.relation_component  # noqa: F401

    try:
        config = util.load_config(config_path)
    except Exception as exc:  # thinc raises ConfigValidationError and friends
        raise TrainingError(f"{config_path}: not a spaCy config ({str(exc).splitlines()[0]})") from None
    if "nlp" not in config:
        raise TrainingError(f"{config_path}: not a spaCy pipeline config (no [nlp] section)")
    nlp = spacy.blank(config["nlp"].get("lang", "en"))
    tok_cfg = config["nlp"].get("tokenizer")
    if tok_cfg:
        make = util.registry.resolve({"t": tok_cfg})["t"]
        nlp.tokenizer = make(nlp)
    return config, nlp


def convert_split(jsonl: Path, nlp, out: Path) -> int:
    """Validate ``jsonl`` and write it as a DocBin at ``out``; returns the passage count."""
    from kapextract.annotations.docbin import examples_to_docbin

    if not jsonl.is_file():
        raise AnnotationError(f"{jsonl}: no such file (run scripts/build_corpus.py first)")
    report = validate_paths([jsonl])
    if not report.ok:
        raise AnnotationError(f"{jsonl}: {len(report.problems)} problem(s), e.g. {report.problems[0]}")
    examples = read_jsonl(jsonl)
    if not examples:
        raise AnnotationError(f"{jsonl}: no passages")
    db, notes = examples_to_docbin(examples, nlp, alignment="split")
    db.to_disk(out)
    print(f"{jsonl}: {len(examples)} passages -> {out}" + (f" ({'; '.join(notes)})" if notes else ""))
    return len(examples)


def run_train(args: argparse.Namespace) -> int:
    """Handler of ``kapextract train`` for spaCy configs."""
    from spacy.cli.train import train as spacy_train

    config_path = Path(args.config)
    if not config_path.is_file():
        raise TrainingError(f"{config_path}: no such config")
    _config, nlp = _load_nlp_for_tokenizing(config_path)
    output = Path(args.output)
    with tempfile.TemporaryDirectory(prefix="kap_train_") as tmp:
        work = Path(tmp)
        convert_split(Path(args.train), nlp, work / "train.spacy")
        convert_split(Path(args.dev), nlp, work / "dev.spacy")
        overrides = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "system.seed": int(args.seed),
        }
        print(f"training {config_path} (seed {args.seed}) ...", flush=True)
        use_gpu = 0 if args.gpu else -1
        try:
            spacy_train(config_path, work / "out", overrides=overrides, use_gpu=use_gpu)
        except SystemExit as exc:  # spaCy's msg.fail exits
            raise TrainingError(f"spaCy training stopped (exit {exc.code})") from None
        best = work / "out" / "model-best"
        if not best.is_dir():
            raise TrainingError("training produced no model")
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(best, output)
    print(f"saved the best pipeline to {output}", file=sys.stdout)
    return 0
