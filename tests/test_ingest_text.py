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


# -- layouts of papers pasted from PDFs and journal pages ----------------------------------------

_LONG = (
    "Health care workers report high rates of burnout and depression, and many are reluctant to start long "
    "courses of treatment; group formats could lower cost and add peer support, yet their feasibility in "
    "clinicians is untested, and so we report a pilot of group ketamine-assisted psychotherapy in this population "
    "at one academic service, with its attendance, adverse events and symptom change over fourteen weeks."
)


def test_a_research_letter_opens_with_its_introduction_not_an_abstract():
    text = "\n".join([
        "RESEARCH LETTER",
        "Group Ketamine-Assisted Psychotherapy for Health Care Workers With Burnout",
        "Maren Lindqvist, MD; Tobias Achterberg, PsyD",
        "Department of Psychiatry, Lakeshore Academic Medical Center",
        _LONG + " " + _LONG,
        "Methods",
        "This single-arm open pilot ran at one academic outpatient service. " + _LONG,
        "Results",
        "Of 52 clinicians screened, 29 enrolled. " + _LONG,
    ])
    doc = read_text(text.encode("utf-8"), "letter.txt")
    assert doc.title == "Group Ketamine-Assisted Psychotherapy for Health Care Workers With Burnout"
    assert _label(doc, "Health care workers report") == ("paragraph", "introduction")
    assert _label(doc, "Maren Lindqvist")[1] == "title"


def test_one_paragraph_per_line_with_short_front_lines_and_a_table():
    text = "\n".join([
        "Oral ketamine with problem-solving therapy in late-life depression",
        "A. Author, B. Author",
        "Methods",
        _LONG,
        "Table 1. Doses",
        "Patient | Weight | Dose",
        "1 | 61 kg | 30 mg",
        "2 | 74 kg | 35 mg",
        "Results",
        _LONG,
    ])
    doc = read_text(text.encode("utf-8"), "lines.txt")
    kinds = [(b.kind, doc.text[b.start:b.end].split("\n")[0]) for b in doc.blocks]
    assert ("paragraph", _LONG) in kinds  # a whole paragraph on its line, not glued to the author line
    rows = next(b for b in doc.blocks if doc.text[b.start:b.end].startswith("Patient | Weight"))
    assert doc.text[rows.start:rows.end].endswith("2 | 74 kg | 35 mg")  # the table's rows stay together


def test_one_paragraph_per_line_with_several_space_aligned_tables():
    # batch25 xx02: table rows were two in five lines, and the whole paper was read as one table
    rows = ["Day    Period      Drug session                     Therapy session",
            "1      1           infusion A (40 min)              -",
            "2      1           -                                WET 1",
            "15     2           infusion B (40 min)              -",
            "16     2           -                                WET 2"]
    text = "\n".join(["Ketamine before written exposure therapy: a crossover pilot", "Methods", _LONG,
                      "Table 1. Study timetable", *rows, _LONG,
                      "Table 2. Baseline", "Characteristic        KET first (n = 15)   MDZ first (n = 15)",
                      "Age, years            41.2                 39.8", "Results", _LONG])
    doc = read_text(text.encode("utf-8"), "lines.txt")
    assert [b.kind for b in doc.blocks].count("table") == 2
    assert sum(1 for b in doc.blocks if b.kind == "paragraph") == 3


def test_a_journal_line_above_the_title_is_not_the_title():
    text = (
        "ADDICTION PHARMACOTHERAPY REPORTS 2024; 9: e0412                 ORIGINAL ARTICLE\n\n"
        "Three weekly ketamine infusions alongside relapse prevention for alcohol use disorder\n\n"
        "Hana Okonkwo-Reyes, Lotte Vandermeer\n\nAbstract\n\nWe report a pilot trial.\n\nMethods\n\nAdults took part.\n"
    )
    doc = read_text(text.encode("utf-8"), "paper.txt")
    assert doc.title == "Three weekly ketamine infusions alongside relapse prevention for alcohol use disorder"


def test_bracketed_abstract_labels_and_a_keyword_list_end_the_abstract():
    lines = [
        "Asian Journal of Affective Disorders  2023, 9(4): 301-307",
        "Clinical Research",
        "Esketamine nasal spray combined with mindfulness-based cognitive therapy",
        "ZHANG Wei, LI Xiaomei",
        "[Abstract] Objective To explore the feasibility of esketamine nasal spray with mindfulness-based",
        "cognitive therapy. Methods Thirty-two outpatients were enrolled. Results Most completed all",
        "sessions. Conclusion The combination is feasible.",
        "[Key words] Esketamine; Mindfulness-based cognitive therapy; Treatment-resistant depression;",
        "Feasibility",
        "About one third of patients with major depressive disorder do not respond to two or more",
        "antidepressants. In the phase 2 study of Daly et al., 67 patients were randomized to placebo or",
        "to esketamine given twice a week, and later trials combined it with an oral antidepressant.",
        "1 Subjects and methods",
        "1.1 Subjects Outpatients of our clinic from 2021 to 2022 with treatment-resistant depression and",
        "no response to at least two antidepressants of adequate dose and duration were included in it.",
    ]
    doc = read_text("\n".join(lines).encode("utf-8"), "paper.txt")
    assert _label(doc, "[Abstract] Objective") == ("paragraph", "abstract")
    assert _label(doc, "About one third")[1] == "introduction"
    assert _label(doc, "1.1 Subjects")[1] == "methods"


def test_a_side_heading_on_its_own_line_in_hard_wrapped_text_is_a_heading():
    body = "The sessions were held in a quiet room and each one was followed by a short debrief with the"
    lines = [body] * 6 + [
        "antidepressant chosen by the treating psychiatrist.",
        "Open-label continuation (weeks 5-12)",
        "Patients who completed the double-blind phase could enter the continuation, in which all",
    ] + [body] * 6 + ["therapist."]
    doc = read_text(("Methods\n\n" + "\n".join(lines)).encode("utf-8"), "paper.txt")
    assert _label(doc, "Open-label continuation") == ("heading", "methods")
    assert _label(doc, "Patients who completed") == ("paragraph", "methods")


def test_a_numbered_side_heading_over_a_numbered_sub_heading_is_a_heading():
    # batch132 id01: "2. STUDY 1: OPEN PILOT" right above "2.1 Methods" in hard-wrapped text
    body = "The sessions were held in a quiet room and each one was followed by a short debrief with the"
    lines = ["1. INTRODUCTION"] + [body] * 6 + [
        "and tolerability (Study 1), then a randomized placebo-controlled trial in 64 adults (Study 2).",
        "2. STUDY 1: OPEN PILOT",
        "2.1 Methods",
        "Adults aged 21 to 65 years with alcohol use disorder who had completed withdrawal were",
    ] + [body] * 6 + ["therapist."]
    doc = read_text("\n".join(lines).encode("utf-8"), "paper.txt")
    assert _label(doc, "2. STUDY 1") == ("heading", "introduction")
    assert _label(doc, "2.1 Methods") == ("heading", "methods")


def test_a_chapters_numbered_headings_are_top_level_but_sub_headings_under_an_unnumbered_one_are_not():
    # batch132 ie05: "4.1 Introduction", "4.2 Methods", "4.3 Results" in a thesis chapter with no "4." heading;
    # but "2.1 Participants" and "2.2 Adverse events" under an unnumbered "Methods" stay in the methods
    chapter = "\n\n".join(["Chapter 4", "4.1 Introduction", "Ketamine has been studied.", "4.2 Methods",
                             "Patients received ketamine.", "4.3 Results", "All completed."])
    doc = read_text(chapter.encode("utf-8"), "thesis.txt")
    assert _label(doc, "4.3 Results") == ("heading", "results")
    paper = "\n\n".join(["A trial of ketamine", "Introduction", "Ketamine has been studied.", "Methods",
                           "2.1 Participants", "Adults took part.", "2.2 Adverse events", "Adverse events were recorded daily.",
                           "Results", "All completed."])
    doc = read_text(paper.encode("utf-8"), "paper.txt")
    assert _label(doc, "2.2 Adverse events") == ("heading", "methods")


def test_a_title_over_its_authors_without_a_blank_line_and_a_label_above_it():
    lines = [
        "J Affect Ther 2025;14:301-310",
        "Secondary Analysis",
        "Early working alliance and response to esketamine nasal spray combined with",
        "cognitive behavioural therapy in treatment-resistant depression",
        "Femke de Groot, MSc (1,2), Arjun Malhotra, MD (1)",
        "(1) Department of Psychiatry, Rijnwaard University Medical Centre",
        "Abstract",
        "Background: We examined the working alliance. Methods: A secondary analysis.",
    ]
    doc = read_text("\n".join(lines).encode("utf-8"), "paper.txt")
    assert doc.title == ("Early working alliance and response to esketamine nasal spray combined with "
                         "cognitive behavioural therapy in treatment-resistant depression")


def test_an_abstract_that_runs_its_first_parts_together_goes_on_at_its_next_part():
    lines = [
        "ABSTRACT Background: Ketamine-assisted psychotherapy is offered in office-based practices, but",
        "outcomes are poorly documented. Methods: We reviewed the charts of all adults who began KAP.",
        "Results: Of 241 patients who had a dosing session, 203 were included.",
        "KEYWORDS Ketamine; psychotherapy",
        "Introduction",
        "Since the approval of esketamine nasal spray, ketamine has become widely available.",
        "Methods",
        "We included adults.",
    ]
    text = "\n\n".join(["Ketamine-assisted psychotherapy in a private practice: a retrospective review",
                        "N. Brooks-Avila (a), G. Ferrante (b)", lines[0] + "\n" + lines[1]] + lines[2:])
    doc = read_text(text.encode("utf-8"), "paper.txt")
    assert _label(doc, "Results: Of 241")[1] == "abstract"
    assert _label(doc, "Since the approval")[1] == "introduction"


def _wrapped(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def test_a_jama_abstract_with_capital_labels_keeps_its_parts_and_the_introduction_after_it():
    # JAMA prints its abstract's parts in capitals with no colon; copied from a PDF, every part is
    # a run-in heading (minor ones too), so "CONCLUSIONS AND RELEVANCE" stays in the abstract
    text = _wrapped([
        "Ketamine Infusions With Prolonged Exposure for Posttraumatic Stress Disorder",
        "",
        "Abstract",
        "IMPORTANCE Ketamine has been combined with prolonged exposure in small studies, and",
        "whether it helps is unknown.",
        "OBJECTIVE To examine whether ketamine infusions improve the outcome of prolonged exposure.",
        "DESIGN, SETTING, AND PARTICIPANTS This randomized clinical trial enrolled 64 veterans at",
        "2 centers between 2019 and 2022.",
        "INTERVENTIONS Four weekly intravenous infusions of ketamine 0.5 mg/kg or midazolam.",
        "RESULTS Of 64 participants randomized, 58 completed treatment.",
        "CONCLUSIONS AND RELEVANCE In this trial, ketamine improved the outcome of exposure.",
        "",
        "Introduction",
        "Ketamine may enhance extinction learning, and earlier trials gave 0.5 mg/kg over 40 minutes",
        "to 41 patients.",
        "",
        "Methods",
        "Veterans were randomized to ketamine or midazolam.",
    ])
    doc = load_bytes(text.encode(), "jama.txt")
    assert _label(doc, "OBJECTIVE To examine")[1] == "abstract"
    assert _label(doc, "INTERVENTIONS Four weekly")[1] == "abstract"
    assert _label(doc, "CONCLUSIONS AND RELEVANCE In this")[1] == "abstract"
    assert _label(doc, "Ketamine may enhance")[1] == "introduction"


def test_a_paragraph_run_into_a_table_caption_stays_text():
    # hard-wrapped results whose last line is long run straight into a flattened table
    text = _wrapped([
        "Chart review of intramuscular ketamine-assisted psychotherapy in a community practice",
        "",
        "Results",
        "We identified 142 records and excluded 24: 13 without a baseline PHQ-9, 7 in which ketamine",
        "had been given only as lozenges, and 4 of patients under 18. The remaining 118 patients",
        "formed the cohort and 96 completed the course; in all, 689 sessions were recorded for them.",
        "Table 1 Ketamine dose (mg/kg, IM) by session, initial course",
        "Session                        1      2      3      4      5      6",
        "Patients, n                  118    114    109    104    100     96",
        "Median dose                 0.75   0.75   1.00   1.00   1.25   1.25",
    ])
    doc = load_bytes(text.encode(), "chart.txt")
    assert _label(doc, "We identified 142") == ("paragraph", "results")
    assert _label(doc, "Table 1 Ketamine dose")[1] == "tables"


def test_an_article_type_line_above_the_title():
    for kind in ("SERVICE AUDIT", "Case series", "Study protocol", "RESEARCH LETTER"):
        doc = read_text(f"J Ment Health Serv 2024; 7: 141-150\n{kind}\nEsketamine with behavioural activation: an audit\n\n"
                        "Background. Text of the paper follows here.\n".encode())
        assert doc.title == "Esketamine with behavioural activation: an audit", kind
