"""The one spaCy pipeline of kapextract and the seam where trained models drop in.

``build_pipeline(model)`` returns the ``Language``:

* ``"rules"`` – rules only: scispaCy ``combined_rule_tokenizer`` (+ dotted abbreviations),
  ``kap_sentences``, scispaCy ``abbreviation_detector``, ``kap_entity_rules``,
  ``kap_relation_rules``;
* a path – ``spacy.load(path)`` (a trained pipeline with e.g. ``tok2vec``, ``ner`` and a
  ``kap_relation_extractor`` named ``kap_relations``) plus the rule components it lacks:
  sentences (unless it has a parser/senter), the abbreviation detector, ``kap_entity_rules``
  after its ``ner`` (rules only fill gaps between the trained entities), and
  ``kap_relation_rules`` only when it has no trained relation component;
* ``None`` – ``models/kap_core`` next to the package (or ``$KAPEXTRACT_MODEL``) when it
  exists, else rules. Nothing is downloaded.

See ``docs/pipeline.md``.
"""

from __future__ import annotations

import contextlib
import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

import kapextract.nlp.abbreviations  # noqa: F401  (abbreviation_detector factory)
import kapextract.nlp.entities  # noqa: F401  (kap_entity_rules)
import kapextract.nlp.extensions  # noqa: F401
import kapextract.nlp.relations  # noqa: F401  (kap_relation_rules)
import kapextract.nlp.sentences  # noqa: F401  (kap_sentences)
from kapextract.errors import ModelError
from kapextract.nlp.tokenizer import make_tokenizer

RULES = "rules"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "kap_core"
RELATION_FACTORIES = ("kap_relation_extractor",)


def default_model_path() -> Path | None:
    """The shipped trained pipeline, if present (``$KAPEXTRACT_MODEL`` overrides)."""
    env = os.environ.get("KAPEXTRACT_MODEL")
    if env:
        return Path(env)
    return DEFAULT_MODEL_DIR if (DEFAULT_MODEL_DIR / "config.cfg").is_file() else None


def rules_pipeline() -> Language:
    """The rule-only pipeline."""
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    nlp.add_pipe("kap_sentences")
    nlp.add_pipe("abbreviation_detector")
    nlp.add_pipe("kap_entity_rules")
    nlp.add_pipe("kap_relation_rules")
    nlp.meta["name"] = "kap_rules"
    return nlp


def complete_pipeline(nlp: Language) -> Language:
    """Add the rule components a loaded pipeline lacks (see the module docstring)."""
    names = nlp.pipe_names
    factories = {nlp.get_pipe_meta(n).factory for n in names}
    if not ({"parser", "senter", "sentencizer", "kap_sentences"} & factories):
        nlp.add_pipe("kap_sentences", first=True)
    if "abbreviation_detector" not in factories:
        nlp.add_pipe("abbreviation_detector", after="kap_sentences" if "kap_sentences" in nlp.pipe_names else None)
    if "kap_entity_rules" not in factories:
        after = "ner" if "ner" in nlp.pipe_names else None
        rel = [n for n in nlp.pipe_names if nlp.get_pipe_meta(n).factory in RELATION_FACTORIES]
        if after is not None:
            nlp.add_pipe("kap_entity_rules", after=after)
        elif rel:
            nlp.add_pipe("kap_entity_rules", before=rel[0])
        else:
            nlp.add_pipe("kap_entity_rules")
    has_rel = any(nlp.get_pipe_meta(n).factory in RELATION_FACTORIES + ("kap_relation_rules",) for n in nlp.pipe_names)
    if not has_rel:
        nlp.add_pipe("kap_relation_rules")
    return nlp


def load_trained(path: str | os.PathLike[str]) -> Language:
    p = Path(path)
    if not p.exists():
        raise ModelError(f"model {p}: no such folder (use 'rules' for the rule pipeline)")
    try:
        # the trained components (kap_relation_extractor, kap_minilm_ner) register on import
        with contextlib.suppress(ImportError):
            import kapextract.training.components  # noqa: F401
        nlp = spacy.load(p)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"model {p}: cannot be loaded ({str(exc).splitlines()[0]})") from None
    if nlp.config["nlp"]["tokenizer"].get("@tokenizers") == "kapextract.kap_tokenizer.v1":
        # spacy.load restores the tokenizer rules saved with the model; take this version's
        # rules instead so a model trained earlier tokenizes exactly like the rule pipeline
        from kapextract.nlp.tokenizer import make_tokenizer

        nlp.tokenizer = make_tokenizer(nlp)
    return complete_pipeline(nlp)


@lru_cache(maxsize=4)
def _build(key: str) -> Language:
    if key == RULES:
        return rules_pipeline()
    return load_trained(key)


def build_pipeline(model: str | None = None) -> Language:
    """The extraction pipeline for ``model`` ("rules", a path, or None for the default)."""
    if model is None:
        path = default_model_path()
        key = RULES if path is None else str(path)
    elif model == RULES:
        key = RULES
    else:
        key = str(Path(model).resolve())
    return _build(key)


def model_info(nlp: Language) -> dict[str, str]:
    """``{"name", "version"}`` of a pipeline, for the record's ``model`` field."""
    from kapextract import __version__

    name = nlp.meta.get("name") or "pipeline"
    version = nlp.meta.get("version") or "0.0.0"
    if name == "kap_rules":
        version = __version__
    return {"name": name, "version": str(version)}
