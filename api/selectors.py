"""Which referrals a client may read: those it sent, and those of people in
its localities referred from its hospitals (any hospital when none listed)."""

import re

from django.db.models import Q, QuerySet
from django.http import Http404

from cases.models import DischargeCase
from cases.selectors import case_active_tasks

from .models import ApiClient


def case_scope_for_client(client: ApiClient) -> QuerySet[DischargeCase]:
    if not client.is_active:
        return DischargeCase.objects.none()
    mine = Q(locality__in=client.localities.all())
    hospitals = client.hospital_list()
    if hospitals:
        mine &= Q(referral__hospital__in=hospitals)
    return DischargeCase.objects.filter(mine | Q(api_referral__client=client))


def case_get_for_client(*, client: ApiClient, pk: str) -> DischargeCase:
    """The case, or 404 when it does not exist or is outside the client's scope
    (the two are told apart by nobody)."""
    if not re.fullmatch(r"[0-9]{1,18}", str(pk)):
        raise Http404("No such referral.")
    case = (
        case_scope_for_client(client)
        .select_related("referral__person", "locality")
        .filter(pk=int(pk))
        .first()
    )
    if case is None:
        raise Http404("No such referral.")
    return case


def referral_status(case: DischargeCase) -> dict:
    """What a referrer may know of its referral: where it is and the clock."""
    referral, arrangement = case.referral, _arrangement(case)
    return {
        "id": case.pk,
        "reference": case.reference,
        "status": case.outcome,
        "stage": _stage(case),
        "pathway": case.pathway,
        "pathway_label": case.get_pathway_display() if case.pathway is not None else "",
        "locality": case.locality.name,
        "received_at": referral.received_at,
        "discharge_ready_date": referral.discharge_ready_date,
        "delay_days": case.delay_days(),
        "expected_start": _expected_start(arrangement),
        "arrangement_status": arrangement.status if arrangement else "",
        "closed_because": case.closed_because,
        "meets_criteria_to_reside": referral.meets_criteria_to_reside,
    }


def _stage(case: DischargeCase) -> str:
    if not case.is_open:
        return case.get_outcome_display()
    titles = [task.flow_task.task_title for task in case_active_tasks(case)]
    return " and ".join(titles) or "Being processed"


def _arrangement(case: DischargeCase):
    """The case's reablement start (pathway 1) or placement (2, 3), if any."""
    from pathways.models import Placement, ReablementStart

    start = ReablementStart.objects.filter(case=case).first()
    return start or Placement.objects.filter(case=case).first()


def _expected_start(arrangement):
    """Only an arrangement the provider or setting agreed: an offer may still
    be declined or expire."""
    if arrangement is None or arrangement.status != arrangement.Status.AGREED:
        return None
    return arrangement.start_date
