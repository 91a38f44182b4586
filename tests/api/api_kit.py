"""Helpers for the API tests: a client that sends the token, and a body."""

import datetime

from django.test import Client
from django.utils import timezone


class Api:
    """The Django test client with the token sent on every call."""

    def __init__(self, token: str | None):
        self.http = Client(raise_request_exception=False)
        self.token = token

    def _headers(self, headers):
        sent = dict(headers or {})
        if self.token is not None:
            sent.setdefault("Authorization", f"Bearer {self.token}")
        return sent

    def get(self, path, headers=None):
        return self.http.get(path, headers=self._headers(headers))

    def post(self, path, data, headers=None, content_type="application/json"):
        return self.http.post(
            path, data, content_type=content_type, headers=self._headers(headers)
        )

    def put(self, path, data, headers=None):
        return self.http.put(
            path, data, content_type="application/json", headers=self._headers(headers)
        )


def referral_body(**referral) -> dict:
    today = timezone.localdate()
    body = {
        "person": {
            "nhs_number": "999 000 0018",
            "given_name": "Ada",
            "family_name": "Testcase",
            "date_of_birth": "1940-05-01",
            "address_line_1": "1 Mill Lane",
            "town": "Northfield",
            "postcode": "nf1 2ab",
            "phone": "01632 960001",
            "lives_alone": True,
        },
        "referral": {
            "source": "acute_ward",
            "hospital": "County General",
            "ward": "Ward 3",
            "referrer_name": "Nurse Test",
            "referrer_contact": "01632 960000",
            "admission_date": (today - datetime.timedelta(days=10)).isoformat(),
            "discharge_ready_date": (today - datetime.timedelta(days=2)).isoformat(),
            "presenting_needs": "Needs help washing and dressing",
        },
    }
    body["referral"].update(referral)
    return body
