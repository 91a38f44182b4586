"""The simulator's pages, mounted in the hub (hub/urls.py) as hub:simulation…"""

from django.urls import path

from . import views

urlpatterns = [
    path("simulation/", views.simulation, name="simulation"),
    path("simulation/<int:pk>/", views.simulation_result, name="simulation_result"),
]
