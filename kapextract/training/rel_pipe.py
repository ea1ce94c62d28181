"""The trainable relation component: factory ``kap_relation_extractor``.

Requires: ``doc.ents`` (from ``ner`` at run time; during training the gold
entities are copied onto the predicted Docs, so the component learns relations
from clean entities). Sets ``doc._.kap_relations``:
``{(head_ent.start, child_ent.start): {label: score}}`` for every candidate pair
of its model, with the scores of the labels legal for the pair's entity types
(DESIGN.md's direction, attribute -> DRUG ...). Downstream code treats a score
>= 0.5 as a relation; the rule component fills pairs this one left out.

Gold relations come from the reference Docs' ``doc._.kap_relations`` (as
written by :mod:`kapextract.annotations.docbin`) and are matched to predicted
entities by character offsets, so the reference may be tokenized differently.
The thinc model lives in :mod:`kapextract.training.rel_model`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import Config, Model, Optimizer
from thinc.types import Floats2d

import kapextract.training.rel_model  # noqa: F401  (registers the architectures)
from kapextract.annotations.docbin import ensure_extension
from kapextract.annotations.schema import load_schema

DEFAULT_MODEL = """
[model]
@architectures = "kap.relation_model.v1"

[model.create_pair_tensor]
@architectures = "kap.pair_tensor.v1"

[model.create_pair_tensor.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 2
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true

[model.create_pair_tensor.get_candidates]
@misc = "kap.relation_candidates.v1"
max_length = 60

[model.classification_layer]
@architectures = "kap.relation_classifier.v1"
hidden_width = 64
dropout = 0.1
"""


@Language.factory(
    "kap_relation_extractor",
    requires=["doc.ents"],
    assigns=["doc._.kap_relations"],
    default_config={"model": Config().from_str(DEFAULT_MODEL)["model"], "threshold": 0.5},
    default_score_weights={"rel_micro_f": 1.0, "rel_micro_p": 0.0, "rel_micro_r": 0.0},
)
def make_relation_extractor(nlp: Language, name: str, model: Model, threshold: float) -> RelationExtractor:
    """A trainable relation component (see the module docstring)."""
    return RelationExtractor(nlp.vocab, model, name, threshold=threshold)


def _char_key(span: Span) -> tuple[int, int, str]:
    return span.start_char, span.end_char, span.label_


def gold_relations(doc: Doc) -> set[tuple[tuple[int, int, str], tuple[int, int, str], str]]:
    """``(head char key, child char key, label)`` of every relation of a Doc scoring >= 0.5."""
    by_start = {e.start: e for e in doc.ents}
    out = set()
    for (hs, cs), labels in (doc._.kap_relations or {}).items():
        if hs in by_start and cs in by_start:
            out.update((_char_key(by_start[hs]), _char_key(by_start[cs]), lab) for lab, s in labels.items() if s >= 0.5)
    return out


def copy_gold_entities(eg: Example) -> None:
    """Put the reference entities that align with the predicted tokens onto the predicted Doc."""
    spans = []
    for ent in eg.reference.ents:
        span = eg.predicted.char_span(ent.start_char, ent.end_char, label=ent.label_)
        if span is not None:
            spans.append(span)
    eg.predicted.set_ents(spans, default="outside")


class RelationExtractor(TrainablePipe):
    """Scores typed entity pairs with the relation labels (multi-label, logistic)."""

    def __init__(self, vocab: Vocab, model: Model, name: str = "kap_relations", *, threshold: float = 0.5) -> None:
        ensure_extension()
        self.vocab = vocab
        self.model = model
        self.name = name
        self.cfg: dict[str, Any] = {"labels": [], "threshold": threshold}
        self.schema = load_schema()

    # -- labels -------------------------------------------------------------------

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.cfg["labels"])

    @property
    def label_data(self) -> list[str]:
        return list(self.labels)

    @property
    def threshold(self) -> float:
        return float(self.cfg["threshold"])

    def add_label(self, label: str) -> int:
        if label in self.labels:
            return 0
        self._allow_resizing_output()
        self.cfg["labels"] = [*self.labels, label]
        return 1

    def _allow_resizing_output(self) -> None:
        if self.model.has_dim("nO") and self.model.get_dim("nO") is not None:
            raise ValueError("kap_relation_extractor: labels cannot be added after training started")

    def _legal(self, head: Span, child: Span) -> list[int]:
        return [i for i, lab in enumerate(self.labels) if self.schema.legal_relation(lab, head.label_, child.label_)]

    # -- prediction ---------------------------------------------------------------

    def predict(self, docs: Iterable[Doc]) -> Floats2d:
        docs = list(docs)
        get_candidates = self.model.attrs["get_candidates"]
        if not any(get_candidates(doc) for doc in docs):
            return self.model.ops.alloc2f(0, len(self.labels))
        return self.model.predict(docs)

    def set_annotations(self, docs: Iterable[Doc], scores: Floats2d) -> None:
        get_candidates = self.model.attrs["get_candidates"]
        scores = self.model.ops.to_numpy(scores)
        row = 0
        for doc in docs:
            rels: dict[tuple[int, int], dict[str, float]] = {}
            for head, child in get_candidates(doc):
                legal = self._legal(head, child)
                if legal:
                    rels[(head.start, child.start)] = {self.labels[i]: float(scores[row, i]) for i in legal}
                row += 1
            doc._.kap_relations = rels

    # -- training -----------------------------------------------------------------

    def _truth(self, examples: list[Example]) -> Floats2d:
        get_candidates = self.model.attrs["get_candidates"]
        index = {lab: i for i, lab in enumerate(self.labels)}
        rows = []
        for eg in examples:
            gold = gold_relations(eg.reference)
            for head, child in get_candidates(eg.predicted):
                row = numpy.zeros(len(self.labels), dtype="float32")
                hk, ck = _char_key(head), _char_key(child)
                for _h, _c, lab in (g for g in gold if g[0] == hk and g[1] == ck):
                    if lab in index:
                        row[index[lab]] = 1.0
                rows.append(row)
        if not rows:
            return self.model.ops.alloc2f(0, len(self.labels))
        return self.model.ops.asarray2f(numpy.vstack(rows))

    def get_loss(self, examples: Iterable[Example], scores: Floats2d) -> tuple[float, Floats2d]:
        """Binary cross-entropy (reported) and its gradient w.r.t. the logistic outputs' inputs."""
        truth = self._truth(list(examples))
        d_scores = scores - truth
        eps = 1e-7
        p = self.model.ops.xp.clip(scores, eps, 1 - eps)
        loss = float(-(truth * self.model.ops.xp.log(p) + (1 - truth) * self.model.ops.xp.log(1 - p)).sum())
        return loss, d_scores

    def update(
        self,
        examples: Iterable[Example],
        *,
        drop: float = 0.0,
        sgd: Optimizer | None = None,
        losses: dict[str, float] | None = None,
    ) -> dict[str, float]:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        for eg in examples:
            copy_gold_entities(eg)
        docs = [eg.predicted for eg in examples]
        get_candidates = self.model.attrs["get_candidates"]
        if not any(get_candidates(doc) for doc in docs):
            return losses
        set_dropout_rate(self.model, drop)
        scores, backprop = self.model.begin_update(docs)
        loss, d_scores = self.get_loss(examples, scores)
        # the logistic layer multiplies by p(1-p): undo it so the update follows the cross-entropy gradient
        backprop(d_scores / self.model.ops.xp.clip(scores * (1 - scores), 1e-4, None))
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]],
        *,
        nlp: Language | None = None,
        labels: list[str] | None = None,
    ) -> None:
        for label in labels or list(self.schema.relations):
            self.add_label(label)
        sample = []
        for eg in islice(get_examples(), 50):
            copy_gold_entities(eg)
            sample.append(eg)
        docs = [eg.predicted for eg in sample]
        truth = self._truth(sample)
        if truth.shape[0] == 0:
            truth = self.model.ops.alloc2f(1, len(self.labels))
        self.model.initialize(X=docs, Y=truth)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, float]:
        return score_relations(examples, self.threshold)


def set_dropout_rate(model: Model, drop: float) -> None:
    for node in model.walk():
        if node.name == "dropout":
            node.attrs["dropout_rate"] = drop


@registry.scorers("kap.score_relations.v1")
def make_relation_scorer() -> Callable[..., dict[str, float]]:
    return score_relations


def score_relations(examples: Iterable[Example], threshold: float = 0.5) -> dict[str, float]:
    """Micro P/R/F1 of relations, matched by (head span, child span, label) character offsets.

    Uses the predicted Docs' entities and ``doc._.kap_relations`` (end to end: a
    relation between wrongly predicted entities is wrong).
    """
    tp = fp = fn = 0
    for eg in examples:
        gold = gold_relations(eg.reference)
        by_start = {e.start: e for e in eg.predicted.ents}
        pred = set()
        for (hs, cs), labels in (eg.predicted._.kap_relations or {}).items():
            if hs in by_start and cs in by_start:
                pred.update((_char_key(by_start[hs]), _char_key(by_start[cs]), lab)
                            for lab, s in labels.items() if s >= threshold)
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"rel_micro_p": p, "rel_micro_r": r, "rel_micro_f": f}
