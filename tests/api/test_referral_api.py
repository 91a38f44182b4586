"""Sending a referral through the API, as a hospital system would: its
token, its scope, its limit, a safe retry, and bad input refused field by
field by the same rules as the form."""

import datetime

import pytest
from api_kit import Api, referral_body
from django.utils import timezone

from api.models import ApiCall, ApiReferral
from api.tokens import api_client_create, api_token_issue, api_token_revoke
from cases.driver import referral_start
from cases.models import DischargeCase, Person
from hub.flows import DischargeFlow

pytestmark = pytest.mark.django_db
URL = "/api/v1/referrals"


def test_a_referral_is_received_and_its_case_opened(api, api_client_north):
    response = api.post(URL, referral_body())

    assert response.status_code == 201, response.json()
    body = response.json()
    case = DischargeCase.objects.get(pk=body["id"])
    assert body["reference"] == case.reference
    assert body["status"] == "open" and body["stage"] == "Triage"
    assert body["delay_days"] == 2
    assert response["Location"] == f"{URL}/{case.pk}"
    assert case.person.nhs_number == "9990000018"
    assert case.person.postcode == "NF1 2AB"
    assert case.referral.hospital == "County General"
    # Recorded under the client's own account, which can never sign in.
    account = api_client_north.user
    assert case.referral.history.first().history_user == account
    assert not account.has_usable_password()


def test_the_care_before_admission_is_accepted(api):
    body = referral_body(usual_residence="care_home", existing_support="paused")
    body["referral"]["existing_support_details"] = "Two calls a day, Acme Care"

    response = api.post(URL, body)

    assert response.status_code == 201, response.json()
    referral = DischargeCase.objects.get(pk=response.json()["id"]).referral
    assert referral.usual_residence == "care_home"
    assert referral.existing_support_details == "Two calls a day, Acme Care"


def test_bad_input_names_every_field_at_fault_and_saves_nothing(api):
    today = timezone.localdate()
    body = referral_body(
        admission_date=today.isoformat(),
        discharge_ready_date=(today - datetime.timedelta(days=3)).isoformat(),
        source="pigeon",
    )
    body["person"].update(nhs_number="999 000 0019", date_of_birth="not a date")
    del body["person"]["family_name"]
    del body["referral"]["presenting_needs"]

    response = api.post(URL, body)

    assert response.status_code == 400
    errors = response.json()
    assert set(errors["person"]) == {"nhs_number", "family_name", "date_of_birth"}
    assert "check digit" in errors["person"]["nhs_number"][0]
    assert set(errors["referral"]) == {
        "source",
        "presenting_needs",
        "discharge_ready_date",
    }
    assert not DischargeCase.objects.exists() and not Person.objects.exists()


def test_the_same_rules_as_the_form_refuse_a_second_open_case(api):
    assert api.post(URL, referral_body()).status_code == 201

    again = api.post(URL, referral_body())

    assert again.status_code == 400
    assert "already has an open case" in again.json()["referral"]["duplicate_reason"][0]
    assert DischargeCase.objects.count() == 1


def test_a_body_that_is_not_an_object_is_refused(api):
    assert api.post(URL, []).status_code == 400
    assert (
        api.post(URL, "{not json", content_type="application/json").status_code == 400
    )
    missing = api.post(URL, {"person": "Ada"}).json()
    assert missing["person"] == {"non_field_errors": ["Send an object."]}


def test_a_client_refers_only_for_its_localities_and_hospitals(api, localities):
    body = referral_body(hospital="St Elsewhere")
    body["person"]["postcode"] = "SB1 2AB"  # Southbrook

    response = api.post(URL, body)

    assert response.status_code == 400
    errors = response.json()
    assert errors["person"]["locality"] == ["This client may not refer for Southbrook."]
    assert errors["referral"]["hospital"] == [
        "This client refers from: County General."
    ]
    assert not DischargeCase.objects.exists()


# Credentials ----------------------------------------------------------------


def test_no_token_or_an_unknown_one_is_401(token):
    for sent in (None, "lh_00000000_wrong", token + "x", "not-even-ours"):
        response = Api(sent).post(URL, referral_body())
        assert response.status_code == 401, sent
        assert response["WWW-Authenticate"].startswith("Bearer")
    basic = Api(None).post(
        URL, referral_body(), headers={"Authorization": "Basic eA=="}
    )
    assert basic.status_code == 401
    assert not DischargeCase.objects.exists()


def test_a_revoked_token_is_401_and_an_inactive_client_403(api_client_north, token):
    second = api_token_issue(client=api_client_north, actor=None)
    record = api_client_north.tokens.get(prefix=token.split("_")[1])
    api_token_revoke(token=record, actor=None)
    assert Api(token).post(URL, referral_body()).status_code == 401

    api_client_north.is_active = False
    api_client_north.save()
    response = Api(second).post(URL, referral_body())
    assert response.status_code == 403
    assert not DischargeCase.objects.exists()


def test_a_signed_in_member_of_staff_without_a_token_is_401(client, coordinator):
    client.force_login(coordinator)

    response = client.post(URL, referral_body(), content_type="application/json")

    assert response.status_code == 401
    assert not DischargeCase.objects.exists()
    assert response.wsgi_request.user == coordinator  # still signed in
    assert client.get("/hub/").status_code == 200


# Scope ----------------------------------------------------------------------


def _southbrook_case(localities):
    return referral_start(
        flow_class=DischargeFlow,
        actor=None,
        person_fields={
            "nhs_number": "9990000026",
            "given_name": "Bea",
            "family_name": "Elsewhere",
            "date_of_birth": datetime.date(1938, 1, 1),
            "address_line_1": "2 High St",
            "town": "Southbrook",
            "postcode": "SB1 1AA",
        },
        referral_fields={
            "source": "acute_ward",
            "hospital": "County General",
            "referrer_name": "Nurse Other",
            "referrer_contact": "01632 960009",
            "presenting_needs": "Help at home",
        },
    )


def test_a_referral_outside_the_clients_scope_is_404(api, localities):
    other = _southbrook_case(localities)
    for path in (f"{URL}/{other.pk}", f"{URL}/999999", f"{URL}/abc", f"{URL}/²"):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "No such referral."}
    refused = api.post(
        f"{URL}/{other.pk}/withdraw", {"closed_because": "died", "reason": "x"}
    )
    assert refused.status_code == 404
    other.refresh_from_db()
    assert other.is_open


def test_only_its_own_hospitals_referrals_are_in_scope(api, localities):
    case = _southbrook_case(localities)
    case.locality = localities[0]
    case.save()
    assert api.get(f"{URL}/{case.pk}").status_code == 200
    referral = case.referral
    referral.hospital = "St Elsewhere"
    referral.save()
    assert api.get(f"{URL}/{case.pk}").status_code == 404


# Throttling, idempotency, audit ---------------------------------------------


def test_calls_over_the_clients_limit_answer_429(api, api_client_north, localities):
    api_client_north.requests_per_minute = 2
    api_client_north.save()
    other = api_client_create(name="Other PAS", actor=None, requests_per_minute=2)
    other.localities.set(localities)
    other_api = Api(api_token_issue(client=other, actor=None))

    answers = [api.get(f"{URL}/1").status_code for _ in range(3)]

    assert answers == [404, 404, 429]
    limited = api.get(f"{URL}/1")
    assert int(limited["Retry-After"]) > 0
    assert other_api.get(f"{URL}/1").status_code == 404  # its own count


def test_a_retry_with_the_same_idempotency_key_gets_the_same_answer(api):
    headers = {"Idempotency-Key": "3f6c1f9e-ward-3-ada"}
    first = api.post(URL, referral_body(), headers=headers)
    retry = api.post(URL, referral_body(), headers=headers)

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert DischargeCase.objects.count() == 1 == ApiReferral.objects.count()


def test_the_same_key_with_another_body_is_422(api):
    headers = {"Idempotency-Key": "key-1"}
    assert api.post(URL, referral_body(), headers=headers).status_code == 201

    other = api.post(URL, referral_body(ward="Ward 9"), headers=headers)

    assert other.status_code == 422
    assert "different referral" in other.json()["detail"]
    assert DischargeCase.objects.count() == 1


def test_a_refused_referral_can_be_retried_with_its_key(api):
    headers = {"Idempotency-Key": "key-2"}
    bad = referral_body(presenting_needs="")
    assert api.post(URL, bad, headers=headers).status_code == 400

    assert api.post(URL, referral_body(), headers=headers).status_code == 201


def test_an_unusable_idempotency_key_is_400(api):
    response = api.post(URL, referral_body(), headers={"Idempotency-Key": "é" * 3})
    assert response.status_code == 400
    assert not DischargeCase.objects.exists()


def test_every_call_is_audited_with_its_client_and_outcome(api, api_client_north):
    Api(None).get(f"{URL}/1")
    created = api.post(URL, referral_body())
    api.get(f"{URL}/{created.json()['id']}")

    calls = list(ApiCall.objects.order_by("at", "pk"))
    assert [(c.client, c.method, c.status) for c in calls] == [
        (None, "GET", 401),
        (api_client_north, "POST", 201),
        (api_client_north, "GET", 200),
    ]
    assert calls[1].path == URL and calls[1].case_id == created.json()["id"]
    assert calls[2].case_id == created.json()["id"]
