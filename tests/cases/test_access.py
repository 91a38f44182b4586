"""Coordinators see only their localities; OTs their reviews; anonymous → login."""

import pytest
from viewflow.workflow.models import Task

from hub.flows import DischargeFlow

pytestmark = pytest.mark.django_db


@pytest.fixture
def north_case(hub, coordinator):
    """A Northfield case at the OT review, with a support plan's worth of history."""
    hub.as_user(coordinator)
    case = hub.start()
    hub.do(case, "triage", {"outcome": "accept", "priority": "high", "reason": "ok"})
    hub.do(
        case,
        "risk_screen",
        {
            "falls_last_year": 3,
            "skin_integrity": "intact",
            "continence": "continent",
            "carers_needed": 1,
        },
    )
    hub.client.logout()
    return case


def test_anonymous_users_are_sent_to_login(client, north_case):
    for url in [
        "/hub/",
        f"/hub/cases/{north_case.pk}/",
        "/discharge/queue/",
        f"/discharge/{north_case.pk}/",
        "/hub/capacity/",
    ]:
        response = client.get(url)
        assert (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        )


def test_coordinator_of_another_locality_gets_nothing(
    client, other_coordinator, north_case
):
    client.force_login(other_coordinator)
    case = north_case
    assert client.get(f"/hub/cases/{case.pk}/").status_code == 404
    assert client.get(f"/hub/cases/{case.pk}/timeline/").status_code == 404
    assert client.get(f"/hub/cases/{case.pk}/timeline.pdf").status_code == 404
    assert client.get(f"/hub/cases/{case.pk}/support-plan.pdf").status_code == 404
    assert (
        client.post(
            f"/hub/cases/{case.pk}/contacts/",
            {
                "kind": "phone",
                "with_whom": "x",
                "summary": "y",
                "occurred_at": "2026-01-01T10:00",
            },
        ).status_code
        == 404
    )
    assert client.get(f"/discharge/{case.pk}/").status_code == 403
    for url in [
        "/hub/cases/?status=all",
        "/hub/search/?q=Testcase",
        "/hub/search/?q=9990000",
        "/hub/",
        "/discharge/flows/",
        "/discharge/tasks/",
        "/discharge/queue/",
    ]:
        page = client.get(url).content.decode()
        assert case.reference not in page and "999 000 0018" not in page, url
    task = Task.objects.get(process=case, flow_task=DischargeFlow.ot_review)
    assert (
        client.post(
            task.flow_task.reverse("assign", args=[case.pk, task.pk])
        ).status_code
        == 403
    )
    task.owner = other_coordinator
    task.status = "ASSIGNED"
    task.save()
    assert (
        client.get(
            task.flow_task.reverse("execute", args=[case.pk, task.pk])
        ).status_code
        == 403
    )


def test_coordinator_sees_own_locality(client, coordinator, north_case):
    client.force_login(coordinator)
    assert client.get(f"/hub/cases/{north_case.pk}/").status_code == 200
    assert "Testcase" in client.get("/hub/search/?q=999 000 0018").content.decode()
    assert "Testcase" in client.get("/discharge/flows/").content.decode()


def test_ot_sees_the_flagged_review_and_coordinators_cannot_do_it(
    client, ot, coordinator, north_case
):
    client.force_login(ot)
    queue = client.get("/discharge/queue/").content.decode()
    assert "OT review" in queue or "Ot Review" in queue
    task = Task.objects.get(process=north_case, flow_task=DischargeFlow.ot_review)
    client.force_login(coordinator)
    assert (
        client.post(
            task.flow_task.reverse("assign", args=[north_case.pk, task.pk])
        ).status_code
        == 403
    )
    client.force_login(ot)
    assert (
        client.post(
            task.flow_task.reverse("assign", args=[north_case.pk, task.pk])
        ).status_code
        == 302
    )


def test_ot_outside_the_locality_sees_a_case_once_it_is_theirs(
    client, make_user, localities, north_case
):
    from cases.services import case_reassign

    south_ot = make_user("owen_south", "ot", [localities[1]])
    client.force_login(south_ot)
    assert client.get(f"/hub/cases/{north_case.pk}/").status_code == 404
    case_reassign(case=north_case, actor=None, ot=south_ot)
    assert client.get(f"/hub/cases/{north_case.pk}/").status_code == 200


def test_manager_sees_every_locality_and_can_reassign(
    client, manager, coordinator, north_case
):
    client.force_login(manager)
    assert client.get(f"/hub/cases/{north_case.pk}/").status_code == 200
    response = client.post(
        f"/hub/cases/{north_case.pk}/reassign/", {"coordinator": coordinator.pk}
    )
    assert response.status_code == 302
    north_case.refresh_from_db()
    assert north_case.coordinator == coordinator
    assert north_case.history.first().history_user == manager
    client.force_login(coordinator)
    assert client.get(f"/hub/cases/{north_case.pk}/reassign/").status_code == 403


def test_taking_a_task_from_the_case_page_opens_it(hub, client, coordinator):
    case = hub.as_user(coordinator).start()
    page = client.get(f"/hub/cases/{case.pk}/")
    (task, (label, url)) = next((t, a) for t, a in page.context["tasks"] if a)
    assert label == "Take"
    response = client.post(url)
    assert response["Location"] == task.flow_task.reverse(
        "execute", args=[case.pk, task.pk]
    )


def test_manager_reassigns_a_task_to_someone_who_may_do_it(
    client, hub, coordinator, manager, make_user, localities, other_coordinator
):
    colleague = make_user("cara_north", "coordinator", [localities[0]])
    case = hub.as_user(coordinator).start()
    task = hub.task(case, "triage")
    client.force_login(coordinator)
    url = f"/hub/cases/{case.pk}/tasks/{task.pk}/reassign/"
    assert client.post(url, {"to_user": colleague.pk}).status_code == 403
    client.force_login(manager)
    client.post(url, {"to_user": other_coordinator.pk})  # wrong locality: refused
    task.refresh_from_db()
    assert task.owner_id is None
    client.post(url, {"to_user": colleague.pk})
    task.refresh_from_db()
    assert task.owner == colleague and task.status == "ASSIGNED"
    last = task.history.first()
    assert last.history_user == manager and last.owner_id == colleague.pk


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("coordinator", "/hub/"),
        ("safeguarding_lead", "/safeguarding/"),
        ("admin", "/admin/"),
    ],
)
def test_each_role_lands_on_a_page_it_may_see(
    client, make_user, localities, role, landing
):
    user = make_user("lena_landing", role, [localities[0]])
    user.is_staff = role == "admin"
    user.save()
    client.force_login(user)
    response = client.get("/", follow=True)
    assert response.redirect_chain[0][0] == landing
    assert response.status_code == 200


def test_a_user_without_a_role_is_told_so(client, db):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("nobody", password="pw"))
    response = client.get("/")
    assert (
        response.status_code == 403
        and "no role in the hub" in response.content.decode()
    )


def test_my_day_lists_my_tasks_with_a_link_to_each(client, hub, coordinator):
    case = hub.as_user(coordinator).start()
    task = hub.task(case, "triage")
    client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    page = client.get("/hub/").content.decode()
    assert task.flow_task.reverse("execute", args=[case.pk, task.pk]) in page
    assert case.reference in page and "Ada Testcase" in page
