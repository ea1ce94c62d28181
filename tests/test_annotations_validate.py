"""The annotation validator on good and broken real passages (fixtures cite their PMCIDs)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kapextract.annotations.io import read_jsonl
from kapextract.annotations.validate import check_example, validate_paths
from kapextract.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "annotations" / "passages.jsonl"
GOOD = read_jsonl(FIXTURE)
ROOT = Path(__file__).resolve().parents[1]


def by_id(pid: str) -> dict:
    return copy.deepcopy(next(ex for ex in GOOD if ex["id"] == pid))


def write(path: Path, lines: list) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines), encoding="utf-8")
    return path


def test_fixture_passes():
    report = validate_paths([FIXTURE])
    assert report.ok, [str(p) for p in report.problems]
    assert (report.files, report.passages) == (1, len(GOOD)) == (1, 8)


# PMC4969982:p010 (sheep premedication): span 0 = DOSE '20 mg/kg', span 1 = DRUG 'ketamine',
# span 2 = DOSE '0.25 mg/kg', span 3 = DRUG 'midazolam'; relation 0 = DOSE_OF 0->1.
def _break(kind: str) -> tuple[dict | str, str]:
    ex = by_id("PMC4969982:p010")
    sp, rel = ex["spans"], ex["relations"]
    if kind == "json":
        return '{"id": "x", "text": ', "invalid JSON"
    if kind == "not_object":
        return "[1, 2]", "expected a JSON object"
    if kind == "no_id":
        del ex["id"]
        return ex, "id: missing"
    if kind == "empty_text":
        ex["text"] = ""
        return ex, "text: missing or not a non-empty string"
    if kind == "no_license":
        del ex["meta"]["license"]
        return ex, "meta.license: missing or empty"
    if kind == "bad_section":
        ex["meta"]["section"] = "methodology"
        return ex, "meta.section: 'methodology' is not one of"
    if kind == "outside":
        sp[-1]["end"] = len(ex["text"]) + 5
        return ex, "offsets outside the text"
    if kind == "empty_span":
        sp[0]["end"] = sp[0]["start"]
        return ex, "span 0 [146:146]: offsets outside the text (length 854) or empty"
    if kind == "float_offset":
        sp[0]["start"] = 146.0
        return ex, "start/end must be integers"
    if kind == "whitespace":
        sp[0]["end"] += 1  # '20 mg/kg ' takes the following space
        return ex, "'20 mg/kg ' has leading or trailing whitespace"
    if kind == "text_mismatch":
        sp[1]["text"] = "esketamine"
        return ex, "span text 'esketamine' != text at offsets 'ketamine'"
    if kind == "label":
        sp[1]["label"] = "MEDICATION"
        return ex, "label 'MEDICATION' is not one of DRUG"
    if kind == "unsorted":
        sp[0], sp[1] = sp[1], sp[0]
        for r in rel:
            r["head"], r["child"] = ({0: 1, 1: 0}.get(r["head"], r["head"]), {0: 1, 1: 0}.get(r["child"], r["child"]))
        return ex, "spans: not sorted by start"
    if kind == "overlap":
        sp.insert(1, {"start": sp[0]["start"] + 3, "end": sp[1]["end"], "label": "DOSE"})
        return ex, "overlap (DOSE '20 mg/kg' and DOSE 'mg/kg ketamine')"
    if kind == "duplicate_span":
        sp.insert(1, dict(sp[0]))
        return ex, "duplicate span [146:154] '20 mg/kg'"
    if kind == "double_label":
        sp.insert(1, {**sp[0], "label": "FREQUENCY"})
        return ex, "same offsets labelled twice"
    if kind == "rel_range":
        rel.append({"head": 0, "child": 40, "label": "DOSE_OF"})
        return ex, "head 0 or child 40 out of range (there are 15 spans)"
    if kind == "rel_self":
        rel.append({"head": 1, "child": 1, "label": "DOSE_OF"})
        return ex, "head and child are the same span 1"
    if kind == "rel_label":
        rel.append({"head": 0, "child": 1, "label": "HAS_DOSE"})
        return ex, "label 'HAS_DOSE' is not one of DOSE_OF"
    if kind == "rel_direction":
        rel.append({"head": 1, "child": 2, "label": "DOSE_OF"})  # DRUG -> DOSE: reversed
        return ex, "DOSE_OF links DRUG -> DOSE; it must be DOSE->DRUG"
    if kind == "rel_size_of_dose":
        rel.append({"head": 0, "child": 2, "label": "SIZE_OF"})
        return ex, "SIZE_OF links DOSE -> DOSE; it must be SAMPLE_SIZE->DRUG|THERAPY"
    if kind == "rel_duplicate":
        rel.append(dict(rel[0]))
        return ex, "duplicate of an earlier relation DOSE_OF 0->1"
    if kind == "rel_index_type":
        rel.append({"head": "0", "child": 1, "label": "DOSE_OF"})
        return ex, "head/child must be integer span indices"
    raise AssertionError(kind)


KINDS = ["json", "not_object", "no_id", "empty_text", "no_license", "bad_section", "outside", "empty_span",
         "float_offset", "whitespace", "text_mismatch", "label", "unsorted", "overlap", "duplicate_span",
         "double_label", "rel_range", "rel_self", "rel_label", "rel_direction", "rel_size_of_dose",
         "rel_duplicate", "rel_index_type"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_breakage_is_reported_at_its_line(tmp_path, kind):
    broken, expected = _break(kind)
    f = write(tmp_path / "a.jsonl", [GOOD[1], broken, GOOD[2]])
    report = validate_paths([f])
    assert not report.ok
    lines = [str(p) for p in report.problems]
    assert all(line.startswith(f"{f}:2: ") for line in lines), lines
    assert any(expected in line for line in lines), (expected, lines)
    assert all("\n" not in line for line in lines)


def test_legal_relations_of_every_type_pass():
    # the fixture holds all six relation labels, SIZE_OF to DRUG (PMC4628236) and to THERAPY (PMC3716952)
    labels = {r["label"] for ex in GOOD for r in ex["relations"]}
    assert labels == {"DOSE_OF", "ROUTE_OF", "FREQUENCY_OF", "DURATION_OF", "COMBINED_WITH", "SIZE_OF"}
    therapy = by_id("PMC3716952:p036")
    assert {therapy["spans"][r["child"]]["label"] for r in therapy["relations"]} == {"THERAPY"}
    assert all(check_example(ex) == [] for ex in GOOD)


def test_duplicate_ids_within_a_file_and_across_split_files(tmp_path):
    f = write(tmp_path / "one.jsonl", [GOOD[0], GOOD[1], GOOD[0]])
    probs = [str(p) for p in validate_paths([f]).problems]
    assert probs == [f"{f}:3: id 'PMC4969982:p010' already used on line 1"]

    split = tmp_path / "splits"
    split.mkdir()
    write(split / "train.jsonl", GOOD[:3])
    write(split / "test.jsonl", GOOD[2:4])
    probs = [str(p) for p in validate_paths([split]).problems]
    assert len(probs) == 1 and f"id '{GOOD[2]['id']}' also in" in probs[0]


def test_folder_validation_reads_only_jsonl(tmp_path):
    (tmp_path / "raw").mkdir()
    write(tmp_path / "raw" / "PMC3716952.jsonl", [GOOD[2]])
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "PMC1.json").write_text('{"not": "an annotation"}')
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "PMC1.nxml").write_text("<article/>")
    (tmp_path / "GUIDELINES.md").write_text("# text")
    report = validate_paths([tmp_path])
    assert report.ok and (report.files, report.passages) == (1, 1)


def test_cli_exit_codes(tmp_path, capsys):
    assert main(["annotations", "validate", str(FIXTURE)]) == 0
    assert "1 file(s), 8 passage(s): OK" in capsys.readouterr().out

    bad = write(tmp_path / "bad.jsonl", [GOOD[0], '{"broken'])
    assert main(["annotations", "validate", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{bad}:2: invalid JSON: Unterminated string starting at (column 2)"]
    assert err.strip() == "1 file(s), 2 passage(s): 1 problem(s)"

    assert main(["annotations", "validate", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "no such file or folder" in err

    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["annotations", "validate", str(empty)]) == 2
    assert "no .jsonl files" in capsys.readouterr().err


def test_cli_process_prints_no_traceback(tmp_path):
    bad = write(tmp_path / "bad.jsonl", ["\xff not json"])
    for target, code in ((bad, 1), (tmp_path / "nope", 2)):
        proc = subprocess.run([sys.executable, "-m", "kapextract", "annotations", "validate", str(target)],
                              capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)}, timeout=60)
        assert proc.returncode == code
        assert "Traceback" not in proc.stderr + proc.stdout
        assert len(proc.stderr.strip().splitlines()) == 1
