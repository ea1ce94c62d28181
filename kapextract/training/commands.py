"""CLI handlers: ``kapextract train`` and ``kapextract evaluate`` (arguments in kapextract/cli.py).

``run_train`` picks the trainer from the config: an INI file with a ``[minilm]`` section
trains the MiniLM variant (transformer_ner.py) and packages it as a spaCy pipeline
(minilm_component.py); any other file is a spaCy ``.cfg`` (spacy_train.py). ``run_evaluate``
writes the report of evaluate.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from kapextract.errors import KapextractError


def run_train(args: argparse.Namespace) -> int:
    config = Path(args.config)
    if not config.is_file():
        raise KapextractError(f"train: {config}: no such config file")
    from kapextract.training.transformer_ner import is_minilm_config

    if is_minilm_config(config):
        from kapextract.training.minilm_component import package_pipeline
        from kapextract.training.transformer_ner import train_minilm

        with tempfile.TemporaryDirectory(prefix="kap_minilm_") as work:
            train_minilm(config, work, args.train, args.dev, seed=args.seed, gpu=args.gpu,
                         log=lambda m: print(m, flush=True))
            out = package_pipeline(work, args.output, name=Path(args.output).name)
        print(f"train: spaCy pipeline with the MiniLM tagger written to {out}")
        return 0
    from kapextract.training.spacy_train import train_pipeline

    train_pipeline(config, args.output, args.train, args.dev, seed=args.seed, gpu=args.gpu)
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    from kapextract.training.evaluate import run

    report = run(args.model, args.test, None if args.no_fields else args.gold, args.corpus, args.output)
    text = (Path(args.output) / "report.txt").read_text("utf-8")
    sys.stdout.write(text)
    print(f"evaluate: wrote {args.output}/report.txt, report.json, report.png")
    return 0 if report else 1
