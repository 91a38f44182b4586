"""The pathway rules, table-tested: each row is a person's facts, the
pathway the guidance gives them and the criterion the recommendation cites."""

from types import SimpleNamespace

import pytest

from pathways import rules
from pathways.rules import Facts, pathway_for, pathway_recommend

ROWS = [
    # (what the row shows, facts, pathway, criterion)
    ("nothing new", {}, 0, rules.P0_NO_NEW_SUPPORT),
    (
        "care home resident going back",
        {"usual_residence": "care_home", "carers_needed": 1},
        0,
        rules.P0_CARE_HOME_RETURN,
    ),
    (
        "nursing home resident needing 24-hour care goes back: pathway 0",
        {"usual_residence": "nursing_home", "needs_24_hour_care": False},
        0,
        rules.P0_CARE_HOME_RETURN,
    ),
    (
        "care home resident now double-handed: intermediate care there",
        {"usual_residence": "care_home", "carers_needed": 2},
        1,
        rules.P1_CARE_HOME_INTERMEDIATE,
    ),
    (
        "package kept open restarts as it was",
        {"existing_support": "paused", "carers_needed": 1},
        0,
        rules.P0_PAUSED_PACKAGE,
    ),
    (
        "package that lapsed is restarted",
        {"existing_support": "lapsed", "carers_needed": 1},
        1,
        rules.P1_LAPSED_PACKAGE,
    ),
    (
        "package kept open but now needs a hoist",
        {"existing_support": "paused", "carers_needed": 2, "hoist_needed": True},
        1,
        rules.P1_ADDITIONAL_SUPPORT,
    ),
    ("new personal care", {"carers_needed": 1}, 1, rules.P1_NEW_SUPPORT),
    ("new help with medicines", {"medication_support": True}, 1, rules.P1_NEW_SUPPORT),
    (
        "repeated falls: rehabilitation at home",
        {"falls_last_year": 2},
        1,
        rules.P1_NEW_HEALTH_SUPPORT,
    ),
    (
        "pressure damage: community nursing",
        {"skin_integrity": "damage"},
        1,
        rules.P1_NEW_HEALTH_SUPPORT,
    ),
    (
        "24-hour care, lives with family: care at home",
        {"needs_24_hour_care": True},
        1,
        rules.P1_24_HOUR_AT_HOME,
    ),
    (
        "24-hour care, lives alone: recover in a bed",
        {"needs_24_hour_care": True, "lives_alone": True},
        2,
        rules.P2_BED_BASED_RECOVERY,
    ),
    (
        "high risk, alone, double-handed: recover in a bed",
        {"risk_level": "high", "lives_alone": True, "carers_needed": 2},
        2,
        rules.P2_BED_BASED_RECOVERY,
    ),
    (
        "high risk, alone, one carer: home with support",
        {"risk_level": "high", "lives_alone": True, "carers_needed": 1},
        1,
        rules.P1_NEW_SUPPORT,
    ),
    (
        "24-hour care, alone, dementia: long-term care likely",
        {"needs_24_hour_care": True, "lives_alone": True, "cognitive_impairment": True},
        3,
        rules.P3_LONG_TERM_CARE,
    ),
    (
        "24-hour care, alone, capacity concern: long-term care likely",
        {"needs_24_hour_care": True, "lives_alone": True, "capacity_concern": True},
        3,
        rules.P3_LONG_TERM_CARE,
    ),
    (
        "24-hour care with dementia but living with family: at home",
        {"needs_24_hour_care": True, "cognitive_impairment": True},
        1,
        rules.P1_24_HOUR_AT_HOME,
    ),
]


@pytest.mark.parametrize(
    "facts, pathway, criterion", [row[1:] for row in ROWS], ids=[r[0] for r in ROWS]
)
def test_each_rule_gives_the_guidance_pathway_and_cites_it(facts, pathway, criterion):
    recommendation = pathway_for(Facts(**facts))
    assert recommendation.pathway == pathway
    assert recommendation.criterion == criterion
    cited = recommendation.lines()[-1]
    assert "Hospital discharge and community support guidance" in cited
    assert f"pathway {pathway}: {criterion.text}" in cited


def test_every_criterion_is_reached_by_some_row():
    reached = {row[3].code for row in ROWS}
    assert reached == {criterion.code for criterion in rules.CRITERIA}


def test_the_case_facts_come_from_the_referral_and_the_screen():
    screen = SimpleNamespace(
        lives_alone=False,
        carers_needed=1,
        medication_support=False,
        hoist_needed=False,
        needs_24_hour_care=False,
        cognitive_impairment=False,
        capacity_concern=False,
        falls_last_year=0,
        skin_integrity="intact",
        continence="continent",
        level="low",
    )
    referral = SimpleNamespace(usual_residence="care_home", existing_support="none")
    case = SimpleNamespace(risk_screen=screen, referral=referral, ot_review=None)
    pathway, reasons = pathway_recommend(case)
    assert pathway == 0
    assert "care home" in reasons[0]
    assert reasons[-1].startswith("Applies Hospital discharge and community support")
