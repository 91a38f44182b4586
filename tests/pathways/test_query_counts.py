"""Today's problem, the capacity grid, the allocation page and a run take the
same number of queries however many cases wait (issue 8: no query per case)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.validators import nhs_check_digit
from pathways import allocator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_session")]
PAGES = ["/hub/allocation/problem.json", "/hub/capacity/", "/hub/allocation/"]


def nhs_number(i: int) -> str:
    first_nine = f"999{i:06d}"
    while nhs_check_digit(first_nine) is None:
        i += 1
        first_nine = f"999{i:06d}"
    return first_nine + str(nhs_check_digit(first_nine))


def add_waiting(hub, coordinator, start: int, count: int) -> None:
    hub.as_user(coordinator)
    for i in range(start, start + count):
        hub.to_reablement_start(
            nhs_number=nhs_number(100 + i), morning_minutes=(90, 60, 30)[i % 3]
        )


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def measure(client, coordinator) -> dict:
    # A request's user is read afresh, without the localities the last one kept.
    vars(coordinator).pop("_hub_locality_ids", None)
    with CaptureQueriesContext(connection) as captured:
        allocator.allocation_run(actor=coordinator, time_limit_s=1)
    return {"run": len(captured)} | {url: queries(client, url) for url in PAGES}


def test_pages_and_runs_take_as_many_queries_for_many_cases_as_for_few(
    client, hub, coordinator, provider
):
    add_waiting(hub, coordinator, 0, 2)  # 90 + 60 of 120 minutes: one unplaced
    few = measure(client, coordinator)
    add_waiting(hub, coordinator, 2, 3)
    many = measure(client, coordinator)
    run = allocator.AllocationRun.objects.first()
    assert len(run.problem["cases"]) == 5
    assert run.result["assignments"] and run.result["unassigned"]  # both shown
    assert many == few


def test_booked_reads_only_starts_overlapping_the_days(
    client, hub, coordinator, provider
):
    import datetime

    from django.utils import timezone

    from pathways.models import ReablementStart
    from pathways.selectors import booked

    add_waiting(hub, coordinator, 0, 1)
    run = allocator.allocation_run(actor=coordinator, time_limit_s=1)
    allocator.proposal_accept(proposal=run.proposals.get(), actor=coordinator)
    today = timezone.localdate()
    key = (provider.pk, today, "morning")
    for began, counted in [(41, True), (42, False), (-13, True), (-14, False)]:
        ReablementStart.objects.update(
            start_date=today - datetime.timedelta(days=began), length_days=42
        )
        days = [today + datetime.timedelta(days=i) for i in range(14)]
        load = booked([provider], days)
        assert (sum(load.values()) > 0) is counted, began
        if began == 41:  # its last day is today, and only today
            assert load == {key: 90}


def test_booked_sums_each_start_on_each_of_its_days(hub, coordinator, provider):
    """Starts of different lengths, bands and carers, overlapping the days
    asked for at either end or inside them, on days asked in any order and
    with gaps: each day holds the sum of the starts running on it."""
    import datetime

    from pathways.models import ReablementStart
    from pathways.selectors import booked

    hub.as_user(coordinator)
    today = datetime.date(2026, 3, 2)
    starts = [  # (first day's offset from today, length, visits)
        (-5, 7, [{"band": "morning", "minutes": 30, "carers": 2}]),
        (3, 42, [{"band": "morning", "minutes": 45, "carers": 1}]),
        (
            0,
            1,
            [
                {"band": "lunch", "minutes": 20, "carers": 1},
                {"band": "lunch", "minutes": 15, "carers": 1},
                {"band": "bedtime", "minutes": 30, "carers": 2},
            ],
        ),
        (9, 3, [{"band": "tea", "minutes": 25, "carers": 1}]),
        (20, 5, [{"band": "morning", "minutes": 60, "carers": 1}]),  # after them
    ]
    for i, (offset, length, visits) in enumerate(starts):
        ReablementStart.objects.create(
            case=hub.start(nhs_number=nhs_number(300 + i)),
            provider=provider,
            start_date=today + datetime.timedelta(days=offset),
            length_days=length,
            visits=visits,
            status=ReablementStart.Status.OFFERED if i % 2 else "agreed",
            agreed_by=coordinator,
        )

    def by_hand(days):
        load = {}
        for start in ReablementStart.objects.all():
            for day in days:
                if start.start_date <= day <= start.end_date:
                    for band, minutes in start.band_minutes().items():
                        key = (provider.pk, day, band)
                        load[key] = load.get(key, 0) + minutes
        return load

    fortnight = [today + datetime.timedelta(days=i) for i in range(14)]
    some = [fortnight[9], fortnight[0], fortnight[3], fortnight[11], fortnight[1]]
    for days in (fortnight, some, fortnight[:1], fortnight[-1:]):
        assert booked([provider], days) == by_hand(days), days
    assert booked([provider], fortnight)[(provider.pk, today, "morning")] == 60
    assert booked([provider], fortnight)[(provider.pk, fortnight[3], "morning")] == 45
