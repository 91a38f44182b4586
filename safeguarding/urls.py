"""The safeguarding pages, mounted in Viewflow's site beside the section 42
flow's own inbox and queue (config/urls.py)."""

from django.urls import path, reverse
from django.views.generic import RedirectView
from viewflow.urls import Application
from viewflow.workflow.flow.viewset import FlowAppViewset

from . import raising, views
from .selectors import RAISE, VIEW


class SafeguardingApp(Application):
    title = "Safeguarding"
    icon = "shield"
    app_name = "safeguarding"
    menu_template_name = "safeguarding/menu.html"

    def has_view_permission(self, user, obj=None) -> bool:
        """Whoever may raise a concern uses this app; each page checks details."""
        return user.is_authenticated and (user.has_perm(RAISE) or user.has_perm(VIEW))

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
        path(
            "concerns/<int:pk>/tasks/<int:task_pk>/reassign/",
            views.task_reassign,
            name="task_reassign",
        ),
    ]


class ConcernPageRedirect(RedirectView):
    """Viewflow's process page for a concern leads to the concern's own page,
    where the view is logged."""

    def get_redirect_url(self, *args, process_pk: int, **kwargs) -> str:
        return reverse("safeguarding:concern_detail", args=[process_pk])


class ConcernCloseRedirect(RedirectView):
    """Viewflow's process cancel is the early-closure page, which asks why."""

    def get_redirect_url(self, *args, process_pk: int, **kwargs) -> str:
        return reverse("safeguarding:close_early", args=[process_pk])


class Section42Viewset(FlowAppViewset):
    process_detail_view_class = ConcernPageRedirect
    process_cancel_view_class = ConcernCloseRedirect
