"""Work lists: the discharge tasks a user holds or may take, most urgent first.

Each row says who the task is about, which case, where, how urgent it is
(priority, discharge ready date and delay) and how long the step has been
waiting. The rows of a list come from one query: the case, its person and
locality are joined to the task, so a longer list costs no more queries.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .models import DischargeCase, Priority
from .selectors import case_scope

CASE = "process__dischargecase__"
DRD = f"{CASE}referral__discharge_ready_date"
URGENCY_ORDER = (Priority.URGENT, Priority.HIGH, Priority.ROUTINE)


def tasks_by_urgency(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Discharge tasks with their case joined, ordered by what to do first:
    the case's priority, then the longest delay (the earliest discharge ready
    date), then the task that has waited longest."""
    urgency = Case(
        *(
            When(**{f"{CASE}priority": priority}, then=Value(rank))
            for rank, priority in enumerate(URGENCY_ORDER)
        ),
        default=Value(len(URGENCY_ORDER)),
        output_field=IntegerField(),
    )
    return (
        tasks.select_related(f"{CASE}referral__person", f"{CASE}locality")
        .annotate(urgency=urgency)
        .order_by("urgency", F(DRD).asc(nulls_last=True), "created", "pk")
    )


def task_list_held(user) -> QuerySet[Task]:
    """The discharge tasks the user holds (their inbox), in scope."""
    tasks = Task.objects.filter(owner=user, status=STATUS.ASSIGNED)
    return tasks_by_urgency(_in_scope(tasks, user))


def task_list_waiting(user) -> QuerySet[Task]:
    """The discharge tasks waiting to be taken that the user may take (their
    queue: their localities' steps of the kind their role does), in scope."""
    tasks = Task.objects.user_queue(user).filter(status=STATUS.NEW)
    return tasks_by_urgency(_in_scope(tasks, user))


def _in_scope(tasks: QuerySet[Task], user) -> QuerySet[Task]:
    return tasks.filter(
        flow_task_type="HUMAN", process__in=case_scope(user).values("pk")
    )


@dataclass(frozen=True)
class WorkItem:
    """One row of a work list, as the user reads it."""

    task: Task
    case: DischargeCase
    delay_days: int | None
    waiting_days: int

    @property
    def title(self) -> str:
        return str(self.task.flow_task.task_title)

    @property
    def execute_url(self) -> str:
        return task_execute_url(self.task)

    @property
    def assign_url(self) -> str:
        return task_take_url(self.task)


def task_execute_url(task: Task) -> str:
    return task.flow_task.reverse("execute", args=[task.process_id, task.pk])


def task_take_url(task: Task) -> str:
    """Where Take posts: the task is assigned, then the user goes straight on
    to doing it (Viewflow's `back`), in any flow."""
    assign = task.flow_task.reverse("assign", args=[task.process_id, task.pk])
    return f"{assign}?back={quote(task_execute_url(task))}"


def task_action(task: Task, user) -> tuple[str, str] | None:
    """The button a user sees for a task on its record's page: Open (theirs),
    Take (one they may take), or nothing."""
    node = task.flow_task
    if node.can_execute(user, task):
        return ("Open", task_execute_url(task))
    if node.can_assign(user, task):
        return ("Take", task_take_url(task))
    return None


def work_items(tasks, today: datetime.date | None = None) -> list[WorkItem]:
    """The rows of a work list (`tasks` from `tasks_by_urgency`)."""
    today = today or timezone.localdate()
    items = []
    for task in tasks:
        case = task.process.dischargecase
        items.append(
            WorkItem(task, case, case.delay_days(today), task_waiting_days(task, today))
        )
    return items


def task_waiting_days(task: Task, today: datetime.date) -> int:
    """Whole days since the step was reached."""
    return max((today - timezone.localtime(task.created).date()).days, 0)


def days_text(days: int | None) -> str:
    """ "today", "1 day", "3 days"; a dash when there is no clock."""
    if days is None:
        return "—"
    if days == 0:
        return "today"
    return f"{days} day{'' if days == 1 else 's'}"


def delay_text(days: int | None) -> str:
    """Days in hospital after the discharge ready date, in words."""
    if days is None:
        return "no DRD"
    if days == 0:
        return "none"
    return f"{days} day{'' if days == 1 else 's'}"


# Panels other apps add to My day (registered from their AppConfig.ready(),
# so this core imports none of them): each takes the user and returns
# (template name, context) to show, or None.
_MY_DAY_PANELS: list = []


def my_day_panel(panel):
    """Register a panel for My day."""
    if panel not in _MY_DAY_PANELS:
        _MY_DAY_PANELS.append(panel)
    return panel


def my_day_panels(user) -> list[tuple[str, dict]]:
    """The panels that have something to show this user, in order."""
    return [shown for panel in _MY_DAY_PANELS if (shown := panel(user)) is not None]
