"""spaCy DocBin export/import (``.spacy`` files for ``spacy train``).

Requires: spaCy (and scispaCy for the default tokenizer). Sets, per Doc:

* ``doc.ents`` from the spans (see :mod:`kapextract.annotations.tokens` for
  alignment; the default ``"split"`` is lossless);
* ``doc._.kap_relations``: ``{(head_ent.start, child_ent.start): {label: 1.0}}``,
  the gold form of the relation component's output (DESIGN.md), so
  ``Example(pred, gold)`` carries the relations;
* ``doc.user_data["kap_id"]`` and ``doc.user_data["kap_meta"]``.

The DocBin stores user data, so all of it round-trips. A relation whose head
or child span was dropped by ``expand``/``contract`` alignment is dropped too
and reported. Several groups (train/dev/test) are written as
``<output>/<group>.spacy``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kapextract.annotations.converters import Conversion
from kapextract.annotations.examples import make_example
from kapextract.annotations.tokens import Alignment, blank_nlp, make_doc
from kapextract.errors import AnnotationError

REL_EXT = "kap_relations"


def ensure_extension() -> None:
    """Register ``Doc._.kap_relations`` (default ``{}``) unless someone already has."""
    from spacy.tokens import Doc

    if not Doc.has_extension(REL_EXT):
        Doc.set_extension(REL_EXT, default={})


def example_to_doc(nlp: Any, ex: dict[str, Any], alignment: str = "split", stats: Alignment | None = None) -> tuple[Any, int]:
    """One passage as a Doc with entities, gold relations, id and meta; returns ``(doc, relations dropped)``."""
    ensure_extension()
    doc, index = make_doc(nlp, ex["text"], ex["spans"], alignment, stats)
    ents = list(doc.ents)
    rels: dict[tuple[int, int], dict[str, float]] = {}
    dropped = 0
    for r in ex.get("relations", []):
        h, c = index[r["head"]], index[r["child"]]
        if h is None or c is None:
            dropped += 1
            continue
        rels.setdefault((ents[h].start, ents[c].start), {})[r["label"]] = 1.0
    doc._.kap_relations = rels
    doc.user_data["kap_id"] = ex["id"]
    doc.user_data["kap_meta"] = json.dumps(ex.get("meta") or {}, ensure_ascii=False)
    return doc, dropped


def doc_to_example(doc: Any, fallback_id: str) -> dict[str, Any]:
    """The passage a Doc holds: entities as spans, ``doc._.kap_relations`` as relations.

    Relation scores below 0.5 are not relations (a predicted Doc keeps scores
    for every candidate pair).
    """
    ensure_extension()
    ents = list(doc.ents)
    by_start = {e.start: i for i, e in enumerate(ents)}
    spans = [{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in ents]
    relations = []
    for (hs, cs), labels in (doc._.kap_relations or {}).items():
        if hs not in by_start or cs not in by_start:
            continue
        for label, score in labels.items():
            if score >= 0.5:
                relations.append({"head": by_start[hs], "child": by_start[cs], "label": label})
    meta_raw = doc.user_data.get("kap_meta")
    meta = json.loads(meta_raw) if isinstance(meta_raw, str) else {}
    return make_example(doc.user_data.get("kap_id") or fallback_id, doc.text, meta, spans, relations)


def examples_to_docbin(examples: list[dict[str, Any]], nlp: Any = None, alignment: str = "split") -> tuple[Any, list[str]]:
    """A DocBin of the passages, and the alignment notes."""
    from spacy.tokens import DocBin

    nlp = nlp if nlp is not None else blank_nlp()
    stats = Alignment()
    db = DocBin(store_user_data=True)
    lost = 0
    for ex in examples:
        doc, dropped = example_to_doc(nlp, ex, alignment, stats)
        lost += dropped
        db.add(doc)
    notes = stats.notes()
    if lost:
        notes.append(f"{lost} relation(s) dropped with their spans")
    return db, notes


def export_docbin(
    examples: list[dict[str, Any]] | dict[str, list[dict[str, Any]]],
    output: str | os.PathLike[str],
    nlp: Any = None,
    alignment: str = "split",
) -> Conversion:
    """Write ``output`` (one ``.spacy`` file), or ``output/<group>.spacy`` for a dict of groups."""
    conv = Conversion()
    groups = examples if isinstance(examples, dict) else {None: examples}
    out = Path(output)
    for name, exs in groups.items():
        db, notes = examples_to_docbin(exs, nlp, alignment)
        path = out if name is None else out / f"{name}.spacy"
        path.parent.mkdir(parents=True, exist_ok=True)
        db.to_disk(path)
        conv.count += len(exs)
        conv.notes += [f"{name}: {n}" if name else n for n in notes]
    return conv


def import_docbin(source: str | os.PathLike[str], nlp: Any = None) -> Conversion:
    """Read a ``.spacy`` file, or every ``*.spacy`` file in a folder."""
    from spacy.tokens import DocBin

    ensure_extension()
    src = Path(source)
    files = sorted(src.glob("*.spacy")) if src.is_dir() else [src]
    if not files or not files[0].is_file():
        raise AnnotationError(f"{src}: no .spacy file found")
    nlp = nlp if nlp is not None else blank_nlp("spacy")
    conv = Conversion()
    for f in files:
        try:
            db = DocBin().from_disk(f)
        except Exception as exc:  # spaCy raises ValueError/KeyError/msgpack errors on bad input
            raise AnnotationError(f"{f}: not a spaCy DocBin ({type(exc).__name__})") from None
        for k, doc in enumerate(db.get_docs(nlp.vocab)):
            conv.examples.append(doc_to_example(doc, f"{f.stem}:{k}"))
    conv.count = len(conv.examples)
    return conv
