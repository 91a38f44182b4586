"""The allocator in the hub: a run proposes, coordinators accept, capacity is booked."""

import json
import threading

import pytest
from django.db import connection
from django.utils import timezone

from pathways import allocator
from pathways.models import AllocationProposal, ReablementStart
from pathways.selectors import booked

pytestmark = pytest.mark.django_db
BANDS = {"lunch_carers": 1, "tea_carers": 1, "bed_carers": 1}


def waiting_case(hub, coordinator, morning=90, priority="high", **start):
    """A pathway-1 case whose reablement-start step waits."""
    hub.as_user(coordinator)
    case = hub.to_reablement_start(priority=priority, morning_minutes=morning, **start)
    return case


def test_problem_built_from_the_database(hub, coordinator, provider):
    case = waiting_case(hub, coordinator, priority="urgent")
    problem = allocator.problem_build()
    assert problem["horizon"] == {"start": timezone.localdate().isoformat(), "days": 14}
    (entry,) = problem["cases"]
    drd_days = (timezone.localdate() - case.referral.discharge_ready_date).days
    assert entry == {
        "id": str(case.pk),
        "locality": "northfield",
        "weight": 60 + 10 * drd_days,  # urgent + 10 a day already waited
        "earliest_start": timezone.localdate().isoformat(),
        "length_days": 42,
        "skills": [],
        "visits": [{"band": "morning", "minutes": 90, "carers": 1}],
    }
    (prov,) = problem["providers"]
    assert prov["capacity"]["morning"] == [120] * 14


def test_run_proposes_and_accepting_completes_the_step_and_books(
    client, hub, coordinator, provider, run_tasks
):
    first = waiting_case(hub, coordinator, priority="urgent")
    second = waiting_case(hub, coordinator, nhs_number="999 000 0026")
    hub.as_user(coordinator)
    assert client.post("/hub/allocation/run/").status_code == 302
    run_tasks()
    run = allocator.AllocationRun.objects.get()
    assert run.score == run.bound and run.status == "optimal"
    # 120 free morning minutes: only one of two 90-minute calls fits; urgent wins.
    (proposal,) = run.proposals.all()
    assert proposal.case == first
    page = client.get(f"/hub/allocation/{run.pk}/").content.decode()
    assert second.reference in page and "capacity runs out" in page

    assert (
        client.post(f"/hub/allocation/proposals/{proposal.pk}/accept/").status_code
        == 302
    )
    start = ReablementStart.objects.get(case=first)
    assert start.source == "allocator" and start.agreed_by == coordinator
    assert hub.task(first, "reablement_start") is None  # the step is complete
    assert hub.task(first, "support_plan") is not None
    day = proposal.start_date
    assert booked([provider], [day])[(provider.pk, day, "morning")] == 90
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.decided_by == coordinator
    # The capacity view shows the booking.
    assert "<b>30</b> / 120" in client.get("/hub/capacity/").content.decode()


def test_overtaken_proposal_is_refused_and_nothing_changes(
    client, hub, coordinator, provider
):
    case = waiting_case(hub, coordinator)
    other = waiting_case(hub, coordinator, nhs_number="999 000 0026")
    run = allocator.allocation_run(actor=coordinator, time_limit_s=2)
    proposal = run.proposals.get()
    # Someone books the capacity by hand first.
    taken = other if proposal.case == case else case
    hub.do(
        taken,
        "reablement_start",
        {
            "provider": provider.pk,
            "start_date": proposal.start_date.isoformat(),
            "length_days": 42,
            "morning_minutes": 90,
            "morning_carers": 1,
            **BANDS,
        },
    )
    hub.as_user(coordinator)
    response = client.post(
        f"/hub/allocation/proposals/{proposal.pk}/accept/", follow=True
    )
    assert "not accepted, nothing changed" in response.content.decode()
    assert "has not enough capacity" in response.content.decode()
    assert not ReablementStart.objects.filter(case=proposal.case).exists()
    assert hub.task(proposal.case, "reablement_start").owner_id is None
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_reject_needs_a_reason_and_is_recorded(client, hub, coordinator, provider):
    waiting_case(hub, coordinator)
    run = allocator.allocation_run(actor=coordinator, time_limit_s=2)
    proposal = run.proposals.get()
    hub.as_user(coordinator)
    url = f"/hub/allocation/proposals/{proposal.pk}/reject/"
    assert client.post(url, {"reason": ""}).status_code == 422
    client.post(url, {"reason": "Family prefer the afternoon provider"})
    proposal.refresh_from_db()
    assert proposal.status == "rejected" and proposal.history.first().history_user == (
        coordinator
    )


def test_other_localities_proposals_are_out_of_reach(
    client, hub, coordinator, other_coordinator, provider
):
    waiting_case(hub, coordinator)
    run = allocator.allocation_run(actor=coordinator, time_limit_s=2)
    proposal = run.proposals.get()
    client.force_login(other_coordinator)
    assert (
        proposal.case.reference not in client.get("/hub/allocation/").content.decode()
    )
    assert (
        client.post(f"/hub/allocation/proposals/{proposal.pk}/accept/").status_code
        == 404
    )


def test_download_and_what_if_upload(client, hub, coordinator, provider, run_tasks):
    waiting_case(hub, coordinator)
    hub.as_user(coordinator)
    problem = json.loads(client.get("/hub/allocation/problem.json").content)
    problem["providers"][0]["capacity"]["morning"] = [0] * 14
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("p.json", json.dumps(problem).encode())
    response = client.post("/hub/allocation/what-if/", {"problem": upload})
    assert response.status_code == 302
    run_tasks()
    response = client.get(response["Location"], follow=True)
    response = client.get(response.context["run"].result["url"])
    assert response.context["run"].result["assignments"] == []
    assert not AllocationProposal.objects.exists()  # what-if books nothing
    problem["cases"][0]["visits"][0]["band"] = "night"
    upload = SimpleUploadedFile("p.json", json.dumps(problem).encode())
    response = client.post("/hub/allocation/what-if/", {"problem": upload})
    assert response.status_code == 400
    assert (
        "cases[0].visits[0].band: 'night' is not in bands" in response.context["errors"]
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks (select_for_update is a no-op)",
)
def test_two_coordinators_accepting_at_once_never_overbook(
    hub, coordinator, make_user, localities, provider
):
    second = make_user("cara_north", "coordinator", [localities[0]])
    a = waiting_case(hub, coordinator)
    b = waiting_case(hub, coordinator, nhs_number="999 000 0026")
    run = allocator.allocation_run(actor=coordinator, time_limit_s=2)
    day = run.proposals.get().start_date
    # Two stale proposals for the same 120 minutes: each fits alone, not both.
    proposals = [
        AllocationProposal.objects.create(
            run=run, case=case, provider=provider, start_date=day
        )
        for case in (a, b)
    ]
    run.proposals.exclude(pk__in=[p.pk for p in proposals]).delete()
    barrier, outcomes = threading.Barrier(2), []

    def accept(proposal, user):
        from django.db import connections

        try:
            barrier.wait()
            allocator.proposal_accept(proposal=proposal, actor=user)
            outcomes.append("accepted")
        except Exception as error:
            outcomes.append(str(error))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=accept, args=(p, u))
        for p, u in zip(proposals, (coordinator, second), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("accepted") == 1, outcomes
    assert ReablementStart.objects.count() == 1
    assert booked([provider], [day])[(provider.pk, day, "morning")] == 90


def test_unplaced_reasons_read_in_names_and_uk_dates():
    from pathways.allocation_views import _in_words

    assert _in_words(
        "capacity runs out: north-reablement, morning band, from 2026-12-03",
        {"north-reablement": "North Reablement", "north": "X"},
    ) == ("capacity runs out: North Reablement, morning band, from 03/12/2026")


def test_allocation_page_names_providers_in_unplaced_reasons(
    client, hub, coordinator, provider, run_tasks
):
    hub.as_user(coordinator).to_reablement_start(morning_minutes=120, carers=2)
    client.post("/hub/allocation/run/")
    run_tasks()
    page = client.get("/hub/allocation/").context
    ((case, reason),) = page["unplaced"]
    assert "North Reablement" in reason and "north-reablement" not in reason
