"""A lost race for a task is a clear 409 page, never a 500 (issue 7)."""

import threading
from unittest import mock

import pytest
from django.db import connection, connections
from django.test import Client

from cases.locking import BUSY, TAKEN, ProcessBusy, RowLock

pytestmark = pytest.mark.django_db


def take(client, case, task):
    return client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))


def test_a_busy_lock_is_a_409_page_that_says_so(client, hub, coordinator):
    case = hub.as_user(coordinator).start()
    task = hub.task(case, "triage")
    with mock.patch.object(RowLock, "_acquire", side_effect=ProcessBusy()):
        response = take(client, case, task)
    assert response.status_code == 409
    assert BUSY in response.content.decode()
    task.refresh_from_db()
    assert task.owner_id is None


def test_taking_a_task_someone_took_a_moment_ago_says_so(
    client, hub, coordinator, make_user, localities
):
    late = make_user("cara_north", "coordinator", [localities[0]])
    case = hub.as_user(coordinator).start()
    task = hub.task(case, "triage")
    assert take(client, case, task).status_code == 302
    client.force_login(late)
    for action in ("assign", "execute"):
        url = task.flow_task.reverse(action, args=[case.pk, task.pk])
        response = client.post(url)
        assert response.status_code == 409, action
        assert TAKEN in response.content.decode()
        assert f'href="/hub/cases/{case.pk}/"' in response.content.decode()
    task.refresh_from_db()
    assert task.owner == coordinator


def test_taking_a_task_twice_a_double_click_opens_it_not_a_refusal(
    client, hub, coordinator
):
    """The second click's request finds the task already the user's own."""
    case = hub.as_user(coordinator).start()
    task = hub.task(case, "triage")
    first, second = take(client, case, task), take(client, case, task)
    assert first.status_code == 302
    assert second.status_code == 302
    assert second["Location"] == task.flow_task.reverse(
        "index", args=[case.pk, task.pk]
    )
    assert client.get(second["Location"], follow=True).status_code == 200
    task.refresh_from_db()
    assert task.owner == coordinator and task.status == "ASSIGNED"


def test_a_user_who_cannot_see_the_case_still_gets_a_plain_refusal(
    client, hub, coordinator, other_coordinator
):
    case = hub.as_user(coordinator).start()
    task = hub.task(case, "triage")
    take(client, case, task)
    client.force_login(other_coordinator)
    response = take(client, case, task)
    assert response.status_code in (403, 404)
    assert TAKEN not in response.content.decode()


def test_a_safeguarding_task_taken_meanwhile_says_so(
    client, hub, coordinator, make_user, localities
):
    from safeguarding.driver import open_task
    from safeguarding.services import concern_raise

    first = make_user("lena_lead", "safeguarding_lead", [localities[0]])
    second = make_user("leo_lead", "safeguarding_lead", [localities[0]])
    case = hub.as_user(coordinator).start()
    concern = concern_raise(
        actor=coordinator,
        person=case.person,
        case=case,
        raised_from="case",
        risk_types=["physical"],
        description="Unexplained bruising",
        received_via="phone",
    )
    task = open_task(concern, "screening")
    client.force_login(first)
    assert take(client, concern, task).status_code == 302
    client.force_login(second)
    response = take(client, concern, task)
    assert response.status_code == 409
    assert TAKEN in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks (select_for_update is a no-op)",
)
def test_many_coordinators_taking_one_task_at_once_one_wins_the_rest_are_told(
    hub, coordinator, make_user, localities
):
    users = [coordinator] + [
        make_user(f"co{n}_north", "coordinator", [localities[0]]) for n in range(11)
    ]
    case = hub.as_user(coordinator).start()
    task = hub.task(case, "triage")
    barrier, answers = threading.Barrier(len(users)), {}

    def attempt(user):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        try:
            barrier.wait()
            response = take(client, case, task)
            answers[user.username] = (response.status_code, response.content.decode())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(status for status, _ in answers.values())
    assert len(answers) == len(users)
    assert statuses.count(302) == 1, statuses
    assert statuses.count(409) == len(users) - 1, statuses  # no 403, no 500
    told = [body for status, body in answers.values() if status == 409]
    assert all(BUSY in body or TAKEN in body for body in told)
    task.refresh_from_db()
    winner = next(name for name, (status, _) in answers.items() if status == 302)
    assert task.owner.username == winner and task.status == "ASSIGNED"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks (select_for_update is a no-op)",
)
def test_accepting_one_proposal_many_times_at_once_books_once_and_never_500s(
    hub, coordinator, make_user, localities, provider
):
    from django.contrib.messages import get_messages

    from pathways import allocator
    from pathways.models import ReablementStart

    others = [
        make_user(f"co{n}_north", "coordinator", [localities[0]]) for n in range(3)
    ]
    hub.as_user(coordinator).to_reablement_start(morning_minutes=30)
    proposal = allocator.allocation_run(
        actor=coordinator, time_limit_s=2
    ).proposals.get()
    users = [coordinator, coordinator, *others, *others]  # double clicks too
    barrier, answers = threading.Barrier(len(users)), []

    def accept(user):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        try:
            barrier.wait()
            response = client.post(f"/hub/allocation/proposals/{proposal.pk}/accept/")
            told = [str(m) for m in get_messages(response.wsgi_request)]
            answers.append((response.status_code, " ".join(told)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [status for status, _ in answers] == [302] * len(users), answers
    accepted = [text for _, text in answers if "start agreed" in text]
    assert len(accepted) == 1, answers
    refused = [text for _, text in answers if "start agreed" not in text]
    assert all(
        "nothing changed" in text or "someone else is working" in text
        for text in refused
    ), refused
    assert ReablementStart.objects.count() == 1
