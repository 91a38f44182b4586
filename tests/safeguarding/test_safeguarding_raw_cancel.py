"""A concern ends only through its closure task or the early closure (which
records why): Viewflow's raw process cancel and task cancel/undo/revive are
not there to bypass them."""

import pytest
from sg_kit import raise_for_case

from safeguarding.driver import open_task

pytestmark = pytest.mark.django_db


def test_raw_cancel_of_a_concern_leads_to_the_early_closure_page(client, case, manager):
    concern = raise_for_case(client, case)
    task = open_task(concern, "screening")
    client.force_login(manager)
    response = client.post(f"/section42/{concern.pk}/cancel/", {"_cancel_process": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/safeguarding/concerns/{concern.pk}/close/"
    for action in ("cancel", "undo", "revive"):
        url = f"/section42/{concern.pk}/screening/{task.pk}/{action}/"
        assert client.post(url).status_code == 404, action
    detail = client.get(task.flow_task.reverse("detail", args=[concern.pk, task.pk]))
    assert f"/{task.pk}/cancel/" not in detail.content.decode()
    concern.refresh_from_db()
    task.refresh_from_db()
    assert concern.is_open and task.status == "NEW"
