from django.contrib import admin
from django.urls import include, path
from viewflow.contrib.auth import AuthViewset

from cases.scoping import ScopedFlowAppViewset
from hub.flows import DischargeFlow
from hub.urls import HubApp, HubSite
from hub.views import landing
from pathways.provider_urls import ProviderApp
from reablement.flows import ReablementFlow
from reablement.urls import ReablementApp
from rota.urls import RotaApp
from safeguarding.flows import Section42Flow
from safeguarding.urls import SafeguardingApp, Section42Viewset

site = HubSite(
    title="Locality Hub",
    viewsets=[
        HubApp(),
        ScopedFlowAppViewset(DischargeFlow, icon="assignment", title="Discharges"),
        RotaApp(),
        ReablementApp(),
        ScopedFlowAppViewset(
            ReablementFlow, icon="directions_walk", title="Reablement tasks"
        ),
        SafeguardingApp(),
        Section42Viewset(Section42Flow, icon="policy", title="Section 42 tasks"),
        ProviderApp(),
    ],
)

admin.site.site_header = admin.site.site_title = "Locality Hub administration"

urlpatterns = [
    path("accounts/mfa/", include("accounts.urls")),
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("", landing, name="landing"),
    path("", site.urls),
]
