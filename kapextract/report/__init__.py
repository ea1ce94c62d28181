"""``kapextract report out.jsonl -o report.html``: a self-contained HTML report of a batch.

The report has a table of studies with their five suggested values, each
linked to its evidence (the sentence with the value marked, its section,
character offsets and page); the evidence of every candidate value; the
documents that failed; and five charts drawn with matplotlib and inlined as
SVG: route frequency, dose distribution by route, number of ketamine
sessions, therapy types and sample sizes. Each chart counts a study once, by
its suggested (first) value. The HTML needs no network and no other file.

Requires: a JSONL of records and/or error records (``kapextract batch``
output or its journal); unreadable lines are skipped and counted. Sets:
nothing global (charts are drawn on ``matplotlib.figure.Figure`` objects,
never through pyplot state).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kapextract import __version__
from kapextract.errors import KapextractError, read_bytes
from kapextract.model import FIELDS, Record

TEMPLATES = Path(__file__).resolve().parent / "templates"

FIELD_TITLES = {
    "dose": "Dose",
    "route": "Route",
    "frequency": "Sessions",
    "therapy": "Therapy",
    "sample_size": "N",
}

NOT_STATED = "not stated"


class ReportError(KapextractError):
    """The report cannot be read or written."""


# --------------------------------------------------------------------------- input


@dataclass
class Results:
    """What a results file holds: records (as dicts), error records, skipped lines."""

    records: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_results(path: str | os.PathLike[str]) -> Results:
    """Read a JSONL of records and error records; the latest line per document id wins."""
    p = Path(path)
    data = read_bytes(p, ReportError, "JSONL file")
    latest: dict[str, tuple[str, dict[str, Any]]] = {}
    skipped = []
    for lineno, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
            doc_id = obj["document"]["id"]
        except (ValueError, KeyError, TypeError):
            skipped.append(f"line {lineno}: not a JSON record")
            continue
        if "error" in obj and "fields" not in obj:
            latest[doc_id] = ("error", obj)
            continue
        try:
            rec = Record.from_dict(obj).to_dict()
        except ValueError as exc:
            skipped.append(f"line {lineno}: {exc}")
            continue
        latest[doc_id] = ("record", rec)
    res = Results(skipped=skipped)
    for kind, obj in latest.values():
        (res.errors if kind == "error" else res.records).append(obj)
    if not res.records and not res.errors:
        raise ReportError(f"{p}: no records in it" + (f" ({len(skipped)} unreadable lines)" if skipped else ""))
    return res


# --------------------------------------------------------------------------- data for the charts and the table


def _top(rec: dict[str, Any], name: str) -> dict[str, Any] | None:
    values = rec["fields"].get(name) or []
    return values[0] if values else None


def _num(x: Any) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _top_value_counts(records: list[dict[str, Any]], field: str) -> Counter:
    """How many studies have each suggested (top) value of ``field``, NOT_STATED for none."""
    c: Counter = Counter()
    for r in records:
        t = _top(r, field)
        c[str(t["value"]) if t else NOT_STATED] += 1
    return c


def route_counts(records: list[dict[str, Any]]) -> Counter:
    return _top_value_counts(records, "route")


def dose_points(records: list[dict[str, Any]]) -> dict[str, list[tuple[str, float, float | None]]]:
    """unit -> [(route, amount, amount_max)] from each study's suggested dose."""
    out: dict[str, list[tuple[str, float, float | None]]] = {}
    for r in records:
        d = _top(r, "dose")
        if not d:
            continue
        a = d.get("attributes") or {}
        amount = _num(a.get("amount"))
        unit = a.get("unit")
        if amount is None or not unit:
            continue
        rt = _top(r, "route")
        out.setdefault(str(unit), []).append((str(rt["value"]) if rt else NOT_STATED, amount, _num(a.get("amount_max"))))
    return out


def session_counts(records: list[dict[str, Any]]) -> Counter:
    c: Counter = Counter()
    for r in records:
        f = _top(r, "frequency")
        s = (f.get("attributes") or {}).get("sessions") if f else None
        c[str(int(s)) if isinstance(s, (int, float)) and not isinstance(s, bool) else
          ("stated, count unclear" if f else NOT_STATED)] += 1
    return c


def therapy_counts(records: list[dict[str, Any]]) -> Counter:
    return _top_value_counts(records, "therapy")


def sample_sizes(records: list[dict[str, Any]]) -> list[float]:
    out = []
    for r in records:
        t = _top(r, "sample_size")
        v = _num(t["value"]) if t else None
        if v is not None and v > 0:
            out.append(v)
    return out


# --------------------------------------------------------------------------- charts


def _figure(width: float = 6.4, height: float = 3.2):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    return fig, fig.add_subplot(1, 1, 1)


def _svg(fig: Any) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kapextract"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    s = buf.getvalue()
    return s[s.index("<svg"):]


def _no_data(ax: Any, what: str) -> None:
    ax.text(0.5, 0.5, f"no {what} in these records", ha="center", va="center", transform=ax.transAxes,
            color="#666")
    ax.set_xticks([])
    ax.set_yticks([])


def _bar_chart(counts: Counter, xlabel: str, what: str, order: list[str] | None = None) -> str:
    labels = order if order is not None else [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    labels = [k for k in labels if counts.get(k)]
    fig, ax = _figure(6.4, max(1.6, 0.38 * len(labels) + 0.9))
    if not labels or all(k == NOT_STATED for k in labels):
        _no_data(ax, what)
        if labels:
            ax.set_title(f"{counts[NOT_STATED]} studies: not stated", fontsize=9)
        return _svg(fig)
    y = list(range(len(labels)))[::-1]
    colors = ["#bbbbbb" if k == NOT_STATED else "#3b6ea8" for k in labels]
    ax.barh(y, [counts[k] for k in labels], color=colors)
    ax.set_yticks(y, labels)
    for yi, k in zip(y, labels, strict=True):
        ax.text(counts[k], yi, f" {counts[k]}", va="center", fontsize=8)
    ax.set_xlabel(xlabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def chart_routes(records: list[dict[str, Any]]) -> str:
    return _bar_chart(route_counts(records), "studies", "routes")


def chart_sessions(records: list[dict[str, Any]]) -> str:
    c = session_counts(records)
    nums = sorted((k for k in c if k.isdigit()), key=int)
    rest = [k for k in ("stated, count unclear", NOT_STATED) if k in c]
    return _bar_chart(c, "studies", "session counts", order=nums + rest)


def chart_therapies(records: list[dict[str, Any]]) -> str:
    return _bar_chart(therapy_counts(records), "studies", "therapies")


def chart_doses(records: list[dict[str, Any]]) -> str:
    """One panel per dose unit (the three commonest): amount by route, ranges as bars."""
    from matplotlib.figure import Figure

    pts = dose_points(records)
    units = sorted(pts, key=lambda u: (-len(pts[u]), u))[:3]
    if not units:
        fig, ax = _figure(6.4, 1.8)
        _no_data(ax, "doses with an amount and unit")
        return _svg(fig)
    fig = Figure(figsize=(3.4 * len(units), 3.4), dpi=100)
    axes = fig.subplots(1, len(units), squeeze=False)[0]
    for ax, unit in zip(axes, units, strict=True):
        rows = pts[unit]
        routes = sorted({r for r, _, _ in rows}, key=lambda r: (r == NOT_STATED, r))
        xs = {r: i for i, r in enumerate(routes)}
        per_route: Counter = Counter()
        for route, amount, amount_max in sorted(rows, key=lambda t: (t[0], t[1])):
            k = per_route[route]
            per_route[route] += 1
            x = xs[route] + ((k % 5) - 2) * 0.06  # deterministic spread of equal points
            if amount_max is not None and amount_max > amount:
                ax.vlines(x, amount, amount_max, color="#3b6ea8", linewidth=2)
            ax.plot([x], [amount], "o", color="#bbbbbb" if route == NOT_STATED else "#3b6ea8", markersize=5)
        ax.set_xticks(range(len(routes)), routes, rotation=30, ha="right")
        ax.set_xlim(-0.6, len(routes) - 0.4)
        ax.set_ylabel(unit)
        ax.set_title(f"{unit} ({len(rows)} studies)", fontsize=9)
        amounts = [a for _, a, _ in rows] + [m for _, _, m in rows if m]
        if min(amounts) > 0 and max(amounts) / min(amounts) > 50:
            ax.set_yscale("log")
        ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def chart_sample_sizes(records: list[dict[str, Any]]) -> str:
    import numpy as np

    sizes = sample_sizes(records)
    fig, ax = _figure(6.4, 2.8)
    if not sizes:
        _no_data(ax, "sample sizes")
        return _svg(fig)
    lo, hi = min(sizes), max(sizes)
    if hi / lo > 30:
        bins = np.logspace(math.log10(lo), math.log10(hi * 1.0001), min(12, len(sizes) + 1))
        ax.set_xscale("log")
    else:
        bins = min(12, max(1, len(set(sizes))))
    ax.hist(sizes, bins=bins, color="#3b6ea8", edgecolor="white")
    ax.set_xlabel("participants (suggested N per study)")
    ax.set_ylabel("studies")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"median {float(np.median(sizes)):g}, range {lo:g}-{hi:g}, {len(sizes)} studies", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


CHARTS = (
    ("route", "Route of administration", chart_routes),
    ("dose", "Dose distribution by route", chart_doses),
    ("sessions", "Number of ketamine sessions", chart_sessions),
    ("therapy", "Therapy types", chart_therapies),
    ("sample-size", "Sample sizes", chart_sample_sizes),
)


# --------------------------------------------------------------------------- table and evidence


def _marked(sentence: str, text: str) -> tuple[str, str, str]:
    """Split ``sentence`` around the first occurrence of ``text`` (pre, mark, post)."""
    i = sentence.find(text) if text else -1
    if i < 0:
        return sentence, "", ""
    return sentence[:i], text, sentence[i + len(text):]


def _fmt(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return str(v)


def study_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per study: label, document info, and per field its values with evidence anchors."""
    rows = []
    for i, r in enumerate(records, 1):
        doc = r["document"]
        label = doc.get("title") or Path(str(doc.get("source") or "")).name or doc["id"][:12]
        fields = {}
        for name in FIELDS:
            vals = []
            for j, v in enumerate(r["fields"].get(name) or []):
                ev = v.get("evidence") or {}
                pre, mark, post = _marked(str(ev.get("sentence") or ""), str(v.get("text") or ""))
                attrs = {k: a for k, a in (v.get("attributes") or {}).items() if a not in (None, "", [], {})}
                vals.append({
                    "anchor": f"ev-{i}-{name}-{j}",
                    "value": _fmt(v.get("value")),
                    "confidence": v.get("confidence"),
                    "attributes": ", ".join(f"{k}: {_fmt(a)}" for k, a in attrs.items()),
                    "pre": pre, "mark": mark, "post": post,
                    "section": ev.get("section"),
                    "start": ev.get("start"), "end": ev.get("end"),
                    "page": ev.get("page"),
                    "bbox": ", ".join(f"{b:g}" for b in ev["bbox"]) if ev.get("bbox") else None,
                })
            fields[name] = vals
        rows.append({"n": i, "label": label, "doc": doc, "fields": fields, "warnings": r.get("warnings") or []})
    return rows


def render(results: Results, source: str = "") -> str:
    """The report HTML."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    recs = results.records
    coverage = {name: sum(1 for r in recs if r["fields"].get(name)) for name in FIELDS}
    charts = [{"id": cid, "title": title, "svg": fn(recs)} for cid, title, fn in CHARTS]
    models = sorted({" ".join(str(x) for x in (r.get("model") or {}).values() if isinstance(x, str)) for r in recs} - {""})
    return env.get_template("report.html.j2").render(
        source=source,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
        n_records=len(recs),
        n_errors=len(results.errors),
        coverage=coverage,
        fields=FIELDS,
        field_titles=FIELD_TITLES,
        charts=charts,
        studies=study_rows(recs),
        errors=results.errors,
        skipped=results.skipped,
        models=models,
    )


def write_report(input_path: str | os.PathLike[str], output: str | os.PathLike[str]) -> Results:
    """Read ``input_path`` and write the HTML report to ``output``."""
    results = read_results(input_path)
    html = render(results, source=Path(input_path).name)
    out = Path(output)
    if out.parent and not out.parent.exists():
        raise ReportError(f"{out}: folder {out.parent} does not exist")
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"{out}: cannot write ({exc.strerror})") from None
    return results


def run_report(args: argparse.Namespace) -> int:
    """CLI handler of ``kapextract report``."""
    res = write_report(args.input, args.output)
    msg = f"kapextract report: {len(res.records)} studies, {len(res.errors)} failed documents -> {args.output}"
    if res.skipped:
        msg += f" ({len(res.skipped)} unreadable lines skipped)"
    print(msg, file=sys.stderr)
    return 0
