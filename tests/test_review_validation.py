"""Edit validation: the whole input must be a value of its field, read by the
extraction normalizers; refusals are one line."""

from __future__ import annotations

import pytest

from kapextract.review.validation import ValidationError, validate_edit


@pytest.mark.parametrize(
    ("raw", "value", "attrs"),
    [
        ("0.5 mg/kg", "0.5 mg/kg", {"amount": 0.5, "amount_max": None, "unit": "mg/kg", "duration": None}),
        ("0.5-0.75 mg/kg", "0.5-0.75 mg/kg", {"amount": 0.5, "amount_max": 0.75, "unit": "mg/kg", "duration": None}),
        ("0.5 mg kg−1 over 40 minutes", "0.5 mg/kg", {"amount": 0.5, "amount_max": None, "unit": "mg/kg", "duration": "40 min"}),
        ("150 mg", "150 mg", {"amount": 150, "amount_max": None, "unit": "mg", "duration": None}),
        ("35 mg/ kg", "35 mg/kg", {"amount": 35, "amount_max": None, "unit": "mg/kg", "duration": None}),
        ("1.2 mg/kg/h", "1.2 mg/kg/h", {"amount": 1.2, "amount_max": None, "unit": "mg/kg/h", "duration": None}),
    ],
)
def test_dose(raw, value, attrs):
    assert validate_edit("dose", raw) == (value, attrs)


@pytest.mark.parametrize("raw", ["mg/kg", "0.5", "0.5 spoons", "0 mg", "0.75-0.5 mg/kg", "about 0.5 mg/kg daily",
                                 "0.5 mg/kg over a while"])
def test_bad_dose(raw):
    with pytest.raises(ValidationError, match="dose"):
        validate_edit("dose", raw)


def test_route_and_therapy_use_the_vocabularies():
    assert validate_edit("route", "IV") == ("intravenous", {"implied": False})
    assert validate_edit("route", "im")[0] == "intramuscular"
    assert validate_edit("route", "i.m.")[0] == "intramuscular"
    assert validate_edit("route", "Sublingual")[0] == "sublingual"
    assert validate_edit("route", "intraperitoneal") == ("other", {"implied": False, "route_text": "intraperitoneal"})
    with pytest.raises(ValidationError, match="not a route"):
        validate_edit("route", "by mouth and ear")
    assert validate_edit("therapy", "CBT")[0] == "cognitive behavioral therapy"
    assert validate_edit("therapy", "MET")[0] == "motivational enhancement therapy"
    assert validate_edit("therapy", "Other")[0] == "other"
    with pytest.raises(ValidationError, match="therapy vocabulary"):
        validate_edit("therapy", "aromatherapy")


@pytest.mark.parametrize(
    ("raw", "value", "sessions", "interval"),
    [
        ("3 sessions, weekly", "3 sessions, weekly", 3, "weekly"),
        ("6 infusions, twice weekly, 3 weeks", "6 sessions, twice weekly, 3 weeks", 6, "twice weekly"),
        ("single", "1 session, single", 1, "single"),
        ("twice a week for 6 weeks", "12 sessions, twice weekly, 6 weeks", 12, "twice weekly"),
    ],
)
def test_frequency(raw, value, sessions, interval):
    v, attrs = validate_edit("frequency", raw)
    assert (v, attrs["sessions"], attrs["interval"]) == (value, sessions, interval)


@pytest.mark.parametrize("raw", ["often", "0 sessions", "whenever needed"])
def test_bad_frequency(raw):
    with pytest.raises(ValidationError, match="frequency"):
        validate_edit("frequency", raw)


def test_sample_size():
    assert validate_edit("sample_size", "2,200", scope="randomized") == (2200, {"scope": "randomized", "arm": None})
    assert validate_edit("sample_size", "Fifty-five") == (55, {"scope": None, "arm": None})
    assert validate_edit("sample_size", "7", scope="arm", arm=" Occl-Ex ") == (7, {"scope": "arm", "arm": "Occl-Ex"})
    for bad in ("many", "7.5", "-3", "0", "12 patients"):
        with pytest.raises(ValidationError, match="sample size"):
            validate_edit("sample_size", bad)
    with pytest.raises(ValidationError, match="scope"):
        validate_edit("sample_size", "7", scope="imagined")
    with pytest.raises(ValidationError, match="empty"):
        validate_edit("sample_size", "  ")
    with pytest.raises(ValidationError, match="unknown field"):
        validate_edit("weight", "70 kg")
