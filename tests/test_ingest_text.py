"""Plain-text ingest: decoding, blocks, heading detection, sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from kapextract.errors import IngestError
from kapextract.ingest import load_bytes
from kapextract.ingest.jats import read_jats
from kapextract.ingest.text import read_text

NXML = Path(__file__).parent / "fixtures" / "nxml"

PAPER = """Ketamine-assisted psychotherapy for alcohol use disorder: a pilot trial

Abstract

Background: Ketamine may help. Methods: We gave ketamine. Results: It helped. Conclusions: More work is needed.

Introduction

Alcohol use disorder is common and hard to treat.

2. Methods

2.1 Participants

Forty adults were enrolled.

Statistical analysis

We used mixed models.

Table 1. Baseline characteristics

Variable\tKetamine\tPlacebo
Age, years\t44\t45
Women, n\t10\t11

Values are mean or n.

RESULTS

Drinking days fell in the ketamine arm.

Discussion

Ketamine with therapy was well tolerated.

References

1. Krystal JH. Ketamine and alcoholism. Arch Gen Psychiatry. 2003;60:1-2.

2. Dakwar E. A single ketamine infusion. Am J Psychiatry. 2020;177:125-133.
"""


@pytest.fixture(scope="module")
def paper():
    return read_text(PAPER.encode("utf-8"), "paper.txt")


def _label(doc, text):
    for b in doc.blocks:
        if doc.text[b.start:b.end].startswith(text):
            return b.kind, b.section
    raise AssertionError(f"no block starts with {text!r}")


def test_text_is_kept_and_title_found(paper):
    assert paper.kind == "text" and paper.pages is None and paper.layout is None
    assert paper.text == PAPER
    assert paper.title.startswith("Ketamine-assisted psychotherapy")
    assert _label(paper, "Ketamine-assisted") == ("title", "title")


def test_headings_detected(paper):
    heads = {paper.text[b.start:b.end]: b.level for b in paper.blocks if b.kind == "heading"}
    for h in ("Abstract", "Introduction", "2. Methods", "2.1 Participants", "Statistical analysis", "RESULTS",
              "Discussion", "References"):
        assert h in heads, h
    assert heads["2. Methods"] == 1 and heads["2.1 Participants"] == 2
    assert _label(paper, "Forty adults")[0] == "paragraph"


def test_sections(paper):
    assert _label(paper, "Background: Ketamine may help")[1] == "abstract"
    assert _label(paper, "Alcohol use disorder")[1] == "introduction"
    assert _label(paper, "Forty adults")[1] == "methods"
    assert _label(paper, "We used mixed models")[1] == "methods"
    assert _label(paper, "Table 1.") == ("caption", "tables")
    assert _label(paper, "Variable\tKetamine") == ("table", "tables")
    assert _label(paper, "Values are mean") [1] == "tables"
    assert _label(paper, "Drinking days")[1] == "results"
    assert _label(paper, "Ketamine with therapy")[1] == "discussion"
    assert _label(paper, "1. Krystal")[1] == "references"
    assert _label(paper, "2. Dakwar")[1] == "references"
    assert paper.sections[0].start == 0 and paper.sections[-1].end == len(paper.text)


def test_heading_glued_to_paragraph_is_split():
    doc = read_text(b"A title line\n\nMethods\nWe enrolled 20 adults who were randomized.\n\nResults\nAll finished.\n", "g.txt")
    assert _label(doc, "Methods") == ("heading", "methods")
    assert _label(doc, "We enrolled") == ("paragraph", "methods")
    assert _label(doc, "All finished") == ("paragraph", "results")


def test_one_paragraph_per_line_without_blank_lines():
    para = "Patients received ketamine 0.5 mg/kg intravenously over 40 minutes in each session. " * 3
    text = f"Ketamine for depression\nAbstract\n{para}\nIntroduction\n{para}\nMethods\n{para}\n{para}\nResults\n{para}\n"
    doc = read_text(text.encode(), "lines.txt")
    kinds = [(b.kind, b.section) for b in doc.blocks]
    assert kinds == [
        ("title", "title"), ("heading", "abstract"), ("paragraph", "abstract"),
        ("heading", "introduction"), ("paragraph", "introduction"), ("heading", "methods"),
        ("paragraph", "methods"), ("paragraph", "methods"), ("heading", "results"), ("paragraph", "results"),
    ]


def test_hard_wrapped_text_without_blank_lines_gets_paragraphs():
    import textwrap

    para = ("Adults with treatment-resistant depression received intravenous ketamine at 0.5 mg/kg "
            "over forty minutes twice weekly for three weeks, with integration sessions between doses. ")
    body = "\n".join(textwrap.wrap(para * 3, 80))
    text = f"Ketamine trial\nMethods\n{body}\n{body}\nResults\n{body}\n"
    doc = read_text(text.encode(), "wrapped.txt")
    kinds = [(b.kind, b.section) for b in doc.blocks]
    assert kinds == [("title", "title"), ("heading", "methods"), ("paragraph", "methods"),
                     ("paragraph", "methods"), ("heading", "results"), ("paragraph", "results")]


def test_newlines_and_characters_normalized():
    doc = read_text("Title\r\n\r\nMethods\r\n\r\nThe \ufb01rst dose was 0.5 mg kg\u22121.\r\n".encode(), "n.txt")
    assert "\r" not in doc.text
    assert "The first dose was 0.5 mg kg-1." in doc.text


def test_cp1252_fallback_warns():
    doc = read_text("Title\n\nMethods\n\nDose 0.5\u20130.75 mg/kg.\n".encode("cp1252"), "w.txt")
    assert "0.5\u20130.75 mg/kg" in doc.text
    assert any("cp1252" in w for w in doc.warnings)


def test_empty_text_is_an_error():
    with pytest.raises(IngestError):
        read_text(b"  \n\n \t ", "e.txt")
    with pytest.raises(IngestError):
        load_bytes(b"", "e.txt")


def test_rendered_real_article_segments_like_its_markup():
    """A JATS article's text, read back as plain text, gets (nearly) the markup's sections."""
    gold = read_jats((NXML / "PMC4540107.nxml").read_bytes(), "PMC4540107.nxml")
    doc = read_text(gold.text.encode("utf-8"), "PMC4540107.txt")
    assert doc.text == gold.text
    counted = agree = 0
    for i, ch in enumerate(gold.text):
        if ch.isspace():
            continue
        counted += 1
        agree += gold.section_at(i) == doc.section_at(i)
    assert agree / counted > 0.95
    for label in ("methods", "results", "discussion", "references"):
        assert any(s.label == label for s in doc.sections)


def test_normalize_matches_per_character_mapping():
    from kapextract.ingest.textnorm import normalize, normalize_char, unicode_map

    sample = "".join(unicode_map()) + " plain text \ufb01 0.5 mg kg\u22121"
    assert normalize(sample) == "".join(normalize_char(c) for c in sample)
