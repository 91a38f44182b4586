"""Viewflow's own screens, limited to the processes a user may see.

Viewflow checks model-wide permissions only (notes §4): without these, a
coordinator could list, chart, count or bulk-select any locality's tasks.
A flow says who may use its screens (`app_permission`), who may see one of
its processes (`view_permission`, asked with the process) and which rows
that is (`process_scope_q`, from the selectors); every list, filter, badge,
chart and bulk page below goes through that one scope.
"""

from django.db.models import Q, QuerySet
from viewflow.workflow import flow
from viewflow.workflow.flow import views as vf_views
from viewflow.workflow.flow.viewset import FlowAppViewset

from .rules import USE_HUB, VIEW_CASE
from .selectors import case_scope_q


class ScopedFlowMixin:
    """Flow mixin: who may use the flow's screens and see each process."""

    app_permission = USE_HUB
    view_permission = VIEW_CASE

    @staticmethod
    def process_scope_q(user) -> Q:
        return case_scope_q(user)

    def has_view_permission(self, user, obj=None) -> bool:
        if obj is None:
            return user.has_perm(self.app_permission)
        return user.has_perm(self.view_permission, obj)

    def process_scope(self, user) -> QuerySet:
        manager = self.process_class._default_manager
        return manager.filter(self.process_scope_q(user))

    def task_scope(self, tasks: QuerySet, user) -> QuerySet:
        return tasks.filter(process__in=self.process_scope(user).values("pk"))


class CaseTask(flow.View):
    """A human task that only users who may see its process may take or do."""

    def _sees(self, user, task) -> bool:
        return self.flow_class.instance.has_view_permission(user, task.process.coerced)

    def can_assign(self, user, task) -> bool:
        return super().can_assign(user, task) and self._sees(user, task)

    def can_execute(self, user, task) -> bool:
        return super().can_execute(user, task) and self._sees(user, task)

    def can_unassign(self, user, task) -> bool:
        return super().can_unassign(user, task) and self._sees(user, task)


def _scoped_tasks(view, tasks):
    return view.flow_class.instance.task_scope(tasks, view.request.user)


class ScopedInbox(vf_views.FlowInboxListView):
    def get_queryset(self):
        return _scoped_tasks(self, super().get_queryset())


class ScopedQueue(vf_views.FlowQueueListView):
    def get_queryset(self):
        return _scoped_tasks(self, super().get_queryset())


class ScopedArchive(vf_views.FlowArchiveListView):
    def get_queryset(self):
        return _scoped_tasks(self, super().get_queryset())


class ScopedTaskList(vf_views.DashboardTaskListView):
    def get_queryset(self):
        return _scoped_tasks(self, super().get_queryset())


class ScopedProcessList(vf_views.DashboardProcessListView):
    def get_queryset(self):
        scope = self.flow_class.instance.process_scope_q(self.request.user)
        return super().get_queryset().filter(scope).order_by("-created")


class ScopedFlowAppViewset(FlowAppViewset):
    inbox_view_class = ScopedInbox
    queue_view_class = ScopedQueue
    archive_view_class = ScopedArchive
    task_list_view_class = ScopedTaskList
    process_list_view_class = ScopedProcessList
