"""The label schema of the annotation format, loaded from a data file.

``resources/annotation_schema.json`` lists the entity labels, each relation
label with the entity labels its head and child may carry, and the ``meta``
keys every passage needs. :class:`AnnotationSchema` loads it and checks that it
agrees with :data:`kapextract.model.ENTITY_LABELS` and
:data:`kapextract.model.RELATION_LABELS`, so the data file and the data model
cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from kapextract.model import ENTITY_LABELS, RELATION_LABELS, SECTION_LABELS


@dataclass(frozen=True)
class AnnotationSchema:
    """Entity labels, legal relation signatures and required meta keys.

    ``relations`` maps a relation label to ``(head_labels, child_labels)``.
    """

    entities: tuple[str, ...]
    relations: dict[str, tuple[frozenset[str], frozenset[str]]]
    required_meta: tuple[str, ...]
    sections: tuple[str, ...] = SECTION_LABELS

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnnotationSchema:
        """Build and check a schema; raises ValueError naming the first inconsistency."""
        entities = tuple(data.get("entities") or ())
        if set(entities) != set(ENTITY_LABELS) or len(entities) != len(ENTITY_LABELS):
            raise ValueError(f"annotation schema: entities {entities} differ from the data model's {ENTITY_LABELS}")
        rels_in = data.get("relations") or {}
        if set(rels_in) != set(RELATION_LABELS):
            raise ValueError(f"annotation schema: relations {sorted(rels_in)} differ from the data model's {list(RELATION_LABELS)}")
        relations: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        for label in RELATION_LABELS:
            sig = rels_in[label]
            head, child = frozenset(sig.get("head") or ()), frozenset(sig.get("child") or ())
            unknown = (head | child) - set(entities)
            if not head or not child or unknown:
                raise ValueError(f"annotation schema: relation {label} needs head and child labels from the entity list")
            relations[label] = (head, child)
        required = tuple(data.get("required_meta") or ())
        if not required:
            raise ValueError("annotation schema: required_meta is empty")
        return cls(entities=entities, relations=relations, required_meta=required)

    def legal_relation(self, label: str, head_label: str, child_label: str) -> bool:
        """True when ``label`` may link a ``head_label`` span to a ``child_label`` span."""
        sig = self.relations.get(label)
        return sig is not None and head_label in sig[0] and child_label in sig[1]

    def describe(self, label: str) -> str:
        """``"DOSE->DRUG"`` style signature of a relation label."""
        head, child = self.relations[label]
        return f"{'|'.join(sorted(head))}->{'|'.join(sorted(child))}"


@lru_cache(maxsize=1)
def load_schema() -> AnnotationSchema:
    """The project's schema, read from ``resources/annotation_schema.json`` once."""
    text = resources.files("kapextract.resources").joinpath("annotation_schema.json").read_text("utf-8")
    return AnnotationSchema.from_dict(json.loads(text))
