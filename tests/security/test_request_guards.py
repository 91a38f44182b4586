"""Request guards: NUL characters refused everywhere, bodies capped, and no
page for a signed-in user kept in a cache."""

import pytest
from django.utils import timezone

from cases.models import Contact
from pathways.models import AllocationRun

pytestmark = pytest.mark.django_db

NUL = "\x00"


def _contact(**overrides) -> dict:
    data = {
        "kind": "phone",
        "with_whom": "Daughter",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "summary": "Agreed the discharge date",
    }
    return {**data, **overrides}


def test_a_nul_in_a_posted_free_text_field_is_refused_and_saves_nothing(
    client, coordinator, case
):
    client.force_login(coordinator)
    url = f"/hub/cases/{case.pk}/contacts/"
    response = client.post(url, _contact(summary=f"Called{NUL} back"))
    assert response.status_code == 400
    assert b"NUL character" in response.content
    assert not Contact.objects.exists()
    assert client.post(url, _contact()).status_code == 302  # the same, without


def test_a_nul_in_a_posted_reason_is_refused(client, manager, case):
    client.force_login(manager)
    response = client.post(
        f"/hub/cases/{case.pk}/reablement-start/cancel/", {"reason": f"x{NUL}"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/hub/cases/?q=%00",
        "/hub/cases/?pathway=1%00",
        "/hub/search/?q=Ada%00",
        "/hub/capacity/?locality=%00",
        "/safeguarding/dashboard/?locality=%00",
        "/safeguarding/dashboard/?lead=%00",
        "/safeguarding/raise/?case=%00",
        "/hub/cases/?%00=1",
    ],
)
def test_a_nul_in_a_filter_is_refused(client, manager, url):
    client.force_login(manager)
    response = client.get(url)
    assert response.status_code == 400
    assert b"NUL character" in response.content


def test_a_nul_in_the_path_is_refused(client, manager):
    """A path argument reaching a lookup with a NUL was a 500 on PostgreSQL."""
    client.force_login(manager)
    for url in ["/hub/cases/1%00/", "/admin/cases/person/1%00/history/"]:
        response = client.get(url)
        assert response.status_code == 400, url
        assert b"NUL character" in response.content


def test_a_nul_in_a_cookie_is_refused(client, coordinator):
    """A session cookie `"\\000..."` (a quoted octal escape) made the session
    lookup fail on PostgreSQL: a 500 on every page, the sign-in included."""
    client.force_login(coordinator)
    client.cookies["sessionid"] = f"{NUL}{client.cookies['sessionid'].value}"
    for url in ["/accounts/login/", "/hub/"]:
        response = client.get(url)
        assert response.status_code == 400, url
        assert b"NUL character" in response.content


def test_an_upload_over_the_cap_is_refused_with_a_message(client, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator)
    big = SimpleUploadedFile("problem.json", b" " * (5 * 1024 * 1024 + 1))
    response = client.post("/hub/allocation/what-if/", {"problem": big})
    assert response.status_code == 413
    assert b"The upload is too large: at most 5 MB." in response.content
    assert not AllocationRun.objects.exists()


def test_a_form_over_the_field_cap_is_refused_with_a_message(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/hub/search/", {"q": "x" * 3_000_000})
    assert response.status_code == 413
    assert b"too large" in response.content


def test_pages_and_documents_for_signed_in_users_are_not_stored(
    client, manager, case, concern
):
    client.force_login(manager)
    for url in [
        "/hub/",
        f"/hub/cases/{case.pk}/",
        f"/hub/cases/{case.pk}/timeline.pdf",
        f"/safeguarding/concerns/{concern.pk}/",
        f"/safeguarding/concerns/{concern.pk}/timeline.pdf",
        "/hub/allocation/problem.json",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
