"""kapextract report: a self-contained HTML report with charts, a table and evidence links."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kapextract
from kapextract.batch_io import error_record
from kapextract.model import Evidence, Record, Value
from kapextract.report import (
    CHARTS,
    ReportError,
    dose_points,
    read_results,
    render,
    route_counts,
    sample_sizes,
    session_counts,
    therapy_counts,
    write_report,
)

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures"

SENTENCE = ("Participants received three weekly intravenous infusions of ketamine 0.5 mg/kg over 40 minutes "
            "combined with cognitive behavioral therapy; 40 patients were randomized.")


def _v(value, text, attrs, conf=0.9):
    i = SENTENCE.index(text)
    return Value(value, text, conf, attrs, Evidence(SENTENCE, 1000 + i, 1000 + i + len(text), "methods", 3,
                                                    [72.0, 100.0, 140.0, 110.0]))


def crafted() -> dict:
    """A record with all five fields (values as the contract shapes them)."""
    rec = Record(document={"id": "f" * 64, "source": "kap_trial.pdf", "title": "A KAP trial", "doi": None,
                           "pages": 9})
    rec.fields["dose"] = [_v("0.5 mg/kg", "0.5 mg/kg", {"amount": 0.5, "amount_max": None, "unit": "mg/kg"})]
    rec.fields["route"] = [_v("intravenous", "intravenous", {"implied": False})]
    rec.fields["frequency"] = [_v("3 sessions, weekly", "three weekly",
                                  {"sessions": 3, "interval": "weekly", "period_weeks": None})]
    rec.fields["therapy"] = [_v("cognitive behavioral therapy", "cognitive behavioral therapy", {})]
    rec.fields["sample_size"] = [_v(40, "40", {"scope": "randomized", "arm": None}),
                                 _v(20, "0", {"scope": "arm", "arm": "ketamine"}, 0.5)]
    return rec.to_dict()


@pytest.fixture(scope="module")
def results_file(tmp_path_factory) -> Path:
    lines = [kapextract.extract(FIX / "pdf" / "trials2015_16_1_smokers_pilot_RCT.pdf").to_dict(),
             kapextract.extract(FIX / "nxml" / "PMC3637243.nxml").to_dict(),
             crafted(),
             error_record("e" * 64, "broken.pdf", "broken.pdf: PDF is truncated or corrupt")]
    p = tmp_path_factory.mktemp("report") / "out.jsonl"
    p.write_text("".join(json.dumps(x) + "\n" for x in lines) + '{"schema_version": "1", "docu', encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def html(results_file, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("html") / "report.html"
    write_report(results_file, out)
    return out.read_text(encoding="utf-8")


def test_report_has_its_five_charts_inline(html):
    for cid, _title, _fn in CHARTS:
        m = re.search(rf'<figure id="chart-{cid}" class="chart">(.*?)</figure>', html, re.S)
        assert m, cid
        assert "<svg" in m.group(1) and "</svg>" in m.group(1)
    # self-contained: nothing fetched from elsewhere
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<link" not in html and "<script" not in html


def test_report_table_lists_every_study_with_linked_values(html, results_file):
    res = read_results(results_file)
    assert len(res.records) == 3 and len(res.errors) == 1 and len(res.skipped) == 1
    table = re.search(r'<table id="study-table">(.*?)</table>', html, re.S).group(1)
    assert table.count('<tr id="study-') == 3
    assert "A KAP trial" in table
    for value in ("0.5 mg/kg", "intravenous", "3 sessions, weekly", "cognitive behavioral therapy", ">40<"):
        assert value in table, value
    links = re.findall(r'href="#(ev-[^"]+)"', table)
    assert links
    for anchor in links:  # every value links to an evidence block that exists
        assert f'id="{anchor}"' in html


def test_evidence_shows_sentence_section_offsets_page(html):
    block = re.search(r'<div class="evidence" id="ev-3-dose-0">(.*?)</div>\s*</div>', html, re.S).group(1)
    assert "<mark>0.5 mg/kg</mark>" in block
    assert "section methods" in block
    i = SENTENCE.index("0.5 mg/kg")
    assert f"chars {1000 + i}&ndash;{1009 + i}" in block
    assert "page 3" in block and "box [72, 100, 140, 110]" in block
    # the real PDF record carries pages in its evidence too
    assert re.search(r'id="ev-1-sample_size-0">.*?page \d+', html, re.S)


def test_failed_documents_and_skipped_lines_are_listed(html):
    errors = re.search(r'<table id="error-table">(.*?)</table>', html, re.S).group(1)
    assert "broken.pdf" in errors and "truncated or corrupt" in errors
    assert "line 5: not a JSON record" in html


def test_chart_data_counts_each_study_by_its_first_value():
    recs = [crafted(), crafted()]
    recs[1]["fields"]["route"] = []
    assert route_counts(recs) == {"intravenous": 1, "not stated": 1}
    assert session_counts(recs) == {"3": 2}
    assert therapy_counts(recs) == {"cognitive behavioral therapy": 2}
    assert sample_sizes(recs) == [40.0, 40.0]
    assert dose_points(recs) == {"mg/kg": [("intravenous", 0.5, None), ("not stated", 0.5, None)]}


def test_render_with_no_values_still_draws_every_chart():
    rec = Record(document={"id": "0" * 64, "source": "empty.txt", "title": None, "doi": None, "pages": None})
    from kapextract.report import Results

    page = render(Results(records=[rec.to_dict()]))
    assert page.count("<svg") == len(CHARTS)
    assert "No values found in this paper." in page


def test_bad_input_is_a_one_line_error(tmp_path):
    with pytest.raises(ReportError, match="no such file"):
        read_results(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kapextract", "report", str(bad), "-o", str(tmp_path / "r.html")],
                          capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "no records" in proc.stderr
