"""The thinc model of the trainable relation component (kept apart from the pipe, rel_pipe.py).

Registered functions (all names versioned, used from the ``.cfg`` files):

* ``kap.relation_instances.v1`` (``misc``) – ``get_instances(doc)``: the candidate pairs
  ``(head_ent, child_ent)`` of ``doc.ents`` whose labels some relation label of the
  annotation schema allows (DOSE -> DRUG, THERAPY -> DRUG, SAMPLE_SIZE -> DRUG|THERAPY ...)
  and whose token gap is at most ``max_length``.
* ``kap.relation_instance_tensor.v1`` (``architectures``) – docs -> one row per candidate
  pair: ``[mean(head tokens), mean(child tokens), mean(tokens between), pair features]``
  from a ``tok2vec`` layer (a listener of the pipeline's shared tok2vec). The pair features
  (:func:`pair_features`) are the token distance (bucketed), the direction, the drug and
  same-label mentions lying between, a ";" or sentence end between, and the two labels.
* ``kap.relation_model.v1`` (``architectures``) – instance tensor >> Relu hidden layer >>
  dropout >> Linear: one *logit* per relation label (the pipe applies the sigmoid and the
  binary cross-entropy gradient, and masks labels a pair's entity labels do not allow).

Requires ``doc.ents``; sets nothing on the Doc (rel_pipe.py does).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy
import spacy
from spacy.tokens import Doc, Span
from thinc.api import Dropout, Linear, Model, Relu, chain
from thinc.types import Floats2d

from kapextract.model import ENTITY_LABELS

Instances = list[tuple[Span, Span]]
GetInstances = Callable[[Doc], Instances]

DISTANCE_BUCKETS = (0, 2, 5, 10, 20, 40)  # upper bounds of the token-gap buckets; last bucket is beyond
N_PAIR_FEATURES = (len(DISTANCE_BUCKETS) + 1) + 1 + 3 + 2 + 1 + 1 + 2 * len(ENTITY_LABELS)


def legal_label_pairs() -> set[tuple[str, str]]:
    """``(head_label, child_label)`` pairs some relation label may link (annotation schema)."""
    from kapextract.annotations.schema import load_schema

    out = set()
    for heads, children in load_schema().relations.values():
        out.update((h, c) for h in heads for c in children)
    return out


@spacy.registry.misc("kap.relation_instances.v1")
def create_instances(max_length: int = 100) -> GetInstances:
    """Candidate-pair getter: legal label pairs of ``doc.ents`` at most ``max_length`` tokens apart."""
    legal = legal_label_pairs()

    def get_instances(doc: Doc) -> Instances:
        ents = list(doc.ents)
        out = []
        for h in ents:
            for c in ents:
                if h is c or (h.label_, c.label_) not in legal:
                    continue
                gap = c.start - h.end if c.start >= h.end else h.start - c.end
                if gap <= max_length:
                    out.append((h, c))
        return out

    return get_instances


def pair_features(doc: Doc, head: Span, child: Span, ents: list[Span]) -> numpy.ndarray:
    """The fixed-width pair feature vector (:data:`N_PAIR_FEATURES` floats)."""
    f = numpy.zeros((N_PAIR_FEATURES,), dtype="float32")
    lo, hi = (head, child) if head.start < child.start else (child, head)
    gap = max(hi.start - lo.end, 0)
    k = 0
    bucket = next((i for i, b in enumerate(DISTANCE_BUCKETS) if gap <= b), len(DISTANCE_BUCKETS))
    f[k + bucket] = 1.0
    k += len(DISTANCE_BUCKETS) + 1
    f[k] = 1.0 if child.start > head.start else 0.0  # the child (drug) follows the head
    k += 1
    between = [e for e in ents if e.start >= lo.end and e.end <= hi.start]
    n_drugs = sum(e.label_ == "DRUG" for e in between)
    f[k + min(n_drugs, 2)] = 1.0
    k += 3
    f[k + (1 if any(e.label_ == head.label_ for e in between) else 0)] = 1.0
    k += 2
    gap_text = doc[lo.end : hi.start].text
    f[k] = 1.0 if ";" in gap_text else 0.0
    k += 1
    f[k] = 1.0 if any(t.text in {".", "!", "?"} and t.i + 1 < len(doc) and doc[t.i + 1].is_title
                      for t in doc[lo.end : hi.start]) else 0.0
    k += 1
    if head.label_ in ENTITY_LABELS:
        f[k + ENTITY_LABELS.index(head.label_)] = 1.0
    k += len(ENTITY_LABELS)
    if child.label_ in ENTITY_LABELS:
        f[k + ENTITY_LABELS.index(child.label_)] = 1.0
    return f


@spacy.registry.architectures("kap.relation_instance_tensor.v1")
def create_instance_tensor(tok2vec: Model, get_instances: GetInstances) -> Model[list[Doc], Floats2d]:
    """docs -> ``(n_pairs, 3 * width + N_PAIR_FEATURES)`` (see the module docstring)."""
    width = tok2vec.maybe_get_dim("nO")
    return Model(
        "kap_relation_instances",
        _instance_forward,
        layers=[tok2vec],
        refs={"tok2vec": tok2vec},
        attrs={"get_instances": get_instances},
        dims={"nO": None if width is None else 3 * width + N_PAIR_FEATURES},
        init=_instance_init,
    )


def _instance_init(model: Model, X=None, Y=None) -> Model:
    tok2vec = model.get_ref("tok2vec")
    tok2vec.initialize(X=X)
    if model.maybe_get_dim("nO") is None:
        model.set_dim("nO", 3 * tok2vec.get_dim("nO") + N_PAIR_FEATURES)
    return model


def _instance_forward(model: Model, docs: list[Doc], is_train: bool):
    ops = model.ops
    xp = ops.xp
    tok2vec = model.get_ref("tok2vec")
    get_instances = model.attrs["get_instances"]
    tokvecs, bp_tokvecs = tok2vec(docs, is_train)
    lengths = [len(t) for t in tokvecs]
    width = tokvecs[0].shape[1] if tokvecs else model.get_dim("nO") // 3
    X = ops.flatten(tokvecs) if tokvecs and sum(lengths) else ops.alloc2f(0, width)
    segs: list[list[tuple[int, int]]] = [[], [], []]  # head, child, between (global token rows)
    feats = []
    offset = 0
    for doc, n in zip(docs, lengths, strict=True):
        ents = list(doc.ents)
        for h, c in get_instances(doc):
            segs[0].append((offset + h.start, offset + h.end))
            segs[1].append((offset + c.start, offset + c.end))
            lo, hi = (h, c) if h.start < c.start else (c, h)
            a = offset + lo.end
            segs[2].append((a, max(a, offset + hi.start)))
            feats.append(pair_features(doc, h, c, ents))
        offset += n
    n_pairs = len(feats)
    if n_pairs == 0:
        Y = ops.alloc2f(0, 3 * width + N_PAIR_FEATURES)

        def backprop_empty(dY):
            return bp_tokvecs([ops.alloc2f(n, width) for n in lengths])

        return Y, backprop_empty
    cums = xp.concatenate([xp.zeros((1, width), dtype="float32"), xp.cumsum(X, axis=0)], axis=0)
    bounds = [(xp.asarray([s[0] for s in seg], dtype="int32"), xp.asarray([s[1] for s in seg], dtype="int32")) for seg in segs]
    pooled = []
    sizes = []
    for a, b in bounds:
        size = xp.maximum(b - a, 1).astype("float32")[:, None]
        sizes.append(size)
        pooled.append((cums[b] - cums[a]) / size)
    F = ops.asarray2f(numpy.stack(feats))
    Y = xp.concatenate(pooled + [F], axis=1)

    def backprop(dY: Floats2d):
        diff = xp.zeros((X.shape[0] + 1, width), dtype="float32")
        for k, ((a, b), size) in enumerate(zip(bounds, sizes, strict=True)):
            g = dY[:, k * width : (k + 1) * width] / size
            xp.add.at(diff, a, g)
            xp.add.at(diff, b, -g)
        dX = xp.cumsum(diff, axis=0)[: X.shape[0]]
        return bp_tokvecs(list(ops.unflatten(dX, ops.asarray1i(lengths))))

    return Y, backprop


@spacy.registry.architectures("kap.relation_model.v1")
def create_relation_model(
    create_instance_tensor: Model[list[Doc], Floats2d],
    hidden_width: int = 64,
    dropout: float = 0.1,
    nO: int | None = None,
) -> Model[list[Doc], Floats2d]:
    """instance tensor >> Relu(hidden_width) >> Dropout >> Linear(nO): one logit per relation label.

    ``nO`` (the number of labels) is set by the pipe's ``initialize`` when not given.
    """
    nI = create_instance_tensor.maybe_get_dim("nO")
    hidden = Relu(nO=hidden_width, nI=nI)
    output = Linear(nO=nO, nI=hidden_width)
    model = chain(create_instance_tensor, hidden, Dropout(dropout), output)
    model.attrs["get_instances"] = create_instance_tensor.attrs["get_instances"]
    model.set_ref("output_layer", output)
    model.set_ref("instance_tensor", create_instance_tensor)
    return model
