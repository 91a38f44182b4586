"""The rota's pages, mounted in Viewflow's site (config/urls.py)."""

from django.urls import path
from viewflow.urls import Application

from .rules import USE
from .views import board, people, work


class RotaApp(Application):
    title = "Rota"
    icon = "calendar_month"
    app_name = "rota"
    menu_template_name = None  # the site's menu (hub.urls.HubSite)
    permission = USE

    urlpatterns = [
        path("", board.index, name="index"),
        path("teams/<int:pk>/", board.board, name="board"),
        path("teams/<int:pk>/plan/", board.plan_day, name="plan_day"),
        path("teams/<int:pk>/sickness/", board.sickness, name="sickness"),
        path("teams/<int:pk>/publish/", board.publish, name="publish"),
        path("teams/<int:pk>/absences/", people.absences, name="absences"),
        path("teams/<int:pk>/timesheets/", work.timesheets, name="timesheets"),
        path(
            "teams/<int:pk>/timesheets.csv",
            work.timesheets_download,
            name="timesheets_csv",
        ),
        path("absences/<int:pk>/cancel/", people.absence_cancel, name="absence_cancel"),
        path("assistants/<int:pk>/day-sheet.pdf", board.day_sheet, name="day_sheet"),
        path("visits/<int:pk>/reassign/", board.reassign, name="reassign"),
        path("visits/<int:pk>/record/", work.record, name="record"),
        path("plans/<int:pk>/", people.plan_detail, name="plan"),
        path("plans/<int:pk>/calls/new/", people.call_add, name="call_add"),
        path("calls/<int:pk>/", people.call_edit, name="call"),
        path("timesheets/<int:pk>/sign-off/", work.sign_off, name="sign_off"),
    ]
