"""Importing this registers everything a saved pipeline with the trained relation
component needs: the thinc architectures (:mod:`kapextract.training.rel_model`)
and the ``kap_relation_extractor`` factory (:mod:`kapextract.training.rel_pipe`).
``kapextract.nlp.load_trained`` imports it before ``spacy.load``.
"""

import kapextract.training.rel_model  # noqa: F401
import kapextract.training.rel_pipe  # noqa: F401
