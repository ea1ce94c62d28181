"""Section segmentation: lexicon, numbering, run-in headings, the segmenter's rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapextract.model import SECTION_LABELS, Block, Document
from kapextract.sections import HeadingLexicon, assign_sections, lexicon, normalize_heading
from kapextract.sections.headings import looks_like_heading
from kapextract.sections.notes import is_table_note
from kapextract.sections.numbering import split_numbering
from kapextract.sections.runin import run_in_heading


def _doc(parts: list[tuple[str, str] | tuple[str, str, int]]) -> Document:
    """A document from (kind, text[, level]) blocks separated by blank lines."""
    text = ""
    blocks = []
    for p in parts:
        kind, t = p[0], p[1]
        if text:
            text += "\n\n"
        blocks.append(Block(len(text), len(text) + len(t), kind, level=p[2] if len(p) > 2 else None))
        text += t
    return Document(id="x", source="x", text=text, blocks=blocks)


def _labels(parts) -> list[str]:
    doc = _doc(parts)
    assign_sections(doc)
    return [b.section for b in doc.blocks]


# -- lexicon ---------------------------------------------------------------------------


def test_shipped_lexicon_loads():
    lex = lexicon()
    assert len(lex) > 100
    assert lex.lookup("2. MATERIALS AND METHODS").label == "methods"
    assert lex.lookup("Authors\u2019 contributions").label == "other"
    assert lex.lookup("Results and conclusions").label == "results"
    assert lex.lookup("Introduction/warm-up (5 min)").tier == "minor"
    assert lex.lookup("Ketamine pharmacology") is None
    tail = lex.lookup("Pilot trial discussion")
    assert (tail.label, tail.tier, tail.exact) == ("discussion", "minor", False)


@pytest.mark.parametrize(
    ("tsv", "needle"),
    [
        ("methods\tmethodz\tmajor\n", "unknown section label"),
        ("methods\tmethods\tbig\n", "tier"),
        ("methods\tmethods\n", "expected"),
        ("methods\tmethods\tmajor\nMethods.\tresults\tmajor\n", "duplicate"),
    ],
)
def test_lexicon_validation(tsv, needle):
    with pytest.raises(ValueError, match=needle):
        HeadingLexicon.from_tsv(tsv, "t.tsv")


def test_normalize_heading():
    assert normalize_heading("  3.2.  Statistical   Analysis: ") == "statistical analysis"
    # a qualifier in brackets after the heading: "2. METHODS (ABBREVIATED)", "Results (continued)"
    assert normalize_heading("2. METHODS (ABBREVIATED)") == "methods"
    assert normalize_heading("Results (continued):") == "results"
    assert normalize_heading("(Supplementary)") == "(supplementary)"
    assert normalize_heading("Patients & Methods") == "patients and methods"


@pytest.mark.parametrize(
    ("text", "level", "rest"),
    [("2. Methods", 1, "Methods"), ("2.1 Participants", 2, "Participants"), ("3.2.1. Doses", 3, "Doses"),
     ("II. RESULTS", 1, "RESULTS"), ("B. Outcomes", None, "Outcomes"), ("Methods", None, "Methods"),
     ("IIII. Not roman", None, "IIII. Not roman"), ("2 | METHODS", 1, "METHODS"),
     ("2.1 | Participants", 2, "Participants")],
)
def test_numbering(text, level, rest):
    assert split_numbering(text) == (level, rest)


def test_run_in_and_heading_shapes():
    assert run_in_heading("Methods: We randomized 40 adults.") == "Methods"
    assert run_in_heading("RESULTS. Of 40 adults, 38 finished.") == "RESULTS"
    assert run_in_heading("Participants. Forty adults.") == "Participants"  # as structured abstracts print it
    assert run_in_heading("Objective. To examine ketamine.") == "Objective"
    assert run_in_heading("Participants were forty adults.") is None
    assert run_in_heading("The methods: unusual.") is None
    # bold run-in headings of PDFs come without punctuation
    assert run_in_heading("Competing interests The authors declare none.") == "Competing interests"
    assert run_in_heading("References 1. Smith J. A paper. 2001.") == "References"
    assert run_in_heading("Tables 1 and 2 show the baseline data.") is None
    assert run_in_heading("Results 3 patients withdrew.") is None
    assert run_in_heading("Background noise was low.") is None
    assert looks_like_heading("Effects of Ketamine on Mood")
    assert looks_like_heading("3.1 Study design and participants")
    assert not looks_like_heading("Patients received 0.5 mg/kg ketamine.")
    assert not looks_like_heading("19. Randomization.")
    assert not looks_like_heading("effects of ketamine")
    assert looks_like_heading("Effects in isolated cells", strict=False)
    assert not looks_like_heading("Effects in isolated cells", strict=True)


def test_table_notes():
    assert is_table_note("* p < 0.05 versus placebo.")
    assert is_table_note("BMI, body mass index; SD, standard deviation; CI, confidence interval.")
    assert not is_table_note("Mean scores fell in both arms " * 10 + "(P = 0.04; CI: 1-2).")


# -- segmenter rules -------------------------------------------------------------------


def test_plain_paper():
    labels = _labels([
        ("title", "Ketamine for depression"), ("heading", "Abstract"), ("paragraph", "We tested ketamine."),
        ("heading", "Introduction"), ("paragraph", "Depression."), ("heading", "Methods"),
        ("heading", "Participants"), ("paragraph", "Adults."), ("heading", "Odd sub-heading"),
        ("paragraph", "More."), ("heading", "RESULTS"), ("paragraph", "Better."),
        ("heading", "Statistical analysis"), ("paragraph", "Still results."), ("heading", "Discussion"),
        ("paragraph", "Good."), ("heading", "References"), ("paragraph", "1. Someone. 2001."),
    ])
    assert labels == [
        "title", "abstract", "abstract", "introduction", "introduction", "methods", "methods", "methods",
        "methods", "methods", "results", "results", "results", "results", "discussion", "discussion",
        "references", "references",
    ]


def test_structured_abstract_then_body():
    labels = _labels([
        ("title", "T"), ("heading", "Abstract"), ("heading", "Background"), ("paragraph", "Why."),
        ("heading", "Methods"), ("paragraph", "How."), ("heading", "Results"), ("paragraph", "What."),
        ("heading", "Conclusions"), ("paragraph", "So."), ("heading", "Trial registration"),
        ("paragraph", "NCT1."), ("heading", "Background"), ("paragraph", "Body intro."),
        ("heading", "Methods"), ("paragraph", "Body methods."),
    ])
    assert labels[:12] == ["title"] + ["abstract"] * 11
    assert labels[12:] == ["introduction", "introduction", "methods", "methods"]


def test_run_in_abstract_without_heading_is_relabelled():
    labels = _labels([
        ("title", "T"), ("paragraph", "Background: why."), ("paragraph", "Methods: how."),
        ("paragraph", "Results: what."), ("paragraph", "Conclusions: so."), ("heading", "Introduction"),
        ("paragraph", "Body."), ("heading", "Methods"), ("paragraph", "Body methods."),
    ])
    assert labels == ["title"] + ["abstract"] * 4 + ["introduction"] * 2 + ["methods"] * 2


def test_abstract_parts_run_in_with_a_full_stop_then_the_body():
    # "Objective." had been no heading (a minor heading needed a colon), so "Method." closed the
    # abstract, "Conclusions." opened the conclusion and the INTRODUCTION under it was taken
    # for a sub-heading: the whole introduction, with its cited doses, was "conclusion"
    labels = _labels([
        ("title", "T"), ("heading", "ABSTRACT"), ("paragraph", "Objective. To examine ketamine."),
        ("paragraph", "Method. In this open-label trial, adults received ketamine."),
        ("paragraph", "Results. Twenty-six adults were enrolled."),
        ("paragraph", "Conclusions. Ketamine was feasible."), ("heading", "INTRODUCTION"),
        ("paragraph", "Others gave 2.0 mg/kg."), ("heading", "METHODS"), ("paragraph", "Body methods."),
    ])
    assert labels == ["title"] + ["abstract"] * 5 + ["introduction"] * 2 + ["methods"] * 2


def test_the_bodys_first_heading_after_a_box_of_run_in_parts_is_no_sub_heading():
    # "Study at a glance" with "Design: ...", "Interventions: ..." under the summary opened the
    # methods by run-in parts only; the "Introduction" heading after it was taken for a
    # sub-heading, so the introduction's other trials (227 randomized) read as this study's methods
    labels = _labels([
        ("title", "T"), ("heading", "Summary"), ("paragraph", "Esketamine acts within hours, but its benefit fades."),
        ("heading", "Study at a glance"), ("paragraph", "Design: single-arm, open-label feasibility study."),
        ("paragraph", "Interventions: Esketamine nasal spray, 84 mg per session."),
        ("heading", "Introduction"), ("paragraph", "In the pivotal trial, 227 patients were randomized."),
        ("heading", "Methods"), ("paragraph", "Participants were recruited from the service."),
    ])
    assert labels[6:] == ["introduction", "introduction", "methods", "methods"]


def test_abstract_parts_run_in_with_a_dash_then_the_body():
    # "Purpose —" (a minor part's name and a dash) was no heading, so the abstract was taken as
    # unstructured and its "Methods —" closed it: the introduction again became "conclusion"
    labels = _labels([
        ("title", "T"), ("heading", "ABSTRACT"), ("paragraph", "Purpose — People facing death often despair."),
        ("paragraph", "Methods — Hospice patients took part. The first dose was 100 mg."),
        ("paragraph", "Results — Twenty patients were enrolled."),
        ("paragraph", "Conclusions — The approach was feasible."), ("heading", "INTRODUCTION"),
        ("paragraph", "Others gave 0.5 mg/kg."), ("heading", "METHODS"), ("paragraph", "Body methods."),
    ])
    assert labels == ["title"] + ["abstract"] * 5 + ["introduction"] * 2 + ["methods"] * 2
    assert run_in_heading("Purpose — People facing death", abstract_part=True) == "Purpose"
    assert run_in_heading("Purpose — People facing death") is None  # outside an abstract, a dash needs a major heading


@pytest.mark.parametrize("kind", ["paragraph", "heading"])
def test_a_letter_s_first_paragraph_is_its_introduction_not_an_abstract(kind):
    # kind "heading": a PDF's layout sets "To the Editor:" apart, as a heading block
    labels = _labels([
        ("title", "Ketamine with behavioural activation: an open pilot"), (kind, "To the Editor:"),
        ("paragraph", "Older adults with depression have few options. A randomised trial in 16 patients over 60 years "
                      "used ascending doses from 0.1 to 0.5 mg/kg, and a Canadian open series gave 0.5 mg/kg twice "
                      "weekly for four weeks to 53 older patients; we therefore tested a combination."),
        ("paragraph", "Methods. We enrolled fourteen outpatients."),
    ])
    assert labels == ["title", "introduction", "introduction", "methods"]


def test_headings_numbered_with_a_bar():
    # "1 | INTRODUCTION", "2 | METHODS", "2.1 | Participants": one publisher's numbering
    labels = _labels([
        ("title", "T"), ("heading", "Abstract"), ("paragraph", "Background. Why. Methods. What."),
        ("heading", "1 | INTRODUCTION"), ("paragraph", "Others gave 2.0 mg/kg."),
        ("heading", "2 | METHODS"), ("heading", "2.1 | Participants"), ("paragraph", "We enrolled 15."),
        ("heading", "3 | RESULTS"), ("paragraph", "All finished."),
    ])
    assert labels == ["title", "abstract", "abstract", "introduction", "introduction"] + ["methods"] * 3 + ["results"] * 2


def test_run_in_parts_before_any_section_are_an_abstract():
    labels = _labels([
        ("title", "T"), ("paragraph", "Objective: why."), ("paragraph", "Design: a trial."),
        ("paragraph", "Setting: a clinic."), ("paragraph", "Results: it helped."),
        ("paragraph", "Conclusions: good."), ("heading", "Introduction"), ("paragraph", "Body."),
    ])
    assert labels == ["title"] + ["abstract"] * 5 + ["introduction"] * 2


def test_long_front_matter_before_abstract_heading():
    front = "Journal of Things, Volume 3. Author One, Author Two, Department of Psychiatry. " * 8
    labels = _labels([
        ("paragraph", front), ("heading", "Abstract"), ("paragraph", "Background: why."),
        ("paragraph", "Methods: how."), ("paragraph", "Conclusions: so."), ("heading", "Introduction"),
        ("paragraph", "Body."),
    ])
    assert labels == ["other"] + ["abstract"] * 4 + ["introduction"] * 2


def test_background_inside_methods_is_a_subheading():
    labels = _labels([
        ("heading", "Abstract"), ("paragraph", "Short abstract."), ("heading", "Introduction"),
        ("paragraph", "Intro."), ("heading", "Methods"), ("paragraph", "How."), ("heading", "Background"),
        ("paragraph", "Background of the intervention."), ("heading", "Results"), ("paragraph", "What."),
    ])
    assert labels[4:] == ["methods", "methods", "methods", "methods", "results", "results"]


def test_run_in_headings_and_back_matter():
    labels = _labels([
        ("heading", "Introduction"), ("paragraph", "Intro."), ("paragraph", "Methods: we did it."),
        ("paragraph", "More methods."), ("paragraph", "Funding: none."), ("paragraph", "Still methods."),
    ])
    assert labels == ["introduction", "introduction", "methods", "methods", "other", "methods"]
    late = _labels([("heading", "Discussion"), ("paragraph", "We found."), ("paragraph", "Funding: none."),
                    ("paragraph", "Second funding paragraph."), ("paragraph", "References 1. Smith J. 2001.")])
    assert late == ["discussion", "discussion", "other", "other", "references"]


def test_numbering_decides_level():
    labels = _labels([
        ("heading", "1. Introduction"), ("paragraph", "a"), ("heading", "2. Methods"), ("paragraph", "b"),
        ("heading", "2.4 Conclusions of the pilot"), ("paragraph", "c"), ("heading", "3. Participants"),
        ("paragraph", "d"), ("heading", "4. Discussion"), ("heading", "4.3 Conclusion"), ("paragraph", "e"),
    ])
    assert labels == ["introduction", "introduction", "methods", "methods", "methods", "methods",
                      "methods", "methods", "discussion", "discussion", "discussion"]


def test_caps_style_makes_mixed_case_a_subheading():
    labels = _labels([
        ("heading", "METHODS"), ("paragraph", "a"), ("heading", "RESULTS"), ("paragraph", "b"),
        ("heading", "DISCUSSION"), ("paragraph", "c"), ("heading", "Conclusion"), ("paragraph", "d"),
        ("heading", "REFERENCES"), ("paragraph", "1. Ref."),
    ])
    assert labels[6:8] == ["discussion", "discussion"]
    assert labels[8:] == ["references", "references"]
    caps = _labels([
        ("heading", "INTRODUCTION"), ("paragraph", "a"), ("heading", "METHODS"), ("paragraph", "b"),
        ("heading", "RESULTS"), ("paragraph", "c"), ("heading", "FEASIBILITY STUDY DISCUSSION"),
        ("paragraph", "d"), ("heading", "Safety"), ("paragraph", "e"),
    ])
    assert caps[6:] == ["discussion"] * 4


def test_layout_level_one_heading_opens_minor_section():
    labels = _labels([("heading", "Introduction", 1), ("paragraph", "a"), ("heading", "Study design", 1),
                      ("paragraph", "b"), ("heading", "Findings", 2), ("paragraph", "c")])
    assert labels == ["introduction", "introduction", "methods", "methods", "results", "results"]


def test_tables_captions_and_figures():
    labels = _labels([
        ("heading", "Results"), ("paragraph", "Text."), ("caption", "Table 2 Outcomes"),
        ("table", "a\tb\n1\t2"), ("paragraph", "* P < 0.05."), ("caption", "Figure 1. Flow."),
        ("paragraph", "More results text that is long enough. " * 6), ("footnote", "a note"),
    ])
    assert labels == ["results", "results", "tables", "tables", "tables", "results", "results", "results"]


def test_references_entries_do_not_open_sections():
    labels = _labels([("heading", "References"), ("paragraph", "1. A. 2001."), ("heading", "19. Randomization"),
                      ("paragraph", "20. B. 2002."), ("heading", "Tables"), ("table", "a\tb\n1\t2")])
    assert labels[:4] == ["references"] * 4
    assert labels[4:] == ["tables", "tables"]


def test_late_summary_is_conclusion_early_abstract_heading_is_abstract():
    body = "We enrolled adults. " * 400
    labels = _labels([("heading", "Methods"), ("paragraph", body), ("heading", "Summary"), ("paragraph", "b")])
    assert labels == ["methods", "methods", "conclusion", "conclusion"]
    # an "Abstract" heading after front matter that looked like a section: front matter
    labels = _labels([("title", "T"), ("heading", "Background"), ("paragraph", "Affiliations."),
                      ("heading", "Abstract"), ("paragraph", "We did it."), ("heading", "Introduction")])
    assert labels == ["title", "title", "title", "abstract", "abstract", "introduction"]


def test_empty_document():
    doc = Document(id="x", source="x", text="")
    assign_sections(doc)
    assert doc.sections == []


_KINDS = st.sampled_from(["title", "heading", "paragraph", "table", "caption", "list", "footnote"])
_TEXTS = st.sampled_from([
    "Methods", "RESULTS", "2. Discussion", "Abstract", "Table 1 X", "Figure 2. Y", "Results: we found.",
    "References", "Participants", "Some paragraph of text.", "Background", "Keywords: a; b",
    "* note", "Acknowledgements", "1.2 Odd heading", "Summary",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_KINDS, _TEXTS), min_size=1, max_size=30), st.integers(0, 3))
def test_sections_always_cover_text(parts, lead):
    doc = _doc(parts)
    doc.text = " " * lead + doc.text
    for b in doc.blocks:
        b.start += lead
        b.end += lead
    assign_sections(doc)
    assert doc.sections[0].start == 0 and doc.sections[-1].end == len(doc.text)
    for a, b in zip(doc.sections, doc.sections[1:], strict=False):
        assert a.end == b.start and a.label != b.label
    for b in doc.blocks:
        assert b.section in SECTION_LABELS
        assert doc.section_at(b.start) == b.section


def test_an_abstract_heading_run_into_its_first_part_keeps_the_next_parts():
    # BMJ Open's PDFs: "ABSTRACT Introduction ..." then "Methods and analysis ..." on a new line;
    # the second part goes on with the abstract, and "INTRODUCTION" then opens the body
    labels = _labels([
        ("title", "Sublingual ketamine with meaning-centred psychotherapy: a trial protocol"),
        ("paragraph", "ABSTRACT Introduction Demoralisation is common in advanced cancer."),
        ("paragraph", "Methods and analysis Sixty adults will be randomised to ketamine or midazolam."),
        ("paragraph", "INTRODUCTION Up to a third of people with advanced cancer report demoralisation."),
        ("paragraph", "METHODS AND ANALYSIS Design and setting. A two-arm trial."),
    ])
    assert labels == ["title", "abstract", "abstract", "introduction", "methods"]


def test_a_protocol_heading_opens_the_methods_of_a_case_series():
    labels = _labels([
        ("title", "Ketamine infusion before exposure therapy: four cases"),
        ("heading", "Introduction"), ("paragraph", "OCD is common."),
        ("heading", "The protocol (such as it was)"), ("paragraph", "Two infusions, seven days apart."),
    ])
    assert labels[-2:] == ["methods", "methods"]


def test_a_running_headers_research_letter_cell_marks_a_letter():
    # "J Clin Mood Disord. 2025;9(2):140-143      RESEARCH LETTER": no abstract; the paragraph after
    # the title and authors is the letter's introduction
    labels = _labels([
        ("paragraph", "J Clin Mood Disord. 2025;9(2):140-143                 RESEARCH LETTER"),
        ("title", "Esketamine with interpersonal and social rhythm therapy for bipolar depression"),
        ("paragraph", "Bipolar depression accounts for most of the time that people with bipolar disorder spend "
                      "unwell, and few treatments act quickly. A single intravenous infusion of racemic ketamine "
                      "reduced depressive symptoms within hours in 18 patients maintained on lithium or valproate. "
                      "Our clinic has since 2021 offered esketamine together with interpersonal and social rhythm "
                      "therapy, a psychotherapy that stabilises daily routines and addresses interpersonal problems, "
                      "for patients whose depression had not responded to two or more treatments. We describe the "
                      "outcomes of the first patients treated in this way."),
        ("heading", "Methods"), ("paragraph", "We reviewed records."),
    ])
    assert labels[2:] == ["introduction", "methods", "methods"]


def test_plain_language_run_in_headings_of_a_short_report():
    labels = _labels([
        ("title", "T"), ("paragraph", "Summary. We ran a pilot."), ("paragraph", "Why we did this. Others used 0.5 mg/kg."),
        ("paragraph", "What we did. Twelve were enrolled."), ("paragraph", "What we found. Scores fell."),
        ("paragraph", "What it means. A trial is warranted."),
    ])
    assert labels == ["title", "abstract", "introduction", "methods", "results", "discussion"]


def test_a_case_series_treatment_approach_and_case_descriptions_are_methods():
    labels = _labels([
        ("title", "T"), ("heading", "Introduction"), ("paragraph", "Other studies."),
        ("heading", "Treatment approach"), ("paragraph", "Troches of 100 mg."),
        ("heading", "Case descriptions"), ("paragraph", "Case 1. A man."), ("heading", "Discussion"), ("paragraph", "So."),
    ])
    assert labels == ["title", "introduction", "introduction", "methods", "methods", "methods", "methods",
                      "discussion", "discussion"]


def test_a_quality_improvement_reports_abstract_parts_and_body_headings():
    # "Problem:", "Intervention:", "Measures:", "Results:", "Lessons:" are the parts of a QI
    # report's abstract; its body runs BACKGROUND, BASELINE MEASUREMENT, DESIGN AND STRATEGY,
    # RESULTS, LESSONS AND LIMITATIONS
    labels = _labels([
        ("title", "T"), ("heading", "ABSTRACT"), ("paragraph", "Problem: Patients relapsed."),
        ("paragraph", "Intervention: We added CBT."), ("paragraph", "Measures: Relapse by week 12."),
        ("paragraph", "Results: We compared 48 with 57 patients."), ("paragraph", "Lessons: It was feasible."),
        ("heading", "BACKGROUND"), ("paragraph", "Others gave esketamine 56 mg."),
        ("heading", "BASELINE MEASUREMENT"), ("paragraph", "48 received ketamine alone."),
        ("heading", "DESIGN AND STRATEGY"), ("paragraph", "Ketamine 0.5 mg/kg was infused."),
        ("heading", "RESULTS"), ("paragraph", "57 started."),
        ("heading", "LESSONS AND LIMITATIONS"), ("paragraph", "Timing mattered."),
    ])
    assert labels == ["title"] + ["abstract"] * 6 + ["introduction"] * 2 + ["methods"] * 4 + ["results"] * 2 + [
        "discussion"] * 2


def test_an_abstracts_parts_in_title_case_without_punctuation():
    # "Objective In Germany, ..." / "Method Prospective, ...": the parts of a structured abstract
    # printed in bold without a colon, then the body's Introduction
    labels = _labels([
        ("title", "T"), ("heading", "Abstract"), ("paragraph", "Objective In Germany, many patients start esketamine."),
        ("paragraph", "Method Prospective, single-arm observational cohort."), ("paragraph", "Results Thirty-eight were enrolled."),
        ("paragraph", "Conclusion Combining them was feasible."), ("heading", "Introduction"), ("paragraph", "Others gave 0.5 mg/kg."),
        ("heading", "Methods"), ("paragraph", "Esketamine 56 mg."),
    ])
    assert labels == ["title"] + ["abstract"] * 5 + ["introduction"] * 2 + ["methods"] * 2
    # outside an abstract a title-case minor word opening a sentence is no heading
    assert _labels([("title", "T"), ("heading", "Introduction"), ("paragraph", "Objective Measures were few.")])[-1] == "introduction"


def test_authors_lines_run_into_an_inline_structured_abstract():
    # the authors' lines and "ABSTRACT. Objective: ... Method: ..." in one block, then "Results: ..."
    # on its own line: the abstract goes on, and INTRODUCTION opens the body
    labels = _labels([
        ("title", "T"),
        ("paragraph", "Hollis T. Graymark, PhD 1,2; Renata Quiroga-Bell, MD 1 " + "x " * 250
         + "ABSTRACT. Objective: Ketamine may help. Method: In the parent trial, 30 veterans were randomized."),
        ("paragraph", "Results: Among ketamine recipients, scores fell. Conclusions: It may help."),
        ("paragraph", "Keywords: PTSD; ketamine"), ("heading", "INTRODUCTION"), ("paragraph", "Others gave six infusions."),
        ("heading", "METHODS"), ("paragraph", "Ketamine 0.5 mg/kg."),
    ])
    assert labels == ["title", "abstract", "abstract", "abstract", "introduction", "introduction", "methods", "methods"]


def test_a_boxes_labelled_field_is_no_heading():
    # "Preparation: compounded ketamine troche, prescribed individually" standing alone in a box
    assert not looks_like_heading("Preparation: compounded ketamine troche, prescribed individually", strict=False)
    assert not looks_like_heading("Route: oral", strict=False)
    assert looks_like_heading("Study drug administration", strict=False)


def test_a_letters_run_in_patients_and_treatment_opens_its_methods():
    # batch53 cc04: "Patients and treatment. Adults with a major depressive episode ..."
    assert lexicon().lookup("Patients and treatment").label == "methods"
    labels = _labels([("title", "Esketamine with CBT: a case series"), ("paragraph", "To the Editor:"),
                      ("paragraph", "Esketamine nasal spray is licensed for TRD. We describe 24 consecutive outpatients."),
                      ("paragraph", "Patients and treatment. Adults were referred to the clinic and 24 were enrolled."),
                      ("paragraph", "All patients started at 56 mg.")])
    assert labels[3:] == ["methods", "methods"]
