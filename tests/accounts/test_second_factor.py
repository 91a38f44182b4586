"""Managers, safeguarding leads, admins and superusers enter a code from an
authenticator app after their password, before any other page; coordinators
and OTs are not asked."""

import base64
import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

ENROL, VERIFY = "/accounts/mfa/enrol/", "/accounts/mfa/verify/"


def _sign_in(client, username, next_url="/hub/cases/"):
    """The password step, as a browser does it."""
    response = client.post(
        f"/accounts/login/?next={next_url}", {"username": username, "password": "pw"}
    )
    assert response.status_code == 302
    return client.get(response["Location"])


def _code(secret: str) -> str:
    key = base64.b32decode(secret.replace(" ", ""))
    totp = TOTP(key)
    totp.time = timezone.now().timestamp()
    return f"{totp.token():06d}"


def _secret_on(page) -> str:
    found = re.search(rb'class="hub-mfa__secret">([A-Z2-7 ]+)<', page.content)
    return found[1].decode()


def _enrol(client, username) -> str:
    page = _sign_in(client, username)
    assert page.status_code == 302
    assert page["Location"] == f"{ENROL}?next=%2Fhub%2Fcases%2F"
    enrol_page = client.get(page["Location"])
    secret = _secret_on(enrol_page)
    done = client.post(
        enrol_page.request["PATH_INFO"], {"code": _code(secret), "next": "/hub/cases/"}
    )
    assert done.status_code == 302
    assert done["Location"] == "/hub/cases/"
    return secret


@pytest.mark.parametrize("role", ["manager", "safeguarding_lead", "admin"])
def test_after_the_password_only_the_second_factor_pages_answer(
    client, make_user, localities, role
):
    make_user("max_person", role, [localities[0]])
    _sign_in(client, "max_person")
    for url in ["/hub/", "/hub/cases/", "/safeguarding/", "/admin/", "/discharge/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ENROL), url
    assert client.get(ENROL).status_code == 200
    assert client.post("/accounts/logout/").status_code == 200  # "signed out"
    assert client.get("/hub/")["Location"].startswith("/accounts/login/")


def test_enrolment_shows_a_qr_code_and_the_key_once_and_needs_a_code(client, manager):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        page = client.get(_sign_in(client, "mona_manager")["Location"])
        assert b"<svg" in page.content
        secret = _secret_on(page)
        device = TOTPDevice.objects.get(user=manager, confirmed=False)
        assert base64.b32decode(secret.replace(" ", "")) == device.bin_key

        wrong = client.post(ENROL, {"code": "000000", "next": "/hub/"})
        assert wrong.status_code == 422
        assert b"That code is not right" in wrong.content
        assert _secret_on(wrong) == secret  # the same key, to try again
        assert client.get("/hub/").status_code == 302

        clock.shift(datetime.timedelta(seconds=3))  # wrong codes slow retries down
        right = client.post(ENROL, {"code": _code(secret), "next": "/hub/"})
        assert right.status_code == 302
        assert right["Location"] == "/hub/"
        assert client.get("/hub/").status_code == 200
        assert TOTPDevice.objects.get(user=manager).confirmed


def test_a_second_visit_to_the_enrol_page_gives_a_new_key(client, manager):
    first = _secret_on(client.get(_sign_in(client, "mona_manager")["Location"]))
    second = _secret_on(client.get(ENROL))
    assert first != second
    assert TOTPDevice.objects.filter(user=manager).count() == 1


def test_once_enrolled_the_user_enters_a_code_and_never_sees_the_key_again(
    client, manager
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        secret = _enrol(client, "mona_manager")
        client.post("/accounts/logout/")

        clock.shift(datetime.timedelta(minutes=5))
        asked = _sign_in(client, "mona_manager")
        assert asked["Location"] == f"{VERIFY}?next=%2Fhub%2Fcases%2F"
        page = client.get(asked["Location"])
        assert b"<svg" not in page.content
        assert secret.encode() not in page.content
        assert client.get(ENROL)["Location"].startswith(VERIFY)

        assert client.post(VERIFY, {"code": "123456"}).status_code == 422
        assert client.get("/admin/")["Location"].startswith(VERIFY)
        clock.shift(datetime.timedelta(seconds=3))
        passed = client.post(VERIFY, {"code": _code(secret), "next": "/admin/"})
        assert passed["Location"] == "/admin/"
        assert client.get("/hub/").status_code == 200


def test_a_superuser_needs_the_second_factor_for_the_admin(client, django_user_model):
    django_user_model.objects.create_superuser("ada_admin", password="pw")
    _sign_in(client, "ada_admin", next_url="/admin/")
    assert client.get("/admin/")["Location"] == f"{ENROL}?next=%2Fadmin%2F"


@pytest.mark.parametrize("fixture", ["coordinator", "ot"])
def test_coordinators_and_ots_are_not_asked(client, request, fixture):
    request.getfixturevalue(fixture)
    username = {"coordinator": "cora_north", "ot": "olive_north"}[fixture]
    assert _sign_in(client, username).status_code == 200
    assert not TOTPDevice.objects.exists()
