"""The safeguarding pages, mounted in Viewflow's site beside the section 42
flow's own inbox and queue (config/urls.py)."""

from django.urls import path, reverse
from django.views.generic import RedirectView
from viewflow.urls import Application

from cases.scoping import ScopedFlowAppViewset

from . import raising, recording, views
from .rules import USE
from .tasklists import ConcernInbox, ConcernQueue


class SafeguardingApp(Application):
    """Whoever may raise a concern uses this app; each page checks its own
    permission (details are for leads and managers)."""

    title = "Safeguarding"
    icon = "shield"
    app_name = "safeguarding"
    menu_template_name = None  # the site's menu (hub.urls.HubSite)
    permission = USE

    urlpatterns = [
        path("", views.index, name="index"),
        path("dashboard/", views.dashboard, name="dashboard"),
        path("raise/", raising.raise_concern, name="raise"),
        path("mine/", views.mine, name="mine"),
        path("return/", views.sac_return_view, name="return"),
        path("concerns/<int:pk>/", views.concern_detail, name="concern_detail"),
        path(
            "concerns/<int:pk>/timeline/",
            views.concern_timeline_view,
            name="concern_timeline",
        ),
        path(
            "concerns/<int:pk>/timeline.pdf",
            views.concern_timeline_pdf,
            name="concern_timeline_pdf",
        ),
        path("concerns/<int:pk>/notes/", views.note_add, name="note_add"),
        path("concerns/<int:pk>/close/", views.close_early, name="close_early"),
        path("concerns/<int:pk>/pause/", recording.pause, name="pause"),
        path("concerns/<int:pk>/resume/", recording.resume, name="resume"),
        path("concerns/<int:pk>/advocacy/", recording.advocacy, name="advocacy"),
        path("concerns/<int:pk>/trust/", recording.trust, name="trust"),
        path("concerns/<int:pk>/sar/", recording.adults_review, name="sar_add"),
        path(
            "concerns/<int:pk>/sar/<int:review_pk>/",
            recording.adults_review,
            name="sar_edit",
        ),
        path("concerns/<int:pk>/identity/", recording.identity, name="identity"),
        path("concerns/<int:pk>/adult/", recording.demographics, name="adult"),
        path(
            "concerns/<int:pk>/tasks/<int:task_pk>/reassign/",
            views.task_reassign,
            name="task_reassign",
        ),
    ]


class ConcernPageRedirect(RedirectView):
    """Viewflow's page for a concern, or for one of its tasks, leads to the
    concern's own page, where the look is logged: Viewflow's pages show every
    field of the concern and would log nothing."""

    def get_redirect_url(self, *args, process_pk: int, **kwargs) -> str:
        return reverse("safeguarding:concern_detail", args=[process_pk])


class ConcernCloseRedirect(RedirectView):
    """Viewflow's process cancel is the early-closure page, which asks why."""

    def get_redirect_url(self, *args, process_pk: int, **kwargs) -> str:
        return reverse("safeguarding:close_early", args=[process_pk])


class DashboardRedirect(RedirectView):
    """The list of concerns is the safeguarding dashboard."""

    def get_redirect_url(self, *args, **kwargs) -> str:
        return reverse("safeguarding:dashboard")


class Section42Viewset(ScopedFlowAppViewset):
    process_detail_view_class = ConcernPageRedirect
    process_cancel_view_class = ConcernCloseRedirect
    process_list_view_class = DashboardRedirect
    inbox_view_class = ConcernInbox
    queue_view_class = ConcernQueue

    def __init__(self, flow_class, **kwargs):
        # Set before the URLs are built; each node's page still checks that
        # the user may see the concern (Viewflow's `can_view`).
        for node in flow_class.instance.nodes():
            if getattr(node, "detail_view_class", None) is not None:
                node.detail_view_class = ConcernPageRedirect
        super().__init__(flow_class, **kwargs)
