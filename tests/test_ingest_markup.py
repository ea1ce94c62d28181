"""LaTeX and Markdown markup in plain text: rendered as the paper reads, kept where there is none."""

from __future__ import annotations

from kapextract.extraction import extract
from kapextract.ingest import load_bytes
from kapextract.ingest.markup import plain_markup

PREPRINT = """A single ketamine infusion during motivational enhancement therapy: a randomized trial

## Abstract {.unnumbered}

**Interventions.** All participants received motivational enhancement therapy. In week 2 they received a single \
intravenous infusion of ketamine ($0.71~\\mathrm{mg\\,kg^{-1}}$ over 52~min) or of midazolam \
($0.025~\\mathrm{mg\\,kg^{-1}}$).

## 2 Methods {#sec:methods}

Ketamine hydrochloride ($0.71~\\mathrm{mg\\,kg^{-1}}$) was diluted in 100~mL saline \\label{sec:drug} and infused \
intravenously over 52~min; 80\\% power at $\\alpha = 0.05$ needed 40 participants ($n=20$ per arm), mean age \
$46.1 \\pm 10.4$ years (95\\% CI $1.01$--$14.6$).

## 3 Results {#sec:results}

Forty participants were randomized.
"""


def test_latex_and_markdown_are_rendered_as_text():
    out = plain_markup(PREPRINT)
    assert "ketamine (0.71 mg kg-1 over 52 min)" in out
    assert "80% power at \u03b1 = 0.05" in out and "(n=20 per arm)" in out and "46.1 \u00b1 10.4" in out
    assert "1.01\u201314.6" in out
    assert "\n2 Methods\n" in out and "{#sec" not in out and "\\label" not in out
    assert "\nInterventions. All participants" in out


def test_text_without_markup_is_unchanged():
    prices = ("A dosing session cost $689 and a full course $5,469; the ICER was $38,400 per QALY.\n"
              "# a comment line\nKetamine 0.5 mg/kg was infused over 40 min.\n")
    assert plain_markup(prices) == prices


def test_a_latex_preprint_gives_its_dose_and_route():
    doc = load_bytes(PREPRINT.encode("utf-8"), "preprint.txt")
    rec = extract(doc, drug="ketamine", model="rules")
    assert rec.fields["dose"][0].value == "0.71 mg/kg"
    assert rec.fields["route"][0].value == "intravenous"
    dose = rec.fields["dose"][0]
    assert doc.text[dose.evidence.start:dose.evidence.end] == dose.text
