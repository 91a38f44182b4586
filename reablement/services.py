"""Writes to reablement episodes. Each service is atomic, told who acted,
and keeps history (django-simple-history) with a reason."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.status import STATUS

from cases.models import Pathway
from cases.services import _save
from cases.validators import age_on

from . import visits
from .codes import EARLY, LONG_TERM, Sequel
from .models import Episode, Goal, GoalScore, Readmission, Review
from .settings import setting


def _save_episode(episode: Episode, *, actor, reason: str) -> None:
    """Save the flow's process with who and why (Viewflow's own flow_class
    field cannot be run through full_clean; the forms checked the values)."""
    episode._history_user, episode._change_reason = actor, reason
    episode.save()


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def episode_start_for(*, case, discharge, actor) -> Episode | None:
    """Start the episode when a pathway 1 case is discharged home (called
    from the discharge's transaction); nothing for other pathways."""
    if case.pathway != Pathway.REABLEMENT or hasattr(case, "episode"):
        return None
    from .flows import ReablementFlow

    return ReablementFlow.start.run(case=case, discharge=discharge, actor=actor)


def episode_open(process: Episode, *, case, discharge, actor) -> Episode:
    """The flow's start: dates from the day of discharge, one goal per Care
    Act outcome of the support plan, the hours a week on the first day."""
    day = timezone.localdate(discharge.discharged_at)
    process.case = case
    process.started_on = day
    process.end_due = day + days(setting("LENGTH_DAYS"))
    process.next_review_due = day + days(setting("FIRST_REVIEW_DAYS"))
    age = age_on(case.person.date_of_birth, day)
    if age >= setting("FOLLOWUP_MIN_AGE"):
        process.followup_due = day + days(setting("FOLLOWUP_DAYS"))
    process.hours_at_start = visits.hours_per_week(process)
    _save_episode(process, actor=actor, reason="Discharged home on pathway 1")
    plan = getattr(case, "support_plan", None)
    for need in plan.needs.all() if plan else []:
        goal = Goal(episode=process, outcome=need.outcome, description=need.need)
        _save(goal, actor=actor, reason="From the support plan")
    return process


@transaction.atomic
def goals_record(*, episode: Episode, goals: dict, actor) -> None:
    """The goals agreed with the person and where each starts on the scale:
    {goal: (description, start score)}."""
    for goal, (description, score) in goals.items():
        goal.description, goal.start_score = description, score
        _save(goal, actor=actor, reason="Goal agreed")


@transaction.atomic
def review_record(
    *,
    episode: Episode,
    actor,
    held_on: datetime.date,
    progress: str,
    scores: dict,
    call_changes: dict,
    hours_without_plan=None,
    end_now: bool = False,
) -> Review:
    """A review: progress, each goal's score, the visits changed (history
    kept in rota), the hours a week after the change; the next review due."""
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "A review cannot be held in the future."})
    if held_on < episode.started_on:
        raise ValidationError({"held_on": "The review is after the discharge."})
    number = episode.reviews.count() + 1
    reason = f"Reablement review {number}"
    said = visits.calls_change(
        episode, changes=call_changes, actor=actor, reason=reason
    )
    if visits.plan_of(episode) is None and hours_without_plan is not None:
        hours = hours_without_plan
        said.append(f"hours a week set to {hours}")
    else:
        hours = visits.hours_per_week(episode)
    review = Review(
        episode=episode,
        number=number,
        due=episode.next_review_due or held_on,
        held_on=held_on,
        progress=progress,
        plan_change="; ".join(said) or "No change to the visits",
        hours_per_week=hours,
        end_now=end_now,
        reviewed_by=actor,
    )
    _save(review, actor=actor)
    for goal, score in scores.items():
        _save(GoalScore(review=review, goal=goal, score=score), actor=actor)
    if episode.state == Episode.State.ACTIVE:
        episode.next_review_due = held_on + days(setting("REVIEW_EVERY_DAYS"))
        _save_episode(episode, actor=actor, reason=reason)
    return review


def end_is_due(episode: Episode) -> bool:
    """After a review: end now when the reviewer said the goals are met, or
    when the next review would fall after the end is due."""
    last = episode.reviews.order_by("-number").first()
    if last is not None and last.end_now:
        return True
    due = episode.next_review_due
    return due is not None and due > episode.end_due


def _check_sequel(sequel: str, handover: dict, *, early_only=False) -> None:
    errors = {}
    if early_only and sequel not in EARLY:
        errors["sequel"] = "A readmission that ends reablement is an early cessation."
    if sequel in LONG_TERM:
        for name, words in (
            ("lts_provider", "Say who provides the long-term support."),
            ("lts_setting", "Say where the long-term support is given."),
            ("lts_start", "Say when the long-term support starts."),
            ("lts_hours", "Say how many hours a week of long-term support."),
        ):
            if handover.get(name) in (None, ""):
                errors[name] = words
    if errors:
        raise ValidationError(errors)


def _set_end(episode: Episode, *, on, sequel, note, handover) -> None:
    episode.state = Episode.State.ENDED
    episode.ended_on, episode.sequel, episode.end_note = on, sequel, note
    episode.next_review_due = None
    long_term = sequel in LONG_TERM
    episode.lts_provider = handover.get("lts_provider", "") if long_term else ""
    episode.lts_setting = handover.get("lts_setting", "") if long_term else ""
    episode.lts_start = handover.get("lts_start") if long_term else None
    episode.lts_hours = handover.get("lts_hours") if long_term else None
    episode.hours_at_end = visits.hours_per_week(episode)


@transaction.atomic
def episode_end(
    *,
    episode: Episode,
    actor,
    ended_on,
    sequel: str,
    note: str,
    end_scores: dict,
    handover: dict,
) -> Episode:
    """End of reablement: the sequel (SALT STS002a), the handover where
    long-term support follows, each goal's score at the end; the visits stop."""
    if ended_on < episode.started_on or ended_on > timezone.localdate():
        raise ValidationError(
            {"ended_on": "The end is between the discharge and today."}
        )
    _check_sequel(sequel, handover)
    for goal, score in end_scores.items():
        goal.end_score = score
        _save(goal, actor=actor, reason="Score at the end")
    _set_end(episode, on=ended_on, sequel=sequel, note=note, handover=handover)
    _save_episode(episode, actor=actor, reason=f"Ended: {Sequel(sequel).label}"[:100])
    visits.plan_end(episode, on=ended_on, actor=actor)
    return episode


@transaction.atomic
def readmission_record(
    *,
    episode: Episode,
    actor,
    admitted_on,
    reason: str,
    ends: bool,
    sequel: str = "",
    handover: dict | None = None,
) -> Readmission:
    """Readmitted to hospital: the episode pauses (reviews wait, the end
    moves on by the days away once it resumes) or ends early with a sequel."""
    if episode.state != Episode.State.ACTIVE:
        raise ValidationError("Only an active episode can be paused or ended.")
    if admitted_on < episode.started_on or admitted_on > timezone.localdate():
        raise ValidationError(
            {"admitted_on": "The admission is between the discharge and today."}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the person was readmitted."})
    handover = handover or {}
    if ends:
        _check_sequel(sequel, handover, early_only=True)
    readmission = Readmission(
        episode=episode,
        admitted_on=admitted_on,
        reason=reason.strip(),
        ends=ends,
        recorded_by=actor,
    )
    _save(readmission, actor=actor)
    if ends:
        _set_end(episode, on=admitted_on, sequel=sequel, note=reason, handover=handover)
        _save_episode(episode, actor=actor, reason="Ended on readmission")
        visits.plan_end(episode, on=admitted_on, actor=actor)
    else:
        episode.state, episode.paused_on = Episode.State.PAUSED, admitted_on
        _save_episode(episode, actor=actor, reason="Paused on readmission")
    _wake_review_timer(episode, timezone.now())
    return readmission


@transaction.atomic
def episode_resume(*, episode: Episode, actor, resumed_on) -> Episode:
    """Home again: the end moves on by the days in hospital, and the next
    review is due as a first review would be."""
    readmission = episode.readmissions.filter(ends=False, resumed_on=None).last()
    if episode.state != Episode.State.PAUSED or readmission is None:
        raise ValidationError("Only a paused episode can resume.")
    if resumed_on < episode.paused_on or resumed_on > timezone.localdate():
        raise ValidationError(
            {"resumed_on": "Home again between the admission and today."}
        )
    readmission.resumed_on = resumed_on
    _save(readmission, actor=actor, reason="Home again")
    episode.end_due += resumed_on - episode.paused_on
    episode.state, episode.paused_on = Episode.State.ACTIVE, None
    episode.next_review_due = resumed_on + days(setting("FIRST_REVIEW_DAYS"))
    _save_episode(episode, actor=actor, reason="Resumed after readmission")
    _wake_review_timer(episode, review_moment(episode.next_review_due))
    return episode


def review_moment(day: datetime.date) -> datetime.datetime:
    """A review is created at the start of the day it is due."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _wake_review_timer(episode: Episode, when) -> None:
    """The waiting review timer fires at `when` (now, when the episode
    ended: the flow moves on to the follow-up at the next sweep)."""
    from .flows import ReablementFlow

    episode.task_set.filter(
        flow_task=ReablementFlow.wait_review, status=STATUS.SCHEDULED
    ).update(scheduled=when)


@transaction.atomic
def followup_record(*, episode: Episode, actor, where: str, on, note: str) -> Episode:
    """Where the person is 91 days after discharge (STS004 / ASCOF 2B)."""
    if on > timezone.localdate():
        raise ValidationError({"followup_on": "The follow-up is today or earlier."})
    episode.followup_where, episode.followup_on, episode.followup_note = where, on, note
    _save_episode(episode, actor=actor, reason="91-day follow-up")
    return episode
