"""One journey per pathway, driven through the pages by each role."""

import datetime

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task

from cases.models import Discharge, DischargeCase, Person, SupportPlan
from equipment.models import EquipmentOrder
from pathways.models import Placement, ReablementStart
from testkit import PLAN_DETERMINATION, provider_accepts
from triage.models import OTReview, RiskScreen, TriageDecision

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def accept(hub, case, priority="urgent"):
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": priority, "reason": "Meets the criteria"},
    )


def screen(hub, case, **items):
    data = {
        "falls_last_year": 0,
        "skin_integrity": "intact",
        "continence": "continent",
        "carers_needed": 0,
    }
    data.update(items)
    hub.do(case, "risk_screen", data)


def plan(hub, case):
    hub.do(
        case,
        "support_plan",
        {
            "personal_goals": "Make my own breakfast again",
            "review_date": (TODAY() + datetime.timedelta(days=14)).isoformat(),
            "agreed_with_person": "on",
            "agreed_on": TODAY().isoformat(),
            "agreed_how": "On the ward",
            "hygiene_need": "Help to shower",
            "hygiene_met_by": "reablement",
            **PLAN_DETERMINATION,
            "hygiene_how": "Morning call",
        },
    )


def discharge(hub, case, expect=302, **extra):
    return hub.do(
        case,
        "discharge",
        {
            "discharged_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "transport": "Hospital transport",
            "access_arrangements": "Key safe at the door",
            **extra,
        },
        expect=expect,
    )


def test_pathway_1_with_ot_review_equipment_and_reablement(
    hub, coordinator, ot, provider, catalogue
):
    hub.as_user(coordinator)
    case = hub.start()
    assert case.referral.person.nhs_number == "9990000018"
    assert case.referral.person.postcode == "NF1 2AB"
    assert case.locality.code == "northfield"  # suggested from the postcode district
    accept(hub, case)
    screen(
        hub,
        case,
        falls_last_year=2,
        carers_needed=1,
        medication_support="on",
        cognitive_impairment="on",
    )
    assert case.flagged_for_ot
    assert "Two or more falls in the last year" in case.risk_screen.ot_reasons

    hub.as_user(ot).do(
        case,
        "ot_review",
        {
            "recommended_pathway": 1,
            "moving_handling_notes": "Frame, one carer",
            "carers_per_visit": 1,
            "prescribed_items": [catalogue["commode"].pk],
        },
    )
    commode = EquipmentOrder.objects.get(case=case)
    assert commode.prescribed_by_ot and commode.essential

    hub.as_user(coordinator).do(
        case,
        "pathway",
        {
            "chosen": 1,
            "length_days": 42,
            "morning_minutes": 45,
            "morning_carers": 1,
            "lunch_carers": 1,
            "tea_carers": 1,
            "bed_carers": 1,
        },
    )
    assert case.pathway == 1

    # The equipment branch waits for the essential commode.
    response = hub.do(case, "equipment", {}, expect=200)
    assert "Essential items not yet delivered: Commode" in response.content.decode()
    hub.client.post(
        f"/hub/cases/{case.pk}/equipment/{commode.pk}/", {"action": "delivered"}
    )
    hub.do(case, "equipment", {})

    hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "start_date": TODAY().isoformat(),
            "length_days": 42,
            "morning_minutes": 45,
            "morning_carers": 1,
            "lunch_carers": 1,
            "tea_carers": 1,
            "bed_carers": 1,
        },
    )
    start = ReablementStart.objects.get(case=case)
    assert start.provider == provider and start.band_minutes() == {"morning": 45}
    assert start.status == ReablementStart.Status.OFFERED
    provider_accepts(hub.client, case, back_to=coordinator)  # the start is agreed

    plan(hub, case)
    pdf = hub.client.get(f"/hub/cases/{case.pk}/support-plan.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    discharge(hub, case)

    case.refresh_from_db()
    assert case.status == "DONE" and case.outcome == DischargeCase.Outcome.DISCHARGED
    assert case.actual_discharge is not None
    for model in (TriageDecision, RiskScreen, SupportPlan, Discharge):
        assert model.history.filter(case=case).latest().history_user == coordinator
    offered, agreed = ReablementStart.history.filter(case=case).order_by("history_id")
    assert offered.history_user == coordinator
    assert agreed.history_user.provider_staff.provider == provider
    assert OTReview.history.get(case=case).history_user == ot
    assert (
        Person.history.filter(nhs_number="9990000018").first().history_user
        == coordinator
    )
    done = Task.history.model.objects.filter(
        process_id=case.pk, status="DONE", flow_task_type="HUMAN"
    )
    assert set(done.values_list("history_user__username", flat=True)) == {
        coordinator.username,
        ot.username,
    }
    assert not Task.objects.filter(process=case).exclude(status="DONE").exists()


def test_pathway_0_no_equipment_goes_straight_to_support_plan(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    accept(hub, case, priority="routine")
    screen(hub, case)
    assert not case.flagged_for_ot
    hub.do(
        case,
        "pathway",
        {
            "chosen": 0,
            "length_days": 42,
            "morning_carers": 1,
            "lunch_carers": 1,
            "tea_carers": 1,
            "bed_carers": 1,
        },
    )
    # Ticking "no equipment" is refused while items are on order; here none are.
    hub.do(case, "equipment", {"no_equipment_needed": "on"})
    assert hub.task(case, "reablement_start") is None
    plan(hub, case)
    discharge(hub, case)
    case.refresh_from_db()
    assert case.status == "DONE" and case.pathway == 0


def _bed_journey(hub, coordinator, screen_items, chosen, setting):
    hub.as_user(coordinator)
    case = hub.start()
    accept(hub, case)
    screen(hub, case, **screen_items)
    hub.do(
        case,
        "pathway",
        {
            "chosen": chosen,
            "length_days": 42,
            "morning_carers": 1,
            "lunch_carers": 1,
            "tea_carers": 1,
            "bed_carers": 1,
        },
    )
    hub.do(case, "equipment", {"no_equipment_needed": "on"})
    hub.do(
        case,
        "placement",
        {
            "setting": setting,
            "setting_name": "Elm Court",
            "start_date": TODAY().isoformat(),
        },
    )
    plan(hub, case)
    discharge(hub, case)
    case.refresh_from_db()
    assert case.status == "DONE"
    return case


def test_pathway_2_bed_based_placement(hub, coordinator):
    # Needs 24-hour care for now and lives alone: the guidance's pathway 2,
    # short-term 24-hour support in a bed before going home.
    case = _bed_journey(
        hub,
        coordinator,
        {
            "lives_alone": "on",
            "needs_24_hour_care": "on",
            "falls_last_year": 1,
            "medication_support": "on",
            "carers_needed": 1,
            "nutrition_risk": "on",
            "home_hazards": "on",
            "skin_integrity": "at_risk",
        },
        2,
        "d2a_bed",
    )
    assert (
        case.pathway_decision.recommended == 2 and not case.pathway_decision.overridden
    )
    assert Placement.objects.get(case=case).setting == "d2a_bed"


def test_pathway_3_care_home_placement(hub, coordinator):
    # 24-hour care, living alone, with dementia: likely long-term care (3).
    case = _bed_journey(
        hub,
        coordinator,
        {"needs_24_hour_care": "on", "lives_alone": "on", "cognitive_impairment": "on"},
        3,
        "care_home_nursing",
    )
    assert case.pathway_decision.recommended == 3
    assert case.placement.get_setting_display() == "Care home – nursing"


def test_triage_decline_closes_the_case_with_the_reason(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    hub.do(
        case,
        "triage",
        {
            "outcome": "decline",
            "priority": "routine",
            "reason": "Lives outside the county",
        },
    )
    case.refresh_from_db()
    assert case.status == "DONE" and case.outcome == DischargeCase.Outcome.NOT_ACCEPTED
    assert "Lives outside the county" in case.closure_reason


def test_pathway_override_needs_a_reason(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    accept(hub, case)
    screen(hub, case)
    response = hub.do(
        case,
        "pathway",
        {
            "chosen": 1,
            "length_days": 42,
            "morning_minutes": 30,
            "morning_carers": 1,
            "lunch_carers": 1,
            "tea_carers": 1,
            "bed_carers": 1,
        },
        expect=200,
    )
    assert "say why you chose pathway 1" in response.content.decode()
    assert case.pathway is None
