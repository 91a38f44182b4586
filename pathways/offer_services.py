"""A provider's answer to an offer, of a reablement start (pathway 1) or of a
bed (pathways 2 and 3; both records have the same offer fields): accepted
(agreed: the discharge gate opens), declined with a reason or left to
expire (released: the capacity or bed is freed, a reablement case goes back
on the allocator's waiting list, and the coordinator sees it on My day and
the case page)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.models import DischargeCase
from cases.services import _save

from .models import Placement, ReablementStart

Offered = ReablementStart | Placement
OFFERED = ReablementStart.Status.OFFERED


def _locked(offer: Offered) -> Offered:
    return type(offer).objects.select_for_update().get(pk=offer.pk)


def _still_open(offer: Offered, now: datetime.datetime) -> None:
    if offer.status != OFFERED:
        raise ValidationError(
            f"This offer is no longer open: it is {offer.get_status_display().lower()}."
        )
    if offer.offer_deadline and offer.offer_deadline <= now:
        raise ValidationError("The deadline for this offer has passed: it has expired.")


def planned_discharge_refresh(case_id: int, *, actor) -> None:
    """The case's planned discharge date follows what holds a place for it:
    the first day of its reablement start or bed, offered or agreed; none
    once neither holds (declined, expired, cancelled), so nothing reads a
    day that is no longer planned (the equipment figures count a delivery
    after it as late while the person is still in hospital). Called in the
    transaction that changed the start or the bed; a history row names who."""
    holding = [
        offer.start_date
        for model in (ReablementStart, Placement)
        for offer in model.objects.filter(case_id=case_id, status__in=model.HOLDING)
    ]
    planned = min(holding, default=None)
    case = DischargeCase.objects.get(pk=case_id)
    if case.planned_discharge != planned:
        case.planned_discharge = planned
        case._history_user = actor
        case.save()


@transaction.atomic
def offer_accept(*, offer: Offered, actor, told_by: str = "") -> Offered:
    """The provider agrees, only while the offer is open. `told_by`: the
    answer came another way (who said so, who recorded it)."""
    offer, now = _locked(offer), timezone.now()
    _still_open(offer, now)
    offer.status = ReablementStart.Status.AGREED
    offer.answered_by, offer.answered_at = actor, now
    said = f" ({told_by})" if told_by else ""
    _save(offer, actor=actor, reason=f"offer accepted by {offer.provider}{said}")
    return offer


@transaction.atomic
def offer_decline(*, offer: Offered, actor, reason: str, told_by: str = "") -> Offered:
    """The provider declines, saying why: the offer is released."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why you decline this offer."})
    offer, now = _locked(offer), timezone.now()
    _still_open(offer, now)
    offer.status, offer.decline_reason = ReablementStart.Status.DECLINED, reason
    offer.answered_by, offer.answered_at = actor, now
    said = f" ({told_by})" if told_by else ""
    _save(
        offer, actor=actor, reason=f"offer declined by {offer.provider}{said}: {reason}"
    )
    planned_discharge_refresh(offer.case_id, actor=actor)
    return offer


@transaction.atomic
def offer_cancel(*, offer: Offered, actor, reason: str) -> Offered:
    """An offered or agreed start or bed given back: the hub withdraws the
    offer, the provider withdrew, or the case closed. Locked as an answer
    locks it, so never written over an answer given at the same moment."""
    what = "placement" if isinstance(offer, Placement) else "start"
    if not reason.strip():
        raise ValidationError({"reason": f"Say why the {what} is cancelled."})
    locked = _locked(offer)
    if locked.status not in type(offer).HOLDING:
        raise ValidationError(f"This {what} is already {locked.get_status_display()}.")
    locked.status = offer.status = ReablementStart.Status.CANCELLED
    _save(locked, actor=actor, reason=f"cancelled: {reason}")
    planned_discharge_refresh(locked.case_id, actor=actor)
    return locked


def offers_expire(model, *, now: datetime.datetime | None = None) -> int:
    """Release every offer whose deadline has passed unanswered; how many."""
    now = now or timezone.now()
    due = model.objects.filter(status=OFFERED, offer_deadline__lte=now)
    expired = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            offer = model.objects.select_for_update().get(pk=pk)
            if offer.status != OFFERED:
                continue  # answered a moment ago
            offer.status, offer.answered_at = ReablementStart.Status.EXPIRED, now
            deadline = timezone.localtime(offer.offer_deadline)
            _save(
                offer,
                actor=None,
                reason=f"offer expired: {offer.provider} did not answer by "
                f"{deadline:%d/%m/%Y %H:%M}",
            )
            planned_discharge_refresh(offer.case_id, actor=None)
            expired += 1
    return expired


def offers_expire_all() -> int:
    """Every kind of offer past its deadline (the command and page loads)."""
    return offers_expire(ReablementStart) + offers_expire(Placement)
