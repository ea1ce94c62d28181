"""The resource loaders validate their files."""

from __future__ import annotations

import pytest

from kapextract import vocab


def test_drug_lexicon_rejects_a_name_listed_twice(monkeypatch):
    real = vocab._read

    def fake(name: str) -> str:
        if name == "drugs.tsv":
            return "ferrous sulfate\tferrous sulfate\tdrug\nFerrous sulfate\tiron sulfate\tdrug\n"
        return real(name)

    monkeypatch.setattr(vocab, "_read", fake)
    with pytest.raises(ValueError, match=r"drugs.tsv line 2: 'Ferrous sulfate' is listed twice"):
        vocab.DrugLexicon()


def test_shipped_drug_lexicon_loads():
    lex = vocab.DrugLexicon()
    assert lex.canonical("ferrous sulfate") == "iron sulfate"
    assert lex.canonical("UFT") == "tegafur-uracil"
    # British and INN spellings name the same drug
    for written, generic in [("ciclosporin", "cyclosporine"), ("frusemide", "furosemide"),
                             ("hyoscine", "scopolamine"), ("suxamethonium", "succinylcholine")]:
        assert lex.canonical(written) == generic


def test_extraction_lexicon_rejects_a_narrower_therapy_that_is_no_label(monkeypatch):
    import json

    real = vocab._read

    def fake(name: str) -> str:
        if name == "extraction_lexicon.json":
            data = json.loads(real(name))
            data["therapy_narrower_labels"] = {"mindfulness-based therapy": ["mindful walking"]}
            return json.dumps(data)
        return real(name)

    monkeypatch.setattr(vocab, "_read", fake)
    with pytest.raises(ValueError, match=r"therapy_narrower_labels\['mindfulness-based therapy'\]"):
        vocab.ExtractionLexicon()


def test_number_words_reject_a_fraction_above_one(monkeypatch):
    real = vocab._read
    monkeypatch.setattr(vocab, "_read", lambda name: "half\t1.5\tfraction\n" if name == "number_words.tsv" else real(name))
    with pytest.raises(ValueError, match=r"number_words.tsv line 1: a fraction's value must be between 0 and 1"):
        vocab.NumberWords()
