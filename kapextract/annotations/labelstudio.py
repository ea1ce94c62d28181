"""Label Studio JSON export/import (a list of tasks).

Requires: nothing beyond the standard library. Each passage is one task::

    {"data": {"text": ..., "id": ..., "meta": {...}},
     "annotations": [{"result": [
        {"id": "s0", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 146, "end": 154, "text": "20 mg/kg", "labels": ["DOSE"]}},
        {"type": "relation", "from_id": "s0", "to_id": "s1", "direction": "right",
         "labels": ["DOSE_OF"]}]}]}

``from_id`` is the relation's head. Export can write the results as
``predictions`` instead (for pre-annotation: annotators then correct them)
and writes the matching labelling config as ``<output>.config.xml``.
Import takes a task's first non-cancelled annotation, else its first
prediction; relations with ``direction: "left"`` are turned round, unlabelled
or bidirectional ones are reported and skipped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from kapextract.annotations.converters import Conversion
from kapextract.annotations.examples import make_example, trim_span
from kapextract.annotations.schema import load_schema
from kapextract.errors import AnnotationError

FROM_NAME, TO_NAME = "label", "text"


def labeling_config() -> str:
    """The Label Studio labelling config (XML) for the project's labels and relations."""
    schema = load_schema()
    labels = "\n".join(f"    <Label value={quoteattr(lab)}/>" for lab in schema.entities)
    rels = "\n".join(f"    <Relation value={quoteattr(lab)}/>" for lab in schema.relations)
    return (
        "<View>\n"
        f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n{labels}\n  </Labels>\n'
        f'  <Relations>\n{rels}\n  </Relations>\n'
        f'  <Text name="{TO_NAME}" value="$text" granularity="symbol"/>\n'
        "</View>\n"
    )


def to_task(ex: dict[str, Any], as_predictions: bool = False) -> dict[str, Any]:
    """One passage as a Label Studio task."""
    text = ex["text"]
    result: list[dict[str, Any]] = [
        {
            "id": f"s{i}",
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {"start": s["start"], "end": s["end"], "text": text[s["start"]:s["end"]], "labels": [s["label"]]},
        }
        for i, s in enumerate(ex["spans"])
    ]
    result += [
        {"type": "relation", "from_id": f"s{r['head']}", "to_id": f"s{r['child']}", "direction": "right", "labels": [r["label"]]}
        for r in ex.get("relations", [])
    ]
    task: dict[str, Any] = {"data": {"text": text, "id": ex["id"], "meta": ex.get("meta") or {}}}
    if as_predictions:
        task["predictions"] = [{"model_version": "kapextract", "result": result}]
    else:
        task["annotations"] = [{"result": result}]
    return task


def export_labelstudio(examples: list[dict[str, Any]], output: str | os.PathLike[str], as_predictions: bool = False) -> Conversion:
    """Write the task list to ``output`` (JSON) and the config beside it."""
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps([to_task(ex, as_predictions) for ex in examples], ensure_ascii=False, indent=1), encoding="utf-8")
    conf = out.with_name(out.name + ".config.xml")
    conf.write_text(labeling_config(), encoding="utf-8")
    return Conversion(count=len(examples), notes=[f"labelling config written to {conf}"])


def from_task(task: dict[str, Any], k: int, notes: list[str]) -> dict[str, Any]:
    """One task as a passage; problems go to ``notes``."""
    data = task.get("data") or {}
    text = data.get("text")
    if not isinstance(text, str):
        raise AnnotationError(f"task {k}: data.text missing")
    pid = str(data.get("id") or task.get("id") or f"task{k}")
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {
        key: data[key] for key in ("source", "license", "section", "title", "set") if key in data
    }
    done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    chosen = done[0] if done else (task.get("predictions") or [None])[0]
    results = (chosen or {}).get("result") or []
    spans: list[dict[str, Any]] = []
    ids: dict[str, int] = {}
    for res in results:
        if res.get("type") != "labels":
            continue
        val = res.get("value") or {}
        labels = val.get("labels") or []
        if len(labels) != 1:
            notes.append(f"{pid}: region {res.get('id')} has {len(labels)} labels; skipped")
            continue
        a, b = trim_span(text, int(val["start"]), int(val["end"]))
        if (a, b) != (val["start"], val["end"]):
            notes.append(f"{pid}: whitespace trimmed from region {res.get('id')}")
        if res.get("id") is not None:
            ids[str(res["id"])] = len(spans)
        spans.append({"start": a, "end": b, "label": labels[0]})
    relations = []
    for res in results:
        if res.get("type") != "relation":
            continue
        head, child = ids.get(str(res.get("from_id"))), ids.get(str(res.get("to_id")))
        labels = res.get("labels") or []
        direction = res.get("direction", "right")
        if head is None or child is None or not labels or direction == "bi":
            why = "bidirectional" if direction == "bi" else ("unlabelled" if not labels else "refers to a missing region")
            notes.append(f"{pid}: relation {res.get('from_id')}->{res.get('to_id')} is {why}; skipped")
            continue
        if direction == "left":
            head, child = child, head
        relations.extend({"head": head, "child": child, "label": lab} for lab in labels)
    return make_example(pid, text, meta, spans, relations)


def import_labelstudio(source: str | os.PathLike[str]) -> Conversion:
    """Read a Label Studio JSON export (a list of tasks, or one task)."""
    src = Path(source)
    try:
        tasks = json.loads(src.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError(f"{src}: cannot read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise AnnotationError(f"{src}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise AnnotationError(f"{src}: expected a list of Label Studio tasks")
    conv = Conversion()
    for k, task in enumerate(tasks):
        if not isinstance(task, dict):
            raise AnnotationError(f"{src}: task {k} is not an object")
        conv.examples.append(from_task(task, k, conv.notes))
    conv.count = len(conv.examples)
    return conv
