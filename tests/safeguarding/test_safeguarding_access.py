"""Who may see what: leads and managers see concerns; everyone else who can
see the case sees only that a concern exists and its stage."""

import pytest
from sg_kit import Lead, raise_for_case

from safeguarding.driver import open_task

pytestmark = pytest.mark.django_db

DESCRIPTION = "Daughter takes his pension"


@pytest.fixture
def concern(client, case):
    return raise_for_case(client, case)


@pytest.fixture
def users(lead, manager, coordinator, other_coordinator, ot, make_user, localities):
    return {
        "lead": lead,
        "manager": manager,
        "raiser": coordinator,
        "other_coordinator": other_coordinator,
        "same_locality_coordinator": make_user(
            "nina_north", "coordinator", [localities[0]]
        ),
        "ot": ot,
    }


DETAIL_PAGES = ["", "timeline/", "timeline.pdf"]
SEES_DETAILS = {"lead", "manager"}


@pytest.mark.parametrize(
    "who",
    [
        "lead",
        "manager",
        "raiser",
        "other_coordinator",
        "same_locality_coordinator",
        "ot",
    ],
)
def test_access_matrix_for_the_concern_pages(client, concern, users, who):
    client.force_login(users[who])
    expected = 200 if who in SEES_DETAILS else 403
    for suffix in DETAIL_PAGES:
        response = client.get(f"/safeguarding/concerns/{concern.pk}/{suffix}")
        assert response.status_code == expected, (who, suffix)
    for url in ("/safeguarding/dashboard/", "/safeguarding/return/"):
        assert client.get(url).status_code == expected, (who, url)
    for url in ("/section42/queue/", f"/section42/{concern.pk}/"):
        assert client.get(url).status_code in (
            (200, 302) if who in SEES_DETAILS else (403,)
        ), (who, url)
    note = client.post(f"/safeguarding/concerns/{concern.pk}/notes/", {"text": "x"})
    assert note.status_code == (302 if who in SEES_DETAILS else 403)
    close = client.post(f"/safeguarding/concerns/{concern.pk}/close/", {"reason": "x"})
    assert close.status_code == (302 if who in SEES_DETAILS else 403)


@pytest.mark.parametrize(
    "who",
    ["raiser", "other_coordinator", "same_locality_coordinator", "ot"],
)
def test_only_leads_may_take_or_do_section_42_tasks(client, concern, users, who):
    task = open_task(concern, "screening")
    client.force_login(users[who])
    assign = task.flow_task.reverse("assign", args=[concern.pk, task.pk])
    execute = task.flow_task.reverse("execute", args=[concern.pk, task.pk])
    assert client.post(assign).status_code == 403
    assert client.get(execute).status_code == 403
    task.refresh_from_db()
    assert task.owner is None


def test_manager_may_reassign_but_a_lead_may_not(client, concern, users):
    task = open_task(concern, "screening")
    url = f"/safeguarding/concerns/{concern.pk}/tasks/{task.pk}/reassign/"
    client.force_login(users["lead"])
    assert client.get(url).status_code == 403
    client.force_login(users["raiser"])
    assert client.get(url).status_code == 403
    client.force_login(users["manager"])
    assert client.post(url, {"lead": users["lead"].pk}).status_code == 302


def test_case_page_shows_the_raiser_the_stage_and_nothing_else(
    client, case, concern, users
):
    client.force_login(users["raiser"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert concern.reference in page and "Screening" in page
    assert DESCRIPTION not in page
    assert f"/safeguarding/concerns/{concern.pk}/" not in page
    mine = client.get("/safeguarding/").content.decode()  # the raiser's index
    assert concern.reference in mine and DESCRIPTION not in mine


@pytest.mark.parametrize("who", ["same_locality_coordinator", "ot"])
def test_case_page_shows_other_staff_the_stage_and_nothing_else(
    client, case, concern, users, who
):
    client.force_login(users[who])
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "An open safeguarding concern exists" in page and "Screening" in page
    assert DESCRIPTION not in page
    assert f"/safeguarding/concerns/{concern.pk}/" not in page
    assert "The risk screen flagged a safeguarding concern" not in page
    assert "Raise a safeguarding concern" in page  # anyone may raise one


def test_manager_sees_the_concern_linked_from_the_case_page(
    client, case, concern, users
):
    client.force_login(users["manager"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert f"/safeguarding/concerns/{concern.pk}/" in page


def test_other_coordinator_cannot_raise_from_a_case_outside_their_localities(
    client, case, users
):
    client.force_login(users["other_coordinator"])
    response = client.get(f"/safeguarding/raise/?case={case.pk}")
    assert response.status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, concern):
    client.logout()
    response = client.get(f"/safeguarding/concerns/{concern.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_lead_can_work_the_queue_from_the_dashboard(client, concern, users):
    Lead(client, users["lead"])
    page = client.get("/safeguarding/dashboard/").content.decode()
    assert concern.reference in page and "Ada Testcase" in page
