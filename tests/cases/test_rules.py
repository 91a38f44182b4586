"""Plain-function rules: NHS numbers, postcodes, risk scoring, pathway advice."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from cases.validators import (
    nhs_check_digit,
    nhs_number_format,
    postcode_normalise,
    validate_nhs_number,
    validate_postcode,
)
from triage.rules import level_for, screen_score


def test_nhs_check_digit_modulus_11():
    assert nhs_check_digit("943476591") == 9  # the NHS's published example
    assert nhs_check_digit("999000001") == 8
    validate_nhs_number("999 000 0018")
    validate_nhs_number("9990000018")
    with pytest.raises(ValidationError, match="check digit"):
        validate_nhs_number("9990000019")


def test_nhs_number_whose_check_would_be_ten_is_invalid():
    first_nine = next(
        f"999{n:06d}" for n in range(10**6) if nhs_check_digit(f"999{n:06d}") is None
    )
    for last in "0123456789":
        with pytest.raises(ValidationError):
            validate_nhs_number(first_nine + last)


def test_nhs_number_shown_in_groups():
    assert nhs_number_format("9990000018") == "999 000 0018"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("wr11aa", "WR1 1AA"), ("sw1a 1aa", "SW1A 1AA"), ("  M1   1AE ", "M1 1AE")],
)
def test_postcode_normalised(raw, clean):
    validate_postcode(raw)
    assert postcode_normalise(raw) == clean


@pytest.mark.parametrize("bad", ["", "12345", "WR1", "W1 1", "ABC 123"])
def test_bad_postcodes_refused(bad):
    with pytest.raises(ValidationError):
        validate_postcode(bad)


def _screen(**items):
    base = {
        "falls_last_year": 0,
        "lives_alone": False,
        "cognitive_impairment": False,
        "capacity_concern": False,
        "medication_support": False,
        "skin_integrity": "intact",
        "stairs_to_access": False,
        "home_hazards": False,
        "continence": "continent",
        "nutrition_risk": False,
        "carer_strain": False,
        "carers_needed": 0,
        "hoist_needed": False,
        "bariatric": False,
        "safeguarding_indicator": False,
    }
    base.update(items)
    return SimpleNamespace(**base)


def test_empty_screen_is_low_and_does_not_flag_ot():
    assert screen_score(_screen()) == (0, "low", False, [])


@pytest.mark.parametrize(
    "items",
    [
        {"falls_last_year": 2},
        {"carers_needed": 2},
        {"hoist_needed": True},
        {"bariatric": True},
        {"capacity_concern": True},
        {"skin_integrity": "damage"},
        {"stairs_to_access": True, "falls_last_year": 1},
    ],
)
def test_ot_review_flagged_by_falls_handling_equipment_and_capacity(items):
    score, level, flags_ot, fired = screen_score(_screen(**items))
    assert flags_ot and any(rule["flags_ot"] for rule in fired)


def test_score_sums_the_rules_that_fired_and_sets_the_level():
    score, level, _, fired = screen_score(
        _screen(falls_last_year=1, lives_alone=True, cognitive_impairment=True)
    )
    assert score == 4 and level == "medium"
    assert [r["code"] for r in fired] == ["falls_one", "lives_alone", "cognition"]
    assert [level_for(s) for s in (0, 3, 4, 7, 8)] == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
    ]


def test_pathway_recommendation_rules():
    from pathways.rules import pathway_recommend

    def case(review=None, **screen):
        s = _screen(**screen)
        s.needs_24_hour_care = screen.get("needs_24_hour_care", False)
        s.score, s.level, _, _ = screen_score(s)
        return SimpleNamespace(risk_screen=s, ot_review=review)

    assert pathway_recommend(case())[0] == 0
    assert pathway_recommend(case(carers_needed=1))[0] == 1
    # 24-hour care with others at home is care at home (pathway 1), not a
    # care home by itself (tests/pathways/test_pathway_guidance_rules.py).
    assert pathway_recommend(case(needs_24_hour_care=True))[0] == 1
    high_alone = case(
        lives_alone=True, falls_last_year=2, carers_needed=2, cognitive_impairment=True
    )
    assert high_alone.risk_screen.level == "high"
    assert pathway_recommend(high_alone)[0] == 2
    review = SimpleNamespace(recommended_pathway=1)
    assert pathway_recommend(case(review=review, needs_24_hour_care=True)) == (
        1,
        ["The OT review recommends pathway 1."],
    )


def test_equipment_due_dates_skip_weekends_and_bank_holidays():
    from equipment.models import EquipmentOrder

    friday = datetime.date(2026, 12, 24)  # Thursday 24 Dec; 25, 26 (28 sub) holidays
    assert EquipmentOrder.due_date("same_day", friday) == friday
    assert EquipmentOrder.due_date("next_day", friday) == datetime.date(2026, 12, 29)
    assert EquipmentOrder.due_date("standard", friday) == datetime.date(2027, 1, 5)
