"""The review web app: server-rendered pages over a :class:`ReviewStore`.

Pages
-----
``/``                      documents with review progress (fields reviewed / 5)
``/doc/{id}``              the five fields: suggestion, alternatives, confidence,
                           highlighted evidence with section (and page image for
                           PDFs), reviewed state, notes and audit history
``/doc/{id}/field/{f}``    POST a decision (accept, pick, edit, not_reported,
                           reject, note)
``/doc/{id}/page/{n}.png`` a PDF page rendered with evidence boxes (``?box=x0,top,x1,bottom``)
``/reviewer``              ask for / change the reviewer name (kept in a cookie)
``/api/documents[/{id}]``  the same data as JSON

Safety for a local tool: all changes are POST forms carrying a per-browser
CSRF token (double-submit cookie, SameSite=Strict) and a cross-origin
``Origin`` header is refused. Store calls run in a worker thread so SQLite's
busy wait never blocks the event loop.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kapextract import __version__
from kapextract.errors import KapextractError
from kapextract.model import FIELDS, Evidence, Value
from kapextract.review.evidence import highlight, locate_sentence, sentence_around
from kapextract.review.render import RenderError, render_page_png
from kapextract.review.store import (
    Candidate,
    ConflictError,
    Decision,
    ReviewStore,
    StoredDocument,
    merge_candidates,
)
from kapextract.review.validation import SAMPLE_SIZE_SCOPES, ValidationError, validate_edit

HERE = Path(__file__).parent
REVIEWER_COOKIE = "kx_reviewer"
#: Pages load only their own script, styles and images, and are never framed.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
CSRF_COOKIE = "kx_csrf"

FIELD_LABELS = {
    "dose": "Dose",
    "route": "Route",
    "frequency": "Frequency (ketamine sessions)",
    "therapy": "Psychotherapy",
    "sample_size": "Sample size",
}
EDIT_HINTS = {
    "dose": "e.g. 0.5 mg/kg · 0.5-0.75 mg/kg · 150 mg · 0.5 mg/kg over 40 min",
    "route": "e.g. intravenous, intramuscular, intranasal, oral, sublingual (IV, IM … accepted)",
    "frequency": "e.g. 3 sessions, weekly · 1 session, single · 6 sessions, twice weekly, 3 weeks",
    "therapy": "a therapy label, e.g. cognitive behavioral therapy, MET, MBRP, other",
    "sample_size": "a whole number; set its scope and arm below",
}


def _attrs_text(attributes: dict[str, Any]) -> str:
    """``amount 0.5, unit mg/kg, implied`` (empty and false attributes left out); a schedule
    joined from two statements, or whose interval comes from a therapy's schedule, names where
    each part was stated, with its offsets."""
    parts = []
    for k, v in attributes.items():
        if v in (None, "", [], False):
            continue
        if k in ("joined_from", "interval_from", "sessions_from") and isinstance(v, (list, dict)):
            # where a schedule's parts were stated: "joined from “…” (3571–3592) + “…” (5109–5124)"
            spans = v if isinstance(v, list) else [v]
            parts.append(k.replace("_", " ") + " " + " + ".join(
                f"“{p.get('text')}” ({p.get('start')}–{p.get('end')})" for p in spans))
            continue
        parts.append(k.replace("_", " ") if v is True else f"{k.replace('_', ' ')} {v}")
    return ", ".join(parts)


def _value_key(v: Value) -> tuple[str, int, int]:
    return (json.dumps(v.value, sort_keys=True), v.evidence.start, v.evidence.end)


def _cand_id(c: Candidate) -> str:
    return f"{c.suggestion_set_id}:{c.index}"


@dataclass
class ValueView:
    """What a template needs to show one value."""

    value: Value
    display: str
    attrs: str
    confidence: str
    hl: Any
    page_url: str | None
    cand_id: str | None = None
    model: str | None = None
    latest: bool = True
    chosen: bool = False


class ReviewApp:
    """Request handlers bound to one store (see the module docstring for routes)."""

    def __init__(self, store: ReviewStore, default_reviewer: str | None = None) -> None:
        self.store = store
        self.default_reviewer = (default_reviewer or "").strip() or None
        self.env = Environment(
            loader=FileSystemLoader(str(HERE / "templates")),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(FIELD_LABELS=FIELD_LABELS, FIELDS=FIELDS, version=__version__)
        self.png_cache = _PngCache()

    # -- plumbing ------------------------------------------------------------------

    def reviewer(self, request: Request) -> str | None:
        raw = request.cookies.get(REVIEWER_COOKIE)
        name = " ".join(unquote(raw).split())[:80] if raw else ""
        return name or self.default_reviewer

    def render(self, request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        ctx.update(csrf=token, reviewer=self.reviewer(request), path=request.url.path)
        html = self.env.get_template(template).render(**ctx)
        resp = HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)
        if request.cookies.get(CSRF_COOKIE) != token:
            resp.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
        return resp

    @staticmethod
    async def checked_form(request: Request) -> Any:
        """The POSTed form, after the CSRF and same-origin checks (raises PermissionError)."""
        origin = request.headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
            raise PermissionError("cross-origin request refused")
        form = await request.form()
        token = request.cookies.get(CSRF_COOKIE)
        if not token or not secrets.compare_digest(str(form.get("csrf", "")), token):
            raise PermissionError("the form's security token is missing or stale; reload the page")
        return form

    # -- views ---------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        docs = await run_in_threadpool(self.store.list_documents)
        done = sum(d.reviewed for d in docs)
        return self.render(request, "index.html", docs=docs, done=done, total=len(FIELDS) * len(docs))

    def value_view(self, doc: StoredDocument, v: Value, cand: Candidate | None = None) -> ValueView:
        page_url = None
        ev = v.evidence
        if doc.kind == "pdf" and doc.has_source and ev.page:
            page_url = f"/doc/{doc.id}/page/{ev.page}.png"
            if ev.bbox:
                page_url += "?box=" + ",".join(f"{x:g}" for x in ev.bbox)
        return ValueView(
            value=v,
            display=str(v.value),
            attrs=_attrs_text(v.attributes),
            confidence=f"{v.confidence:.2f}",
            hl=highlight(ev, v.text, doc.text),
            page_url=page_url,
            cand_id=_cand_id(cand) if cand else None,
            model=cand.model if cand else None,
            latest=cand.latest if cand else True,
        )

    def document_context(self, doc_id: str) -> dict[str, Any] | None:
        doc = self.store.get_document(doc_id)
        if doc is None:
            return None
        sets = self.store.suggestion_sets(doc_id)
        current = self.store.current_decisions(doc_id)
        history = self.store.decisions(doc_id)
        latest_set = sets[-1] if sets else None
        fields = []
        for name in FIELDS:
            cands = merge_candidates(sets, name)
            dec = current.get(name)
            notes = [d for d in history if d.field == name and d.action == "note"]
            stale = bool(dec and latest_set and (dec.suggestion_set_id or 0) < latest_set.id
                         and latest_set.created_at > dec.decided_at)
            views = [self.value_view(doc, c.value, c) for c in cands]
            chosen = {_value_key(v) for v in (dec.new_values or [])} if dec else set()
            for view in views:
                view.chosen = _value_key(view.value) in chosen
            fields.append({
                "name": name,
                "label": FIELD_LABELS[name],
                "candidates": views,
                "decision": dec,
                "decided": [self.value_view(doc, v) for v in (dec.new_values or [])] if dec else [],
                "notes": notes,
                "history": [d for d in history if d.field == name],
                "base": dec.id if dec else "",
                "stale": stale,
                "hint": EDIT_HINTS[name],
            })
        ids = [d.id for d in self.store.list_documents()]
        i = ids.index(doc_id) if doc_id in ids else -1
        return {"doc": doc, "sets": sets, "fields": fields, "reviewed": len(current), "total": len(FIELDS),
                "scopes": SAMPLE_SIZE_SCOPES,
                "prev_id": ids[i - 1] if i > 0 else None,
                "next_id": ids[i + 1] if 0 <= i < len(ids) - 1 else None}

    async def document(self, request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        ctx = await run_in_threadpool(self.document_context, doc_id)
        if ctx is None:
            return self.render(request, "error.html", status=404, message=f"no document {doc_id[:16]} in this store")
        focus = request.query_params.get("focus")
        return self.render(request, "document.html", focus=focus if focus in FIELDS else FIELDS[0],
                           errors={}, **ctx)

    async def page_png(self, request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        try:
            page = int(request.path_params["page"])
            scale = float(request.query_params.get("scale", "1.5"))
            boxes = [[float(x) for x in b.split(",")] for b in request.query_params.getlist("box")]
            if any(len(b) != 4 for b in boxes):
                raise ValueError
        except ValueError:
            return JSONResponse({"error": "page must be a number and each box x0,top,x1,bottom"}, 400)
        key = (doc_id, page, tuple(map(tuple, boxes)), scale)
        png = self.png_cache.get(key)
        if png is None:
            doc = await run_in_threadpool(self.store.get_document, doc_id)
            if doc is None or doc.kind != "pdf":
                return JSONResponse({"error": "no PDF document with this id"}, 404)
            data = await run_in_threadpool(self.store.document_source, doc_id)
            if data is None:
                return JSONResponse({"error": "the PDF's bytes are not in the store"}, 404)
            try:
                png = await run_in_threadpool(render_page_png, data, page, boxes, scale)
            except RenderError as exc:
                return JSONResponse({"error": str(exc)}, 400)
            self.png_cache.put(key, png)
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    async def reviewer_form(self, request: Request) -> Response:
        nxt = request.query_params.get("next", "/")
        return self.render(request, "reviewer.html", next=_safe_next(nxt), error=None)

    async def set_reviewer(self, request: Request) -> Response:
        try:
            form = await self.checked_form(request)
        except PermissionError as exc:
            return self.render(request, "error.html", status=403, message=str(exc))
        name = " ".join(str(form.get("name", "")).split())
        nxt = _safe_next(str(form.get("next", "/")))
        if not name or len(name) > 80:
            return self.render(request, "reviewer.html", status=400, next=nxt,
                               error="give a name (1-80 characters); it is written into every decision")
        resp = RedirectResponse(nxt, status_code=303)
        resp.set_cookie(REVIEWER_COOKIE, quote(name), max_age=3600 * 24 * 365, samesite="lax")
        return resp

    # -- decisions -------------------------------------------------------------------

    @staticmethod
    def _candidate(sets_by_id: dict[int, Any], field_name: str, cid: str) -> Value:
        try:
            set_id, idx = (int(x) for x in cid.split(":"))
            return sets_by_id[set_id].record.fields[field_name][idx]
        except (ValueError, KeyError, IndexError):
            raise ValidationError(f"unknown suggestion {cid!r}; reload the page") from None

    def apply_decision(self, doc_id: str, field_name: str, form: dict[str, Any], cands: list[str],
                       reviewer: str) -> Decision:
        """Turn a posted form into a store decision (runs in a worker thread)."""
        doc = self.store.get_document(doc_id)
        if doc is None:
            raise ValidationError(f"no document {doc_id[:16]} in this store")
        sets = self.store.suggestion_sets(doc_id)
        sets_by_id = {s.id: s for s in sets}
        action = str(form.get("action", ""))
        base_raw = str(form.get("base", "")).strip()
        base = int(base_raw) if base_raw.isdigit() else None
        reason = str(form.get("reason", "")).strip() or None
        values: list[Value] | None = None
        picked: list[list[int]] = []
        set_id = sets[-1].id if sets else None
        if action in ("accept", "pick"):
            if not cands:
                raise ValidationError("nothing to accept: this field has no suggestion" if action == "accept"
                                      else "tick at least one value to pick")
            values = [self._candidate(sets_by_id, field_name, c) for c in cands]
            picked = [[int(x) for x in c.split(":")] for c in cands]
            set_id = picked[0][0]
        elif action == "edit":
            value, attrs = validate_edit(field_name, str(form.get("value", "")),
                                         scope=str(form.get("scope", "")) or None,
                                         arm=str(form.get("arm", "")))
            written = str(form.get("text", "")).strip()
            base_cand = str(form.get("from", "")).strip()
            if base_cand:
                src = self._candidate(sets_by_id, field_name, base_cand)
                picked = [[int(x) for x in base_cand.split(":")]]
                set_id = picked[0][0]
                evidence = self._moved_evidence(doc, src.evidence, written or src.text)
                text = written or src.text
                attributes = {**src.attributes, **attrs}
            else:
                if not written:
                    raise ValidationError("this field has no suggestion: type the value as written in the paper "
                                          "(‘as written’) so the evidence can be found")
                evidence = self._found_evidence(doc, written)
                text = written
                attributes = attrs
            new = Value(value=value, text=text, confidence=1.0, attributes=attributes, evidence=evidence)
            values = [new]
            if form.get("mode") == "add":
                cur = self.store.current_decisions(doc_id).get(field_name)
                values = [*(cur.new_values or [] if cur else []), new]
        elif action in ("not_reported", "reject", "note"):
            pass
        else:
            raise ValidationError(f"unknown action {action!r}")
        return self.store.decide(doc_id, field_name, action, reviewer, values=values, reason=reason,
                                 base_decision_id=base, suggestion_set_id=set_id, candidates=picked or None)

    @staticmethod
    def _moved_evidence(doc: StoredDocument, ev: Evidence, written: str) -> Evidence:
        """The suggestion's evidence, with the span moved onto ``written`` when the
        reviewer typed a different as-written text that occurs in the sentence."""
        if not written or not doc.text:
            return ev
        s0 = locate_sentence(doc.text, ev)
        if s0 is None or doc.text[ev.start:ev.end] == written:
            return ev
        i = ev.sentence.find(written)
        if i == -1:
            raise ValidationError(f"‘{written}’ does not occur in the evidence sentence; copy it exactly")
        # the old bbox boxed the old span: keep the page, drop the box
        return Evidence(ev.sentence, s0 + i, s0 + i + len(written), ev.section, ev.page, None)

    @staticmethod
    def _found_evidence(doc: StoredDocument, written: str) -> Evidence:
        """Evidence for a value the extractor did not suggest: its first occurrence in the text."""
        if not doc.text:
            raise ValidationError("the document text is not in the store, so new evidence cannot be located; "
                                  "import the paper itself")
        i = doc.text.find(written)
        if i == -1:
            raise ValidationError(f"‘{written}’ does not occur in the document text; copy it exactly")
        s0, s1 = sentence_around(doc.text, i, i + len(written))
        return Evidence(doc.text[s0:s1], i, i + len(written), doc.section_at(i))

    async def decide(self, request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        field_name = request.path_params["field"]
        if field_name not in FIELDS:
            return self.render(request, "error.html", status=404, message=f"no field {field_name!r}")
        try:
            form = await self.checked_form(request)
        except PermissionError as exc:
            return self.render(request, "error.html", status=403, message=str(exc))
        reviewer = self.reviewer(request)
        if not reviewer:
            return RedirectResponse(f"/reviewer?next={quote('/doc/' + doc_id)}", status_code=303)
        only = str(form.get("only", "")).strip()
        cands = [only] if only else [str(c) for c in form.getlist("cand") if str(c).strip()]
        data = {k: str(form.get(k) or "") for k in ("action", "base", "reason", "value", "text", "scope", "arm", "from",
                                                   "mode")}
        try:
            decision = await run_in_threadpool(self.apply_decision, doc_id, field_name, data, cands, reviewer)
        except ConflictError as exc:
            return await self._error_page(request, doc_id, field_name, str(exc), 409)
        except KapextractError as exc:
            return await self._error_page(request, doc_id, field_name, str(exc), 400)
        i = FIELDS.index(field_name)
        focus = field_name if decision.action == "note" else FIELDS[min(i + 1, len(FIELDS) - 1)]
        return RedirectResponse(f"/doc/{doc_id}?focus={focus}#f-{focus}", status_code=303)

    async def _error_page(self, request: Request, doc_id: str, field_name: str, message: str, status: int) -> Response:
        ctx = await run_in_threadpool(self.document_context, doc_id)
        if ctx is None:
            return self.render(request, "error.html", status=404, message=message)
        return self.render(request, "document.html", status=status, focus=field_name,
                           errors={field_name: message}, **ctx)

    # -- JSON --------------------------------------------------------------------------

    async def api_documents(self, request: Request) -> Response:
        docs = await run_in_threadpool(self.store.list_documents)
        return JSONResponse([d.__dict__ for d in docs])

    async def api_document(self, request: Request) -> Response:
        doc_id = request.path_params["doc_id"]

        def load() -> dict[str, Any] | None:
            doc = self.store.get_document(doc_id)
            if doc is None:
                return None
            return {
                "document": {**doc.info(), "kind": doc.kind, "license": doc.license, "has_text": doc.text is not None},
                "suggestion_sets": [
                    {"id": s.id, "model": {"name": s.model_name, "version": s.model_version},
                     "created_at": s.created_at, "record": s.record.to_dict()}
                    for s in self.store.suggestion_sets(doc_id)
                ],
                "current": {f: d.to_dict() for f, d in self.store.current_decisions(doc_id).items()},
                "decisions": [d.to_dict() for d in self.store.decisions(doc_id)],
            }

        data = await run_in_threadpool(load)
        if data is None:
            return JSONResponse({"error": "no such document"}, 404)
        return Response(json.dumps(data, ensure_ascii=False), media_type="application/json")


def _safe_next(nxt: str) -> str:
    """Only same-site relative paths are followed after the name form."""
    return nxt if nxt.startswith("/") and not nxt.startswith("//") else "/"


class _PngCache:
    """Rendered pages, newest kept (a small LRU shared by the worker threads)."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.items: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> bytes | None:
        with self.lock:
            png = self.items.get(key)
            if png is not None:
                self.items.move_to_end(key)
            return png

    def put(self, key: tuple[Any, ...], png: bytes) -> None:
        with self.lock:
            self.items[key] = png
            while len(self.items) > self.size:
                self.items.popitem(last=False)


def create_app(store: ReviewStore, default_reviewer: str | None = None) -> Starlette:
    """The ASGI app serving ``store`` (the caller keeps and closes the store)."""
    h = ReviewApp(store, default_reviewer)
    routes = [
        Route("/", h.index),
        Route("/reviewer", h.reviewer_form, methods=["GET"]),
        Route("/reviewer", h.set_reviewer, methods=["POST"]),
        Route("/doc/{doc_id}", h.document),
        Route("/doc/{doc_id}/field/{field}", h.decide, methods=["POST"]),
        Route("/doc/{doc_id}/page/{page:int}.png", h.page_png),
        Route("/api/documents", h.api_documents),
        Route("/api/documents/{doc_id}", h.api_document),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.review = h
    return app
