"""Writes of the triage stage: decision, risk screen, OT review."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cases.models import DischargeCase, Pathway
from cases.services import _save, case_close_not_accepted
from pathways.rules import pathway_recommend

from .models import OTReview, RiskScreen, TriageDecision
from .rules import screen_score


@transaction.atomic
def triage_record(
    *, case: DischargeCase, actor, outcome: str, priority: str, reason: str
) -> TriageDecision:
    """Not accepted closes the case with the triage reason."""
    decision = TriageDecision(
        case=case, outcome=outcome, priority=priority, reason=reason, decided_by=actor
    )
    _save(decision, actor=actor)
    case.priority = priority
    case.coordinator = case.coordinator or actor
    case._history_user = actor
    case.save()
    if not decision.accepted:
        case_close_not_accepted(
            case=case,
            actor=actor,
            reason=f"{decision.get_outcome_display()}: {reason}",
        )
    return decision


@transaction.atomic
def risk_screen_record(*, case: DischargeCase, actor, screen: RiskScreen) -> RiskScreen:
    """Score the screen; its rules decide whether the case goes to an OT."""
    screen.case = case
    screen.screened_by = actor
    screen.score, screen.level, screen.flags_ot_review, screen.rules_fired = (
        screen_score(screen)
    )
    _save(screen, actor=actor)
    case.flagged_for_ot = screen.flags_ot_review
    case.safeguarding_indicator = screen.safeguarding_indicator
    case._history_user = actor
    case.save()
    return screen


@transaction.atomic
def ot_review_record(
    *,
    case: DischargeCase,
    actor,
    review: OTReview,
    prescribed_items=(),
    speed: str = "next_day",
) -> OTReview:
    """The OT's pathway is compared with the system's recommendation (read
    before the review is attached, as the review then becomes the
    recommendation); a different pathway needs a reason."""
    from equipment.services import order_place

    system, _reasons = pathway_recommend(case)
    review.agrees_with_recommendation = review.recommended_pathway == system
    if not review.agrees_with_recommendation and not review.change_reason.strip():
        raise ValidationError(
            {
                "change_reason": "Say why the pathway differs from the system's "
                f"recommendation ({Pathway(system).label})."
            }
        )
    review.case = case
    review.reviewed_by = actor
    _save(review, actor=actor)
    case.ot = actor
    case._history_user = actor
    case.save()
    for item in prescribed_items:
        order_place(
            case=case,
            actor=actor,
            item=item,
            quantity=1,
            speed=speed,
            essential=item.essential_by_default,
            prescribed_by_ot=True,
        )
    return review
