"""Corpus counts (``kapextract annotations stats``) and the split-aware grouping of paths."""

from __future__ import annotations

import json
from pathlib import Path

from kapextract.annotations.io import group_paths, read_jsonl
from kapextract.annotations.stats import compute, render_markdown, render_text
from kapextract.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "annotations" / "passages.jsonl"
GOOD = read_jsonl(FIXTURE)


def _write(path: Path, exs: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(e) + "\n" for e in exs))


def test_counts_of_the_fixture():
    st = compute(GOOD)
    assert (st.passages, len(st.articles)) == (8, 8)
    assert st.spans["DOSE"] == 16 and st.spans["THERAPY"] == 7 and sum(st.spans.values()) == 77
    assert st.relations["SIZE_OF"] == 8 and st.relations["COMBINED_WITH"] == 1 and sum(st.relations.values()) == 48
    assert st.sections == {"methods": 6, "results": 1, "abstract": 1}


def test_split_folder_groups_only_split_files(tmp_path):
    _write(tmp_path / "train.jsonl", GOOD[:5])
    _write(tmp_path / "test.jsonl", GOOD[5:])
    _write(tmp_path / "raw" / "PMC1.jsonl", GOOD)  # would double-count if read
    groups = group_paths([tmp_path])
    assert list(groups) == ["train", "test"]
    _write(tmp_path / "other" / "a.jsonl", GOOD[:2])
    assert list(group_paths([tmp_path / "other"])) == ["other"]


def test_tables_and_cli(tmp_path, capsys):
    stats = {"train": compute(GOOD[:5]), "test": compute(GOOD[5:])}
    text = render_text(stats).splitlines()
    assert text[0].split() == ["train", "test", "total"]
    assert text[1].split() == ["passages", "5", "3", "8"]
    md = render_markdown(stats)
    assert "| spans (all) | " in md and md.splitlines()[1] == "|---|---:|---:|---:|"
    _write(tmp_path / "train.jsonl", GOOD[:5])
    _write(tmp_path / "test.jsonl", GOOD[5:])
    assert main(["annotations", "stats", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["train", "test", "total"]
    assert any(line.split() == ["relations", "(all)", *map(str, [sum(len(e["relations"]) for e in GOOD[:5]),
                                                                   sum(len(e["relations"]) for e in GOOD[5:]), 48])]
               for line in out)
