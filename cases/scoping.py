"""Viewflow pieces that apply `case_scope` to its own screens.

Viewflow checks only model-wide permissions (notes §4), so without these a
coordinator could open any locality's process page, task list or task.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import RedirectView
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
        if not case_visible(self.request.user, case):
            raise PermissionDenied
        return reverse(self.url_name, args=[process_pk])


class CaseCloseRedirect(CasePageRedirect):
    """Viewflow's process cancel is the hub's close page, which asks why."""

    url_name = "hub:case_close"


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
    process_detail_view_class = CasePageRedirect
    process_cancel_view_class = CaseCloseRedirect
    inbox_view_class = ScopedInbox
    queue_view_class = ScopedQueue
    archive_view_class = ScopedArchive
    task_list_view_class = ScopedTaskList
    process_list_view_class = ScopedProcessList
