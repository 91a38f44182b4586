"""The OT review shows the system's recommendation and its reasons, with that
pathway selected; whether the OT agrees is worked out from what they choose,
and a different pathway needs a reason."""

import re

import pytest
from django.core.exceptions import ValidationError

from triage import services
from triage.models import OTReview

pytestmark = pytest.mark.django_db

HIGH_RISK = {  # 9 points and lives alone: the rules recommend pathway 2
    "falls_last_year": 2,
    "skin_integrity": "intact",
    "continence": "continent",
    "carers_needed": 2,
    "hoist_needed": "on",
    "lives_alone": "on",
}
REVIEW = {"moving_handling_notes": "Hoist, two carers", "carers_per_visit": 2}


@pytest.fixture
def case(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": "high", "reason": "Meets the criteria"},
    )
    hub.do(case, "risk_screen", HIGH_RISK)
    assert case.flagged_for_ot
    return case


def review_page(hub, case, ot):
    hub.as_user(ot)
    task = hub.task(case, "ot_review")
    hub.client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    return hub.client.get(task.flow_task.reverse("execute", args=[case.pk, task.pk]))


def test_the_ot_sees_the_recommendation_and_its_reasons_selected(hub, case, ot):
    response = review_page(hub, case, ot)
    page = response.content.decode()
    assert (
        "The system recommends pathway 2 – short-term bed-based rehabilitation" in page
    )
    assert "High risk, lives alone and needs two carers or a hoist" in page
    assert "Hospital discharge and community support guidance" in page
    assert response.context["form"]["recommended_pathway"].value() == 2
    checked = re.search(r'<input[^>]*name="recommended_pathway"[^>]*checked', page)
    assert checked and 'value="2"' in checked.group(0)
    # No tick box whose answer the form would overwrite.
    assert 'name="agrees_with_recommendation"' not in page


def test_keeping_the_recommendation_records_agreement(hub, case, ot):
    hub.as_user(ot).do(case, "ot_review", {"recommended_pathway": 2, **REVIEW})
    review = OTReview.objects.get(case=case)
    assert review.recommended_pathway == 2 and review.agrees_with_recommendation


def test_a_different_pathway_needs_a_reason_and_is_recorded_as_a_change(hub, case, ot):
    response = hub.as_user(ot).do(
        case, "ot_review", {"recommended_pathway": 0, **REVIEW}, expect=200
    )
    errors = response.context["form"].errors["change_reason"]
    assert "differs from the system's recommendation" in errors[0]
    assert response.context["form"]["recommended_pathway"].value() == "0"  # kept
    assert not OTReview.objects.exists()

    hub.do(
        case,
        "ot_review",
        {"recommended_pathway": 0, "change_reason": "Family moving in", **REVIEW},
    )
    review = OTReview.objects.get(case=case)
    assert not review.agrees_with_recommendation
    assert review.change_reason == "Family moving in"


def test_the_service_refuses_a_different_pathway_without_a_reason(case, ot):
    review = OTReview(recommended_pathway=0, moving_handling_notes="Walks with a frame")
    with pytest.raises(ValidationError) as error:
        services.ot_review_record(case=case, actor=ot, review=review)
    assert "change_reason" in error.value.message_dict
    assert not OTReview.objects.exists()


def test_the_risk_screen_starts_from_what_the_referral_says(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()  # the referral says the person lives alone
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": "high", "reason": "Meets the criteria"},
    )
    task = hub.task(case, "risk_screen")
    hub.client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    response = hub.client.get(
        task.flow_task.reverse("execute", args=[case.pk, task.pk])
    )
    assert response.context["form"]["lives_alone"].value() is True
