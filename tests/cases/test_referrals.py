"""A referral's rules live in the service: the page, the driver and the demo
all go through `referral_receive`, and a known person's details change only
through their own locality's staff."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from cases.driver import referral_start as _referral_start
from cases.models import DischargeCase, Person
from cases.timeline import case_timeline
from hub.flows import DischargeFlow
from testkit import referral_data

pytestmark = pytest.mark.django_db

NHS = "9990000018"
# What a coordinator of another locality typed for a person the hub knows.
TAMPERED = {
    "given_name": "Mallory",
    "family_name": "Intruder",
    "date_of_birth": "1950-01-01",
    "address_line_1": "9 Elsewhere Road",
    "town": "Southbrook",
    "postcode": "SB1 9ZZ",
    "gp_practice": "Southbrook Surgery",
    "next_of_kin_name": "Eve Other",
    "duplicate_reason": "Readmitted",
}


def referral_start(**arguments):
    return _referral_start(flow_class=DischargeFlow, **arguments)


def refer(client, user, **overrides):
    client.force_login(user)
    return client.post(
        DischargeFlow.start.reverse("execute"), referral_data(**overrides)
    )


def fields(localities, **overrides):
    person = {
        "nhs_number": NHS,
        "given_name": "Ada",
        "family_name": "Testcase",
        "date_of_birth": datetime.date(1940, 5, 1),
        "address_line_1": "1 Mill Lane",
        "town": "Northfield",
        "postcode": "NF1 2AB",
        "locality": localities[0],
    }
    person.update(overrides)
    referral = {
        "source": "gp",
        "referrer_name": "Dr Test",
        "referrer_contact": "01632 960000",
        "presenting_needs": "Help washing",
    }
    return {"person_fields": person, "referral_fields": referral}


def test_the_driver_applies_the_referral_rules(coordinator, localities):
    first = referral_start(actor=coordinator, **fields(localities))
    with pytest.raises(ValidationError) as refused:
        referral_start(actor=coordinator, **fields(localities, town="Elsewhere"))
    assert "already has an open case" in str(refused.value.message_dict)
    assert "duplicate_reason" in refused.value.message_dict
    second = referral_start(
        actor=coordinator, duplicate_reason="Readmitted", **fields(localities)
    )
    assert Person.objects.get().town == "Northfield"  # nothing half-saved
    assert first.person == second.person  # the known NHS number reuses the person
    with pytest.raises(ValidationError) as implausible:
        referral_start(
            actor=coordinator,
            **fields(
                localities,
                nhs_number="9990000026",
                date_of_birth=datetime.date(1, 1, 1),
            ),
        )
    assert "date_of_birth" in implausible.value.message_dict


def test_own_locality_updates_the_known_person_with_who_and_why(client, coordinator):
    refer(client, coordinator)
    refer(client, coordinator, town="Northfield Green", duplicate_reason="Readmitted")
    person = Person.objects.get()
    assert person.town == "Northfield Green"
    latest = person.history.first()
    assert latest.history_user == coordinator
    assert latest.history_change_reason == "from a referral"


def test_another_locality_cannot_change_a_known_person(
    client, coordinator, other_coordinator, localities
):
    refer(client, coordinator)
    before = Person.objects.values().get()
    response = refer(client, other_coordinator, **TAMPERED)
    assert response.status_code == 302
    assert Person.objects.values().get() == before  # name, DOB, address, GP, kin
    assert Person.objects.get().history.count() == 1
    case = DischargeCase.objects.latest("pk")
    # The case is the person's own locality's; the referrer cannot open it.
    assert case.locality == localities[0] and case.person.pk == before["id"]
    assert response["Location"] == "/hub/"
    assert client.get(f"/hub/cases/{case.pk}/").status_code == 404
    # What was typed is kept on the referral for the person's locality.
    given = case.referral.details_given
    assert given["family_name"] == "Intruder"
    assert given["date_of_birth"] == "1950-01-01"
    assert given["locality"] == "Southbrook"
    assert "nhs_number" not in given


def test_a_manager_may_correct_a_person_of_any_locality(client, coordinator, manager):
    refer(client, coordinator)
    refer(client, manager, family_name="Corrected", duplicate_reason="Readmitted")
    assert Person.objects.get().family_name == "Corrected"


def test_the_open_case_is_named_only_to_those_who_may_see_it(
    client, coordinator, other_coordinator
):
    refer(client, coordinator)
    case = DischargeCase.objects.get()
    outside = refer(Client(), other_coordinator, postcode="SB1 1AA")
    message = " ".join(outside.context["form"].errors["duplicate_reason"])
    assert "an open case in another locality" in message
    assert case.reference not in outside.content.decode()
    assert f"/hub/cases/{case.pk}/" not in outside.content.decode()
    inside = refer(client, coordinator)
    message = " ".join(inside.context["form"].errors["duplicate_reason"])
    assert f'<a href="/hub/cases/{case.pk}/">{case.reference}</a>' in message
    assert DischargeCase.objects.count() == 1


def _texts(case) -> str:
    return repr([(e.title, e.changes, e.detail) for e in case_timeline(case)])


def test_a_case_timeline_shows_no_other_case_history(
    client, coordinator, other_coordinator
):
    refer(client, coordinator, address_line_1="1 Mill Lane")
    first = DischargeCase.objects.get()
    refer(
        client,
        coordinator,
        address_line_1="2 New Road",
        duplicate_reason="Readmitted",
    )
    second = DischargeCase.objects.latest("pk")
    refer(client, other_coordinator, **TAMPERED)
    third = DischargeCase.objects.latest("pk")

    assert "2 New Road" not in _texts(first)  # a later case's change
    assert "Person's record created" in _texts(first)
    assert "1 Mill Lane" not in _texts(second)  # the value before this case
    assert "('Address line 1', '(before this case)', '2 New Road')" in _texts(second)
    third_text = _texts(third)
    assert "Mill Lane" not in third_text and "New Road" not in third_text
    assert "Person's record created" not in third_text
    assert "differ from the person's record" in third_text
    assert "9 Elsewhere Road" in third_text  # typed, kept, for the locality to check


def test_the_driver_refuses_a_referral_without_an_nhs_number(coordinator, localities):
    arguments = fields(localities)
    del arguments["person_fields"]["nhs_number"]
    with pytest.raises(ValidationError) as refused:
        referral_start(actor=coordinator, **arguments)
    assert "nhs_number" in refused.value.message_dict
    assert not Person.objects.exists()
