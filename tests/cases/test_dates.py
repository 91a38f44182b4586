"""Dates at the edges: leap days, the clocks changing, plausible ranges.

The clock is set with time-machine; every instant is London time, as the
hub's users read it.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction

from cases.models import DischargeCase, Person, Referral
from hub.flows import DischargeFlow
from testkit import referral_data

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour=10, minute=0):
    moment = datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)
    return time_machine.travel(moment, tick=False)


def refer(client, user, **overrides):
    client.force_login(user)
    return client.post(
        DischargeFlow.start.reverse("execute"), referral_data(**overrides)
    )


def field_errors(response, field) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(response.context["form"].errors.get(field, []))


def test_a_referral_is_received_on_29_february(client, coordinator):
    with at(2028, 2, 29):
        response = refer(client, coordinator)
    assert response.status_code == 302
    assert DischargeCase.objects.get().referral.received_at.date() == (
        datetime.date(2028, 2, 29)
    )


@pytest.mark.parametrize(
    ("today", "born", "adult"),
    [
        ((2026, 6, 15), "2008-06-15", True),  # 18 today
        ((2026, 6, 15), "2008-06-16", False),  # 18 tomorrow
        ((2026, 3, 1), "2008-02-29", True),  # born on a leap day: 18 on 1 March
        ((2026, 2, 28), "2008-02-29", False),
        ((2028, 2, 29), "2010-02-28", True),  # today is the leap day
        ((2028, 2, 29), "2010-03-01", False),
    ],
)
def test_a_person_turning_18_is_accepted_from_that_day(
    client, coordinator, today, born, adult
):
    with at(*today):
        response = refer(client, coordinator, date_of_birth=born)
    if adult:
        assert response.status_code == 302
    else:
        assert "must be 18 or over" in field_errors(response, "date_of_birth")
        assert not Person.objects.exists()


@pytest.mark.parametrize(
    "moment",
    [
        (2026, 3, 30, 0, 30),  # 00:30 BST, the first night of summer time: UTC 29th
        (2026, 10, 25, 0, 30),  # 00:30 BST, the night the clocks go back: UTC 24th
    ],
)
def test_just_after_midnight_in_summer_time_today_is_the_london_date(
    client, coordinator, moment
):
    """Admitted and ready today, by the ward's clock, is not 'in the future'."""
    with at(*moment):
        today = datetime.date(*moment[:3])
        response = refer(
            client,
            coordinator,
            admission_date=today.isoformat(),
            discharge_ready_date=today.isoformat(),
        )
        assert response.status_code == 302, response.context["form"].errors
        case = DischargeCase.objects.get()
        assert case.delay_days() == 0


def london(*args, fold=0) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON).replace(fold=fold)


@pytest.mark.parametrize(
    ("ready", "moment", "delay"),
    [
        # Clocks go forward at 01:00 GMT on 29 March 2026.
        ("2026-03-29", london(2026, 3, 29, 23, 59), 0),
        ("2026-03-29", london(2026, 3, 30, 0, 1), 1),  # still the 29th in UTC
        # Clocks go back at 02:00 BST on 25 October 2026: 01:30 happens twice.
        ("2026-10-25", london(2026, 10, 25, 1, 30, fold=1), 0),
        ("2026-10-25", london(2026, 10, 25, 23, 59), 0),
        ("2026-10-26", london(2026, 10, 26, 0, 1), 0),
        ("2026-10-25", london(2026, 10, 26, 0, 1), 1),
    ],
)
def test_the_delay_clock_turns_at_london_midnight(
    client, coordinator, ready, moment, delay
):
    day = datetime.date.fromisoformat(ready)
    with at(day.year, day.month, day.day):
        refer(client, coordinator, discharge_ready_date=ready)
    case = DischargeCase.objects.get()
    with time_machine.travel(moment, tick=False):
        assert case.delay_days() == delay


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date_of_birth", "0001-01-01", "please check the year"),
        ("date_of_birth", "1905-06-14", "make the person 121"),
        ("admission_date", "2025-06-14", "more than a year before the referral"),
        ("admission_date", "2026-06-16", "after the referral"),
        ("discharge_ready_date", "9999-12-31", "between 15/06/2025 and 15/06/2027"),
        ("discharge_ready_date", "2027-06-16", "please check the year"),
    ],
)
def test_implausible_dates_are_refused_with_the_field_named(
    client, coordinator, field, value, message
):
    with at(2026, 6, 15):
        response = refer(client, coordinator, **{"admission_date": None, field: value})
    assert message in field_errors(response, field)
    assert response.context["form"][field].value() == value  # kept as typed
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"date_of_birth": "1906-06-15"},  # 120 today
        {"admission_date": "2025-06-15", "discharge_ready_date": "2025-06-20"},
        {"discharge_ready_date": "2027-06-15"},
    ],
)
def test_dates_at_the_edge_of_the_plausible_ranges_are_accepted(
    client, coordinator, fields
):
    with at(2026, 6, 15):
        response = refer(client, coordinator, **{"admission_date": None, **fields})
    assert response.status_code == 302


def test_the_database_refuses_impossible_dates_written_round_the_services(
    localities,
):
    person = Person(
        nhs_number="9990000018",
        given_name="Ada",
        family_name="Testcase",
        date_of_birth=datetime.date(1, 1, 1),
        address_line_1="1 Mill Lane",
        town="Northfield",
        postcode="NF1 2AB",
        locality=localities[0],
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        person.save()
    person.date_of_birth = datetime.date(1940, 5, 1)
    person.save()
    referral = Referral(
        person=person,
        source="gp",
        referrer_name="Dr Test",
        referrer_contact="01632 960000",
        presenting_needs="Help washing",
        discharge_ready_date=datetime.date(9999, 12, 31),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        referral.save()
