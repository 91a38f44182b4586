"""Clients and tokens are managed in the admin (the token shown once); the
reference page and the schema are served from the code, offline."""

import pytest
from api_kit import Api, referral_body
from django.contrib.auth.models import User

from api.models import ApiClient, ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root_admin", password="pw")


def test_an_admin_creates_a_client_and_sees_its_token_once(
    client, superuser, localities
):
    client.force_login(superuser)

    page = client.post(
        "/admin/api/apiclient/add/",
        {
            "name": "County General PAS",
            "localities": [localities[0].pk],
            "hospitals": "County General",
            "requests_per_minute": 60,
            "is_active": "on",
            "tokens-TOTAL_FORMS": 0,
            "tokens-INITIAL_FORMS": 0,
        },
    )

    assert page.status_code == 200, page.content[:2000]
    token = page.context["token"]
    assert token.startswith("lh_") and token in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    made = ApiClient.objects.get(name="County General PAS")
    assert list(made.localities.all()) == [localities[0]]
    record = made.tokens.get()
    assert token not in (record.prefix, record.digest)  # only its digest kept
    assert Api(token).post("/api/v1/referrals", referral_body()).status_code == 201
    change = client.get(f"/admin/api/apiclient/{made.pk}/change/").content.decode()
    assert token not in change


def test_a_new_token_is_issued_and_an_old_one_revoked_in_the_admin(
    client, superuser, api_client_north, token
):
    client.force_login(superuser)

    page = client.post(
        "/admin/api/apiclient/",
        {"action": "issue_token", "_selected_action": [api_client_north.pk]},
    )
    second = page.context["token"]
    old = api_client_north.tokens.get(prefix=token.split("_")[1])
    client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [old.pk]},
    )

    assert Api(token).get("/api/v1/referrals/1").status_code == 401
    assert Api(second).get("/api/v1/referrals/1").status_code == 404
    assert ApiToken.objects.count() == 2  # revoked, not deleted


def test_the_audit_of_calls_is_read_only(client, superuser, api):
    api.get("/api/v1/referrals/1")
    client.force_login(superuser)

    listing = client.get("/admin/api/apicall/")

    assert listing.status_code == 200
    assert "/api/v1/referrals/1" in listing.content.decode()
    assert client.get("/admin/api/apicall/add/").status_code == 403


def test_the_reference_page_and_schema_are_served_without_a_cdn(client):
    docs = client.get("/api/v1/docs/")
    schema = client.get("/api/v1/schema/")

    assert docs.status_code == 200
    html = docs.content.decode()
    assert "Send a referral" in html and "person.nhs_number" in html
    assert "https://" not in html.split("<main>")[0]  # no outside assets
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/v1/referrals", "/api/v1/fhir/referrals"} <= set(paths)
    assert "bearerToken" in schema.json()["components"]["securitySchemes"]
