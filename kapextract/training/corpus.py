"""Training examples straight from the annotation JSONL (no DocBin step needed).

``kap.annotations_corpus.v1`` (registered in ``readers``) reads one JSONL file (DESIGN.md's
annotation format) and yields spaCy ``Example``s:

* ``predicted`` – ``nlp.make_doc(text)``: the pipeline's own tokenizer, as at run time;
* ``reference`` – the same text cut at every span boundary (lossless,
  :func:`kapextract.annotations.tokens.make_doc`) with ``doc.ents`` and the gold
  ``doc._.kap_relations``.

spaCy aligns the two by characters; a gold span whose edge falls inside a predicted token
cannot be learnt by ``ner`` (it is missing, not wrong, for the loss) – :func:`misaligned`
counts those. ``limit`` keeps the first N passages (0 = all); ``shuffle`` with ``seed``
permutes them once (deterministic).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.training import Example

from kapextract.annotations.docbin import example_to_doc
from kapextract.annotations.io import read_jsonl
from kapextract.annotations.tokens import blank_nlp


def load_passages(path: str | Path, limit: int = 0) -> list[dict[str, Any]]:
    """The passages of one annotation JSONL file (validated by the reader of annotations.io)."""
    exs = list(read_jsonl(path))
    return exs[:limit] if limit else exs


def make_examples(nlp: Language, passages: list[dict[str, Any]]) -> list[Example]:
    """``Example(predicted=nlp.make_doc(text), reference=gold doc)`` for each passage."""
    ref_nlp = blank_nlp()
    out = []
    for ex in passages:
        ref, _ = example_to_doc(ref_nlp, ex)
        out.append(Example(nlp.make_doc(ex["text"]), ref))
    return out


def misaligned(nlp: Language, passages: list[dict[str, Any]]) -> tuple[int, int]:
    """``(spans whose edges are not token edges of nlp's tokenizer, all spans)``."""
    bad = total = 0
    for ex in passages:
        doc = nlp.make_doc(ex["text"])
        for s in ex["spans"]:
            total += 1
            if doc.char_span(s["start"], s["end"]) is None:
                bad += 1
    return bad, total


@spacy.registry.readers("kap.annotations_corpus.v1")
def create_reader(path: str, limit: int = 0, shuffle: bool = False, seed: int = 0) -> Callable[[Language], Iterator[Example]]:
    """A corpus reader over one annotation JSONL file (see the module docstring)."""

    def read(nlp: Language) -> Iterator[Example]:
        passages = load_passages(path, limit)
        if shuffle:
            random.Random(seed).shuffle(passages)
        yield from make_examples(nlp, passages)

    return read
