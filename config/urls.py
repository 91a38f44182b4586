from django.contrib import admin
from django.urls import path
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Site

from cases.flows import DischargeFlow
from cases.scoping import ScopedFlowAppViewset
from cases.urls import HubApp

site = Site(
    title="Locality Hub",
    viewsets=[
        HubApp(),
        ScopedFlowAppViewset(DischargeFlow, icon="assignment", title="Discharges"),
    ],
)

urlpatterns = [
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("admin/", admin.site.urls),
    path("", site.urls),
]
