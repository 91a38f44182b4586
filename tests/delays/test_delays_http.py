"""Delays through the pages: the DRD moved and reset, a reason for every
delayed day, the huddle board and the sitrep, each in the user's scope."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from cases.models import DelayReason, DischargeCase

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


def drd_post(hub, case, when, reason="Agreed at the board round"):
    return hub.client.post(
        f"/hub/cases/{case.pk}/discharge-ready-date/",
        {"drd-discharge_ready_date": when.isoformat(), "drd-reason": reason},
    )


def reason_post(hub, case, code, start, **extra):
    data = {
        "delay-reason": DelayReason.objects.get(code=code).pk,
        "delay-from_date": start.isoformat(),
        "delay-owner_team": "Hub coordinators",
        **extra,
    }
    return hub.client.post(f"/hub/cases/{case.pk}/delays/", data)


def page(hub, case) -> str:
    return hub.client.get(case.get_absolute_url()).content.decode()


def test_the_coordinator_moves_the_drd_and_the_clock_follows(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()  # DRD two days ago: 2 days delayed
    assert "2 days delayed" in page(hub, case)

    response = drd_post(
        hub, case, today() - DAY, reason="Was not ready: chest infection"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.referral.discharge_ready_date == today() - DAY
    html = page(hub, case)
    assert "1 day delayed" in html
    assert "Discharge ready date moved" in html
    assert "Was not ready: chest infection" in html
    timeline = hub.client.get(f"/hub/cases/{case.pk}/timeline/").content.decode()
    assert "discharge ready date moved: Was not ready: chest infection" in timeline


def test_a_bad_drd_is_refused_with_every_reason_and_nothing_changes(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    before = case.referral.discharge_ready_date
    response = drd_post(hub, case, today() + 3 * DAY, reason="")
    assert response.status_code == 422
    html = response.content.decode()
    assert "There is a problem" in html
    assert "cannot be in the future" in html and "This field is required" in html
    response = drd_post(hub, case, today() + 3 * DAY, reason="Agreed")
    assert "cannot be in the future" in response.content.decode()
    response = hub.client.post(
        f"/hub/cases/{case.pk}/discharge-ready-date/",
        {"drd-discharge_ready_date": "not a date", "drd-reason": "x"},
    )
    assert response.status_code == 422
    case.referral.refresh_from_db()
    assert case.referral.discharge_ready_date == before
    assert not case.referral.ready_date_changes.exists()


def test_meeting_the_criteria_to_reside_again_resets_the_drd(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    reason_post(hub, case, "pathway-1-care-at-home", today() - DAY)
    response = hub.client.post(
        f"/hub/cases/{case.pk}/criteria-to-reside/",
        {"ctr-meets": "yes", "ctr-reason": "Deteriorated overnight: sepsis"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.referral.discharge_ready_date is None
    assert case.delay_days() is None
    record = case.delay_records.get()
    assert record.to_date == today() - DAY  # today is not a delayed day
    html = page(hub, case)
    assert "meets criteria to reside" in html
    assert "Deteriorated overnight: sepsis" in html

    # Ready again: no longer meets them, a DRD is needed, then set today.
    hub.client.post(
        f"/hub/cases/{case.pk}/criteria-to-reside/",
        {"ctr-meets": "no", "ctr-reason": "Sepsis treated"},
    )
    assert "discharge ready date needed" in page(hub, case)
    assert drd_post(hub, case, today()).status_code == 302
    case.refresh_from_db()
    assert case.delay_days() == 0  # the clock restarted from the new date


def test_only_workers_of_the_case_may_change_it(
    hub, coordinator, ot, other_coordinator
):
    hub.as_user(coordinator)
    case = hub.start()
    hub.as_user(ot)
    assert drd_post(hub, case, today()).status_code == 403
    hub.as_user(other_coordinator)
    assert drd_post(hub, case, today()).status_code == 404
    assert reason_post(hub, case, "transport", today()).status_code == 404
    case.referral.refresh_from_db()
    assert case.referral.discharge_ready_date == today() - 2 * DAY


def test_every_delayed_day_carries_a_reason_and_gaps_show(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start(
        discharge_ready_date=(today() - 4 * DAY).isoformat()
    )  # delayed days: today-3 .. today
    assert "No reason recorded for 4 days" in page(hub, case)

    assert (
        reason_post(hub, case, "pathway-1-care-at-home", today() - DAY).status_code
        == 302
    )
    html = page(hub, case)
    assert "No reason recorded for 2 days" in html  # today-3 and today-2
    assert (
        reason_post(hub, case, "equipment-adaptations", today() - 3 * DAY).status_code
        == 302
    )
    html = page(hub, case)
    assert "No reason recorded" not in html
    first, second = case.delay_records.order_by("from_date")
    assert (first.from_date, first.to_date) == (today() - 3 * DAY, today() - 2 * DAY)
    assert (second.from_date, second.to_date) == (today() - DAY, None)

    # A day before the DRD, or a missing owner, is refused with the reasons.
    response = reason_post(
        hub, case, "transport", today() - 6 * DAY, **{"delay-owner_team": ""}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Choose a delayed day" in html and "This field is required" in html
    assert case.delay_records.count() == 2


def test_the_huddle_board_shows_the_delayed_in_scope_with_reasons(
    hub, coordinator, other_coordinator, manager
):
    hub.as_user(coordinator)
    north = hub.start(ward="Ward 3")
    reason_post(
        hub,
        north,
        "pathway-1-care-at-home",
        today() - DAY,
        **{
            "delay-next_action": "Chase the provider",
            "delay-next_action_due": today().isoformat(),
        },
    )
    hub.start(
        nhs_number="999 000 0026",
        given_name="Ben",
        ward="Ward 9",
        discharge_ready_date=today().isoformat(),
    )  # ready today: not delayed yet
    hub.as_user(other_coordinator)
    south = hub.start(
        nhs_number="999 000 0034",
        given_name="Sol",
        postcode="SB1 1AA",
        town="Southbrook",
    )

    hub.as_user(coordinator)
    html = hub.client.get("/hub/huddle/").content.decode()
    assert "Ada Testcase" in html and "Chase the provider" in html
    assert "Pathway 1: awaiting resource" in html
    assert "Sol Testcase" not in html and "Ben Testcase" not in html
    assert (
        "Ada Testcase"
        not in hub.client.get("/hub/huddle/?ward=Ward+9").content.decode()
    )

    hub.as_user(manager)
    html = hub.client.get("/hub/huddle/").content.decode()
    assert "Ada Testcase" in html and "Sol Testcase" in html
    assert "no reason today" in html  # Sol's delay has no reason yet
    assert south.reference in html

    # The next action is updated from the board and lands on the timeline.
    hub.as_user(coordinator)
    record = north.delay_records.get()
    due = today() + DAY
    response = hub.client.post(
        f"/hub/cases/{north.pk}/delays/{record.pk}/action/",
        {
            f"r{record.pk}-next_action": "Provider visits at 2pm",
            f"r{record.pk}-next_action_due": due.isoformat(),
        },
    )
    assert response.status_code == 302
    timeline = hub.client.get(f"/hub/cases/{north.pk}/timeline/").content.decode()
    assert "Provider visits at 2pm" in timeline
    response = hub.client.post(
        f"/hub/cases/{north.pk}/delays/{record.pk}/action/",
        {f"r{record.pk}-next_action": "", f"r{record.pk}-next_action_due": ""},
    )
    assert response.status_code == 422
    hub.as_user(other_coordinator)
    response = hub.client.post(
        f"/hub/cases/{north.pk}/delays/{record.pk}/action/",
        {
            f"r{record.pk}-next_action": "x",
            f"r{record.pk}-next_action_due": due.isoformat(),
        },
    )
    assert response.status_code == 404


def test_the_sitrep_counts_by_pathway_reason_and_band(
    hub, coordinator, other_coordinator
):
    hub.as_user(coordinator)
    case = hub.start()
    reason_post(hub, case, "pathway-1-care-at-home", today() - DAY)
    hub.start(
        nhs_number="999 000 0026",
        given_name="Ben",
        discharge_ready_date=today().isoformat(),
    )
    hub.as_user(other_coordinator)
    hub.start(
        nhs_number="999 000 0034",
        given_name="Sol",
        postcode="SB1 1AA",
        town="Southbrook",
    )

    hub.as_user(coordinator)
    response = hub.client.get("/hub/huddle/sitrep.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    measures = {
        (r["measure"], r["delay_reason_code"], r["days_delayed_band"]): int(r["people"])
        for r in rows
    }
    assert measures == {
        ("no_longer_meet_criteria_to_reside", "", ""): 2,
        ("remaining_delayed", "pathway-1-care-at-home", "2-3"): 1,
        ("remaining_not_yet_delayed", "", ""): 1,
    }
    assert {r["hospital"] for r in rows} == {"County General"}
    assert hub.client.get("/hub/huddle/sitrep.csv?date=nonsense").status_code == 400
    yesterday = hub.client.get(
        f"/hub/huddle/sitrep.csv?date={(today() - DAY).isoformat()}"
    )
    rows = list(csv.DictReader(io.StringIO(yesterday.content.decode())))
    assert {r["measure"]: r["people"] for r in rows}["remaining_delayed"] == "1"
    assert DischargeCase.objects.count() == 3


def test_the_huddle_board_shows_each_hospital_once(hub, coordinator):
    hub.as_user(coordinator)
    for n, (nhs, hospital) in enumerate(
        [
            ("999 000 0018", "County General"),
            ("999 000 0026", "Riverside Infirmary"),
            ("999 000 0034", "County General"),
        ]
    ):
        drd = today() - (5 - n) * DAY  # longest delayed first interleaves them
        hub.start(
            nhs_number=nhs, hospital=hospital, discharge_ready_date=drd.isoformat()
        )
    html = hub.client.get("/hub/huddle/").content.decode()
    assert html.count("<h2>County General</h2>") == 1
    assert html.count("<h2>Riverside Infirmary</h2>") == 1
    county = html.split("<h2>County General</h2>")[1].split("<h2>")[0]
    assert "2 delayed" in county
