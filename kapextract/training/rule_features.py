"""Rule entities as input features of a trained NER (stacking): the thinc layers.

The rule NER (``kap_entity_rules`` with ``spans_key``) writes its entities to a span group;
these layers turn that group into one embedding row per token, beside the usual hash
embeddings, so that the trained ``ner`` learns where to follow the rules and where to depart
from them (a boundary convention, a pattern that fires in the wrong place, a span the rules
never find). Registered (versioned names, used from models/configs/kap_stack.cfg):

* ``kap.rule_tags.v1`` (``layers``) – docs -> one ``(n_tokens, 1)`` int array per doc: the
  token's BILUO tag and label within the rule spans of ``doc.spans[spans_key]`` (0 = outside
  every span). Not trainable.
* ``kap.RuleAwareEmbed.v1`` (``architectures``) – spaCy's ``MultiHashEmbed.v2`` (NORM,
  SHAPE ...) side by side with an ``Embed`` of the rule tags; a drop-in ``embed`` for
  ``spacy.Tok2Vec.v2``. A small hash table (few rows) keeps the model from learning the
  training passages' words instead of the rules' tags.

Requires the span group to be set before the tok2vec runs, at run time and in training
(``[training] annotating_components`` lists the rule component).
"""

from __future__ import annotations

import numpy
import spacy
from spacy.tokens import Doc
from thinc.api import Embed, Model, chain, concatenate, with_array
from thinc.types import Floats2d, Ints2d

from kapextract.model import ENTITY_LABELS

_BILU = ("B", "I", "L", "U")
#: tag ids: 0 = outside; then B/I/L/U of each entity label
N_RULE_TAGS = 1 + len(_BILU) * len(ENTITY_LABELS)
_LABEL_INDEX = {lab: i for i, lab in enumerate(ENTITY_LABELS)}


def rule_tag_ids(doc: Doc, spans_key: str) -> numpy.ndarray:
    """The BILUO tag id of every token of ``doc`` within the spans of ``doc.spans[spans_key]``."""
    ids = numpy.zeros((len(doc), 1), dtype="int32")
    for sp in doc.spans.get(spans_key, []):
        lab = _LABEL_INDEX.get(sp.label_)
        if lab is None or len(sp) == 0:
            continue
        base = 1 + len(_BILU) * lab
        if len(sp) == 1:
            ids[sp.start, 0] = base + 3
            continue
        ids[sp.start, 0] = base
        ids[sp.start + 1 : sp.end - 1, 0] = base + 1
        ids[sp.end - 1, 0] = base + 2
    return ids


@spacy.registry.layers("kap.rule_tags.v1")
def rule_tags(spans_key: str) -> Model[list[Doc], list[Ints2d]]:
    """Docs -> the rule tag ids of their tokens (see the module docstring)."""
    return Model("kap_rule_tags", _rule_tags_forward, attrs={"spans_key": spans_key})


def _rule_tags_forward(model: Model, docs: list[Doc], is_train: bool):
    key = model.attrs["spans_key"]
    out = [model.ops.asarray2i(rule_tag_ids(doc, key)) for doc in docs]
    return out, lambda d_out: []


@spacy.registry.architectures("kap.RuleAwareEmbed.v1")
def rule_aware_embed(width: int, attrs: list[str], rows: list[int], include_static_vectors: bool,
                     spans_key: str = "kap_rules", tag_width: int = 48) -> Model[list[Doc], list[Floats2d]]:
    """Hash embeddings of ``attrs`` (``width - tag_width`` wide) beside an embedding of the
    rule tags (``tag_width``): ``width`` in all. No mixing layer, so the tags reach the
    encoder as they are."""
    if not 0 < tag_width < width:
        raise ValueError(f"kap.RuleAwareEmbed.v1: tag_width {tag_width} must lie between 0 and width {width}")
    multi_hash = spacy.registry.architectures.get("spacy.MultiHashEmbed.v2")
    base = multi_hash(width=width - tag_width, attrs=attrs, rows=rows, include_static_vectors=include_static_vectors)
    tags = chain(rule_tags(spans_key), with_array(Embed(nO=tag_width, nV=N_RULE_TAGS, column=0)))
    model = concatenate(base, tags)
    model.name = "kap_rule_aware_embed"
    return model
