"""A referral for someone with an open case in another locality says that a
case exists, never which one."""

import pytest
from django.test import Client

from hub.flows import DischargeFlow
from testkit import referral_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def north_case(hub, coordinator):
    hub.as_user(coordinator)
    return hub.start()  # Ada Testcase, 999 000 0018, Northfield


def test_another_localitys_open_case_is_not_named(other_coordinator, north_case):
    client = Client()  # not the one that opened the case: its message waits there
    client.force_login(other_coordinator)
    response = client.post(
        DischargeFlow.start.reverse("execute"),
        referral_data(postcode="SB1 2AB", town="Southbrook"),
    )
    page = response.content.decode()
    assert "already has an open case in another locality" in page
    assert north_case.reference not in page
    assert f"/hub/cases/{north_case.pk}/" not in page


def test_ones_own_open_case_is_named_with_a_link(client, coordinator, north_case):
    client.force_login(coordinator)
    response = client.post(DischargeFlow.start.reverse("execute"), referral_data())
    page = response.content.decode()
    assert north_case.reference in page and f"/hub/cases/{north_case.pk}/" in page
