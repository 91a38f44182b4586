"""Viewflow's own screens, limited to the processes a user may see.

Viewflow checks model-wide permissions only (notes §4): without these, a
coordinator could list, chart, count or bulk-select any locality's tasks.
A flow says who may use its screens (`app_permission`), who may see one of
its processes (`view_permission`, asked with the process) and which rows
that is (`process_scope_q`, from the selectors); every list, filter, badge,
chart and bulk page below goes through that one scope.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import RedirectView
from viewflow.utils import viewprop
from viewflow.workflow import flow
from viewflow.workflow.fields import get_flow_ref
from viewflow.workflow.flow import views as vf_views
from viewflow.workflow.flow.viewset import FlowAppViewset
from viewflow.workflow.status import STATUS

from .rules import USE_HUB, VIEW_CASE
from .selectors import case_scope_q
from .tasklists import (
    BoundedList,
    ScopedArchive,
    ScopedInbox,
    ScopedQueue,
    ScopedTaskList,
)


class ScopedFlowMixin:
    """Flow mixin: who may use the flow's screens and see each process."""

    app_permission = USE_HUB
    view_permission = VIEW_CASE
    # What the process summary shows, from the process (joined in lists).
    summary_related: tuple[str, ...] = ()

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
        """The flow's tasks in the user's scope. They are asked for by their
        node's reference too ("app/flows.Flow.node", a node since renamed
        included), which an index holds with their status
        (cases/migrations/0015): by the process's flow alone, PostgreSQL
        read every open task of every flow to find this flow's."""
        return tasks.filter(
            flow_task__startswith=f"{get_flow_ref(type(self))}.",
            process__in=self.process_scope(user).values("pk"),
        )

    def task_list_related(self) -> list[str]:
        """A task's process as its subclass, with what its summary shows."""
        process = f"process__{self.process_class._meta.model_name}"
        return [process] + [f"{process}__{path}" for path in self.summary_related]


class HubActionsOnlyMixin:
    """Flow mixin: no raw Viewflow cancel, undo or revive of tasks.

    They bypass the hub's own actions (closing a case with a reason, closing a
    concern early), so their URLs are not mounted: no button is offered
    (Viewflow drops actions it cannot reverse) and a direct request is a 404.
    """

    def _get_urls(self):
        for node in self.nodes():
            for action in ("cancel", "undo", "revive"):
                setattr(node, f"{action}_view", None)
        return super()._get_urls()


class CasePageRedirect(RedirectView):
    """Viewflow's process page (and its cancel button) lead to the case page,
    for users who may see the case."""

    url_name = "hub:case_detail"

    def get_redirect_url(self, *args, process_pk: int, **kwargs) -> str:
        from .models import DischargeCase

        case = get_object_or_404(DischargeCase, pk=process_pk)
        if not self.request.user.has_perm(VIEW_CASE, case):
            raise PermissionDenied
        return reverse(self.url_name, args=[process_pk])


class CaseCloseRedirect(CasePageRedirect):
    """Viewflow's process cancel is the hub's close page, which asks why."""

    url_name = "hub:case_close"


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


class ScopedProcessList(BoundedList, vf_views.DashboardProcessListView):
    """The flow's processes in scope, newest first. Only the page's rows have
    their active tasks counted (Viewflow counts every process's tasks before
    paging), and each row's summary comes in the same query."""

    @viewprop
    def queryset(self):
        instance = self.flow_class.instance
        processes = instance.process_scope(self.request.user)
        # Newest first by the key: the same order as `created`, from an index.
        return processes.select_related(*instance.summary_related).order_by("-pk")

    def get_queryset(self):
        return super(vf_views.DashboardProcessListView, self).get_queryset()

    def get_page_data(self, page):
        processes = list(getattr(page, "object_list", page))
        active = (
            self.flow_class.task_class.objects.filter(
                process__in=processes, finished__isnull=True
            )
            .values("process_id")
            .annotate(n=Count("pk"))
        )
        counts = {row["process_id"]: row["n"] for row in active}
        for process in processes:
            process.active_tasks_count = counts.get(process.pk, 0)
        return super().get_page_data(processes)


class ScopedDashboard(vf_views.DashboardView):
    """The flow's board: each step's open tasks, in scope."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instance, user = self.flow_class.instance, self.request.user
        tasks = instance.task_scope(self.flow_class.task_class.objects.all(), user)
        for column in context["columns"]:
            column["tasks"] = tasks.filter(
                Q(finished__isnull=True) | Q(status=STATUS.ERROR),
                flow_task=column["node"],
            )[: self.MAX_ROWS]
        end_nodes = context["end_nodes"]
        context["finished"] = tasks.filter(
            finished__isnull=False, flow_task__in=end_nodes
        )[: self.MAX_ROWS]
        return context


class ScopedChart(vf_views.FlowChartView):
    """The flow's chart; a process's chart only for a process in scope."""

    def dispatch(self, request, *args, process_pk=None, **kwargs):
        if process_pk is not None:
            instance = self.flow_class.instance
            process = get_object_or_404(
                instance.process_scope(request.user), pk=process_pk
            )
            if not instance.has_view_permission(request.user, process):
                raise PermissionDenied
            kwargs["process_pk"] = process_pk
        return super().dispatch(request, *args, **kwargs)


class ScopedBulkAssign(vf_views.BulkAssignTasksActionView):
    """Select-all and the confirmation page list only what the user may
    take: their queue, in scope."""

    flow_class = None

    def get_queryset(self):
        user = self.request.user
        queue = self.model._default_manager.user_queue(user, flow_class=self.flow_class)
        queue = queue.filter(status=STATUS.NEW)
        self.queryset = self.flow_class.instance.task_scope(queue, user)
        return super().get_queryset()


class ScopedBulkUnassign(vf_views.BulkUnassignTasksActionView):
    """Select-all and the confirmation page list only the user's own tasks."""

    flow_class = None

    def get_queryset(self):
        user = self.request.user
        inbox = self.model._default_manager.filter(
            process__flow_class=self.flow_class, owner=user, status=STATUS.ASSIGNED
        )
        self.queryset = self.flow_class.instance.task_scope(inbox, user)
        return super().get_queryset()


class ScopedFlowAppViewset(FlowAppViewset):
    menu_template_name = None  # the site's menu, not Viewflow's flow menu
    process_detail_view_class = CasePageRedirect
    process_cancel_view_class = CaseCloseRedirect
    dashboard_view_class = ScopedDashboard
    inbox_view_class = ScopedInbox
    queue_view_class = ScopedQueue
    archive_view_class = ScopedArchive
    task_list_view_class = ScopedTaskList
    process_list_view_class = ScopedProcessList
    chart_view_class = ScopedChart
    tasks_assign_view_class = ScopedBulkAssign
    tasks_unassign_view_class = ScopedBulkUnassign

    def get_context_data(self, request):
        """The menu's badges: inbox and queue counts, in scope."""
        context = super().get_context_data(request)
        instance = self._flow_class.instance
        return {
            name: instance.task_scope(tasks, request.user)
            for name, tasks in context.items()
        }
