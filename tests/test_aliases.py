"""kapextract.extraction.aliases: other names a paper gives the target in brackets."""

from __future__ import annotations

from kapextract.extraction.aliases import combination_parts, target_aliases


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
