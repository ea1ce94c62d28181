"""The thinc model of the trainable relation component, kept apart from the pipe.

Requires: Docs with ``doc.ents`` and a tok2vec layer (usually a
``spacy.Tok2VecListener.v1`` sharing the pipeline's ``tok2vec``). Produces one
row of scores per candidate pair, one column per relation label.

Registered functions (all versioned, all usable from a ``.cfg``):

* ``kap.relation_candidates.v1`` (misc): the candidate pairs of a Doc, every
  ``(head, child)`` entity pair whose labels some relation allows (DOSE->DRUG,
  THERAPY->DRUG, SAMPLE_SIZE->DRUG|THERAPY ..., from the annotation schema)
  and whose starts are at most ``max_length`` tokens apart;
* ``kap.pair_tensor.v1`` (architectures): for each candidate pair, the mean
  token vector of the head, of the child and of the tokens between them,
  concatenated (``3 * width`` columns; the "between" part is zeros when the
  entities touch), followed by :data:`N_PAIR_FEATURES` fixed features of the
  pair's geometry (:func:`pair_features`: bucketed token distance by direction,
  how many other entities of the child's label lie between, whether a clause
  break ``;`` or ``.`` lies between). Pooling is a dense matrix product per
  Doc, so the backward pass is its transpose;
* ``kap.relation_classifier.v1`` (architectures): ReLU hidden layer, then one
  logistic output per label;
* ``kap.relation_model.v1`` (architectures): pair tensor -> classifier. The
  candidate generator is exposed as ``model.attrs["get_candidates"]`` so the
  pipe writes its scores back to the same pairs.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Linear, Logistic, Model, Relu, chain
from thinc.types import Floats2d

from kapextract.annotations.schema import load_schema

Candidates = Callable[[Doc], list[tuple[Span, Span]]]


@registry.misc("kap.relation_candidates.v1")
def make_candidates(max_length: int = 60) -> Candidates:
    """Typed candidate pairs: head/child labels legal for some relation, starts <= max_length tokens apart."""
    schema = load_schema()
    allowed: dict[str, set[str]] = {}
    for heads, childs in schema.relations.values():
        for h in heads:
            allowed.setdefault(h, set()).update(childs)

    def get_candidates(doc: Doc) -> list[tuple[Span, Span]]:
        ents = list(doc.ents)
        pairs = []
        for head in ents:
            kids = allowed.get(head.label_)
            if not kids:
                continue
            for child in ents:
                if child is not head and child.label_ in kids and abs(head.start - child.start) <= max_length:
                    pairs.append((head, child))
        return pairs

    return get_candidates


#: Upper bounds of the token-distance buckets (the last bucket is open).
DISTANCE_BUCKETS: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 15)
N_PAIR_FEATURES = 2 * (len(DISTANCE_BUCKETS) + 1) + 3 + 1
_BREAKS = {";", "."}


def pair_features(doc: Doc, head: Span, child: Span) -> list[float]:
    """Fixed features of a pair: distance bucket x direction, rivals between, clause break between."""
    first, second = (head, child) if head.start < child.start else (child, head)
    gap = max(0, second.start - first.end)
    bucket = next((i for i, b in enumerate(DISTANCE_BUCKETS) if gap <= b), len(DISTANCE_BUCKETS))
    feats = [0.0] * N_PAIR_FEATURES
    feats[bucket + (0 if head.start < child.start else len(DISTANCE_BUCKETS) + 1)] = 1.0
    rivals = sum(1 for e in doc.ents if e.label_ == child.label_ and first.end <= e.start and e.end <= second.start)
    feats[2 * (len(DISTANCE_BUCKETS) + 1) + min(rivals, 2)] = 1.0
    if any(t.text in _BREAKS for t in doc[first.end:second.start]):
        feats[-1] = 1.0
    return feats


@registry.architectures("kap.pair_tensor.v1")
def make_pair_tensor(tok2vec: Model[list[Doc], list[Floats2d]], get_candidates: Candidates) -> Model[list[Doc], Floats2d]:
    """Head, child and between-span mean vectors of every candidate pair, plus the pair features."""
    return Model(
        "kap_pair_tensor",
        _pair_forward,
        layers=[tok2vec],
        refs={"tok2vec": tok2vec},
        attrs={"get_candidates": get_candidates},
        init=_pair_init,
    )


def _pair_init(model: Model, X: list[Doc] | None = None, Y: Floats2d | None = None) -> Model:
    tok2vec = model.get_ref("tok2vec")
    if X is not None:
        tok2vec.initialize(X)
    else:
        tok2vec.initialize()
    return model


def _pooling_matrix(model: Model, pairs: list[tuple[Span, Span]], n_tokens: int) -> Floats2d:
    """Rows 3k, 3k+1, 3k+2 average the head, the child and the tokens between pair k."""
    pool = model.ops.alloc2f(3 * len(pairs), max(n_tokens, 1))
    for k, (head, child) in enumerate(pairs):
        pool[3 * k, head.start:head.end] = 1.0 / len(head)
        pool[3 * k + 1, child.start:child.end] = 1.0 / len(child)
        first, second = (head, child) if head.start < child.start else (child, head)
        if second.start > first.end:
            pool[3 * k + 2, first.end:second.start] = 1.0 / (second.start - first.end)
    return pool


def _pair_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[Floats2d, Callable]:
    tok2vec = model.get_ref("tok2vec")
    get_candidates = model.attrs["get_candidates"]
    tokvecs, backprop_tok2vec = tok2vec(docs, is_train)
    width = tokvecs[0].shape[1] if tokvecs else tok2vec.get_dim("nO")
    pools, parts = [], []
    for doc, vecs in zip(docs, tokvecs, strict=True):
        pairs = get_candidates(doc)
        pool = _pooling_matrix(model, pairs, len(doc))
        pools.append(pool)
        if pairs:
            pooled = model.ops.reshape2f(model.ops.gemm(pool, vecs), -1, 3 * width)
            feats = model.ops.asarray2f([pair_features(doc, h, c) for h, c in pairs])
            parts.append(model.ops.xp.hstack([pooled, feats]))
    out = model.ops.xp.vstack(parts) if parts else model.ops.alloc2f(0, 3 * width + N_PAIR_FEATURES)

    def backprop(d_out: Floats2d) -> list[Doc]:
        d_tokvecs = []
        row = 0
        for pool, vecs in zip(pools, tokvecs, strict=True):
            n = pool.shape[0] // 3
            if n:
                d_pooled = model.ops.reshape2f(model.ops.xp.ascontiguousarray(d_out[row:row + n, : 3 * width]), 3 * n, width)
                d_tokvecs.append(model.ops.gemm(pool, d_pooled, trans1=True)[: vecs.shape[0]])
            else:
                d_tokvecs.append(model.ops.alloc2f(*vecs.shape))
            row += n
        return backprop_tok2vec(d_tokvecs)

    return out, backprop


@registry.architectures("kap.relation_classifier.v1")
def make_classifier(hidden_width: int = 64, dropout: float = 0.1, nO: int | None = None) -> Model[Floats2d, Floats2d]:
    """ReLU hidden layer and one logistic output per relation label (multi-label)."""
    return chain(Relu(nO=hidden_width, dropout=dropout), Linear(nO=nO), Logistic())


@registry.architectures("kap.relation_model.v1")
def make_relation_model(
    create_pair_tensor: Model[list[Doc], Floats2d],
    classification_layer: Model[Floats2d, Floats2d],
) -> Model[list[Doc], Floats2d]:
    """Candidate pairs of each Doc -> label scores (rows in candidate order, Doc by Doc)."""
    model = chain(create_pair_tensor, classification_layer)
    model.attrs["get_candidates"] = create_pair_tensor.attrs["get_candidates"]
    model.set_ref("pair_tensor", create_pair_tensor)
    model.set_ref("classifier", classification_layer)
    return model
