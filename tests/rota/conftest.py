"""A Northfield in-house team (the `provider` fixture as its provider) with
four assistants, and people on pathway 1 whose starts are booked with it."""

import datetime
import random

import pytest
from django.utils import timezone

from hub.demo import demo_nhs_number
from rota import services
from rota.models import Assistant, Competency, Team

DAY_SHIFT = {
    d: [["07:00", "14:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}
LATE_SHIFT = {d: [["12:00", "22:00"]] for d in DAY_SHIFT}


@pytest.fixture
def team(localities, provider):
    return Team.objects.create(
        name="Northfield in-house reablement",
        locality=localities[0],
        provider=provider,
        base_postcode="NF1 1AA",
    )


def make_assistant(
    team, given, *, pattern=None, relief=False, skills=(), gender="female"
):
    a = Assistant.objects.create(
        given_name=given,
        family_name="Carer",
        gender=gender,
        team=team,
        base_postcode="NF1 3BB",
        contracted_hours=30,
        working_pattern=pattern or DAY_SHIFT,
        relief_bank=relief,
    )
    today = timezone.localdate()
    for skill in skills:
        Competency.objects.create(
            assistant=a,
            skill=skill,
            obtained_on=today - datetime.timedelta(days=300),
            expires_on=today + datetime.timedelta(days=200),
        )
    return a


@pytest.fixture
def assistants(team):
    return [
        make_assistant(team, "Asha", skills=["medication"]),
        make_assistant(team, "Bea"),
        make_assistant(team, "Cal", pattern=LATE_SHIFT, gender="male"),
        make_assistant(team, "Relief", relief=True, pattern=LATE_SHIFT),
    ]


def start_case(coordinator, provider, *, family, postcode, nhs, calls, start=None):
    """A pathway 1 case with its start booked with `provider`: opened through
    the referral service, the decision and start written as the flow would
    (the flow's own pages are tested in tests/cases and tests/pathways)."""
    from cases.driver import referral_start
    from cases.models import Locality
    from hub.flows import DischargeFlow
    from pathways.models import ReablementStart

    today = timezone.localdate()
    case = referral_start(
        flow_class=DischargeFlow,
        actor=coordinator,
        person_fields={
            "nhs_number": nhs,
            "given_name": "Ada",
            "family_name": family,
            "date_of_birth": datetime.date(1940, 5, 1),
            "address_line_1": "1 Mill Lane",
            "town": "Northfield",
            "postcode": postcode,
            "locality": Locality.objects.get(code="northfield"),
        },
        referral_fields={
            "source": "acute_ward",
            "referrer_name": "Nurse Test",
            "referrer_contact": "01632 960000",
            "discharge_ready_date": today,
            "presenting_needs": "Needs help washing and dressing",
        },
    )
    case.pathway = 1
    case.save()
    ReablementStart.objects.create(
        case=case,
        provider=provider,
        start_date=start or today - datetime.timedelta(days=14),
        visits=calls,
        agreed_by=coordinator,
    )
    return case


@pytest.fixture
def people(coordinator, provider, team, assistants):
    """Three people on pathway 1, their starts booked with the team a
    fortnight ago, and their visit plans made."""
    rng = random.Random(7)  # noqa: S311 - test data
    morning = {"band": "morning", "minutes": 30, "carers": 1}
    lunch = {"band": "lunch", "minutes": 30, "carers": 1}
    cases = [
        start_case(
            coordinator,
            provider,
            family=family,
            postcode=postcode,
            nhs=demo_nhs_number(rng),
            calls=calls,
        )
        for family, postcode, calls in [
            ("Quill", "NF1 2AB", [morning, lunch]),
            ("Rook", "NF2 4AD", [morning]),
            ("Sparrow", "NF1 7EF", [morning]),
        ]
    ]
    services.visit_plans_sync(team=team, actor=coordinator)
    return cases
