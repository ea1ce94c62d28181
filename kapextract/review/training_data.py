"""Reviewed values -> annotation passages (``kapextract annotations from-review``).

Each value a reviewer accepted, picked or edited (the field's current
decision) becomes a span in DESIGN.md's annotation JSONL: the passage text is
the evidence sentence, the span sits at the evidence offsets shifted into the
sentence, and the label comes from the field (dose -> DOSE, route -> ROUTE,
frequency -> FREQUENCY, therapy -> THERAPY, sample_size -> SAMPLE_SIZE).
Spans of several fields in one sentence share one passage.

A value is skipped (and counted by reason) when the document text is not in
the store, when the sentence is not found at its offsets, when the text at
the shifted offsets differs from the value's text as written, or when the
span overlaps one already in the passage. Passages carry
``meta.partial = true``: only reviewed fields are labelled, so unlabelled
tokens are unknown, not negatives (no DRUG spans or relations are made).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kapextract.errors import KapextractError
from kapextract.model import FIELDS
from kapextract.review.evidence import locate_sentence
from kapextract.review.store import VALUE_ACTIONS, ReviewStore, open_store

LABELS = {
    "dose": "DOSE",
    "route": "ROUTE",
    "frequency": "FREQUENCY",
    "therapy": "THERAPY",
    "sample_size": "SAMPLE_SIZE",
}


@dataclass
class FromReviewResult:
    """The passages written and what was skipped, by reason."""

    passages: list[dict[str, Any]]
    spans: int = 0
    skipped: Counter = field(default_factory=Counter)

    def line(self) -> str:
        skipped = sum(self.skipped.values())
        why = ", ".join(f"{n} {reason}" for reason, n in self.skipped.most_common())
        return (f"wrote {len(self.passages)} passage(s) with {self.spans} span(s) from reviewed values; "
                f"skipped {skipped}" + (f" ({why})" if why else ""))


def passages_from_review(store: ReviewStore) -> FromReviewResult:
    """Annotation passages from every current accept/pick/edit decision in ``store``."""
    result = FromReviewResult([])
    for progress in store.list_documents():
        doc = store.get_document(progress.id)
        if doc is None:  # pragma: no cover - documents are never deleted
            continue
        current = store.current_decisions(doc.id)
        by_sentence: dict[int, dict[str, Any]] = {}
        for name in FIELDS:
            dec = current.get(name)
            if dec is None or dec.action not in VALUE_ACTIONS:
                continue
            for v in dec.new_values or []:
                ev = v.evidence
                if not doc.text:
                    result.skipped["without document text"] += 1
                    continue
                s0 = locate_sentence(doc.text, ev)
                if s0 is None:
                    result.skipped["sentence not at its offsets"] += 1
                    continue
                a, b = ev.start - s0, ev.end - s0
                if ev.sentence[a:b] != v.text or not v.text:
                    result.skipped["span text differs from the value as written"] += 1
                    continue
                passage = by_sentence.get(s0)
                if passage is None:
                    passage = {
                        "id": f"review-{doc.id[:12]}-{s0}",
                        "text": ev.sentence,
                        "meta": {
                            "source": doc.source,
                            "document_id": doc.id,
                            "license": doc.license or "unknown",
                            "section": ev.section,
                            "sentence_start": s0,
                            "review_decisions": [],
                            "reviewers": [],
                            "partial": True,
                        },
                        "spans": [],
                        "relations": [],
                    }
                    by_sentence[s0] = passage
                spans = passage["spans"]
                if any(sp["start"] < b and a < sp["end"] for sp in spans):
                    same = any(sp["start"] == a and sp["end"] == b and sp["label"] == LABELS[name] for sp in spans)
                    result.skipped["duplicate span" if same else "overlapping span"] += 1
                    continue
                spans.append({"start": a, "end": b, "label": LABELS[name]})
                meta = passage["meta"]
                if dec.id not in meta["review_decisions"]:
                    meta["review_decisions"].append(dec.id)
                if dec.reviewer not in meta["reviewers"]:
                    meta["reviewers"].append(dec.reviewer)
                result.spans += 1
        for s0 in sorted(by_sentence):
            p = by_sentence[s0]
            p["spans"].sort(key=lambda sp: (sp["start"], sp["end"]))
            result.passages.append(p)
    return result


def write_jsonl(passages: list[dict[str, Any]], output: str | Path) -> None:
    path = Path(output)
    try:
        with path.open("w", encoding="utf-8") as fh:
            for p in passages:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise KapextractError(f"{path}: cannot write ({exc.strerror})") from None


def run_from_review(args: argparse.Namespace) -> int:
    """``kapextract annotations from-review --db DB -o out.jsonl``."""
    with open_store(args.db, create=False) as store:
        result = passages_from_review(store)
    write_jsonl(result.passages, args.output)
    print(f"{result.line()} -> {args.output}")
    return 0
