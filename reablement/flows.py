"""The reablement episode: from a pathway 1 discharge home to the end of
reablement and, for people aged 65+, the follow-up 91 days after discharge.

    start (discharge confirmed) -> goals -> wait_review (timer: the day the
    next review is due) -> route -> review -> after_review -> ... weekly ...
    -> ending -> needs_followup -> wait_followup (timer: discharge + 91 days)
    -> followup -> end

A readmission pauses the episode (the timer waits until it resumes) or ends
it (the timer fires at once and the flow goes on to the follow-up).
Timers are fired by `manage.py workflow_timers` (cron, every minute).
"""

import datetime

from django.utils import timezone
from viewflow import this
from viewflow.workflow import flow

from cases.locking import row_lock
from cases.scoping import CaseTask, HubActionsOnlyMixin, ScopedFlowMixin

from . import taskviews
from .models import Episode
from .rules import REVIEW, VIEW, WORK, episode_scope_q
from .services import end_is_due, episode_open, review_moment

ENDED, PAUSED = Episode.State.ENDED, Episode.State.PAUSED


class ReablementFlow(HubActionsOnlyMixin, ScopedFlowMixin, flow.Flow):
    """Reablement episode

    Goals, weekly reviews, the end of reablement and the 91-day follow-up.
    """

    app_permission = view_permission = VIEW
    process_scope_q = staticmethod(episode_scope_q)

    process_class = Episode
    lock_impl = row_lock
    process_summary_template = (
        "{{ process.case.reference }} {{ process.case.referral.person.full_name }}"
    )
    summary_related = ("case__referral__person",)

    start = flow.StartHandle(this.open_episode).Next(this.goals)
    goals = (
        CaseTask(taskviews.GoalsView.as_view())
        .Annotation(title="Reablement goals")
        .Permission(WORK)
        .Next(this.wait_review)
    )
    wait_review = flow.Timer(this.review_time).Next(this.route)
    route = (
        flow.Switch()
        .Case(this.needs_followup, lambda a: a.process.state == ENDED)
        .Case(this.wait_review, lambda a: a.process.state == PAUSED)
        .Default(this.review)
    )
    review = (
        CaseTask(taskviews.ReviewView.as_view())
        .Annotation(title="Reablement review")
        .Permission(REVIEW)
        .Next(this.after_review)
    )
    after_review = (
        flow.Switch()
        .Case(this.needs_followup, lambda a: a.process.state == ENDED)
        .Case(this.ending, lambda a: end_is_due(a.process))
        .Default(this.wait_review)
    )
    ending = (
        CaseTask(taskviews.EndView.as_view())
        .Annotation(title="End of reablement")
        .Permission(WORK)
        .Next(this.needs_followup)
    )
    needs_followup = (
        flow.If(lambda a: a.process.followup_due is not None)
        .Then(this.wait_followup)
        .Else(this.end)
    )
    wait_followup = flow.Timer(this.followup_time).Next(this.followup)
    followup = (
        CaseTask(taskviews.FollowUpView.as_view())
        .Annotation(title="91-day follow-up")
        .Permission(WORK)
        .Next(this.end)
    )
    end = flow.End()

    def open_episode(self, activation, *, case, discharge, actor) -> Episode:
        return episode_open(
            activation.process, case=case, discharge=discharge, actor=actor
        )

    def review_time(self, activation) -> datetime.datetime:
        """The start of the day the next review is due; while paused, look
        again tomorrow (resuming sets the day); once ended, at once."""
        episode = activation.process
        if episode.state == ENDED or episode.next_review_due is None:
            return timezone.now()
        if episode.state == PAUSED:
            return timezone.now() + datetime.timedelta(days=1)
        return review_moment(episode.next_review_due)

    def followup_time(self, activation) -> datetime.datetime:
        return review_moment(activation.process.followup_due)
