"""Demo reablement episodes at every stage, driven through the flow and
its services: the demo's pathway 1 people discharged home are moved back in
time (discharged 1 to 100 days ago) so that their episodes show goals being
set, reviews waiting and overdue, paused on readmission, ended with each
kind of SALT sequel, and 91-day follow-ups due, overdue and recorded."""

import datetime
import decimal

from django.db.models import F
from django.utils import timezone
from viewflow.workflow.timers import fire_due_timers

from cases.driver import open_task, task_complete
from cases.models import Discharge, DischargeCase
from reablement import services, visits
from reablement.codes import LONG_TERM, WhereAt91
from reablement.models import Episode

DAY = datetime.timedelta(days=1)
# (days since discharge, what happens), in turn for each demo episode.
PLAN = [
    (1, "goals"),  # goals still to agree
    (3, "waiting"),  # first review not yet due
    (9, "overdue"),  # first review due on day 6, not held
    (20, "reviewing"),  # two reviews held, the next one due
    (12, "paused"),  # readmitted after the first review
    (30, "low_level"),  # ended early: goals met, ongoing low-level support
    (44, "no_needs"),
    (45, "lts"),  # long-term support follows, with its handover
    (16, "early_nhs"),  # readmission ended it
    (96, "followup_overdue"),  # ended; the 91-day follow-up not recorded
    (100, "home"),  # follow-up recorded: at home
    (97, "not_known"),  # follow-up recorded: not known
    (43, "universal"),
    (50, "sts_other"),
    (14, "early_other"),  # readmission ended it (another reason)
    (35, "early_lts"),  # ended early, long-term support follows
    (40, "self_funding"),
    (38, "declined"),
    (93, "hospital"),  # follow-up recorded: in hospital
    (99, "died"),  # follow-up recorded: died
    (95, "care_home"),  # follow-up recorded: in a care home
]
SEQUEL_OF = {
    "followup_overdue": "no_needs",
    "home": "universal",
    "not_known": "lts",
    "hospital": "low_level",
    "died": "no_needs",
    "care_home": "lts",
}
WHERE_OF = {
    "home": WhereAt91.HOME,
    "not_known": WhereAt91.NOT_KNOWN,
    "hospital": WhereAt91.HOSPITAL,
    "died": WhereAt91.DIED,
    "care_home": WhereAt91.CARE_HOME,
}
ENDED_BY_READMISSION = ("early_nhs", "early_other")


def seed_reablement(reference: dict) -> int:
    """Once: the episodes not yet moved back (all started today)."""
    today = timezone.localdate()
    episodes = Episode.objects.filter(started_on=today, reviews=None).order_by("pk")
    done = 0
    for episode, (age, stage) in zip(episodes, PLAN, strict=False):
        coordinator = reference["users"][("coordinator", episode.case.locality.code)]
        _back_date(episode, age)
        _drive(episode, stage, coordinator, today - age * DAY)
        done += 1
    return done


def _back_date(episode: Episode, age: int) -> None:
    """The discharge `age` days ago: the case, its discharge and the episode's
    dates move together (demo data only; no one changed them)."""
    shift = datetime.timedelta(days=age)
    Discharge.objects.filter(case=episode.case).update(
        discharged_at=F("discharged_at") - shift
    )
    DischargeCase.objects.filter(pk=episode.case_id).update(
        actual_discharge=F("actual_discharge") - shift
    )
    Episode.objects.filter(pk=episode.pk).update(
        started_on=F("started_on") - shift,
        end_due=F("end_due") - shift,
        next_review_due=F("next_review_due") - shift,
        followup_due=F("followup_due") - shift,
    )
    episode.refresh_from_db()
    _reschedule(episode)


def _reschedule(episode: Episode) -> None:
    """The waiting timers follow the (moved) dates, and those due fire now,
    as the every-minute sweep would have."""
    timers = episode.task_set.filter(flow_task_type="TIMER", status="SCHEDULED")
    for task in timers:
        node = task.flow_task.name
        day = episode.next_review_due if node == "wait_review" else episode.followup_due
        paused = node == "wait_review" and episode.state != Episode.State.ACTIVE
        if day is not None and not paused:
            task.scheduled = services.review_moment(day)
            task.save(update_fields=["scheduled"])
    fire_due_timers()
    episode.refresh_from_db()


def _do(episode, node, actor, perform) -> bool:
    task = open_task(episode, node)
    if task is None:
        return False
    task_complete(task, actor=actor, perform=perform)
    episode.refresh_from_db()
    return True


def _drive(episode: Episode, stage: str, actor, started) -> None:
    if stage == "goals":
        return
    goals = {
        g: (f"To manage {g.get_outcome_display().lower()} again", -2)
        for g in episode.goals.all()
    }
    _do(
        episode,
        "goals",
        actor,
        lambda e: services.goals_record(episode=e, goals=goals, actor=actor),
    )
    if stage in ("waiting", "overdue"):
        return
    reviews = 2 if stage == "reviewing" else 1
    for number in range(reviews):
        _review(
            episode,
            actor,
            started + (6 + 7 * number) * DAY,
            end_now=stage in SEQUEL_OF or stage in ENDING_SEQUELS,
        )
        if number + 1 < reviews:
            _reschedule(episode)
    if stage == "reviewing":
        return
    if stage == "paused" or stage in ENDED_BY_READMISSION:
        _readmit(episode, actor, started + 9 * DAY, sequel=stage)
        return
    sequel = SEQUEL_OF.get(stage, stage)
    # Four to six weeks, not all alike, so the demo's lengths spread.
    ended = min(started + (28 + episode.pk % 15) * DAY, timezone.localdate())
    handover = {}
    if sequel in LONG_TERM:
        handover = {
            "lts_provider": "Homecare North (fictional)",
            "lts_setting": "community",
            "lts_start": ended + DAY,
            "lts_hours": decimal.Decimal("5.25"),
        }
    scores = dict.fromkeys(episode.goals.all(), 0)
    _do(
        episode,
        "ending",
        actor,
        lambda e: services.episode_end(
            episode=e,
            actor=actor,
            ended_on=ended,
            sequel=sequel,
            note="Agreed with the person at the last review.",
            end_scores=scores,
            handover=handover,
        ),
    )
    _reschedule(episode)
    if stage in WHERE_OF:
        where = WHERE_OF[stage]
        _do(
            episode,
            "followup",
            actor,
            lambda e: services.followup_record(
                episode=e,
                actor=actor,
                where=where,
                on=episode.followup_due,
                note="No answer twice." if stage == "not_known" else "Phoned.",
            ),
        )


ENDING_SEQUELS = {
    "low_level",
    "no_needs",
    "lts",
    "universal",
    "sts_other",
    "early_lts",
    "self_funding",
    "declined",
}


def _review(episode, actor, held_on, *, end_now: bool) -> None:
    _reschedule(episode)  # the review's timer fires (its day has passed)
    calls = visits.active_calls(episode)
    changes = {calls[-1].pk: 0} if len(calls) > 1 else {}
    scores = dict.fromkeys(episode.goals.all(), -1)
    _do(
        episode,
        "review",
        actor,
        lambda e: services.review_record(
            episode=e,
            actor=actor,
            held_on=min(held_on, timezone.localdate()),
            progress="Washing with prompting only; making hot drinks safely.",
            scores=scores,
            call_changes=changes,
            hours_without_plan=max(episode.hours_at_start - 2, decimal.Decimal(0)),
            end_now=end_now,
        ),
    )


def _readmit(episode, actor, admitted_on, *, sequel: str) -> None:
    ends = sequel in ENDED_BY_READMISSION
    services.readmission_record(
        episode=episode,
        actor=actor,
        admitted_on=admitted_on,
        reason="Fall at home; admitted through A&E."
        if not ends
        else "Stroke: admitted to the stroke unit.",
        ends=ends,
        sequel=sequel if ends else "",
    )
    _reschedule(episode)
