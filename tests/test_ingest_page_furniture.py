"""Page numbers and running heads in plain text copied out of a PDF."""

from __future__ import annotations

from pathlib import Path

from kapextract.extraction import extract
from kapextract.ingest.page_furniture import drop_page_furniture
from kapextract.ingest.text import read_text

KAP_PAPERS = Path(__file__).parents[1] / "annotations" / "kap_papers"

# a page's worth of hard-wrapped lines that run on
FILLER = "\n".join(["The sessions were held in a quiet room and each one was followed by a short debrief"] * 14) + "."


def _page(body: str) -> str:
    return FILLER + "\n" + body


def test_page_break_inside_a_sentence_and_a_word_is_mended():
    text = (
        _page("Patients received ketamine 0.5 mg/kg intravenously over 40 minutes, fol-")
        + "\n211\n\nJ Psychedelic Clin Pract 2024; 6(3)\nOkafor et al. · Ketamine and MBRP\n\n"
        + "lowed by MBRP within 24 hours.\n"
        + FILLER
        + "\n212\n\nJ Psychedelic Clin Pract 2024; 6(3)\nOkafor et al. · Ketamine and MBRP\n\nThe end.\n"
    )
    doc = read_text(text.encode("utf-8"), "paper.txt")
    assert "over 40 minutes, followed\nby MBRP within 24 hours." in doc.text
    for furniture in ("211", "212", "J Psychedelic Clin Pract", "Okafor et al."):
        assert furniture not in doc.text


def test_paragraph_ending_at_a_page_break_keeps_its_blank_line():
    text = _page("the sessions ended.") + "\n\n88\nSmith et al. | Group KAP\n\nResults came next.\n" + FILLER + "\n89\n"
    out = drop_page_furniture(text)
    assert "the sessions ended.\n\nResults came next." in out
    assert "Smith et al." not in out and "\n89" not in out


def test_numbers_that_do_not_run_on_by_one_are_text():
    text = _page("Sessions completed") + "\n4\n" + FILLER + "\n7\n" + FILLER + "\n4\n"
    assert drop_page_furniture(text) == text


def test_a_lone_page_number_is_text():
    text = _page("Participants randomized") + "\n40\n" + FILLER
    assert drop_page_furniture(text) == text


def test_numbered_headings_are_not_page_numbers():
    text = "1 | INTRODUCTION\n" + FILLER + "\n2 | METHODS\n" + FILLER + "\n3 | RESULTS\n" + FILLER
    assert drop_page_furniture(text) == text


def test_table_rows_with_numbers_in_columns_are_not_running_heads():
    text = (
        _page("Table 2 Outcomes")
        + "\nWeek 4        7.6 (3.9)       10.2 (3.7)\n2\n"
        + FILLER
        + "\nWeek 8        8.4 (4.2)       10.6 (4.0)\n3\n"
    )
    out = drop_page_furniture(text)
    assert "Week 4        7.6 (3.9)       10.2 (3.7)" in out and "Week 8" in out
    assert "\n2\n" not in out and not out.rstrip().endswith("3")


def test_a_running_title_that_splits_a_sentence_is_dropped_but_a_heading_is_kept():
    split = _page("adults with a HAM-A score of") + "\nKetamine lozenges and ACT\n1241\n20 or more were eligible.\n"
    heading = FILLER + "\nbefore the session ends.\nCBT programme\n1242\n\nThe clinic's group met weekly.\n"
    out = drop_page_furniture(split + heading)
    assert "HAM-A score of\n20 or more were eligible." in out
    assert "CBT programme" in out and "1241" not in out and "1242" not in out


def test_header_with_page_number_and_capital_title_beside_it():
    text = (
        _page("The infusion lasted")
        + "\n\nPalliative Care Reports (2025) | 1\n\nKETAMINE AND MEANING-CENTRED THERAPY\n\n40 minutes.\n"
        + FILLER
        + "\n\n2 | Okafor et al.\n\nKETAMINE AND MEANING-CENTRED THERAPY\n\nThe end.\n"
    )
    out = drop_page_furniture(text)
    assert "The infusion lasted\n40 minutes." in out
    assert "KETAMINE AND" not in out and "Okafor" not in out and "(2025)" not in out


def test_text_without_furniture_is_unchanged():
    text = "Methods\n\nTwelve adults took part.\n\nResults\n\nAll finished.\n"
    assert drop_page_furniture(text) is text


def test_a_blind_paper_reads_its_schedule_across_a_page_break():
    # batch18 ii03: "could return for booster sessions / 88 / running head / at a frequency ..."
    path = next((KAP_PAPERS / "batch18").glob("ii03_*.txt"))
    doc = read_text(path.read_bytes(), path.name)
    assert "booster sessions\nat a frequency agreed" in doc.text
    record = extract(str(path), drug="ketamine")
    assert record.fields["frequency"][0].value == "6 sessions, weekly"
    top = record.fields["frequency"][0]
    assert doc.text[top.evidence.start:top.evidence.end] == top.text


def test_a_pages_foot_number_right_above_the_next_pages_numbered_head():
    # a page number at the foot of one page and, a line later, the next page's number beside its
    # running head: one page break, however close (batch50 bv07)
    text = (_page("There are three dosing sessions, in") + "\n\n23\n\n24      J Palliat Psychother 2024;7(1):23-31\n\n"
            + "weeks 4, 6 and 8, so that dosing is fortnightly.\n" + FILLER)
    out = drop_page_furniture(text)
    assert "sessions, in\nweeks 4, 6 and 8" in out and "\n23\n" not in out and "J Palliat" not in out
    # two bare numbers a line apart are no page break ("4" / "5" in a column of counts)
    text = _page("Sessions completed") + "\n4\n5\n" + FILLER
    assert drop_page_furniture(text) == text
