"""A Hugging Face ``datasets`` folder with token-level BIO labels, for transformers.

Requires: ``datasets`` (and spaCy/scispaCy for tokenization). Each passage is
one row:

* ``id`` (str), ``text`` (str), ``meta`` (JSON string);
* ``tokens`` (list of str) and ``token_start``/``token_end`` (char offsets
  of each token in ``text``), tokens cut at span boundaries so every span is
  exactly a run of tokens (lossless);
* ``ner_tags``: a ``Sequence(ClassLabel)`` over ``O`` and ``B-``/``I-`` of
  each entity label (:func:`bio_labels`).

Written with ``save_to_disk``: one ``Dataset``, or a ``DatasetDict`` keyed by
group (train/dev/test) when several are given. Import rebuilds the spans from
the BIO tags and the offsets (or, without offsets, from the tokens joined by
single spaces). **Relations cannot be represented in token tags and are
lost**; export and import both say so in their notes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kapextract.annotations.converters import Conversion
from kapextract.annotations.examples import make_example
from kapextract.annotations.schema import load_schema
from kapextract.annotations.tokens import Alignment, blank_nlp, split_words
from kapextract.errors import AnnotationError

LOST_NOTE = "relations are not representable as token tags: {n} relation(s) not kept"


def bio_labels() -> list[str]:
    """``["O", "B-DRUG", "I-DRUG", ...]`` in the schema's entity order (the ClassLabel names)."""
    out = ["O"]
    for label in load_schema().entities:
        out += [f"B-{label}", f"I-{label}"]
    return out


def features() -> Any:
    from datasets import ClassLabel, Features, Sequence, Value

    return Features({
        "id": Value("string"),
        "text": Value("string"),
        "meta": Value("string"),
        "tokens": Sequence(Value("string")),
        "token_start": Sequence(Value("int32")),
        "token_end": Sequence(Value("int32")),
        "ner_tags": Sequence(ClassLabel(names=bio_labels())),
    })


def example_to_row(nlp: Any, ex: dict[str, Any], stats: Alignment | None = None) -> dict[str, Any]:
    """One passage as a dataset row (tags as label strings)."""
    text = ex["text"]
    words, spaces = split_words(nlp, text, ex["spans"], stats)
    starts, ends, pos = [], [], 0
    for w, sp in zip(words, spaces, strict=True):
        starts.append(pos)
        ends.append(pos + len(w))
        pos += len(w) + (1 if sp else 0)
    tags = ["O"] * len(words)
    index = {s: k for k, s in enumerate(starts)}
    for span in ex["spans"]:
        k = index[span["start"]]
        tags[k] = f"B-{span['label']}"
        k += 1
        while k < len(words) and ends[k] <= span["end"]:
            tags[k] = f"I-{span['label']}"
            k += 1
    return {"id": ex["id"], "text": text, "meta": json.dumps(ex.get("meta") or {}, ensure_ascii=False),
            "tokens": words, "token_start": starts, "token_end": ends, "ner_tags": tags}


def to_dataset(examples: list[dict[str, Any]], nlp: Any = None) -> tuple[Any, list[str]]:
    """A ``datasets.Dataset`` of the passages, and the notes."""
    from datasets import Dataset

    nlp = nlp if nlp is not None else blank_nlp()
    stats = Alignment()
    rows = [example_to_row(nlp, ex, stats) for ex in examples]
    cols = {k: [r[k] for r in rows] for k in features()}
    ds = Dataset.from_dict(cols, features=features())
    notes = stats.notes()
    n_rel = sum(len(ex.get("relations", [])) for ex in examples)
    if n_rel:
        notes.append(LOST_NOTE.format(n=n_rel))
    return ds, notes


def export_dataset(
    examples: list[dict[str, Any]] | dict[str, list[dict[str, Any]]],
    output: str | os.PathLike[str],
    nlp: Any = None,
) -> Conversion:
    """``save_to_disk`` a Dataset (or a DatasetDict for a dict of groups) at ``output``."""
    from datasets import DatasetDict
    from datasets.utils.logging import disable_progress_bar

    disable_progress_bar()
    conv = Conversion()
    if isinstance(examples, dict):
        parts = {}
        for name, exs in examples.items():
            parts[name], notes = to_dataset(exs, nlp)
            conv.notes += [f"{name}: {n}" for n in notes]
            conv.count += len(exs)
        DatasetDict(parts).save_to_disk(str(output))
    else:
        ds, conv.notes = to_dataset(examples, nlp)
        ds.save_to_disk(str(output))
        conv.count = len(examples)
    return conv


def tags_to_spans(tags: list[str], starts: list[int], ends: list[int]) -> tuple[list[dict[str, Any]], int]:
    """Spans from BIO tags; an ``I-`` that does not continue a span of its label starts one.

    Returns the spans and the number of such repaired ``I-`` tags.
    """
    spans: list[dict[str, Any]] = []
    repaired = 0
    cur: dict[str, Any] | None = None
    for tag, a, b in zip(tags, starts, ends, strict=True):
        if tag == "O":
            cur = None
            continue
        prefix, _, label = tag.partition("-")
        if prefix == "I" and cur is not None and cur["label"] == label:
            cur["end"] = b
            continue
        if prefix == "I":
            repaired += 1
        elif prefix != "B":
            raise AnnotationError(f"tag {tag!r} is not O, B-LABEL or I-LABEL")
        cur = {"start": a, "end": b, "label": label}
        spans.append(cur)
    return spans, repaired


def _row_to_example(row: dict[str, Any], names: list[str] | None, k: int) -> tuple[dict[str, Any], int]:
    tokens = list(row["tokens"])
    tags = [names[t] if names is not None and isinstance(t, int) else str(t) for t in row["ner_tags"]]
    if len(tags) != len(tokens):
        raise AnnotationError(f"row {k}: {len(tokens)} tokens but {len(tags)} tags")
    if row.get("token_start") is not None and row.get("text") is not None:
        text, starts, ends = row["text"], list(row["token_start"]), list(row["token_end"])
    else:
        text = " ".join(tokens)
        starts, pos = [], 0
        for t in tokens:
            starts.append(pos)
            pos += len(t) + 1
        ends = [s + len(t) for s, t in zip(starts, tokens, strict=True)]
    spans, repaired = tags_to_spans(tags, starts, ends)
    meta = json.loads(row["meta"]) if isinstance(row.get("meta"), str) and row["meta"] else {}
    return make_example(row.get("id") or f"row{k}", text, meta, spans, []), repaired


def import_dataset(source: str | os.PathLike[str]) -> Conversion:
    """Read a ``save_to_disk`` folder (Dataset or DatasetDict; all splits are concatenated)."""
    from datasets import DatasetDict, load_from_disk

    src = Path(source)
    if not src.is_dir():
        raise AnnotationError(f"{src}: not a datasets folder (save_to_disk output)")
    try:
        loaded = load_from_disk(str(src))
    except Exception as exc:  # datasets raises FileNotFoundError / its own errors
        raise AnnotationError(f"{src}: not a datasets folder ({type(exc).__name__})") from None
    parts = list(loaded.values()) if isinstance(loaded, DatasetDict) else [loaded]
    conv = Conversion()
    repaired = 0
    for ds in parts:
        missing = {"tokens", "ner_tags"} - set(ds.column_names)
        if missing:
            raise AnnotationError(f"{src}: dataset lacks column(s) {', '.join(sorted(missing))}")
        feat = ds.features["ner_tags"]
        names = getattr(getattr(feat, "feature", None), "names", None)
        for k, row in enumerate(ds):
            ex, r = _row_to_example(row, names, k)
            repaired += r
            conv.examples.append(ex)
    conv.count = len(conv.examples)
    conv.notes.append("relations are not representable as token tags: imported passages have none")
    if repaired:
        conv.notes.append(f"{repaired} I- tag(s) without a preceding B- of the same label started a new span")
    return conv
