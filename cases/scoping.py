"""Viewflow pieces that apply `case_scope` to its own screens.

Viewflow checks only model-wide permissions (notes §4), so without these a
coordinator could open any locality's process page, task list or task.
"""

from viewflow.workflow import flow
from viewflow.workflow.flow import views as vf_views
from viewflow.workflow.flow.viewset import FlowAppViewset

from .selectors import case_scope_q, case_visible


def _scoped_tasks(queryset, user):
    return queryset.filter(process__dischargecase__in=_cases(user))


def _cases(user):
    from .models import DischargeCase

    return DischargeCase.objects.filter(case_scope_q(user)).values("pk")


class ScopedFlowMixin:
    """Flow mixin: a process is visible only when its case is in scope."""

    def has_view_permission(self, user, obj=None) -> bool:
        allowed = super().has_view_permission(user)
        if obj is None or not allowed:
            return allowed
        return case_visible(user, obj)


class CaseTask(flow.View):
    """A human task that only users who can see the case may take or do."""

    def can_assign(self, user, task) -> bool:
        return super().can_assign(user, task) and case_visible(user, task.process)

    def can_execute(self, user, task) -> bool:
        return super().can_execute(user, task) and case_visible(user, task.process)

    def can_unassign(self, user, task) -> bool:
        return super().can_unassign(user, task) and case_visible(user, task.process)


class ScopedInbox(vf_views.FlowInboxListView):
    def get_queryset(self):
        return _scoped_tasks(super().get_queryset(), self.request.user)


class ScopedQueue(vf_views.FlowQueueListView):
    def get_queryset(self):
        return _scoped_tasks(super().get_queryset(), self.request.user)


class ScopedArchive(vf_views.FlowArchiveListView):
    def get_queryset(self):
        return _scoped_tasks(super().get_queryset(), self.request.user)


class ScopedTaskList(vf_views.DashboardTaskListView):
    def get_queryset(self):
        return _scoped_tasks(super().get_queryset(), self.request.user)


class ScopedProcessList(vf_views.DashboardProcessListView):
    def get_queryset(self):
        cases = super().get_queryset().filter(case_scope_q(self.request.user))
        return cases.order_by("-created")


class ScopedFlowAppViewset(FlowAppViewset):
    inbox_view_class = ScopedInbox
    queue_view_class = ScopedQueue
    archive_view_class = ScopedArchive
    task_list_view_class = ScopedTaskList
    process_list_view_class = ScopedProcessList
