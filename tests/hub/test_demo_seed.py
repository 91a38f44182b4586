"""The demo (`seed_demo`, what `make demo` loads), seeded once for this
module through the real flows and rolled back after it: leads in the printed
logins, concerns and reablement episodes at every stage, some overdue,
triage decided minutes after each referral, the huddle board's delays; a
second run adds nothing.

Seeding 45 people takes a minute or two, so the tests here share one seeded
database (in a transaction of the module's, as the access matrix does) rather
than seeding it each."""

import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from cases.models import DelayRecord
from hub.demo import seed_demo
from reablement.models import Episode
from reablement.selectors import followups_overdue_q, reviews_overdue_q
from safeguarding.dashboard import concern_dashboard, concern_rows
from safeguarding.models import Concern
from triage.models import TriageDecision

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield seed_demo(people=45)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_demo_seeds_leads_and_concerns_at_every_stage_once(demo):
    leads = [
        user.username
        for (role, _), user in demo["users"].items()
        if role == "safeguarding_lead"
    ]
    assert sorted(leads) == [
        "lead.eastvale",
        "lead.northfield",
        "lead.riverside",
        "lead.southbrook",
    ]
    assert demo["cases"] == 45
    assert Concern.objects.count() == 42  # with one from the public, no NHS number
    manager = demo["users"][("manager", "northfield")]
    today = timezone.localdate()
    board = concern_dashboard(user=manager, params={}, today=today)
    stages = {row.stage for row in concern_rows(board["concerns"], today)}
    assert stages >= {
        "Screening",
        "Section 42 decision",
        "Strategy discussion",
        "Enquiry",
        "Outcome",
        "Safeguarding plan",
        "Plan review",
    }
    counts = {key: n for key, _, n in board["counts"]}
    assert counts["overdue"] > 0 and counts["on_time"] > 0
    assert Concern.objects.filter(status="DONE").exists()
    assert Concern.objects.filter(closure__early=True).exists()


def test_a_second_run_adds_nothing(demo):
    episodes = Episode.objects.count()
    again = seed_demo(people=45)
    assert again["cases"] == 0 and Concern.objects.count() == 42
    assert Episode.objects.count() == episodes
    assert ("safeguarding_lead", "northfield") in again["users"]


def test_demo_episodes_at_every_stage(demo):
    today = timezone.localdate()
    episodes = Episode.objects.all()
    # The first in PLAN order: goals waiting, a review not yet due, one
    # overdue, two reviews held (more with more people: `seed_demo`).
    assert episodes.count() >= 4
    assert episodes.filter(goals__start_score=-2).exists()
    assert episodes.filter(reviews_overdue_q(today)).exists()
    assert episodes.filter(reviews__number=2).exists()
    assert not episodes.filter(started_on=today).exists()
    assert episodes.filter(followups_overdue_q(today)).count() >= 0


def test_demo_triage_decided_minutes_after_the_referral(demo):
    """The demo's referral-to-triage median is a real figure: decisions come
    minutes after the referral, not when the demo was seeded (days later)."""
    waits = sorted(
        d.decided_at - d.case.referral.received_at
        for d in TriageDecision.objects.select_related("case__referral")
    )
    assert waits and waits[0] >= datetime.timedelta(0)
    assert waits[-1] <= datetime.timedelta(hours=4)
    assert (
        datetime.timedelta(minutes=5)
        < waits[len(waits) // 2]
        < datetime.timedelta(minutes=60)
    )


def test_the_demo_huddle_board_has_delayed_people_with_reasons(demo):
    assert DelayRecord.objects.filter(entered_in_error=False).exists()
    manager = next(u for (role, _), u in demo["users"].items() if role == "manager")
    client = Client()
    client.force_login(manager)
    html = client.get("/hub/huddle/").content.decode()
    record = DelayRecord.objects.filter(to_date__isnull=True).first()
    assert record.case.person.full_name in html
    assert record.owner_team in html
    assert "(fictional)" in html
