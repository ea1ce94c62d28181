"""Export reviewed values: CSV, XLSX, JSON, RevMan- and Covidence-shaped CSV.

The unit is a :class:`Study` (one document) whose five fields each hold a
:class:`FieldResult`: the reviewed values with the decision that set them,
or the status ``unreviewed`` (with the suggestion when
``include_unreviewed``). :func:`studies_from_store` builds them from a review
store; :func:`studies_from_records` from plain records (unreviewed
suggestions), so batch output can use the same RevMan/Covidence shapes.

Formats
-------
``csv``        one row per study and field (``level=study``) plus per-arm rows
               (``level=arm``) where a field has several values or a value
               names its arm; every row carries provenance: document id,
               source, evidence sentence, offsets, section, page, bbox,
               reviewer, time, action and decision id.
``xlsx``       sheets ``studies`` (one row per study), ``values`` (the CSV
               rows) and ``decisions`` (the full audit log).
``json``       studies with values, decisions and notes, plus the audit log.
``revman``     RevMan's "Characteristics of included studies" columns: Study,
               Methods, Participants, Interventions, Outcomes, Notes.
``covidence``  a Covidence extraction-form shape: one row per study, one
               column per field, with status, evidence and location columns.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kapextract import __version__
from kapextract.errors import KapextractError
from kapextract.model import FIELDS, Record, Value
from kapextract.review.store import Decision, ReviewStore

FORMATS = ("csv", "xlsx", "json", "revman", "covidence")

VALUE_COLUMNS = [
    "document_id", "source", "title", "level", "arm", "field", "status", "value", "text", "attributes",
    "confidence", "evidence_sentence", "start", "end", "section", "page", "bbox", "reviewer", "decided_at",
    "action", "decision_id", "notes",
]

FIELD_TITLES = {
    "dose": "Ketamine dose",
    "route": "Route of administration",
    "frequency": "Ketamine sessions (frequency)",
    "therapy": "Psychotherapy",
    "sample_size": "Sample size",
}


class ExportError(KapextractError):
    """An export cannot be written."""


@dataclass
class FieldResult:
    """One field of a study as exported.

    ``status``: accepted, picked, edited, not reported, rejected, unreviewed,
    or ``suggested (unreviewed)`` for an included suggestion.
    """

    field: str
    status: str
    values: list[Value] = field(default_factory=list)
    decision: Decision | None = None
    notes: list[Decision] = field(default_factory=list)

    @property
    def reviewed(self) -> bool:
        return self.decision is not None


@dataclass
class Study:
    """One document's export: document info, the five fields, the latest run's model."""

    document: dict[str, Any]
    fields: dict[str, FieldResult]
    model: str = ""
    drug: str = "ketamine"

    @property
    def label(self) -> str:
        return str(self.document.get("title") or self.document.get("source") or self.document.get("id", "")[:12])


# --------------------------------------------------------------------------- building


def studies_from_store(store: ReviewStore, include_unreviewed: bool = False) -> list[Study]:
    """Every document of the store with its reviewed (and optionally suggested) values."""
    studies = []
    for progress in store.list_documents():
        doc = store.get_document(progress.id)
        if doc is None:  # pragma: no cover - listed a moment ago; documents are never deleted
            continue
        sets = store.suggestion_sets(doc.id)
        latest = sets[-1] if sets else None
        current = store.current_decisions(doc.id)
        log = store.decisions(doc.id)
        fields: dict[str, FieldResult] = {}
        for name in FIELDS:
            notes = [d for d in log if d.field == name and d.action == "note"]
            dec = current.get(name)
            if dec is not None:
                fields[name] = FieldResult(name, dec.status, list(dec.new_values or []), dec, notes)
            elif include_unreviewed and latest is not None and latest.record.fields.get(name):
                fields[name] = FieldResult(name, "suggested (unreviewed)", latest.record.fields[name][:1], None, notes)
            else:
                fields[name] = FieldResult(name, "unreviewed", [], None, notes)
        info = {**doc.info(), "kind": doc.kind, "license": doc.license}
        drug = str(latest.record.model.get("drug") or "ketamine") if latest else "ketamine"
        studies.append(Study(info, fields, latest.model_label if latest else "", drug))
    return studies


def studies_from_records(records: Iterable[Record]) -> list[Study]:
    """Studies from plain records: each field's suggestion, marked unreviewed."""
    out = []
    for r in records:
        fields = {
            name: FieldResult(name, "suggested (unreviewed)" if r.fields.get(name) else "no suggestion",
                              list(r.fields.get(name, [])[:1]))
            for name in FIELDS
        }
        model = f"{r.model.get('name', '')} {r.model.get('version', '')}".strip()
        out.append(Study(dict(r.document), fields, model, str(r.model.get("drug") or "ketamine")))
    return out


# --------------------------------------------------------------------------- rows


def _arm(v: Value) -> str | None:
    arm = v.attributes.get("arm")
    return str(arm) if arm not in (None, "") else None


def _fmt_value(v: Value) -> str:
    return str(v.value)


def _value_row(study: Study, fr: FieldResult, level: str, arm: str | None, values: Sequence[Value]) -> dict[str, Any]:
    first = values[0] if values else None
    ev = first.evidence if first else None
    dec = fr.decision
    return {
        "document_id": study.document.get("id"),
        "source": study.document.get("source"),
        "title": study.document.get("title"),
        "level": level,
        "arm": arm or "",
        "field": fr.field,
        "status": fr.status,
        "value": "; ".join(_fmt_value(v) for v in values),
        "text": first.text if first else "",
        "attributes": json.dumps(first.attributes, ensure_ascii=False, sort_keys=True) if first else "",
        "confidence": round(first.confidence, 4) if first else "",
        "evidence_sentence": ev.sentence if ev else "",
        "start": ev.start if ev else "",
        "end": ev.end if ev else "",
        "section": ev.section if ev else "",
        "page": ev.page if ev and ev.page is not None else "",
        "bbox": json.dumps(ev.bbox) if ev and ev.bbox else "",
        "reviewer": dec.reviewer if dec else "",
        "decided_at": dec.decided_at if dec else "",
        "action": dec.action if dec else "",
        "decision_id": dec.id if dec else "",
        "notes": " | ".join(f"{n.reviewer}: {n.reason}" for n in fr.notes),
    }


def value_rows(studies: Iterable[Study]) -> list[dict[str, Any]]:
    """Long rows: per study and field one ``study`` row, then ``arm`` rows.

    The study row shows the values that name no arm (all values when every
    value names one); arm rows list each value that names its arm, or — when
    no value does and there are several — each value numbered.
    """
    rows = []
    for s in studies:
        for name in FIELDS:
            fr = s.fields[name]
            vals = fr.values
            with_arm = [v for v in vals if _arm(v)]
            without = [v for v in vals if not _arm(v)]
            rows.append(_value_row(s, fr, "study", None, without or vals))
            if with_arm:
                arms = [(_arm(v), v) for v in with_arm]
            elif len(vals) > 1:
                arms = [(f"value {i}", v) for i, v in enumerate(vals, 1)]
            else:
                arms = []
            for arm, v in arms:
                rows.append(_value_row(s, fr, "arm", arm, [v]))
    return rows


def _where(v: Value) -> str:
    ev = v.evidence
    parts = [ev.section]
    if ev.page:
        parts.append(f"p. {ev.page}")
    parts.append(f"chars {ev.start}-{ev.end}")
    return ", ".join(parts)


def _field_text(fr: FieldResult) -> str:
    if fr.values:
        return "; ".join(
            f"{v.value} ({_arm(v)})" if _arm(v) else str(v.value) for v in fr.values
        )
    return {"not reported": "not reported", "rejected": "unclear (suggestion rejected)"}.get(fr.status, "")


def covidence_rows(studies: Iterable[Study]) -> list[dict[str, Any]]:
    """One row per study, one column per field plus status, evidence and location columns."""
    rows = []
    for s in studies:
        row: dict[str, Any] = {
            "Study ID": (s.document.get("id") or "")[:12],
            "Title": s.document.get("title") or "",
            "Source": s.document.get("source") or "",
            "DOI": s.document.get("doi") or "",
        }
        reviewers = set()
        last = ""
        for name in FIELDS:
            fr = s.fields[name]
            t = FIELD_TITLES[name]
            row[t] = _field_text(fr)
            row[f"{t} - status"] = fr.status
            row[f"{t} - evidence"] = " | ".join(v.evidence.sentence for v in fr.values)
            row[f"{t} - location"] = " | ".join(_where(v) for v in fr.values)
            if fr.decision:
                reviewers.add(fr.decision.reviewer)
                last = max(last, fr.decision.decided_at)
        row["Reviewer(s)"] = ", ".join(sorted(reviewers))
        row["Last decision (UTC)"] = last
        row["Extraction model"] = s.model
        rows.append(row)
    return rows


def revman_rows(studies: Iterable[Study]) -> list[dict[str, Any]]:
    """RevMan's characteristics-of-included-studies table, one row per study."""
    rows = []
    for s in studies:
        f = s.fields
        ss = f["sample_size"]
        if ss.values:
            parts = []
            for v in ss.values:
                scope = v.attributes.get("scope")
                label = f"N = {v.value}" if not _arm(v) else f"{_arm(v)}: n = {v.value}"
                parts.append(label + (f" ({scope})" if scope and scope != "arm" else ""))
            participants = "; ".join(parts)
        else:
            participants = _field_text(ss) or "Sample size not extracted"
        drug = s.drug.capitalize()
        interventions = [
            f"{drug} dose: {_field_text(f['dose']) or 'not extracted'}",
            f"route: {_field_text(f['route']) or 'not extracted'}",
            f"sessions: {_field_text(f['frequency']) or 'not extracted'}",
            f"combined psychotherapy: {_field_text(f['therapy']) or 'not extracted'}",
        ]
        unreviewed = [FIELD_TITLES[n] for n in FIELDS if not f[n].reviewed]
        reviewers = sorted({f[n].decision.reviewer for n in FIELDS if f[n].decision})
        notes = [f"Extracted with kapextract ({s.model or 'unknown model'})"]
        if reviewers:
            notes.append("reviewed by " + ", ".join(reviewers))
        if unreviewed:
            notes.append("not yet reviewed: " + ", ".join(unreviewed))
        for n in FIELDS:
            for note in f[n].notes:
                notes.append(f"{FIELD_TITLES[n]}: {note.reason}")
        rows.append({
            "Study": s.label,
            "Methods": f"Source: {s.document.get('source') or ''}" + (f"; DOI {s.document['doi']}" if s.document.get("doi") else ""),
            "Participants": participants,
            "Interventions": "; ".join(interventions),
            "Outcomes": "",
            "Notes": "; ".join(notes),
        })
    return rows


# --------------------------------------------------------------------------- writers


def _write_csv(path: Path, rows: list[dict[str, Any]], columns: Sequence[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns))
        w.writeheader()
        for r in rows:
            w.writerow(r)


def _json_doc(studies: list[Study], store: ReviewStore | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "kapextract": __version__,
        "database": getattr(store, "url", None),
        "studies": [],
    }
    for s in studies:
        out["studies"].append({
            "document": s.document,
            "model": s.model,
            "fields": {
                name: {
                    "status": fr.status,
                    "values": [v.to_dict() for v in fr.values],
                    "decision": fr.decision.to_dict() if fr.decision else None,
                    "notes": [n.to_dict() for n in fr.notes],
                }
                for name, fr in s.fields.items()
            },
        })
    if store is not None:
        out["decisions"] = [d.to_dict() for d in store.decisions()]
    return out


def _write_xlsx(path: Path, studies: list[Study], store: ReviewStore | None) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font

    wb = Workbook()
    sheets: list[tuple[str, list[str], list[dict[str, Any]]]] = []
    cov = covidence_rows(studies)
    sheets.append(("studies", list(cov[0].keys()) if cov else ["Study ID"], cov))
    sheets.append(("values", VALUE_COLUMNS, value_rows(studies)))
    if store is not None:
        log = [d.to_dict() for d in store.decisions()]
        cols = ["id", "document_id", "field", "action", "reviewer", "decided_at", "old_value", "new_value",
                "reason", "base_decision_id", "suggestion_set_id"]
        rows = [{**d, "old_value": json.dumps(d["old_value"], ensure_ascii=False) if d["old_value"] is not None else "",
                 "new_value": json.dumps(d["new_value"], ensure_ascii=False) if d["new_value"] is not None else ""}
                for d in log]
        sheets.append(("decisions", cols, rows))
    first = True
    for title, cols, rows in sheets:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        ws.append(cols)
        for c in ws[1]:
            c.font = Font(bold=True)
        for r in rows:
            ws.append([r.get(c, "") if r.get(c) is not None else "" for c in cols])
            for cell in ws[ws.max_row]:
                # text that starts with '=' is data here, never a formula
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = TYPE_STRING
        ws.freeze_panes = "A2"
    wb.save(path)


def write_studies(studies: list[Study], fmt: str, output: str | Path, store: ReviewStore | None = None) -> int:
    """Write ``studies`` as ``fmt`` to ``output``; returns the number of data rows written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (formats: {', '.join(FORMATS)})")
    path = Path(output)
    if path.parent and not path.parent.exists():
        raise ExportError(f"{path}: folder {path.parent} does not exist")
    try:
        if fmt == "csv":
            rows = value_rows(studies)
            _write_csv(path, rows, VALUE_COLUMNS)
            return len(rows)
        if fmt == "covidence":
            rows = covidence_rows(studies)
            cols = list(rows[0].keys()) if rows else ["Study ID", "Title", "Source"]
            _write_csv(path, rows, cols)
            return len(rows)
        if fmt == "revman":
            rows = revman_rows(studies)
            _write_csv(path, rows, ["Study", "Methods", "Participants", "Interventions", "Outcomes", "Notes"])
            return len(rows)
        if fmt == "json":
            path.write_text(json.dumps(_json_doc(studies, store), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            return len(studies)
        _write_xlsx(path, studies, store)
        return len(studies)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from None


def export_store(store: ReviewStore, fmt: str, output: str | Path, include_unreviewed: bool = False) -> tuple[int, int]:
    """Export a store; returns ``(studies, rows written)``."""
    studies = studies_from_store(store, include_unreviewed)
    n = write_studies(studies, fmt, output, store)
    return len(studies), n
