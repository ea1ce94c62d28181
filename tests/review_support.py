"""Real documents and records for the review tests.

The records point at real offsets of real fixture papers, ingested by the
project's own readers:

* ``tests/fixtures/nxml/PMC4696773.nxml`` (PMC, CC BY; see ATTRIBUTION.md):
  pigs pre-anaesthetised with "ketamine (35 mg/ kg)-xylazine (2.25 mg/kg)
  intramuscular injection"; n=18 with arms n=7, n=5, n=6. The record lists
  the ketamine dose first and the xylazine and thiopental doses as wrong
  alternatives, so picking, editing and rejecting have something to act on.
* ``tests/fixtures/pdf/trials2015_16_2_drug_monitoring_protocol.pdf``
  (Trials 2015, CC BY): "We will randomly assign 2,200 adult ambulatory
  patients" — a sample size with page and bbox for the page-image endpoint.

Each value's evidence comes from ``Document.evidence`` over the sentence
around the matched text, exactly as an extractor builds it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kapextract.ingest import load_document
from kapextract.model import Document, Record, Value
from kapextract.review.evidence import sentence_around

FIXTURES = Path(__file__).parent / "fixtures"
NXML = FIXTURES / "nxml" / "PMC4696773.nxml"
PDF = FIXTURES / "pdf" / "trials2015_16_2_drug_monitoring_protocol.pdf"


def value_at(doc: Document, needle: str, value: Any, confidence: float, attributes: dict[str, Any] | None = None,
             *, after: int = 0, text: str | None = None) -> Value:
    """A Value whose evidence is the first occurrence of ``needle`` (from ``after``);
    ``text`` narrows the span to a part of the needle."""
    i = doc.text.index(needle, after)
    if text is not None:
        i += needle.index(text)
        needle = text
    s0, s1 = sentence_around(doc.text, i, i + len(needle))
    ev = doc.evidence(i, i + len(needle), sentence=(s0, s1))
    return Value(value=value, text=needle, confidence=confidence, attributes=attributes or {}, evidence=ev)


def nxml_record(version: str = "0.1", doc: Document | None = None) -> tuple[Document, Record]:
    doc = doc or load_document(NXML)
    fields = {
        "dose": [
            value_at(doc, "35 mg/ kg", "35 mg/kg", 0.91, {"amount": 35.0, "amount_max": None, "unit": "mg/kg"}),
            value_at(doc, "2.25 mg/kg", "2.25 mg/kg", 0.34, {"amount": 2.25, "amount_max": None, "unit": "mg/kg"}),
            value_at(doc, "thiopenthal (25 mg/ kg)", "25 mg/kg", 0.12,
                     {"amount": 25.0, "amount_max": None, "unit": "mg/kg"}, text="25 mg/ kg"),
        ],
        "route": [value_at(doc, "intramuscular injection", "intramuscular", 0.88, {}, text="intramuscular")],
        "frequency": [],
        "therapy": [],
        "sample_size": [
            value_at(doc, "n=18", 18, 0.8, {"scope": "enrolled", "arm": None}, text="18"),
            value_at(doc, "Occl-Ex; n=7", 7, 0.6, {"scope": "arm", "arm": "Occl-Ex"}, text="7"),
            value_at(doc, "Occl-Sed; n=5", 5, 0.6, {"scope": "arm", "arm": "Occl-Sed"}, text="5"),
            value_at(doc, "Non-Occl-Con; n=6", 6, 0.6, {"scope": "arm", "arm": "Non-Occl-Con"}, text="6"),
        ],
    }
    model = {"name": "fixture_rules", "version": version}
    return doc, Record(document=doc.info(), fields=fields, model=model)


def pdf_record(doc: Document | None = None) -> tuple[Document, Record]:
    doc = doc or load_document(PDF)
    fields: dict[str, list[Value]] = {f: [] for f in ("dose", "route", "frequency", "therapy")}
    fields["sample_size"] = [value_at(doc, "assign 2,200 adult", 2200, 0.7, {"scope": "randomized", "arm": None},
                                      text="2,200")]
    return doc, Record(document=doc.info(), fields=fields, model={"name": "fixture_rules", "version": "0.1"})


def write_jsonl(path: Path, records: list[Record]) -> Path:
    path.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in records), encoding="utf-8")
    return path


class LiveServer:
    """A real uvicorn server for ``app`` on a free localhost port, in a thread."""

    def __init__(self, app: Any) -> None:
        import socket
        import threading

        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> LiveServer:
        import time

        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the review server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
