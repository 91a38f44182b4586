"""Bad input: field errors, what was typed kept, nothing saved."""

import datetime

import pytest
from django.utils import timezone

from cases.models import DischargeCase, Person, Referral
from hub.flows import DischargeFlow
from pathways.models import ReablementStart
from testkit import referral_data

pytestmark = pytest.mark.django_db


def post_referral(client, user, **overrides):
    client.force_login(user)
    return client.post(
        DischargeFlow.start.reverse("execute"), referral_data(**overrides)
    )


def assert_nothing_saved():
    assert not Person.objects.exists()
    assert not Referral.objects.exists()
    assert not DischargeCase.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nhs_number", "999 000 0019", "check digit is wrong"),
        ("nhs_number", "12345", "has 10 digits"),
        ("date_of_birth", "2099-01-01", "Date of birth is in the future"),
        ("postcode", "NOT A CODE", "Enter a full UK postcode"),
        (
            "discharge_ready_date",
            "2000-01-01",
            "discharge ready date is before admission",
        ),
    ],
)
def test_bad_referral_is_refused_with_the_field_named(
    client, coordinator, field, value, message
):
    response = post_referral(client, coordinator, **{field: value})
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form[field].value() == value  # what was typed is kept
    assert_nothing_saved()


def test_nhs_number_accepted_with_or_without_spaces(client, coordinator):
    post_referral(client, coordinator, nhs_number="9990000018")
    assert Person.objects.get().nhs_number_display == "999 000 0018"


def test_second_open_case_needs_a_reason(client, coordinator):
    post_referral(client, coordinator)
    response = post_referral(client, coordinator, family_name="Renamed")
    assert response.status_code == 200
    assert "already has an open case" in " ".join(
        response.context["form"].errors["duplicate_reason"]
    )
    assert DischargeCase.objects.count() == 1
    assert Person.objects.get().family_name == "Testcase"  # nothing half-saved
    post_referral(client, coordinator, duplicate_reason="Readmitted after a new fall")
    assert DischargeCase.objects.count() == 2
    assert Person.objects.count() == 1


def test_postcode_outside_every_locality_asks_for_the_locality(client, coordinator):
    response = post_referral(client, coordinator, postcode="WR1 2AB")
    assert "is in no locality" in " ".join(response.context["form"].errors["locality"])
    assert_nothing_saved()


def test_overbooking_start_is_refused_and_nothing_booked(hub, coordinator, provider):
    """The fixture provider publishes 120 carer-minutes a band a day."""
    hub.as_user(coordinator)
    case = hub.to_reablement_start(morning_minutes=45, carers=2)
    bands = {"lunch_carers": 1, "tea_carers": 1, "bed_carers": 1}
    start = {
        "provider": provider.pk,
        "start_date": timezone.localdate().isoformat(),
        "length_days": 42,
        **bands,
    }
    response = hub.do(
        case,
        "reablement_start",
        {**start, "morning_minutes": 90, "morning_carers": 2},
        expect=200,
    )
    errors = " ".join(response.context["form"].errors["start_date"])
    assert (
        "has not enough capacity" in errors
        and "needs 180 carer-minutes, 120 free" in (errors)
    )
    assert not ReablementStart.objects.exists()
    assert hub.task(case, "reablement_start").status == "ASSIGNED"
    # Capacity is per band and day: 60 × 2 fits exactly.
    hub.do(
        case, "reablement_start", {**start, "morning_minutes": 60, "morning_carers": 2}
    )
    assert ReablementStart.objects.get().band_minutes() == {"morning": 120}


def test_start_before_the_discharge_ready_date_is_refused(hub, coordinator, provider):
    hub.as_user(coordinator)
    ready = timezone.localdate() + datetime.timedelta(days=3)
    case = hub.to_reablement_start(discharge_ready_date=ready.isoformat())
    bands = {
        "morning_minutes": 30,
        "morning_carers": 1,
        "lunch_carers": 1,
        "tea_carers": 1,
        "bed_carers": 1,
    }
    response = hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "start_date": timezone.localdate().isoformat(),
            "length_days": 42,
            **bands,
        },
        expect=200,
    )
    assert "before the discharge ready date" in " ".join(
        response.context["form"].errors["start_date"]
    )


def test_every_broken_rule_is_reported_at_once(client, coordinator):
    response = post_referral(
        client,
        coordinator,
        nhs_number="999 000 0019",
        date_of_birth="2099-01-01",
        discharge_ready_date="2000-01-01",
    )
    assert {"nhs_number", "date_of_birth", "discharge_ready_date"} <= set(
        response.context["form"].errors
    )
    assert_nothing_saved()
