"""Bed vacancies: a pathway 2/3 setting publishes its empty beds by type and
day in one press, and a placement with it is an offer held against a free
vacancy, accepted or declined (or expiring) in its portal."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pathways.models import BedVacancy, Placement, Provider
from testkit import provider_staff

pytestmark = pytest.mark.django_db
VACANCIES = "/provider/vacancies/"


@pytest.fixture
def care_home(localities):
    home = Provider.objects.create(
        name="Elm Court Care Home", code="elm-court", kind=Provider.Kind.BEDS
    )
    home.localities.add(localities[0])
    return home


@pytest.fixture
def portal():
    """The setting's own browser (the hub's client is the coordinator's)."""
    return Client()


def _grid(portal):
    response = portal.get(VACANCIES)
    assert response.status_code == 200
    form = response.context["form"]
    return {name: form[name].value() for name in form.fields}


def _field(day, kind):
    return f"m_{day:%Y%m%d}_{kind}"


def _publish(portal, care_home, beds=1):
    portal.force_login(provider_staff(care_home))
    data = dict.fromkeys(_grid(portal), 0)
    today = timezone.localdate()
    data[_field(today, "care_home_residential")] = beds
    response = portal.post(VACANCIES, data)
    assert response.status_code == 302 and response.url == VACANCIES
    return today


def _to_placement(hub, coordinator, **referral):
    hub.as_user(coordinator)
    case = hub.start(**referral)
    hub.do(case, "triage", {"outcome": "accept", "priority": "high", "reason": "ok"})
    hub.do(
        case,
        "risk_screen",
        {
            "falls_last_year": 0,
            "skin_integrity": "intact",
            "continence": "continent",
            "carers_needed": 1,
        },
    )
    hub.do(
        case,
        "pathway",
        {
            "chosen": 3,
            "override_reason": "Needs a care home",
            "length_days": 42,
            **{f"{b}_carers": 1 for b in ("morning", "lunch", "tea", "bed")},
        },
    )
    hub.do(case, "equipment", {"no_equipment_needed": "on"})
    return case


def _offer_bed(hub, case, care_home, day, expect=302):
    return hub.do(
        case,
        "placement",
        {
            "setting": "care_home_residential",
            "provider": care_home.pk,
            "start_date": day.isoformat(),
        },
        expect=expect,
    )


def test_a_setting_publishes_its_vacancies_in_one_press(portal, care_home):
    today = _publish(portal, care_home, beds=2)
    row = BedVacancy.objects.get(
        provider=care_home, date=today, bed_type="care_home_residential"
    )
    assert row.beds == 2 and row.history.latest().history_user.provider_staff
    assert BedVacancy.objects.filter(provider=care_home).count() == 14 * 4
    # Its capacity page (carer-minutes) is not for it: it goes to its beds.
    assert portal.get("/provider/capacity/").url == VACANCIES
    data = _grid(portal)
    data[_field(today, "d2a_bed")] = "-1"
    response = portal.post(VACANCIES, data)
    assert response.status_code == 422
    assert "beds cannot be negative" in response.content.decode()


def test_a_placement_is_offered_against_a_free_vacancy_and_accepted(
    hub, portal, coordinator, care_home
):
    today = _publish(portal, care_home, beds=1)
    case = _to_placement(hub, coordinator)
    # The placement page shows the free vacancies beside the form.
    page = hub.do(case, "placement", {}, expect=200).content.decode()
    assert "Free bed vacancies" in page and "Elm Court Care Home" in page
    _offer_bed(hub, case, care_home, today)
    placement = Placement.objects.get(case=case)
    assert placement.status == "offered" and placement.setting_name == care_home.name
    # The one vacancy is held: another case cannot be offered it.
    other = _to_placement(hub, coordinator, nhs_number="9990000026")
    response = _offer_bed(hub, other, care_home, today, expect=200)
    assert "no care home – residential vacancy published free" in (
        response.content.decode()
    )
    # Nor can the setting publish below what it holds.
    data = _grid(portal)
    data[_field(today, "care_home_residential")] = 0
    assert portal.post(VACANCIES, data).status_code == 422
    inbox = portal.get("/provider/offers/").content.decode()
    assert "Care home – residential" in inbox and "Testcase" not in inbox
    offer_page = portal.get(f"/provider/offers/beds/{placement.pk}/").content.decode()
    assert "Northfield (NF1)" in offer_page and "Testcase" not in offer_page
    response = portal.post(
        f"/provider/offers/beds/{placement.pk}/", {"answer": "accept"}
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.status == "agreed"
    page = hub.client.get(case.get_absolute_url()).content.decode()
    assert "agreed</span> by the setting" in page
    timeline = hub.client.get(f"/hub/cases/{case.pk}/timeline/").content.decode()
    assert "Placement offered" in timeline and "offer accepted by Elm Court" in timeline


def test_a_declined_bed_is_released_and_the_coordinator_offers_again(
    hub, portal, coordinator, care_home
):
    today = _publish(portal, care_home, beds=1)
    case = _to_placement(hub, coordinator)
    _offer_bed(hub, case, care_home, today)
    placement = Placement.objects.get(case=case)
    url = f"/provider/offers/beds/{placement.pk}/"
    portal.post(url, {"answer": "decline", "reason": "Cannot meet her needs"})
    placement.refresh_from_db()
    assert placement.status == "declined"
    my_day = hub.client.get(reverse("hub:index")).content.decode()
    assert "Offer declined: Cannot meet her needs" in my_day
    gate = " ".join(hub.client.get(case.get_absolute_url()).context["blockers"])
    assert "The placement was declined" in gate
    # The bed is free again: offered again from the case.
    response = hub.client.post(
        reverse("hub:placement_rebook", args=[case.pk]),
        {
            "setting": "care_home_residential",
            "provider": care_home.pk,
            "start_date": today.isoformat(),
        },
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.status == "offered"
    assert (
        "Offers declined or expired"
        not in hub.client.get(reverse("hub:index")).content.decode()
    )


def test_an_unanswered_bed_offer_expires(hub, portal, coordinator, care_home):
    today = _publish(portal, care_home, beds=1)
    case = _to_placement(hub, coordinator)
    _offer_bed(hub, case, care_home, today)
    placement = Placement.objects.get(case=case)
    with time_machine.travel(placement.offer_deadline + datetime.timedelta(minutes=1)):
        call_command("expire_offers")
        hub.client.force_login(coordinator)
        my_day = hub.client.get(reverse("hub:index")).content.decode()
    placement.refresh_from_db()
    assert placement.status == "expired"
    assert "Offer expired unanswered" in my_day


def test_a_setting_sees_nothing_of_another_settings_beds(
    hub, portal, coordinator, care_home, localities
):
    today = _publish(portal, care_home, beds=1)
    case = _to_placement(hub, coordinator)
    _offer_bed(hub, case, care_home, today)
    placement = Placement.objects.get(case=case)
    other = Provider.objects.create(
        name="Rowan House", code="rowan", kind=Provider.Kind.BEDS
    )
    portal.force_login(provider_staff(other))
    url = f"/provider/offers/beds/{placement.pk}/"
    assert portal.get(url).status_code == 404
    assert portal.post(url, {"answer": "accept"}).status_code == 404
    assert "Elm Court" not in portal.get(VACANCIES).content.decode()
    assert "Offer" not in portal.get("/provider/offers/").content.decode().split(
        "Waiting for your answer"
    )[1].split("Answered lately")[0].replace("No offer is waiting", "")
    placement.refresh_from_db()
    assert placement.status == "offered"
    for url in (
        case.get_absolute_url(),
        reverse("hub:placement_rebook", args=[case.pk]),
    ):
        assert portal.get(url).status_code in (403, 404), url


def test_the_coordinator_records_a_settings_answer_given_by_telephone(
    hub, portal, coordinator, care_home
):
    today = _publish(portal, care_home, beds=1)
    case = _to_placement(hub, coordinator)
    _offer_bed(hub, case, care_home, today)
    answer = reverse("hub:placement_answer", args=[case.pk])
    assert answer in hub.client.get(case.get_absolute_url()).content.decode()
    refused = hub.client.post(answer, {"answer": "decline", "who": "Matron"})
    assert refused.status_code == 422
    assert "Say why the provider declined." in refused.content.decode()
    response = hub.client.post(
        answer, {"answer": "decline", "who": "Matron", "reason": "No nursing bed"}
    )
    assert response.status_code == 302
    placement = Placement.objects.get(case=case)
    assert placement.status == "declined" and placement.answered_by == coordinator
    timeline = hub.client.get(f"/hub/cases/{case.pk}/timeline/").content.decode()
    assert "(told by Matron, recorded by" in timeline and "No nursing bed" in timeline
    # The bed is free again for another offer.
    assert not Placement.objects.filter(status__in=Placement.HOLDING).exists()
