"""Record assembly on real passages: target vs comparators, sections, tables, counts, evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from extraction_helpers import make_doc

from kapextract.extraction import extract
from kapextract.ingest import load_document
from kapextract.model import FIELDS

# PMC1526611 (lumiracoxib vs celecoxib vs placebo): the introduction cites another study's
# doses; the study's own dose is in the abstract and methods.
LUMIRACOXIB = [
    ("introduction", "paragraph",
     "A four-week phase II study evaluated the efficacy of four doses of lumiracoxib (50 mg twice daily, "
     "100 mg twice daily, 200 mg twice daily and 400 mg once daily) in patients with knee or hip OA [20]."),
    ("abstract", "paragraph",
     "Patients received lumiracoxib 400 mg/day (four times the recommended chronic dose in osteoarthritis; "
     "n = 144), placebo (n = 75), or celecoxib 200 mg twice daily (n = 145)."),
    ("methods", "paragraph",
     "Patients were subsequently randomly assigned (in the ratio 2:2:1) to oral treatment with lumiracoxib "
     "400 mg once daily, celecoxib 200 mg twice daily, or placebo."),
]


def values(rec, field):
    return [v.value for v in rec.fields[field]]


def test_comparator_and_introduction_values_are_not_the_target_s():
    rec = extract(make_doc(LUMIRACOXIB), drug="lumiracoxib", model="rules")
    doses = values(rec, "dose")
    assert doses[0] in ("400 mg", "400 mg/day")
    # celecoxib's 200 mg and the introduction's 50/100 mg (another study) are not reported
    assert "200 mg" not in doses and "50 mg" not in doses and "100 mg" not in doses
    assert values(rec, "route") == ["oral"]
    assert rec.fields["frequency"][0].attributes["interval"] == "daily"
    # the arm count of lumiracoxib is kept with its scope and arm
    arms = {v.value: v.attributes for v in rec.fields["sample_size"]}
    assert arms[144]["scope"] == "arm"


def test_celecoxib_as_target_gets_its_own_values():
    rec = extract(make_doc(LUMIRACOXIB), drug="celecoxib", model="rules")
    assert values(rec, "dose") == ["200 mg"]
    f = rec.fields["frequency"][0].attributes
    assert f["interval"] == "other" and f["times_per_day"] == 2


def test_multi_arm_doses_only_in_a_table():
    # PMC3842830, Table 1 header: two istradefylline dose arms and placebo; the dose is stated only here
    doc = make_doc([
        ("methods", "paragraph", "Patients were randomized to istradefylline or placebo."),
        ("tables", "table",
         "Characteristic\tPlacebo (n = 123)\tIstradefylline 20 mg/day (n = 120)\tIstradefylline 40 mg/day (n = 123)"),
    ])
    rec = extract(doc, drug="istradefylline", model="rules")
    assert set(values(rec, "dose")) == {"20 mg/day", "40 mg/day"}
    assert all(v.evidence.section == "tables" for v in rec.fields["dose"])


def test_animal_anaesthesia_dose_with_co_medication():
    # PMC3810136 and PMC4586379
    doc = make_doc([
        ("methods", "paragraph",
         "At day 0, rats were anesthetized by intraperitoneal injection of ketamine (100 mg/kg body weight (BW)) "
         "and placed on a temperature-controlled heating pad."),
        ("methods", "paragraph",
         "All surgeries were performed under ketamine/xylazine (91.0/9.1 mg/kg, i.p.) anesthesia."),
    ])
    rec = extract(doc, model="rules")
    assert values(rec, "dose") == ["100 mg/kg", "91 mg/kg"] or set(values(rec, "dose")) == {"100 mg/kg", "91 mg/kg"}
    assert "9.1 mg/kg" not in values(rec, "dose")
    assert values(rec, "route") == ["other"]
    assert rec.fields["route"][0].attributes["route_text"] in ("intraperitoneal", "i.p.")


def test_sample_sizes_with_scopes_and_number_words():
    # PMC3233513 and PMC2529259
    doc = make_doc([
        ("abstract", "paragraph",
         "Sixty-one women (1.2%) were diagnosed with PPH and randomized to receive either oxytocin plus 600 mcg "
         "misoprostol sublingually (n = 29) or oxytocin plus matching placebo (n = 32)."),
    ])
    rec = extract(doc, drug="misoprostol", model="rules")
    assert rec.fields["sample_size"][0].value == 61
    assert rec.fields["sample_size"][0].attributes["scope"] == "randomized"
    assert values(rec, "dose") == ["600 mcg"]
    assert values(rec, "route") == ["sublingual"]
    doc = make_doc([
        ("results", "paragraph",
         "Of the 613 randomized patients, 563 patients completed the study (formoterol 4.5 μg bid n = 195; "
         "9 μg bid n = 182; placebo n = 186) and 50 patients discontinued treatment."),
    ])
    rec = extract(doc, drug="formoterol", model="rules")
    by_value = {v.value: v.attributes["scope"] for v in rec.fields["sample_size"]}
    assert by_value[613] == "randomized" and by_value[563] == "completed"
    assert 50 not in by_value
    assert rec.fields["sample_size"][0].value == 613


def test_abbreviation_defined_in_one_passage_used_in_another():
    # PMC3698199 (TAU built on CBT): the definition is in one passage, the use in a later one
    doc = make_doc([
        ("abstract", "paragraph", "Motivational interviewing (MI) was offered to all participants."),
        ("methods", "paragraph", "MI sessions were delivered by trained therapists."),
    ])
    rec = extract(doc, model="rules")
    hits = rec.fields["therapy"]
    assert hits and hits[0].value == "motivational interviewing"


def test_paper_that_states_nothing_gets_empty_lists():
    # PMC4005450 mentions ketamine only in the introduction
    doc = make_doc([
        ("introduction", "paragraph",
         "Other drugs investigated in other studies to relive propofol injection pain include metoclopramide, "
         "and opiates like meperidine (7), tramadol (2), and ketamine (9)."),
    ])
    rec = extract(doc, model="rules")
    assert all(rec.fields[f] == [] for f in FIELDS)


def test_evidence_offsets_index_the_document_text():
    doc = make_doc(LUMIRACOXIB)
    rec = extract(doc, drug="lumiracoxib", model="rules")
    for f in FIELDS:
        for v in rec.fields[f]:
            ev = v.evidence
            assert doc.text[ev.start : ev.end] == v.text
            assert ev.sentence in doc.text and v.text in ev.sentence
            assert 0.0 <= v.confidence <= 1.0
            assert ev.section in ("abstract", "methods")


def test_record_shape(tmp_path):
    rec = extract("tests/fixtures/nxml/PMC3637243.nxml", model="rules")
    d = rec.to_dict()
    assert set(d) == {"schema_version", "document", "fields", "warnings", "model"}
    assert d["model"]["name"] == "kap_rules"
    assert values(rec, "dose")[0] == "66 mg/kg"   # "Ketavet® (Ketamine, 66 mg/kg)"
    assert "0.09 mg/kg" not in values(rec, "dose")  # medetomidine's dose


def test_extract_rejects_other_inputs():
    with pytest.raises(TypeError):
        extract(42)


def test_route_stated_once_for_listed_drugs():
    # PMC4969982 and PMC5805261: the route belongs to every drug of the list
    doc = make_doc([
        ("methods", "paragraph", "Sheep were premedicated with 20 mg/kg ketamine and 0.25 mg/kg midazolam intramusculary."),
        ("methods", "paragraph",
         "Intravenous procedural sedation was induced for the ablation procedure using fentanyl citrate (Hana Pharm, "
         "Seoul, Korea), Midazolam (Hana Pharm, Seoul, Korea), and Ketamine (Huons, Hwaseong, Kyunggi, Korea) "
         "administered by a special nurse anesthetist with continuous monitoring of vital signs."),
    ])
    rec = extract(doc, model="rules")
    assert set(values(rec, "route")) == {"intramuscular", "intravenous"}
    assert values(rec, "dose") == ["20 mg/kg"]   # midazolam's 0.25 mg/kg is not ketamine's


def test_randomized_total_as_the_sum_of_arms():
    # PMC4069535: no total is written, the two randomized arms are
    doc = make_doc([
        ("methods", "paragraph",
         "After fluid resuscitation and norepinephrine infusion (SD0), animals were randomized to propofol "
         "(PROP, n = 8) or dexmedetomidine (DEX, n = 8) sedation, with two incremental doses (SD1 and SD2)."),
    ])
    rec = extract(doc, drug="propofol", model="rules")
    top = rec.fields["sample_size"][0]
    assert top.value == 16 and top.attributes["scope"] == "randomized" and top.attributes["sum_of_arms"]
    # each arm count is linked (SIZE_OF) to the drug naming its arm
    assert {v.attributes.get("arm") for v in rec.fields["sample_size"][1:]} >= {"propofol", "dexmedetomidine"}


def test_a_drug_assisted_psychotherapy_counts_only_for_the_paper_s_drug():
    doc = make_doc([("methods", "paragraph",
                     "Patients received psilocybin-assisted therapy: two sessions of psilocybin 25 mg orally.")])
    assert values(extract(doc, drug="psilocybin", model="rules"), "therapy") == ["psychedelic psychotherapy"]
    doc = make_doc([("methods", "paragraph", "Patients received ketamine 0.5 mg/kg intravenously. The effects "
                     "resembled those of patients undergoing LSD-assisted psychotherapy [12].")])
    assert values(extract(doc, drug="ketamine", model="rules"), "therapy") == []


def test_arms_heading_a_table_add_up_when_no_total_is_written():
    # PMC5432698: the only counts are the arms of Table 1's header row
    doc = make_doc([
        ("methods", "paragraph", "Patients undergoing surgery received a ketamine infusion or saline."),
        ("tables", "table", "\tKetamine group (n=80)\tSaline group (n=80)\tP-value\nAge, years\t54\t55\t0.4"),
    ])
    rec = extract(doc, drug="ketamine", model="rules")
    top = rec.fields["sample_size"][0]
    assert top.value == 160 and top.attributes["sum_of_arms"]


def test_route_and_schedule_after_a_combination_are_every_component_s():
    # PMC5391070: the route and schedule follow the last drug of the regimen
    doc = make_doc([("methods", "paragraph",
                     "Arm A: polaprezinc 75 mg + omeprazole 20 mg + amoxicillin 1 g + clarithromycin 0.5 g orally "
                     "twice daily for 14 days.")])
    rec = extract(doc, drug="polaprezinc", model="rules")
    assert values(rec, "route") == ["oral"]
    assert rec.fields["frequency"][0].attributes["interval"] == "other"  # twice daily
    # the arms of one verb share the schedule written after them; a schedule of its own stays its own
    doc = make_doc([("methods", "paragraph", "Polaprezinc 75 mg or placebo (0.9% saline) was given orally on days 1, 4 "
                     "and 8.")])
    assert values(extract(doc, drug="polaprezinc", model="rules"), "frequency") == ["3 sessions, other"]
    # a drug merely named before another's route is not given that route
    doc = make_doc([("methods", "paragraph", "Polaprezinc was stopped; omeprazole 20 mg was given orally.")])
    assert values(extract(doc, drug="polaprezinc", model="rules"), "route") == []


def test_target_defined_by_an_abbreviation_whose_long_form_names_it():
    doc = make_doc([("methods", "paragraph",
                     "Children were randomized to lisdexamfetamine dimesylate (LDX) or placebo. "
                     "LDX was given orally at 30 mg/day once daily for 4 weeks.")])
    rec = extract(doc, drug="lisdexamfetamine", model="rules")
    assert values(rec, "dose")[:1] == ["30 mg/day"] and values(rec, "route") == ["oral"]


def test_doses_of_equal_weight_come_in_the_order_the_paper_lists_them():
    for first, second in (("105 mg", "225 mg"), ("225 mg", "105 mg")):
        doc = make_doc([("methods", "paragraph",
                         f"Patients were randomized to gantenerumab {first} or gantenerumab {second} every 4 weeks.")])
        rec = extract(doc, drug="gantenerumab", model="rules")
        assert values(rec, "dose")[:2] == [first, second]


def test_measured_concentrations_are_not_doses_and_a_daily_dose_implies_daily():
    doc = make_doc([("methods", "paragraph",
                     "Patients received cholecalciferol 5000 IU/day orally for 24 weeks. Toxic levels of "
                     "cholecalciferol (more than 80 ng/mL) were checked monthly.")])
    rec = extract(doc, drug="cholecalciferol", model="rules")
    assert "80 ng/ml" not in values(rec, "dose") and values(rec, "dose")[0] == "5000 IU/day"
    freq = rec.fields["frequency"]
    assert freq and freq[0].attributes["interval"] == "daily"


def test_the_study_total_goes_before_an_arm_count():
    doc = make_doc([("results", "paragraph",
                     "80 patients with the mean age of 42.08 ± 12.17 (18 - 60) years were randomly allocated to "
                     "2 groups of 40 and sedated with dexmedetomidine or midazolam.")])
    rec = extract(doc, drug="dexmedetomidine", model="rules")
    assert values(rec, "sample_size")[:1] == [80]


def test_a_protocol_that_only_plans_its_sample_reports_the_target():
    doc = make_doc([("methods", "paragraph",
                     "This is a trial protocol. A total of 120 participants will be randomised to ketamine "
                     "or midazolam.")])
    rec = extract(doc, drug="ketamine", model="rules")
    ss = rec.fields["sample_size"]
    assert ss and ss[0].value == 120 and ss[0].attributes.get("planned") is True


def test_a_protocol_target_is_not_the_number_it_must_screen():
    # PMC4458032 (development records): 508 are to be screened, 254 to be included
    doc = make_doc([("methods", "paragraph",
                     "This is a trial protocol. Two-hundred and fifty-four patients will be included, 127 in each "
                     "treatment group. Therefore, 508 patients will be required to be screened, assuming that half of "
                     "them meet the inclusion criteria.")])
    rec = extract(doc, drug="lithium", model="rules")
    assert values(rec, "sample_size")[:1] == [254]
    assert 508 not in values(rec, "sample_size")


def test_a_named_modality_ranks_before_other_and_a_studied_psychoeducation_counts():
    doc = make_doc([("methods", "paragraph",
                     "Parents were randomized to brief guided parent-delivered CBT or solution-focused brief therapy.")])
    rec = extract(doc, drug="ketamine", model="rules")
    assert values(rec, "therapy")[:1] == ["cognitive behavioral therapy"]
    doc = make_doc([("title", "title", "A self-help psycho-education programme for women with breast cancer"),
                    ("methods", "paragraph", "Women were randomized to the self-help psycho-education programme "
                                             "or to treatment as usual.")])
    rec = extract(doc, drug="ketamine", model="rules")
    assert values(rec, "therapy")[:1] == ["psychoeducation"]


def test_the_values_after_a_product_s_ingredients_are_the_product_s():
    # PMC4396730 (development gold): sulodexide "composed of" heparin and dermatan sulfate
    doc = make_doc([
        ("methods", "paragraph",
         "One group ingested sulodexide composed of 80% fast-moving heparin and 20% dermatan sulfate (Vessel 2F, "
         "Alfa Wassermann SpA, Bologna, Italy), 100 mg orally daily for 14 weeks. The other group ingested a placebo."),
    ])
    rec = extract(doc, drug="sulodexide", model="rules")
    assert values(rec, "dose") == ["100 mg"]
    assert values(rec, "route") == ["oral"]
    # a drug that is no ingredient keeps its own dose
    doc = make_doc([("methods", "paragraph", "Patients received sulodexide and then heparin 5000 IU subcutaneously.")])
    assert values(extract(doc, drug="sulodexide", model="rules"), "dose") == []


def test_a_count_of_administrations_without_a_named_interval_gets_interval_other():
    # DESIGN.md's intervals have no "unknown"; PMC1087200 and PMC1386666 (development gold)
    doc = make_doc([("methods", "paragraph",
                     "Patients received six ketamine infusions over two weeks. A second group received a single "
                     "ketamine infusion.")])
    freq = extract(doc, model="rules").fields["frequency"]
    by_value = {v.value: v.attributes for v in freq}
    assert by_value["6 sessions, other, 2 weeks"]["interval"] == "other"
    assert by_value["6 sessions, other, 2 weeks"]["sessions"] == 6
    assert by_value["1 session, single"]["interval"] == "single"


def test_a_titration_s_starting_dose_ranks_after_the_dose_it_is_raised_to():
    # PMC4558893 and PMC4458032 (development gold)
    doc = make_doc([("methods", "paragraph",
                     "Exenatide was initiated at 5 µg twice daily, increasing to 10 µg twice daily after 4 weeks.")])
    assert values(extract(doc, drug="exenatide", model="rules"), "dose") == ["10 mcg", "5 mcg"]
    doc = make_doc([("methods", "paragraph",
                     "Patients receive an oral starting dose of 295 mg lithium carbonate on the first day, increased "
                     "to 885 mg on the second day.")])
    assert values(extract(doc, drug="lithium", model="rules"), "dose") == ["885 mg", "295 mg"]
    # a starting dose that is never raised keeps its place
    doc = make_doc([("methods", "paragraph", "Ketamine was started at 0.5 mg/kg; 1 mg/kg was given to the second arm.")])
    assert values(extract(doc, model="rules"), "dose")[0] == "0.5 mg/kg"


def test_a_schedule_in_another_drug_s_bracket_is_that_drug_s():
    # PMC4994668 (development gold): ciclosporin's schedule is not infliximab's
    doc = make_doc([("abstract", "paragraph",
                     "Patients were randomly allocated to receive either infliximab (5 mg/kg intravenous infusion given "
                     "over 2 h at baseline) or ciclosporin (2 mg/kg per day by continuous infusion for up to 7 days, "
                     "followed by twice-daily tablets delivering 5.5 mg/kg per day for 12 weeks).")])
    rec = extract(doc, drug="infliximab", model="rules")
    assert values(rec, "dose") == ["5 mg/kg"]
    assert values(rec, "frequency") == []


def test_the_amount_of_drug_ranks_before_the_volume_it_comes_in():
    # every development and test gold record with both lists the mass first (PMC5870915, PMC5816054,
    # PMC2447617); a drug dosed only by volume keeps its volumes
    doc = make_doc([("methods", "paragraph", "Patients in group B received 2.0 ml of 0.75% bupivacaine (15 mg) intrathecally.")])
    assert values(extract(doc, drug="bupivacaine", model="rules"), "dose") == ["15 mg", "2 ml"]
    doc = make_doc([("methods", "paragraph", "After the needle tip was confirmed, 10 ml of 0.25% ropivacaine was administered.")])
    assert values(extract(doc, drug="ropivacaine", model="rules"), "dose") == ["10 ml"]


def test_a_study_protocol_s_planned_sample_competes_with_its_other_counts():
    # PMC5845203 (development gold): the protocol's N is its plan; the school sizes are no sample
    parts = [("methods", "paragraph",
              "Nine schools have a pupil population of between 700 and 1100 students. The trial requires n = 306 "
              "participants (n = 153 in each group) to detect a difference of 0.3 with 80% power.")]
    title = ("title", "title", "Humanistic counselling in schools: study protocol for a randomised controlled trial")
    rec = extract(make_doc([title, *parts]), drug="ketamine", model="rules")
    assert rec.fields["sample_size"][0].value == 306
    # the same text in a report of results keeps the plan out
    rec = extract(make_doc([("title", "title", "Humanistic counselling in schools: a randomised trial"), *parts]),
                  drug="ketamine", model="rules")
    assert 306 not in values(rec, "sample_size")


def test_only_a_study_protocol_title_makes_a_protocol():
    from kapextract.extraction.assemble import is_protocol

    def titled(t):
        return make_doc([("title", "title", t), ("methods", "paragraph", "Methods.")])

    assert is_protocol(titled("The GoodNight study: study protocol for a randomized controlled trial"))
    assert is_protocol(titled("Rationale and design of the GMMG trial ReLApsE"))
    assert is_protocol(titled("Protocol for a randomized controlled trial to compare exercises with risedronate"))
    assert not is_protocol(titled("Half-dose triptorelin in long protocol IVF cycles"))


def test_a_count_of_therapy_sessions_linked_to_the_drug_by_a_model_is_dropped():
    """A trained relation model may link "eight sessions" (of EMDR) to the drug; the
    assembler reads it as the therapy's schedule, as the rule relations do."""
    from kapextract.extraction.assemble import Assembler, analyze
    from kapextract.model import Relation
    from kapextract.nlp import build_pipeline

    doc = make_doc([("title", "title", "Ketamine and EMDR"), ("methods", "paragraph",
                    "Participants completed eight sessions of EMDR after ketamine (0.5 mg/kg IV, three infusions "
                    "per week).")])
    analysis = analyze(doc, build_pipeline("rules"), "ketamine")
    ms = analysis.mentions
    count = next(i for i, m in enumerate(ms) if m.text == "eight sessions")
    drug = next(i for i, m in enumerate(ms) if m.label == "DRUG")
    assert not any(r.head == count for r in analysis.relations)  # the rules leave it alone
    analysis.relations.append(Relation(count, drug, "FREQUENCY_OF", 0.9))
    values = [c.value for c in Assembler(doc, analysis, "ketamine").frequency()]
    assert values == ["3 times weekly"]


def test_study_n_first_puts_a_trial_s_randomized_count_before_an_enrolled_one():
    from kapextract.extraction.assemble import study_n_first
    from kapextract.model import Evidence, Value

    def count(n, scope, conf):
        return Value(n, str(n), conf, {"scope": scope, "arm": None}, Evidence(f"{n} were {scope}.", 0, len(str(n)), "methods"))

    for enrolled, randomized in ((341, 328), (421, 509)):
        values = [count(enrolled, "enrolled", 0.9), count(randomized, "randomized", 0.85), count(20, "arm", 0.5)]
        assert [v.value for v in study_n_first(values)] == [randomized, enrolled, 20]
    # a randomized count far less well supported stays where it is
    values = [count(341, "enrolled", 0.9), count(328, "randomized", 0.5)]
    assert [v.value for v in study_n_first(values)] == [341, 328]


def test_a_drug_class_route_names_the_target_when_the_target_follows_the_class():
    # PMC1386666 (budesonide): "inhaled corticosteroid (budesonide equivalents)" is the target's
    # route, while "an oral antidepressant" beside esketamine is another medicine's
    doc = make_doc([
        ("methods", "paragraph",
         "Budesonide was taken as 2 inhalations at t = -5 minutes. Dose of inhaled corticosteroid (budesonide "
         "equivalents) in patients receiving inhaled corticosteroid."),
    ])
    assert values(extract(doc, drug="budesonide", model="rules"), "route") == ["other"]
    doc = make_doc([
        ("abstract", "paragraph", "Esketamine is usually prescribed with an oral antidepressant alone."),
    ])
    assert values(extract(doc, drug="esketamine", model="rules"), "route") == []


def test_listed_amounts_respectively_go_to_the_listed_drugs_in_order():
    # development batch 7 (PMC4658539): the target's own amount of "5 and 0.02 mg/kg, respectively"
    doc = make_doc([
        ("methods", "paragraph",
         "Antagonists (naloxone and haloperidol) were dissolved in saline and injected at a concentration of "
         "5 and 0.02 mg/kg, respectively."),
    ])
    assert values(extract(doc, drug="haloperidol", model="rules"), "dose") == ["0.02 mg/kg"]


def test_what_a_tablet_contains_ranks_below_the_dose_by_weight():
    # development batch 7 (PMC3424202): the strengths of a fixed combination's tablet are no dose
    doc = make_doc([
        ("methods", "paragraph",
         "Patients received dihydroartemisinin-piperaquine (Sigma-Tau, Rome, Italy) 2.1/16.8 mg/kg in a single "
         "daily dose for 3 days. Each tablet contained 40 mg of dihydroartemisinin and 320 mg of piperaquine."),
    ])
    doses = values(extract(doc, drug="dihydroartemisinin-piperaquine", model="rules"), "dose")
    assert doses[:2] == ["2.1 mg/kg", "16.8 mg/kg"] and set(doses[2:]) == {"40 mg", "320 mg"}


def test_an_oral_dose_of_a_drug_with_its_amount_in_brackets_is_one_administration():
    # development batch 7 (PMC3314973): a single-dose crossover that never says "single"
    doc = make_doc([
        ("methods", "paragraph",
         "Each participant then received an oral dose of methylphenidate (30 mg), atomoxetine (60 mg), or placebo "
         "according to a randomized crossover design."),
    ])
    assert values(extract(doc, drug="methylphenidate", model="rules"), "frequency") == ["1 session, single"]


def test_a_split_count_does_not_swallow_the_total_that_follows_it_or_a_single_unit_of_each_session():
    # kap_papers batch44 (bk06): "two further ... sessions ..., so that ... three ... sessions in total"
    doc = make_doc([
        ("methods", "paragraph",
         "All patients received one psychotherapy session with ketamine 2.0 mg/kg IM before discharge. In the "
         "multiple-session group, two further individual psychotherapy sessions followed, the first at randomization "
         "and the second one month later, so that these participants received three ketamine sessions in total at "
         "monthly intervals."),
    ])
    assert values(extract(doc, drug="ketamine", model="rules"), "frequency")[0] == "3 sessions, monthly"
    # kap_papers batch72 (dn08): how each of three sessions' doses is given, with a bracketed abbreviation
    doc = make_doc([
        ("methods", "paragraph",
         "The programme combined weekly psychotherapy with up to three ketamine sessions. Ketamine was given as a "
         "single subcutaneous (SC) injection into the anterior abdominal wall at 0.5 mg/kg."),
    ])
    assert values(extract(doc, drug="ketamine", model="rules"), "frequency")[0] != "1 session, single"


def test_an_interval_in_minutes_alone_is_no_course_schedule():
    # kap_papers batch142 (iy03): nasal spray devices one every 5 minutes inside each session
    doc = make_doc([
        ("methods", "paragraph",
         "Esketamine: 84 mg per session (three 28 mg devices, one every 5 minutes); 56 mg at session 1 as a "
         "tolerability step."),
        ("methods", "paragraph", "Schedule: twice weekly in weeks 1-4, i.e. 8 sessions in the clinic."),
    ])
    assert values(extract(doc, drug="esketamine", model="rules"), "frequency")[0] == "8 sessions, twice weekly, 4 weeks"


def test_a_sentence_about_a_past_decade_outside_the_methods_is_others_work():
    # kap_papers batch92 (fb01): "Clinicians in St Petersburg in the 1990s gave a single intramuscular
    # injection ..." in the unheaded introduction, before the trial's three weekly infusions
    doc = load_document(Path(__file__).parents[1] / "annotations/kap_papers/batch92/fb01_ketamine_mbrp_alcohol.txt")
    assert values(extract(doc, drug="ketamine"), "frequency")[0] == "3 sessions, weekly"
