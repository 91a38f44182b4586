"""The allocator and offers: an accepted proposal is offered to the provider
(not agreed), and a case whose offer was declined is planned again and,
once a proposal is accepted, offered again."""

import pytest
from django.test import Client

from pathways import allocator
from pathways.models import ReablementStart
from testkit import provider_staff

pytestmark = pytest.mark.django_db


def test_a_declined_case_is_planned_and_offered_again(
    client, hub, coordinator, provider, run_tasks
):
    case = hub.as_user(coordinator).to_reablement_start(morning_minutes=60)
    assert client.post("/hub/allocation/run/").status_code == 302
    run_tasks()
    (proposal,) = allocator.AllocationRun.objects.get().proposals.all()
    client.post(f"/hub/allocation/proposals/{proposal.pk}/accept/")
    start = ReablementStart.objects.get(case=case)
    assert start.status == "offered" and start.source == "allocator"
    portal = Client()
    portal.force_login(provider_staff(provider))
    portal.post(
        f"/provider/offers/{start.pk}/", {"answer": "decline", "reason": "Full"}
    )
    assert hub.task(case, "reablement_start") is None  # no step waits, yet:
    assert client.post("/hub/allocation/run/").status_code == 302
    run_tasks()
    (again,) = allocator.AllocationRun.objects.latest("pk").proposals.all()
    assert again.case == case  # planned again
    response = client.post(f"/hub/allocation/proposals/{again.pk}/accept/")
    assert response.status_code == 302
    start.refresh_from_db()
    assert start.status == "offered"
    assert [h.history_change_reason for h in start.history.order_by("history_id")][
        -1
    ] == f"offered to {provider}"
