"""Doc extensions shared by the pipeline components (registered once, on import).

* ``doc._.kap_relations`` – dict ``(head_ent.start, child_ent.start) -> {label: score}``
  (token offsets of the two entities in ``doc.ents``; DESIGN.md's direction: attribute
  -> DRUG, THERAPY -> DRUG, SAMPLE_SIZE -> arm). Written by ``kap_relation_rules`` or by a
  trained ``kap_relation_extractor``.
* ``doc._.kap_context`` – optional dict set by the caller before the entity stage:
  ``{"drugs": [extra drug names to recognize], "abbreviations": {short: long}}`` (the
  abbreviations the document defines elsewhere, so a form defined once is recognized later).
"""

from __future__ import annotations

from spacy.tokens import Doc

if not Doc.has_extension("kap_relations"):
    Doc.set_extension("kap_relations", default={})
if not Doc.has_extension("kap_context"):
    Doc.set_extension("kap_context", default=None)
