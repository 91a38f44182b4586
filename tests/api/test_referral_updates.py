"""After the referral: the ward reads its status, moves the discharge ready
date, records the criteria to reside, and withdraws it."""

import datetime

import pytest
from api_kit import referral_body
from django.utils import timezone

from cases.models import DischargeCase
from pathways.beds import vacancy_publish
from pathways.models import Placement, Provider
from pathways.offer_services import offer_accept, offer_decline
from pathways.services import placement_arrange

pytestmark = pytest.mark.django_db
URL = "/api/v1/referrals"
TODAY = timezone.localdate()


@pytest.fixture
def sent(api):
    response = api.post(URL, referral_body())
    assert response.status_code == 201, response.json()
    return DischargeCase.objects.get(pk=response.json()["id"])


def _day(days_ago: int) -> str:
    return (TODAY - datetime.timedelta(days=days_ago)).isoformat()


def test_the_status_shows_stage_pathway_dates_and_delay(api, sent):
    sent.pathway = 1
    sent.save()

    body = api.get(f"{URL}/{sent.pk}").json()

    assert body["stage"] == "Triage"
    assert body["pathway"] == 1 and body["pathway_label"].startswith("1")
    assert body["discharge_ready_date"] == _day(2)
    assert body["delay_days"] == 2
    assert body["expected_start"] is None and body["arrangement_status"] == ""
    assert body["locality"] == "Northfield"


def test_a_bed_only_offered_gives_no_expected_start_until_the_setting_agrees(
    api, sent, coordinator
):
    home = Provider.objects.create(
        name="Elm Court Care Home", code="elm-court", kind=Provider.Kind.BEDS
    )
    home.localities.add(sent.locality)
    vacancy_publish(
        provider=home, actor=None, beds={(TODAY, "care_home_residential"): 1}
    )
    sent.pathway = 3
    sent.save()
    bed = Placement(setting="care_home_residential", provider=home, start_date=TODAY)
    placement = placement_arrange(case=sent, actor=coordinator, placement=bed)

    offered = api.get(f"{URL}/{sent.pk}").json()
    offer_decline(offer=placement, actor=None, reason="No bed after all")
    declined = api.get(f"{URL}/{sent.pk}").json()
    again = Placement(setting="care_home_residential", provider=home, start_date=TODAY)
    placement = placement_arrange(case=sent, actor=coordinator, placement=again)
    offer_accept(offer=placement, actor=None)
    agreed = api.get(f"{URL}/{sent.pk}").json()

    assert offered["expected_start"] is None
    assert offered["arrangement_status"] == "offered"
    assert declined["expected_start"] is None
    assert declined["arrangement_status"] == "declined"
    assert agreed["expected_start"] == TODAY.isoformat()
    assert agreed["arrangement_status"] == "agreed"


def test_the_ward_moves_the_discharge_ready_date_with_a_reason(api, sent):
    response = api.put(
        f"{URL}/{sent.pk}/discharge-ready-date",
        {"discharge_ready_date": _day(1), "reason": "Bloods came back late"},
    )

    assert response.status_code == 200, response.json()
    assert response.json()["discharge_ready_date"] == _day(1)
    assert response.json()["delay_days"] == 1
    change = sent.referral.ready_date_changes.get()
    assert change.source == "ward" and change.reason == "Bloods came back late"
    assert change.changed_by == sent.referral.history.first().history_user


def test_a_bad_date_change_names_each_field_and_changes_nothing(api, sent):
    future = (TODAY + datetime.timedelta(days=3)).isoformat()

    empty = api.put(f"{URL}/{sent.pk}/discharge-ready-date", {})
    ahead = api.put(
        f"{URL}/{sent.pk}/discharge-ready-date",
        {"discharge_ready_date": future, "reason": "Guess"},
    )

    assert empty.status_code == 400
    assert set(empty.json()) == {"discharge_ready_date", "reason"}
    assert ahead.status_code == 400
    assert "future" in ahead.json()["discharge_ready_date"][0]
    sent.referral.refresh_from_db()
    assert sent.referral.discharge_ready_date.isoformat() == _day(2)


def test_meeting_the_criteria_to_reside_again_clears_the_date(api, sent):
    response = api.put(
        f"{URL}/{sent.pk}/criteria-to-reside",
        {"meets": True, "reason": "Temperature spiked overnight"},
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["discharge_ready_date"] is None and body["delay_days"] is None
    assert body["meets_criteria_to_reside"] is True
    moved = api.put(
        f"{URL}/{sent.pk}/discharge-ready-date",
        {"discharge_ready_date": _day(0), "reason": "Medically optimised again"},
    )
    assert moved.json()["delay_days"] == 0
    assert moved.json()["meets_criteria_to_reside"] is False


def test_criteria_to_reside_needs_a_yes_or_no(api, sent):
    response = api.put(f"{URL}/{sent.pk}/criteria-to-reside", {"meets": "perhaps"})
    assert response.status_code == 400
    assert "meets" in response.json()


def test_the_ward_withdraws_a_referral_with_a_reason(api, sent):
    response = api.post(
        f"{URL}/{sent.pk}/withdraw",
        {"closed_because": "died", "reason": "Died on the ward overnight"},
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "closed" and body["closed_because"] == "died"
    assert body["stage"] == "Closed"
    sent.refresh_from_db()
    assert sent.closure_reason == "Died on the ward overnight"
    assert sent.closed_by == sent.referral.history.first().history_user
    assert sent.status == "CANCELED"  # Viewflow's process and its tasks


def test_a_closed_referral_cannot_be_withdrawn_or_moved_again(api, sent):
    withdraw = {"closed_because": "readmitted", "reason": "Back on the ward"}
    assert api.post(f"{URL}/{sent.pk}/withdraw", withdraw).status_code == 200

    again = api.post(f"{URL}/{sent.pk}/withdraw", withdraw)
    moved = api.put(
        f"{URL}/{sent.pk}/discharge-ready-date",
        {"discharge_ready_date": _day(1), "reason": "x"},
    )

    assert again.status_code == 409 and "already closed" in again.json()["detail"]
    assert moved.status_code == 409


def test_a_withdrawal_needs_a_known_reason(api, sent):
    response = api.post(
        f"{URL}/{sent.pk}/withdraw", {"closed_because": "bored", "reason": ""}
    )
    assert response.status_code == 400
    assert set(response.json()) == {"closed_because", "reason"}
    sent.refresh_from_db()
    assert sent.is_open
