"""Test helpers shared across tests/ (import them from here: each test folder
may have a conftest.py of its own, so "from conftest import" is ambiguous)."""

import datetime

from django.utils import timezone


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
