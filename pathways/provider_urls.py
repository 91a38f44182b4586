"""The provider portal, mounted in Viewflow's site (config/urls.py) for the
staff of care providers; the hub's own pages stay closed to them."""

from django.urls import path
from django.views.generic import RedirectView
from viewflow.urls import Application

from . import provider_views
from .provider_rules import USE_PORTAL


class ProviderApp(Application):
    title = "Provider"
    icon = "home_work"
    app_name = "provider"
    menu_template_name = None  # the site's menu (hub.urls.HubSite)
    permission = USE_PORTAL

    urlpatterns = [
        path("", RedirectView.as_view(pattern_name="provider:capacity"), name="index"),
        path("capacity/", provider_views.capacity, name="capacity"),
        path("offers/", provider_views.offers, name="offers"),
        path("offers/<int:pk>/", provider_views.offer, name="offer"),
        path("offers/beds/<int:pk>/", provider_views.bed_offer, name="bed_offer"),
        path("vacancies/", provider_views.vacancies, name="vacancies"),
    ]
