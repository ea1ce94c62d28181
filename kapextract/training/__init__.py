"""Training: the trainable relation component (``rel_model``, ``rel_pipe``) and ``kapextract train``.

State (mltools, first cut; a training engineer may take this over): the relation
component and ``kapextract train`` for spaCy configs work end to end
(``models/configs/kap_core.cfg``: tok2vec + ner + kap_relations, 2000 steps,
about 6 MB). ``kapextract evaluate`` and the transformers variant are not
written yet, and no trained model is shipped in ``models/``: the first model
trained on the 664-passage corpus scored below the rules at field level (see
the mltools report), so it needs tuning before it becomes the default.
"""
