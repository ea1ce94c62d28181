"""``kapextract serve``: an HTTP API for screening and extraction tools.

Endpoints (all JSON; errors are always ``{"error": "<one line>"}``):

``POST /v1/extract``
    multipart upload (field ``file``) of a PDF, PMC NXML or plain-text paper;
    optional ``drug`` as a form field or query parameter. Returns the record
    (DESIGN.md's contract).
``POST /v1/suggest``
    the same upload; returns what an extraction form pre-fills: per field the
    top value with its evidence, or null.
``GET /v1/health``
    liveness and readiness (the pipeline is loaded before the server listens).
``GET /openapi.json``
    the OpenAPI schema (interactive docs at ``/docs``).

Limits: an API key (``X-API-Key`` header, 401 without it) when one is set by
``--api-key`` or ``KAPEXTRACT_API_KEY`` (health and the schema stay open); an
upload limit (request body, default 50 MB = 50 MiB) checked on
``Content-Length`` before anything is read and again while the body streams
in (413); a per-request timeout (504) around extraction, which runs in a
worker thread; configurable CORS origins. Bad input is a 4xx with a clear
message, never a traceback.

Requires: FastAPI, uvicorn, python-multipart. Sets: nothing global; every
setting lives in :class:`Settings` and :func:`create_app`'s app.
"""

from __future__ import annotations

import argparse
import asyncio
import hmac
import json
import logging
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from kapextract import __version__
from kapextract.errors import KapextractError, ModelError
from kapextract.model import FIELDS

log = logging.getLogger("kapextract.api")

#: Paths reachable without the API key.
OPEN_PATHS = frozenset({"/v1/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})

MIB = 1024 * 1024


@dataclass
class Settings:
    """Server settings. ``max_upload_bytes`` bounds the request body; ``timeout``
    (seconds) bounds one extraction; ``threads`` is the number of extraction
    threads (requests beyond it wait, and their wait counts towards the timeout)."""

    api_key: str | None = None
    max_upload_bytes: int = 50 * MIB
    timeout: float = 120.0
    cors_origins: list[str] = field(default_factory=list)
    model: str | None = None
    drug: str = "ketamine"
    threads: int = 2


# --------------------------------------------------------------------------- guard (auth + size)


async def _send_json(send: Any, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]] | None = None) -> None:
    data = json.dumps(body).encode("utf-8")
    hdrs = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    if status == 413:
        hdrs.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": hdrs + (headers or [])})
    await send({"type": "http.response.body", "body": data})


class Guard:
    """ASGI middleware: API key first, then the body size limit.

    The body of a POST/PUT/PATCH is read here, counting bytes as they stream
    in; past the limit the request gets 413 at once. The buffered body is then
    replayed to the app.
    """

    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self._key = settings.api_key.encode("utf-8") if settings.api_key else None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        method = scope.get("method", "GET")
        if self._key is not None and scope.get("path") not in OPEN_PATHS and method != "OPTIONS":
            given = headers.get(b"x-api-key", b"")
            if not given or not hmac.compare_digest(given, self._key):
                what = "missing" if not given else "wrong"
                await _send_json(send, 401, {"error": f"{what} API key: send it in the X-API-Key header"},
                                 [(b"www-authenticate", b'APIKey header="X-API-Key"')])
                return
        if method not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        limit = self.settings.max_upload_bytes
        too_big = {"error": f"upload is larger than the {limit / MIB:g} MB limit"}
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                n = int(declared)
            except ValueError:
                await _send_json(send, 400, {"error": "bad Content-Length header"})
                return
            if n > limit:
                await _send_json(send, 413, too_big)
                return
        body = bytearray()
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            body += msg.get("body", b"")
            if len(body) > limit:
                await _send_json(send, 413, too_big)
                return
            if not msg.get("more_body", False):
                break
        replayed = False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


# --------------------------------------------------------------------------- extraction


def _safe_name(name: str | None) -> str:
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    base = re.sub(r"[\x00-\x1f]", "", base)
    return base[:200] or "upload"


def extract_upload(data: bytes, name: str, drug: str, model: str | None) -> dict[str, Any]:
    """Ingest bytes and extract their record (runs in a worker thread)."""
    import kapextract
    from kapextract.ingest import load_bytes

    doc = load_bytes(data, name)
    return kapextract.extract(doc, drug=drug, model=model).to_dict()


def suggestions(record: dict[str, Any]) -> dict[str, Any]:
    """The form pre-fill shape: per field the top value with its evidence, or None."""
    out: dict[str, Any] = {}
    for f in FIELDS:
        values = (record.get("fields") or {}).get(f) or []
        if not values:
            out[f] = None
            continue
        top = values[0]
        out[f] = {
            "value": top.get("value"),
            "text": top.get("text"),
            "confidence": top.get("confidence"),
            "attributes": top.get("attributes") or {},
            "evidence": top.get("evidence"),
            "alternatives": len(values) - 1,
        }
    return {"document": record.get("document"), "suggestions": out, "warnings": record.get("warnings") or [],
            "model": record.get("model") or {}}


# --------------------------------------------------------------------------- app


class Error(BaseModel):
    """Every error response."""

    error: str


class Suggestion(BaseModel):
    value: Any
    text: str | None = None
    confidence: float | None = None
    attributes: dict[str, Any] = {}
    evidence: dict[str, Any] | None = None
    alternatives: int = 0


class SuggestResponse(BaseModel):
    document: dict[str, Any]
    suggestions: dict[str, Suggestion | None]
    warnings: list[str] = []
    model: dict[str, Any] = {}


class Health(BaseModel):
    status: str
    ready: bool
    version: str
    model: str
    drug: str
    max_upload_mb: float
    timeout_s: float
    auth: bool
    error: str | None = None


def create_app(settings: Settings | None = None) -> Any:
    """The FastAPI app for ``settings`` (see the module docstring)."""
    s = settings or Settings()
    pool = ThreadPoolExecutor(max_workers=max(1, s.threads), thread_name_prefix="kapextract-extract")
    state: dict[str, Any] = {"ready": False, "load_error": None}

    @asynccontextmanager
    async def lifespan(app: Any):
        loop = asyncio.get_running_loop()
        from kapextract.batch import _WARM_TEXT
        from kapextract.model import Document

        def warm() -> None:
            import kapextract

            kapextract.extract(Document.from_text(_WARM_TEXT, source="<warm-up>"), drug=s.drug, model=s.model)

        try:
            await loop.run_in_executor(pool, warm)
            state["ready"] = True
        except ModelError as exc:
            state["load_error"] = str(exc)
            raise
        except Exception as exc:  # noqa: BLE001 - the server still starts; health says why it is not ready
            state["load_error"] = " ".join(f"{type(exc).__name__}: {exc}".split())
            log.exception("warm-up failed")
        yield
        pool.shutdown(wait=False, cancel_futures=True)

    errors = {
        400: {"model": Error, "description": "malformed request"},
        401: {"model": Error, "description": "missing or wrong API key"},
        413: {"model": Error, "description": "upload over the size limit"},
        422: {"model": Error, "description": "not a readable paper, or a missing field"},
        504: {"model": Error, "description": "extraction took longer than the timeout"},
    }

    app = FastAPI(
        title="kapextract",
        version=__version__,
        description="Extract ketamine dose, route, frequency, therapy and sample size, with evidence, "
                    "from full-text papers (PDF, PMC NXML, text). Send the API key, when the server "
                    "has one, in the X-API-Key header.",
        lifespan=lifespan,
    )
    app.add_middleware(Guard, settings=s)
    if s.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(s.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["X-API-Key", "Content-Type"], max_age=600)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ()) if x not in ("body", "query")]
            what = e.get("msg", "invalid")
            if e.get("type") == "missing" and loc:
                what = "is required"
                if loc[-1] == "file":
                    what += " (a multipart upload of the paper)"
            parts.append(f"{'.'.join(loc) or 'request'} {what}")
        return JSONResponse({"error": "; ".join(parts) or "invalid request"}, status_code=422)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s", request.url.path)
        return JSONResponse({"error": f"internal error ({type(exc).__name__}); see the server log"},
                            status_code=500)

    async def run_extraction(file: UploadFile, drug: str) -> dict[str, Any] | JSONResponse:
        if not state["ready"]:
            return JSONResponse({"error": f"the pipeline is not loaded: {state['load_error']}"}, status_code=503)
        data = await file.read()
        name = _safe_name(file.filename)
        drug = (drug or s.drug).strip()
        if not drug or len(drug) > 100:
            return JSONResponse({"error": "drug must be a drug name of 1-100 characters"}, status_code=422)
        fut = asyncio.get_running_loop().run_in_executor(pool, extract_upload, data, name, drug, s.model)
        try:
            return await asyncio.wait_for(fut, timeout=s.timeout)
        except TimeoutError:
            return JSONResponse({"error": f"extraction took longer than {s.timeout:g} s"}, status_code=504)
        except ModelError as exc:
            return JSONResponse({"error": str(exc)}, status_code=503)
        except KapextractError as exc:
            return JSONResponse({"error": " ".join(str(exc).split())}, status_code=422)

    @app.get("/v1/health", response_model=Health, summary="Liveness and readiness")
    async def health() -> dict[str, Any]:
        return {
            "status": "ok" if state["ready"] else "not ready",
            "ready": bool(state["ready"]),
            "version": __version__,
            "model": s.model or "default",
            "drug": s.drug,
            "max_upload_mb": s.max_upload_bytes / MIB,
            "timeout_s": s.timeout,
            "auth": s.api_key is not None,
            "error": state["load_error"],
        }

    @app.post("/v1/extract", summary="Extract the record of one paper", responses=errors,
              response_description="the record (schema_version, document, fields, warnings, model)")
    async def extract(
        file: UploadFile = File(..., description="the paper: PDF, PMC NXML/JATS XML or plain text"),
        drug_form: str | None = Form(None, alias="drug", description="target drug (default: ketamine)"),
        drug_query: str | None = Query(None, alias="drug", description="target drug (form field wins)"),
    ) -> Any:
        return await run_extraction(file, drug_form or drug_query or s.drug)

    @app.post("/v1/suggest", summary="Top value per field with its evidence (form pre-fill)",
              response_model=SuggestResponse, responses=errors)
    async def suggest(
        file: UploadFile = File(..., description="the paper: PDF, PMC NXML/JATS XML or plain text"),
        drug_form: str | None = Form(None, alias="drug", description="target drug (default: ketamine)"),
        drug_query: str | None = Query(None, alias="drug", description="target drug (form field wins)"),
    ) -> Any:
        res = await run_extraction(file, drug_form or drug_query or s.drug)
        return res if isinstance(res, JSONResponse) else suggestions(res)

    return app


def run_serve(args: argparse.Namespace) -> int:
    """CLI handler of ``kapextract serve``."""
    import uvicorn

    api_key = args.api_key or os.environ.get("KAPEXTRACT_API_KEY") or None
    if not 0 < args.port < 65536:
        raise KapextractError(f"--port {args.port}: not a port number (1-65535)")
    if args.max_upload_mb <= 0:
        raise KapextractError("--max-upload-mb must be positive")
    if args.timeout <= 0:
        raise KapextractError("--timeout must be positive")
    settings = Settings(
        api_key=api_key,
        max_upload_bytes=int(args.max_upload_mb * MIB),
        timeout=float(args.timeout),
        cors_origins=list(args.cors_origin or []),
        model=args.model,
    )
    app = create_app(settings)
    auth = "API key required (X-API-Key)" if api_key else "no API key set: anyone who can reach it may use it"
    print(f"kapextract serve: http://{args.host}:{args.port}/v1/ ({auth})", file=sys.stderr)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="info", timeout_keep_alive=5)
    except SystemExit as exc:  # uvicorn exits on a startup failure (port in use, model error)
        if exc.code:
            raise KapextractError(f"the server could not start on {args.host}:{args.port} (see above)") from None
    return 0
