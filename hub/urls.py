"""The hub's own pages, mounted in Viewflow's site beside the flow's inbox."""

from django.urls import path
from viewflow.urls import Application, Site

from background import views as background_views
from cases import delay_views, views
from cases.rules import USE_HUB
from equipment import views as equipment_views
from mi import views as mi_views
from pathways import allocation_views
from pathways import views as pathway_views
from pathways.simulate.web import urls as simulation_urls

from . import export_views
from .flows import DischargeFlow, human_steps


class HubSite(Site):
    """The hub's site: one menu on every page, task pages and Viewflow's lists
    included, rather than a menu per app (the apps set none of their own)."""

    menu_template_name = "hub/menu.html"


class HubApp(Application):
    title = "Locality Hub"
    icon = "home"
    app_name = "hub"
    menu_template_name = None  # the site's menu (HubSite)
    permission = USE_HUB

    urlpatterns = [
        path("", views.home, name="index"),
        path(
            "cases/",
            views.case_list,
            {"stages": human_steps(DischargeFlow)},
            name="case_list",
        ),
        path("cases.csv", views.case_list_csv, name="case_list_csv"),
        path("cases/export/", export_views.case_export, name="case_export"),
        path("search/", views.search, name="search"),
        path("cases/<int:pk>/", views.case_detail, name="case_detail"),
        path(
            "cases/<int:pk>/timeline/", views.case_timeline_view, name="case_timeline"
        ),
        path(
            "cases/<int:pk>/timeline.pdf",
            views.case_timeline_pdf,
            name="case_timeline_pdf",
        ),
        path(
            "cases/<int:pk>/support-plan.pdf",
            views.support_plan_pdf,
            name="support_plan_pdf",
        ),
        path("cases/<int:pk>/contacts/", views.contact_add, name="contact_add"),
        path(
            "cases/<int:pk>/contacts/<int:contact_pk>/error/",
            views.contact_error,
            name="contact_error",
        ),
        path("cases/<int:pk>/reassign/", views.case_reassign, name="case_reassign"),
        path("cases/<int:pk>/close/", views.case_close, name="case_close"),
        path(
            "cases/<int:pk>/tasks/<int:task_pk>/reassign/",
            views.task_reassign,
            name="task_reassign",
        ),
        path("cases/<int:pk>/equipment/", equipment_views.order_add, name="order_add"),
        path(
            "cases/<int:pk>/equipment/<int:order_pk>/",
            equipment_views.order_status,
            name="order_status",
        ),
        path(
            "cases/<int:pk>/reablement-start/cancel/",
            pathway_views.reablement_start_cancel,
            name="start_cancel",
        ),
        path(
            "cases/<int:pk>/reablement-start/answer/",
            pathway_views.reablement_start_answer,
            name="start_answer",
        ),
        path(
            "cases/<int:pk>/reablement-start/rebook/",
            pathway_views.reablement_start_rebook,
            name="start_rebook",
        ),
        path(
            "cases/<int:pk>/placement/answer/",
            pathway_views.placement_answer,
            name="placement_answer",
        ),
        path(
            "cases/<int:pk>/placement/cancel/",
            pathway_views.placement_cancel,
            name="placement_cancel",
        ),
        path(
            "cases/<int:pk>/placement/rebook/",
            pathway_views.placement_rebook,
            name="placement_rebook",
        ),
        path(
            "cases/<int:pk>/discharge-ready-date/",
            delay_views.ready_date_change,
            name="ready_date_change",
        ),
        path(
            "cases/<int:pk>/criteria-to-reside/",
            delay_views.criteria_to_reside,
            name="criteria_to_reside",
        ),
        path(
            "cases/<int:pk>/delays/",
            delay_views.delay_reason_add,
            name="delay_reason_add",
        ),
        path(
            "cases/<int:pk>/delays/<int:record_pk>/action/",
            delay_views.delay_action,
            name="delay_action",
        ),
        path("huddle/", delay_views.huddle, name="huddle"),
        path("huddle/sitrep.csv", delay_views.sitrep, name="sitrep"),
        path("capacity/", pathway_views.capacity, name="capacity"),
        path("figures/", mi_views.figures, name="mi"),
        path("figures/table.csv", mi_views.table_csv, name="mi_csv"),
        path("figures/pack/", mi_views.pack, name="mi_pack"),
        path("allocation/", allocation_views.allocation, name="allocation"),
        path("allocation/run/", allocation_views.allocation_run, name="allocation_run"),
        path(
            "allocation/<int:pk>/",
            allocation_views.allocation,
            name="allocation_run_detail",
        ),
        path(
            "allocation/<int:pk>/accept-all/",
            allocation_views.proposal_accept_all,
            name="allocation_accept_all",
        ),
        path(
            "allocation/proposals/<int:pk>/accept/",
            allocation_views.proposal_accept,
            name="proposal_accept",
        ),
        path(
            "allocation/proposals/<int:pk>/reject/",
            allocation_views.proposal_reject,
            name="proposal_reject",
        ),
        path(
            "allocation/problem.json",
            allocation_views.problem_download,
            name="allocation_problem",
        ),
        path(
            "allocation/what-if/", allocation_views.what_if, name="allocation_what_if"
        ),
        path(
            "allocation/what-if/<int:pk>/",
            allocation_views.what_if_result,
            name="allocation_what_if_result",
        ),
        *simulation_urls.urlpatterns,
        path("runs/", background_views.run_list, name="background_runs"),
        path("runs/<int:pk>/", background_views.run_detail, name="background_run"),
        path(
            "runs/<int:pk>/status.json",
            background_views.run_status,
            name="background_run_status",
        ),
        path(
            "runs/<int:pk>/download/",
            background_views.run_download,
            name="background_run_download",
        ),
    ]
