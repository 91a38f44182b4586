"""The DRD services the case page and the referral API share."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import services
from cases.delays import drd_needed
from cases.models import DischargeReadyDateChange

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_moving_the_drd_keeps_the_history_and_restarts_the_clock(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()  # DRD two days ago
    today = timezone.localdate()
    assert case.delay_days() == 2

    referral = services.discharge_ready_date_change(
        case=case, new_date=today - DAY, reason="Chest infection", actor=coordinator
    )
    case.refresh_from_db()
    assert referral.discharge_ready_date == today - DAY
    assert case.referral.discharge_ready_date == today - DAY
    assert case.delay_days() == 1
    change = DischargeReadyDateChange.objects.get(referral=referral)
    assert change.kind == "moved" and change.previous_date == today - 2 * DAY
    assert change.reason == "Chest infection" and change.changed_by == coordinator
    assert referral.history.first().history_change_reason.startswith(
        "discharge ready date moved"
    )


def test_bad_input_names_every_field_and_changes_nothing(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    before = case.referral.discharge_ready_date
    with pytest.raises(ValidationError) as error:
        services.discharge_ready_date_change(
            case=case,
            new_date=timezone.localdate() + DAY,
            reason=" ",
            actor=coordinator,
        )
    assert set(error.value.message_dict) == {"discharge_ready_date", "reason"}
    case.referral.refresh_from_db()
    assert case.referral.discharge_ready_date == before
    assert not DischargeReadyDateChange.objects.exists()


def test_meeting_the_criteria_to_reside_again_clears_the_drd(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    services.criteria_to_reside_record(case=case, meets=True, actor=coordinator)
    case.refresh_from_db()
    assert case.referral.discharge_ready_date is None
    assert case.referral.meets_criteria_to_reside
    assert case.delay_days() is None and not drd_needed(case)

    services.criteria_to_reside_record(
        case=case, meets=False, actor=coordinator, reason="Board round"
    )
    case.refresh_from_db()
    assert drd_needed(case)
    kinds = list(
        DischargeReadyDateChange.objects.order_by("pk").values_list("kind", flat=True)
    )
    assert kinds == ["reset", "not_meeting"]
    # Saying the same twice writes nothing.
    services.criteria_to_reside_record(case=case, meets=False, actor=coordinator)
    assert DischargeReadyDateChange.objects.count() == 2
