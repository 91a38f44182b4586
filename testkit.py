"""Test helpers shared across tests/ (import them from here: each test folder
may have a conftest.py of its own, so "from conftest import" is ambiguous)."""

import datetime
import decimal
import itertools

import pytest
from django.db import connection
from django.utils import timezone

# A module's marks for races between threads that row locks decide: real
# transactions, on PostgreSQL only.
ROW_LOCK_RACE = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks (select_for_update is a no-op)",
    ),
]


def _pass_second_factor(client, user) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.mfa import mfa_required

    if not mfa_required(user):
        return
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "test"}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


# The eligibility determination every support plan records (cases.eligibility):
# the adult's needs arise from an impairment, with a significant impact.
PLAN_DETERMINATION = {
    "from_impairment": "yes",
    "impairment_detail": "Fractured neck of femur",
    "wellbeing_impact": "yes",
    "determination_reasons": "Cannot wash or cook safely since the fall.",
}


def referral_data(**overrides) -> dict:
    """A valid start form: a fictional person with a 999 test-range NHS number."""
    today = timezone.localdate()
    data = {
        "nhs_number": "999 000 0018",
        "given_name": "Ada",
        "family_name": "Testcase",
        "date_of_birth": "1940-05-01",
        "address_line_1": "1 Mill Lane",
        "town": "Northfield",
        "postcode": "nf1 2ab",
        "phone": "01632 960001",
        "lives_alone": "on",
        "source": "acute_ward",
        "hospital": "County General",
        "ward": "Ward 3",
        "referrer_name": "Nurse Test",
        "referrer_contact": "01632 960000",
        "admission_date": (today - datetime.timedelta(days=10)).isoformat(),
        "discharge_ready_date": (today - datetime.timedelta(days=2)).isoformat(),
        "presenting_needs": "Needs help washing and dressing",
        "consent_method": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


OTHER_BANDS = {"lunch_carers": 1, "tea_carers": 1, "bed_carers": 1}


# Reablement episodes written straight to the database, for the figures and
# the My day panels (the flow that makes them is tested in tests/reablement).
_numbers = itertools.count(1)  # distinct NHS numbers for episode_case


def _nhs() -> str:
    from cases import validators

    while True:
        first_nine = f"{900000000 + next(_numbers) * 7:09d}"
        check = validators.nhs_check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"


def episode_case(name: str, locality, born: datetime.date, discharged: datetime.date):
    from cases.models import Person

    person = Person.objects.create(
        nhs_number=_nhs(),
        given_name=name,
        family_name="Reabled",
        date_of_birth=born,
        address_line_1="1 Lane",
        town="Town",
        postcode="NF1 1AA",
        locality=locality,
    )
    return episode_case_for(person, locality, discharged)


def episode_case_for(person, locality, discharged: datetime.date):
    from cases.models import DischargeCase, Referral
    from hub.flows import DischargeFlow

    referred = discharged - datetime.timedelta(days=3)
    received = timezone.make_aware(
        datetime.datetime.combine(referred, datetime.time(9))
    )
    referral = Referral.objects.create(
        person=person,
        source="acute_ward",
        referrer_name="Ward sister",
        received_at=received,
        discharge_ready_date=discharged,
        presenting_needs="Needs help at home",
    )
    return DischargeCase.objects.create(
        flow_class=DischargeFlow,
        referral=referral,
        locality=locality,
        pathway=1,
        outcome="discharged",
        actual_discharge=received + datetime.timedelta(days=3, hours=3),
    )


def episode_row(
    case,
    started,
    *,
    ended=None,
    sequel="",
    state=None,
    hours=(7, None),
    followup=None,
    where="",
):
    from reablement.flows import ReablementFlow
    from reablement.models import Episode

    start_hours, end_hours = hours
    return Episode.objects.create(
        flow_class=ReablementFlow,
        case=case,
        started_on=started,
        end_due=started + datetime.timedelta(days=42),
        state=state or (Episode.State.ENDED if ended else Episode.State.ACTIVE),
        ended_on=ended,
        sequel=sequel,
        hours_at_start=decimal.Decimal(str(start_hours)),
        hours_at_end=None if end_hours is None else decimal.Decimal(str(end_hours)),
        followup_due=followup,
        followup_where=where,
    )


def provider_staff(provider, username: str = ""):
    """A signed-up member of the provider's staff (role `provider`)."""
    from django.contrib.auth.models import Group, User

    from cases.roles import ensure_groups
    from pathways.models import ProviderStaff

    link = ProviderStaff.objects.filter(provider=provider).first()
    if link is not None and not username:
        return link.user
    ensure_groups()
    user = User.objects.create_user(
        username or f"staff_{provider.code}",
        first_name="Pam",
    )
    user.groups.add(Group.objects.get(name="provider"))
    ProviderStaff.objects.create(user=user, provider=provider)
    return user


def provider_accepts(client, case, *, back_to=None):
    """The provider's staff accept the case's offered reablement start in
    their portal; then `back_to` (a user) is signed in again."""
    from pathways.models import ReablementStart

    start = ReablementStart.objects.get(case=case)
    client.force_login(provider_staff(start.provider))
    response = client.post(f"/provider/offers/{start.pk}/", {"answer": "accept"})
    if response.status_code != 302:
        raise AssertionError(f"the provider's answer: {response.status_code}")
    if back_to is not None:
        client.force_login(back_to)
        _pass_second_factor(client, back_to)
    start.refresh_from_db()
    return start
