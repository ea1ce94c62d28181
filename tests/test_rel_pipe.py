"""The trainable relation component (rel_model + rel_pipe) on real annotated passages."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.training import Example

import kapextract.training.relation_component  # noqa: F401
from kapextract.annotations.docbin import example_to_doc
from kapextract.annotations.io import read_jsonl
from kapextract.annotations.tokens import blank_nlp
from kapextract.training.rel_model import make_candidates
from kapextract.training.rel_pipe import gold_relations, score_relations

FIXTURE = Path(__file__).parent / "fixtures" / "annotations" / "passages.jsonl"
GOOD = read_jsonl(FIXTURE)


def _examples(nlp):
    out = []
    for ex in GOOD:
        ref, _ = example_to_doc(blank_nlp(), ex)
        out.append(Example(nlp.make_doc(ex["text"]), ref))
    return out


def test_candidates_are_typed_pairs():
    ref, _ = example_to_doc(blank_nlp(), next(e for e in GOOD if e["id"] == "PMC2575601:p022"))
    pairs = make_candidates(max_length=200)(ref)
    # one DRUG (Pentobarbital), three DOSE, two DURATION: every attribute pairs with the drug only
    assert len(pairs) == 5
    assert all(c.label_ == "DRUG" and h.label_ in {"DOSE", "DURATION"} for h, c in pairs)
    assert make_candidates(max_length=10)(ref) == [p for p in pairs if abs(p[0].start - p[1].start) <= 10]


def test_relation_component_learns_saves_and_reloads(tmp_path):
    nlp = spacy.blank("en")
    nlp.tokenizer = blank_nlp().tokenizer
    nlp.add_pipe("kap_relation_extractor", name="kap_relations")
    examples = _examples(nlp)
    optimizer = nlp.initialize(lambda: examples)
    rel = nlp.get_pipe("kap_relations")
    assert set(rel.labels) == {"DOSE_OF", "ROUTE_OF", "FREQUENCY_OF", "DURATION_OF", "COMBINED_WITH", "SIZE_OF"}
    losses = []
    for _ in range(25):
        step = {}
        nlp.update(examples, sgd=optimizer, losses=step)
        losses.append(step["kap_relations"])
    assert losses[-1] < 0.5 * losses[0], losses

    # with gold entities on the predicted docs the trained component recovers the training relations
    for eg in examples:
        eg.predicted.set_ents(list(eg.predicted.ents))
    docs = list(nlp.pipe(eg.predicted for eg in examples))
    scored = [Example(d, eg.reference) for d, eg in zip(docs, examples, strict=True)]
    f = score_relations(scored)["rel_micro_f"]
    assert f > 0.8, f
    doc = next(d for d in docs if d.text.startswith("Pentobarbital"))
    assert all(set(v) <= {"DOSE_OF", "DURATION_OF"} for v in doc._.kap_relations.values())

    nlp.to_disk(tmp_path / "m")
    again = spacy.load(tmp_path / "m")
    d1 = next(d for d in again.pipe(eg.predicted for eg in examples) if d.text.startswith("Pentobarbital"))
    assert d1._.kap_relations.keys() == doc._.kap_relations.keys()
    for k, v in doc._.kap_relations.items():
        assert abs(v[next(iter(v))] - d1._.kap_relations[k][next(iter(v))]) < 1e-5


def test_score_relations_counts_by_character_offsets():
    nlp = spacy.blank("en")
    eg = _examples(nlp)[0]
    gold = gold_relations(eg.reference)
    assert len(gold) == len(GOOD[0]["relations"])
    # predicted: the gold entities and no relations -> recall 0; all gold -> 1.0
    eg.predicted.set_ents([eg.predicted.char_span(e.start_char, e.end_char, label=e.label_) for e in eg.reference.ents])
    eg.predicted._.kap_relations = {}
    assert score_relations([eg]) == {"rel_micro_p": 0.0, "rel_micro_r": 0.0, "rel_micro_f": 0.0}
    by_char = {(e.start_char, e.end_char): e for e in eg.predicted.ents}
    eg.predicted._.kap_relations = {
        (by_char[h[:2]].start, by_char[c[:2]].start): {lab: 0.9} for h, c, lab in gold
    }
    assert score_relations([eg])["rel_micro_f"] == 1.0


def test_pair_features_distance_direction_rivals_and_breaks():
    from kapextract.training.rel_model import DISTANCE_BUCKETS, N_PAIR_FEATURES, pair_features

    # PMC4969982:p010: '20 mg/kg ketamine and 0.25 mg/kg midazolam intramusculary. After ... 30 mcg/kg fentanyl'
    ref, _ = example_to_doc(blank_nlp(), GOOD[0])
    ents = {(e.text, e.start): e for e in ref.ents}
    first = lambda text: min((e for (t, _), e in ents.items() if t == text), key=lambda e: e.start)  # noqa: E731
    dose, ketamine, midazolam = first("20 mg/kg"), first("ketamine"), first("midazolam")
    route, fentanyl = first("intramusculary"), first("fentanyl")
    nb = len(DISTANCE_BUCKETS) + 1
    f = pair_features(ref, dose, ketamine)  # adjacent, head before child, no rival, no break
    assert len(f) == N_PAIR_FEATURES and f[0] == 1.0 and f[2 * nb] == 1.0 and f[-1] == 0.0
    f = pair_features(ref, route, ketamine)  # child before head: second direction block; midazolam lies between
    assert f[nb:2 * nb].count(1.0) == 1 and f[2 * nb + 1] == 1.0
    assert pair_features(ref, route, fentanyl)[-1] == 1.0  # a sentence break lies between
    assert pair_features(ref, dose, midazolam)[2 * nb + 1] == 1.0  # ketamine is a rival DRUG between
