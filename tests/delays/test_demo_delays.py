"""The demo gives the huddle board delayed people with reasons and owners."""

import random

import pytest
from django.test import Client

from cases.models import DelayRecord
from hub.demo import seed_reference
from hub.demo_cases import seed_cases

pytestmark = pytest.mark.django_db


def test_the_demo_huddle_board_has_delayed_people_with_reasons():
    rng = random.Random(2026)
    reference = seed_reference(rng)
    seed_cases(rng, reference, 16)
    assert DelayRecord.objects.filter(entered_in_error=False).exists()
    users = reference["users"]
    manager = next(u for (role, _), u in users.items() if role == "manager")
    client = Client()
    client.force_login(manager)
    html = client.get("/hub/huddle/").content.decode()
    record = DelayRecord.objects.filter(to_date__isnull=True).first()
    assert record.case.person.full_name in html
    assert record.owner_team in html
    assert "(fictional)" in html
