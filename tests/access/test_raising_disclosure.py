"""Raising a concern by NHS number never tells the raiser who the number
belongs to when that person is outside their scope."""

import pytest
from django.utils import timezone

from safeguarding.models import Concern, RiskTypeCode

pytestmark = pytest.mark.django_db


def _raise_by_number(client, nhs_number):
    response = client.post(
        "/safeguarding/raise/",
        {
            "nhs_number": nhs_number,
            "description": "Heard shouting at the day centre",
            "risk_types": [RiskTypeCode.objects.get(code="psychological").pk],
            "received_via": "phone",
            "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    )
    assert response.status_code == 200
    return response


@pytest.fixture
def south_person(hub, other_coordinator):
    hub.as_user(other_coordinator)
    case = hub.start(
        nhs_number="999 000 0026",
        given_name="Bob",
        family_name="Southcase",
        postcode="SB1 2AB",
    )
    return case.person


def test_raising_by_another_localitys_nhs_number_shows_the_number_not_the_name(
    client, coordinator, south_person
):
    client.force_login(coordinator)
    landed = _raise_by_number(client, "9990000026")
    assert Concern.objects.get().person == south_person
    for page in (
        landed,
        client.get("/safeguarding/mine/"),
        client.get("/safeguarding/"),
    ):
        text = page.content.decode()
        assert "Southcase" not in text and "Bob" not in text
        assert "999 000 0026" in text


def test_raising_for_someone_in_ones_own_locality_shows_their_name(
    client, coordinator, hub
):
    hub.as_user(coordinator)
    hub.start()  # Ada Testcase, Northfield
    client.force_login(coordinator)
    text = _raise_by_number(client, "999 000 0018").content.decode()
    assert "Ada Testcase" in text
