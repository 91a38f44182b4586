"""A referral as a FHIR R4 Bundle (UK Core Patient + ServiceRequest +
Encounter): accepted through the same rules, a malformed one refused with
an OperationOutcome naming each problem."""

import copy
import datetime

import pytest
from django.utils import timezone

from cases.models import DischargeCase

pytestmark = pytest.mark.django_db
URL = "/api/v1/fhir/referrals"
TODAY = timezone.localdate()


def bundle() -> dict:
    admitted = (TODAY - datetime.timedelta(days=6)).isoformat()
    ready = (TODAY - datetime.timedelta(days=1)).isoformat()
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "fullUrl": "urn:uuid:patient-1",
                "resource": {
                    "resourceType": "Patient",
                    "identifier": [
                        {
                            "system": "https://fhir.nhs.uk/Id/nhs-number",
                            "value": "9990000018",
                        }
                    ],
                    "name": [
                        {"use": "official", "family": "Testcase", "given": ["Ada"]}
                    ],
                    "birthDate": "1940-05-01",
                    "telecom": [{"system": "phone", "value": "01632 960001"}],
                    "address": [
                        {
                            "use": "home",
                            "line": ["1 Mill Lane", "Lower End"],
                            "city": "Northfield",
                            "postalCode": "NF1 2AB",
                        }
                    ],
                    "generalPractitioner": [{"display": "Mill Lane Surgery"}],
                },
            },
            {
                "resource": {
                    "resourceType": "ServiceRequest",
                    "status": "active",
                    "intent": "order",
                    "subject": {"reference": "urn:uuid:patient-1"},
                    "occurrenceDateTime": ready,
                    "requester": {"display": "Nurse Test"},
                    "note": [{"text": "Needs help washing and dressing"}],
                },
            },
            {
                "resource": {
                    "resourceType": "Encounter",
                    "status": "in-progress",
                    "class": {
                        "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                        "code": "IMP",
                    },
                    "period": {"start": admitted},
                    "reasonCode": [{"text": "Fall at home"}],
                    "serviceProvider": {"display": "County General"},
                    "location": [{"location": {"display": "Ward 3"}}],
                },
            },
            {
                "resource": {
                    "resourceType": "Practitioner",
                    "name": [{"text": "Nurse Test"}],
                    "telecom": [{"system": "phone", "value": "01632 960000"}],
                },
            },
        ],
    }


def _post(api, body, content_type="application/fhir+json", headers=None):
    return api.post(URL, body, content_type=content_type, headers=headers)


def test_a_fhir_bundle_opens_a_case_as_the_json_referral_does(api):
    response = _post(api, bundle())

    assert response.status_code == 201, response.json()
    case = DischargeCase.objects.get(pk=response.json()["id"])
    person, referral = case.person, case.referral
    assert person.nhs_number == "9990000018"
    assert (person.given_name, person.family_name) == ("Ada", "Testcase")
    assert person.address_line_2 == "Lower End" and person.postcode == "NF1 2AB"
    assert person.gp_practice == "Mill Lane Surgery"
    assert referral.hospital == "County General" and referral.ward == "Ward 3"
    assert referral.referrer_contact == "01632 960000"
    assert referral.reason_for_admission == "Fall at home"
    assert referral.discharge_ready_date == TODAY - datetime.timedelta(days=1)
    assert referral.admission_date == TODAY - datetime.timedelta(days=6)
    assert response.json()["delay_days"] == 1


def test_plain_json_content_type_is_accepted_too(api):
    assert _post(api, bundle(), content_type="application/json").status_code == 201


def test_a_malformed_bundle_is_refused_with_an_operation_outcome(api):
    body = bundle()
    body["entry"][0]["resource"]["birthDate"] = "1940-13-45"
    body["entry"][1]["resource"]["status"] = 7

    response = _post(api, body)

    assert response.status_code == 400
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    where = [issue["expression"][0] for issue in outcome["issue"]]
    assert any("birthDate" in w for w in where)
    assert any("status" in w for w in where)
    assert all(issue["severity"] == "error" for issue in outcome["issue"])
    assert not DischargeCase.objects.exists()


def test_a_bundle_without_a_patient_or_not_a_bundle_is_refused(api):
    body = bundle()
    body["entry"] = body["entry"][1:]
    missing = _post(api, body).json()
    assert missing["issue"][0]["diagnostics"] == "The bundle needs a Patient."

    patient = bundle()["entry"][0]["resource"]
    assert _post(api, patient).status_code == 400
    assert (
        _post(api, "not json", content_type="application/fhir+json").json()[
            "resourceType"
        ]
        == "OperationOutcome"
    )


def test_the_referral_rules_are_reported_where_they_are_in_the_bundle(api):
    body = copy.deepcopy(bundle())
    patient = body["entry"][0]["resource"]
    patient["identifier"][0]["value"] = "9990000019"  # wrong check digit
    body["entry"][1]["resource"]["note"] = []
    del body["entry"][3]  # no Practitioner: no contact for the referrer

    response = _post(api, body)

    assert response.status_code == 400
    issues = {i["expression"][0]: i["diagnostics"] for i in response.json()["issue"]}
    assert (
        "check digit"
        in issues["Patient.identifier (system https://fhir.nhs.uk/Id/nhs-number)"]
    )
    assert "ServiceRequest.note.text" in issues
    assert "Practitioner.telecom" in issues
    assert not DischargeCase.objects.exists()


def test_a_retried_bundle_with_its_key_opens_one_case(api):
    first = _post(api, bundle(), headers={"Idempotency-Key": "b-1"})
    retry = _post(api, bundle(), headers={"Idempotency-Key": "b-1"})
    assert first.status_code == 201
    assert retry.status_code == 201 and retry.json() == first.json()
    assert DischargeCase.objects.count() == 1


def test_a_bundle_needs_a_token(token):
    from api_kit import Api

    assert _post(Api(None), bundle()).status_code == 401
