"""The reablement episode through its pages: it starts on a pathway 1
discharge home, reviews come on their due day from the flow's timers, each
review changes the visits and the hours, and it ends with a SALT sequel."""

import decimal

import pytest
import time_machine
from episode_kit import TODAY, days, discharge_home, review_data, set_goals, sweep

from cases.driver import open_task
from reablement.models import Episode

pytestmark = pytest.mark.django_db


@pytest.fixture
def discharged(hub, coordinator, provider):
    """A person born in 1940 discharged home on pathway 1 today."""
    hub.as_user(coordinator)
    return discharge_home(hub, provider)


def test_discharge_home_on_pathway_1_starts_an_episode(hub, discharged):
    episode = Episode.objects.get(case=discharged)
    assert episode.started_on == TODAY()
    assert episode.next_review_due == TODAY() + days(6)  # within the first week
    assert episode.end_due == TODAY() + days(42)
    assert episode.followup_due == TODAY() + days(91)  # born 1940: 65+
    # 30 + 20 minutes a day, every day: 350 minutes = 5.83 hours a week.
    assert episode.hours_at_start == decimal.Decimal("5.83")
    outcomes = set(episode.goals.values_list("outcome", flat=True))
    assert outcomes == {"hygiene", "nutrition"}
    assert open_task(episode, "goals") is not None
    page = hub.client.get(episode.get_absolute_url())
    assert page.status_code == 200
    assert "Reablement goals" in page.content.decode()
    timeline = hub.client.get(f"/hub/cases/{discharged.pk}/timeline/")
    assert "Reablement episode started" in timeline.content.decode()


def test_no_episode_for_pathway_0(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": "high", "reason": "Meets the criteria"},
    )
    assert not Episode.objects.filter(case=case).exists()


def test_timers_create_reviews_on_their_due_day(hub, discharged):
    episode = discharged.episode
    set_goals(hub, episode)
    assert episode.goals.filter(start_score=-2).count() == 2
    sweep(TODAY() + days(5))
    assert open_task(episode, "review") is None
    sweep(TODAY() + days(6), hour=0)
    assert open_task(episode, "review") is not None

    hub.do(episode, "review", review_data(episode, hours="4"))
    episode.refresh_from_db()
    assert episode.next_review_due == TODAY() + days(7)  # weekly from the review
    assert open_task(episode, "review") is None
    sweep(TODAY() + days(6))
    assert open_task(episode, "review") is None
    sweep(TODAY() + days(7))
    assert open_task(episode, "review") is not None


def test_review_overdue_on_my_day_and_the_list(hub, discharged, coordinator, manager):
    episode = discharged.episode
    set_goals(hub, episode)
    with time_machine.travel(TODAY() + days(8)):
        hub.as_user(coordinator)  # a new day, a new sign-in
        page = hub.client.get("/hub/").content.decode()
        assert "Reablement reviews and follow-ups overdue" in page
        assert discharged.reference in page.split("follow-ups overdue")[1]
        hub.as_user(manager)
        listed = hub.client.get("/episodes/?show=overdue").content.decode()
        assert "Overdue" in listed and discharged.referral.person.full_name in listed


def test_another_localitys_coordinator_sees_nothing(hub, discharged, other_coordinator):
    episode = discharged.episode
    hub.as_user(other_coordinator)
    assert hub.client.get(episode.get_absolute_url()).status_code == 404
    listed = hub.client.get("/episodes/").content.decode()
    assert discharged.reference not in listed
    task = open_task(episode, "goals")
    url = task.flow_task.reverse("assign", args=[episode.pk, task.pk])
    assert hub.client.post(url).status_code in (403, 404)
    assert hub.client.get(f"/episodes/{episode.pk}/readmission/").status_code == 404
