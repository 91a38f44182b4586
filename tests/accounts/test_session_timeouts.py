"""A session ends after 30 minutes idle, and 8 hours after signing in
whatever the activity."""

import datetime

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


def _signed_in(response) -> bool:
    return response.status_code == 200


def test_thirty_minutes_idle_signs_the_user_out(client, coordinator):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.force_login(coordinator)
        clock.shift(29 * MINUTE)
        assert _signed_in(client.get("/hub/"))
        clock.shift(29 * MINUTE)  # active 29 minutes ago: still in
        assert _signed_in(client.get("/hub/cases/"))

        clock.shift(31 * MINUTE)
        response = client.get("/hub/cases/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/hub/cases/"
        login_page = client.get(response["Location"])
        assert b"signed out after 30 minutes without activity" in login_page.content
        assert client.get("/hub/").status_code == 302  # the session is gone


def test_a_working_day_after_sign_in_ends_the_session_however_active(
    client, coordinator
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.force_login(coordinator)
        for _ in range(23):  # a request every 20 minutes, for 7 h 40 min
            clock.shift(20 * MINUTE)
            assert _signed_in(client.get("/hub/"))

        clock.shift(21 * MINUTE)  # 8 h 1 min after signing in
        response = client.get("/hub/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert b"at most 8 hours" in client.get(response["Location"]).content
