"""Whole KAP-style papers through both ingest paths: plain text and a two-column PDF.

The six papers in ``tests/fixtures/kap/`` are our own text, written in the way
ketamine-assisted psychotherapy papers are laid out: a community KAP cohort (sublingual and
intramuscular ketamine, a named modality, integration sessions), a 2 x 2 factorial trial
(three weekly infusions, relapse prevention against alcohol education), a single
infusion during a course of motivational enhancement therapy, a pilot whose headings are
numbered with a bar ("2 | METHODS" right above "2.1 | Participants"), a letter to the
editor and a trial protocol whose two columns start level with each other (the last three
are blind-written papers of ``annotations/kap_papers``). The PDFs are the same text
printed in two columns by headless chromium (``make_kap_pdfs.py``), so the PDF path -
pypdfium2 text, column order, heading detection - must give the records the text gives,
and every value must point at the text it came from.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kapextract.extraction import extract
from kapextract.extraction.evaluation import evaluate_folder
from kapextract.ingest import load_document
from kapextract.model import FIELDS

KAP = Path(__file__).parent / "fixtures" / "kap"

# the first values a reviewer expects (None: the field's list is not checked beyond the path match)
EXPECTED = {
    "kap_clinic_cohort": {
        "route": ["sublingual", "intramuscular"],
        "therapy": ["acceptance and commitment therapy", "psychedelic psychotherapy", "integration psychotherapy"],
        "sample_size": [84],
    },
    "ketamine_mbrp_factorial": {
        "dose": ["0.8 mg/kg"],
        "route": ["intravenous"],
        "frequency": ["3 sessions, weekly"],
        "therapy": ["mindfulness-based relapse prevention"],
        "sample_size": [96],
    },
    "kap_refugee_ptsd_numbered_bar_headings": {
        "dose": ["0.5 mg/kg"],
        "route": ["intravenous"],
        "frequency": ["3 sessions, other"],
        "therapy": ["trauma-focused therapy"],
        "sample_size": [15],
    },
    "kap_letter_behavioural_activation": {
        # the letter's first paragraph cites other trials (16 patients, 0.5 mg/kg twice weekly);
        # "on Monday, Wednesday and Friday for 2 consecutive weeks": interval other, 3 a week
        "frequency": ["6 sessions, 3 times weekly, 2 weeks"],
        "therapy": ["behavioral activation"],
        "sample_size": [14],
    },
    "kap_protocol_ketamine_pe_ptsd": {
        # two-column PDF: the abstract's justified first line sits level with the other column's
        # first line ("... an effective" | "KAPE-PTSD is ..."); the columns must stay apart, or
        # the introduction's cited single infusion lands in the methods
        "dose": ["0.5 mg/kg"],
        "frequency": ["4 sessions, weekly, 4 weeks"],
        "therapy": ["exposure therapy"],
        "sample_size": [100],
    },
    "ketamine_met_single_infusion": {
        "dose": ["0.5 mg/kg"],
        "route": ["intravenous"],
        "frequency": ["1 session, single"],
        "therapy": ["motivational enhancement therapy"],
        "sample_size": [55],
    },
}


def firsts(rec, field, n):
    return [v.value for v in rec.fields[field]][:n]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kap_paper_as_text_and_as_two_column_pdf(name):
    records = {}
    for ext in ("txt", "pdf"):
        doc = load_document(KAP / f"{name}.{ext}")
        rec = extract(doc, drug="ketamine", model="rules")
        for field, want in EXPECTED[name].items():
            assert firsts(rec, field, len(want)) == want, (ext, field)
        for field in FIELDS:
            for v in rec.fields[field]:
                # provenance: the offsets index the text `kapextract text` prints
                assert doc.text[v.evidence.start : v.evidence.end] == v.text, (ext, field, v.value)
                assert v.evidence.section not in (None, "references")
        records[ext] = rec
    # the PDF path gives the text path's record
    for field in FIELDS:
        assert firsts(records["pdf"], field, 3) == firsts(records["txt"], field, 3), field
    assert all(v.evidence.page is not None for f in FIELDS for v in records["pdf"].fields[f])


BLIND = Path(__file__).resolve().parents[1] / "annotations" / "kap_papers"

#: the least top-1 accuracy per field on each batch of blind-written KAP papers (the figures
#: measured on them are in annotations/kap_papers/README.md; these papers are development data now)
FLOORS = {"dose": 0.9, "route": 0.95, "frequency": 0.95, "therapy": 0.95, "sample_size": 0.95}
FLOORS_LATER = dict.fromkeys(FLOORS, 0.85)
#: batch9's schedules are the hardest yet (one given only in a table, one arm against another
#: with a different number of sessions): 13 of 16 at its fixes
FLOORS_BATCH9 = {**FLOORS_LATER, "frequency": 0.8}


#: batch12's schedules were read blind at 0.50 and reach 12 of 16 after its fixes (a schedule
#: inferred from therapy sessions, one given in pieces across paragraphs, phases in brackets);
#: batch13's also 0.50 and 12 of 16 (a schedule only in a table, a tapered one, one implied by
#: numbered meetings, a count and its interval in two sentences)
FLOORS_BATCH12 = {**FLOORS_LATER, "frequency": 0.75}
#: batch16 (the fourteenth session) reaches 13 of 16 in doses (a QI report's changed dose, a case
#: series' range, IM and SL arms) and schedules (a total over phases, a schedule tied to therapy
#: sessions, a later phase stated more strongly in the results) after its fixes
FLOORS_BATCH16 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.8}
#: batch20's schedules (the fifteenth session's last batch) reach 12 of 16 after its fixes (a
#: count given in pieces across sentences, "twice in the first week", an esketamine clinic's
#: induction against its maintenance phase, a support group's attendance read as the drug's
#: schedule)
FLOORS_BATCH20 = {**FLOORS_LATER, "frequency": 0.65}
#: batch11's doses: u04's key reads "56 mg on day 1. Thereafter ... 56 mg or 84 mg" as 56 mg
#: (first-named) where batch12 x08's key reads the same regimen as 84 mg (the dose reached); the
#: code follows CONVENTIONS.md's adjudicated "dose reached" since the fifteenth session, 13 of 16
FLOORS_BATCH11 = {**FLOORS_LATER, "dose": 0.8}
#: batch21 (the sixteenth session's first batch) reaches 13 of 16 schedules after its fixes: oo06's
#: key leaves "twice weekly for 6 weeks" uncounted where CONVENTIONS.md counts 12 sessions, oo03's
#: infusions fall "before each of the first three PE sessions", and the third is a DBT paper's
#: therapy (the writer's CBT against the vocabulary's "other")
FLOORS_BATCH21 = {**FLOORS_LATER, "frequency": 0.8}
#: batch22 was written beside batch21 and is kept unread: its figures are those of its first read
#: and of the session's last code, never looked into (annotations/kap_papers/README.md)
FLOORS_BATCH22 = {**FLOORS_LATER, "frequency": 0.75, "sample_size": 0.8}
#: batch23 (written during the sixteenth session, first read at bc4fa4f) reaches 13 of 16 doses
#: and 11 of 16 schedules after its fixes: keys that put a range of a titration first where
#: others put the dose reached, and courses summed over two phases ("10 sessions, other")
FLOORS_BATCH23 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.65}
#: batch26 (the seventeenth session's last batch, first read at 0852d93) reaches 13 of 16
#: schedules after its fixes: "three abreactive sessions", ketamine in every second session of a
#: weekly therapy, and a second ketamine phase keyed with the first session counted
FLOORS_BATCH26 = {**FLOORS_LATER, "frequency": 0.8}
#: batch27 (the eighteenth session's first batch, first read at f833dda) reaches 13 of 16 doses after
#: its fixes: esketamine "56 mg on day 1, then 56 or 84 mg" keyed as 84 mg (others key 56 mg), doses
#: written only as numbers of 28-mg devices, and a home SL arm against a clinic IM arm
FLOORS_BATCH27 = {**FLOORS_LATER, "dose": 0.8}
#: batch29 (first read at 41a74f4) reaches 13 of 16 doses after its fixes: two keys read the same
#: esketamine regimen ("56 mg first, then 56 or 84 mg") one each way, and a registry's optional raise
#: for non-improvers keyed as the starting dose
FLOORS_BATCH29 = {**FLOORS_LATER, "dose": 0.8}
#: batch30 (the eighteenth session's last batch, first read at 2abd1dd: 64 of 80, psychedelic-practice
#: language and multi-site trial papers) reaches 13 of 16 doses and 11 of 16 schedules after its fixes (10 before
#: the nineteenth session mended JAMA-style abstracts):
#: retreat days ("journeys on days 2, 3 and 5"), per-case tables, booster phases and table-only arms
FLOORS_BATCH30 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.65}
#: batch31 and batch32 (the nineteenth session's, first read at a79a748: 73 of 80, and at a69d7b4: 70)
#: keep FLOORS_LATER: after their fixes they miss one first value each (an optional raise keyed as the
#: starting dose; KAP "in a psychodynamically oriented model" keyed as psychodynamic psychotherapy)
#: batch33 (first read at 06c3cf1: 65 of 80; schedules as services report them, methods as procedures)
#: reaches 13 of 16 doses and 12 of 16 schedules after its fixes: schedules "by clinical need", a
#: registry's per-site courses, ordinal infusions ("infusions two and three followed in weeks 3 and 4")
FLOORS_BATCH33 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.75}
#: batch34 (a broad realistic sample, first read at 0689502: 73 of 80) keeps FLOORS_LATER; after its
#: fixes it misses one therapy (group KAP "with an ACT frame" keyed as psychedelic psychotherapy)
#: batch35 (the twentieth session's first, read at e5c6cb1: 65 of 80) keeps FLOORS_LATER; after its fixes
#: it misses two first values: esketamine "56 or 84 mg" keyed as 56 mg, and a schedule derived from
#: "the afternoon before an even-numbered PE session, starting with session 2 and finishing with session 6"
#: batch36 (psychedelic-practice language and journals' house styles, first read at 355b708: 64 of 80)
#: reaches 11 of 16 doses after its fixes (16 of 16 schedules): esketamine "56 or 84 mg" (three papers)
#: and chart reviews' ranges keyed first where the code ranks the dose reached
FLOORS_BATCH36 = {**FLOORS_LATER, "dose": 0.65}
#: batch37 (a broad sample, first read at 69c4b70: 72 of 80) keeps FLOORS_LATER; after its fixes it
#: gives every first value
#: batch38 (a broad sample, first read at 89bba88: 75 of 80) keeps FLOORS_LATER; after its fixes it misses
#: three first values (a titration keyed as its range, an IM switch keyed first, a count of therapy sessions)
#: batch39 to batch41 (the twenty-first session's, first read at b4bd65a: 73, 491ae2c: 75 and dca933d: 74
#: of 80) keep FLOORS_LATER; batch42 (first read at 98f743d: 71) reaches 13 of 16 doses after its fixes
#: (a dose raised in a clause the relations do not link, esketamine "56 or 84 mg", a titration keyed as
#: its maximum where the abstract states the range)
FLOORS_BATCH42 = {**FLOORS_LATER, "dose": 0.8}
#: batch43 (the twenty-second session's first, read at 1fb78fc: 71 of 80): 13 of 16 doses and 12 of 16
#: schedules at its first read
FLOORS_BATCH43 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.75}
#: batch44 (read at d7ec695 after batch43's fixes: 68 of 80): 12 of 16 doses (titrations keyed as their
#: maximum, and once as the range) and 11 of 16 schedules at its first read
FLOORS_BATCH44 = {**FLOORS_LATER, "dose": 0.75, "frequency": 0.65}
#: batch45 (read at c1c3daa after batch44's fixes: 71 of 80): 13 of 16 sample sizes at its first read
FLOORS_BATCH45 = {**FLOORS_LATER, "sample_size": 0.8}
#: batch46 (read at bb9c65f after batch45's fixes: 70 of 80): 11 of 16 schedules at its first read (13
#: after its fixes: an induction keyed before the total the methods give, as av04 keys the reverse, and
#: one session against three keyed as the three)
FLOORS_BATCH46 = {**FLOORS_LATER, "frequency": 0.65}
#: batch47 (the twenty-third session's, read at dd77b2b: 73 of 80) reaches 13 of 16 doses after its fixes
#: (titrations keyed as their maximum where the protocol's table or the abstract's range ranks first);
#: batch48 (read at dd77b2b: 67 of 80) keeps FLOORS_LATER after its fixes
FLOORS_BATCH47 = {**FLOORS_LATER, "dose": 0.8}
#: batch49 (read at 8103686: 69 of 80): 13 of 16 doses and 11 of 16 schedules at its first read (two
#: fixes later); batch50 (read at 8103686: 65 of 80): 8 of 16 schedules at its first read, 13 after its fixes
FLOORS_BATCH49 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.65}
FLOORS_BATCH50 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.75}
#: batch51 and batch52 (the twenty-fourth session's, read at fd3eb52: 75 and 74 of 80) keep FLOORS_LATER;
#: batch53 (short reports, read at 2e55792: 69 of 80) reaches 13 of 16 schedules after its fixes (a
#: schedule stated only in a table or a figure caption); batch54 (read at 2e55792: 76) keeps FLOORS_LATER
FLOORS_BATCH53 = {**FLOORS_LATER, "frequency": 0.8}
#: batch55 (UK, Irish and Australian services, read at 56d80bc: 70 of 80): 10 of 16 schedules (daily or
#: fortnightly home dosing, schedules stated in methods that never name the drug); batch56 (case reports and
#: protocols, read at 56d80bc: 70) keeps FLOORS_LATER after its fixes
FLOORS_BATCH55 = {**FLOORS_LATER, "frequency": 0.6}
#: batch57 (the twenty-fifth session's, read at 7c22df5: 68 of 80; dosing over several methods subsections,
#: psychedelic-range KAP with escalation rules) and batch58 (read at 7c22df5: 72; inpatient and residential
#: programmes, anaesthesia groups) reach 13 of 16 schedules each after their fixes (induction phases keyed
#: before a stated total, an ECT course's rate in a drugless sentence, "at four of the groups")
FLOORS_BATCH57 = {**FLOORS_LATER, "frequency": 0.8}
#: batch59 (read at f2059e8: 73 of 80; weight bands and dosing tables, mixed-methods papers) reaches 13 of 16
#: doses after its fixes (weight bands keyed by the first-named band, "56 mg, then 56 or 84 mg" keyed as 56 mg,
#: an IM first session before SL bands); batch60 (read at f2059e8: 77) keeps FLOORS_LATER
FLOORS_BATCH59 = {**FLOORS_LATER, "dose": 0.8}
#: the twenty-sixth session's batches, first read at bbe4e53 (batch62 75, batch63 64, batch64 68, batch65 73
#: of 80), ce64990 (batch66 69) and 3bae292 (batch67 74, batch68 67), at their floors after their fixes:
#: batch62 13 of 16 schedules (a total keyed after its first phase); batch63 12 of 16 doses (a route change
#: between phases keyed by the first phase's dose) and 13 schedules; batch64 11 of 16 doses (titrations keyed
#: as their maximum where the paper's range ranks first) and 13 therapies (lab procedures keyed as "other"
#: or exposure); batch66 13 schedules and 13 sample sizes (counts written without a noun, "and 58 started
#: treatment"); batch68 10 of 16 schedules (shorthand "q2w x 4", dosing at numbered therapy sessions, phases
#: against totals) and 13 sample sizes; batch65 and batch67 keep FLOORS_LATER
FLOORS_BATCH62 = {**FLOORS_LATER, "frequency": 0.8}
FLOORS_BATCH63 = {**FLOORS_LATER, "dose": 0.75, "frequency": 0.8}
FLOORS_BATCH64 = {**FLOORS_LATER, "dose": 0.65, "therapy": 0.8}
FLOORS_BATCH66 = {**FLOORS_LATER, "frequency": 0.8, "sample_size": 0.8}
FLOORS_BATCH68 = {**FLOORS_LATER, "frequency": 0.6, "sample_size": 0.8}
#: batch69 (single-case designs; doses as volumes of a stock solution) and batch70 (calendar-day schedules;
#: weight-based doses with rounding), first read at b691403 (70 and 72 of 80): batch69 10 of 16 doses (volumes
#: per kg keyed where no mg amount is written, titration maxima, a graduation's content) and 13 schedules;
#: batch70 13 doses (titration maxima keyed where the paper names the start first) and 14 schedules after
#: the day-list fix (12 at its first read)
FLOORS_BATCH69 = {**FLOORS_LATER, "dose": 0.6, "frequency": 0.8}
FLOORS_BATCH70 = {**FLOORS_LATER, "dose": 0.8}
#: batch72 (dn, do): a multi-route registry whose key leads with the largest route group's dose, and
#: two titrations whose keys lead with the maximum where the extractor gives the range (conventions)
FLOORS_BATCH72 = {**FLOORS_LATER, "dose": 0.75}
#: batch74 (dr, ds): 56 -> 84 mg and route-comparison keys that lead with the experimental arm
FLOORS_BATCH74 = {**FLOORS_LATER, "dose": 0.8}
#: batches 75 to 82 (the twenty-seventh session's second and third waves), after their fixes: keys
#: that lead with a titration's maximum or the largest route group, schedules in words (fortnightly
#: with only its first and last week, "alternate days for a fortnight"), matched cohorts whose keys
#: take the eligible cohort before matching as N, CPT labelled CBT, and two-study articles
FLOORS_BATCH75 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.8}
FLOORS_BATCH76 = {**FLOORS_LATER, "dose": 0.8}
FLOORS_BATCH77 = {**FLOORS_LATER, "frequency": 0.8}
FLOORS_BATCH78 = {**FLOORS_LATER, "frequency": 0.75}
FLOORS_BATCH79 = {**FLOORS_LATER, "dose": 0.8, "sample_size": 0.4}
FLOORS_BATCH80 = {**FLOORS_LATER, "frequency": 0.8, "therapy": 0.75}
FLOORS_BATCH81 = {**FLOORS_LATER, "frequency": 0.75}
FLOORS_BATCH82 = {**FLOORS_LATER, "dose": 0.6}
#: batches 83 to 90 (the twenty-eighth session), after their fixes: abstract-book pages whose
#: neighbouring abstracts hold other studies' schedules (batch84), secondary analyses and nested
#: qualitative studies whose keys lead with the analysed subsample or the interviewees where other
#: keys and the extractor lead with the parent trial's N (batch86), keys that lead with a titration's
#: maximum or its range, and schedules stated only through a table or in crossover periods
FLOORS_BATCH83 = {**FLOORS_LATER, "frequency": 0.8}
FLOORS_BATCH84 = {**FLOORS_LATER, "dose": 0.65, "frequency": 0.4, "sample_size": 0.8}
FLOORS_BATCH85 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.65}
FLOORS_BATCH86 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.75, "sample_size": 0.3}
FLOORS_BATCH87 = {**FLOORS_LATER, "frequency": 0.8, "therapy": 0.8}
FLOORS_BATCH88 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.75}
FLOORS_BATCH89 = {**FLOORS_LATER, "dose": 0.65, "frequency": 0.5, "sample_size": 0.75}
FLOORS_BATCH90 = {**FLOORS_LATER, "frequency": 0.75}
#: batches 91 to 94 (the twenty-eighth session's third wave): psychodrama and somatic experiencing keyed
#: against the comparison arm's or the authors' label, results-first layouts whose discussion comes
#: before the methods, titration and multi-route keys, a protocol keyed by its target over the power
#: calculation, crossover and table schedules
FLOORS_BATCH91 = {**FLOORS_LATER, "therapy": 0.8}
FLOORS_BATCH92 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.8}
FLOORS_BATCH93 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.8}
FLOORS_BATCH94 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.8}
#: batches 95 to 98 (the twenty-eighth session's fourth wave): route changes keyed by the first phase where a
#: later phase's route is stated more strongly, narrative papers with few headings whose other services'
#: doses and samples outrank the clinic's own, esketamine 56-or-84 keys, weight-band doses
FLOORS_BATCH95 = {**FLOORS_LATER, "dose": 0.8, "route": 0.8, "frequency": 0.6, "sample_size": 0.8}
FLOORS_BATCH96 = {**FLOORS_LATER, "dose": 0.75, "frequency": 0.75, "sample_size": 0.75}
FLOORS_BATCH97 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.65, "therapy": 0.8}
FLOORS_BATCH98 = {**FLOORS_LATER, "dose": 0.75}
#: batch101 (the fifth wave's racemic-and-esketamine studies): an allowed increase and a titration range
#: keyed against the dose the extractor ranks first
FLOORS_BATCH101 = {**FLOORS_LATER, "dose": 0.75, "frequency": 0.8}
#: batches 103 to 106 (the twenty-ninth session's first wave): flows drawn with arrows and charts keyed by
#: the count that began treatment, a schedule only in a text box, trials keyed by the protocol dose where a
#: raise for non-responders is keyed as a titration elsewhere, esketamine 56-or-84 keys
FLOORS_BATCH103 = {**FLOORS_LATER, "sample_size": 0.8}
FLOORS_BATCH104 = {**FLOORS_LATER, "frequency": 0.8}
FLOORS_BATCH106 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.8}
#: batches 107 to 114 (its second and third waves): schedules and doses only in a supplement, esketamine
#: 56-or-84 keys, schedules inferred from therapy calendars, divided daily doses
FLOORS_BATCH107 = {**FLOORS_LATER, "dose": 0.75, "frequency": 0.75}
FLOORS_BATCH112 = {**FLOORS_LATER, "frequency": 0.8}
FLOORS_BATCH113 = {**FLOORS_LATER, "dose": 0.75, "frequency": 0.8}
FLOORS_BATCH114 = {**FLOORS_LATER, "frequency": 0.8}
#: batches 115 to 118 (its fourth wave, read at 32d3ce4, four fixes made): registry records and
#: funders' reports whose background sits where an abstract would, esketamine 56-or-84 keys, titration
#: ranges keyed by their maximum
FLOORS_BATCH115 = {**FLOORS_LATER, "dose": 0.75, "frequency": 0.8}
FLOORS_BATCH116 = {**FLOORS_LATER, "dose": 0.6, "route": 0.8, "frequency": 0.65}
FLOORS_BATCH117 = {**FLOORS_LATER, "dose": 0.8}
FLOORS_BATCH118 = {**FLOORS_LATER, "dose": 0.55, "frequency": 0.8, "therapy": 0.8, "sample_size": 0.75}
#: batches 119 to 122 (the thirtieth session's first wave, read at f8896e4): esketamine 56-or-84 keys and
#: titrations keyed by their range, their maximum or their first dose
FLOORS_BATCH119 = {**FLOORS_LATER, "dose": 0.8}
FLOORS_BATCH122 = {**FLOORS_LATER, "dose": 0.65}
#: batches 123 to 126 (its second wave, read at 6b3aa4b): titrations keyed by their maximum, schedules of
#: menstrual cycles, a therapy's weekly sessions that name the drug
FLOORS_BATCH125 = {**FLOORS_LATER, "dose": 0.8, "frequency": 0.8}
FLOORS_BATCH126 = {**FLOORS_LATER, "frequency": 0.75}
#: batches 127 to 130 (its third wave, read at 554c3eb): titrations keyed by their maximum against the range
#: the paper writes, doses of low-dose home programmes given per week or per device, chronotherapy as a therapy
FLOORS_BATCH127 = {**FLOORS_LATER, "dose": 0.75}
FLOORS_BATCH129 = {**FLOORS_LATER, "dose": 0.8, "therapy": 0.8}
FLOORS_BATCH130 = {**FLOORS_LATER, "dose": 0.5}
#: batches 131 to 134 (the thirty-first session's first wave, read at 3de9890): titrations keyed by their
#: maximum against the range the paper writes (batch131), and two-study articles whose pilot and main trial
#: share a sentence, a phase total keyed after its first phase (batch132)
FLOORS_BATCH131 = {**FLOORS_LATER, "dose": 0.8}
FLOORS_BATCH132 = {**FLOORS_LATER, "frequency": 0.8}
#: batches 135 to 138 (its second wave, read at db59294): schedules whose rate is only in a flattened
#: two-column template table or a schedule table, per-arm or phase schedules of single-case designs, doses in
#: unusual units (mg/m2, a bolus before a rate keyed the other way), interview studies keyed by the interviewed
FLOORS_BATCH135 = {**FLOORS_LATER, "frequency": 0.75}
FLOORS_BATCH136 = {**FLOORS_LATER, "dose": 0.65}
FLOORS_BATCH137 = {**FLOORS_LATER, "frequency": 0.75, "sample_size": 0.8}
FLOORS_BATCH138 = {**FLOORS_LATER, "frequency": 0.75}
#: batches 139 to 142 (its third wave, read at f3988d8): schedules of ECT anaesthesia and of a therapy taken for
#: the drug's beside neuromodulation (batch140), titrations keyed by their maximum (batch142)
FLOORS_BATCH140 = {**FLOORS_LATER, "frequency": 0.65}
FLOORS_BATCH142 = {**FLOORS_LATER, "dose": 0.65}


#: each batch's floors where they differ from FLOORS_LATER
BATCH_FLOORS = {
    "batch1": FLOORS, "batch2": FLOORS, "batch9": FLOORS_BATCH9, "batch11": FLOORS_BATCH11,
    "batch12": FLOORS_BATCH12, "batch13": FLOORS_BATCH12, "batch16": FLOORS_BATCH16, "batch20": FLOORS_BATCH20,
    "batch21": FLOORS_BATCH21, "batch22": FLOORS_BATCH22, "batch23": FLOORS_BATCH23, "batch26": FLOORS_BATCH26,
    "batch27": FLOORS_BATCH27, "batch29": FLOORS_BATCH29, "batch30": FLOORS_BATCH30, "batch33": FLOORS_BATCH33,
    "batch36": FLOORS_BATCH36, "batch42": FLOORS_BATCH42, "batch43": FLOORS_BATCH43, "batch44": FLOORS_BATCH44,
    "batch45": FLOORS_BATCH45, "batch46": FLOORS_BATCH46, "batch47": FLOORS_BATCH47, "batch49": FLOORS_BATCH49,
    "batch50": FLOORS_BATCH50, "batch53": FLOORS_BATCH53,
    "batch55": FLOORS_BATCH55, "batch57": FLOORS_BATCH57, "batch58": FLOORS_BATCH57,
    "batch59": FLOORS_BATCH59, "batch62": FLOORS_BATCH62, "batch63": FLOORS_BATCH63, "batch64": FLOORS_BATCH64,
    "batch66": FLOORS_BATCH66, "batch68": FLOORS_BATCH68, "batch69": FLOORS_BATCH69, "batch70": FLOORS_BATCH70,
    "batch72": FLOORS_BATCH72, "batch74": FLOORS_BATCH74, "batch75": FLOORS_BATCH75, "batch76": FLOORS_BATCH76,
    "batch77": FLOORS_BATCH77, "batch78": FLOORS_BATCH78, "batch79": FLOORS_BATCH79, "batch80": FLOORS_BATCH80,
    "batch81": FLOORS_BATCH81, "batch82": FLOORS_BATCH82, "batch83": FLOORS_BATCH83, "batch84": FLOORS_BATCH84,
    "batch85": FLOORS_BATCH85, "batch86": FLOORS_BATCH86, "batch87": FLOORS_BATCH87, "batch88": FLOORS_BATCH88,
    "batch89": FLOORS_BATCH89, "batch90": FLOORS_BATCH90, "batch91": FLOORS_BATCH91, "batch92": FLOORS_BATCH92,
    "batch93": FLOORS_BATCH93, "batch94": FLOORS_BATCH94, "batch95": FLOORS_BATCH95, "batch96": FLOORS_BATCH96,
    "batch97": FLOORS_BATCH97, "batch98": FLOORS_BATCH98, "batch101": FLOORS_BATCH101,
    "batch103": FLOORS_BATCH103, "batch104": FLOORS_BATCH104, "batch106": FLOORS_BATCH106,
    "batch107": FLOORS_BATCH107, "batch112": FLOORS_BATCH112, "batch113": FLOORS_BATCH113, "batch114": FLOORS_BATCH114,
    "batch115": FLOORS_BATCH115, "batch116": FLOORS_BATCH116, "batch117": FLOORS_BATCH117, "batch118": FLOORS_BATCH118,
    "batch119": FLOORS_BATCH119, "batch122": FLOORS_BATCH122, "batch125": FLOORS_BATCH125, "batch126": FLOORS_BATCH126,
    "batch127": FLOORS_BATCH127, "batch129": FLOORS_BATCH129, "batch130": FLOORS_BATCH130,
    "batch131": FLOORS_BATCH131, "batch132": FLOORS_BATCH132, "batch135": FLOORS_BATCH135, "batch136": FLOORS_BATCH136,
    "batch137": FLOORS_BATCH137, "batch138": FLOORS_BATCH138, "batch140": FLOORS_BATCH140, "batch142": FLOORS_BATCH142,
}
#: every batch of blind papers, in order
BATCHES = sorted((p.name for p in BLIND.glob("batch*")), key=lambda name: int(name.removeprefix("batch")))


def test_every_batch_is_tested():
    assert [f"batch{k}" for k in range(1, len(BATCHES) + 1)] == BATCHES and len(BATCHES) >= 50
    assert set(BATCH_FLOORS) <= set(BATCHES)


@pytest.mark.parametrize("batch", BATCHES)
def test_blind_written_kap_papers_keep_their_top1(batch):
    report = evaluate_folder(BLIND / batch, BLIND / batch, None)  # the default model, as `extract` runs
    assert not report["errors"]
    assert report["fields"]["dose"]["articles"] == 16
    floors = BATCH_FLOORS.get(batch, FLOORS_LATER)
    for field, floor in floors.items():
        assert report["fields"][field]["top1_accuracy"] >= floor, (field, report["fields"][field])


def test_a_table_row_of_one_case_ranks_after_the_protocol_schedule():
    # batch32 am06: "Case 5 | M, 39 | ... esketamine 84 mg ... every two weeks after week 8" is one
    # patient's continuation, not the series' schedule
    rec = extract(str(BLIND / "batch32" / "am06_esketamine_cbt_case_series.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "8 sessions, twice weekly, 4 weeks"


def test_the_weeks_of_an_escalations_steps_are_no_schedule():
    # batch13 y04: "0.2 mg/kg in week 1, 0.3 mg/kg in week 2, 0.4 mg/kg in week 3 and 0.5 mg/kg in
    # week 4" times the steps of the escalation; the course is the abstract's six weekly injections
    rec = extract(str(BLIND / "batch13" / "y04_sc_dose_escalation_pain.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "6 sessions, weekly"


def test_a_weight_subgroups_dose_ranks_after_the_dose_of_the_rest():
    # batch35 ar07: "ketamine troches (100 mg, or 150 mg if weighing 90 kg or more)": the heavier
    # participants' dose is a subgroup's, like an age group's
    rec = extract(str(BLIND / "batch35" / "ar07_sl_ketamine_cbgt_social_anxiety.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["dose"]][:2] == ["100 mg", "150 mg"]


def test_an_abstract_heading_run_into_its_first_part_keeps_a_protocols_introduction_out():
    # batch35 as05: "ABSTRACT Introduction ..." then "Methods and analysis ..." and "INTRODUCTION ...":
    # the introduction's other studies ("oral ketamine 0.5 mg/kg taken daily for 28 days") are no methods
    rec = extract(str(BLIND / "batch35" / "as05_sublingual_ketamine_mcp_protocol.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "1 mg/kg"
    assert rec.fields["frequency"][0].value == "3 sessions, every 2 weeks"


def test_psychedelic_practice_journeys_and_a_drug_given_on_request():
    # batch36 at08: "Journeys took place once a month, in weeks 2, 6 and 10"; batch30 ah06: a retreat's
    # journeys; batch36 at03: "Ondansetron 4 mg was given on request" is no other study drug, so the
    # methods' "six medicine sessions, usually twice weekly over three weeks" are ketamine's
    rec = extract(str(BLIND / "batch36" / "at08_group_im_mbct_grief_mixed.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "3 sessions, monthly"
    rec = extract(str(BLIND / "batch30" / "ah06_residential_retreat.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "3 sessions, other"
    rec = extract(str(BLIND / "batch36" / "at03_clinic_chart_review_im_sl.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "6 sessions, twice weekly, 3 weeks"


def test_a_research_letters_introduction_is_no_abstract():
    # batch36 au08: the other trial's "0.5 mg/kg over 40 minutes" and "A single intravenous infusion"
    # stand in a research letter's introduction
    rec = extract(str(BLIND / "batch36" / "au08_esketamine_ipsrt_bipolar_letter.txt"), drug="ketamine")
    assert "0.5 mg/kg" not in [v.value for v in rec.fields["dose"]]
    assert rec.fields["frequency"][0].value != "1 session, single"


def test_schedules_told_around_the_therapy_calendar():
    # batch36: "three dosing sessions were given, one every other week" (au03); "three medicine
    # sessions, one week apart" after "ketamine 0.75 mg/kg or to the same psychotherapy with IM
    # midazolam 0.05 mg/kg as an active placebo" (at01); "The standard course offered was an initial
    # series of six dosing sessions, ideally two weeks apart" (au04); "In weeks 3 and 5 the therapy
    # hour is replaced by a dosing session" (at06); a results sentence's "in weeks 3 and 6" is an
    # event's time, not the schedule (au08)
    expected = {"au03_im_ketamine_pe_ptsd.txt": "3 sessions, every 2 weeks",
                "at01_im_kap_ptsd_rct.txt": "3 sessions, weekly",
                "au04_kap_sl_im_chart_review.txt": "6 sessions, every 2 weeks",
                "at06_oral_ketamine_existential_protocol.txt": "2 sessions, every 2 weeks",
                "au08_esketamine_ipsrt_bipolar_letter.txt": "8 sessions, twice weekly, 4 weeks"}
    for name, value in expected.items():
        rec = extract(str(BLIND / "batch36" / name), drug="ketamine")
        assert rec.fields["frequency"][0].value == value, name


def test_a_protocols_target_and_a_cohort_formed_by_those_who_began():
    # batch36 au06: "We aim to randomise 60 participants (30 per arm)" is the target, and "we expect
    # about 48 evaluable participants" is what attrition leaves; au08: "the 24 who
    # began IPSRT ... form this cohort"
    rec = extract(str(BLIND / "batch36" / "au06_oral_ketamine_mcp_protocol.txt"), drug="ketamine")
    assert rec.fields["sample_size"][0].value == 60
    rec = extract(str(BLIND / "batch36" / "au08_esketamine_ipsrt_bipolar_letter.txt"), drug="ketamine")
    assert rec.fields["sample_size"][0].value == 24


def test_comparison_arm_doses_caps_an_oral_ssri_and_an_im_switch_for_non_responders():
    # batch37: "1.0 mg/kg in the higher-dose group and 0.25 mg/kg in the comparison group" (aw08) and
    # "high-dose (1.5 mg/kg) or low-dose (0.15 mg/kg)" (av07): the dose under test first; "0.5 mg/kg
    # ..., with a maximum single dose of 40 mg" (av06): the cap after; "together with a newly started
    # oral SSRI or SNRI" (aw05) is the antidepressant's route; "Patients who report little or no effect
    # at 300 mg may ... receive their remaining sessions as IM ketamine" (aw03); "three times at weekly
    # intervals" (aw02) is one schedule
    first = {("aw08_im_kap_gad_preprint.txt", "dose"): "1 mg/kg", ("av07_im_kpp_opioid_rct.txt", "dose"): "1.5 mg/kg",
             ("av06_oral_ketamine_mcp_hospice.txt", "dose"): "0.5 mg/kg",
             ("aw05_esketamine_ba_secondary.txt", "route"): "intranasal",
             ("aw03_sublingual_kap_chart_review.txt", "route"): "sublingual",
             ("aw02_kamber_aud_protocol.txt", "frequency"): "3 sessions, weekly"}
    for (name, field), value in first.items():
        rec = extract(str(BLIND / "batch37" / name), drug="ketamine")
        assert rec.fields[field][0].value == value, (name, field)


def test_a_therapy_every_arm_had_ranks_after_the_kap_under_test():
    # batch37 av07: "randomized to two sessions of ketamine-assisted psychedelic psychotherapy (KPP)
    # with high-dose or low-dose ketamine. All participants received ... motivational interviewing";
    # batch11 v06: KPT randomized as one or three sessions, every arm with existential psychotherapy
    rec = extract(str(BLIND / "batch37" / "av07_im_kpp_opioid_rct.txt"), drug="ketamine")
    assert rec.fields["therapy"][0].value == "psychedelic psychotherapy"
    rec = extract(str(BLIND / "batch11" / "v06_single_vs_three_kpt_heroin.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["therapy"]][:2] == ["psychedelic psychotherapy", "existential psychotherapy"]


def test_the_devices_a_spray_comes_from_give_their_strength_not_a_dose():
    # batch36 au02: "Patients self-administered the spray from 28 mg devices under observation: 56 mg
    # on the first day, then 56 mg or 84 mg"
    rec = extract(str(BLIND / "batch36" / "au02_esketamine_cbt_trd_rct.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "56 mg"


def test_other_drugs_named_only_as_examples_leave_the_next_sentences_dose_to_the_target():
    # batch38 ax05: "All participants received esketamine nasal spray ..., together with a newly started
    # or continued oral SSRI or SNRI (for example escitalopram 10-20 mg or venlafaxine 75-225 mg daily).
    # The dose was 56 mg at the first session and 84 mg from the second session onwards ... Sessions
    # were held twice weekly during weeks 1-4 (eight administrations)"
    rec = extract(str(BLIND / "batch38" / "ax05_esketamine_cbt_dissociation_secondary.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "84 mg"
    assert rec.fields["frequency"][0].value == "8 sessions, twice weekly, 4 weeks"


def test_a_schedules_evidence_states_its_interval_when_a_bare_count_supports_it():
    # batch36 au03: the abstract's "three IM ketamine dosing sessions" supports the methods' "three
    # dosing sessions were given, one every other week"; the value's evidence is the words that state
    # both its count and its interval
    rec = extract(str(BLIND / "batch36" / "au03_im_ketamine_pe_ptsd.txt"), drug="ketamine")
    top = rec.fields["frequency"][0]
    assert top.value == "3 sessions, every 2 weeks"
    assert "every other week" in top.text


def test_a_therapys_sessions_numbered_in_words_give_the_drugs_schedule():
    # batch35 ar07: "Medication was taken before the fifth, seventh, ninth and eleventh group sessions"
    # of a CBGT "delivered weekly in 12 sessions": four sessions, every two weeks
    rec = extract(str(BLIND / "batch35" / "ar07_sl_ketamine_cbgt_social_anxiety.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "4 sessions, every 2 weeks"


def test_a_rate_of_measurement_is_not_the_schedules_evidence():
    # batch39 az05: "dissociation was measured with the CADSS at the end of each infusion, and ...
    # PTSD symptoms with the PCL-5 every week" is how often something was measured; the
    # schedule's words are "Infusions took place once a week"
    rec = extract(str(BLIND / "batch39" / "az05_iv_ketamine_pe_ptsd_secondary.txt"), drug="ketamine")
    top = rec.fields["frequency"][0]
    assert top.value == "weekly" and top.text == "once a week"


def test_every_part_of_a_joined_schedule_joins_it():
    # batch12 w02 and batch17 hh01: a count and a rate stated apart join into one schedule, and so
    # does every other span of the same count or rate (no leftover "twice weekly" or "6 sessions,
    # other" after it)
    for batch, name, top in (("batch12", "w02_infusions_then_cbt_trd.txt", "6 sessions, twice weekly"),
                             ("batch17", "hh01_group_kap_circles.txt", "6 sessions, weekly")):
        rec = extract(str(BLIND / batch / name), drug="ketamine")
        assert [v.value for v in rec.fields["frequency"]] == [top]


def test_a_kap_trial_told_in_a_box_and_a_table():
    # batch40 bc02: "Steps 2 and 3 repeated in weeks 4 and 8" (after the first drug session) and the
    # preparation sessions' motivational interviewing, inside ketamine-assisted psychotherapy
    rec = extract(str(BLIND / "batch40" / "bc02_oud_im_dose_comparison.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "3 sessions, monthly"
    assert [v.value for v in rec.fields["therapy"]][:2] == ["psychedelic psychotherapy", "motivational interviewing"]


def test_rows_written_as_text_under_a_caption_that_names_the_target():
    # batch40 bc04: "Table 1. Clinic esketamine schedule" over "|" rows ("Induction | 1–4 | twice
    # weekly (8 sessions) | 56 mg at session 1, then 56 mg or 84 mg"): the rows are the target's
    rec = extract(str(BLIND / "batch40" / "bc04_bipolar_esketamine_ipsrt_chart.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "84 mg"


def test_a_case_series_abstract_and_its_treatment_approach():
    # batch41 bd07: "Case presentations:" ends the abstract's background part, "Treatment approach"
    # heads the methods, and "We describe five patients" is the study's own sample, background or not
    rec = extract(str(BLIND / "batch41" / "bd07_sl_ketamine_mi_oud_case_series.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "100-250 mg"
    assert rec.fields["sample_size"][0].value == 5


def test_a_weight_based_dose_before_what_it_comes_to_and_a_weak_name_under_kap():
    # batch42 bg07: "The dose was 0.5 mg/kg, that is 35 mg, once daily": the weight-based dose
    # first; bg06: a programme's name in a running header ("Trauma Recovery Programme") does not
    # push the abstract's ketamine-assisted psychotherapy below it
    rec = extract(str(BLIND / "batch42" / "bg07_palliative_oral_case.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["dose"]][:2] == ["0.5 mg/kg", "35 mg"]
    rec = extract(str(BLIND / "batch42" / "bg06_complex_trauma_sl_programme.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["therapy"]] == ["psychedelic psychotherapy", "integration psychotherapy"]


def test_a_drugs_sessions_counted_in_a_therapys_weeks():
    # batch39 ba07: "Ketamine sessions took place in weeks 4, 8 and 12 of PGDT, i.e. once a month":
    # the weeks are the ketamine sessions', though the therapy names the calendar
    rec = extract(str(BLIND / "batch39" / "ba07_oral_ketamine_grief_cases.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "3 sessions, monthly"


def test_one_session_compared_with_three_is_two_schedules():
    # batch43 bh07: "To compare one ketamine-assisted psychotherapy (KAP) session with three sessions
    # given at monthly intervals": the count the therapy's name splits ("one ... session") is whole,
    # and the other number starts a schedule of its own
    rec = extract(str(BLIND / "batch43" / "bh07_im_kap_opioid_sessions_rct.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["frequency"]][:2] == ["3 sessions, monthly", "1 session, single"]


def test_a_dose_raised_after_some_minutes_is_a_titration():
    # batch43 bi05: "ketamine was started at 0.25 mg/kg per hour and increased after 30 minutes to
    # 0.5 mg/kg per hour if tolerated": the rate reached first
    rec = extract(str(BLIND / "batch43" / "bi05_chronic_pain_ketamine_act_cohort.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["dose"]][:2] == ["0.5 mg/kg/h", "0.25 mg/kg/h"]


def test_kpp_sessions_are_the_drugs_and_fortnightly_boosters_a_later_phase():
    # batch44 bk06: "these participants received three KPP sessions in total at monthly intervals":
    # KPP (ketamine psychedelic psychotherapy) sessions are ketamine's, like KPT's
    rec = extract(str(BLIND / "batch44" / "bk06_im_kpp_opioid_boosters.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "3 sessions, monthly"
    # bk01: "SC ketamine induction followed by fortnightly boosters": the boosters' rate is the later
    # phase; the induction's "Monday and Thursday mornings for three consecutive weeks" comes first
    rec = extract(str(BLIND / "batch44" / "bk01_sc_ketamine_cbt_boosters.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["frequency"]][:2] == ["6 sessions, twice weekly, 3 weeks", "every 2 weeks"]


def test_people_assessed_for_eligibility_are_no_sample():
    # batch44 bk07: "We assessed 312 people for eligibility and randomly assigned 96"
    rec = extract(str(BLIND / "batch44" / "bk07_ketamine_mbrp_factorial.txt"), drug="ketamine")
    assert rec.fields["sample_size"][0].value == 96
    assert 312 not in [v.value for v in rec.fields["sample_size"]]


def test_sessions_one_to_two_weeks_apart_have_no_single_interval():
    # batch44 bj02: "six dosing sessions. These were usually scheduled one to two weeks apart"
    rec = extract(str(BLIND / "batch44" / "bj02_sublingual_kap_chart_review.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "6 sessions, other"


def test_a_dosage_form_placed_between_cheek_and_gum_is_buccal():
    # batch45 bl07: "The troche was placed between the cheek and gum": the stated route wins over the
    # sublingual that "troches" implies elsewhere
    rec = extract(str(BLIND / "batch45" / "bl07_ketamine_troche_mcp_case_series.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["route"]] == ["buccal", "sublingual"]


def test_a_count_of_sessions_with_its_rate_around_kpt_and_arms_allocated_to_counts():
    # batch45 bl08: "Three monthly KPT sessions were more effective than one"; "fifty-nine were
    # randomized: 30 to three sessions and 29 to one session" allocates participants
    rec = extract(str(BLIND / "batch45" / "bl08_ketamine_psychotherapy_oud_rct.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["frequency"]] == ["3 sessions, monthly", "1 session, single"]


def test_a_case_report_whose_label_line_hides_its_title_has_one_patient():
    # batch45 bm03: "CASE REPORT" above the title makes the title a section's text, not the title;
    # the opening words still say "a case report"
    rec = extract(str(BLIND / "batch45" / "bm03_esketamine_cpt_case.txt"), drug="esketamine")
    assert rec.fields["sample_size"][0].value == 1


def test_dosing_sessions_and_weekly_integration_groups_are_two_schedules():
    # batch45 bl06: "four ketamine dosing sessions and weekly ACT-based integration groups": the
    # weekly rate is the groups'; the dosing sessions were "held every other week, in weeks 3, 5, 7 and 9"
    rec = extract(str(BLIND / "batch45" / "bl06_group_kap_act_cohort.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "4 sessions, every 2 weeks"


def test_lozenges_dispensed_by_a_pharmacy_give_their_strength_not_a_dose():
    # batch46 bn02: "dispensed by a compounding pharmacy as rapid-dissolving lozenges of 100 mg";
    # "The prescribed dose for each session was 200 to 400 mg"
    rec = extract(str(BLIND / "batch46" / "bn02_sublingual_telehealth_kap.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "200-400 mg"


def test_a_quality_improvement_reports_background_and_the_total_its_parts_make():
    # batch46 bo03: the abstract's "Problem:" ... "Lessons:" parts end before BACKGROUND, which names
    # the service's esketamine; "(cycle 1, n = 14; ...), making 105 patients in the project overall"
    rec = extract(str(BLIND / "batch46" / "bo03_qi_infusion_cbt.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "0.5 mg/kg"
    assert rec.fields["dose"][0].evidence.section == "methods"
    assert rec.fields["sample_size"][0].value == 105


def test_workers_who_applied_are_no_sample():
    # batch46 bo02: "Seventy-three workers applied; 61 were screened in person and 52 ... started"
    rec = extract(str(BLIND / "batch46" / "bo02_group_programme_healthcare_workers.txt"), drug="ketamine")
    assert rec.fields["sample_size"][0].value == 52
    assert 73 not in [v.value for v in rec.fields["sample_size"]]


def test_an_induction_that_consisted_of_twice_weekly_sessions_goes_before_its_weekly_phase():
    # batch46 bo04: "The induction phase consisted of twice-weekly sessions in weeks 1 to 4; during
    # weeks 5 to 8 esketamine was given weekly, and from week 9 weekly or every two weeks"
    rec = extract(str(BLIND / "batch46" / "bo04_esketamine_registry_ba.txt"), drug="esketamine")
    assert [v.value for v in rec.fields["frequency"]][:2] == ["8 sessions, twice weekly, 4 weeks", "4 sessions, weekly, 4 weeks"]


def test_a_drugless_paragraph_that_opens_with_a_dose_and_integration_calls():
    # batch46 bo05: "The first session used 300 mg. ... The course comprised four dosing sessions.
    # Sessions were scheduled roughly a week apart"; "the guide held a 45-minute integration call"
    rec = extract(str(BLIND / "batch46" / "bo05_telehealth_sublingual.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "4 sessions, weekly"
    assert rec.fields["therapy"][0].value == "integration psychotherapy"


def test_opioid_doses_reviewed_weekly_are_no_ketamine_schedule():
    # batch46 bo08: "Patients took 0.5 mg/kg by mouth once daily ... opioid doses were reviewed weekly"
    rec = extract(str(BLIND / "batch46" / "bo08_hospice_oral_mcp.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "daily, 4 weeks"


def test_one_session_for_all_and_two_further_sessions_make_three():
    # batch46 bn04: "All participants received one KAP session before discharge. Participants in the
    # repeated arm then received two further sessions at monthly intervals"
    rec = extract(str(BLIND / "batch46" / "bn04_im_kap_opioid.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["frequency"]][:2] == ["3 sessions, monthly", "1 session, single"]


def test_an_abstracts_bold_parts_without_colons_keep_the_introduction_out():
    # batch48 br02: "Objective In Germany, ... Method Prospective, ..." and then "Introduction": the
    # introduction's 0.25 mg/kg, intravenous esketamine and 220 patients are other studies'
    rec = extract(str(BLIND / "batch48" / "br02_esketamine_ns_psychodynamic.txt"), drug="esketamine")
    assert (rec.fields["dose"][0].value, rec.fields["route"][0].value, rec.fields["sample_size"][0].value) == (
        "84 mg", "intranasal", 38)


def test_a_troche_placed_under_the_tongue_where_iv_ketamine_is_rarely_available():
    # batch48 br03: "Intravenous ketamine is rarely available outside New Zealand's main centres";
    # "The troche was placed under the tongue"
    rec = extract(str(BLIND / "batch48" / "br03_troche_act_nz.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["route"]][:1] == ["sublingual"]


def test_further_sessions_are_the_rest_of_the_course_and_an_existentially_oriented_approach():
    # batch48 br05: "randomised to two further monthly KAP sessions" beside "three sessions";
    # "delivered with an existentially oriented approach" is a therapy (ranked after the KAP the paper
    # names throughout, which its key puts second)
    rec = extract(str(BLIND / "batch48" / "br05_im_kap_alcohol_spain.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "3 sessions, monthly"
    assert "existential psychotherapy" in [v.value for v in rec.fields["therapy"]]


def test_infusions_scheduled_after_the_arms_sentence_in_a_short_communication():
    # batch48 bs04: the authors' lines run into "ABSTRACT. Objective: ... Method: ..."; "Ketamine ...
    # or midazolam ... was infused over [page break] 40 minutes ... Infusions took place on the first
    # day of treatment weeks 1, 2 and 3, each about 24 hours before a PE session"
    rec = extract(str(BLIND / "batch48" / "bs04_ketamine_pe_dissociation.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "3 sessions, weekly"


def test_a_single_injection_is_the_form_of_each_twice_weekly_dose():
    # batch48 bs05: "Ketamine was given as a single SC injection into the abdomen. ... Injections were
    # given twice a week"; "Twice-weekly SC ketamine ... was feasible"
    rec = extract(str(BLIND / "batch48" / "bs05_sc_ketamine_ba_pilot.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value.startswith("8 sessions, twice weekly")


def test_sessions_named_by_the_drug_and_counselling_matched_for_contact_time():
    # batch48 bs06: "Each ketamine session followed the same format. ... their second and third sessions
    # at intervals of one month, so that the three sessions spanned two months"; "To match contact
    # time, the single-session group attended two monthly supportive counselling meetings"
    rec = extract(str(BLIND / "batch48" / "bs06_ketamine_heroin_peak_experience.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "3 sessions, monthly"
    assert rec.fields["therapy"][0].value == "existential psychotherapy"


def test_a_protocols_target_not_the_number_to_be_screened():
    # batch47 bp01: "we will randomise 30 participants per arm, 60 in total, and expect to screen
    # about 150 people"
    rec = extract(str(BLIND / "batch47" / "bp01_kepe_protocol.txt"), drug="ketamine")
    assert rec.fields["sample_size"][0].value == 60


def test_troches_compounded_in_two_strengths_and_an_active_placebo_arms_dose():
    # batch47 bp05: "compounded by a licensed pharmacy as 50 mg and 100 mg troches"; bp06: "Arm 2
    # (active placebo). ... ketamine will be given by IM injection at 0.1 mg/kg"
    rec = extract(str(BLIND / "batch47" / "bp05_troche_act_feasibility.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "200 mg"
    rec = extract(str(BLIND / "batch47" / "bp06_im_kap_heal_protocol.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value != "0.1 mg/kg"


def test_a_dose_rising_at_each_session_to_a_ceiling():
    # batch47 bq02: "starting at 0.1 mg/kg and rising at each session to a ceiling of 0.5 mg/kg"
    rec = extract(str(BLIND / "batch47" / "bq02_older_adults_sc_ketamine_ba.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "0.5 mg/kg"


def test_the_safety_planning_intervention_is_a_therapy():
    # batch47 bq06: "Intravenous ketamine added to the Safety Planning Intervention"
    rec = extract(str(BLIND / "batch47" / "bq06_ed_suicidal_ketamine_spi.txt"), drug="ketamine")
    assert rec.fields["therapy"][0].value == "other"


def test_a_titrations_step_restated_in_a_dosing_table_stays_after_the_dose_reached():
    # batch47 bp04: "increased to 0.75 mg/kg; at the week 4 review ... increased to 1.0 mg/kg, the
    # protocol maximum", then a table: "Weeks 3-4: 0.75 mg/kg if criteria met; otherwise 0.5 mg/kg"
    rec = extract(str(BLIND / "batch47" / "bp04_oral_ketamine_mcp_protocol.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["dose"]] == ["1 mg/kg", "0.75 mg/kg", "0.5 mg/kg"]


def test_a_schedule_across_a_page_foot_and_the_next_pages_head():
    # batch50 bv07: "There are three dosing sessions, in | 23 | 24 J Palliat Psychother ... | weeks 4,
    # 6 and 8, so that dosing is fortnightly"
    rec = extract(str(BLIND / "batch50" / "bv07_existential_kap_palliative.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value.startswith("3 sessions, every 2 weeks")


def test_dosing_that_took_place_every_two_weeks_and_dosed_sessions_one_a_week():
    # batch50 bw06: "in weeks 3, 5 and 7, were extended dosing sessions, so that dosing took place every
    # two weeks"; bv08: "There were thus six dosed sessions, one a week."
    rec = extract(str(BLIND / "batch50" / "bw06_sublingual_existential_palliative.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value.startswith("3 sessions, every 2 weeks")
    rec = extract(str(BLIND / "batch50" / "bv08_oral_ketamine_group_act.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value.startswith("6 sessions, weekly")


def test_a_boxes_fields_under_its_study_drug_and_a_placebo_that_is_no_other_drug():
    # batch50 bv01: "Study drug: ketamine hydrochloride 0.8 mg·kg-1, or 0.9% saline ... Route: intravenous
    # infusion by syringe pump"; "The three drug sessions fell one week apart"
    rec = extract(str(BLIND / "batch50" / "bv01_ketamine_mbrp_alcohol.txt"), drug="ketamine")
    assert rec.fields["route"][0].value == "intravenous"
    assert rec.fields["frequency"][0].value == "3 sessions, weekly"


def test_infusions_given_in_weeks_1_2_and_3_in_a_trial_against_midazolam():
    # batch50 bv04: "Ketamine 0.5 mg kg-1 or midazolam 0.045 mg kg-1 was given by IV infusion ... Infusions
    # were given on the Monday of weeks 1, 2 and 3, so that the infusions were weekly" (a paragraph on
    # the psychotherapy between)
    rec = extract(str(BLIND / "batch50" / "bv04_ketamine_prolonged_exposure_ptsd.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "3 sessions, weekly"


def test_a_medical_protocol_box_names_the_drug_its_fields_describe():
    # batch50 bv02: "Box 1. Medical protocol (summary) / Preparation: compounded ketamine troche,
    # prescribed individually / Dose: range 100–200 mg; ... / Route: SL; ..." (the preparation line is no
    # heading, so its ketamine is read: the paper names its target, and the drugless schedule of "The
    # three dosing circles" is the target's; the box's fields under it are the target's)
    rec = extract(str(BLIND / "batch50" / "bv02_group_kap_clinician_burnout.txt"), drug="ketamine")
    top = rec.fields["dose"][0]
    assert top.value == "100-200 mg" and top.evidence.sentence.startswith("Dose: range")
    assert rec.fields["route"][0].evidence.sentence.startswith("Route: SL")
    assert rec.fields["frequency"][0].attributes["sessions"] == 3


def test_those_who_completed_rank_after_the_sample_they_come_from():
    # batch49 bu08: "Five consecutive patients ... received oral ketamine" and, three times, "Four
    # patients completed the 28-day course"; batch45 bm04: 214 who started before the 168 who completed
    rec = extract(str(BLIND / "batch49" / "bu08_palliative_oral_ketamine_mcp.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["sample_size"]][:2] == [5, 4]
    rec = extract(str(BLIND / "batch45" / "bm04_home_sublingual_kap.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["sample_size"]][:2] == [214, 168]


def test_a_drugless_paragraph_that_opens_with_the_doses_given():
    # batch49 bu05: "Each patient received a kit with four doses, ... Sessions were scheduled about one
    # week apart, with at least five days between them"
    rec = extract(str(BLIND / "batch49" / "bu05_athome_sublingual_registry.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "4 sessions, weekly"


def test_a_dose_labelled_by_the_drug_in_brackets_after_it():
    # batch51 bx07: "S2.3 Dose: 0.5 mg/kg actual body weight (ketamine) or 0.045 mg/kg (midazolam)"
    rec = extract(str(BLIND / "batch51" / "bx07_single_ketamine_infusion_cbt.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["dose"]][:2] == ["0.5 mg/kg", "50 mg"]
    assert "0.045 mg/kg" not in [v.value for v in rec.fields["dose"]]


def test_a_titration_told_after_a_sentence_that_names_only_the_vehicle():
    # batch51 bx05: "The first two infusions were given at 0.5 mg/kg over 40 minutes in 100 mL saline.
    # The dose was titrated to 0.75 mg/kg for infusions 3 and 4 ..." (both are ketamine's, not saline's)
    rec = extract(str(BLIND / "batch51" / "bx05_mbct_after_ketamine_rct.txt"), drug="ketamine")
    top, start = rec.fields["dose"][:2]
    assert (top.value, start.value) == ("0.75 mg/kg", "0.5 mg/kg")
    assert top.evidence.section == start.evidence.section == "methods"


def test_esketamine_raised_after_the_first_dose_after_which():
    # batch51 bx04: "The first dose was 56 mg, after which doses of 56 or 84 mg were given"
    rec = extract(str(BLIND / "batch51" / "bx04_esketamine_psychodynamic_cohort.txt"), drug="esketamine")
    assert rec.fields["dose"][0].value == "84 mg"


def test_a_therapy_named_as_the_source_of_the_studys_manual_is_not_given():
    # batch52 bz01: "structured integration psychotherapy (SIP), manualised by the authors from earlier
    # KAP protocols"
    rec = extract(str(BLIND / "batch52" / "bz01_ketamine_dose_arms_integration.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["therapy"]] == ["integration psychotherapy"]


def test_re_treatment_after_relapse_ranks_after_the_single_session():
    # batch52 bz06: "One session of intramuscular ketamine ..."; "Participants who relapsed ... were offered
    # open-label re-treatment: up to two further sessions of ketamine at 2.0 mg/kg, one month apart"
    rec = extract(str(BLIND / "batch52" / "bz06_im_ketamine_high_low_existential_opioid.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["frequency"]] == ["1 session, single", "2 sessions, monthly"]


def test_a_count_of_sessions_broken_down_by_drug_counts_the_targets():
    # batch52 bz07: "the titration phase consisted of up to six weekly sessions (five ketamine, one
    # midazolam)"
    rec = extract(str(BLIND / "batch52" / "bz07_sc_ketamine_titration_ba_older_adults.txt"), drug="ketamine")
    top = rec.fields["frequency"][0]
    assert top.value == "5 sessions, weekly"
    share = top.attributes["sessions_from"]
    assert share["text"] == "five ketamine, one midazolam"
    assert load_document(str(BLIND / "batch52" / "bz07_sc_ketamine_titration_ba_older_adults.txt")).text[
        share["start"] : share["end"]] == share["text"]


def test_a_rate_and_the_total_it_makes():
    # batch52 ca03: "During the first 4 weeks (induction) the patients had two sessions per week, for a
    # total of eight sessions."
    rec = extract(str(BLIND / "batch52" / "ca03_esk_stpp_italy.txt"), drug="esketamine")
    assert rec.fields["frequency"][0].value == "8 sessions, twice weekly"


def test_troches_of_a_strength_prepared_by_a_pharmacy():
    # batch52 ca07: "Troches of 50 mg of ketamine were prepared by a magistral pharmacy. The usual dose
    # was 150 mg sublingual (three troches)"
    rec = extract(str(BLIND / "batch52" / "ca07_kap_sublingual_argentina.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "150 mg"
    assert [v.value for v in rec.fields["dose"]][-1] == "50 mg"


def test_an_esketamine_letter_with_a_run_in_patients_and_treatment_part():
    # batch53 cc04: "Patients and treatment." opens the methods of a research letter; the introduction's
    # "Racemic ketamine infusions at 0.5 mg/kg" are another drug's in a paper about esketamine
    rec = extract(str(BLIND / "batch53" / "cc04_esketamine_cbt_trd.txt"), drug="esketamine")
    doses = [v.value for v in rec.fields["dose"]]
    assert doses[:2] == ["84 mg", "56 mg"] and "0.5 mg/kg" not in doses
    assert rec.fields["dose"][0].evidence.section == "methods"


def test_rapid_dissolving_tablets_and_the_sessions_after_which_scales_were_completed():
    # batch53 cc07: "dispensed by a compounding pharmacy as 100-mg RDTs" is a strength; "PHQ-9 and GAD-7
    # were completed in the app at baseline and after sessions 2, 4 and 6" is no schedule
    rec = extract(str(BLIND / "batch53" / "cc07_home_sublingual_integration.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "200-450 mg"
    assert all(v.value != "3 sessions, other" for v in rec.fields["frequency"])


def test_a_dose_in_the_first_session_and_another_in_the_second_and_third():
    # batch53 cb01: "Ketamine was given at 0.75 mg/kg in the first session and at 1.0 mg/kg in the second
    # and third sessions when tolerated"
    rec = extract(str(BLIND / "batch53" / "cb01_group_retreat_im.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["dose"]][:2] == ["1 mg/kg", "0.75 mg/kg"]


def test_the_comparison_arms_sessions_of_magnetic_stimulation():
    # batch54 cd06: "... weekly subcutaneous ketamine combined with an 8-week course of MBCT, or to 20
    # sessions of high-frequency repetitive transcranial magnetic stimulation (rTMS) over four weeks"
    rec = extract(str(BLIND / "batch54" / "cd06_clbp_sc_ketamine_mbct_vs_rtms.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "8 sessions, weekly, 8 weeks"
    assert all(v.attributes["sessions"] != 20 for v in rec.fields["frequency"])


def test_each_device_and_what_it_contained():
    # batch54 cd04: "Each device delivered two sprays, one per nostril, and contained 28 mg of esketamine"
    rec = extract(str(BLIND / "batch54" / "cd04_postpartum_esketamine_ipt.txt"), drug="esketamine")
    assert [v.value for v in rec.fields["dose"]] == ["84 mg", "56 mg", "28 mg"]


def test_a_raise_for_early_non_responders_is_no_raise_of_the_regimen():
    # batch54 ce03: "Study 2 ... gave six infusions twice weekly for 3 weeks, raising the dose to 0.75
    # mg·kg-1 for early non-responders"
    rec = extract(str(BLIND / "batch54" / "ce03_ketamine_cbt_pooled.txt"), drug="ketamine")
    assert [v.value for v in rec.fields["dose"]][:2] == ["0.5 mg/kg", "0.75 mg/kg"]


def test_a_service_audits_title_under_its_article_type():
    # batch55 cf04: "SERVICE AUDIT" above the title is the article's type, so the title names the target
    # and the drugless methods' "the first session used 56 mg, and the dose was then adjusted to 56 mg or
    # 84 mg" are esketamine's
    rec = extract(str(BLIND / "batch55" / "cf04_scotland_esketamine_ba_audit.txt"), drug="esketamine")
    assert load_document(str(BLIND / "batch55" / "cf04_scotland_esketamine_ba_audit.txt")).title.startswith(
        "Esketamine nasal spray combined with behavioural activation")
    assert rec.fields["dose"][0].value == "84 mg"


def test_case_reports_count_the_cases_they_describe():
    # batch56 ch06: "Case descriptions: Two adults with moderate to severe OCD received ..."; ch05: the
    # "Approach to treatment" heading ends the introduction, whose "two randomized trials of 29 and 51
    # patients" are other studies'
    rec = extract(str(BLIND / "batch56" / "ch06_ocd_erp_two.txt"), drug="ketamine")
    assert rec.fields["sample_size"][0].value == 2
    rec = extract(str(BLIND / "batch56" / "ch05_palliative_routes.txt"), drug="ketamine")
    assert rec.fields["sample_size"][0].value == 3
    assert 51 not in [v.value for v in rec.fields["sample_size"]]


def test_a_protocols_titration_listed_step_by_step():
    # batch56 ci08: "Ketamine will start at 0.2 mg/kg at session 1. At each subsequent session the dose will
    # be increased by 0.1 mg/kg, to 0.3 mg/kg, 0.4 mg/kg and then 0.5 mg/kg"
    rec = extract(str(BLIND / "batch56" / "ci08_skald_subcutaneous_ba.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "0.5 mg/kg"


def test_one_persons_count_is_no_rival_of_the_protocols():
    # batch87 es06: "six IV infusions ... Infusions were given on Mondays and Thursdays" and, in one
    # case, "He received five infusions at 0.5 mg/kg; the fourth was cancelled"
    rec = extract(str(BLIND / "batch87" / "es06_ketamine_then_cpt_first_responders.txt"), drug="ketamine")
    assert rec.fields["frequency"][0].value == "6 sessions, twice weekly"


def test_the_route_of_a_later_phase_under_its_own_heading_ranks_after():
    # batch95 fi01: "2.3 Phase 2: oral maintenance at home" heads the oral phase's paragraph; fi08:
    # "Phase B (weeks 4-19, home). Participants in the ketamine arm will take sublingual ketamine"
    for name in ("fi01_iv_to_oral_cbt.txt", "fi08_switch_lld_protocol.txt"):
        rec = extract(str(BLIND / "batch95" / name), drug="ketamine")
        assert rec.fields["route"][0].value == "intravenous", name


def test_a_racemate_study_that_also_gives_esketamine_leads_with_the_racemate():
    # batch101 fu04: home sublingual racemic ketamine troches against clinic esketamine nasal spray; fu06:
    # intravenous ketamine against intranasal esketamine and midazolam: the record is ketamine's, so the
    # racemate's values lead and the esketamine arm's follow
    rec = extract(str(BLIND / "batch101" / "fu04_home_sublingual_ketamine_vs_esketamine.txt"), drug="ketamine")
    assert rec.fields["dose"][0].value == "300 mg"
    rec = extract(str(BLIND / "batch101" / "fu06_ketamine_esketamine_met_alcohol.txt"), drug="ketamine")
    assert rec.fields["route"][0].value == "intravenous"


def test_a_drugless_paragraph_that_opens_with_the_route_gives_the_targets_doses():
    # batch139 ir03 (the thirty-first session's third wave): "The default route was sublingual. Patients received
    # compounded troches of 100 mg or 150 mg ... Lozenge doses ranged from 100 to 300 mg per session ... Patients who
    # responded little to lozenges ... could instead receive an intramuscular injection ... at 0.5 to 1.5 mg/kg",
    # in a methods paragraph that names no drug; and "larger reductions in patients who received intramuscular
    # ketamine" is a subgroup's route
    rec = extract(BLIND / "batch139" / "ir03_kap_chart_review.txt", drug="ketamine", model=None)
    assert rec.fields["dose"][0].value == "100-300 mg"
    assert rec.fields["route"][0].value == "sublingual"
