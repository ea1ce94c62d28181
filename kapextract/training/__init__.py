"""Training and evaluation of kapextract's models (issue 4; docs/training.md).

Import :mod:`kapextract.training.components` to register what a spaCy config or a saved
pipeline names (``kap_relation_extractor``, ``kap.relation_model.v1`` and its helpers,
``kap.annotations_corpus.v1``, ``kap.score_relations.v1``, ``kap_minilm_ner``). The package
itself imports nothing heavy, so :mod:`kapextract.training.transformer_ner` runs where
spaCy is not installed (a bare GPU machine).
"""
