"""Field-level evaluation of records against gold records (annotations/gold/CONVENTIONS.md).

Definitions (per field, over the evaluated articles):

* **match** – a predicted value matches a gold value when: dose – ``amount``,
  ``amount_max`` and ``unit`` are equal (numbers within 1e-6); route – ``value``; frequency –
  ``sessions`` and ``interval``; therapy – ``value``; sample_size – the integer ``value``.
* **top-1 accuracy** – the share of articles where the gold list is empty and the
  prediction is empty, or both are non-empty and the first predicted value matches the
  first gold value.
* **recall** – matched gold values / gold values, with gold values counted once per
  distinct match key (several arms of the same size count once, as the conventions say).
* **spurious** – distinct predicted values (by match key) that match no gold value; also
  given as a share of all distinct predicted values.

``evaluate_folder`` extracts each gold record's document with the record's ``drug`` and
returns per-field totals and per-article errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kapextract.model import FIELDS


def _num(x: Any) -> float | None:
    try:
        return None if x is None else round(float(x), 6)
    except (TypeError, ValueError):
        return None


def match_key(field: str, value: dict[str, Any]) -> tuple:
    """The comparison key of a (gold or predicted) value dict."""
    a = value.get("attributes") or {}
    if field == "dose":
        return (_num(a.get("amount")), _num(a.get("amount_max")), a.get("unit"))
    if field == "frequency":
        s = a.get("sessions")
        return (int(s) if isinstance(s, (int, float)) else None, a.get("interval"))
    if field == "sample_size":
        v = value.get("value")
        try:
            return (int(v),)
        except (TypeError, ValueError):
            return (v,)
    return (value.get("value"),)


def compare(field: str, gold: list[dict], pred: list[dict]) -> dict[str, Any]:
    """Top-1, recall and spurious counts of one field of one article."""
    gkeys = list(dict.fromkeys(match_key(field, g) for g in gold))
    pkeys = list(dict.fromkeys(match_key(field, p) for p in pred))
    if not gold:
        top1 = not pred
    else:
        top1 = bool(pred) and match_key(field, pred[0]) == match_key(field, gold[0])
    found = [k for k in gkeys if k in pkeys]
    spurious = [k for k in pkeys if k not in gkeys]
    missed = [k for k in gkeys if k not in pkeys]
    return {"top1": top1, "gold": len(gkeys), "found": len(found), "predicted": len(pkeys),
            "spurious": spurious, "missed": missed}


def evaluate_records(pairs: list[tuple[str, dict, dict]]) -> dict[str, Any]:
    """``pairs`` = (article id, gold record, predicted record dict) -> report dict."""
    fields = {f: {"articles": 0, "top1": 0, "gold": 0, "found": 0, "predicted": 0, "spurious": 0} for f in FIELDS}
    articles = []
    for aid, gold, pred in pairs:
        entry = {"id": aid, "fields": {}}
        for f in FIELDS:
            g = gold["fields"].get(f) or []
            p = (pred.get("fields") or {}).get(f) or []
            c = compare(f, g, p)
            t = fields[f]
            t["articles"] += 1
            t["top1"] += int(c["top1"])
            t["gold"] += c["gold"]
            t["found"] += c["found"]
            t["predicted"] += c["predicted"]
            t["spurious"] += len(c["spurious"])
            entry["fields"][f] = {
                "top1": c["top1"],
                "gold_first": g[0]["value"] if g else None,
                "pred_first": p[0]["value"] if p else None,
                "missed": [list(k) for k in c["missed"]],
                "spurious": [list(k) for k in c["spurious"]],
            }
        articles.append(entry)
    for t in fields.values():
        n = t["articles"] or 1
        t["top1_accuracy"] = round(t["top1"] / n, 4)
        t["recall"] = round(t["found"] / t["gold"], 4) if t["gold"] else None
        t["spurious_rate"] = round(t["spurious"] / t["predicted"], 4) if t["predicted"] else 0.0
    return {"fields": fields, "articles": articles}


def document_named(doc_dir: Path, stem: str) -> Path | None:
    """The first file of ``doc_dir`` named ``<stem>.<ext>`` ("PMC4969982.nxml"), or None."""
    return next((c for c in sorted(doc_dir.glob(stem + ".*")) if c.is_file()), None)


def find_document(doc_dir: Path, gold: dict, gold_path: Path) -> Path | None:
    src = (gold.get("document") or {}).get("source")
    if src and (doc_dir / src).is_file():
        return doc_dir / src
    return document_named(doc_dir, gold_path.stem)


def evaluate_folder(doc_dir: str | Path, gold_dir: str | Path, model: str | None = None) -> dict[str, Any]:
    """Extract every gold record's document and compare (see the module docstring)."""
    from kapextract.errors import KapextractError
    from kapextract.extraction import extract

    doc_dir, gold_dir = Path(doc_dir), Path(gold_dir)
    pairs = []
    errors = []
    for gp in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gp.read_text("utf-8"))
        if "fields" not in gold or "drug" not in gold:
            continue  # not a gold record (e.g. vocabulary.json)
        path = find_document(doc_dir, gold, gp)
        if path is None:
            errors.append(f"{gp.name}: document not found in {doc_dir}")
            continue
        try:
            rec = extract(path, drug=gold["drug"], model=model).to_dict()
        except KapextractError as exc:
            errors.append(str(exc))
            rec = {"fields": {f: [] for f in FIELDS}}
        pairs.append((gp.stem, gold, rec))
    report = evaluate_records(pairs)
    report["errors"] = errors
    return report
