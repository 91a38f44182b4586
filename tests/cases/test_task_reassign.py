"""A manager hands a task to someone else through Viewflow's activation;
odd input is a message, never a 500."""

from unittest import mock

import pytest
from viewflow.workflow.nodes.view import ViewActivation

pytestmark = pytest.mark.django_db

# Blank, spaces, words, a superscript digit, a fraction, unknown ids. (A NUL is
# refused for every form by config.middleware, before any view.)
BAD_USERS = ["", " ", "abc", "²", "1.5", "-1", "99999"]


@pytest.fixture
def triage(hub, coordinator):
    case = hub.as_user(coordinator).start()
    return case, hub.task(case, "triage")


def reassign_url(case, task) -> str:
    return f"/hub/cases/{case.pk}/tasks/{task.pk}/reassign/"


@pytest.mark.parametrize("to_user", BAD_USERS)
def test_a_missing_or_odd_user_is_a_message_and_changes_nothing(
    client, manager, triage, to_user
):
    case, task = triage
    client.force_login(manager)
    response = client.post(reassign_url(case, task), {"to_user": to_user}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/hub/cases/{case.pk}/"
    assert "Choose who should take the task" in response.content.decode()
    task.refresh_from_db()
    assert task.owner_id is None and task.status == "NEW"


def test_no_user_at_all_is_a_message(client, manager, triage):
    case, task = triage
    client.force_login(manager)
    response = client.post(reassign_url(case, task), follow=True)
    assert "Choose who should take the task" in response.content.decode()


@pytest.mark.parametrize("held", [False, True])
def test_reassignment_goes_through_the_activation_and_names_the_manager(
    client, manager, coordinator, make_user, localities, triage, held
):
    case, task = triage
    colleague = make_user("cara_north", "coordinator", [localities[0]])
    if held:
        client.force_login(coordinator)
        client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    transition = "reassign" if held else "assign"
    client.force_login(manager)
    original, calls = ViewActivation.__dict__[transition], []

    def spy(activation, *args, **kwargs):
        calls.append(activation.task.pk)
        return original.__get__(activation, type(activation))(*args, **kwargs)

    with mock.patch.object(ViewActivation, transition, spy):
        response = client.post(reassign_url(case, task), {"to_user": colleague.pk})
    assert response.status_code == 302
    assert calls == [task.pk]  # Viewflow's own transition did the change
    task.refresh_from_db()
    assert task.owner == colleague and task.status == "ASSIGNED"
    last = task.history.first()
    assert last.history_user == manager and last.owner_id == colleague.pk
