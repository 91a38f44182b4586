"""Writes to the support plan: its needs, the adult's eligibility
determination (Care Act s13, regulation 2) and, where a carer was assessed,
the carer's (regulation 3)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import (
    CarerAssessment,
    CarerOutcomeAssessed,
    DischargeCase,
    SupportPlan,
    SupportPlanNeed,
)
from .services import _save

REMOVED = "(removed from plan) "
UNANSWERED = {
    "from_impairment": "Say whether the needs arise from an impairment or illness.",
    "wellbeing_impact": "Say whether there is a significant impact on well-being.",
}


def support_plan_validate(
    *, plan_fields: dict, needs: list[dict], carer: dict | None, had_carer: bool
) -> None:
    """Every condition of the determination answered, with reasons; each
    outcome the adult (or carer) cannot achieve says which way of regulation
    2(3) (or 3(3)) applies and why. Errors are keyed by the form's names."""
    errors: dict[str, list[str]] = {}
    for name, unanswered in UNANSWERED.items():
        if plan_fields.get(name) is None:
            errors[name] = [unanswered]
    if plan_fields.get("from_impairment") and not plan_fields.get("impairment_detail"):
        errors["impairment_detail"] = ["Name the impairment or illness."]
    if not (plan_fields.get("determination_reasons") or "").strip():
        errors["determination_reasons"] = [
            "Give the reasons: the person receives them in writing (Care Act s13(2))."
        ]
    for need in needs:
        errors.update(_need_errors(need))
    if not any(need.get("need") for need in needs):
        errors.setdefault("__all__", []).append(
            "Record at least one need against an outcome."
        )
    if had_carer and carer is None:
        errors["carer_assessed"] = [
            "A carer's assessment stays on the record once made: correct it instead."
        ]
    if carer is not None:
        errors.update(_carer_errors(carer))
    if errors:
        raise ValidationError(errors)


def _need_errors(need: dict) -> dict[str, list[str]]:
    key, errors = need["outcome"], {}
    if need.get("unable_because") and not need.get("need"):
        errors[f"{key}_need"] = ["Describe the need behind this outcome."]
    if need.get("need") and not need.get("met_by"):
        errors[f"{key}_met_by"] = ["Say how this need is met."]
    if need.get("unable_because") and not (need.get("unable_why") or "").strip():
        errors[f"{key}_unable_why"] = ["Say why the person is unable to achieve it."]
    return errors


def _carer_errors(carer: dict) -> dict[str, list[str]]:
    errors = {}
    if not (carer["fields"].get("reasons") or "").strip():
        errors["carer_reasons"] = ["Give the reasons for the carer's determination."]
    for row in carer["outcomes"]:
        if row.get("unable_because") and not (row.get("why") or "").strip():
            errors[f"carer_{row['outcome']}_why"] = [
                "Say why the carer is unable to achieve it."
            ]
    return errors


@transaction.atomic
def support_plan_save(
    *,
    case: DischargeCase,
    actor,
    plan_fields: dict,
    needs: list[dict],
    carer: dict | None = None,
) -> SupportPlan:
    """Write the plan, its needs and determination, and the carer's
    assessment if one was made. Outcomes left out are marked removed, and a
    carer's outcome no longer unachievable is cleared: nothing is deleted."""
    plan = SupportPlan.objects.filter(case=case).first() or SupportPlan(case=case)
    had_carer = plan.pk is not None and hasattr(plan, "carer_assessment")
    support_plan_validate(
        plan_fields=plan_fields, needs=needs, carer=carer, had_carer=had_carer
    )
    for name, value in plan_fields.items():
        setattr(plan, name, value)
    plan.author = actor
    _save(plan, actor=actor)
    _needs_save(plan, needs=[n for n in needs if n.get("need")], actor=actor)
    if carer is not None:
        carer_assessment_save(plan=plan, actor=actor, **carer)
    return plan


def _needs_save(plan: SupportPlan, *, needs: list[dict], actor) -> None:
    kept = set()
    for need in needs:
        row = SupportPlanNeed.objects.filter(plan=plan, outcome=need["outcome"]).first()
        row = row or SupportPlanNeed(plan=plan, outcome=need["outcome"])
        row.need, row.met_by, row.how = need["need"], need["met_by"], need["how"]
        row.unable_because = need.get("unable_because", "")
        row.unable_why = need.get("unable_why", "")
        _save(row, actor=actor)
        kept.add(need["outcome"])
    for row in plan.needs.exclude(outcome__in=kept):
        if row.need.startswith(REMOVED):
            continue
        # A need taken off the plan keeps its history; it is marked, not deleted.
        row.need, row.unable_because, row.unable_why = f"{REMOVED}{row.need}", "", ""
        _save(row, actor=actor, reason="removed from plan")


def carer_assessment_save(
    *, plan: SupportPlan, actor, fields: dict, outcomes: list[dict]
) -> CarerAssessment:
    assessment = getattr(plan, "carer_assessment", None) or CarerAssessment(plan=plan)
    for name, value in fields.items():
        setattr(assessment, name, value)
    _save(assessment, actor=actor)
    given = {row["outcome"]: row for row in outcomes if row.get("unable_because")}
    existing = {row.outcome: row for row in assessment.outcomes.all()}
    for outcome in given.keys() | existing.keys():
        row = existing.get(outcome) or CarerOutcomeAssessed(
            assessment=assessment, outcome=outcome
        )
        new = given.get(outcome, {})
        unable, why = new.get("unable_because", ""), new.get("why", "")
        if row.pk and (row.unable_because, row.why) == (unable, why):
            continue
        row.unable_because, row.why = unable, why
        _save(row, actor=actor)
    return assessment
