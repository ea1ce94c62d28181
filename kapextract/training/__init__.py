"""Training: the trainable relation component (``rel_model``, ``rel_pipe``) and ``kapextract train``.

State (mltools, first cut; a training engineer may take this over): the relation
component and ``kapextract train`` for spaCy configs work end to end
(``models/configs/kap_core.cfg``); ``kapextract evaluate`` and the transformers
variant are not written yet, and no trained model is shipped in ``models/``.
"""
