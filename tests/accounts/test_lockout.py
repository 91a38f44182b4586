"""Repeated wrong passwords lock the sign-in for a while, with an audit."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_thirty_wrong_passwords_lock_the_account_until_the_cool_off(
    client, coordinator
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(30):
            assert _sign_in(client, "cora_north", "wrong").status_code in (200, 429)

        refused = _sign_in(client, "cora_north", "pw")
        assert refused.status_code == 429
        assert b"Sign-in locked" in refused.content
        assert b"Try again in" in refused.content
        assert client.get("/hub/").status_code == 302  # not signed in

        clock.shift(datetime.timedelta(minutes=16))
        accepted = _sign_in(client, "cora_north", "pw")
        assert accepted.status_code == 302
        assert client.get("/hub/").status_code == 200


def test_the_lockout_is_per_username_and_address(client, coordinator, ot):
    for _ in range(5):
        _sign_in(client, "cora_north", "wrong")
    assert _sign_in(client, "cora_north", "pw").status_code == 429
    assert _sign_in(client, "olive_north", "pw").status_code == 302


def test_attempts_are_visible_to_admins(client, coordinator, django_user_model):
    for _ in range(3):
        _sign_in(client, "cora_north", "wrong")
    attempt = AccessAttempt.objects.get(username="cora_north")
    assert attempt.failures_since_start == 3

    admin = django_user_model.objects.create_superuser("ada_admin", password="pw")
    client.force_login(admin)
    page = client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200
    assert b"cora_north" in page.content
