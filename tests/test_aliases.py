"""kapextract.extraction.aliases: other names a paper gives the target in brackets."""

from __future__ import annotations

from extraction_helpers import make_doc

from kapextract.extraction import extract
from kapextract.extraction.aliases import combination_parts, species_short_forms, target_aliases


def test_a_short_form_the_abbreviation_detector_misses():
    # PMC1924504 (development gold): a combination's short form with a slash
    text = "a stable-dose regimen of salmeterol/fluticasone propionate (SAL/FP) and of formoterol/budesonide"
    assert target_aliases(text, {"salmeterol/fluticasone propionate"}) == {"sal/fp"}


def test_a_name_with_the_target_in_brackets_after_it():
    # PMC5738975: the paper calls lenograstim G-CSF throughout
    assert target_aliases("treatment with subcutaneous G-CSF (lenograstim) 15 μg/kg", {"lenograstim"}) == {"g-csf"}
    assert target_aliases("Liquid Tylenol (acetaminophen) 200 mg/kg", {"acetaminophen"}) == {"tylenol"}


def test_routes_makers_descriptions_arms_and_plain_words_are_no_aliases():
    text = ("ketamine (Pfizer), ketamine (IV), ketamine (racemic), ketamine (n = 20), were given (ketamine), "
            "group A (ketamine), ketamine (midazolam)")
    assert target_aliases(text, {"ketamine"}) == set()


def test_the_components_of_a_combination_target():
    # PMC1513406 (development gold): "25 mg/kg sulphadoxine/1.25 mg/kg pyrimethamine"
    assert combination_parts("sulfadoxine-pyrimethamine") == {"sulfadoxine", "sulphadoxine", "pyrimethamine"}
    assert combination_parts("salmeterol/fluticasone propionate") == {"salmeterol", "fluticasone"}
    # one drug with a prefix or a hyphenated name is no combination
    for drug in ("co-trimoxazole", "n-acetylcysteine", "l-dopa", "ketamine"):
        assert combination_parts(drug) == set(), drug


def test_the_abbreviated_binomial_of_a_plant_target():
    # PMC4877819 (development gold): "170 mg of A. paniculata dried extract tablet b.i.d."
    assert species_short_forms({"andrographis paniculata"}) == {"a. paniculata"}
    # lexicon drugs and one-word names are no binomials
    assert species_short_forms({"zoledronic acid", "ketamine", "fluticasone propionate"}) == set()


def test_a_plant_target_named_by_its_initial_gets_its_dose_and_schedule():
    doc = make_doc([("title", "title", "A randomised trial of an herbal extract"),
                    ("methods", "paragraph",
                     "Patients received 170 mg of A. paniculata dried extract tablet b.i.d. for 7 days.")])
    rec = extract(doc, drug="andrographis paniculata", model="rules")
    assert [v.value for v in rec.fields["dose"]] == ["170 mg"]
    assert rec.fields["frequency"][0].attributes["times_per_day"] == 2


def test_a_route_abbreviation_in_brackets_is_no_alias_of_the_drug():
    # batch20 nn03: "esketamine (IN)" is intranasal esketamine, and "ketamine (IM)" intramuscular
    text = "During induction, esketamine (IN) was given twice a week. Ketamine (IM) was also used. Ketamine (KET) ..."
    assert target_aliases(text, {"esketamine", "ketamine"}) == {"ket"}


def test_a_generic_name_the_paper_defines_for_the_target():
    text = ("The active agent was ketamine hydrochloride (10 mg/ml), referred to below as the study drug; the active "
            "control was midazolam. Ketamine (hereafter, the IMP) was stored at room temperature.")
    assert {"study drug", "imp"} <= target_aliases(text, {"ketamine", "ketamine hydrochloride"})


def test_a_short_form_that_leads_a_bracket_of_details():
    # development batch 7 (PMC1570354): "(SFC, Seretide™ GSK, UK)"
    text = "salmeterol/fluticasone propionate (SFC, Seretide™ GSK, UK) and formoterol/budesonide (FBC, Symbicort™)"
    assert target_aliases(text, {"salmeterol/fluticasone propionate"}) == {"sfc"}
    # (a route or a maker leading the bracket is still no alias)
    assert target_aliases("ketamine (IV, 0.5 mg/kg) and ketamine (Pfizer, USA)", {"ketamine"}) == set()
    assert target_aliases("dihydroartemisinin-piperaquine (Sigma-Tau, Rome, Italy)", {"dihydroartemisinin-piperaquine"}) == set()
    assert target_aliases("treated with cinacalcet, calcitriol and cholecalciferol (CCC, study group)", {"cholecalciferol"}) == set()
