"""Manuscript line numbers in plain text: dropped where they number the paper, kept elsewhere."""

from __future__ import annotations

from pathlib import Path

from kapextract.extraction import extract
from kapextract.ingest.line_numbers import drop_line_numbers, numbered_lines
from kapextract.ingest.text import read_text

KAP_PAPERS = Path(__file__).parents[1] / "annotations" / "kap_papers"

WRAPPED = [
    "Methods: Adults with chronic PTSD were randomized to ketamine or midazolam given",
    "as intravenous infusions over 40 minutes during the first weeks of exposure",
    "therapy. The primary outcome was the change in symptom scores at week 10.",
    "Participants received six infusions of ketamine 0.5 mg/kg, one each week,",
    "before the exposure session of that week.",
]


def _manuscript(first: int, lines: list[str], spacing: str = "\n") -> str:
    numbered = [f"{first + i} {line}" for i, line in enumerate(lines)]
    return "Author manuscript; available in PMC 2025 May 20.\n\n" + spacing.join(numbered) + "\n"


def test_line_numbers_that_number_the_paper_are_dropped():
    text = _manuscript(41, WRAPPED * 5)
    out = drop_line_numbers(text)
    assert "\n45 " not in out and "\n41 " not in out
    assert "Participants received six infusions of ketamine 0.5 mg/kg, one each week,\nbefore" in out
    assert out.startswith("Author manuscript")


def test_double_spacing_between_wrapped_lines_is_dropped_but_paragraphs_keep_theirs():
    spaced = drop_line_numbers(_manuscript(1, WRAPPED * 5, spacing="\n\n"))
    assert "given\nas intravenous infusions" in spaced and "given\n\nas" not in spaced
    paragraphs = [" ".join(WRAPPED[:3]), " ".join(WRAPPED[3:])] * 12
    whole = drop_line_numbers(_manuscript(1, paragraphs, spacing="\n\n"))
    assert "week 10.\n\nParticipants received" in whole


def test_numbers_in_short_chains_or_in_a_small_part_of_the_text_are_text():
    references = "\n".join(f"{i} Author A, Author B. A trial of ketamine. J Psychiatr 20{i:02d};{i}:1-9." for i in range(1, 16))
    body = "\n".join(["The sessions were held in a quiet room and each one was followed by a debrief."] * 40)
    text = body + "\n\nReferences\n" + references + "\n"
    assert numbered_lines(text) == set()
    assert drop_line_numbers(text) == text
    table = "Week Capsules per day\n1 2\n2 3\n3 3\n4 3\n5 1\n"
    assert drop_line_numbers(table) == table


def test_a_line_numbered_manuscript_gives_its_schedule_not_its_line_numbers():
    paper = KAP_PAPERS / "batch119" / "he03_esketamine_cbt_trd.txt"
    doc = read_text(paper.read_bytes(), paper.name)
    assert "\n45 " not in doc.text
    record = extract(paper, drug="esketamine", model=None)
    schedule = record.fields["frequency"][0]
    assert (schedule.attributes["sessions"], schedule.attributes["interval"]) == (8, "twice weekly")
    assert doc.text[schedule.evidence.start:schedule.evidence.end] == schedule.text
