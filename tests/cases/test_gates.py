"""Discharge gates: essential equipment and the reablement start."""

import pytest
from django.utils import timezone

from cases.models import Discharge
from equipment.models import EquipmentOrder
from testkit import PLAN_DETERMINATION, provider_accepts

pytestmark = pytest.mark.django_db
BANDS = {
    "morning_minutes": 30,
    "morning_carers": 1,
    "lunch_carers": 1,
    "tea_carers": 1,
    "bed_carers": 1,
}


def to_discharge(hub, coordinator, provider):
    hub.as_user(coordinator)
    case = hub.to_reablement_start()
    hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "length_days": 42,
            "start_date": timezone.localdate().isoformat(),
            **BANDS,
        },
    )
    provider_accepts(hub.client, case, back_to=coordinator)
    hub.do(
        case,
        "support_plan",
        {
            "personal_goals": "Home",
            "review_date": timezone.localdate().isoformat(),
            "nutrition_need": "Meals",
            "nutrition_met_by": "family",
            **PLAN_DETERMINATION,
        },
    )
    return case


def discharge_data(**extra):
    return {
        "discharged_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "transport": "Taxi",
        "access_arrangements": "Daughter holds keys",
        **extra,
    }


def test_discharge_refused_with_essential_equipment_outstanding(
    hub, coordinator, provider, catalogue
):
    case = to_discharge(hub, coordinator, provider)
    # The OT prescribes a hospital bed late: an essential item now outstanding.
    hub.client.post(
        f"/hub/cases/{case.pk}/equipment/",
        {
            "item": catalogue["hospital-bed"].pk,
            "quantity": 1,
            "speed": "same_day",
            "essential": "on",
        },
    )
    response = hub.do(case, "discharge", discharge_data(), expect=200)
    errors = " ".join(response.context["form"].errors["override_reason"])
    assert "Essential equipment not yet delivered: Hospital bed" in errors
    assert not Discharge.objects.exists() and case.status == "NEW"
    # A coordinator cannot override, even with a reason.
    response = hub.do(
        case, "discharge", discharge_data(override_reason="Family ready"), expect=200
    )
    assert "Only a manager can override" in " ".join(
        response.context["form"].errors["override_reason"]
    )
    order = EquipmentOrder.objects.get(item=catalogue["hospital-bed"])
    hub.client.post(
        f"/hub/cases/{case.pk}/equipment/{order.pk}/", {"action": "delivered"}
    )
    hub.do(case, "discharge", discharge_data())
    assert case.status == "DONE" and Discharge.objects.get().gate_override_reason == ""


def test_discharge_refused_without_an_agreed_start_until_a_manager_overrides(
    hub, coordinator, manager, provider
):
    case = to_discharge(hub, coordinator, provider)
    response = hub.client.post(
        f"/hub/cases/{case.pk}/reablement-start/cancel/",
        {"reason": "Provider lost two carers"},
    )
    assert response.status_code == 302
    response = hub.do(case, "discharge", discharge_data(), expect=200)
    assert "No reablement start has been agreed" in " ".join(
        response.context["form"].errors["override_reason"]
    )

    # The manager takes the task over and overrides with a reason.
    task = hub.task(case, "discharge")
    hub.as_user(manager)
    assert (
        hub.client.post(
            task.flow_task.reverse("unassign", args=[case.pk, task.pk])
        ).status_code
        == 302
    )
    hub.do(
        case,
        "discharge",
        discharge_data(
            override_reason="Family will cover calls for two days; new start sought"
        ),
    )
    discharge = Discharge.objects.get()
    assert discharge.gate_override_by == manager
    assert "Family will cover" in discharge.gate_override_reason
    assert discharge.history.get().history_user == manager
    assert case.status == "DONE"


def test_cancelled_start_can_be_rebooked_against_capacity(hub, coordinator, provider):
    case = to_discharge(hub, coordinator, provider)
    hub.client.post(f"/hub/cases/{case.pk}/reablement-start/cancel/", {"reason": "Ill"})
    response = hub.client.post(
        f"/hub/cases/{case.pk}/reablement-start/rebook/",
        {
            "provider": provider.pk,
            "start_date": timezone.localdate().isoformat(),
            "length_days": 42,
            **BANDS,
        },
    )
    assert response.status_code == 302
    case.reablement_start.refresh_from_db()
    assert case.reablement_start.status == "offered"
    provider_accepts(hub.client, case, back_to=coordinator)
    hub.do(case, "discharge", discharge_data())
    assert case.status == "DONE"
