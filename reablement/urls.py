"""The episode pages, mounted in Viewflow's site (config/urls.py) beside the
reablement flow's own task screens."""

from django.urls import path
from viewflow.urls import Application

from . import views
from .rules import VIEW


class ReablementApp(Application):
    title = "Reablement"
    icon = "directions_walk"
    app_name = "episodes"
    menu_template_name = None  # the site's menu (hub.urls.HubSite)
    permission = VIEW

    urlpatterns = [
        path("", views.index, name="index"),
        path("<int:pk>/", views.detail, name="episode"),
        path("<int:pk>/readmission/", views.readmission, name="readmission"),
        path("<int:pk>/resume/", views.resume, name="resume"),
    ]
