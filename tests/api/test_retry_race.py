"""A retry that arrives while the first request is still being saved gets
the first answer, and one case is opened (PostgreSQL, two connections)."""

import threading

import pytest
from api_kit import Api, referral_body
from django.db import connection, connections

from api import services
from cases.models import DischargeCase

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: no two saves overlap",
    ),
]
URL = "/api/v1/referrals"


def test_a_retry_racing_the_first_request_gets_its_answer(token, monkeypatch):
    inside, answers = threading.Event(), {}
    status = services.referral_status

    def slow_status(case):
        if not inside.is_set():
            inside.set()  # the first holds its transaction open a moment
            threading.Event().wait(1.5)
        return status(case)

    monkeypatch.setattr(services, "referral_status", slow_status)
    headers = {"Idempotency-Key": "race-1"}

    def send(name):
        try:
            answers[name] = Api(token).post(URL, referral_body(), headers=headers)
        finally:
            connections.close_all()

    first = threading.Thread(target=send, args=("first",))
    first.start()
    assert inside.wait(timeout=30)
    send("retry")
    first.join(timeout=30)

    assert answers["first"].status_code == answers["retry"].status_code == 201
    assert answers["retry"].json() == answers["first"].json()
    assert DischargeCase.objects.count() == 1
