"""Reviews change the visit plan and the hours; the end is coded with its
SALT sequel; readmission pauses or ends; the 91-day follow-up is for 65+."""

import datetime
import decimal

import pytest
from django.core.management import call_command
from episode_kit import TODAY, days, discharge_home, review_data, set_goals, sweep

from cases.driver import open_task
from reablement.models import Episode
from rota.models import PlannedCall, Team
from rota.services import visit_plan_create

pytestmark = pytest.mark.django_db


def reviewed_to_end(hub, case, **review):
    """Goals set, the first review on its day saying the goals are met."""
    episode = case.episode
    set_goals(hub, episode)
    sweep(episode.next_review_due)
    hub.do(episode, "review", review_data(episode, score=0, end_now=True, **review))
    assert open_task(episode, "ending") is not None
    return episode


def end_data(episode, sequel, **extra):
    data = {"ended_on": TODAY().isoformat(), "sequel": sequel, "note": "Agreed"}
    for goal in episode.goals.all():
        data[f"end_{goal.pk}"] = 1
    return {**data, **extra}


def test_a_review_changes_the_visit_plan_and_the_hours(
    hub, coordinator, provider, localities
):
    hub.as_user(coordinator)
    case = discharge_home(hub, provider)
    team = Team.objects.create(
        name="Northfield team",
        locality=localities[0],
        provider=provider,
        base_postcode="NF1 1AA",
    )
    plan = visit_plan_create(case=case, team=team, actor=coordinator)
    morning, lunch = plan.calls.order_by("window_start")
    episode = case.episode
    set_goals(hub, episode)
    sweep(episode.next_review_due)
    # Morning call from 30 to 20 minutes; the lunch call stops.
    hub.do(episode, "review", review_data(episode, calls={morning.pk: 20, lunch.pk: 0}))
    morning.refresh_from_db()
    lunch.refresh_from_db()
    assert morning.minutes == 20 and not lunch.active
    changed = PlannedCall.history.filter(id=morning.pk).latest()
    assert changed.history_user == coordinator
    assert changed.history_change_reason == "Reablement review 1"
    review = episode.reviews.get()
    assert review.hours_per_week == decimal.Decimal("2.33")  # 20 min x 7 days
    assert "stopped" in review.plan_change
    assert episode.goals.first().scores.get(review=review).score == -1
    shown = hub.client.get(episode.get_absolute_url()).content.decode()
    assert "2.33" in shown and "Showers with the rail" in shown


def test_review_with_bad_input_changes_nothing(hub, coordinator, provider):
    hub.as_user(coordinator)
    case = discharge_home(hub, provider)
    episode = case.episode
    set_goals(hub, episode)
    sweep(episode.next_review_due)
    data = review_data(episode)
    data["progress"] = ""  # and no hours for an outside provider
    response = hub.do(episode, "review", data, expect=200)
    assert "This field is required" in response.content.decode()
    assert not episode.reviews.exists()


@pytest.mark.parametrize(
    "sequel",
    ["no_needs", "low_level", "sts_other", "early_nhs", "lts"],
)
def test_end_with_each_kind_of_outcome(hub, coordinator, provider, sequel):
    hub.as_user(coordinator)
    case = discharge_home(hub, provider)
    episode = reviewed_to_end(hub, case, hours="3")
    if sequel == "lts":
        response = hub.do(episode, "ending", end_data(episode, sequel), expect=200)
        assert "Say who provides the long-term support." in response.content.decode()
        episode.refresh_from_db()
        assert episode.state == Episode.State.ACTIVE
        handover = {
            "lts_provider": "Homecare North",
            "lts_setting": "community",
            "lts_start": (TODAY() + days(1)).isoformat(),
            "lts_hours": "7",
        }
        hub.do(episode, "ending", end_data(episode, sequel, **handover))
    else:
        hub.do(episode, "ending", end_data(episode, sequel))
    episode.refresh_from_db()
    assert episode.state == Episode.State.ENDED and episode.sequel == sequel
    assert episode.hours_at_end == decimal.Decimal("5.83")
    assert set(episode.goals.values_list("end_score", flat=True)) == {1}
    if sequel == "lts":
        assert episode.lts_provider == "Homecare North"
        assert episode.lts_hours == decimal.Decimal("7")
    else:
        assert episode.lts_provider == ""
    assert Episode.history.filter(id=episode.pk).latest().history_user == coordinator
    # Born 1940: the follow-up waits for day 91.
    assert open_task(episode, "followup") is None
    sweep(TODAY() + days(90))
    assert open_task(episode, "followup") is None
    sweep(TODAY() + days(91))
    assert open_task(episode, "followup") is not None


def test_followup_at_91_days_records_where_the_person_is(hub, coordinator, provider):
    hub.as_user(coordinator)
    case = discharge_home(hub, provider)
    episode = reviewed_to_end(hub, case, hours="3")
    hub.do(episode, "ending", end_data(episode, "no_needs"))
    sweep(TODAY() + days(91))
    hub.do(
        episode,
        "followup",
        {"where": "not_known", "followup_on": TODAY().isoformat(), "note": "No answer"},
    )
    episode.refresh_from_db()
    assert episode.followup_where == "not_known"
    assert episode.status == "DONE"  # the flow finished


def test_no_followup_under_65(hub, coordinator, provider):
    hub.as_user(coordinator)
    born = (TODAY() - datetime.timedelta(days=365 * 64 + 30)).isoformat()
    case = discharge_home(hub, provider, born=born)
    episode = case.episode
    assert episode.followup_due is None
    reviewed_to_end(hub, case, hours="3")
    hub.do(episode, "ending", end_data(episode, "universal"))
    episode.refresh_from_db()
    assert episode.status == "DONE"
    sweep(TODAY() + days(92))
    assert open_task(episode, "followup") is None


def test_readmission_pauses_then_resumes(hub, coordinator, provider):
    hub.as_user(coordinator)
    case = discharge_home(hub, provider)
    episode = case.episode
    set_goals(hub, episode)
    url = f"/episodes/{episode.pk}/readmission/"
    bad = hub.client.post(url, {"admitted_on": TODAY().isoformat(), "ends": "0"})
    assert bad.status_code == 200 and not episode.readmissions.exists()
    hub.client.post(
        url, {"admitted_on": TODAY().isoformat(), "reason": "A fall", "ends": "0"}
    )
    episode.refresh_from_db()
    assert episode.state == Episode.State.PAUSED
    sweep(TODAY() + days(6))
    assert open_task(episode, "review") is None  # no review while in hospital
    assert episode.readmissions.get().reason == "A fall"

    hub.client.post(
        f"/episodes/{episode.pk}/resume/", {"resumed_on": TODAY().isoformat()}
    )
    episode.refresh_from_db()
    assert episode.state == Episode.State.ACTIVE
    assert episode.next_review_due == TODAY() + days(6)
    sweep(TODAY() + days(6))
    assert open_task(episode, "review") is not None
    timeline = hub.client.get(f"/hub/cases/{case.pk}/timeline/").content.decode()
    assert "Readmitted to hospital: reablement paused" in timeline


def test_readmission_ends_the_episode(hub, coordinator, provider):
    hub.as_user(coordinator)
    case = discharge_home(hub, provider)
    episode = case.episode
    set_goals(hub, episode)
    url = f"/episodes/{episode.pk}/readmission/"
    refused = hub.client.post(
        url,
        {
            "admitted_on": TODAY().isoformat(),
            "reason": "Stroke",
            "ends": "1",
            "sequel": "no_needs",
        },
    )
    assert refused.status_code == 200  # only an early cessation
    hub.client.post(
        url,
        {
            "admitted_on": TODAY().isoformat(),
            "reason": "Stroke",
            "ends": "1",
            "sequel": "early_nhs",
        },
    )
    episode.refresh_from_db()
    assert episode.state == Episode.State.ENDED and episode.sequel == "early_nhs"
    call_command("workflow_timers", verbosity=0)  # fires at once: on to the follow-up
    assert open_task(episode, "review") is None
    assert (
        episode.task_set.filter(flow_task_type="TIMER", status="SCHEDULED")
        .get()
        .flow_task.name
        == "wait_followup"
    )
