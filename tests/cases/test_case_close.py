"""Closing or withdrawing a case is a hub action with a reason that ends the
process through Viewflow; Viewflow's raw cancel, undo and revive are not
offered, and refused when asked for directly."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases import services
from cases.models import DischargeCase
from equipment.models import EquipmentOrder
from pathways.models import ReablementStart

pytestmark = pytest.mark.django_db
CLOSE = {"closed_because": "died", "reason": "Died on the ward on Tuesday"}


def close_url(case) -> str:
    return f"/hub/cases/{case.pk}/close/"


def open_tasks(case):
    return case.task_set.filter(status__in=["NEW", "ASSIGNED", "STARTED"])


def test_a_coordinator_closes_a_case_with_a_reason(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    assert close_url(case) in hub.client.get(case.get_absolute_url()).content.decode()

    response = hub.client.post(close_url(case), CLOSE)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.outcome == DischargeCase.Outcome.CLOSED
    assert case.closed_because == "died" and case.closed_by == coordinator
    assert case.closure_reason == "Died on the ward on Tuesday"
    assert case.closed_at is not None
    assert case.status == "CANCELED" and not open_tasks(case).exists()
    record = case.history.first()
    assert record.history_user == coordinator
    assert record.history_change_reason == "closed: The person died"
    page = hub.client.get(case.get_absolute_url()).content.decode()
    assert "The person died" in page and "Died on the ward" in page
    assert close_url(case) not in page
    # Gone from the open lists.
    assert case.reference not in hub.client.get("/hub/cases/").content.decode()
    assert case.reference not in hub.client.get("/hub/").content.decode()


def test_closing_releases_the_start_and_cancels_undelivered_equipment(
    hub, coordinator, provider, catalogue
):
    hub.as_user(coordinator)
    case = hub.to_reablement_start()
    hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "length_days": 42,
            "start_date": timezone.localdate().isoformat(),
            "morning_minutes": 30,
            **{f"{b}_carers": 1 for b in ("morning", "lunch", "tea", "bed")},
        },
    )
    for code in ("commode", "hospital-bed"):
        hub.client.post(
            f"/hub/cases/{case.pk}/equipment/",
            {"item": catalogue[code].pk, "quantity": 1, "speed": "next_day"},
        )
    delivered = EquipmentOrder.objects.get(item=catalogue["commode"])
    hub.client.post(
        f"/hub/cases/{case.pk}/equipment/{delivered.pk}/", {"action": "delivered"}
    )

    response = hub.client.post(
        close_url(case), {**CLOSE, "closed_because": "moved_away"}
    )
    assert response.status_code == 302
    assert ReablementStart.objects.get(case=case).status == "cancelled"
    bed = EquipmentOrder.objects.get(item=catalogue["hospital-bed"])
    assert bed.status == "cancelled" and "Moved out of the area" in bed.status_reason
    delivered.refresh_from_db()
    assert delivered.status == "delivered"  # still theirs, or to be collected


def test_a_close_without_a_reason_changes_nothing(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    response = hub.client.post(close_url(case), {"closed_because": "died"})
    assert response.status_code == 422
    assert "reason" in response.context["form"].errors
    assert response.context["form"]["closed_because"].value() == "died"  # kept
    case.refresh_from_db()
    assert case.is_open and case.status == "NEW" and open_tasks(case).exists()


def test_who_may_close(hub, coordinator, other_coordinator, ot, manager):
    hub.as_user(coordinator)
    case = hub.start()
    hub.as_user(ot)
    assert (
        close_url(case) not in hub.client.get(case.get_absolute_url()).content.decode()
    )
    assert hub.client.post(close_url(case), CLOSE).status_code == 403
    hub.as_user(other_coordinator)
    assert hub.client.post(close_url(case), CLOSE).status_code == 404
    with pytest.raises(PermissionDenied):
        services.case_close(case=case, actor=ot, closed_because="died", reason="x")
    case.refresh_from_db()
    assert case.is_open
    hub.as_user(manager)
    assert hub.client.post(close_url(case), CLOSE).status_code == 302


def test_a_closed_or_discharged_case_cannot_be_closed_again(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    services.case_close(case=case, actor=coordinator, **CLOSE)
    with pytest.raises(ValidationError, match="already closed"):
        services.case_close(case=case, actor=coordinator, **CLOSE)
    assert hub.client.get(close_url(case)).status_code == 302


def test_viewflows_raw_cancel_is_not_offered_and_is_refused(hub, coordinator, manager):
    hub.as_user(coordinator)
    case = hub.start()
    task = hub.task(case, "triage")
    hub.as_user(manager)
    # The process page is the case page; its cancel is the hub's close page.
    process_page = hub.client.get(f"/discharge/{case.pk}/")
    assert process_page.status_code == 302
    assert process_page["Location"] == case.get_absolute_url()
    cancel = hub.client.post(f"/discharge/{case.pk}/cancel/", {"_cancel_process": "1"})
    assert cancel.status_code == 302 and cancel["Location"] == close_url(case)
    # No raw task actions: not on the task's page, and not there when asked.
    detail = task.flow_task.reverse("detail", args=[case.pk, task.pk])
    page = hub.client.get(detail).content.decode()
    for action in ("cancel", "undo", "revive"):
        assert f"/{task.pk}/{action}/" not in page
        response = hub.client.post(f"/discharge/{case.pk}/triage/{task.pk}/{action}/")
        assert response.status_code == 404, action
    case.refresh_from_db()
    task.refresh_from_db()
    assert case.status == "NEW" and case.is_open and task.status == "NEW"


def test_cancelled_processes_left_open_are_closed_by_the_migration(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    case.flow_class.instance.cancel(case)  # as Viewflow's raw cancel did
    case.refresh_from_db()
    assert case.status == "CANCELED" and case.is_open
    migration = importlib.import_module(
        "cases.migrations.0004_cancelled_cases_are_closed"
    )
    migration.close_cancelled_cases(apps, None)
    case.refresh_from_db()
    assert case.outcome == "closed" and case.closed_because == "other"
    assert "no reason recorded" in case.closure_reason
    assert case.history.first().outcome == "closed"
