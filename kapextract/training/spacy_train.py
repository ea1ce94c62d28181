"""Training the default CPU pipeline from a spaCy ``.cfg`` (models/configs/kap_core.cfg).

``train_pipeline`` fills the config (``paths.train``, ``paths.dev``, ``system.seed``), builds
the pipeline with spaCy's ``init_nlp`` and runs spaCy's training loop, which prints the
losses and dev scores every ``eval_frequency`` steps (``ents_f`` and ``rel_micro_f`` from
``kap.score_relations.v1``). spaCy writes ``model-best`` and ``model-last`` to a working
folder; the best one is copied to ``output`` with the meta's ``name`` set to the output
folder's name and the training figures (steps, seconds, best dev scores, corpus sizes)
in ``meta["kapextract"]``.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kapextract.errors import KapextractError


def train_pipeline(config: str | Path, output: str | Path, train: str, dev: str, seed: int = 0,
                   gpu: bool = False, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train the spaCy pipeline of ``config``; returns a summary dict (also stored in the meta)."""
    import spacy
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as spacy_train
    from thinc.api import fix_random_seed

    import kapextract.training.components  # noqa: F401  (registered functions)
    from kapextract.training.corpus import load_passages, misaligned

    for p in (train, dev):
        if not Path(p).is_file():
            raise KapextractError(f"train: {p}: no such annotation file")
    if gpu and not spacy.prefer_gpu():
        print("train: no GPU usable by spaCy/thinc; training on the CPU", file=sys.stderr)
    ov = {"paths.train": str(train), "paths.dev": str(dev), "system.seed": seed}
    ov.update(overrides or {})
    try:
        cfg = spacy.util.load_config(config, overrides=ov, interpolate=False)
    except Exception as exc:  # spaCy raises ConfigValidationError and friends
        raise KapextractError(f"train: {config}: not a usable spaCy config ({str(exc).splitlines()[0]})") from None
    fix_random_seed(seed)
    t0 = time.perf_counter()
    nlp = init_nlp(cfg)
    bad, total = misaligned(nlp, load_passages(train))
    print(f"train: {total} gold spans in {train}; {bad} do not fall on token edges of the pipeline tokenizer")
    out = Path(output)
    with tempfile.TemporaryDirectory(prefix="kap_train_") as work:
        spacy_train(nlp, Path(work), stdout=sys.stdout, stderr=sys.stderr)
        best = Path(work) / "model-best"
        if not best.is_dir():
            best = Path(work) / "model-last"
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(best, out)
    seconds = time.perf_counter() - t0
    meta_path = out / "meta.json"
    meta = json.loads(meta_path.read_text("utf-8"))
    summary = {
        "config": str(config), "train": str(train), "dev": str(dev), "seed": seed,
        "train_passages": len(load_passages(train)), "dev_passages": len(load_passages(dev)),
        "seconds": round(seconds, 1), "dev_scores": {k: v for k, v in (meta.get("performance") or {}).items()
                                                     if isinstance(v, (int, float))},
    }
    from kapextract import __version__

    meta["name"] = out.name
    meta["version"] = __version__
    meta["description"] = f"kapextract pipeline trained from {Path(config).name} on {summary['train_passages']} passages"
    meta["kapextract"] = summary
    meta_path.write_text(json.dumps(meta, indent=2), "utf-8")
    print(f"train: saved {out} in {seconds:.0f} s; best dev scores {summary['dev_scores']}")
    return summary
