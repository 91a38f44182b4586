"""Viewflow's own screens show only what the user may see: task lists and
their filters, menu badges, bulk confirmation pages, charts and the flow's
board; a concern seen through Viewflow's pages is logged like any other look."""

import re

import pytest
from django.db import connection
from django.utils import timezone
from viewflow.workflow.models import Task

from safeguarding.models import Concern, RiskTypeCode, ViewLog

pytestmark = pytest.mark.django_db

DESCRIPTION = "Grandson takes her pension every Friday"


@pytest.fixture
def north_case(hub, coordinator):
    """A Northfield case (Ada Testcase) waiting at its pathway step, with a
    safeguarding concern raised from it."""
    hub.as_user(coordinator)
    case = hub.start()
    hub.do(case, "triage", {"outcome": "accept", "priority": "high", "reason": "ok"})
    hub.do(
        case,
        "risk_screen",
        {
            "falls_last_year": 0,
            "skin_integrity": "intact",
            "continence": "continent",
            "carers_needed": 0,
            "safeguarding_indicator": "on",
            "safeguarding_notes": "Worried about money",
        },
    )
    response = hub.client.post(
        f"/safeguarding/raise/?case={case.pk}",
        {
            "description": DESCRIPTION,
            "risk_types": [RiskTypeCode.objects.get(code="financial").pk],
            "received_via": "hub",
            "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    return case


@pytest.fixture
def other_case(hub, other_coordinator):
    """A Southbrook case (Bob Southcase) with no concern."""
    hub.as_user(other_coordinator)
    return hub.start(
        nhs_number="999 000 0026",
        given_name="Bob",
        family_name="Southcase",
        postcode="SB1 2AB",
    )


@pytest.fixture
def south_ot(make_user, localities):
    return make_user("owen_south", "ot", [localities[1]])


def _tasks(case):
    return list(Task.objects.filter(process=case).values_list("pk", flat=True))


@pytest.mark.parametrize(
    "url", ["/discharge/queue/assign/", "/discharge/inbox/unassign/"]
)
@pytest.mark.parametrize("who", ["other_coordinator", "south_ot"])
def test_bulk_confirmation_lists_nothing_outside_the_users_scope(
    client, north_case, url, who, request
):
    client.force_login(request.getfixturevalue(who))
    for data in ({"select_all": "1"}, {"pk": _tasks(north_case)}, {}):
        page = client.post(url, data).content.decode()
        assert "Testcase" not in page and "999 000 0018" not in page, data


def test_bulk_confirmation_lists_the_users_own_queue(client, coordinator, north_case):
    client.force_login(coordinator)
    page = client.post("/discharge/queue/assign/", {"select_all": "1"})
    assert "Testcase" in page.content.decode()


@pytest.mark.parametrize(
    "url, title, back",
    [
        ("/discharge/queue/assign/", "Assign selected tasks", "/discharge/queue/"),
        ("/discharge/inbox/unassign/", "Unassign selected tasks", "/discharge/inbox/"),
    ],
)
def test_bulk_pages_say_what_they_do_and_lead_back(
    client, coordinator, north_case, url, title, back
):
    client.force_login(coordinator)
    page = client.post(url, {"select_all": "1"}).content.decode()
    assert f'<h1 class="vf-card__title">{title}</h1>' in page
    assert f'href="{back}"><i class="material-icons">arrow_back' in page


def test_section_42_bulk_pages_list_no_discharge_case(
    client, make_user, localities, north_case, other_case
):
    lead = make_user("lena_lead", "safeguarding_lead", [localities[0]])
    client.force_login(lead)
    for url in ("/section42/queue/assign/", "/section42/inbox/unassign/"):
        page = client.post(url, {"select_all": "1"}).content.decode()
        assert "Southcase" not in page, url


def test_queue_filter_offers_no_process_outside_the_users_scope(
    client, coordinator, other_coordinator, north_case, other_case
):
    """The hub's filters offer the flow's steps, and no list of processes to
    pick from at all (cases/taskfilters.py)."""
    client.force_login(other_coordinator)
    page = client.get("/discharge/queue/").content.decode()
    assert 'id="id_flow_task"' in page and 'name="process"' not in page
    assert other_case.reference in page
    assert f"Hospital discharge #{north_case.pk}" not in page
    assert north_case.reference not in page


def _badges(page: str) -> dict[str, int]:
    """The menu's counts: {'/discharge/queue/': 2, ...}."""
    found = re.findall(
        r'href="(/\w+/(?:inbox|queue)/)">.*?mdc-list-item__meta">(\d+)<', page, re.S
    )
    return {url: int(count) for url, count in found}


def test_menu_badges_count_only_tasks_in_scope(
    client, coordinator, other_coordinator, north_case
):
    page = "/discharge/archive/"
    client.force_login(other_coordinator)
    assert _badges(client.get(page).content.decode())["/discharge/queue/"] == 0
    client.force_login(coordinator)
    assert _badges(client.get(page).content.decode())["/discharge/queue/"] == 1


def test_a_menu_badge_stops_counting_past_its_cap(
    client, coordinator, north_case, monkeypatch
):
    """A queue longer than the badge counts says "99+" (here the cap is 0):
    the badge is on every page, and the queue's own page says how many."""
    client.force_login(coordinator)
    monkeypatch.setattr("cases.templatetags.hub.BADGE_CAP", 0)
    page = client.get("/discharge/archive/").content.decode()
    assert re.search(
        r'href="/discharge/queue/">.*?mdc-list-item__meta">0\+<', page, re.S
    )
    assert "1–1 of 1" in client.get("/discharge/queue/").content.decode()


def test_a_flows_open_tasks_are_asked_for_by_status_and_reference(
    coordinator, north_case
):
    """The scoped lists and badges ask for a flow's tasks by their node's
    reference ("hub/flows.DischargeFlow.triage"), which an index holds with
    the status: by the process's flow alone, a queue badge read every flow's
    open tasks (the manager's Section 42 queue: 810 at 100,000 cases)."""
    from hub.flows import DischargeFlow

    queue = Task.objects.filter(status="NEW")
    tasks = DischargeFlow.instance.task_scope(queue, coordinator)
    assert list(tasks.values_list("process", flat=True)) == [north_case.pk]
    sql = str(tasks.query)
    assert re.search(r'"flow_task"(::text)? LIKE hub/flows\.DischargeFlow\.%', sql)
    indexes = connection.introspection.get_constraints(
        connection.cursor(), "viewflow_task"
    )
    assert any(
        index["columns"] == ["status", "flow_task"] for index in indexes.values()
    )


def test_process_chart_only_for_a_process_in_scope(
    client, coordinator, other_coordinator, north_case
):
    concern = Concern.objects.get(case=north_case)
    client.force_login(other_coordinator)
    assert client.get(f"/discharge/{north_case.pk}/chart/").status_code == 404
    assert client.get(f"/section42/{concern.pk}/chart/").status_code == 403
    assert client.get("/discharge/chart/").status_code == 200  # the flow, no case
    client.force_login(coordinator)
    assert client.get(f"/discharge/{north_case.pk}/chart/").status_code == 200


def test_flow_board_and_lists_show_no_task_outside_the_users_scope(
    client, other_coordinator, north_case
):
    client.force_login(other_coordinator)
    for url in ("/discharge/", "/discharge/tasks/", "/discharge/flows/"):
        page = client.get(url).content.decode()
        assert f"#{north_case.pk}/" not in page, url  # a task: #case/task
        assert f"/discharge/{north_case.pk}/" not in page, url


def test_viewflow_task_pages_of_a_concern_log_the_look(
    client, make_user, localities, north_case
):
    lead = make_user("lena_lead", "safeguarding_lead", [localities[0]])
    concern = Concern.objects.get(case=north_case)
    client.force_login(lead)
    for task in Task.objects.filter(process=concern):
        url = task.flow_task.reverse("detail", args=[concern.pk, task.pk])
        logged = ViewLog.objects.filter(concern=concern, user=lead).count()
        page = client.get(url, follow=True).content.decode()
        assert DESCRIPTION in page, url
        assert ViewLog.objects.filter(concern=concern, user=lead).count() > logged


def test_viewflow_list_of_concerns_is_the_logged_dashboard(
    client, make_user, localities, north_case
):
    lead = make_user("lena_lead", "safeguarding_lead", [localities[0]])
    client.force_login(lead)
    response = client.get("/section42/flows/")
    assert response.status_code == 302
    assert response["Location"] == "/safeguarding/dashboard/"


def test_viewflow_task_pages_of_a_concern_are_refused_to_case_staff(
    client, coordinator, north_case
):
    concern = Concern.objects.get(case=north_case)
    client.force_login(coordinator)
    for task in Task.objects.filter(process=concern):
        url = task.flow_task.reverse("detail", args=[concern.pk, task.pk])
        assert client.get(url).status_code == 403, url
