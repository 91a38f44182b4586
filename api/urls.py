from django.urls import path

from . import docs, fhir_views, views

app_name = "api"

urlpatterns = [
    path("referrals", views.ReferralCreateView.as_view(), name="referral_create"),
    path("referrals/<str:pk>", views.ReferralDetailView.as_view(), name="referral"),
    path(
        "referrals/<str:pk>/discharge-ready-date",
        views.DischargeReadyDateView.as_view(),
        name="referral_drd",
    ),
    path(
        "referrals/<str:pk>/criteria-to-reside",
        views.CriteriaToResideView.as_view(),
        name="referral_ctr",
    ),
    path(
        "referrals/<str:pk>/withdraw",
        views.WithdrawView.as_view(),
        name="referral_withdraw",
    ),
    path(
        "fhir/referrals",
        fhir_views.FhirReferralView.as_view(),
        name="fhir_referral_create",
    ),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.ApiDocsView.as_view(), name="docs"),
]
