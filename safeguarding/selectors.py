"""Reads of safeguarding data, and the one place that decides who sees it.

Concern details are for safeguarding leads and managers only: a lead sees
the concerns about adults living in their own localities, a manager every
concern in the county. Whoever can see a case may know that a concern about
its person exists and its stage, nothing more.
"""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from viewflow.workflow.models import Task

from cases.roles import SAFEGUARDING_LEAD, is_manager, users_with_role
from cases.rules import VIEW_PERSON
from cases.selectors import people_visible, user_localities

from .models import Concern, TimescalePolicy
from .rules import CLOSE, MANAGE, RAISE, VIEW, WORK  # noqa: F401  (used by views)
from .timescales import (
    STAGES,
    Pause,
    StageClock,
    Status,
    clock_start,
    clock_status,
    next_due,
    targets_for,
)
from .timescales import concern_clock as _concern_clock

# One record per stage; plan reviews repeat (the latest counts).
STAGE_RECORDS = tuple(stage.key for stage in STAGES if stage.key != "review")
SIDE_RECORDS = ("reviews", "pauses", "advocacy_referrals", "trust_referrals")
OPEN_TASK = ("NEW", "ASSIGNED")


def can_see_details(user) -> bool:
    return user.has_perm(VIEW)


def concern_scope_q(user) -> Q:
    """The concerns whose details a user may see, as a filter on Concern:
    a manager (or superuser) every concern; a safeguarding lead those about
    adults in their own localities; anyone else none."""
    if not can_see_details(user):
        return Q(pk__in=[])
    if user.is_superuser or is_manager(user):
        return Q()
    return Q(person__locality__in=user_localities(user))


def concern_queryset() -> QuerySet[Concern]:
    open_tasks = (
        Task.objects.filter(flow_task_type="HUMAN", status__in=OPEN_TASK)
        .select_related("owner")
        .order_by("created")
    )
    return (
        Concern.objects.select_related("person__locality", "raised_by", "policy")
        # Prefetched, not joined: a join per stage makes PostgreSQL's planner slow.
        .prefetch_related("risk_types", "case", *STAGE_RECORDS, *SIDE_RECORDS)
        .prefetch_related(Prefetch("task_set", open_tasks, to_attr="open_tasks"))
    )


def concern_get_for_user(*, user, pk: int) -> Concern:
    """A concern's details, or 404 outside the user's scope (only leads and
    managers have one: safeguarding/rules.py)."""
    try:
        return concern_queryset().filter(concern_scope_q(user)).get(pk=pk)
    except Concern.DoesNotExist:
        raise Http404("No such concern.") from None


def case_concerns(case) -> QuerySet[Concern]:
    """The concerns about a case's person: raised on this case or any other."""
    people = Q(case=case) | Q(person_id=case.referral.person_id)
    return concern_queryset().filter(people).order_by("received_at")


def person_concerns_open(case) -> QuerySet[Concern]:
    return case_concerns(case).filter(status="NEW")


def case_concerns_for_user(*, user, case) -> list[tuple[Concern, bool]]:
    """The concerns about a case's person, and whether the user may see the
    details. Whoever can see the case knows that a concern exists and its
    stage (it matters at every decision); leads and managers see the details."""
    details = can_see_details(user)
    return [(concern, details) for concern in case_concerns(case)]


def concerns_raised_by(user) -> QuerySet[Concern]:
    return concern_queryset().filter(raised_by=user).order_by("-received_at")


def concern_adult_for(user, concern: Concern) -> str:
    """The adult as this user may know them: by name when the person is in
    their scope, else by the NHS number a concern is raised with, so raising
    one never tells who a number belongs to."""
    person = concern.person
    if user.has_perm(VIEW_PERSON, person):
        return person.full_name
    return f"NHS number {person.nhs_number_display}"


def concern_adults_for(user, concerns: list[Concern]) -> dict[int, str]:
    """`concern_adult_for` for a page of concerns, in one query."""
    if user.has_perm(VIEW_PERSON):
        known = {concern.person_id for concern in concerns}
    else:
        ids = {concern.person_id for concern in concerns}
        known = set(people_visible(user, ids))
    return {
        concern.pk: concern.person.full_name
        if concern.person_id in known
        else f"NHS number {concern.person.nhs_number_display}"
        for concern in concerns
    }


def case_has_concern_since_risk_screen(case, screen) -> bool:
    """Whether the risk screen's safeguarding indicator has been acted on: a
    concern raised from it, or any concern on the case raised after it."""
    concerns = Concern.objects.filter(case=case)
    return (
        concerns.filter(raised_from="risk_screen").exists()
        or concerns.filter(created__gte=screen.screened_at).exists()
    )


def concern_stage(concern: Concern) -> str:
    """The stage a concern is at: its open tasks, or how it ended."""
    tasks = _open_tasks(concern)
    if tasks:
        return " + ".join(task.flow_task.task_title for task in tasks)
    closure = getattr(concern, "closure", None)
    if closure is not None:
        return "Closed early" if closure.early else "Closed"
    return "Closed" if not concern.is_open else "Starting"


def concern_lead(concern: Concern):
    """Who holds the concern's current task (None: it is in the leads' queue)."""
    owners = [task.owner for task in _open_tasks(concern) if task.owner_id]
    return owners[0] if owners else None


def _open_tasks(concern: Concern) -> list[Task]:
    tasks = getattr(concern, "open_tasks", None)
    if tasks is None:
        tasks = list(
            concern.task_set.filter(flow_task_type="HUMAN", status__in=OPEN_TASK)
            .select_related("owner")
            .order_by("created")
        )
    return tasks


def last_review(concern: Concern):
    """The latest plan review (None: not reviewed yet)."""
    reviews = list(concern.reviews.all())
    return reviews[-1] if reviews else None


def concern_pauses(concern: Concern, today: datetime.date) -> list[Pause]:
    """The police-investigation pauses; one still running ends tomorrow (as
    far as today's figures go)."""
    tomorrow = today + datetime.timedelta(days=1)
    return [
        Pause(pause.paused_on, pause.resumed_on or tomorrow)
        for pause in concern.pauses.all()
    ]


def concern_paused(concern: Concern) -> bool:
    return any(pause.active for pause in concern.pauses.all())


def concern_clock(concern: Concern, today: datetime.date) -> list[StageClock]:
    """The concern's stages against the timescales of its own policy."""
    done = {}
    for key in STAGE_RECORDS:
        record = getattr(concern, key, None)
        if record is not None:
            done[key] = record.done_on
    review = last_review(concern)
    restart = None
    if review is not None and review.risk_managed:
        done["review"] = review.done_on
    elif review is not None:
        restart = (review.reviewed_on, review.next_review_on)
    decision = getattr(concern, "decision", None)
    outcome = getattr(concern, "outcome", None)
    return _concern_clock(
        start=clock_start(concern.received_at, concern.policy.day_ends_at),
        targets=policy_targets(concern.policy, concern.urgency),
        done=done,
        route=decision.route if decision else None,
        plan_needed=outcome.risk_remains if outcome else None,
        today=today,
        stopped=not concern.is_open,
        pauses=concern_pauses(concern, today),
        review_restart=restart,
    )


def concerns_with_a_stage_since(day: datetime.date, since: datetime.datetime) -> Q:
    """Concerns with a stage record (a review included) recorded at or after
    `since` (local midnight starting `day`), or dated (held, concluded,
    reviewed) on or after `day`: every concern with a stage done since then,
    as a stage's `done_on` is one of those dates, and some more. The figures
    work out the clocks of these only, not of every concern open in the
    period (at 100,000 cases, 420 concerns' clocks: 0.6 s)."""
    records = [Concern._meta.get_field(key).related_model for key in STAGE_RECORDS]
    records.append(Concern._meta.get_field("reviews").related_model)
    found = Q()
    for model in records:
        when = Q(recorded_at__gte=since)
        for field in ("held_on", "concluded_on", "reviewed_on"):
            if any(f.name == field for f in model._meta.concrete_fields):
                when |= Q(**{f"{field}__gte": day})
        found |= Q(pk__in=model.objects.filter(when).values("concern_id"))
    return found


def task_clock(concern: Concern, task: Task, today: datetime.date):
    """The clock of the stage a section 42 task is for (None: no such stage)."""
    key = task.flow_task.name
    return next((c for c in concern_clock(concern, today) if c.key == key), None)


def concern_next_due(concern: Concern, today: datetime.date) -> datetime.date | None:
    """The due date of the concern's earliest-due open stage (None when it is
    closed or nothing is due): what `Concern.next_due_on` stores."""
    if not concern.is_open:
        return None
    clock = next_due(concern_clock(concern, today))
    return clock.due if clock else None


def concern_status(concern: Concern, today: datetime.date) -> Status | None:
    if not concern.is_open:
        return None
    clocks = concern_clock(concern, today)
    return clock_status(clocks, today, paused=concern_paused(concern))


def policy_targets(policy: TimescalePolicy, urgency: str = "routine") -> dict:
    return targets_for(policy, urgency)


def lead_users() -> QuerySet:
    """Users who may work section 42 tasks (the safeguarding leads)."""
    return users_with_role(SAFEGUARDING_LEAD)
