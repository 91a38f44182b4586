"""Writes of the pathway stage: the decision, the reablement start (booked
against capacity under a row lock) and the bed-based placement."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.models import DischargeCase, Pathway
from cases.services import _save

from .models import Band, PathwayDecision, Placement, Provider, ReablementStart
from .offer_deadlines import deadline_after
from .offer_services import planned_discharge_refresh
from .rules import pathway_recommend
from .selectors import booked, case_skills, horizon, published


@transaction.atomic
def pathway_decide(
    *,
    case: DischargeCase,
    actor,
    chosen: int,
    override_reason: str,
    visit_pattern: list[dict],
    length_days: int = 42,
) -> PathwayDecision:
    """The coordinator confirms the recommendation or overrides it with a reason."""
    recommended, reasons = pathway_recommend(case)
    if chosen != recommended and not override_reason.strip():
        raise ValidationError(
            {
                "override_reason": (
                    f"The system recommends pathway {recommended}: say why you chose "
                    f"pathway {chosen}."
                )
            }
        )
    if chosen == Pathway.REABLEMENT and not visit_pattern:
        raise ValidationError("Pathway 1 needs a visit pattern: at least one call.")
    decision = PathwayDecision(
        case=case,
        recommended=recommended,
        recommendation_reasons=reasons,
        chosen=chosen,
        override_reason=override_reason if chosen != recommended else "",
        visit_pattern=visit_pattern if chosen == Pathway.REABLEMENT else [],
        length_days=length_days,
        decided_by=actor,
    )
    _save(decision, actor=actor)
    case.pathway = chosen
    case._history_user = actor
    case.save()
    return decision


def capacity_shortfalls(
    *,
    provider: Provider,
    start_date: datetime.date,
    length_days: int,
    visits: list[dict],
    exclude_case_id=None,
) -> list[str]:
    """Every (day, band) of the horizon where this start would overbook."""
    days = [
        d
        for d in horizon()
        if start_date <= d < start_date + datetime.timedelta(days=length_days)
    ]
    if not days:
        return []
    need: dict[str, int] = {}
    for visit in visits:
        need[visit["band"]] = (
            need.get(visit["band"], 0) + visit["minutes"] * visit["carers"]
        )
    pub = published([provider], days)
    used = booked([provider], days, exclude_case_id=exclude_case_id)
    short = []
    for day in days:
        for band, minutes in need.items():
            free = pub.get((provider.pk, day, band), 0) - used.get(
                (provider.pk, day, band), 0
            )
            if minutes > free:
                short.append(
                    f"{day:%a %d/%m} {Band(band).label.lower()}: needs "
                    f"{minutes} carer-minutes, {max(free, 0)} free"
                )
    return short


def _check_start(case, provider, start_date) -> None:
    days = horizon()
    if start_date < days[0]:
        raise ValidationError({"start_date": "The start date is in the past."})
    if start_date > days[-1]:
        raise ValidationError(
            {"start_date": (f"Capacity is published only until {days[-1]:%d/%m/%Y}.")}
        )
    drd = case.referral.discharge_ready_date
    if drd and start_date < drd:
        raise ValidationError(
            {
                "start_date": (
                    f"The start is before the discharge ready date ({drd:%d/%m/%Y})."
                )
            }
        )
    if not provider.localities.filter(pk=case.locality_id).exists():
        raise ValidationError(
            {"provider": f"{provider} does not cover {case.locality}."}
        )
    missing = set(case_skills(case)) - set(provider.skills)
    if missing:
        raise ValidationError(
            {
                "provider": (
                    f"{provider} lacks the skill(s) this case needs: "
                    f"{', '.join(sorted(missing))}."
                )
            }
        )


@transaction.atomic
def reablement_start_offer(
    *,
    case: DischargeCase,
    actor,
    provider: Provider,
    start_date: datetime.date,
    visits: list[dict],
    length_days: int = 42,
    source: str = ReablementStart.Source.MANUAL,
) -> ReablementStart:
    """Book the start as an offer to the provider (it holds the capacity until
    answered), refused when any band on any day would be overbooked.

    The provider row is locked first, so two coordinators booking the same
    provider at once are served one after the other, each against the
    capacity the other left.
    """
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    held = ReablementStart.objects.filter(
        case=case, status__in=ReablementStart.HOLDING
    ).first()
    if held is not None:
        raise ValidationError(
            f"A start is already {held.get_status_display().lower()} with "
            f"{held.provider}."
        )
    _check_start(case, provider, start_date)
    if not visits:
        raise ValidationError("Add at least one call to the visit pattern.")
    short = capacity_shortfalls(
        provider=provider,
        start_date=start_date,
        length_days=length_days,
        visits=visits,
        exclude_case_id=case.pk,
    )
    if short:
        raise ValidationError(
            {
                "start_date": [
                    f"{provider} has not enough capacity: "
                    + "; ".join(short[:4])
                    + (f" and {len(short) - 4} more" if len(short) > 4 else "")
                ]
            }
        )
    start = ReablementStart.objects.filter(case=case).first() or ReablementStart(
        case=case
    )
    again = start.pk is not None
    start.provider, start.start_date, start.visits = provider, start_date, visits
    start.length_days, start.source, start.agreed_by = length_days, source, actor
    start.status, start.offer_deadline = (
        ReablementStart.Status.OFFERED,
        deadline_after(timezone.now()),
    )
    start.answered_by, start.answered_at, start.decline_reason = None, None, ""
    _save(start, actor=actor, reason=f"offered to {provider}" if again else "")
    planned_discharge_refresh(case.pk, actor=actor)
    case.refresh_from_db(fields=["planned_discharge"])
    return start


@transaction.atomic
def placement_arrange(*, case: DischargeCase, actor, placement: Placement) -> Placement:
    """Record the setting: with a provider on the hub, an offer held against a
    free vacancy of its bed type on the start day (checked under the
    provider's row lock); a setting off the hub is recorded as agreed."""
    from .beds import check_vacancy

    if placement.start_date < timezone.localdate() - datetime.timedelta(days=1):
        raise ValidationError({"start_date": "The placement start is in the past."})
    earlier = Placement.objects.filter(case=case).first()
    if earlier is not None and earlier.status in Placement.HOLDING:
        raise ValidationError(f"A placement is already {earlier.get_status_display()}.")
    if earlier is not None:  # released: offered again on the same record
        placement.pk, placement.arranged_at = earlier.pk, earlier.arranged_at
        placement._state.adding = False
    placement.case, placement.arranged_by = case, actor
    placement.answered_by, placement.answered_at = None, None
    placement.decline_reason, placement.offer_deadline = "", None
    placement.status = Placement.Status.AGREED
    if placement.provider_id:
        placement.provider = Provider.objects.select_for_update().get(
            pk=placement.provider_id
        )
        check_vacancy(case, placement)
        placement.setting_name = placement.provider.name
        placement.status = Placement.Status.OFFERED
        placement.offer_deadline = deadline_after(timezone.now())
    reason = (
        f"offered to {placement.provider}" if earlier and placement.provider else ""
    )
    _save(
        placement, actor=actor, reason=reason or ("arranged again" if earlier else "")
    )
    planned_discharge_refresh(case.pk, actor=actor)
    case.refresh_from_db(fields=["planned_discharge"])
    return placement
