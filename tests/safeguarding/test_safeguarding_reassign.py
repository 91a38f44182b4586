"""Reassigning a section 42 task: odd input is a field message, never a 500."""

import pytest
from sg_kit import concern_for

from safeguarding.driver import open_task

pytestmark = pytest.mark.django_db


# (A NUL is refused for every form by config.middleware, before any view.)
@pytest.mark.parametrize("lead", ["", " ", "abc", "²", "1.5", "-1", "99999"])
def test_an_odd_lead_is_refused_with_a_message_and_nothing_changes(
    client, case, coordinator, manager, lead
):
    concern = concern_for(case.person, actor=coordinator, case=case)
    task = open_task(concern, "screening")
    client.force_login(manager)
    url = f"/safeguarding/concerns/{concern.pk}/tasks/{task.pk}/reassign/"
    response = client.post(url, {"lead": lead})
    assert response.status_code == 422
    assert response.context["form"].errors["lead"]
    task.refresh_from_db()
    assert task.owner_id is None and task.status == "NEW"
