"""Care Act eligibility on the support plan: the regulations' wording, the
determination as a coordinator records it, on the case page and in the PDF."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from cases import eligibility
from cases.eligibility import AdultOutcome, CarerOutcome
from cases.models import CarerAssessment, SupportPlan, SupportPlanNeed
from testkit import PLAN_DETERMINATION

# Regulation 2(2) of the Care and Support (Eligibility Criteria) Regulations
# 2015, (a) to (j), as legislation.gov.uk prints it.
REGULATION_2_2 = [
    "managing and maintaining nutrition",
    "maintaining personal hygiene",
    "managing toilet needs",
    "being appropriately clothed",
    "being able to make use of the adult’s home safely",
    "maintaining a habitable home environment",
    "developing and maintaining family or other personal relationships",
    "accessing and engaging in work, training, education or volunteering",
    "making use of necessary facilities or services in the local community "
    "including public transport, and recreational facilities or services",
    "carrying out any caring responsibilities the adult has for a child",
]
# Regulation 3(2)(b)(i) to (viii).
REGULATION_3_2_B = [
    "carrying out any caring responsibilities the carer has for a child",
    "providing care to other persons for whom the carer provides care",
    "maintaining a habitable home environment in the carer’s home (whether or "
    "not this is also the home of the adult needing care)",
    "managing and maintaining nutrition",
    "developing and maintaining family or other personal relationships",
    "engaging in work, training, education or volunteering",
    "making use of necessary facilities or services in the local community, "
    "including recreational facilities or services",
    "engaging in recreational activities",
]


def test_outcomes_are_worded_as_the_regulations_word_them():
    def lowered(choices):
        return [label[0].lower() + label[1:] for label in choices.labels]

    assert lowered(AdultOutcome) == REGULATION_2_2
    assert lowered(CarerOutcome) == REGULATION_3_2_B


@pytest.mark.parametrize(
    ("impairment", "unable", "impact", "eligible"),
    [
        (True, 2, True, True),
        (True, 10, True, True),
        (True, 1, True, False),  # two or more outcomes, reg 2(1)(b)
        (False, 3, True, False),
        (True, 3, False, False),
        (None, 3, True, None),  # a plan written before determinations
        (True, 3, None, None),
        (False, 1, None, None),  # undetermined until (a) and (c) are answered
    ],
)
def test_adult_determination_needs_all_three_conditions(
    impairment, unable, impact, eligible
):
    result = eligibility.adult_determination(
        from_impairment=impairment, outcomes_unable=unable, wellbeing_impact=impact
    )
    assert result.eligible is eligible


@pytest.mark.parametrize(
    ("necessary", "health", "unable", "impact", "eligible"),
    [
        (True, True, 0, True, True),  # health at risk is enough, reg 3(2)(a)
        (True, False, 1, True, True),  # one outcome is enough, reg 3(2)(b)
        (True, False, 0, True, False),
        (False, True, 2, True, False),
        (True, True, 2, False, False),
    ],
)
def test_carer_determination(necessary, health, unable, impact, eligible):
    result = eligibility.carer_determination(
        necessary_care=necessary,
        health_at_risk=health,
        outcomes_unable=unable,
        wellbeing_impact=impact,
    )
    assert result.eligible is eligible


# Through the pages, as a coordinator records it.


@pytest.fixture
def planning(hub, coordinator):
    """A pathway-0 case waiting for its support plan."""
    hub.as_user(coordinator)
    case = hub.start()
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": "routine", "reason": "Meets the criteria"},
    )
    hub.do(
        case,
        "risk_screen",
        {
            "falls_last_year": 0,
            "skin_integrity": "intact",
            "continence": "continent",
            "carers_needed": 0,
        },
    )
    hub.do(
        case,
        "pathway",
        {"chosen": 0, "length_days": 42, "morning_carers": 1, "lunch_carers": 1}
        | {"tea_carers": 1, "bed_carers": 1},
    )
    hub.do(case, "equipment", {"no_equipment_needed": "on"})
    return case


def plan_data(**extra) -> dict:
    review = timezone.localdate() + datetime.timedelta(days=14)
    return {
        "personal_goals": "Make my own breakfast again",
        "review_date": review.isoformat(),
        **PLAN_DETERMINATION,
        "hygiene_need": "Help to shower",
        "hygiene_met_by": "reablement",
        "hygiene_unable": "endangers",
        "hygiene_unable_why": "Falls getting in and out of the bath",
        "nutrition_need": "Meals",
        "nutrition_met_by": "family",
        "nutrition_unable": "pain",
        "nutrition_unable_why": "Standing at the cooker hurts her hip",
        **extra,
    }


CARER = {
    "carer_assessed": "on",
    "carer_carer_name": "Beth Testcase",
    "carer_relationship": "Daughter",
    "carer_assessed_on": "2026-11-20",
    "carer_necessary_care": "yes",
    "carer_health_at_risk": "no",
    "carer_wellbeing_impact": "yes",
    "carer_reasons": "Caring every evening has cost her her evening class.",
    "carer_recreation_unable": "without_assistance",
    "carer_recreation_why": "No one else can sit with her mother in the evening",
}


def pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@pytest.mark.django_db
def test_two_outcomes_unable_make_the_person_eligible(hub, planning):
    hub.do(planning, "support_plan", plan_data())
    plan = SupportPlan.objects.get(case=planning)
    assert plan.determination.eligible is True
    hygiene = plan.needs.get(outcome="hygiene")
    assert hygiene.get_unable_because_display() == (
        "is able to achieve it without assistance but doing so endangers or is "
        "likely to endanger the health or safety of the adult, or of others"
    )
    page = hub.client.get(planning.get_absolute_url()).content.decode()
    assert "Eligible: the needs meet the eligibility criteria" in page
    assert hygiene.history.first().history_user == hub.user


@pytest.mark.django_db
def test_one_outcome_unable_is_not_eligible(hub, planning):
    data = plan_data(nutrition_unable="", nutrition_unable_why="")
    hub.do(planning, "support_plan", data)
    plan = SupportPlan.objects.get(case=planning)
    assert plan.determination.eligible is False
    page = hub.client.get(planning.get_absolute_url()).content.decode()
    assert "Not eligible: the needs do not meet the eligibility criteria" in page
    assert f"✗ Not met: {eligibility.ADULT_CONDITION_B}" in page


@pytest.mark.django_db
def test_determination_unanswered_is_refused_with_each_field_named(hub, planning):
    data = plan_data(
        from_impairment="",
        wellbeing_impact="",
        determination_reasons="",
        hygiene_unable_why="",
        toilet_unable="without_assistance",
    )
    response = hub.do(planning, "support_plan", data, expect=200)
    errors = response.context["form"].errors
    assert "Say whether the needs arise" in errors["from_impairment"][0]
    assert "significant impact" in errors["wellbeing_impact"][0]
    assert errors["determination_reasons"]
    assert "Say why" in errors["hygiene_unable_why"][0]
    assert "Describe the need" in errors["toilet_need"][0]
    form = response.context["form"]
    assert form["hygiene_need"].value() == "Help to shower"  # what was typed kept
    assert form["toilet_unable"].value() == "without_assistance"
    assert not SupportPlan.objects.exists()
    assert not SupportPlanNeed.objects.exists()


@pytest.mark.django_db
def test_carer_assessed_is_recorded_with_their_determination(hub, planning):
    hub.do(planning, "support_plan", plan_data(**CARER))
    carer = CarerAssessment.objects.get(plan__case=planning)
    assert (carer.carer_name, carer.necessary_care, carer.health_at_risk) == (
        "Beth Testcase",
        True,
        False,
    )
    [row] = carer.outcomes.all()
    assert row.outcome == "recreation" and row.unable_because == "without_assistance"
    assert carer.determination.eligible is True
    assert carer.history.first().history_user == hub.user
    page = hub.client.get(planning.get_absolute_url()).content.decode()
    assert "Beth Testcase (Daughter): Eligible" in page
    timeline = hub.client.get(f"/hub/cases/{planning.pk}/timeline/").content.decode()
    assert "Carer&#x27;s assessment: Beth Testcase (Daughter)" in timeline
    assert "Carer unable to achieve: Engaging in recreational activities" in timeline


@pytest.mark.django_db
def test_carer_ticked_but_not_assessed_is_refused(hub, planning):
    data = plan_data(carer_assessed="on", carer_recreation_unable="pain")
    response = hub.do(planning, "support_plan", data, expect=200)
    errors = response.context["form"].errors
    for name in ("carer_carer_name", "carer_necessary_care", "carer_reasons"):
        assert errors[name], name
    assert "Say why the carer" in errors["carer_recreation_why"][0]
    assert not SupportPlan.objects.exists()


@pytest.mark.django_db
def test_pdf_shows_the_determination_and_the_carers(hub, planning):
    hub.do(planning, "support_plan", plan_data(**CARER))
    response = hub.client.get(f"/hub/cases/{planning.pk}/support-plan.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Eligible: the needs meet the eligibility criteria (regulation 2)" in text
    assert (
        "(b) As a result of the adult’s needs the adult is unable to achieve two"
        in (text)
    )
    assert "Unable to achieve (regulation 2(3)): the adult is able to achieve it" in (
        text
    )
    assert "Standing at the cooker hurts her hip" in text
    assert "Carer's eligibility: Beth Testcase (Daughter)" in text
    assert "Engaging in recreational activities" in text
    assert "Caring every evening has cost her her evening class." in text


@pytest.mark.django_db
def test_a_plan_written_before_determinations_reads_not_yet_determined(hub, planning):
    hub.do(planning, "support_plan", plan_data())
    # As the migration leaves a plan written before this was recorded.
    SupportPlan.objects.update(from_impairment=None, wellbeing_impact=None)
    page = hub.client.get(planning.get_absolute_url()).content.decode()
    assert "Eligibility not yet determined" in page
    response = hub.client.get(f"/hub/cases/{planning.pk}/support-plan.pdf")
    assert "Eligibility not yet determined" in pdf_text(response.content)
