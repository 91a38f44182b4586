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
    # The huddle board, where the delay is discussed, shows it only offered.
    huddle = " ".join(hub.client.get("/hub/huddle/").content.decode().split())
    assert (
        'Bed, Elm Court Care Home: <span class="badge warn">offered</span>'
        ' <span class="muted">not yet agreed; answer due' in huddle
    )
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
    assert ", 0 days" not in inbox  # a bed has an admission day, no length
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
    # The huddle board says the bed is agreed (it said only offered before).
    huddle = " ".join(hub.client.get("/hub/huddle/").content.decode().split())
    assert 'Bed, Elm Court Care Home: <span class="badge ok">agreed</span>' in huddle
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
    refusal = refused.content.decode()
    assert "Say why the setting declined." in refusal
    assert "Who at the setting gave it" in refusal  # a care home, not a provider
    response = hub.client.post(
        answer, {"answer": "decline", "who": "Matron", "reason": "No nursing bed"}
    )
    assert response.status_code == 302
    placement = Placement.objects.get(case=case)
    assert placement.status == "declined" and placement.answered_by == coordinator
    page = hub.client.get(response.url).content.decode()
    assert "the bed is released" in page and "back on the waiting list" not in page
    timeline = hub.client.get(f"/hub/cases/{case.pk}/timeline/").content.decode()
    assert "(told by Matron, recorded by" in timeline and "No nursing bed" in timeline
    # The bed is free again for another offer.
    assert not Placement.objects.filter(status__in=Placement.HOLDING).exists()


def test_vacancies_are_seen_in_the_admin_and_changed_only_by_the_setting(
    admin_client, portal, care_home, make_user
):
    today = _publish(portal, care_home, beds=2)
    vacancy = BedVacancy.objects.get(
        provider=care_home, date=today, bed_type="care_home_residential"
    )
    listing = admin_client.get(
        "/admin/pathways/bedvacancy/?provider__id__exact="
        f"{care_home.pk}&bed_type=care_home_residential"
    )
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Elm Court Care Home" in text and "Care home – residential" in text
    assert listing.context["cl"].result_count == 14
    change = f"/admin/pathways/bedvacancy/{vacancy.pk}/change/"
    page = admin_client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    # An edit would skip the check that held beds stay covered: refused.
    refused = admin_client.post(
        change,
        {"provider": care_home.pk, "date": today, "bed_type": "d2a_bed", "beds": 0},
    )
    assert refused.status_code == 403
    assert admin_client.get("/admin/pathways/bedvacancy/add/").status_code == 403
    delete = f"/admin/pathways/bedvacancy/{vacancy.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    vacancy.refresh_from_db()
    assert vacancy.beds == 2 and vacancy.bed_type == "care_home_residential"
    history = admin_client.get(f"/admin/pathways/bedvacancy/{vacancy.pk}/history/")
    assert history.status_code == 200
    # The hub's admin role reads them too; a coordinator is not staff.
    admin_role = make_user("ada_admin", "admin", [])
    admin_role.is_staff = True
    admin_role.save()
    reader = Client()
    reader.force_login(admin_role)
    assert reader.get("/admin/pathways/bedvacancy/").status_code == 200
    assert reader.get("/admin/pathways/bedvacancy/add/").status_code == 403
    stranger = Client()
    stranger.force_login(make_user("carl_coord", "coordinator", []))
    response = stranger.get("/admin/pathways/bedvacancy/")
    assert response.status_code == 302 and "/login/" in response.url


def test_management_figures_count_a_bed_only_once_the_setting_agrees(
    hub, portal, coordinator, care_home
):
    today = _publish(portal, care_home, beds=1)
    case = _to_placement(hub, coordinator)
    _offer_bed(hub, case, care_home, today)
    week = {"period": "week", "day": today.isoformat(), "table": "bed_placements"}

    def figures() -> dict:
        response = hub.client.get(reverse("hub:mi_csv"), week)
        assert response.status_code == 200
        lines = response.content.decode().splitlines()
        return {line.split(",")[0]: line.split(",")[1:] for line in lines[1:]}

    # Published 1, agreed 0, offered 1, declined or expired 0.
    assert figures()["Care home – residential"] == ["1", "0", "1", "0"]
    placement = Placement.objects.get(case=case)
    portal.post(f"/provider/offers/beds/{placement.pk}/", {"answer": "accept"})
    assert figures()["Care home – residential"] == ["1", "1", "0", "0"]
    assert (
        "Bed-based placements"
        in hub.client.get(
            reverse("hub:mi"), {k: v for k, v in week.items() if k != "table"}
        ).content.decode()
    )


def test_the_portal_menu_offers_only_what_the_provider_publishes(
    portal, care_home, provider
):
    portal.force_login(provider_staff(care_home))
    beds = portal.get("/provider/offers/").content.decode()
    assert 'href="/provider/vacancies/"' in beds
    assert 'href="/provider/capacity/"' not in beds  # carer-minutes: not a home's
    portal.force_login(provider_staff(provider))
    home_care = portal.get("/provider/offers/").content.decode()
    assert 'href="/provider/capacity/"' in home_care
    assert 'href="/provider/vacancies/"' not in home_care


def test_the_coordinator_withdraws_a_bed_offer_and_the_bed_is_free_again(
    hub, portal, coordinator, care_home
):
    today = _publish(portal, care_home, beds=1)
    case = _to_placement(hub, coordinator)
    _offer_bed(hub, case, care_home, today)
    page = hub.client.get(case.get_absolute_url()).content.decode()
    withdraw = reverse("hub:placement_cancel", args=[case.pk])
    assert f'href="{withdraw}">withdraw the offer</a>' in page
    form = hub.client.get(withdraw).content.decode()
    assert "Withdraw the bed offered" in form and "Elm Court Care Home" in form
    # a reason is asked for; without one nothing changes
    refused = hub.client.post(withdraw, {"reason": " "})
    assert refused.status_code == 422
    assert "Say why the placement is cancelled." in refused.content.decode()
    assert Placement.objects.get(case=case).status == "offered"
    done = hub.client.post(withdraw, {"reason": "The family chose another home"})
    assert done.status_code == 302
    placement = Placement.objects.get(case=case)
    assert placement.status == "cancelled"
    assert (
        placement.history.first().history_change_reason
        == "cancelled: The family chose another home"
    )
    gate = " ".join(hub.client.get(case.get_absolute_url()).context["blockers"])
    assert "The placement was cancelled" in gate
    # the bed is free again: another person's offer takes it
    other = _to_placement(hub, coordinator, nhs_number="9990000026")
    _offer_bed(hub, other, care_home, today)
    assert Placement.objects.get(case=other).status == "offered"
    # nothing is held now on the first case: the page says so, a POST changes nothing
    assert "No bed is offered or agreed" in hub.client.get(withdraw).content.decode()
    hub.client.post(withdraw, {"reason": "again"})
    assert Placement.objects.get(case=case).status == "cancelled"


def test_nothing_is_cancelled_for_a_case_no_longer_open_or_a_setting_off_the_hub(
    hub, portal, coordinator, care_home
):
    from cases.models import DischargeCase

    today = _publish(portal, care_home, beds=1)
    case = _to_placement(hub, coordinator)
    _offer_bed(hub, case, care_home, today)
    cancel = reverse("hub:placement_cancel", args=[case.pk])
    # discharged into the bed: the placement stays as it is
    DischargeCase.objects.filter(pk=case.pk).update(outcome="discharged")
    assert "No bed is offered or agreed" in hub.client.get(cancel).content.decode()
    hub.client.post(cancel, {"reason": "By mistake"})
    assert Placement.objects.get(case=case).status == "offered"
    # a setting off the hub (recorded as agreed, no provider) holds no bed here
    DischargeCase.objects.filter(pk=case.pk).update(outcome="open")
    Placement.objects.filter(case=case).update(provider=None, status="agreed")
    assert "No bed is offered or agreed" in hub.client.get(cancel).content.decode()
    hub.client.post(cancel, {"reason": "By mistake"})
    assert Placement.objects.get(case=case).status == "agreed"
