"""Words split by a hyphen at a line end (kapextract.ingest.hyphenation)."""

from __future__ import annotations

from kapextract import extract
from kapextract.ingest.hyphenation import join_wrapped_words, keep_hyphen, line_vocabulary
from kapextract.ingest.text import read_text


def test_a_split_word_is_joined_and_the_line_break_follows_it():
    text = "Patients received keta-\nmine 0.5 mg/kg over 40 min, and ketamine was\nwell tolerated."
    assert join_wrapped_words(text) == (
        "Patients received ketamine\n0.5 mg/kg over 40 min, and ketamine was\nwell tolerated."
    )


def test_punctuation_moves_up_with_the_second_half():
    assert join_wrapped_words("the inter-\nvals, then\nmore") == "the intervals,\nthen\nmore"
    # the second half is the whole next line: the next line break stays where it was
    assert join_wrapped_words("given as keta-\nmine.\nNext") == "given as ketamine.\nNext"


def test_compounds_keep_their_hyphen():
    text = "A double-blind trial.\nIt was double-\nblind and placebo controlled.\nThe moderate-to-\nvigorous group."
    out = join_wrapped_words(text)
    assert "It was double-blind\nand placebo" in out
    assert "moderate-to-vigorous\ngroup." in out


def test_text_without_a_hyphen_at_a_line_end_is_unchanged():
    text = "Ketamine 0.5 mg/kg - given\nweekly; a range 0.5-\n0.75 mg/kg stays."
    assert join_wrapped_words(text) == text


def test_keep_hyphen_uses_the_documents_own_words():
    vocab = line_vocabulary(["we gave ketamine twice", "the ketamine arm and weekly visits"])
    assert not keep_hyphen("we gave keta", "mine and", vocab)
    assert keep_hyphen("twice", "weekly sessions", vocab)  # both halves are words of the paper
    assert keep_hyphen("dose", "Finding", vocab)  # a capital after the hyphen


def test_text_ingest_indexes_the_joined_text():
    doc = read_text(b"Title of a paper\n\nMethods\n\nWe gave keta-\nmine as an infusion.\n", "t.txt")
    start = doc.text.index("ketamine")
    assert doc.text[start:start + 8] == "ketamine"
    assert "keta-" not in doc.text


def test_a_dose_stated_only_with_the_drug_name_split_is_found(tmp_path):
    """A hard-wrapped paper whose one dose sentence splits the drug name over two lines."""
    lines = [
        "Ketamine-assisted psychotherapy for alcohol use disorder: an open pilot",
        "",
        "Methods",
        "Twenty adults with alcohol use disorder took part. Each received three sessions of",
        "psychotherapy. In the second session participants were given intravenous keta-",
        "mine 0.75 mg/kg over 40 minutes, once, with a psychiatrist present throughout.",
        "The psychotherapy was motivational enhancement therapy delivered by two",
        "trained therapists, and ketamine was well tolerated by all participants.",
        "",
        "Results",
        "All twenty participants completed the study.",
    ]
    paper = tmp_path / "wrapped.txt"
    paper.write_text("\n".join(lines) + "\n", encoding="utf-8")
    record = extract(paper).to_dict()
    dose = record["fields"]["dose"]
    assert dose and dose[0]["value"] == "0.75 mg/kg"
    ev = dose[0]["evidence"]
    assert read_text(paper.read_bytes(), "wrapped.txt").text[ev["start"]:ev["end"]] == dose[0]["text"]


def test_a_number_word_keeps_its_hyphen():
    # "Eighty-" / "seven" at a line end is "Eighty-seven", whatever else the paper writes
    assert keep_hyphen("Results: Eighty", "seven patients started treatment", set())
    assert join_wrapped_words("Results: Eighty-\nseven patients started treatment.") == (
        "Results: Eighty-seven\npatients started treatment.")
