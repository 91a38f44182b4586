"""The equipment task page offers the catalogue; orders still outstanding at
discharge can still be updated; the case page says when the OT review is done."""

import pytest
from django.utils import timezone

from equipment.models import EquipmentOrder
from testkit import PLAN_DETERMINATION, provider_accepts

pytestmark = pytest.mark.django_db
BANDS = {f"{band}_carers": 1 for band in ("morning", "lunch", "tea", "bed")}
SCREEN = {
    "falls_last_year": 0,
    "skin_integrity": "intact",
    "continence": "continent",
    "carers_needed": 1,
}


def to_equipment(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": "high", "reason": "Meets the criteria"},
    )
    hub.do(case, "risk_screen", SCREEN)
    hub.do(
        case,
        "pathway",
        {"chosen": 1, "length_days": 42, "morning_minutes": 30, **BANDS},
    )
    return case


def test_the_equipment_task_page_offers_the_catalogue(hub, coordinator, catalogue):
    case = to_equipment(hub, coordinator)
    task = hub.task(case, "equipment")
    hub.client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    page = hub.client.get(
        task.flow_task.reverse("execute", args=[case.pk, task.pk])
    ).content.decode()
    assert "Order an item" in page
    for item in catalogue.values():
        assert f'<option value="{item.pk}">{item.name}' in page


def discharged_with_a_seat_on_order(hub, coordinator, provider, catalogue):
    case = to_equipment(hub, coordinator)
    hub.client.post(
        f"/hub/cases/{case.pk}/equipment/",
        {
            "item": catalogue["raised-toilet-seat"].pk,
            "quantity": 1,
            "speed": "standard",
        },
    )
    hub.do(case, "equipment", {})  # nothing essential outstanding
    today = timezone.localdate().isoformat()
    hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "length_days": 42,
            "start_date": today,
            "morning_minutes": 30,
            **BANDS,
        },
    )
    provider_accepts(hub.client, case, back_to=hub.user)  # the start is agreed
    hub.do(
        case,
        "support_plan",
        {
            "personal_goals": "Home",
            "review_date": today,
            "nutrition_need": "Meals",
            "nutrition_met_by": "family",
            **PLAN_DETERMINATION,
        },
    )
    hub.do(
        case,
        "discharge",
        {
            "discharged_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "transport": "Taxi",
            "access_arrangements": "Daughter holds keys",
        },
    )
    assert case.status == "DONE" and not case.is_open
    return case, EquipmentOrder.objects.get(case=case)


def test_an_order_outstanding_at_discharge_can_still_be_updated(
    hub, coordinator, provider, catalogue
):
    case, seat = discharged_with_a_seat_on_order(hub, coordinator, provider, catalogue)
    update = f"/hub/cases/{case.pk}/equipment/{seat.pk}/"
    assert update in hub.client.get(case.get_absolute_url()).content.decode()
    response = hub.client.post(update, {"action": "delivered"})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.status == "delivered"
    assert seat.history.first().history_user == coordinator


def test_nothing_new_is_ordered_for_a_discharged_case(
    hub, coordinator, provider, catalogue
):
    case, _seat = discharged_with_a_seat_on_order(hub, coordinator, provider, catalogue)
    response = hub.client.post(
        f"/hub/cases/{case.pk}/equipment/",
        {"item": catalogue["commode"].pk, "quantity": 1, "speed": "next_day"},
    )
    assert response.status_code == 422
    assert "nothing new can be ordered" in response.content.decode()
    assert EquipmentOrder.objects.filter(case=case).count() == 1


def test_the_case_page_shows_the_ot_review_as_done(hub, coordinator, ot):
    hub.as_user(coordinator)
    case = hub.start()
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": "high", "reason": "Meets the criteria"},
    )
    hub.do(case, "risk_screen", {**SCREEN, "falls_last_year": 2})
    page = hub.client.get(case.get_absolute_url()).content.decode()
    assert "Flagged for OT review" in page
    hub.as_user(ot).do(
        case,
        "ot_review",
        {
            "recommended_pathway": 1,
            "change_reason": "Walks well with a frame",
            "moving_handling_notes": "Frame",
            "carers_per_visit": 1,
        },
    )
    page = hub.client.get(case.get_absolute_url()).content.decode()
    assert "Flagged for OT review" not in page
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"OT reviewed by Olive North, {today}" in page
