"""Data for the browser journeys: what the pages need before a user arrives.

Built through the same pages' handlers (the Django test client, `hub`) or the
services, never by writing rows past the rules.
"""

import datetime
import importlib

from django.apps import apps
from django.utils import timezone

from cases.validators import nhs_check_digit
from testkit import PLAN_DETERMINATION

TODAY = timezone.localdate


def day(offset: int) -> str:
    return (TODAY() + datetime.timedelta(days=offset)).isoformat()


def nhs_number(serial: int) -> str:
    """A valid NHS number from the 999 test range (never issued)."""
    for n in range(serial, serial + 20):
        first_nine = f"999{n:06d}"
        check = nhs_check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)
    raise ValueError(serial)


def referral_fields(**overrides) -> dict:
    """The start form as a ward's referral fills it in (fictional person)."""
    return {
        "nhs_number": "999 000 0018",
        "given_name": "Ada",
        "family_name": "Testcase",
        "date_of_birth": "1940-05-01",
        "address_line_1": "1 Mill Lane",
        "town": "Northfield",
        "postcode": "NF1 2AB",
        "source": "acute_ward",
        "hospital": "County General",
        "referrer_name": "Nurse Test",
        "referrer_contact": "01632 960000",
        "admission_date": day(-10),
        "discharge_ready_date": day(-2),
        "presenting_needs": "Help washing and dressing",
        **overrides,
    }


def safeguarding_reference_data() -> None:
    """The national risk types and the default timescales, as migrated (a
    browser test's database is emptied after each test, data included)."""
    migration = importlib.import_module("safeguarding.migrations.0002_reference_data")
    migration.forwards(apps, None)


def totp_device(user, key_hex: str = "3132333435363738393031323334353637383930"):
    """An authenticator app already enrolled for the user, with a known key."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=True, key=key_hex
    )
    return key_hex


def discharge_with_gate_open(hub, coordinator, provider):
    """A case at its discharge step whose reablement start the provider has
    withdrawn: discharge needs a manager's override."""
    case = hub.as_user(coordinator).to_reablement_start(
        nhs_number=nhs_number(100), given_name="Bert", family_name="Gatecase"
    )
    hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "length_days": 42,
            "start_date": day(0),
            "morning_minutes": 30,
            "morning_carers": 1,
            "lunch_carers": 1,
            "tea_carers": 1,
            "bed_carers": 1,
        },
    )
    hub.do(
        case,
        "support_plan",
        {
            "personal_goals": "Home",
            "review_date": day(14),
            "nutrition_need": "Meals",
            "nutrition_met_by": "family",
            **PLAN_DETERMINATION,
        },
    )
    response = hub.client.post(
        f"/hub/cases/{case.pk}/reablement-start/cancel/",
        {"reason": "Provider lost two carers"},
    )
    assert response.status_code == 302
    return case


def flagged_for_ot(hub, coordinator):
    """A case whose risk screen asked for an OT review."""
    case = hub.as_user(coordinator).start(
        nhs_number=nhs_number(200), given_name="Cyril", family_name="Otcase"
    )
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": "urgent", "reason": "Meets the criteria"},
    )
    hub.do(
        case,
        "risk_screen",
        {
            "falls_last_year": 2,
            "skin_integrity": "intact",
            "continence": "continent",
            "carers_needed": 2,
        },
    )
    assert case.flagged_for_ot
    return case


def at_placement(hub, coordinator):
    """A case on pathway 3 (a care home) waiting for its placement."""
    case = hub.as_user(coordinator).start(
        nhs_number=nhs_number(900), given_name="Iris", family_name="Placecase"
    )
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": "high", "reason": "Meets the criteria"},
    )
    hub.do(
        case,
        "risk_screen",
        {
            "falls_last_year": 0,
            "skin_integrity": "intact",
            "continence": "continent",
            "carers_needed": 1,
            "needs_24_hour_care": "on",
            "lives_alone": "on",  # with dementia: the guidance's pathway 3
            "cognitive_impairment": "on",
        },
    )
    hub.do(
        case,
        "pathway",
        {
            "chosen": 3,
            "length_days": 42,
            "morning_carers": 1,
            "lunch_carers": 1,
            "tea_carers": 1,
            "bed_carers": 1,
        },
    )
    hub.do(case, "equipment", {"no_equipment_needed": "on"})
    return case
