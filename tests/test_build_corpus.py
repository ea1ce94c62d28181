"""scripts/build_corpus.py: split by article, validation, attribution and stats (real passages)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from script_support import load_script

from kapextract.annotations.corpus import split_of
from kapextract.annotations.examples import article_of
from kapextract.annotations.io import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "annotations" / "passages.jsonl"
GOOD = read_jsonl(FIXTURE)
# three fixture articles are extraction gold articles (annotations/test_articles.txt)
TEST_ARTICLES = ["PMC4969982", "PMC4628236", "PMC4696773", "PMC9999999"]


def _script():
    return load_script("build_corpus")


@pytest.fixture
def ann(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for ex in GOOD:
        with (raw / f"{ex['meta']['source']}.jsonl").open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(ex) + "\n")
    (tmp_path / "test_articles.txt").write_text("# gold articles\n" + "\n".join(TEST_ARTICLES) + "\n")
    (tmp_path / "manifest.tsv").write_text(
        "pmcid\tset\ttitle\tjournal\tyear\tlicense_url\n"
        "PMC4969982\tketamine_methods\tEffects of dexmedetomidine and esmolol\tCritical Care\t2016\thttp://creativecommons.org/licenses/by/4.0/\n")
    return tmp_path


def test_split_rule_is_deterministic_and_about_85_15():
    ids = [f"PMC{n}" for n in range(1000000, 1002000)]
    splits = [split_of(i, set()) for i in ids]
    assert splits == [split_of(i, set()) for i in ids]
    dev = splits.count("dev") / len(splits)
    assert 0.12 < dev < 0.18 and set(splits) == {"train", "dev"}
    assert split_of("PMC1000000", {"PMC1000000"}) == "test"


def test_build_writes_splits_by_article(ann, capsys):
    assert _script().main(["--annotations", str(ann)]) == 0
    out = capsys.readouterr()
    assert "articles: train" in out.out and "PMC9999999" in out.err  # a listed test article with no passages is named
    splits = {s: read_jsonl(ann / f"{s}.jsonl") for s in ("train", "dev", "test")}
    assert sum(len(v) for v in splits.values()) == len(GOOD)
    arts = {s: {article_of(ex) for ex in v} for s, v in splits.items()}
    assert arts["test"] == {"PMC4969982", "PMC4628236", "PMC4696773"}
    assert not (arts["train"] & arts["dev"]) and not (arts["train"] & arts["test"]) and not (arts["dev"] & arts["test"])
    for s in ("train", "dev"):
        assert all(split_of(a, set(TEST_ARTICLES)) == s for a in arts[s])
    # attribution: one row per article, manifest first, passage meta as fallback
    rows = list(csv.DictReader((ann / "ATTRIBUTION.tsv").open(), delimiter="\t"))
    assert sorted(r["pmcid"] for r in rows) == sorted({ex["meta"]["source"] for ex in GOOD})
    r = next(r for r in rows if r["pmcid"] == "PMC4969982")
    assert (r["split"], r["journal"], r["year"]) == ("test", "Critical Care", "2016")
    r = next(r for r in rows if r["pmcid"] == "PMC3716952")
    assert r["license_url"] == "http://creativecommons.org/licenses/by/2.0" and r["title"].startswith("The comparative effectiveness")
    assert r["url"] == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3716952/"
    stats = (ann / "STATS.md").read_text()
    total_spans = sum(len(ex["spans"]) for ex in GOOD)
    assert "| spans (all) |" in stats and f"| {total_spans} |" in stats
    assert "| SIZE_OF | " in stats and "PMC9999999" in stats


def test_rebuild_is_identical(ann):
    script = _script()
    assert script.main(["--annotations", str(ann)]) == 0
    first = {p.name: p.read_bytes() for p in ann.iterdir() if p.is_file()}
    assert script.main(["--annotations", str(ann)]) == 0
    assert {p.name: p.read_bytes() for p in ann.iterdir() if p.is_file()} == first


def test_invalid_raw_stops_the_build_unless_skipped(ann, capsys):
    f = ann / "raw" / "PMC3716952.jsonl"
    ex = read_jsonl(f)[0]
    bad = dict(ex, id="PMC3716952:p099", spans=[*ex["spans"], {"start": 0, "end": 2, "label": "PATIENTS"}])
    wrong_source = dict(ex, id="PMC3716952:p100", meta={**ex["meta"], "source": "PMC0000001"})
    f.write_text(f.read_text() + json.dumps(bad) + "\n" + json.dumps(wrong_source) + "\n{oops\n")
    script = _script()
    assert script.main(["--annotations", str(ann)]) == 1
    err = capsys.readouterr().err
    assert f"{f}:2: " in err and "label 'PATIENTS'" in err
    assert f"{f}:3: meta.source 'PMC0000001' is not this file's article 'PMC3716952'" in err
    assert f"{f}:4: invalid JSON" in err and "nothing written" in err
    assert not (ann / "train.jsonl").exists()

    assert script.main(["--annotations", str(ann), "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "skipped invalid passages: 3" in out
    ids = {e["id"] for s in ("train", "dev", "test") for e in read_jsonl(ann / f"{s}.jsonl")}
    assert ids == {e["id"] for e in GOOD}


def test_missing_inputs_are_one_line_errors(tmp_path, capsys):
    assert _script().main(["--annotations", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "test article list not found" in err


def test_holdout_list_gives_its_own_split(ann, capsys):
    (ann / "holdout_articles.txt").write_text("# blind\nPMC3716952\n")
    assert _script().main(["--annotations", str(ann)]) == 0
    assert "holdout 1" in capsys.readouterr().out
    holdout = read_jsonl(ann / "holdout.jsonl")
    assert holdout and {article_of(ex) for ex in holdout} == {"PMC3716952"}
    others = [ex for s in ("train", "dev", "test") for ex in read_jsonl(ann / f"{s}.jsonl")]
    assert "PMC3716952" not in {article_of(ex) for ex in others}
    assert len(others) + len(holdout) == len(GOOD)
    assert split_of("PMC3716952", set(), holdout_articles={"PMC3716952"}) == "holdout"


def test_an_article_in_test_and_holdout_is_refused(ann, capsys):
    (ann / "holdout_articles.txt").write_text("PMC4969982\n")
    assert _script().main(["--annotations", str(ann)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "both the test and the holdout list: PMC4969982" in err
