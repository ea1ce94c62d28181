"""Edit validation: each field's normalized shape, and the vocabulary file's checks."""

from __future__ import annotations

import pytest

from kapextract.review.validation import ReviewVocabulary, ValidationError, validate_edit


@pytest.mark.parametrize(
    ("raw", "value", "attrs"),
    [
        ("0.5 mg/kg", "0.5 mg/kg", {"amount": 0.5, "amount_max": None, "unit": "mg/kg", "duration": None}),
        ("0.5-0.75 mg/kg", "0.5-0.75 mg/kg", {"amount": 0.5, "amount_max": 0.75, "unit": "mg/kg", "duration": None}),
        ("0.5 mg kg−1 over 40 minutes", "0.5 mg/kg", {"amount": 0.5, "amount_max": None, "unit": "mg/kg", "duration": "40 min"}),
        ("150 mg", "150 mg", {"amount": 150.0, "amount_max": None, "unit": "mg", "duration": None}),
        ("35 mg/ kg", "35 mg/kg", {"amount": 35.0, "amount_max": None, "unit": "mg/kg", "duration": None}),
        ("1.2 mg/kg/h", "1.2 mg/kg/h", {"amount": 1.2, "amount_max": None, "unit": "mg/kg/h", "duration": None}),
        ("0,5 µg/kg", "0.5 mcg/kg", {"amount": 0.5, "amount_max": None, "unit": "mcg/kg", "duration": None}),
    ],
)
def test_dose(raw, value, attrs):
    assert validate_edit("dose", raw) == (value, attrs)


@pytest.mark.parametrize("raw", ["mg/kg", "0.5", "0.5 spoons", "0 mg", "0.75-0.5 mg/kg", "0.5 mg/kg over 40 fortnights"])
def test_bad_dose(raw):
    with pytest.raises(ValidationError, match="dose"):
        validate_edit("dose", raw)


def test_route_and_therapy_use_the_vocabulary():
    assert validate_edit("route", "IV") == ("intravenous", {})
    assert validate_edit("route", "i.m.") == ("intramuscular", {})
    assert validate_edit("route", "Sublingual")[0] == "sublingual"
    with pytest.raises(ValidationError, match="not a route"):
        validate_edit("route", "by mouth and ear")
    assert validate_edit("therapy", "CBT")[0] == "cognitive behavioral therapy"
    assert validate_edit("therapy", "MET")[0] == "motivational enhancement therapy"
    with pytest.raises(ValidationError, match="therapy vocabulary"):
        validate_edit("therapy", "aromatherapy")


@pytest.mark.parametrize(
    ("raw", "value", "attrs"),
    [
        ("3 sessions, weekly", "3 sessions, weekly", {"sessions": 3, "interval": "weekly", "period_weeks": None}),
        ("6 infusions, twice weekly, 3 weeks", "6 sessions, twice weekly, 3 weeks",
         {"sessions": 6, "interval": "twice weekly", "period_weeks": 3.0}),
        ("single", "1 session, single", {"sessions": 1, "interval": "single", "period_weeks": None}),
        ("twice a week for 6 weeks", "twice weekly, 6 weeks", {"sessions": None, "interval": "twice weekly", "period_weeks": 6.0}),
    ],
)
def test_frequency(raw, value, attrs):
    assert validate_edit("frequency", raw) == (value, attrs)


@pytest.mark.parametrize("raw", ["often", "3 sessions, sometimes", "0 sessions", "3 sessions, single"])
def test_bad_frequency(raw):
    with pytest.raises(ValidationError):
        validate_edit("frequency", raw)


def test_sample_size():
    assert validate_edit("sample_size", "2,200", scope="randomized") == (2200, {"scope": "randomized", "arm": None})
    assert validate_edit("sample_size", "7", scope="arm", arm=" Occl-Ex ") == (7, {"scope": "arm", "arm": "Occl-Ex"})
    for bad in ("seven", "7.5", "-3", "0"):
        with pytest.raises(ValidationError, match="sample size"):
            validate_edit("sample_size", bad)
    with pytest.raises(ValidationError, match="scope"):
        validate_edit("sample_size", "7", scope="imagined")
    with pytest.raises(ValidationError, match="empty"):
        validate_edit("sample_size", "  ")


def test_vocabulary_file_is_checked():
    vocab = ReviewVocabulary.default()
    assert "intravenous" in vocab.route_labels and "randomized" in vocab.scopes
    with pytest.raises(ValueError, match="spelling of both"):
        ReviewVocabulary.from_json({"routes": {"oral": ["po"], "other": ["po"]}})
    with pytest.raises(ValueError, match="'dose_units' must be a non-empty object"):
        ReviewVocabulary.from_json({"routes": {"oral": []}})
