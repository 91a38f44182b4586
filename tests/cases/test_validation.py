"""NHS numbers and postcodes: the rules as a table, then as a user meets them."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from cases.models import DischargeCase, Person
from cases.validators import (
    NHS_NUMBER_EXAMPLE,
    nhs_number_normalise,
    nhs_number_warning,
    postcode_normalise,
    validate_nhs_number,
    validate_postcode,
)
from hub.flows import DischargeFlow
from testkit import referral_data

ARABIC_INDIC = "٩٩٩٠٠٠٠٠١٨"  # 999 000 0018 in Arabic-Indic digits
FULL_WIDTH = "９９９０００００１８"


@pytest.mark.parametrize("value", [ARABIC_INDIC, FULL_WIDTH, "999 000 001８"])
def test_nhs_number_of_other_scripts_digits_is_refused(value):
    with pytest.raises(ValidationError, match="10 digits"):
        validate_nhs_number(value)


def test_nhs_number_example_in_the_message_passes_its_own_check():
    validate_nhs_number(NHS_NUMBER_EXAMPLE)
    with pytest.raises(ValidationError) as error:
        validate_nhs_number("12345")
    assert NHS_NUMBER_EXAMPLE in error.value.messages[0]


@pytest.mark.parametrize("digit", "0123456789")
def test_one_digit_repeated_passes_the_check_but_is_warned(digit):
    number = digit * 10
    validate_nhs_number(number)  # the modulus 11 check cannot catch it
    assert "never issued" in nhs_number_warning(number)


@pytest.mark.parametrize("number", ["999 000 0018", NHS_NUMBER_EXAMPLE, "9434765919"])
def test_ordinary_nhs_numbers_have_no_warning(number):
    assert nhs_number_warning(number) is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("M1 1AA", "M1 1AA"),  # A9
        ("m601nw", "M60 1NW"),  # A99
        ("CR2 6XH", "CR2 6XH"),  # AA9
        ("DN55 1PT", "DN55 1PT"),  # AA99
        ("W1A 1HQ", "W1A 1HQ"),  # A9A
        ("EC1A 1BB", "EC1A 1BB"),  # AA9A
        ("SW1W 0NY", "SW1W 0NY"),
        ("BF1 4FB", "BF1 4FB"),  # forces addresses
        ("GX11 1AA", "GX11 1AA"),  # Gibraltar fits the format
        ("gir0aa", "GIR 0AA"),
        ("STHL 1ZZ", "STHL 1ZZ"),  # overseas territories
        ("FIQQ 1ZZ", "FIQQ 1ZZ"),
        ("ASCN1ZZ", "ASCN 1ZZ"),
        ("zz99 3vz", "ZZ99 3VZ"),  # no fixed abode
        ("ZZ99 3WZ", "ZZ99 3WZ"),  # address not known
    ],
)
def test_possible_postcodes_are_accepted_and_tidied(typed, stored):
    validate_postcode(typed)
    assert postcode_normalise(typed) == stored


@pytest.mark.parametrize(
    "value",
    [
        "QA1 1AA",  # Q never first
        "VA1 1AA",
        "XA1 1AA",
        "AI1 1AA",  # I, J, Z never second
        "BJ1 1AA",
        "AZ1 1AA",
        "ZZ9 9ZZ",
        "W1L 1AA",  # L never third in A9A
        "W1I 1AA",
        "EC1C 1BB",  # C never fourth in AA9A
        "EC1Z 1BB",
        "M1 1CA",  # C, I, K, M, O, V never in the inward code
        "M1 1AI",
        "M1 1KA",
        "M1 1AM",
        "M1 1OA",
        "M1 1AV",
        "BFPO 1234",  # a mail route, not an address
        "GIR 0AB",
        "STHL 2ZZ",
        "NOT A CODE",
        "M1 ١AA",  # another script's digit
    ],
)
def test_impossible_postcodes_are_refused(value):
    with pytest.raises(ValidationError, match="Enter a full UK postcode"):
        validate_postcode(value)


# Through the referral form, as a coordinator meets them.


def post_referral(client, user, **overrides):
    client.force_login(user)
    return client.post(
        DischargeFlow.start.reverse("execute"), referral_data(**overrides)
    )


@pytest.mark.django_db
def test_nhs_number_in_arabic_indic_digits_gets_a_field_error(client, coordinator):
    response = post_referral(client, coordinator, nhs_number=ARABIC_INDIC)
    assert response.status_code == 200
    form = response.context["form"]
    assert (
        f"10 digits (0 to 9), e.g. {NHS_NUMBER_EXAMPLE}" in form.errors["nhs_number"][0]
    )
    assert form["nhs_number"].value() == ARABIC_INDIC
    assert b"is violated" not in response.content
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_never_issued_nhs_number_is_received_with_a_warning(client, coordinator):
    response = post_referral(client, coordinator, nhs_number="4444444444")
    assert response.status_code == 302
    assert Person.objects.get().nhs_number == "4444444444"
    [message] = get_messages(response.wsgi_request)
    assert "Referral received" in str(message)
    assert "444 444 4444 is never issued" in str(message)


@pytest.mark.django_db
def test_never_issued_warning_shows_beside_other_errors(client, coordinator):
    response = post_referral(
        client, coordinator, nhs_number="4444444444", date_of_birth="2099-01-01"
    )
    assert response.status_code == 200
    assert "444 444 4444 is never issued" in response.content.decode()
    assert "nhs_number" not in response.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize("postcode", ["QF1 2AB", "NF1 2AC", "NZ1 2AB", "NF1 2AV"])
def test_impossible_postcode_gets_a_field_error(client, coordinator, postcode):
    response = post_referral(client, coordinator, postcode=postcode)
    assert response.status_code == 200
    form = response.context["form"]
    assert "Enter a full UK postcode" in form.errors["postcode"][0]
    assert form["postcode"].value() == postcode
    assert "locality" not in form.errors  # the postcode's error says it all
    assert not DischargeCase.objects.exists()


@pytest.mark.django_db
def test_no_fixed_abode_is_received_with_the_locality_chosen(
    client, coordinator, localities
):
    north, _ = localities
    response = post_referral(
        client, coordinator, postcode="zz99 3vz", locality=north.pk
    )
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.postcode, person.locality) == ("ZZ99 3VZ", north)


@pytest.mark.django_db
def test_no_fixed_abode_without_a_locality_asks_for_one(client, coordinator):
    response = post_referral(client, coordinator, postcode="ZZ99 3VZ")
    assert "is in no locality: choose the locality" in " ".join(
        response.context["form"].errors["locality"]
    )


@pytest.mark.django_db
def test_empty_referral_form_says_what_is_required(client, coordinator):
    client.force_login(coordinator)
    response = client.post(DischargeFlow.start.reverse("execute"), {})
    assert response.status_code == 200
    text = response.content.decode()
    assert "cannot be null" not in text
    form = response.context["form"]
    assert form.errors["postcode"] == ["This field is required."]
    assert form.errors["nhs_number"] == ["This field is required."]
    assert "locality" not in form.errors  # optional: taken from the postcode


def test_normalise_keeps_digits_only():
    assert nhs_number_normalise("999-000 0018") == "9990000018"
