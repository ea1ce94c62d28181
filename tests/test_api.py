"""kapextract serve: a real uvicorn server on a free localhost port, in a subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from kapextract.model import FIELDS

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures"
KEY = "test-key-5b1f"
ORIGIN = "http://screening.example"
LIMIT_MB = 1.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "PYTHONWARNINGS": "ignore", "KAPEXTRACT_API_KEY": KEY}
    with log.open("wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kapextract", "serve", "--port", str(port), "--max-upload-mb", str(LIMIT_MB),
             "--cors-origin", ORIGIN, "--timeout", "60"],
            stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail("server exited: " + log.read_text(errors="replace")[-2000:])
            try:
                if httpx.get(base + "/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("server did not start: " + log.read_text(errors="replace")[-2000:])
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        assert "Traceback" not in log.read_text(errors="replace")


def post(base, path, file: Path | None = None, key: str | None = KEY, **kw):
    headers = {"X-API-Key": key} if key else {}
    files = {"file": (file.name, file.read_bytes())} if file else kw.pop("files", None)
    return httpx.post(base + path, headers=headers, files=files, timeout=60, **kw)


def test_health_is_open_and_ready(server):
    r = httpx.get(server + "/v1/health")
    assert r.status_code == 200
    body = r.json()
    assert body["ready"] is True and body["status"] == "ok" and body["auth"] is True
    assert body["max_upload_mb"] == LIMIT_MB


def test_openapi_lists_the_endpoints(server):
    r = httpx.get(server + "/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert {"/v1/extract", "/v1/suggest", "/v1/health"} <= set(paths)
    assert "multipart/form-data" in paths["/v1/extract"]["post"]["requestBody"]["content"]
    assert "413" in paths["/v1/suggest"]["post"]["responses"]


def test_auth_401_without_or_with_a_wrong_key(server):
    f = FIX / "nxml" / "PMC5888649.nxml"
    for key in (None, "wrong"):
        r = post(server, "/v1/extract", f, key=key)
        assert r.status_code == 401
        assert "X-API-Key" in r.json()["error"]


def test_extract_returns_the_record(server):
    f = FIX / "nxml" / "PMC4540107.nxml"
    r = post(server, "/v1/extract", f, data={"drug": "ketamine"})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["schema_version"] == "1"
    assert rec["document"]["id"] == hashlib.sha256(f.read_bytes()).hexdigest()
    assert rec["document"]["source"] == f.name
    assert set(rec["fields"]) == set(FIELDS)


def test_suggest_gives_the_top_value_with_evidence(server):
    f = FIX / "pdf" / "trials2015_16_1_smokers_pilot_RCT.pdf"
    full = post(server, "/v1/extract", f).json()
    r = post(server, "/v1/suggest", f, params={"drug": "ketamine"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["document"]["id"] == full["document"]["id"]
    assert set(body["suggestions"]) == set(FIELDS)
    filled = 0
    for name in FIELDS:
        s, values = body["suggestions"][name], full["fields"][name]
        if not values:
            assert s is None
            continue
        filled += 1
        assert s["value"] == values[0]["value"] and s["confidence"] == values[0]["confidence"]
        assert s["evidence"] == values[0]["evidence"] and s["evidence"]["page"]
        assert s["alternatives"] == len(values) - 1
    assert filled, "a trial PDF gets at least its sample size"


def test_413_on_content_length_and_while_streaming(server):
    big = b"x" * int(LIMIT_MB * 1024 * 1024 + 1000)
    r = post(server, "/v1/extract", files={"file": ("big.txt", big)})
    assert r.status_code == 413 and "limit" in r.json()["error"]

    def chunks():  # no Content-Length: the limit is enforced while the body streams in
        for i in range(0, len(big), 64 * 1024):
            yield big[i:i + 64 * 1024]

    r = httpx.post(server + "/v1/extract", content=chunks(), timeout=60,
                   headers={"X-API-Key": KEY, "Content-Type": "multipart/form-data; boundary=zz"})
    assert r.status_code == 413 and "limit" in r.json()["error"]


def test_bad_files_get_a_4xx_json_error(server):
    for name in ("png_renamed.pdf", "truncated.pdf", "empty.pdf"):
        r = post(server, "/v1/extract", FIX / "bad" / name)
        assert 400 <= r.status_code < 500, (name, r.text)
        err = r.json()["error"]
        assert name in err and "Traceback" not in err
    r = post(server, "/v1/suggest", files={"paper": ("x.txt", b"hello")})
    assert r.status_code == 422 and "file is required" in r.json()["error"]
    r = httpx.post(server + "/v1/extract", content=b"not multipart", headers={"X-API-Key": KEY}, timeout=30)
    assert r.status_code == 422 and r.json()["error"]


def test_concurrent_requests_all_succeed(server):
    files = sorted(FIX.glob("nxml/*.nxml")) + [FIX / "pdf" / "bmcph2014_UatUni_RCT.pdf"]
    with ThreadPoolExecutor(max_workers=len(files)) as ex:
        results = list(ex.map(lambda f: (f, post(server, "/v1/extract", f)), files))
    for f, r in results:
        assert r.status_code == 200, (f.name, r.text)
        assert r.json()["document"]["id"] == hashlib.sha256(f.read_bytes()).hexdigest()


def test_cors_preflight_for_the_configured_origin(server):
    r = httpx.options(server + "/v1/extract", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "X-API-Key"})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == ORIGIN
    r = httpx.options(server + "/v1/extract", headers={
        "Origin": "http://elsewhere.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers


def test_timeout_gives_504():
    from fastapi.testclient import TestClient

    from kapextract.api import Settings, create_app

    app = create_app(Settings(timeout=0.001))
    with TestClient(app) as client:
        f = FIX / "nxml" / "PMC3637243.nxml"
        r = client.post("/v1/extract", files={"file": (f.name, f.read_bytes())})
    assert r.status_code == 504
    assert json.loads(r.text)["error"].startswith("extraction took longer than")
