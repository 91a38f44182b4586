from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("enrol/", views.mfa_enrol, name="mfa_enrol"),
    path("verify/", views.mfa_verify, name="mfa_verify"),
]
