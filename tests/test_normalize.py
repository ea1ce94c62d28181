"""Normalizers: doses and units, number words, routes, frequency, sample-size scope, therapy."""

from __future__ import annotations

import re

import pytest

from kapextract.normalize.dose import parse_dose
from kapextract.normalize.duration import parse_duration
from kapextract.normalize.frequency import parse_frequency, with_period
from kapextract.normalize.numbers import parse_number, word_number_pattern
from kapextract.normalize.route import normalize_route
from kapextract.normalize.sample_size import is_planning, parse_count, sample_scope
from kapextract.normalize.therapy import normalize_therapy
from kapextract.normalize.units import canonical_unit


@pytest.mark.parametrize("text,value,unit", [
    ("0.5 mg/kg", "0.5 mg/kg", "mg/kg"),
    ("0.5-0.75 mg/kg", "0.5-0.75 mg/kg", "mg/kg"),
    ("0.5 to 0.75 mg/kg", "0.5-0.75 mg/kg", "mg/kg"),
    ("2 mg kg-1", "2 mg/kg", "mg/kg"),
    ("2 mg·kg−1", "2 mg/kg", "mg/kg"),
    ("10 µg/kg/min", "10 mcg/kg/min", "mcg/kg/min"),
    ("5 γ/kg/min", "5 mcg/kg/min", "mcg/kg/min"),
    ("1.2 mg/kg/h", "1.2 mg/kg/h", "mg/kg/h"),
    ("0.5 mg kg−1 h−1", "0.5 mg/kg/h", "mg/kg/h"),
    ("600 mcg", "600 mcg", "mcg"),            # PMC2529259
    ("150 mg", "150 mg", "mg"),
    ("30 ng/ml", "30 ng/ml", "ng/ml"),
    ("20 mg/day", "20 mg/day", "mg/day"),
    ("0,5 mg/kg", "0.5 mg/kg", "mg/kg"),
    ("0.5 mg/kg to 0.75 mg/kg", "0.5-0.75 mg/kg", "mg/kg"),
    ("50 mg units", "50 mg", "mg"),  # "compounded in 50 mg units": not 50 IU
    # amounts in words (batch18 ii06, batch23 tt08; PMC3502183 "four grams of Ecologic Relief")
    ("half a milligram per kilogram", "0.5 mg/kg", "mg/kg"),
    ("three-quarters of a milligram per kilogram", "0.75 mg/kg", "mg/kg"),
    ("one and a half milligrams per kilogram", "1.5 mg/kg", "mg/kg"),
    ("forty-five micrograms per kilogram", "45 mcg/kg", "mcg/kg"),
    ("four grams", "4 g", "g"),
])
def test_dose_forms(text, value, unit):
    d = parse_dose(text)
    assert d["value"] == value and d["unit"] == unit


def test_solution_strength_is_not_a_dose():
    assert parse_dose("10 mg/ml") is None
    assert parse_dose("two units") is None and parse_dose("one ml") is None  # words only before a mass
    assert canonical_unit("mg/ml") == "mg/ml"


def test_dose_range_attributes():
    d = parse_dose("0.5-0.75 mg/kg")
    assert (d["amount"], d["amount_max"]) == (0.5, 0.75)


@pytest.mark.parametrize("text,value", [
    ("Fifty-five", 55), ("One hundred and forty-four", 144), ("Seventy", 70),
    ("Twenty-eight", 28),   # PMC3215945: "Twenty-eight patients received all four infusions."
    ("twenty one", 21), ("1,200", 1200), ("0,5", 0.5), ("two thousand three hundred", 2300),
])
def test_number_words(text, value):
    assert parse_number(text) == value


def test_a_hyphenated_hundred_is_one_number():
    # PMC4458032 (development records): "Two-hundred and fifty-four patients will be included"
    found = re.findall(word_number_pattern(), "Two-hundred and fifty-four patients, two hundred forty", re.IGNORECASE)
    assert found == ["Two-hundred and fifty-four", "two hundred forty"]


def test_non_number():
    assert parse_number("patients") is None


@pytest.mark.parametrize("text,route,implied", [
    ("i.m.", "intramuscular", False), ("IM", "intramuscular", False), ("i.v.", "intravenous", False),
    ("IV infusion", "intravenous", False), ("intravenously", "intravenous", False),
    ("lozenge", "sublingual", True), ("troches", "sublingual", True),
    ("nasal spray", "intranasal", True), ("sublingually", "sublingual", False),   # PMC2529259
    ("tablets", "oral", True), ("infusion", "intravenous", True),
    ("intraperitoneal", "other", False), ("i.p.", "other", False),
])
def test_routes(text, route, implied):
    r = normalize_route(text)
    assert r is not None and r[0] == route and r[1] is implied


def test_route_other_keeps_text():
    assert normalize_route("intraperitoneal")[2] == "intraperitoneal"


@pytest.mark.parametrize("texts,sessions,interval,period", [
    (("three weekly infusions",), 3, "weekly", None),
    (("twice a week for six weeks",), 12, "twice weekly", 6.0),
    (("a single infusion",), 1, "single", None),
    (("six", "infusions over two weeks"), 6, None, 2.0),
    (("once daily for 4 weeks",), None, "daily", 4.0),
    (("every other week",), None, "every 2 weeks", None),
    (("all four infusions",), 4, None, None),     # PMC3215945
    (("4-5 KAP sessions",), 4, None, None),
    # a count spread evenly over whole weeks is a rate; an uneven one states no interval
    (("four", "infusions over two weeks"), 4, "twice weekly", 2.0),
    (("three infusions over three weeks",), 3, "weekly", 3.0),
    (("six sessions over 12 weeks",), 6, "every 2 weeks", 12.0),
    (("3 sessions over 8 weeks",), 3, None, 8.0),
    # listed weeks spaced as the interval says count the administrations
    (("once a week in weeks 2, 3 and 4",), 3, "weekly", None),
    (("weekly on days 1, 8 and 15",), 3, "weekly", None),
    (("weekly at weeks 0, 2 and 4",), None, "weekly", None),
    (("twice", "one week apart"), 2, "weekly", None),
    (("six sessions", "a fortnight apart"), 6, "every 2 weeks", None),
    (("given twice",), 2, None, None),
    # the weekdays a dose is given on: a weekly rate
    (("on Mondays and Thursdays",), None, "twice weekly", None),
    (("every Tuesday",), None, "weekly", None),
    (("Four infusions", "on Mondays and Thursdays", "of weeks 1 and 2"), 4, "twice weekly", None),
    (("on Mondays and Thursdays of weeks 1 and 2",), 4, "twice weekly", 2),
    (("twice weekly in weeks 1, 2 and 3",), 6, "twice weekly", 3),
    # visits named after the drug are its administrations ("four IM ketamine visits")
    (("four", "visits", "at two-week intervals"), 4, "every 2 weeks", None),
    # a range of days between doses: the named interval its mean falls on
    (("six", "infusions", "spaced every 3 to 4 days"), 6, "twice weekly", None),
    (("every 6–8 days",), None, "weekly", None),
    (("every 2 to 3 weeks",), None, "other", None),
    # dosing days named one by one ("on day 1 and again on day 8": two spans)
    (("on day 1", "on day 8"), 2, "weekly", None),
    # listed days on the same weekdays each week (batch15 cc05, batch4 h08)
    (("on study days 1, 4, 8, 11, 15, 18, 22 and 25",), 8, "twice weekly", 4.0),
    (("on days 1, 4, 8, 11 and 15",), 5, "other", None),
    # a count of times, alone or with its spacing (batch24 uu04, batch15 dd05)
    (("three times",), 3, None, None),
    (("four times", "weekly intervals"), 4, "weekly", None),
    # clinical shorthand (batch25 ww04, ww05, ww07; PMC5440538 "TIW")
    (("q1w, eight visits in all, over 8 weeks",), 8, "weekly", 8.0),
    (("b.i.w. in weeks 1-4",), 8, "twice weekly", 4.0),
    (("TIW",), None, "other", None),
])
def test_frequency(texts, sessions, interval, period):
    f = parse_frequency(*texts)
    assert (f["sessions"], f["interval"], f["period_weeks"]) == (sessions, interval, period)


def test_frequency_twice_daily_is_other():
    f = parse_frequency("200 mg twice daily")  # PMC1526611
    assert f["interval"] == "other" and f["times_per_day"] == 2


@pytest.mark.parametrize("text, times_per_week", [
    ("Monday, Wednesday and Friday", 3), ("Monday-Wednesday-Friday", 3), ("Monday to Friday", 5),
    ("Monday–Friday", 5), ("Mon/Thu", 2),
])
def test_frequency_weekdays_count_the_days(text, times_per_week):
    f = parse_frequency(text)
    # (five days a week is a daily course on working days; its count of days per week stays)
    want = {2: ("twice weekly", None), 5: ("daily", 5)}.get(times_per_week, ("other", times_per_week))
    assert (f["interval"], f.get("times_per_week")) == want


def test_a_rate_takes_the_period_of_its_alternative():
    f = with_period(parse_frequency("twice weekly"), 4.0)
    assert (f["value"], f["sessions"]) == ("8 sessions, twice weekly, 4 weeks", 8)
    assert with_period(parse_frequency("monthly"), 4.0)["sessions"] is None


def test_frequency_needs_a_count_or_schedule():
    assert parse_frequency("for 6 weeks") is None


def test_duration():
    assert parse_duration("over 40 minutes") == "40 min"
    assert parse_duration("40-min") == "40 min"
    assert parse_duration("over 20 seconds") == "20 s"


def _scope(sentence: str, number: str, last: bool = False):
    i = sentence.rindex(number) if last else sentence.index(number)
    return sample_scope(sentence, i, i + len(number))


def test_numbered_sessions_with_their_interval_count_the_administrations():
    # batch20 nn07: "restricted to sessions 4, 6, 8 and 10, that is, every other week"
    f = parse_frequency("to sessions 4, 6, 8 and 10, that is, every other week")
    assert (f["sessions"], f["interval"]) == (4, "every 2 weeks")


def test_one_administration_in_each_of_the_first_weeks():
    # batch20 mm04: "one infusion in each of the first three weeks"
    f = parse_frequency("one infusion in each of the first three weeks")
    assert (f["sessions"], f["interval"]) == (3, "weekly")


def test_a_rate_written_with_middle_dots_and_exponents():
    # batch19 kk01: "0.35 mg·kg-1·h-1" (the middle dot before an exponent form)
    assert parse_dose("0.35 mg·kg-1·h-1")["unit"] == "mg/kg/h"
    assert parse_dose("2.5 µg·kg-1·min-1")["unit"] == "mcg/kg/min"
    assert parse_dose("5 mg·kg")["unit"] == "mg/kg"


def test_an_exponent_typed_with_a_caret():
    # batch89 ev02, ev06: "2,0 mg kg^-1", "0,5 mg kg^-1" (plain text without superscripts)
    assert parse_dose("2,0 mg kg^-1")["value"] == "2 mg/kg"
    assert parse_dose("0.5 mg kg^-1 h^-1")["unit"] == "mg/kg/h"
    assert parse_dose("30 mg m^-2")["value"] == "30 mg/m2"


def test_sample_scope_randomized_completed():
    # PMC3233513
    s = ("Of the 613 randomized patients, 563 patients completed the study (formoterol 4.5 μg bid n = 195; "
         "9 μg bid n = 182; placebo n = 186).")
    assert _scope(s, "613")[0] == "randomized"
    assert _scope(s, "563")[0] == "completed"


def test_sample_scope_of_a_treated_pool_split_by_counts():
    # batch24 uu07: the pool may say it was treated, not how it was found
    assert _scope("Of 235 patients who started KAP, 121 chose IM, 68 SL and 46 IV.", "235")[0] == "enrolled"
    assert _scope("Of 88 people who were contacted, 30 agreed to take part.", "88")[0] == "excluded"


def test_sample_scope_arms_and_exclusions():
    # PMC4540107
    s = ("Patients were randomly assigned to a group: DM60 (60mg/day dextromethorphan; n = 65), "
         "DM120 (120mg/day dextromethorphan; n = 65), or placebo (n = 66).")
    assert _scope(s, "66") == ("arm", "placebo")
    assert _scope(s, "65") == ("arm", "dm60")
    # PMC5508614: 42 is the pool of which 41 were enrolled
    s2 = "Forty-one of 42 patients met the criteria and were enrolled in the study."
    assert _scope(s2, "42")[0] == "excluded"
    assert _scope(s2, "Forty-one")[0] == "enrolled"
    # PMC5601935 (development records): a comma between the arm and its bracket
    s3 = "The patients were randomly allocated to group 1, (n=70) who received recombinant FSH."
    assert _scope(s3, "70") == ("arm", "1")


def test_sample_scope_of_a_list_that_gives_each_arm_its_count():
    # our own sentences, in the shape of PMC5738975 and PMC3691658
    s = "Between 2010 and 2015, 27 patients were randomly assigned to standard care, 26 to lenograstim, and 28 to placebo."
    assert _scope(s, "27") == ("arm", "standard care")
    assert _scope(s, "26") == ("arm", "lenograstim")
    assert _scope(s, "28") == ("arm", "placebo")
    s = "In a randomized, double blind study, 21 patients were assigned to 800 IU of vitamin D3 and 24 to placebo."
    assert _scope(s, "21")[0] == "arm" and _scope(s, "24") == ("arm", "placebo")
    # PMC3691658: the second arm's count comes with "while ... received"
    s = ("In a randomized, double blind study, 21 patients were assigned to 800 IU of vitamin D3 per day (low dose), "
         "while 24 patients received 4,370 IU per day (high dose).")
    assert _scope(s, "21") == ("arm", "800 iu") and _scope(s, "24") == ("arm", "4,370 iu")
    # one count for every arm stays the study's
    s = "Sixty patients were randomly assigned to ketamine, midazolam or saline."
    assert _scope(s, "Sixty") == ("randomized", None)


def test_sample_scope_of_a_sample_described_by_its_n():
    # our own sentences
    assert _scope("The final sample (N = 31) had a mean age of 44.2 years.", "31") == ("enrolled", None)
    assert _scope("The study cohort (N = 58) was mostly female.", "58") == ("enrolled", None)
    # ... but a count that "had a" relapse is an event
    assert _scope("Forty patients completed treatment and 8 had a relapse.", "8")[0] == "excluded"


def test_sample_scope_of_patients_allocated_for_the_study():
    # PMC5712123: taken into the study, not randomized to an arm
    s = "From 2015 to 2017, 131 consecutive patients who met the inclusion criteria were allocated for the study (Fig. 1)."
    assert _scope(s, "131") == ("enrolled", None)
    assert _scope("Sixty patients were randomly assigned to the study drug or placebo.", "Sixty")[0] == "randomized"
    assert _scope("Sixty patients were assigned to the study drug or placebo.", "Sixty")[0] == "randomized"


def test_sample_scope_of_a_subset_of_an_allocated_pool_is_its_own_verb():
    # bmcph2014_UatUni_RCT (tests/fixtures/pdf): the pool is described as allocated, the count completed
    s = ("At 6-month follow-up only 383 of the 736 participants allocated to the intervention arm (52%) had "
         "completed the self-affirmation task.")
    assert _scope(s, "383") == ("completed", None)
    assert _scope("41 of the 42 patients randomized to the ketamine group completed the study.", "41")[0] == "completed"


def test_sample_scope_of_counts_given_site_by_site():
    # PMC5738975
    s = ("We recruited 58 patients from the Birmingham centre, 19 from the Edinburgh centre, and four from the "
         "Nottingham centre.")
    assert _scope(s, "58") == ("arm", "birmingham centre")
    assert _scope(s, "four") == ("arm", "nottingham centre")
    # one site alone is no list
    assert _scope("We recruited 58 patients from the Birmingham centre.", "58") == ("enrolled", None)


def test_sample_scope_screened_is_excluded():
    assert _scope("Of 120 patients screened, 60 were randomized.", "120")[0] == "excluded"
    assert _scope("Of 120 patients screened, 60 were randomized.", "60")[0] == "randomized"


def test_sample_scope_of_a_population_in_millions_is_excluded():
    # PMC3878347 (development records): the countries' population, not the trial's sample
    s = "The countries included in this multisite trial represent a population of approximately 18 million people in total."
    assert _scope(s, "18")[0] == "excluded"
    assert _scope("In total, 18 people were enrolled.", "18")[0] == "enrolled"


def test_sample_scope_of_a_random_draw_or_a_monthly_rate_is_no_randomized_sample():
    # PMC4255428 (development records): women drawn at random to test software; the clinic's
    # monthly intake
    s = "The program was tested on 30 randomly selected women in the clinic."
    assert _scope(s, "30")[0] is None
    assert _scope("Roughly 140 new pregnant women enroll in the program at the clinic each month.", "140")[0] == "excluded"
    # ... a dosing rate is no intake rate
    assert _scope("We enrolled 40 patients who received ketamine once a week.", "40")[0] == "enrolled"
    s = "In a randomized study, 21 patients were assigned to 800 IU per day, while 24 patients received 4,370 IU per day."
    assert _scope(s, "21")[0] == "arm"


def test_sample_scope_of_a_pool_is_its_own_phrase():
    # PMC4005035: the main clause's "randomized" is 83's scope, not 249's
    s = "Of the 249 women who expressed initial interest in the trial, we randomized 83 women (33%)."
    assert _scope(s, "249")[0] is None
    assert _scope(s, "83")[0] == "randomized"
    # PMC4877819: a count in words closes the first count's window
    s2 = "Twenty-five patients were enrolled, and twenty-two patients were analysed and randomised to two groups."
    assert _scope(s2, "Twenty-five")[0] == "enrolled"
    # only an "Of" that opens the sentence makes a pool: "A total of 60 patients, aged ..., were randomized"
    assert _scope("A total of 60 patients, aged 18 to 65 years, were randomized.", "60")[0] == "randomized"
    # ... and a count of something else inside the phrase does not end it
    assert _scope("A total of 160 patients from four hospitals were enrolled.", "160")[0] == "enrolled"


def test_sample_scope_arms_by_acronym_either_ages_and_pools_of_another_noun():
    # PMC4620004: one arm per count, each named by an acronym
    s = "Of the 227 patients included 107 were assigned to the EG and 120 to the CG."
    assert _scope(s, "107") == ("arm", "eg")
    assert _scope(s, "120") == ("arm", "cg")
    assert _scope(s, "227")[0] == "enrolled"
    # PMC3961745: "to either" covers both arms
    assert _scope("Eventually 289 patients were randomized to either the WC group (n=146) or the UC group.", "289")[0] == "randomized"
    # PMC4763824: an age range does not end the count's phrase
    s2 = "A total of 68 patients between 18 and 55 years old were recruited and randomly assigned to two groups."
    assert _scope(s2, "68")[0] == "randomized"
    # PMC5553001: the parents are the sample, the children the pool
    s3 = "Fifty-eight parents of 46 children were included and randomized."
    assert _scope(s3, "Fifty-eight")[0] == "randomized"
    assert _scope(s3, "46")[0] == "excluded"
    assert is_planning("Based on a power of 80 %, in total 100 patients are needed (50 patients per arm).")


def test_parse_count():
    assert parse_count("n = 29") == 29
    assert parse_count("Sixty-one") == 61   # PMC2529259
    assert parse_count("0.5") is None


def test_drug_assisted_psychotherapy_is_generic_psychedelic_psychotherapy():
    for text in ("MDMA-assisted psychotherapy", "psilocybin-facilitated therapy", "LSD-assisted psychotherapy"):
        term = normalize_therapy(text)
        assert term.label == "psychedelic psychotherapy" and term.generic, text
    assert normalize_therapy("animal-assisted therapy") is None  # no drug assists it


def test_written_exposure_therapy_is_exposure_therapy():
    # the keys of batch3 f05 and batch25 xx02, written blind by two annotators, agree
    assert normalize_therapy("written exposure therapy").label == "exposure therapy"
    # a vocabulary name keeps the vocabulary's role
    assert not normalize_therapy("ketamine-assisted psychotherapy").generic
    assert normalize_therapy("Internal Family Systems therapy").label == "other"
    assert normalize_therapy("IFS") is None  # ambiguous unless the paper defines it


@pytest.mark.parametrize("text, label", [
    ("psychodynamically oriented ketamine-assisted psychotherapy", "psychodynamic psychotherapy"),
    ("mindfulness-based ketamine-assisted psychotherapy", "mindfulness-based therapy"),
    ("group ketamine-assisted psychotherapy", "psychedelic psychotherapy"),  # a delivery mode, no modality
])
def test_a_modality_that_qualifies_drug_assisted_psychotherapy_names_it(text, label):
    assert normalize_therapy(text).label == label


def test_therapy_labels_and_abbreviations():
    assert normalize_therapy("Cognitive behavioural therapy").label == "cognitive behavioral therapy"
    assert normalize_therapy("ketamine-assisted psychotherapy").label == "psychedelic psychotherapy"
    # an ambiguous abbreviation counts only with the paper's own definition
    assert normalize_therapy("MET") is None
    assert normalize_therapy("MET", {"MET": "motivational enhancement therapy"}).label == "motivational enhancement therapy"
    assert normalize_therapy("ACT", {"ACT": "artemisinin-based combination therapy"}) is None  # PMC1876597
    assert normalize_therapy("psychoeducation").control


def test_listed_amounts_sharing_a_unit_are_one_span_and_several_doses():
    from kapextract.normalize.dose import parse_doses

    got = [(d["value"], a, b) for d, a, b in parse_doses("25, 50 and 100 mg")]
    assert got == [("25 mg", 0, 2), ("50 mg", 4, 6), ("100 mg", 11, 17)]
    assert [d["value"] for d, _, _ in parse_doses("4.5 or 9 µg")] == ["4.5 mcg", "9 mcg"]
    assert [(d["value"], a, b) for d, a, b in parse_doses("0.5-0.75 mg/kg")] == [("0.5-0.75 mg/kg", 0, 14)]
    assert parse_doses("twice daily") == []


def test_sample_scope_reads_past_brackets_ages_and_strain_names():
    from kapextract.normalize.sample_size import sample_scope

    s = ("Forty-two male, 6- to 8-week-old ApoE-/- mice with a C57BL6 background (Jackson Laboratories, "
         "Bar Harbor, ME) were divided into two different groups.")
    assert sample_scope(s, 0, 9) == ("randomized", None)


def test_mean_dose_with_sd_and_spaced_decimal_point():
    from kapextract.normalize.dose import parse_dose

    assert parse_dose("30.2 ± 18.0 mg/day")["value"] == "30.2 mg/day"
    assert parse_dose("12 · 5 mg")["value"] == "12.5 mg"
    assert parse_dose("1 µmol")["value"] == "1 µmol"


def test_doses_per_100_g_body_weight_and_per_kg_per_day():
    from kapextract.normalize.dose import parse_dose

    assert parse_dose("8 mg 100 g-1")["value"] == "8 mg/100g"
    assert parse_dose("6 mg per 100 g")["value"] == "6 mg/100g"
    assert parse_dose("10 µg/kg/d")["value"] == "10 mcg/kg/day"


def test_frequency_forms_of_dosing_trials():
    from kapextract.normalize.frequency import parse_frequency

    assert parse_frequency("6 times daily")["value"] == "6 times daily"
    assert parse_frequency("8 hourly")["value"] == "3 times daily"
    assert parse_frequency("OD")["value"] == "daily"
    assert parse_frequency("9 or more sessions")["sessions"] == 9
    assert parse_frequency("every second day")["interval"] == "other"


def test_therapy_phrases_the_vocabulary_lacks_are_labelled_by_their_keywords():
    from kapextract.normalize.therapy import normalize_therapy

    assert normalize_therapy("brief mindfulness-meditation intervention").label == "mindfulness-based therapy"
    assert normalize_therapy("solution-focused brief therapy").label == "other"
    assert normalize_therapy("mindfulness questionnaire") is None  # a measure, not a therapy


def test_delivery_modifiers_do_not_hide_the_therapy():
    from kapextract.normalize.therapy import normalize_therapy

    for text in ("group CBT", "brief guided parent-delivered CBT", "low-intensity telephone CBT",
                 "cognitive behavioral group therapy", "cognitive-behavioural group therapy", "CBGT"):
        assert normalize_therapy(text).label == "cognitive behavioral therapy", text


def test_sample_scope_of_abstract_make_up_per_group_counts_and_the_plan_a_count_fell_short_of():
    # bmjopen2016_GoActive (tests/fixtures/pdf): the bracket describes the sample, it is no share
    s = "Participants: 460 participants (46.6% female; 13.2 (0.4) years old)."
    assert _scope(s, "460")[0] != "excluded"
    assert _scope("Of these, 11 patients (50%) had pain.", "11")[0] == "excluded"
    # a count per focus group is no sample
    assert _scope("We conducted two focus groups; each focus group included six participants.", "six") == ("arm", "each group")
    # jmir_mhealth5768_TXT2BFiT: the protocol's target, not the sample
    s2 = "Only 250 participants were recruited rather than the 354 participants in the protocol."
    assert _scope(s2, "354")[0] == "excluded"
    assert _scope(s2, "250")[0] == "enrolled"
    assert is_planning("The primary outcome was the ability to enroll 50 infants in six to nine months.")
    # trials2014_15_486_PGE1_PPHN_pilot (annotations/pdf_gold): a design and an expectation are plans
    assert is_planning("The pilot RCTs were primarily designed to evaluate the feasibility of dosing in 50 patients.")
    assert is_planning("We expected a relative risk of 67% for the combined outcome in 50 patients recruited over nine months.")
    assert not is_planning("During the study period, 14 met eligibility criteria and seven were randomized.")


def test_a_programme_built_on_a_therapy_takes_its_label_and_behaviour_change_is_not_cbt():
    assert normalize_therapy("CBT-based resiliency program").label == "cognitive behavioral therapy"
    assert normalize_therapy("ACT-based interventions") is None  # ACT needs the paper's definition
    assert normalize_therapy("ACT-based interventions", {"ACT": "acceptance and commitment therapy"}).label == \
        "acceptance and commitment therapy"
    # a behaviour-change intervention is not cognitive behavioural therapy; behaviour therapy is
    assert normalize_therapy("online health behaviour intervention").label == "other"
    assert normalize_therapy("behavioral support intervention").label == "other"
    assert normalize_therapy("behaviour therapy programme").label == "cognitive behavioral therapy"


def test_units_written_u_and_inhalations_per_administration():
    assert parse_dose("100 U")["value"] == "100 IU"  # PMC5153622: onabotulinumtoxinA
    assert parse_dose("0.1 U/kg/h")["unit"] == "IU/kg/h"
    f = parse_frequency("1 inhalation", "BID")  # PMC1924504: one puff twice daily, not one session
    assert f["sessions"] is None and f["times_per_day"] == 2 and f["per_administration"] == 1
    assert parse_frequency("three inhalations")["sessions"] == 3


def test_supportive_care_is_no_psychotherapy():
    assert normalize_therapy("supportive treatment") is None  # PMC4396730: medical care
    assert normalize_therapy("supportive care") is None
    assert normalize_therapy("brief supportive therapy").label == "supportive psychotherapy"


def test_sample_scope_of_another_arm_sites_and_a_plan_that_had_to_be_met():
    s = ("Twenty patients were randomly assigned to the placebo group and another 20 patients were randomly "
         "assigned to receive sulodexide 100 mg/day for 14 weeks.")
    assert _scope(s, "Twenty") == ("arm", "placebo")
    assert _scope(s, "20")[0] == "arm"
    assert _scope("From 15 May 2012 to 26 November 2014, 97 patients from 36 centers were enrolled.", "97")[0] == "enrolled"
    assert is_planning("A total of 150 patients had to be randomized as follows: 75 to each arm.")


def test_sample_scope_of_eligible_samples_greek_letters_and_arms_named_by_a_drug_stem():
    assert _scope("A total of 216 eligible outpatients are randomised using a double-consent design.", "216")[0] == "randomized"
    assert _scope("Of 300 eligible patients, 200 were randomized.", "300")[0] == "excluded"
    s = "All patients received fulvestrant; 47 were randomized to receive dovitinib and 50 were randomized to receive placebo (Fig. 1)."
    assert _scope(s, "47") == ("arm", "dovitinib") and _scope(s, "50") == ("arm", "placebo")
    # a digit after a Greek letter ("β 2 -agonist") is no count that ends the phrase
    s2 = "In all, 68 adults on a long-acting β 2 -agonist were enrolled."
    assert _scope(s2, "68")[0] == "enrolled"


def test_sample_scope_of_recruitment_rates_and_anticipated_enrolment():
    # PMC5004254 (development gold): a protocol's rate of enrolment is no sample
    s = "We anticipate enrolling at least 9 subjects per month during the 42 months of active enrollment."
    assert is_planning(s) and _scope(s, "9")[0] == "excluded"
    assert _scope("Overall, 12 patients per month were screened.", "12")[0] == "excluded"


def test_units_per_body_surface_with_an_exponent_and_per_kilogram_body_weight():
    # PMC4845347 (development gold): "melphalan 100 mg*m-2"; PMC3170259: "3-4 ml/kg BW/h"
    assert parse_dose("100 mg*m-2")["value"] == "100 mg/m2"
    assert parse_dose("30 mg·m⁻²")["value"] == "30 mg/m2"
    assert parse_dose("3-4 ml/kg BW/h")["value"] == "3-4 ml/kg/h"
    assert parse_dose("8 mg/kg body weight/day")["value"] == "8 mg/kg/day"
    assert parse_dose("5 mg kg-1 h-1")["value"] == "5 mg/kg/h"


def test_sample_scope_of_completers_of_the_allocated_intervention_and_discarded_data():
    s = "One hundred and twenty-six participants completed their allocated intervention and the follow-up."
    assert _scope(s, "One hundred and twenty-six")[0] == "completed"  # PMC5526285
    assert _scope("Forty patients were randomized and completed the study.", "Forty")[0] == "randomized"
    assert _scope("The data of five participants were discarded because of high error rates.", "five")[0] == "excluded"


def test_per_month_is_monthly():
    # PMC4802087 (development gold): "100,000 IU of oral vitamin D per month, for 6 months"
    f = parse_frequency("per month", "for 6 months")
    assert f["interval"] == "monthly" and f["period_weeks"] == 26.07


def test_a_rate_of_one_is_no_count_and_consecutive_days_are_counted():
    from kapextract.normalize.frequency import parse_frequency

    assert parse_frequency("one infusion per week for four weeks")["value"] == "4 sessions, weekly, 4 weeks"
    assert parse_frequency("one", "infusion", "per week for four weeks")["sessions"] == 4
    assert parse_frequency("one infusion")["value"] == "1 session, single"
    assert parse_frequency("on three consecutive days")["value"] == "3 sessions, daily"
    assert parse_frequency("for 5 consecutive days") is None  # a period, no count or interval
    assert parse_frequency("three infusions", "given on consecutive days")["value"] == "3 sessions, daily"
    # a rate denied is no rate: three times a week, "not on consecutive days"
    assert parse_frequency("TIW (not on consecutive days)")["value"] == "3 times weekly"
    assert parse_frequency("not on consecutive days") is None


def test_two_amounts_after_between_are_one_range():
    from kapextract.normalize.dose import parse_doses

    [(nd, a, b)] = parse_doses("0.3 and 0.9 mg/kg", between=True)
    assert nd["value"] == "0.3-0.9 mg/kg" and (a, b) == (0, 17)
    assert [d["value"] for d, _, _ in parse_doses("0.3 and 0.9 mg/kg")] == ["0.3 mg/kg", "0.9 mg/kg"]


@pytest.mark.parametrize("text, value", [
    ("once a week during weeks 3 to 8", "6 sessions, weekly, 6 weeks"),
    ("once a week from week 3 to week 8", "6 sessions, weekly, 6 weeks"),  # batch13 z02
    ("twice weekly from week 1 through 4", "8 sessions, twice weekly, 4 weeks"),
])
def test_a_run_of_weeks_is_the_period(text, value):
    assert parse_frequency(text)["value"] == value


def test_a_pool_is_the_sample_only_when_counts_split_it():
    s = "Of 287 registry participants, 148 received ketamine plus ACT and 139 ketamine alone."
    assert sample_scope(s, 3, 6) == ("enrolled", None)
    s = "Of 458 baseline participants, 87.3% attended the follow-up measurement."
    assert sample_scope(s, 3, 6)[0] != "enrolled"  # a share follows: attrition, not the arms


def test_a_number_per_week_is_that_many_times_a_week():
    from kapextract.normalize.frequency import parse_frequency

    assert parse_frequency("two per week")["interval"] == "twice weekly"
    assert parse_frequency("three infusions per week")["times_per_week"] == 3
    assert parse_frequency("six dosing sessions roughly a week apart")["interval"] == "weekly"


def test_days_a_week_are_times_a_week():
    assert parse_frequency("on two days each week for four weeks")["value"] == "8 sessions, twice weekly, 4 weeks"
    assert parse_frequency("three days per week")["times_per_week"] == 3


def test_a_sample_description_with_a_semicolon_keeps_its_verb():
    from kapextract.normalize.sample_size import sample_scope

    sent = "The remaining 165 patients (mean age 42.6 years, SD 12.9; 96 women) were included."
    at = sent.index("165")
    assert sample_scope(sent, at, at + 3) == ("enrolled", None)



def test_a_therapys_sessions_numbered_in_words_count_the_administrations():
    assert parse_frequency("before the fifth, seventh, ninth and eleventh group sessions")["sessions"] == 4
    # the drug's own sessions, numbered, are a part of its course, not a schedule
    assert parse_frequency("at the second and third drug sessions") is None


@pytest.mark.parametrize(("text", "interval", "every_range"), [
    ("one to two weeks apart", "other", "1-2 weeks"),
    ("1-2 weeks apart", "other", "1-2 weeks"),
    ("two weeks apart", "every 2 weeks", None),
    ("a week apart", "weekly", None),
])
def test_an_interval_between_sessions_may_be_a_range(text, interval, every_range):
    f = parse_frequency(text)
    assert f["interval"] == interval and f.get("every_range") == every_range


def test_a_pool_assessed_for_eligibility_is_no_sample():
    sentence = "We assessed 312 people for eligibility and randomly assigned 96."
    start = sentence.index("312")
    assert sample_scope(sentence, start, start + 3)[0] == "excluded"
    start = sentence.index("96")
    assert sample_scope(sentence, start, start + 2)[0] == "randomized"


def test_a_rate_per_week_then_the_total_it_makes():
    # "two sessions per week, for a total of eight sessions" (batch52 ca03): the rate and the count
    got = parse_frequency("two sessions per week, for a total of eight sessions")
    assert (got["sessions"], got["interval"]) == (8, "twice weekly")
    # the rate alone is still no count
    assert parse_frequency("two sessions per week")["sessions"] is None


def test_a_unit_per_dose_is_the_amount_of_each_dose():
    assert parse_dose("300 mg per dose")["unit"] == "mg"
    assert parse_dose("1 mg/kg per dose")["unit"] == "mg/kg"
    assert parse_dose("0.5 mg/dose")["value"] == "0.5 mg"


def test_one_administration_at_a_weekly_rate_over_a_period_counts_them_all():
    # "Infusions were given on Tuesdays, one infusion a week in weeks 1-4" (spans without "a week")
    f = parse_frequency("on Tuesdays", "one infusion", "in weeks 1-4")
    assert (f["sessions"], f["interval"], f["period_weeks"]) == (4, "weekly", 4.0)
    # (a single session stays one)
    assert parse_frequency("a single infusion", "weekly for 4 weeks")["sessions"] == 1


def test_an_allocation_ratio_is_no_count():
    f = parse_frequency("1:1 to three weekly", "sessions")
    assert (f["sessions"], f["interval"]) == (3, "weekly") and "sessions_max" not in f


def test_a_list_of_days_that_repeats_its_unit():
    # "Ketamine lozenges were given at three supervised sessions on day 1, day 15 and day 29"
    f = parse_frequency("three supervised sessions on day 1, day 15 and day 29")
    assert (f["sessions"], f["interval"]) == (3, "every 2 weeks")


def test_a_rate_in_days_over_a_period_in_days_counts_its_sessions():
    f = parse_frequency("every third day over the first 10 days")
    assert (f["sessions"], f["interval"], f["every_days"]) == (4, "other", 3)
    # "on alternate days for two weeks" is most often Monday, Wednesday and Friday: no count
    assert parse_frequency("on alternate days for two weeks")["sessions"] is None
    # and the weekdays it names count the week
    f = parse_frequency("on alternate days, on Monday, Wednesday and Friday, during two consecutive weeks")
    assert (f["sessions"], f["times_per_week"]) == (6, 3)


def test_bi_weekly_with_two_weekdays_is_twice_a_week():
    assert parse_frequency("bi-weekly, namely on Monday and Thursday, over a period of three weeks")["value"] == (
        "6 sessions, twice weekly, 3 weeks")
    assert parse_frequency("three sessions bi-weekly over six weeks")["interval"] == "every 2 weeks"


def test_one_session_of_each_drug_some_weeks_apart_is_single():
    f = parse_frequency("one intravenous infusion of ketamine and one of midazolam, four weeks apart")
    assert (f["sessions"], f["interval"]) == (1, "single")
    assert parse_frequency("two infusions one week apart")["value"] == "2 sessions, weekly"


def test_an_abbreviations_full_stop_does_not_end_the_clause_of_a_count():
    s = "Thirty-six pts. were randomised, 18 to ketamine+PE and 18 to midazolam+PE."
    assert sample_scope(s, 0, len("Thirty-six")) == ("randomized", None)


def test_divided_doses_are_times_a_day_and_a_single_daily_dose_is_daily():
    # development batch 7 (PMC3669105): "75 mg/kg/day ... in 3 divided doses" is three times a day
    f = parse_frequency("in 3 divided doses")
    assert (f["sessions"], f["interval"], f.get("times_per_day")) == (None, "other", 3)
    f = parse_frequency("divided into two equal doses for 12 weeks")
    assert (f["sessions"], f["interval"], f.get("times_per_day"), f["period_weeks"]) == (None, "other", 2, 12.0)
    # (a weekly amount split in two is no daily schedule)
    assert parse_frequency("400 mg per week in two divided doses")["interval"] == "weekly"
    # PMC3424202: "in a single daily dose for 3 days" is once a day, not one administration
    f = parse_frequency("a single daily dose for 3 days")
    assert (f["sessions"], f["interval"]) == (None, "daily")
    assert parse_frequency("a single dose")["interval"] == "single"


def test_a_rate_written_with_a_slash_is_the_rate():
    # "twice/day" was one session and "three times/day" no frequency at all
    f = parse_frequency("twice/day for 7 days")
    assert (f["sessions"], f.get("times_per_day"), f["period_weeks"]) == (None, 2, 1.0)
    assert parse_frequency("three times/day").get("times_per_day") == 3
    assert parse_frequency("2 times/week")["interval"] == "twice weekly"
    assert parse_frequency("5days/week").get("times_per_week") == 5
    assert parse_frequency("once/day")["interval"] == "daily"


def test_an_interval_in_minutes_is_kept_as_minutes():
    f = parse_frequency("every 6 min")
    assert (f["interval"], f.get("every_minutes")) == ("other", 6)
