"""Bring records into the review store: from record files or by extracting papers.

* ``.jsonl`` files hold one record per line (``kapextract batch`` output);
  ``.json`` files one record or a list of records (``kapextract extract
  --format json``). The whole file is validated before anything is imported:
  a malformed line rejects the file with one line naming the line and reason.
  When the paper a record was made from is found next to the records file (or
  at its recorded ``source`` path) and its sha256 matches the record's document
  id, it is ingested so the store has the document text and page images.
* Any other file is a paper: it is ingested and extracted with
  ``kapextract.extract`` and its record imported with the document.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kapextract.errors import KapextractError, read_bytes
from kapextract.model import FIELDS, SECTION_LABELS, Document, Record, sha256_bytes
from kapextract.review.store import ImportResult, ReviewStore


class RecordFileError(KapextractError):
    """A records file is malformed."""


RECORD_SUFFIXES = (".jsonl", ".json")


def check_record(d: Any) -> Record:
    """Parse and check one record dict; raises ValueError with a one-line reason."""
    if not isinstance(d, dict):
        raise ValueError(f"expected a record object, got {type(d).__name__}")
    record = Record.from_dict(d)
    doc_id = record.document.get("id")
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise ValueError("document.id is missing")
    if not isinstance(d.get("fields"), dict):
        raise ValueError("fields must be an object")
    for name in FIELDS:
        for i, v in enumerate(record.fields[name]):
            where = f"fields.{name}[{i}]"
            if not (0.0 <= v.confidence <= 1.0) or math.isnan(v.confidence):
                raise ValueError(f"{where}: confidence {v.confidence} is not in [0, 1]")
            ev = v.evidence
            if not isinstance(ev.sentence, str):
                raise ValueError(f"{where}: evidence.sentence must be text")
            if ev.start < 0 or ev.end < ev.start:
                raise ValueError(f"{where}: evidence offsets {ev.start}..{ev.end} are not a span")
            if ev.section not in SECTION_LABELS:
                raise ValueError(f"{where}: evidence.section {ev.section!r} is not a canonical section")
            if ev.bbox is not None and (len(ev.bbox) != 4 or not all(isinstance(x, int | float) for x in ev.bbox)):
                raise ValueError(f"{where}: evidence.bbox must be 4 numbers")
            if ev.page is not None and (not isinstance(ev.page, int) or ev.page < 1):
                raise ValueError(f"{where}: evidence.page must be a page number from 1")
    return record


def read_records_file(path: str | Path) -> list[Record]:
    """All records of a ``.jsonl``/``.json`` file, or RecordFileError naming the bad line."""
    p = Path(path)
    try:
        raw = read_bytes(p, RecordFileError, "records file").decode("utf-8")
    except UnicodeDecodeError:
        raise RecordFileError(f"{p}: not UTF-8 text, not a records file") from None
    records: list[Record] = []
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise RecordFileError(f"{p}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
        items = data if isinstance(data, list) else [data]
        for i, item in enumerate(items, 1):
            try:
                records.append(check_record(item))
            except ValueError as exc:
                raise RecordFileError(f"{p}: record {i}: {exc}") from None
    else:
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordFileError(f"{p}: line {n}: not valid JSON ({exc.msg})") from None
            try:
                records.append(check_record(item))
            except ValueError as exc:
                raise RecordFileError(f"{p}: line {n}: {exc}") from None
    if not records:
        raise RecordFileError(f"{p}: no records in the file")
    return records


def _find_source(record: Record, records_file: Path) -> tuple[Path, bytes] | None:
    """The paper a record was made from, when it can be found and its sha256 matches."""
    src = str(record.document.get("source") or "")
    if not src:
        return None
    candidates = [Path(src), records_file.parent / src, records_file.parent / Path(src).name]
    for c in candidates:
        try:
            if c.is_file():
                data = c.read_bytes()
                if sha256_bytes(data) == record.document.get("id"):
                    return c, data
        except OSError:
            continue
    return None


_CC_URL = re.compile(r"https?://creativecommons\.org/[\w./-]+")
_XLINK = "{http://www.w3.org/1999/xlink}href"


def jats_license(data: bytes) -> str | None:
    """The licence URL a JATS article states (``<license xlink:href>``,
    ``<ali:license_ref>``, or a Creative Commons link in the licence text)."""
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    for lic in root.iter("{*}license"):
        href = lic.get(_XLINK) or lic.get("href")
        if href:
            return href.strip()
        for ref in lic.iter("{*}license_ref"):
            if (ref.text or "").strip():
                return ref.text.strip()
        for el in lic.iter():
            href = el.get(_XLINK)
            if href and _CC_URL.match(href.strip()):
                return href.strip()
        m = _CC_URL.search("".join(lic.itertext()))
        if m:
            return m.group(0).rstrip(".")
    return None


def _license(doc: Document, data: bytes | None) -> str | None:
    """The document's licence when ingest or the JATS markup states one."""
    meta = doc.metadata or {}
    for key in ("license_url", "license"):
        if meta.get(key):
            return str(meta[key])
    if doc.kind == "jats" and data:
        return jats_license(data)
    return None


@dataclass
class ImportSummary:
    """Counts over one ``kapextract review FILES`` import."""

    results: list[ImportResult]
    failures: list[str]

    @property
    def documents_new(self) -> int:
        return sum(r.document_created for r in self.results)

    @property
    def sets_added(self) -> int:
        return sum(r.suggestions_added for r in self.results)

    def line(self) -> str:
        return (
            f"imported {len(self.results)} record(s): {self.documents_new} new document(s), "
            f"{self.sets_added} new suggestion set(s), {len(self.results) - self.sets_added} already present"
        )


Extractor = Callable[[Document], Record]


def default_extractor(drug: str = "ketamine", model: str | None = None) -> Extractor:
    """``Document -> Record`` using the extraction pipeline (raises if it is not installed)."""
    try:
        from kapextract.extraction import extract
    except ImportError:
        raise KapextractError(
            "extraction is not available in this build; import records instead (kapextract review records.jsonl)"
        ) from None

    def run(doc: Document) -> Record:
        return extract(doc, drug=drug, model=model)

    return run


def import_paths(
    store: ReviewStore,
    paths: Iterable[str | Path],
    *,
    extractor: Extractor | None = None,
    drug: str = "ketamine",
    model: str | None = None,
    log: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Import record files and papers into ``store``.

    Record files are all validated first (RecordFileError stops the import
    before anything is written). A paper that cannot be read is reported in
    ``failures`` and the other files are still imported.
    """
    from kapextract.ingest import load_document

    paths = [Path(p) for p in paths]
    record_files = {p: read_records_file(p) for p in paths if p.suffix.lower() in RECORD_SUFFIXES}
    results: list[ImportResult] = []
    failures: list[str] = []
    for p in paths:
        if p in record_files:
            for record in record_files[p]:
                found = _find_source(record, p)
                doc = data = None
                if found is not None:
                    try:
                        doc = load_document(found[0])
                        data = found[1]
                    except KapextractError as exc:
                        if log:
                            log(f"{found[0]}: could not ingest the source ({exc}); evidence shown without context")
                        doc = data = None
                    if doc is not None and doc.id != record.document.get("id"):
                        doc = data = None
                results.append(
                    store.import_record(
                        record, doc, source_bytes=data,
                        source_path=str(found[0].resolve()) if found else None,
                        origin=str(p), license=_license(doc, data) if doc else None,
                    )
                )
            continue
        try:
            doc = load_document(p)
            data = p.read_bytes()
        except KapextractError as exc:
            failures.append(str(exc))
            if log:
                log(f"skipped: {exc}")
            continue
        run = extractor or default_extractor(drug, model)
        record = run(doc)
        results.append(
            store.import_record(
                record, doc, source_bytes=data, source_path=str(p.resolve()), origin=str(p),
                license=_license(doc, data),
            )
        )
    return ImportSummary(results, failures)
