"""Writes to case data. Each service is atomic and told who acted."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .closing import case_may_close, case_releases_run
from .gates import discharge_blockers, discharge_cautions
from .models import (
    Contact,
    Discharge,
    DischargeCase,
    Person,
    Referral,
    SupportPlan,
    SupportPlanNeed,
)


def _save(obj, *, actor, reason: str = "") -> None:
    """Validate and save a history-tracked record, naming who changed it."""
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.full_clean()
    obj.save()


@transaction.atomic
def referral_receive(
    *, case: DischargeCase, person: Person, referral: Referral, actor
) -> DischargeCase:
    """Record a new referral and open its case (the flow's start task)."""
    _save(person, actor=actor)
    referral.person = person
    _save(referral, actor=actor)
    case.referral = referral
    case.locality = person.locality
    case._history_user = actor
    return case


@transaction.atomic
def contact_add(*, case: DischargeCase, actor, **fields) -> Contact:
    contact = Contact(case=case, author=actor, **fields)
    _save(contact, actor=actor)
    return contact


@transaction.atomic
def contact_mark_entered_in_error(*, contact: Contact, actor, reason: str) -> Contact:
    """A contact is never deleted: it is struck through with the reason."""
    if not reason.strip():
        raise ValidationError({"error_reason": "Say why this contact is in error."})
    contact.entered_in_error = True
    contact.error_reason = reason
    _save(contact, actor=actor, reason="entered in error")
    return contact


@transaction.atomic
def support_plan_save(
    *, case: DischargeCase, actor, plan_fields: dict, needs: list[dict]
) -> SupportPlan:
    """Write the plan and its needs; outcomes left out are closed as met."""
    plan = SupportPlan.objects.filter(case=case).first() or SupportPlan(case=case)
    for name, value in plan_fields.items():
        setattr(plan, name, value)
    plan.author = actor
    _save(plan, actor=actor)
    kept = set()
    for need in needs:
        row = SupportPlanNeed.objects.filter(plan=plan, outcome=need["outcome"]).first()
        row = row or SupportPlanNeed(plan=plan, outcome=need["outcome"])
        row.need, row.met_by, row.how = need["need"], need["met_by"], need["how"]
        _save(row, actor=actor)
        kept.add(need["outcome"])
    for row in plan.needs.exclude(outcome__in=kept):
        # A need taken off the plan keeps its history; it is marked, not deleted.
        row.need = f"(removed from plan) {row.need}"
        _save(row, actor=actor, reason="removed from plan")
    return plan


@transaction.atomic
def discharge_confirm(
    *,
    case: DischargeCase,
    actor,
    discharged_at,
    transport: str,
    access_arrangements: str,
    override_reason: str = "",
    consulted: str = "",
    consulted_at=None,
    consultation_agreed: str = "",
) -> Discharge:
    """Refused while a gate is open, unless a manager overrides with a reason;
    refused while a caution is unacknowledged, whoever confirms."""
    blockers = discharge_blockers(case)
    if blockers:
        if not override_reason.strip():
            raise ValidationError(
                {
                    "override_reason": blockers
                    + ["A manager may override with a reason."]
                }
            )
        if not actor.has_perm("cases.override_discharge_gate"):
            raise ValidationError(
                {"override_reason": "Only a manager can override the discharge gates."}
            )
    cautions = discharge_cautions(case)
    if cautions:
        _check_acknowledgement(consulted, consulted_at, consultation_agreed)
    discharge = Discharge(
        case=case,
        discharged_at=discharged_at,
        transport=transport,
        access_arrangements=access_arrangements,
        confirmed_by=actor,
        gate_override_reason=override_reason.strip() if blockers else "",
        gate_override_by=actor if blockers else None,
        cautions_acknowledged="\n".join(cautions),
        consulted=consulted.strip() if cautions else "",
        consulted_at=consulted_at if cautions else None,
        consultation_agreed=consultation_agreed.strip() if cautions else "",
    )
    reasons = ["override: " + override_reason] if blockers else []
    reasons += ["acknowledged: " + " ".join(cautions)] if cautions else []
    _save(discharge, actor=actor, reason="; ".join(reasons))
    case.actual_discharge = discharged_at
    case.outcome = DischargeCase.Outcome.DISCHARGED
    case._history_user = actor
    case.save()
    return discharge


def _check_acknowledgement(consulted: str, consulted_at, agreed: str) -> None:
    errors = {}
    if not consulted.strip():
        errors["consulted"] = "Say who you consulted (e.g. the safeguarding lead)."
    if consulted_at is None:
        errors["consulted_at"] = "Say when you consulted them."
    elif consulted_at > timezone.now():
        errors["consulted_at"] = "This is in the future."
    if not agreed.strip():
        errors["consultation_agreed"] = "Record what was agreed."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_close_not_accepted(
    *, case: DischargeCase, actor, reason: str
) -> DischargeCase:
    case.outcome = DischargeCase.Outcome.NOT_ACCEPTED
    case.closure_reason = reason
    case._history_user = actor
    case.save()
    return case


@transaction.atomic
def case_close(
    *, case: DischargeCase, actor, closed_because: str, reason: str
) -> list[str]:
    """Close or withdraw an open case before discharge, with a reason.

    Under the flow's lock: the case records why, by whom and when; what was
    held for it is released (cases.closing); Viewflow cancels the open tasks
    and the process. Returns what was released, one line each."""
    from viewflow.workflow.exceptions import FlowLockFailed, FlowRuntimeError

    if not case_may_close(actor, case):
        raise PermissionDenied("Only managers and the locality's coordinators.")
    if closed_because not in DischargeCase.ClosedBecause.values:
        raise ValidationError({"closed_because": "Choose why the case is closed."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the case is closed."})
    flow = case.flow_class.instance
    try:
        with flow.lock(case.pk):
            case = DischargeCase.objects.get(pk=case.pk)
            if not case.is_open or case.status != "NEW":
                raise ValidationError(
                    f"This case is already {case.get_outcome_display().lower()}."
                )
            label = DischargeCase.ClosedBecause(closed_because).label
            released = case_releases_run(
                case=case, actor=actor, reason=f"Case closed: {label}. {reason}"
            )
            case.outcome = DischargeCase.Outcome.CLOSED
            case.closed_because, case.closure_reason = closed_because, reason.strip()
            case.closed_at, case.closed_by = timezone.now(), actor
            case._history_user, case._change_reason = actor, f"closed: {label}"
            flow.cancel(case)  # cancels the open tasks, saves the case CANCELED
    except (FlowLockFailed, FlowRuntimeError):
        raise ValidationError(
            "Someone is completing a step of this case right now: try again "
            "in a moment."
        ) from None
    return released


@transaction.atomic
def case_reassign(
    *, case: DischargeCase, actor, coordinator=None, ot=None
) -> DischargeCase:
    case.coordinator = coordinator
    case.ot = ot
    case._history_user = actor
    case._change_reason = "reassigned"
    case.save()
    return case


@transaction.atomic
def task_reassign(*, task, actor, to_user):
    """A manager hands a task to someone who may do it (role and locality)."""
    from viewflow.workflow.models import Task

    if not actor.has_perm("cases.manage_dischargecase"):
        raise PermissionDenied("Only managers can reassign tasks.")
    with task.activation() as activation:
        task = activation.task
        if task.status not in ("NEW", "ASSIGNED"):
            raise ValidationError("This task is finished.")
        if task.owner_id == to_user.pk:
            raise ValidationError(f"{to_user.get_full_name()} already holds this task.")
        free = Task(
            pk=task.pk,
            process=task.process,
            flow_task=task.flow_task,
            owner_permission=task.owner_permission,
            status="NEW",
        )
        if not activation.flow_task.can_assign(to_user, free):
            raise ValidationError(
                {
                    "to_user": (
                        f"{to_user.get_full_name()} cannot do "
                        f"{activation.flow_task.task_title} for this case "
                        "(role or locality)."
                    )
                }
            )
        task._history_user = actor
        task.owner, task.status = to_user, "ASSIGNED"
        task.save()
    return task
