"""The dashboard on chosen dates and the timescale policy, on a known set of
concerns built through the services (the return itself: test_sac_return.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from sg_kit import concern_for

from cases.models import Person
from safeguarding import services
from safeguarding.dashboard import concern_dashboard, concern_rows
from safeguarding.driver import screening_complete, stage_complete
from safeguarding.models import Decision, Enquiry, Outcome, TimescalePolicy

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def people(localities):
    def person(nhs, name, locality):
        return Person.objects.create(
            nhs_number=nhs,
            given_name=name,
            family_name="Testperson",
            date_of_birth=D(1940, 1, 1),
            address_line_1="1 Lane",
            town="Town",
            postcode="NF1 1AA",
            locality=locality,
        )

    north, south = localities
    return [
        person("9990000018", "Ada", north),
        person("9990000026", "Bert", north),
        person("9990000034", "Cora", south),
        person("9990000042", "Dot", south),
    ]


def aware(day: D, hour=10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


CODING = {
    "risk_locations": ["own_home"],
    "risk_sources": ["other_known"],
    "lacked_capacity": "yes",
    "capacity_support": "advocate",
    "msp_asked": "yes_expressed",
    "msp_outcomes_wanted": "Stay at home",
}


def screen(concern, lead, day, **coding):
    risk_types = coding.pop("risk_types", ["physical"])
    screening_complete(
        concern,
        actor=lead,
        screening=services.Screening(information_gathered="Spoke to her"),
        coding={**CODING, **coding},
        risk_types=risk_types,
        at=aware(day),
    )


def decide(concern, lead, day, route):
    test = route == "s42"
    decision = Decision(
        has_care_needs=True,
        experiencing_abuse=True,
        unable_to_protect=test,
        route=route,
        reasons="Recorded",
        onward_action="GP to follow up" if route == "none" else "",
    )
    stage_complete(concern, "decision", actor=lead, record=decision, at=aware(day))


def conclude(concern, lead, day, *, action_result, risk="", msp=""):
    if concern.decision.route == "s42":
        from safeguarding.models import StrategyDiscussion

        stage_complete(
            concern,
            "strategy",
            actor=lead,
            record=StrategyDiscussion(
                held_on=day,
                attendees="Lena",
                decisions="Enquire",
                enquiry_lead="Lena",
            ),
            at=aware(day),
        )
    stage_complete(
        concern,
        "enquiry",
        actor=lead,
        record=Enquiry(actions="Visit", findings="Found", concluded_on=day),
        at=aware(day),
    )
    outcome = Outcome(action_result=action_result, risk_outcome=risk, msp_achieved=msp)
    stage_complete(concern, "outcome", actor=lead, record=outcome, at=aware(day))


@pytest.fixture
def known_set(people, lead, coordinator, localities):
    """Five concerns received in May 2026 (one in April, outside the range)."""
    lead.staff.localities.add(localities[1])  # the lead covers both localities
    ada, bert, cora, dot = people
    a = concern_for(
        ada,
        actor=coordinator,
        received_at=aware(D(2026, 5, 5)),
        risk_types=["physical", "financial"],
    )
    screen(a, lead, D(2026, 5, 5), risk_types=["physical", "financial"])
    decide(a, lead, D(2026, 5, 6), "s42")
    conclude(
        a,
        lead,
        D(2026, 5, 20),
        action_result="risk_action",
        risk="reduced",
        msp="partly",
    )
    b = concern_for(bert, actor=coordinator, received_at=aware(D(2026, 5, 6)))
    screen(
        b,
        lead,
        D(2026, 5, 6),
        risk_locations=["care_home_nursing"],
        risk_sources=["service_provider"],
        lacked_capacity="no",
        capacity_support="",
    )
    decide(b, lead, D(2026, 5, 7), "other")
    conclude(b, lead, D(2026, 5, 21), action_result="no_risk_no_action", msp="fully")
    c = concern_for(cora, actor=coordinator, received_at=aware(D(2026, 5, 7)))
    screen(c, lead, D(2026, 5, 7), msp_asked="no", msp_outcomes_wanted="")
    decide(c, lead, D(2026, 5, 8), "none")
    concern_for(dot, actor=coordinator, received_at=aware(D(2026, 5, 8)))
    concern_for(dot, actor=coordinator, received_at=aware(D(2026, 4, 28)))
    return a, b, c


def _rows(board: dict, day) -> list:
    return concern_rows(board["concerns"], day)


def test_dashboard_status_counts_and_filters_on_a_chosen_day(
    known_set, people, lead, other_lead, localities, manager
):
    # Open: Ada (plan due 28 May), Bert and Cora (closure due 29 and 15 May),
    # Dot twice (screening due 8 May and 28 April). 25 May is a bank holiday.
    day = D(2026, 5, 22)
    board = concern_dashboard(user=manager, params={}, today=day)
    assert board["total"] == 5
    assert {k: n for k, _, n in board["counts"]} == {
        "on_time": 2,
        "due_soon": 0,
        "overdue": 3,
        "paused": 0,
    }
    first = _rows(board, day)[0]
    assert first.concern.received_at.date() == D(2026, 4, 28)
    assert first.status.days_overdue == 17  # 4 May was a bank holiday
    assert str(first.status) == "Overdue by 17 working days"
    overdue = concern_dashboard(user=manager, params={"status": "overdue"}, today=day)
    assert len(_rows(overdue, day)) == 3 and overdue["total"] == 5
    north = concern_dashboard(
        user=manager, params={"locality": "northfield"}, today=day
    )
    assert {r.concern.person.given_name for r in _rows(north, day)} == {"Ada", "Bert"}
    by_lead = concern_dashboard(user=manager, params={"lead": str(lead.pk)}, today=day)
    assert [r.concern.person.given_name for r in _rows(by_lead, day)] == [
        "Cora",
        "Ada",
        "Bert",
    ]
    nobody = concern_dashboard(
        user=manager, params={"lead": str(other_lead.pk)}, today=day
    )
    assert _rows(nobody, day) == []
    queue = concern_dashboard(user=manager, params={"lead": "queue"}, today=day)
    assert [r.stage for r in _rows(queue, day)] == ["Screening", "Screening"]
    financial = concern_dashboard(
        user=manager, params={"risk_type": "financial"}, today=day
    )
    assert [r.concern.person.given_name for r in _rows(financial, day)] == ["Ada"]
    soon = concern_dashboard(user=manager, params={}, today=D(2026, 5, 27))
    assert {k: n for k, _, n in soon["counts"]}["due_soon"] == 1  # Ada's plan


def test_a_concern_keeps_the_policy_in_force_when_it_was_received(people, coordinator):
    default = TimescalePolicy.objects.get()
    stricter = TimescalePolicy.objects.create(
        name="2026 procedure", effective_from=D(2026, 6, 1), decision_days=1
    )
    before = concern_for(
        people[0], actor=coordinator, received_at=aware(D(2026, 5, 29))
    )
    after = concern_for(people[1], actor=coordinator, received_at=aware(D(2026, 6, 2)))
    assert before.policy == default and after.policy == stricter
    assert services.policy_in_force(D(2014, 1, 1)) == default


def test_a_policy_is_created_on_first_use_when_none_exists(db):
    TimescalePolicy.objects.all().delete()
    policy = services.policy_in_force(D(2026, 5, 1))
    assert (policy.screening_days, policy.decision_days, policy.strategy_days) == (
        0,
        2,
        5,
    )
    assert (policy.enquiry_days, policy.outcome_days, policy.review_days) == (20, 5, 30)


def test_a_concern_needs_a_type_of_risk_and_cannot_be_received_in_future(
    people, coordinator
):
    with pytest.raises(ValidationError):
        concern_for(people[0], actor=coordinator, risk_types=[])
    with pytest.raises(ValidationError):
        concern_for(
            people[0],
            actor=coordinator,
            received_at=timezone.now() + datetime.timedelta(days=1),
        )
