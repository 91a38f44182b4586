"""Reads of safeguarding data, and the one place that decides who sees it.

Concern details are for safeguarding leads and managers only. Whoever can see
a case may know that a concern about its person exists and its stage, nothing
more.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from viewflow.workflow.models import Task

from .models import Concern, TimescalePolicy
from .timescales import STAGES, StageClock, Status, clock_start, clock_status
from .timescales import concern_clock as _concern_clock

VIEW = "safeguarding.view_concern"
WORK = "safeguarding.work_concern"
MANAGE = "safeguarding.manage_concern"
RAISE = "safeguarding.raise_concern"
STAGE_RECORDS = tuple(stage.key for stage in STAGES)
OPEN_TASK = ("NEW", "ASSIGNED")


def can_see_details(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW)


def can_work(user) -> bool:
    return user.has_perm(WORK) or user.has_perm(MANAGE)


def concern_queryset() -> QuerySet[Concern]:
    open_tasks = (
        Task.objects.filter(flow_task_type="HUMAN", status__in=OPEN_TASK)
        .select_related("owner")
        .order_by("created")
    )
    return (
        Concern.objects.select_related("person__locality", "raised_by", "policy")
        # Prefetched, not joined: a join per stage makes PostgreSQL's planner slow.
        .prefetch_related("risk_types", "case", *STAGE_RECORDS)
        .prefetch_related(Prefetch("task_set", open_tasks, to_attr="open_tasks"))
    )


def concern_get_for_user(*, user, pk: int) -> Concern:
    """A concern's details: for safeguarding leads and managers only."""
    if not can_see_details(user):
        raise PermissionDenied("Safeguarding details are for leads and managers.")
    try:
        return concern_queryset().get(pk=pk)
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


def concern_clock(concern: Concern, today: datetime.date) -> list[StageClock]:
    """The concern's stages against the timescales of its own policy."""
    done = {}
    for key in STAGE_RECORDS:
        record = getattr(concern, key, None)
        if record is not None:
            done[key] = record.done_on
    decision = getattr(concern, "decision", None)
    outcome = getattr(concern, "outcome", None)
    return _concern_clock(
        start=clock_start(concern.received_at, concern.policy.day_ends_at),
        targets=policy_targets(concern.policy),
        done=done,
        route=decision.route if decision else None,
        plan_needed=outcome.risk_remains if outcome else None,
        today=today,
        stopped=not concern.is_open,
    )


def concern_status(concern: Concern, today: datetime.date) -> Status | None:
    if not concern.is_open:
        return None
    return clock_status(concern_clock(concern, today), today)


def policy_targets(policy: TimescalePolicy) -> dict[str, int]:
    return {stage.key: getattr(policy, stage.days_field) for stage in STAGES}


def lead_users() -> QuerySet:
    """Users who may work section 42 tasks (the safeguarding leads)."""
    from cases.roles import SAFEGUARDING_LEAD

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=SAFEGUARDING_LEAD)
        .distinct()
        .order_by("first_name", "last_name")
    )
