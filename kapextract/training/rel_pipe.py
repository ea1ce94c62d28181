"""The trainable relation component: factory ``kap_relation_extractor`` (pipe name ``kap_relations``).

Requires ``doc.ents`` (trained ``ner`` and/or ``kap_entity_rules``) and the shared ``tok2vec``
that its model listens to (rel_model.py). Sets ``doc._.kap_relations`` – DESIGN.md's
``{(head_ent.start, child_ent.start): {label: score}}`` – for the candidate pairs of the
model's ``get_instances`` whose sigmoid score reaches ``threshold``. For the labels in
``single_child`` (an attribute belongs to one drug; a count to one arm) only the best child
of each head is kept; ``COMBINED_WITH`` may link one therapy to several drugs. Labels that
a pair's entity labels do not allow (annotation schema) are never predicted nor trained.
With ``rule_fallback`` (default on) a head the model links to nothing for a label takes
the link of the rule component ``kap_relation_rules`` (with the rule's own, lower, score),
when the Doc has sentence boundaries: the rules stay the fallback. With ``prefer_rules``
the order is reversed: the rule links come first and the model only links the (head,
label)s the rules leave empty; ``prefer_rules`` may also list the labels for which this
holds. The shipped ``kap_core`` lists DOSE_OF and ROUTE_OF: there the hand-written linker
is right more often on field-level accuracy, while the model is better on the other labels
(dev relation F1 0.708 with the list, 0.701 with the rules first for every label).

Training: ``update`` builds the candidate pairs over the *gold* entities of each example
(aligned to the predicted tokens), so the relation model learns from correct mentions while
``ner`` learns in the same pipeline; gold relations come from ``reference._.kap_relations``.
The loss is binary cross-entropy over the legal (pair, label) cells.
``score_relations`` (registered as ``kap.score_relations.v1``) gives micro P/R/F1 of the
relations on predicted entities (end to end), matched on the character spans of head and
child and the label.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_get_examples
from spacy.vocab import Vocab
from thinc.api import Config, Model, Optimizer, set_dropout_rate

import kapextract.nlp.extensions  # noqa: F401  (Doc._.kap_relations)
import kapextract.training.rel_model  # noqa: F401  (registered architectures)
from kapextract.model import RELATION_LABELS

SINGLE_CHILD = ["DOSE_OF", "ROUTE_OF", "FREQUENCY_OF", "DURATION_OF", "SIZE_OF"]

DEFAULT_MODEL = Config().from_str("""
[model]
@architectures = "kap.relation_model.v1"
hidden_width = 64
dropout = 0.1

[model.create_instance_tensor]
@architectures = "kap.relation_instance_tensor.v1"

[model.create_instance_tensor.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 2
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true

[model.create_instance_tensor.get_instances]
@misc = "kap.relation_instances.v1"
max_length = 100
""")["model"]


@Language.factory(
    "kap_relation_extractor",
    default_config={"model": DEFAULT_MODEL, "threshold": 0.5, "single_child": SINGLE_CHILD,
                    "rule_fallback": True, "prefer_rules": False,
                    "scorer": {"@scorers": "kap.score_relations.v1"}},
    default_score_weights={"rel_micro_f": 1.0, "rel_micro_p": 0.0, "rel_micro_r": 0.0},
)
def make_relation_extractor(nlp: Language, name: str, model: Model, threshold: float,
                            single_child: list[str], rule_fallback: bool, prefer_rules: bool | list[str],
                            scorer: Callable | None) -> RelationExtractor:
    """A trainable relation extractor (see the module docstring)."""
    return RelationExtractor(nlp.vocab, model, name, threshold=threshold, single_child=single_child,
                             rule_fallback=rule_fallback, prefer_rules=prefer_rules, scorer=scorer)


def _legal_mask(labels: list[str]) -> dict[tuple[str, str], numpy.ndarray]:
    from kapextract.annotations.schema import load_schema

    schema = load_schema()
    out: dict[tuple[str, str], numpy.ndarray] = {}
    for heads, children in schema.relations.values():
        for h in heads:
            for c in children:
                out[(h, c)] = numpy.asarray([schema.legal_relation(lab, h, c) for lab in labels], dtype="float32")
    return out


def _sigmoid(x: numpy.ndarray) -> numpy.ndarray:
    return 1.0 / (1.0 + numpy.exp(-numpy.clip(x, -30, 30)))


class RelationExtractor(TrainablePipe):
    """Scores every candidate entity pair for each relation label (see the module docstring)."""

    def __init__(self, vocab: Vocab, model: Model, name: str = "kap_relations", *, threshold: float = 0.5,
                 single_child: list[str] | None = None, rule_fallback: bool = True,
                 prefer_rules: bool | list[str] = False, scorer: Callable | None = None) -> None:
        self.vocab = vocab
        self.model = model
        self.name = name
        self.scorer = scorer
        self.rule_fallback = rule_fallback
        self.prefer_rules = prefer_rules
        self._rules = None
        self.cfg: dict[str, Any] = {"labels": [], "threshold": threshold,
                                    "single_child": list(single_child if single_child is not None else SINGLE_CHILD)}

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.cfg["labels"])

    @property
    def threshold(self) -> float:
        return float(self.cfg["threshold"])

    def add_label(self, label: str) -> int:
        if label not in RELATION_LABELS:
            raise ValueError(f"kap_relations: unknown relation label {label!r}")
        if label in self.cfg["labels"]:
            return 0
        self._allow_extra_label()
        self.cfg["labels"].append(label)
        self.vocab.strings.add(label)
        return 1

    # -- prediction --------------------------------------------------------------------

    def _mask(self, pairs: list[tuple[Span, Span]]) -> numpy.ndarray:
        masks = _legal_mask(list(self.labels))
        zero = numpy.zeros((len(self.labels),), dtype="float32")
        if not pairs:
            return numpy.zeros((0, len(self.labels)), dtype="float32")
        return numpy.stack([masks.get((h.label_, c.label_), zero) for h, c in pairs])

    def predict(self, docs: Iterable[Doc]) -> numpy.ndarray:
        docs = list(docs)
        get_instances = self.model.attrs["get_instances"]
        total = sum(len(get_instances(d)) for d in docs)
        if total == 0:
            return numpy.zeros((0, len(self.labels)), dtype="float32")
        logits = self.model.ops.to_numpy(self.model.predict(docs))
        return _sigmoid(logits)

    def set_annotations(self, docs: Iterable[Doc], scores: numpy.ndarray) -> None:
        get_instances = self.model.attrs["get_instances"]
        single = set(self.cfg["single_child"])
        k = 0
        for doc in docs:
            pairs = get_instances(doc)
            block = scores[k : k + len(pairs)] * self._mask(pairs) if pairs else scores[k:k]
            k += len(pairs)
            rels: dict[tuple[int, int], dict[str, float]] = {}
            best: dict[tuple[int, str], tuple[float, int]] = {}
            for i, (h, c) in enumerate(pairs):
                for j, label in enumerate(self.labels):
                    s = float(block[i, j])
                    if s < self.threshold:
                        continue
                    if label in single:
                        key = (h.start, label)
                        if key not in best or s > best[key][0]:
                            best[key] = (s, c.start)
                    else:
                        rels.setdefault((h.start, c.start), {})[label] = round(s, 4)
            for (hs, label), (s, cs) in best.items():
                rels.setdefault((hs, cs), {})[label] = round(s, 4)
            if not self.rule_fallback:
                doc._.kap_relations = rels
            else:  # the rules first for the preferred labels, the model first for the others
                ruled, pref = self._rule_links(doc), self._preferred_labels()
                first = self._fill(self._only(ruled, pref), self._only(rels, pref))
                second = self._fill(self._only(rels, pref, keep=False), self._only(ruled, pref, keep=False))
                for key, labs in second.items():
                    first.setdefault(key, {}).update(labs)
                doc._.kap_relations = first

    def _preferred_labels(self) -> set[str]:
        """The labels for which the rule links come first: all (``prefer_rules = true``),
        none (``false``) or the listed ones."""
        if self.prefer_rules is True:
            return set(RELATION_LABELS)
        return set(self.prefer_rules or ())

    def _rule_links(self, doc: Doc) -> dict:
        """The links of the rule component ``kap_relation_rules`` (empty without sentences)."""
        if not doc.has_annotation("SENT_START"):
            return {}
        if self._rules is None:
            from kapextract.nlp.relations import KapRelationRules

            self._rules = KapRelationRules()
        doc._.kap_relations = {}
        self._rules(doc)
        return doc._.kap_relations

    @staticmethod
    def _only(links: dict, labels: set[str], keep: bool = True) -> dict:
        """The links whose label is (``keep``) or is not in ``labels``."""
        out = {}
        for key, labs in links.items():
            kept = {lab: s for lab, s in labs.items() if (lab in labels) == keep}
            if kept:
                out[key] = kept
        return out

    @staticmethod
    def _fill(first: dict, second: dict) -> dict:
        """``first`` plus the links of ``second`` for the (head, label)s that ``first`` leaves empty."""
        covered = {(h, lab) for (h, _), labs in first.items() for lab in labs}
        merged = {k: dict(v) for k, v in first.items()}
        for (h, c), labs in second.items():
            for lab, s in labs.items():
                if (h, lab) not in covered:
                    merged.setdefault((h, c), {})[lab] = s
        return merged

    # -- training ----------------------------------------------------------------------

    @staticmethod
    def _gold_ents_on_predicted(eg: Example) -> list[Span]:
        pred = eg.predicted
        out = []
        taken: set[int] = set()
        for e in eg.reference.ents:
            span = pred.char_span(e.start_char, e.end_char, label=e.label_, alignment_mode="expand")
            if span is None or len(span) == 0 or taken & set(range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            out.append(span)
        return sorted(out, key=lambda s: s.start)

    def _truths(self, examples: list[Example]) -> numpy.ndarray:
        get_instances = self.model.attrs["get_instances"]
        rows = []
        for eg in examples:
            ref = eg.reference
            by_start = {e.start: (e.start_char, e.end_char) for e in ref.ents}
            gold: dict[tuple[tuple[int, int], tuple[int, int]], set[str]] = {}
            for (hs, cs), labels in (ref._.kap_relations or {}).items():
                if hs in by_start and cs in by_start:
                    gold[(by_start[hs], by_start[cs])] = {lab for lab, v in labels.items() if v >= 0.5}
            for h, c in get_instances(eg.predicted):
                labs = gold.get(((h.start_char, h.end_char), (c.start_char, c.end_char)), set())
                rows.append([1.0 if lab in labs else 0.0 for lab in self.labels])
        return numpy.asarray(rows, dtype="float32").reshape((-1, len(self.labels)))

    def _prepare(self, examples: Iterable[Example]) -> list[Example]:
        examples = list(examples)
        for eg in examples:
            eg.predicted.ents = self._gold_ents_on_predicted(eg)
        return examples

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd: Optimizer | None = None,
               losses: dict[str, float] | None = None) -> dict[str, float]:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = self._prepare(examples)
        docs = [eg.predicted for eg in examples]
        get_instances = self.model.attrs["get_instances"]
        if sum(len(get_instances(d)) for d in docs) == 0:
            return losses
        set_dropout_rate(self.model, drop)
        logits, backprop = self.model.begin_update(docs)
        loss, d_logits = self.get_loss(examples, logits)
        backprop(d_logits)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], logits) -> tuple[float, Any]:
        examples = list(examples)
        truths = self._truths(examples)
        pairs = [p for eg in examples for p in self.model.attrs["get_instances"](eg.predicted)]
        mask = self._mask(pairs)
        probs = _sigmoid(self.model.ops.to_numpy(logits))
        eps = 1e-7
        bce = -(truths * numpy.log(probs + eps) + (1 - truths) * numpy.log(1 - probs + eps)) * mask
        n = max(float(mask.sum()), 1.0)
        grad = (probs - truths) * mask / n
        return float(bce.sum() / n), self.model.ops.asarray2f(grad.astype("float32"))

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None,
                   labels: list[str] | None = None) -> None:
        validate_get_examples(get_examples, "RelationExtractor.initialize")
        if labels is not None:
            for label in labels:
                self.add_label(label)
        else:
            seen = set()
            for eg in get_examples():
                for labs in (eg.reference._.kap_relations or {}).values():
                    seen.update(labs)
            for label in RELATION_LABELS:  # fixed order, whatever the examples' order
                if label in seen:
                    self.add_label(label)
        out = self.model.get_ref("output_layer")
        if out.maybe_get_dim("nO") is None:
            out.set_dim("nO", len(self.labels))
        sample = self._prepare(list(islice(get_examples(), 10)))
        self.model.initialize(X=[eg.predicted for eg in sample])


def relation_keys(doc: Doc, threshold: float = 0.5) -> set[tuple[tuple[int, int], tuple[int, int], str]]:
    """``((head chars), (child chars), label)`` of a Doc's relations with score >= threshold."""
    by_start = {e.start: (e.start_char, e.end_char) for e in doc.ents}
    out = set()
    for (hs, cs), labels in (doc._.kap_relations or {}).items():
        if hs in by_start and cs in by_start:
            out.update((by_start[hs], by_start[cs], lab) for lab, v in labels.items() if v >= threshold)
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_relations(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
    """Micro P/R/F1 (and per label) of ``predicted`` vs ``reference`` relations, by char spans."""
    tp = n_pred = n_gold = 0
    per: dict[str, list[int]] = {}
    for eg in examples:
        pred = relation_keys(eg.predicted)
        gold = relation_keys(eg.reference)
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
        for keys, col in ((pred & gold, 0), (pred, 1), (gold, 2)):
            for k in keys:
                per.setdefault(k[2], [0, 0, 0])[col] += 1
    p, r, f = prf(tp, n_pred, n_gold)
    return {
        "rel_micro_p": p, "rel_micro_r": r, "rel_micro_f": f,
        "rel_per_type": {lab: dict(zip(("p", "r", "f"), prf(*c), strict=True)) for lab, c in sorted(per.items())},
    }


@spacy.registry.scorers("kap.score_relations.v1")
def make_relation_scorer() -> Callable[..., dict[str, Any]]:
    return score_relations
