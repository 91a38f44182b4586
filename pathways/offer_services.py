"""A provider's answer to an offer of a reablement start: accepted (the start
is agreed and the discharge gate opens), declined with a reason or left to
expire (the start is released, its capacity freed, and the case goes back
on the waiting list; its coordinator sees it on My day and the case page)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.services import _save

from .models import ReablementStart


def _locked(start: ReablementStart) -> ReablementStart:
    return ReablementStart.objects.select_for_update().get(pk=start.pk)


def _still_open(start: ReablementStart, now: datetime.datetime) -> None:
    if start.status != ReablementStart.Status.OFFERED:
        raise ValidationError(
            f"This offer is no longer open: it is {start.get_status_display().lower()}."
        )
    if start.offer_deadline and start.offer_deadline <= now:
        raise ValidationError("The deadline for this offer has passed: it has expired.")


@transaction.atomic
def reablement_offer_accept(*, start: ReablementStart, actor) -> ReablementStart:
    """The provider agrees the start, only while the offer is open."""
    start, now = _locked(start), timezone.now()
    _still_open(start, now)
    start.status = ReablementStart.Status.AGREED
    start.answered_by, start.answered_at = actor, now
    _save(start, actor=actor, reason=f"offer accepted by {start.provider}")
    return start


@transaction.atomic
def reablement_offer_decline(
    *, start: ReablementStart, actor, reason: str
) -> ReablementStart:
    """The provider declines, saying why: the start is released."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why you decline this offer."})
    start, now = _locked(start), timezone.now()
    _still_open(start, now)
    start.status, start.decline_reason = ReablementStart.Status.DECLINED, reason
    start.answered_by, start.answered_at = actor, now
    _save(start, actor=actor, reason=f"offer declined by {start.provider}: {reason}")
    return start


def reablement_offers_expire(*, now: datetime.datetime | None = None) -> int:
    """Release every offer whose deadline has passed unanswered; how many."""
    now = now or timezone.now()
    due = ReablementStart.objects.filter(
        status=ReablementStart.Status.OFFERED, offer_deadline__lte=now
    ).values_list("pk", flat=True)
    expired = 0
    for pk in list(due):
        with transaction.atomic():
            start = ReablementStart.objects.select_for_update().get(pk=pk)
            if start.status != ReablementStart.Status.OFFERED:
                continue  # answered a moment ago
            start.status, start.answered_at = ReablementStart.Status.EXPIRED, now
            deadline = timezone.localtime(start.offer_deadline)
            _save(
                start,
                actor=None,
                reason=f"offer expired: {start.provider} did not answer by "
                f"{deadline:%d/%m/%Y %H:%M}",
            )
            expired += 1
    return expired


def offers_expire_all() -> int:
    """Every kind of offer past its deadline (the command and page loads)."""
    return reablement_offers_expire()
