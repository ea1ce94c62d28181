"""Registers every trainable component and helper of kapextract with spaCy (import for effect).

``kap_relation_extractor`` and ``kap.score_relations.v1`` (rel_pipe.py),
``kap.relation_model.v1`` / ``kap.relation_instance_tensor.v1`` / ``kap.relation_instances.v1``
(rel_model.py), ``kap.annotations_corpus.v1`` (corpus.py), ``kap_minilm_ner``
(minilm_component.py), and ``kap.RuleAwareEmbed.v1`` and ``kap.rule_tags.v1`` (rule_features.py).
"""

from kapextract.training import corpus, minilm_component, rel_model, rel_pipe, rule_features  # noqa: F401
