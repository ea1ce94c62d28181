"""kapextract batch: parallel, resumable, failure-tolerant, local and Dask.

The end-to-end tests run the real CLI in a subprocess on corpus NXML and
fixture PDFs (tests/fixtures), with a corrupt PDF in the middle.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kapextract import batch
from kapextract.batch_io import (
    BatchError,
    Journal,
    error_record,
    journal_path,
    read_journal,
    table_columns,
    write_output,
)

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures"
ENV = {
    **os.environ,
    "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    "PYTHONWARNINGS": "ignore",
}


def cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kapextract", *args], capture_output=True, text=True,
                          env=ENV, timeout=timeout, cwd=ROOT)


def lines_of(path: Path) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> Path:
    """Three real papers with a corrupt PDF sorted into the middle."""
    d = tmp_path_factory.mktemp("papers")
    shutil.copy(FIX / "nxml" / "PMC4069535.nxml", d / "a_PMC4069535.nxml")
    shutil.copy(FIX / "nxml" / "PMC5888649.nxml", d / "b_PMC5888649.nxml")
    shutil.copy(FIX / "bad" / "truncated.pdf", d / "c_corrupt.pdf")
    shutil.copy(FIX / "nxml" / "PMC4540107.nxml", d / "d_PMC4540107.nxml")
    shutil.copy(FIX / "pdf" / "trials2015_16_1_smokers_pilot_RCT.pdf", d / "e_smokers.pdf")
    return d


@pytest.fixture(scope="module")
def local_run(papers, tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "out.jsonl"
    proc = cli("batch", str(papers), "-o", str(out), "--workers", "2", "--no-progress")
    return proc, out


def test_corrupt_file_in_the_middle(papers, local_run):
    proc, out = local_run
    assert proc.returncode == 1, proc.stderr
    assert "4 done, 1 failed, 0 skipped" in proc.stderr
    assert "Traceback" not in proc.stderr
    got = lines_of(out)
    assert len(got) == 5
    by_source = {Path(ln["document"]["source"]).name: ln for ln in got}
    err = by_source["c_corrupt.pdf"]
    assert set(err) == {"schema_version", "document", "error"}
    assert set(err["document"]) == {"id", "source"}
    assert err["document"]["id"] == sha(papers / "c_corrupt.pdf")
    assert "\n" not in err["error"] and "corrupt" in err["error"].lower()
    for name in ("a_PMC4069535.nxml", "b_PMC5888649.nxml", "d_PMC4540107.nxml", "e_smokers.pdf"):
        rec = by_source[name]
        assert rec["schema_version"] == "1"
        assert rec["document"]["id"] == sha(papers / name)
        assert set(rec["fields"]) == {"dose", "route", "frequency", "therapy", "sample_size"}
    # the PDF carries pages; a known trial gets its sample size
    assert by_source["e_smokers.pdf"]["document"]["pages"]


def test_rerun_skips_done_and_failed_then_retry_failed(local_run, tmp_path):
    proc, out = local_run
    out2 = tmp_path / "out.jsonl"
    shutil.copy(out, out2)
    papers = Path(lines_of(out)[0]["document"]["source"]).parent
    again = cli("batch", str(papers), "-o", str(out2), "--no-progress")
    assert again.returncode == 1  # the corrupt file's error record is still there
    assert "0 done, 0 failed, 5 skipped" in again.stderr
    assert "earlier error records: 1" in again.stderr
    assert out2.read_bytes() == out.read_bytes()
    retry = cli("batch", str(papers), "-o", str(out2), "--no-progress", "--retry-failed")
    assert retry.returncode == 1
    assert "0 done, 1 failed, 4 skipped" in retry.stderr
    got = lines_of(out2)
    ids = [ln["document"]["id"] for ln in got]
    assert len(ids) == len(set(ids)) == 5
    assert sum("error" in ln for ln in got) == 1


def test_kill_and_resume_no_duplicates_nothing_lost(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    inputs = sorted(FIX.glob("nxml/*.nxml")) + sorted(FIX.glob("pdf/*.pdf"))[:2]
    for p in inputs:
        shutil.copy(p, src / p.name)
    expected = {sha(p) for p in inputs}
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "kapextract", "batch", str(src), "-o", str(out),
                             "--workers", "1", "--no-progress"], env=ENV, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= 1:
                break
            if proc.poll() is not None:
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    first = out.read_bytes()
    n_first = first.count(b"\n")
    assert 1 <= n_first < len(inputs), "the batch must be killed part-way"
    # a kill in the middle of a write leaves a cut-off line: simulate one
    whole = first.splitlines()[0]
    with out.open("ab") as fh:
        fh.write(whole[: len(whole) // 2])
    resumed = cli("batch", str(src), "-o", str(out), "--no-progress")
    assert resumed.returncode == 0, resumed.stderr
    assert "cut off" in resumed.stderr
    assert f"{len(inputs) - n_first} done, 0 failed, {n_first} skipped" in resumed.stderr
    got = lines_of(out)  # every line parses
    ids = [ln["document"]["id"] for ln in got]
    assert len(ids) == len(set(ids)), "duplicates after resume"
    assert set(ids) == expected, "documents lost after resume"
    assert out.read_bytes().startswith(first[: first.rfind(b"\n") + 1])


def _strip_timing(line: dict) -> dict:
    line = json.loads(json.dumps(line))
    for k in ("seconds", "elapsed", "elapsed_s", "timing", "time", "created_at"):
        line.get("model", {}).pop(k, None)
        line.pop(k, None)
    return line


def test_dask_local_cluster_equals_local_run(papers, local_run, tmp_path):
    from distributed import LocalCluster

    _, out = local_run
    dask_out = tmp_path / "dask.jsonl"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=50) as cluster:
        summary = batch.run(papers, dask_out, engine="dask", scheduler=cluster.scheduler_address,
                            progress=False)
    assert (summary.done, summary.failed, summary.skipped) == (4, 1, 0)
    local = {ln["document"]["id"]: _strip_timing(ln) for ln in lines_of(out)}
    remote = {ln["document"]["id"]: _strip_timing(ln) for ln in lines_of(dask_out)}
    assert remote == local


def test_dask_unreachable_scheduler_is_a_user_error(papers, tmp_path):
    with pytest.raises(BatchError, match="Dask scheduler"):
        batch.run(papers, tmp_path / "o.jsonl", engine="dask", scheduler="tcp://127.0.0.1:9", progress=False,
                  dask_connect_timeout=2)


def test_formats_from_real_records(local_run, tmp_path):
    _, out = local_run
    got = lines_of(out)
    csv_path = tmp_path / "o.csv"
    assert write_output(got, "csv", csv_path) == 5
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert list(rows[0]) == table_columns()
    assert {r["document_id"] for r in rows} == {ln["document"]["id"] for ln in got}
    err_row = next(r for r in rows if r["error"])
    assert err_row["dose_value"] == ""
    rec = next(ln for ln in got if ln.get("fields", {}).get("sample_size"))
    row = next(r for r in rows if r["document_id"] == rec["document"]["id"])
    top = rec["fields"]["sample_size"][0]
    assert row["sample_size_value"] == str(top["value"])
    assert int(row["sample_size_start"]) == top["evidence"]["start"]

    import pyarrow.parquet as pq

    pq_path = tmp_path / "o.parquet"
    write_output(got, "parquet", pq_path)
    table = pq.read_table(pq_path).to_pylist()
    assert len(table) == 5
    assert {json.loads(r["record"])["document"]["id"] for r in table} == {ln["document"]["id"] for ln in got}

    for fmt, key in (("covidence", "Study ID"), ("revman", "Study")):
        p = tmp_path / f"o.{fmt}.csv"
        assert write_output(got, fmt, p) == 4  # error records are left out
        rows = list(csv.DictReader(p.open(encoding="utf-8")))
        assert len(rows) == 4 and all(r[key] for r in rows)


def test_parquet_batch_writes_the_final_file_from_its_journal(papers, local_run, tmp_path):
    """A parquet batch resumes from OUT.journal.jsonl; here every paper is in it already."""
    _, done = local_run
    out = tmp_path / "o.parquet"
    jpath = journal_path(out, "parquet")
    assert jpath.name == "o.parquet.journal.jsonl"
    good = [ln for ln in done.read_text(encoding="utf-8").splitlines() if '"error"' not in ln]
    jpath.write_text("\n".join(good) + "\n", encoding="utf-8")
    lst = tmp_path / "papers.txt"
    names = [p.name for p in sorted(papers.iterdir()) if p.name != "c_corrupt.pdf"]
    lst.write_text("# the good papers\n" + "".join(f"{papers / n}\n" for n in names) + "\n", encoding="utf-8")
    proc = cli("batch", str(lst), "-o", str(out), "--format", "parquet", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "0 done, 0 failed, 4 skipped" in proc.stderr
    import pyarrow.parquet as pq

    rows = pq.read_table(out).to_pylist()
    assert sorted(r["source"] for r in rows) == sorted(str(papers / n) for n in names)
    assert len(lines_of(jpath)) == 4


# --------------------------------------------------------------------------- journal and inputs (no extraction)


def _rec(i: int) -> dict:
    return {"schema_version": "1", "document": {"id": f"{i:064x}", "source": f"p{i}.txt"},
            "fields": {}, "warnings": [], "model": {}}


def test_journal_repairs_a_cut_off_last_line(tmp_path):
    p = tmp_path / "j.jsonl"
    whole = "".join(json.dumps(_rec(i)) + "\n" for i in range(3))
    p.write_text(whole + json.dumps(_rec(3))[:40], encoding="utf-8")
    j, state = Journal.open(p)
    assert set(state.done) == {f"{i:064x}" for i in range(3)}
    assert state.repaired and "line 4" in state.repaired
    j.write(_rec(4))
    j.close()
    assert [ln["document"]["source"] for ln in lines_of(p)] == ["p0.txt", "p1.txt", "p2.txt", "p4.txt"]


def test_journal_keeps_a_whole_last_line_without_newline_and_skips_bad_middle_lines(tmp_path):
    p = tmp_path / "j.jsonl"
    p.write_text(json.dumps(_rec(0)) + "\nnot json\n" + json.dumps(_rec(1)), encoding="utf-8")
    j, state = Journal.open(p)
    assert set(state.done) == {f"{0:064x}", f"{1:064x}"} and state.bad_lines == [2] and not state.repaired
    j.write(_rec(2))
    j.close()
    raw = p.read_text(encoding="utf-8").splitlines()
    assert len(raw) == 4 and json.loads(raw[3])["document"]["source"] == "p2.txt"


def test_journal_drop_failed_rewrites_without_error_records(tmp_path):
    p = tmp_path / "j.jsonl"
    err = error_record("e" * 64, "bad.pdf", "bad.pdf: PDF is\ncorrupt")
    assert err["error"] == "bad.pdf: PDF is corrupt"
    p.write_text(json.dumps(_rec(0)) + "\n" + json.dumps(err) + "\n", encoding="utf-8")
    assert set(read_journal(p).failed) == {"e" * 64}
    j, state = Journal.open(p, drop_failed=True)
    j.close()
    assert not state.failed and len(lines_of(p)) == 1


def test_list_file_with_relative_paths_and_comments(tmp_path):
    d = tmp_path / "lists"
    d.mkdir()
    shutil.copy(FIX / "nxml" / "PMC5888649.nxml", d / "x.nxml")
    lst = d / "list.txt"
    lst.write_text("# papers\nx.nxml\nmissing.pdf\n", encoding="utf-8")
    entries = batch.collect_inputs(lst)
    assert [s for _, s in entries] == ["x.nxml", "missing.pdf"]
    items = batch.hash_inputs(entries)
    assert items[0].id == sha(d / "x.nxml") and items[0].error is None
    assert items[1].error == "missing.pdf: no such file" and items[1].id.startswith("path-sha256:")


def test_bad_inputs_are_one_line_user_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    for arg, msg in ((tmp_path / "nope", "no such folder"), (tmp_path / "empty", "no papers found")):
        proc = cli("batch", str(arg), "-o", str(tmp_path / "o.jsonl"))
        assert proc.returncode == 2 and msg in proc.stderr and "Traceback" not in proc.stderr
    lst = tmp_path / "l.txt"
    lst.write_text("this is not a path\n", encoding="utf-8")
    with pytest.raises(BatchError, match="not a list of paths"):
        batch.collect_inputs(lst)


def test_converter_from_existing_results(local_run, tmp_path):
    from kapextract.batch_io import main as convert_main

    _, out = local_run
    dest = tmp_path / "form.csv"
    assert convert_main([str(out), "--format", "revman", "-o", str(dest)]) == 0
    rows = list(csv.DictReader(dest.open(encoding="utf-8")))
    assert len(rows) == 4 and {"Study", "Participants", "Interventions"} <= set(rows[0])
    assert convert_main([str(tmp_path / "none.jsonl"), "--format", "csv", "-o", str(dest)]) == 2


CRASH_HOOK = '''
import os
if os.environ.get("KX_TEST_CRASH_ON"):
    import kapextract.ingest as _ing
    _orig = _ing.load_bytes
    def load_bytes(data, name="<bytes>"):
        if os.environ["KX_TEST_CRASH_ON"] in name:
            os._exit(3)  # what a segfault inside a PDF library looks like to the pool
        return _orig(data, name)
    _ing.load_bytes = load_bytes
'''


def test_a_worker_that_dies_marks_only_its_own_document(tmp_path):
    """A worker process killed mid-document: the pool is replaced, the papers in
    flight are re-run one at a time, and only the culprit gets an error record."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(CRASH_HOOK, encoding="utf-8")
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(FIX / "nxml" / "PMC5888649.nxml", src / "a_good.nxml")
    shutil.copy(FIX / "nxml" / "PMC4069535.nxml", src / "b_crashme.nxml")
    out = tmp_path / "out.jsonl"
    env = {**ENV, "PYTHONPATH": f"{hook}{os.pathsep}{ENV['PYTHONPATH']}", "KX_TEST_CRASH_ON": "crashme"}
    proc = subprocess.run([sys.executable, "-m", "kapextract", "batch", str(src), "-o", str(out), "--no-progress"],
                          capture_output=True, text=True, env=env, timeout=180, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr
    assert "1 done, 1 failed" in proc.stderr
    by_name = {Path(ln["document"]["source"]).name: ln for ln in lines_of(out)}
    assert "fields" in by_name["a_good.nxml"]
    assert "worker process died" in by_name["b_crashme.nxml"]["error"]
