"""Importing records files and papers into the review store; malformed files are
rejected whole, with one line naming the line and the reason (exit 2)."""

from __future__ import annotations

import json
import shutil

import pytest
from review_support import NXML, nxml_record, write_jsonl

from kapextract.cli import main
from kapextract.model import Record
from kapextract.review.importer import RecordFileError, import_paths, read_records_file
from kapextract.review.store import open_store


@pytest.fixture(scope="module")
def nxml():
    return nxml_record()


def test_jsonl_import_finds_the_paper_next_to_it(tmp_path, nxml):
    doc, rec = nxml
    rec = Record.from_dict(rec.to_dict())
    shutil.copy(NXML, tmp_path / NXML.name)
    rec.document["source"] = NXML.name
    recs = write_jsonl(tmp_path / "records.jsonl", [rec])
    with open_store(str(tmp_path / "r.sqlite")) as s:
        summary = import_paths(s, [recs])
        assert summary.documents_new == 1 and summary.sets_added == 1
        got = s.get_document(doc.id)
        assert got.text == doc.text and got.kind == "jats"
        assert got.license == "http://creativecommons.org/licenses/by/2.0/"
        # importing again adds nothing
        again = import_paths(s, [recs])
        assert again.documents_new == 0 and again.sets_added == 0
        assert "1 already present" in again.line()


def test_jsonl_without_the_paper_imports_records_only(tmp_path, nxml):
    doc, rec = nxml
    rec = Record.from_dict(rec.to_dict())
    rec.document["source"] = "elsewhere/missing.nxml"
    recs = write_jsonl(tmp_path / "records.jsonl", [rec])
    with open_store(str(tmp_path / "r.sqlite")) as s:
        import_paths(s, [recs])
        assert s.get_document(doc.id).text is None


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda lines: lines.insert(1, "{not json"), r"line 2: not valid JSON"),
        (lambda lines: lines.append(json.dumps({"schema_version": "1"})), r"line 2: malformed record"),
        (lambda lines: lines.append(json.dumps({"schema_version": "9", "fields": {}, "document": {}})),
         r"line 2: unsupported schema_version"),
        (lambda lines: lines.append(lines[0].replace('"confidence": 0.91', '"confidence": 1.91')),
         r"line 2: fields.dose\[0\]: confidence 1.91 is not in \[0, 1\]"),
        (lambda lines: lines.append(lines[0].replace('"section": "methods"', '"section": "preamble"')),
         r"line 2: fields.dose\[0\]: evidence.section 'preamble'"),
        (lambda lines: lines.append(lines[0].replace('"dose":', '"weight":')), r"line 2: .*unknown field"),
        (lambda lines: lines.append("[1, 2]"), r"line 2: expected a record object"),
        (lambda lines: lines.clear(), r"no records in the file"),
    ],
)
def test_malformed_records_file_is_rejected_whole(tmp_path, nxml, capsys, mutate, message):
    _, rec = nxml
    lines = [json.dumps(rec.to_dict())]
    mutate(lines)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RecordFileError, match=message):
        read_records_file(bad)
    db = tmp_path / "r.sqlite"
    assert main(["review", "--db", str(db), "--import-only", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kapextract review: error: ") and "\n" not in err
    with open_store(str(db)) as s:
        assert s.counts()["documents"] == 0  # nothing of the file was imported


def test_json_file_with_a_list_and_a_binary_file(tmp_path, nxml):
    _, rec = nxml
    f = tmp_path / "records.json"
    f.write_text(json.dumps([rec.to_dict(), rec.to_dict()]))
    assert len(read_records_file(f)) == 2
    b = tmp_path / "b.jsonl"
    b.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(RecordFileError, match="not UTF-8"):
        read_records_file(b)
    with pytest.raises(RecordFileError, match="no such file"):
        read_records_file(tmp_path / "nope.jsonl")


def test_jats_license_from_the_corpus_markup():
    from kapextract.review.importer import jats_license

    assert jats_license(NXML.read_bytes()) == "http://creativecommons.org/licenses/by/2.0/"
    other = NXML.parent / "PMC5888649.nxml"
    assert jats_license(other.read_bytes()) == "http://creativecommons.org/licenses/by/4.0/"
    assert jats_license(b"<article><front/></article>") is None


def test_papers_are_extracted_for_real(tmp_path):
    """A paper goes through the real pipeline; every suggested value's evidence
    indexes the stored document text (the contract the review page relies on)."""
    from kapextract.model import FIELDS, sha256_bytes

    with open_store(str(tmp_path / "r.sqlite")) as s:
        summary = import_paths(s, [NXML, tmp_path / "missing.pdf"])
        assert summary.documents_new == 1 and len(summary.failures) == 1
        assert "missing.pdf" in summary.failures[0]
        doc_id = sha256_bytes(NXML.read_bytes())
        got = s.get_document(doc_id)
        assert got.kind == "jats" and got.license == "http://creativecommons.org/licenses/by/2.0/"
        (run,) = s.suggestion_sets(doc_id)
        assert run.model_name and run.record.document["id"] == doc_id
        values = [v for f in FIELDS for v in run.record.fields[f]]
        assert values, "the pipeline found nothing in a paper that states a ketamine dose"
        for v in values:
            assert got.text[v.evidence.start : v.evidence.end] == v.text
            assert v.evidence.sentence in got.text
