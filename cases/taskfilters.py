"""Filters for Viewflow's lists, in place of Viewflow's own.

Viewflow's filters list every process in the user's queue and read every
task of the flow to offer its steps (a scan of the whole task table, and a
list of processes from outside the user's scope). Here the steps offered are
the flow's own nodes (no query) and the rows are the view's, already scoped
(cases/scoping.py): no choice comes from outside what the user may see.
"""

from django_filters import (
    ChoiceFilter,
    DateRangeFilter,
    FilterSet,
    MultipleChoiceFilter,
)
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.flow.views.filters import NullDateRangeFilter
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS


def step_choices(flow_class, *, human_only: bool = True) -> list[tuple[str, str]]:
    """The flow's steps as filter choices, from the flow itself."""
    return [
        (get_task_ref(node), str(node.task_title or node.name.title()))
        for node in flow_class.instance.nodes()
        if not human_only or node.task_type == "HUMAN"
    ]


class FlowStepFilterSet(FilterSet):
    """A task filter whose `flow_task` choices are the flow's steps."""

    human_only = True
    flow_task = ChoiceFilter(label="Task")

    def __init__(self, *args, flow_class=None, **kwargs):
        super().__init__(*args, **kwargs)
        if flow_class is not None:
            choices = step_choices(flow_class, human_only=self.human_only)
            self.filters["flow_task"].field.choices = choices


class TaskListFilter(FlowStepFilterSet):
    """Inbox and queue."""

    created = DateRangeFilter()

    class Meta:
        model = Task
        fields = ("flow_task", "created")


class ArchiveFilter(FlowStepFilterSet):
    created = DateRangeFilter()
    finished = DateRangeFilter()

    class Meta:
        model = Task
        fields = ("flow_task", "created", "finished")


class AllTasksFilter(FlowStepFilterSet):
    """The flow's task list: every kind of step, gateways included."""

    human_only = False
    status = MultipleChoiceFilter(choices=STATUS.choices)
    created = DateRangeFilter()
    finished = NullDateRangeFilter()

    class Meta:
        model = Task
        fields = ("flow_task", "status", "created", "finished")
