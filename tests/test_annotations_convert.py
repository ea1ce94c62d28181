"""Round trips through every converter, on real annotated passages (fixtures cite their PMCIDs).

Export then import must give back the same passages (id, text, meta, spans,
relations), except what a format cannot hold, which is asserted explicitly:
the BIO dataset loses relations; DocBin with ``expand`` alignment moves spans
that are not on token boundaries.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kapextract.annotations.converters import export_to, import_from
from kapextract.annotations.examples import span_keys
from kapextract.annotations.io import read_jsonl, write_jsonl
from kapextract.annotations.validate import check_example
from kapextract.cli import main
from kapextract.errors import AnnotationError

FIXTURE = Path(__file__).parent / "fixtures" / "annotations" / "passages.jsonl"
GOOD = read_jsonl(FIXTURE)
LOSSLESS = {"brat": "brat_dir", "labelstudio": "tasks.json", "prodigy": "tasks.jsonl", "docbin": "corpus.spacy"}


@pytest.mark.parametrize("fmt", sorted(LOSSLESS))
def test_lossless_round_trip(tmp_path, fmt):
    out = tmp_path / LOSSLESS[fmt]
    assert export_to(fmt, GOOD, out).count == len(GOOD)
    back = import_from(fmt, out)
    assert back.count == len(GOOD)
    assert sorted(back.examples, key=lambda e: e["id"]) == sorted(GOOD, key=lambda e: e["id"])
    assert all(check_example(ex) == [] for ex in back.examples)


def test_bio_dataset_round_trip_loses_only_relations(tmp_path):
    conv = export_to("dataset", GOOD, tmp_path / "ds")
    assert any("relations are not representable" in n and "48 relation(s)" in n for n in conv.notes)
    back = import_from("dataset", tmp_path / "ds")
    got = {ex["id"]: ex for ex in back.examples}
    for ex in GOOD:
        assert got[ex["id"]]["spans"] == ex["spans"]
        assert (got[ex["id"]]["text"], got[ex["id"]]["meta"]) == (ex["text"], ex["meta"])
        assert got[ex["id"]]["relations"] == []  # what the format cannot hold
    assert any("relations are not representable" in n for n in back.notes)


def test_bio_dataset_features_and_tags(tmp_path):
    from datasets import load_from_disk

    from kapextract.annotations.bio_dataset import bio_labels

    export_to("dataset", {"train": GOOD[:5], "test": GOOD[5:]}, tmp_path / "dd")
    dd = load_from_disk(str(tmp_path / "dd"))
    assert set(dd) == {"train", "test"} and (len(dd["train"]), len(dd["test"])) == (5, 3)
    names = dd["train"].features["ner_tags"].feature.names
    assert names == bio_labels() and names[:3] == ["O", "B-DRUG", "I-DRUG"]
    row = next(r for r in dd["train"] if r["id"] == "PMC2575601:p022")  # pentobarbital loading dose + infusion
    tags = [names[t] for t in row["ner_tags"]]
    k = row["tokens"].index("per")
    assert row["tokens"][k - 2:k + 2] == ["5", "mg/kg", "per", "hour"]
    assert tags[k - 2:k + 2] == ["B-DOSE", "I-DOSE", "I-DOSE", "I-DOSE"]
    assert tags[0] == "B-DRUG" and row["tokens"][0] == "Pentobarbital"
    # token offsets index the text
    assert all(row["text"][a:b] == t for t, a, b in zip(row["tokens"], row["token_start"], row["token_end"], strict=True))


def test_bio_tags_repair_and_offsetless_import(tmp_path):
    from datasets import ClassLabel, Dataset, Features, Sequence, Value

    from kapextract.annotations.bio_dataset import bio_labels, tags_to_spans

    spans, repaired = tags_to_spans(["I-DOSE", "I-DOSE", "O", "B-DRUG", "I-ROUTE"], [0, 2, 5, 7, 16], [1, 4, 6, 15, 18])
    assert spans == [{"start": 0, "end": 4, "label": "DOSE"}, {"start": 7, "end": 15, "label": "DRUG"},
                     {"start": 16, "end": 18, "label": "ROUTE"}]
    assert repaired == 2
    # a plain tokens/ner_tags dataset (as other tools write it): text is the tokens joined by spaces
    feats = Features({"tokens": Sequence(Value("string")), "ner_tags": Sequence(ClassLabel(names=bio_labels()))})
    tags = bio_labels()
    Dataset.from_dict({"tokens": [["ketamine", "0.5", "mg/kg", "IV"]],
                       "ner_tags": [[tags.index("B-DRUG"), tags.index("B-DOSE"), tags.index("I-DOSE"), tags.index("B-ROUTE")]]},
                      features=feats).save_to_disk(str(tmp_path / "plain"))
    ex = import_from("dataset", tmp_path / "plain").examples[0]
    assert ex["text"] == "ketamine 0.5 mg/kg IV"
    assert [(ex["text"][s["start"]:s["end"]], s["label"]) for s in ex["spans"]] == [
        ("ketamine", "DRUG"), ("0.5 mg/kg", "DOSE"), ("IV", "ROUTE")]


def test_docbin_entities_and_relation_extension(tmp_path):
    from spacy.tokens import DocBin

    from kapextract.annotations.tokens import blank_nlp

    conv = export_to("docbin", GOOD, tmp_path / "c.spacy")
    # the pipeline's tokenizer puts every fixture span on token boundaries ('vehicle-treated',
    # 'n=..', '35 mg/ kg)-xylazine' are split), so nothing is split or moved
    assert not any("split at span boundaries" in n or "moved" in n for n in conv.notes)
    docs = list(DocBin().from_disk(tmp_path / "c.spacy").get_docs(blank_nlp().vocab))
    doc = next(d for d in docs if d.user_data["kap_id"] == "PMC4969982:p010")
    ents = list(doc.ents)
    assert [e.text for e in ents[:4]] == ["20 mg/kg", "ketamine", "0.25 mg/kg", "midazolam"]
    rels = doc._.kap_relations
    assert rels[(ents[0].start, ents[1].start)] == {"DOSE_OF": 1.0}
    assert rels[(ents[2].start, ents[3].start)] == {"DOSE_OF": 1.0}
    assert sum(len(v) for v in rels.values()) == 10
    assert json.loads(doc.user_data["kap_meta"])["source"] == "PMC4969982"


#: PMC1177952:p007 (CC BY): a drug annotated inside a hyphenated token the tokenizer keeps whole
INSULIN_TEXT = "The baseline insulin-infusion dose and hourly adjustments of the dose were determined using an algorithm."
INSULIN = {"id": "PMC1177952:p007", "text": INSULIN_TEXT,
           "meta": {"source": "PMC1177952", "license": "CC BY 2.0", "section": "methods"},
           "spans": [{"start": 13, "end": 20, "label": "DRUG"}], "relations": []}


def test_docbin_splits_a_token_at_span_boundaries_losslessly(tmp_path):
    assert INSULIN_TEXT[13:20] == "insulin"
    conv = export_to("docbin", [INSULIN], tmp_path / "s.spacy")
    assert any("1 token(s) split at span boundaries" in n for n in conv.notes)
    back = import_from("docbin", tmp_path / "s.spacy").examples[0]
    assert span_keys(back) == span_keys(INSULIN)


def test_docbin_expand_alignment_moves_spans_explicitly(tmp_path):
    conv = export_to("docbin", [INSULIN], tmp_path / "e.spacy", alignment="expand")
    assert any("1 span(s) not on token boundaries were moved" in n and "'insulin' -> 'insulin-infusion'" in n
               for n in conv.notes)
    back = import_from("docbin", tmp_path / "e.spacy").examples[0]
    assert [(INSULIN_TEXT[a:b], lab) for a, b, lab in span_keys(back)] == [("insulin-infusion", "DRUG")]


def test_docbin_expand_alignment_drops_spans_that_collide(tmp_path):
    # two annotated drugs inside one token, as in a combination arm "SP-AQ (8 mg+16 mg)"
    text = "Patients received SP-AQ (8 mg+16 mg) daily."
    spans = [{"start": text.index("SP"), "end": text.index("SP") + 2, "label": "DRUG"},
             {"start": text.index("AQ"), "end": text.index("AQ") + 2, "label": "DRUG"},
             {"start": text.index("8 mg"), "end": text.index("8 mg") + 4, "label": "DOSE"}]
    ex = {"id": "combo:p1", "text": text, "meta": {"source": "test", "license": "CC BY 4.0", "section": "methods"},
          "spans": spans, "relations": [{"head": 2, "child": 0, "label": "DOSE_OF"},
                                        {"head": 2, "child": 1, "label": "DOSE_OF"}]}
    conv = export_to("docbin", [ex], tmp_path / "c.spacy", alignment="expand")
    assert any("could not be aligned and were dropped" in n for n in conv.notes)
    assert any("relation(s) dropped with their spans" in n for n in conv.notes)
    back = import_from("docbin", tmp_path / "c.spacy").examples[0]
    assert len(back["spans"]) < len(spans)
    assert len(back["relations"]) < 2


def test_docbin_groups_write_one_file_per_split(tmp_path):
    export_to("docbin", {"train": GOOD[:6], "dev": GOOD[6:]}, tmp_path / "spacy")
    assert sorted(p.name for p in (tmp_path / "spacy").iterdir()) == ["dev.spacy", "train.spacy"]
    assert import_from("docbin", tmp_path / "spacy").count == len(GOOD)


def test_brat_files_conf_and_foreign_input(tmp_path):
    export_to("brat", GOOD, tmp_path / "b")
    ann = (tmp_path / "b" / "PMC2575601_p022.ann").read_text().splitlines()
    assert ann[0] == "T1\tDRUG 0 13\tPentobarbital"
    assert "R1\tDOSE_OF Arg1:T2 Arg2:T1" in ann
    conf = (tmp_path / "b" / "annotation.conf").read_text()
    assert "SIZE_OF\tArg1:SAMPLE_SIZE, Arg2:DRUG|THERAPY" in conf

    # a hand-made brat pair without our meta file, with a discontinuous span and an event line
    foreign = tmp_path / "f"
    foreign.mkdir()
    (foreign / "doc1.txt").write_text("Ketamine 0.5 mg/kg was given intravenously.", encoding="utf-8")
    (foreign / "doc1.ann").write_text(
        "T1\tDRUG 0 8\tKetamine\nT2\tDOSE 9 19\t0.5 mg/kg \nT3\tROUTE 0 3;29 42\tKet intravenously\n"
        "R1\tDOSE_OF Arg1:T2 Arg2:T1\nR2\tROUTE_OF Arg1:T3 Arg2:T1\nE1\tGive:T1\n", encoding="utf-8")
    conv = import_from("brat", foreign)
    ex = conv.examples[0]
    assert ex["id"] == "doc1" and ex["meta"] == {}
    assert [(ex["text"][s["start"]:s["end"]], s["label"]) for s in ex["spans"]] == [("Ketamine", "DRUG"), ("0.5 mg/kg", "DOSE")]
    assert ex["relations"] == [{"head": 1, "child": 0, "label": "DOSE_OF"}]
    joined = "\n".join(conv.notes)
    for expected in ("discontinuous span T3", "whitespace trimmed from span T2", "relation R2 refers to a missing",
                     "lines (events, attributes, notes) are not kept", "no entry in kapextract_meta.jsonl"):
        assert expected in joined
    assert any("meta" in m for m in check_example(ex))  # foreign data needs source/license before joining the corpus


def test_labelstudio_predictions_directions_and_cancelled(tmp_path):
    out = tmp_path / "ls.json"
    export_to("labelstudio", GOOD[:2], out, as_predictions=True)
    tasks = json.loads(out.read_text())
    assert "predictions" in tasks[0] and "annotations" not in tasks[0]
    assert (tmp_path / "ls.json.config.xml").read_text().count("<Relation ") == 6
    assert sorted(import_from("labelstudio", out).examples, key=lambda e: e["id"]) == sorted(GOOD[:2], key=lambda e: e["id"])

    text = "Ketamine 0.5 mg/kg IV"
    region = lambda rid, a, b, lab: {"id": rid, "type": "labels", "from_name": "label", "to_name": "text",  # noqa: E731
                                     "value": {"start": a, "end": b, "labels": [lab]}}
    task = {"id": 7, "data": {"text": text, "source": "PMC1", "license": "CC BY", "section": "methods"},
            "annotations": [
                {"was_cancelled": True, "result": []},
                {"result": [region("a", 0, 8, "DRUG"), region("b", 9, 19, "DOSE"), region("c", 19, 21, "ROUTE"),
                            {"type": "relation", "from_id": "a", "to_id": "b", "direction": "left", "labels": ["DOSE_OF"]},
                            {"type": "relation", "from_id": "c", "to_id": "a", "direction": "right", "labels": []}]}]}
    (tmp_path / "one.json").write_text(json.dumps([task]))
    conv = import_from("labelstudio", tmp_path / "one.json")
    ex = conv.examples[0]
    assert ex["id"] == "7" and ex["meta"] == {"source": "PMC1", "license": "CC BY", "section": "methods"}
    assert [(text[s["start"]:s["end"]], s["label"]) for s in ex["spans"]] == [("Ketamine", "DRUG"), ("0.5 mg/kg", "DOSE"), ("IV", "ROUTE")]
    assert ex["relations"] == [{"head": 1, "child": 0, "label": "DOSE_OF"}]  # 'left' turned round
    assert any("whitespace trimmed" in n for n in conv.notes) and any("unlabelled" in n for n in conv.notes)


def test_prodigy_token_indices_and_answers(tmp_path):
    out = tmp_path / "p.jsonl"
    export_to("prodigy", GOOD, out)
    tasks = read_jsonl(out)
    t = next(x for x in tasks if x["meta"]["id"] == "PMC2575601:p022")
    toks = t["tokens"]
    for s in t["spans"]:
        assert toks[s["token_start"]]["start"] == s["start"] and toks[s["token_end"]]["end"] == s["end"]
    for r in t["relations"]:
        assert r["head"] == r["head_span"]["token_end"] and r["child"] == r["child_span"]["token_end"]
    # relations given by token index only (no head_span/child_span) and a rejected task
    for r in t["relations"]:
        del r["head_span"], r["child_span"]
    rejected = dict(tasks[0], answer="reject")
    write_jsonl(tmp_path / "q.jsonl", [t, rejected])
    conv = import_from("prodigy", tmp_path / "q.jsonl")
    assert conv.count == 1 and any("1 task(s) not accepted" in n for n in conv.notes)
    orig = next(e for e in GOOD if e["id"] == "PMC2575601:p022")
    assert conv.examples[0] == orig


def test_cli_export_import_and_errors(tmp_path, capsys):
    assert main(["annotations", "export", str(FIXTURE), "--to", "prodigy", "-o", str(tmp_path / "p.jsonl")]) == 0
    assert main(["annotations", "import", str(tmp_path / "p.jsonl"), "--from", "prodigy", "-o", str(tmp_path / "back.jsonl")]) == 0
    assert read_jsonl(tmp_path / "back.jsonl") == GOOD
    out = capsys.readouterr().out
    assert "exported 8 passage(s)" in out and "imported 8 passage(s)" in out

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({**GOOD[0], "spans": [{"start": 0, "end": 99999, "label": "DRUG"}]}) + "\n")
    assert main(["annotations", "export", str(bad), "--to", "brat", "-o", str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid passage(s)" in err
    (tmp_path / "x.spacy").write_bytes(b"not a docbin")
    assert main(["annotations", "import", str(tmp_path / "x.spacy"), "--from", "docbin", "-o", str(tmp_path / "y.jsonl")]) == 2
    assert "not a spaCy DocBin" in capsys.readouterr().err
    with pytest.raises(AnnotationError):
        import_from("labelstudio", bad)  # a JSONL file is not a Label Studio task list
