"""The open concerns page sorts, counts and pages by each concern's stored next
due date: stored as every stage, pause and closure is recorded, and giving
the same status, counts and order as the clocks worked out in full."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from sg_kit import concern_for
from test_safeguarding_return import D, aware, known_set, people, screen  # noqa: F401
from test_safeguarding_worklists import _person

from safeguarding import services
from safeguarding.dashboard import concern_dashboard, concern_rows
from safeguarding.models import Concern
from safeguarding.selectors import concern_next_due, concern_queryset, concern_status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_session")]


def _stored_and_worked_out(today: datetime.date) -> list[tuple]:
    return [
        (concern.pk, concern.next_due_on, concern_next_due(concern, today))
        for concern in concern_queryset().order_by("pk")
    ]


def _assert_stored_is_worked_out():
    for pk, stored, worked_out in _stored_and_worked_out(timezone.localdate()):
        assert stored == worked_out, f"concern {pk}"


def _status_label(concern, day) -> str:
    status = concern_status(concern, day)
    return status.label if status else ""


def _page_order(status) -> tuple:
    """The order the page had when it sorted the worked-out clocks: earliest
    due (most overdue) first, stopped clocks and nothing due last."""
    due = status.due if status and status.due else datetime.date.max
    return (due == datetime.date.max, due)


def test_the_stored_due_date_follows_every_stage_pause_and_early_closure(
    known_set,  # noqa: F811 - the fixtures imported above
    people,  # noqa: F811
    lead,
    manager,
):
    ada, bert, _ = known_set
    _assert_stored_is_worked_out()
    dot_later = Concern.objects.get(person=people[3], received_at=aware(D(2026, 5, 8)))
    dot_earlier = Concern.objects.get(
        person=people[3], received_at=aware(D(2026, 4, 28))
    )
    screen(dot_later, lead, D(2026, 5, 11))  # the decision is still open
    _assert_stored_is_worked_out()
    services.clock_pause(
        concern=ada, actor=lead, paused_on=D(2026, 5, 21), reason="Police"
    )
    services.clock_pause(
        concern=bert, actor=lead, paused_on=D(2026, 5, 22), reason="Police"
    )
    _assert_stored_is_worked_out()
    services.clock_resume(concern=bert, actor=lead, resumed_on=D(2026, 6, 3))
    _assert_stored_is_worked_out()
    services.concern_close_early(concern=dot_earlier, actor=manager, reason="Error")
    _assert_stored_is_worked_out()
    assert Concern.objects.get(pk=dot_earlier.pk).next_due_on is None

    # Every day over two months: the counts, the status filter and the order
    # are those of the clocks worked out in full.
    open_concerns = list(concern_queryset().filter(status="NEW"))
    day = D(2026, 5, 1)
    while day <= D(2026, 7, 1):
        labels = {c.pk: _status_label(c, day) for c in open_concerns}
        board = concern_dashboard(user=manager, params={}, today=day)
        counts = {key: n for key, _, n in board["counts"]}
        assert counts == {key: list(labels.values()).count(key) for key in counts}, day
        assert board["total"] == len(open_concerns)
        for key in counts:
            chosen = concern_dashboard(user=manager, params={"status": key}, today=day)
            assert {c.pk for c in chosen["concerns"]} == {
                pk for pk, label in labels.items() if label == key
            }, (day, key)
        rows = concern_rows(board["concerns"], day)
        assert [_page_order(row.status) for row in rows] == sorted(
            _page_order(row.status) for row in rows
        ), day
        day += datetime.timedelta(days=1)


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found]


def _references(page: str) -> list[str]:
    return [re.search(r"SG-\d+", row).group() for row in _rows(page)]


def _raise(coordinator, localities, numbers):
    """Concerns received a day apart, the newest first: their screenings are
    due on different days."""
    now = timezone.now()
    for n in numbers:
        concern_for(
            _person(n, f"Due{n:02d}", localities[n % 2]),
            actor=coordinator,
            received_at=now - datetime.timedelta(days=n),
        )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_open_concerns_page_is_sorted_by_the_stored_due_date_and_paged(
    client, coordinator, manager, localities
):
    _raise(coordinator, localities, range(30))
    client.force_login(manager)
    first = client.get("/safeguarding/dashboard/").content.decode()
    assert "1–25 of 30 concerns" in first
    by_due = Concern.objects.order_by("next_due_on", "received_at", "pk")
    expected = [concern.reference for concern in by_due]
    second = client.get("/safeguarding/dashboard/?page=2").content.decode()
    assert _references(first) + _references(second) == expected
    # The order is the stored one: a concern whose stored date is the latest
    # moves to the end of the list.
    oldest = by_due.first()
    Concern.objects.filter(pk=oldest.pk).update(next_due_on=D(2099, 1, 1))
    first = client.get("/safeguarding/dashboard/").content.decode()
    second = client.get("/safeguarding/dashboard/?page=2").content.decode()
    assert _references(first)[0] == expected[1]
    assert _references(second)[-1] == oldest.reference
    latest = client.get("/safeguarding/dashboard/?sort=-due").content.decode()
    assert _references(latest)[0] == oldest.reference


def test_the_open_concerns_page_costs_the_same_queries_at_30_and_60_concerns(
    client, coordinator, manager, localities
):
    _raise(coordinator, localities, range(30))
    client.force_login(manager)
    urls = ["/safeguarding/dashboard/", "/safeguarding/dashboard/?page=2"]
    urls.append("/safeguarding/dashboard/?status=overdue&sort=-due")
    for url in urls:
        _queries(client, url)
    before = [_queries(client, url) for url in urls]
    _raise(coordinator, localities, range(30, 60))
    assert [_queries(client, url) for url in urls] == before
