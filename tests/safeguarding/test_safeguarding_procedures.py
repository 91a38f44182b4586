"""Procedures as local policies write them, through the pages: urgency with
its own timescales, a strategy discussion recorded as not needed, plan
reviews that repeat, a concern raised without an NHS number and the
identity confirmed later, the police-investigation pause, advocacy and
position-of-trust referrals, Safeguarding Adults Reviews, and leads seeing
the concerns of their own localities only."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from sg_kit import Lead, _errors, concern_for, days_ago, raise_for_case

from cases.models import Person
from cases.workdays import add_working_days
from safeguarding.driver import open_task
from safeguarding.models import Concern
from safeguarding.selectors import concern_clock

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
# A Wednesday: the stage clocks count working days, so a test that reads "due
# on the date it set" or "today counts" holds only when today is one.
ON_A_WEDNESDAY = time_machine.travel(
    datetime.datetime(2026, 12, 2, 10, tzinfo=datetime.UTC)
)


def clock(concern, key):
    concern = Concern.objects.get(pk=concern.pk)
    return next(c for c in concern_clock(concern, TODAY()) if c.key == key)


def test_an_urgent_concern_has_its_own_timescales(client, case, lead):
    urgent = raise_for_case(client, case, urgency="urgent")
    assert urgent.urgency == "urgent"
    worker = Lead(client, lead)
    worker.screen(urgent)
    worker.decide(urgent, "s42")
    # urgent: strategy discussion within 1 working day (routine: 5)
    strategy = clock(urgent, "strategy")
    assert strategy.target_days == 1
    assert strategy.due == add_working_days(strategy.starts, 1)
    page = client.get(urgent.get_absolute_url()).content.decode()
    assert "Urgency <b>Urgent</b>" in page


def test_strategy_discussion_recorded_as_not_needed_with_a_reason(client, case, lead):
    concern = raise_for_case(client, case)
    worker = Lead(client, lead)
    worker.screen(concern)
    worker.decide(concern, "s42")
    refused = worker.do(concern, "strategy", {"needed": "no"}, expect=200)
    assert "Say why no discussion is needed" in refused.content.decode()
    worker.do(
        concern,
        "strategy",
        {"needed": "no", "not_needed_reason": "Single agency; the adult agrees"},
    )
    assert open_task(concern, "enquiry") is not None
    assert clock(concern, "enquiry").starts is not None  # the enquiry clock runs
    page = client.get(concern.get_absolute_url()).content.decode()
    assert "No strategy discussion needed" in page


@ON_A_WEDNESDAY
def test_plan_reviews_repeat_until_the_risk_is_managed(client, case, lead):
    concern = raise_for_case(client, case)
    worker = Lead(client, lead)
    worker.screen(concern)
    worker.decide(concern, "other")
    worker.enquiry(concern)
    worker.outcome(concern, risk="remained")
    worker.do(
        concern,
        "plan",
        {"plan": "Daily visits", "review_date": TODAY().isoformat()},
    )
    today, later = TODAY().isoformat(), TODAY() + datetime.timedelta(days=14)
    review = {"reviewed_on": today, "risk_now": "reduced", "notes": "Better"}
    missing = worker.do(concern, "review", {**review, "risk_managed": "no"}, expect=200)
    assert "when is the next review" in missing.content.decode()
    for _ in range(2):  # the plan continues twice: the review comes back
        worker.do(
            concern,
            "review",
            {**review, "risk_managed": "no", "next_review_on": later.isoformat()},
        )
        assert open_task(concern, "review") is not None
        assert open_task(concern, "closure") is None
        assert clock(concern, "review").due == later  # due on the date it set
    worker.do(concern, "review", {**review, "risk_now": "removed"})
    assert open_task(concern, "closure") is not None
    assert concern.reviews.count() == 3
    page = client.get(concern.get_absolute_url()).content.decode()
    assert "Plan review 3" in page and "the plan continues, next review by" in page


def test_raised_without_an_nhs_number_then_identity_confirmed(
    client, coordinator, lead, localities
):
    from safeguarding.models import RiskTypeCode

    client.force_login(coordinator)
    data = {
        "description": "Caller says her neighbour is locked in at night",
        "risk_types": [RiskTypeCode.objects.get(code="physical").pk],
        "received_via": "phone",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "reported_by": "A neighbour (member of the public)",
        "urgency": "immediate",
        "nhs_number": "",
        "person-given_name": "Winifred",
        "person-family_name": "Unverified",
        "person-address_line_1": "3 Quarry Row",
        "person-town": "Northfield",
        "person-postcode": "NF1 3BD",
        "person-locality": localities[0].pk,
        "person-ethnicity": "white",
    }
    nothing = client.post("/safeguarding/raise/", {**data, "person-given_name": ""})
    assert nothing.status_code == 422 and not Concern.objects.exists()
    made = client.post("/safeguarding/raise/", data)
    assert made.status_code == 302, _errors(made)
    concern = Concern.objects.get()
    adult = concern.person
    assert adult.nhs_number is None and not adult.identity_confirmed
    assert adult.date_of_birth is None and adult.ethnicity == "white"
    assert (
        concern.urgency == "immediate" and clock(concern, "screening").target_days == 0
    )

    client.force_login(lead)
    page = client.get(concern.get_absolute_url()).content.decode()
    assert "identity not confirmed" in page and "not known yet" in page
    url = f"/safeguarding/concerns/{concern.pk}/identity/"
    bad = client.post(url, {"nhs_number": "999 000 0019", "date_of_birth": ""})
    assert bad.status_code == 422
    response = client.post(
        url, {"nhs_number": "999 000 0018", "date_of_birth": "1938-02-02"}
    )
    assert response.status_code == 302
    adult.refresh_from_db()
    assert adult.identity_confirmed and adult.nhs_number == "9990000018"
    assert adult.history.first().history_user == lead


def test_identity_confirmed_with_a_known_number_links_the_known_record(
    client, lead, coordinator, localities
):
    known = Person.objects.create(
        nhs_number="9990000026",
        given_name="Wyn",
        family_name="Known",
        date_of_birth=datetime.date(1938, 2, 2),
        address_line_1="3 Quarry Row",
        town="Northfield",
        postcode="NF1 3BD",
        locality=localities[0],
    )
    stranger = Person.objects.create(
        given_name="Wyn",
        family_name="Known",
        identity_confirmed=False,
        address_line_1="3 Quarry Row",
        town="Northfield",
        postcode="NF1 3BD",
        locality=localities[0],
    )
    concern = concern_for(stranger, actor=coordinator)
    client.force_login(lead)
    url = f"/safeguarding/concerns/{concern.pk}/identity/"
    assert client.post(url, {"nhs_number": "9990000026"}).status_code == 302
    concern.refresh_from_db()
    assert concern.person == known
    assert Person.objects.filter(pk=stranger.pk).exists()  # nothing deleted


@ON_A_WEDNESDAY
def test_the_clock_stops_for_a_police_investigation_and_restarts(
    client, coordinator, lead, localities
):
    adult = Person.objects.create(
        nhs_number="9990000034",
        given_name="Pat",
        family_name="Paused",
        date_of_birth=datetime.date(1940, 1, 1),
        address_line_1="1 Lane",
        town="Northfield",
        postcode="NF1 1AA",
        locality=localities[0],
    )
    concern = concern_for(adult, actor=coordinator, received_at=days_ago(14))
    before = clock(concern, "screening")
    assert before.elapsed > 0
    client.force_login(lead)
    base = f"/safeguarding/concerns/{concern.pk}"
    stopped_on = before.starts
    response = client.post(
        f"{base}/pause/",
        {"paused_on": stopped_on.isoformat(), "reason": "Police: do not alert him"},
    )
    assert response.status_code == 302
    page = client.get(f"{base}/").content.decode()
    assert "Clock stopped: police investigation" in page
    assert clock(concern, "screening").elapsed == 0  # nothing counts while stopped
    again = client.post(f"{base}/pause/", {"paused_on": TODAY(), "reason": "x"})
    assert again.status_code == 422  # already stopped
    response = client.post(f"{base}/resume/", {"resumed_on": TODAY().isoformat()})
    assert response.status_code == 302
    # Stopped from the day the clock started until today: only today counts,
    # (day 1 of the decision's 2), so the decision is due the next working day.
    assert clock(concern, "screening").elapsed == 1
    assert clock(concern, "decision").due == add_working_days(TODAY(), 1)
    timeline = client.get(f"{base}/timeline/").content.decode()
    assert "for a police investigation" in timeline and "restarted" in timeline


def test_advocacy_trust_referrals_and_adults_reviews_are_recorded(
    client, case, lead, manager
):
    concern = raise_for_case(client, case)
    client.force_login(lead)
    base = f"/safeguarding/concerns/{concern.pk}"
    today = TODAY().isoformat()
    advocacy = {"referred_on": today, "organisation": "County Advocacy"}
    refused = client.post(f"{base}/advocacy/", advocacy)
    assert refused.status_code == 422 and "substantial difficulty" in (
        refused.content.decode()
    )
    advocacy.update(substantial_difficulty="on", no_appropriate_person="on")
    assert client.post(f"{base}/advocacy/", advocacy).status_code == 302
    trust = {
        "referred_on": today,
        "role": "Care worker",
        "employer": "Brightcare Ltd",
        "referred_to": "Employer and the position-of-trust lead",
    }
    assert client.post(f"{base}/trust/", trust).status_code == 302
    sar = {"basis": "serious", "started_on": today, "risk_types": ["physical"]}
    assert client.post(f"{base}/sar/", sar).status_code == 302
    review = concern.adults_reviews.get()
    done = {**sar, "completed_on": today}
    client.force_login(manager)
    assert client.post(f"{base}/sar/{review.pk}/", done).status_code == 302
    review.refresh_from_db()
    assert review.completed_on == TODAY()
    page = client.get(f"{base}/").content.decode()
    for text in ("County Advocacy", "Brightcare Ltd", "Safeguarding Adults Review"):
        assert text in page


def test_leads_see_their_own_localities_and_managers_all(
    client, coordinator, other_coordinator, lead, other_lead, manager, localities
):
    south_adult = Person.objects.create(
        nhs_number="9990000042",
        given_name="Sid",
        family_name="Southern",
        date_of_birth=datetime.date(1940, 1, 1),
        address_line_1="1 Lane",
        town="Southbrook",
        postcode="SB1 1AA",
        locality=localities[1],
    )
    concern = concern_for(south_adult, actor=other_coordinator)
    url = concern.get_absolute_url()
    client.force_login(lead)  # Northfield
    assert client.get(url).status_code == 404
    assert client.get(f"{url}pause/").status_code == 404
    assert "Southern" not in client.get("/safeguarding/dashboard/").content.decode()
    assert "Southern" not in client.get("/section42/queue/").content.decode()
    client.force_login(other_lead)  # Southbrook
    assert client.get(url).status_code == 200
    assert "Southern" in client.get("/section42/queue/").content.decode()
    client.force_login(manager)
    assert client.get(url).status_code == 200
    assert "Southern" in client.get("/safeguarding/dashboard/").content.decode()
