"""Writes to case data. Each service is atomic and told who acted."""

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html

from .closing import case_may_close, case_releases_run
from .gates import discharge_blockers, discharge_cautions
from .models import (
    Contact,
    Discharge,
    DischargeCase,
    Person,
    Referral,
)
from .registry_hooks import after_discharge
from .selectors import (
    case_open_for_person,
    case_visible,
    locality_for_postcode,
    person_may_change,
)
from .validators import nhs_number_normalise, postcode_district


def _save(obj, *, actor, reason: str = "") -> None:
    """Validate and save a history-tracked record, naming who changed it."""
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.full_clean()
    obj.save()


def referral_validate(*, person_fields: dict, referral_fields: dict) -> dict:
    """Check a referral's details on their own, every rule at once.

    Only the fields given are checked, so a form can report these next to
    its own parsing errors. Returns the person's fields with the locality
    taken from the postcode when none was chosen.
    """
    person_fields = {**person_fields}
    errors: dict[str, list] = {}
    if not person_fields.get("locality") and person_fields.get("postcode"):
        person_fields["locality"] = locality_for_postcode(person_fields["postcode"])
        if person_fields["locality"] is None:
            district = postcode_district(person_fields["postcode"])
            errors["locality"] = [
                f"Postcode district {district} is in no locality: choose the locality."
            ]
    elif not person_fields.get("locality") and "postcode" in person_fields:
        errors["locality"] = ["Choose the locality, or give the postcode."]
    # With no postcode to check (the form found it wrong) the locality waits
    # for it: the postcode's own error says what to do.
    no_locality = not person_fields.get("locality")
    person = Person(**person_fields)
    referral = Referral(**referral_fields)
    for record, fields, skip in (
        (person, person_fields, ["locality"] if no_locality else []),
        (referral, referral_fields, ["person"]),
    ):
        exclude = [*_fields_not_given(record, fields), *skip]
        try:
            record.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return person_fields


def _fields_not_given(record, fields: dict) -> list[str]:
    return [f.name for f in record._meta.concrete_fields if f.name not in fields]


@transaction.atomic
def referral_receive(
    *,
    case: DischargeCase,
    person_fields: dict,
    referral_fields: dict,
    duplicate_reason: str = "",
    actor,
) -> DischargeCase:
    """Record a referral and open its case (the discharge flow's start).

    A known NHS number reuses that person. Their details change only when the
    referrer works in the person's locality (or is a manager); from anyone
    else, what was typed is kept on the referral for the person's locality to
    check, and the person is left as recorded. The case belongs to the
    person's locality: the team that knows them, and no other locality gains
    sight of their record by referring them.
    """
    person_fields = referral_validate(
        person_fields=person_fields, referral_fields=referral_fields
    )
    opened = timezone.now()  # the case's moment in the person's history
    nhs_number = nhs_number_normalise(person_fields.get("nhs_number", ""))
    if not nhs_number or not person_fields.get("date_of_birth"):
        # Only a safeguarding concern may name an adult before their identity
        # is confirmed; a referral always does.
        raise ValidationError(
            {
                name: "A referral needs this."
                for name in ("nhs_number", "date_of_birth")
                if not person_fields.get(name)
            }
        )
    known = Person.objects.select_for_update().filter(nhs_number=nhs_number).first()
    _open_case_check(nhs_number, duplicate_reason=duplicate_reason, actor=actor)
    given = {}
    if known is None or person_may_change(actor, known):
        person = _person_write(known or Person(), person_fields, actor, opened)
    else:
        person, given = known, _details_differing(known, person_fields)
    referral = Referral(
        person=person,
        duplicate_reason=duplicate_reason.strip(),
        details_given=given,
        **referral_fields,
    )
    referral._history_date = opened
    _save(referral, actor=actor)
    case.referral, case.locality = referral, person.locality
    case._history_user = actor
    return case


def _open_case_check(nhs_number: str, *, duplicate_reason: str, actor) -> None:
    """A second open case for one person needs a reason. The open case is
    named only to someone who may see it."""
    open_case = case_open_for_person(nhs_number=nhs_number)
    if open_case is None or duplicate_reason.strip():
        return
    if actor is not None and case_visible(actor, open_case):
        message = format_html(
            'This person already has an open case, <a href="{}">{}</a>. Give a '
            "reason to open a second one.",
            open_case.get_absolute_url(),
            open_case.reference,
        )
    else:
        message = (
            "This person already has an open case in another locality. Give a "
            "reason to open a second one."
        )
    raise ValidationError({"duplicate_reason": message})


def _person_write(person: Person, fields: dict, actor, opened) -> Person:
    new = person.pk is None
    if not new and not _details_differing(person, fields):
        return person
    for name, value in fields.items():
        setattr(person, name, value)
    person._history_date = opened
    _save(person, actor=actor, reason="new referral" if new else "from a referral")
    return person


def _details_differing(person: Person, fields: dict) -> dict:
    """The details given that differ from the record, as text to keep."""
    differing = {}
    for name, value in fields.items():
        if value != getattr(person, name):
            differing[name] = _as_text(value)
    return differing


def _as_text(value) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else str(value)


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
    for follow_on in after_discharge:
        follow_on(case, discharge, actor)
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

    Only managers and the locality's coordinators may (cases.closing)."""
    if not case_may_close(actor, case):
        raise PermissionDenied("Only managers and the locality's coordinators.")
    return case_withdraw(
        case=case, actor=actor, closed_because=closed_because, reason=reason
    )


@transaction.atomic
def case_withdraw(
    *, case: DischargeCase, actor, closed_because: str, reason: str
) -> list[str]:
    """Close an open case before discharge; the caller has decided that the
    actor may (case_close for staff, the referral API for a client in scope).

    Under the flow's lock: the case records why, by whom and when; what was
    held for it is released (cases.closing); Viewflow cancels the open tasks
    and the process. Returns what was released, one line each."""
    from viewflow.workflow.exceptions import FlowLockFailed, FlowRuntimeError

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
            case.refresh_from_db()  # a release changes the case (its planned day)
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
    """A manager hands a task to someone who may do it (role and locality),
    through Viewflow's activation under the flow's lock; the task's history
    names the manager."""
    if not actor.has_perm("cases.manage_dischargecase"):
        raise PermissionDenied("Only managers can reassign tasks.")
    with task.activation() as activation:
        current = activation.task
        if current.status not in ("NEW", "ASSIGNED"):
            raise ValidationError("This task is finished.")
        name = to_user.get_full_name() or to_user.get_username()
        if current.owner_id == to_user.pk:
            raise ValidationError(f"{name} already holds this task.")
        if not activation.flow_task.can_assign(to_user, _as_free(current)):
            raise ValidationError(
                {
                    "to_user": f"{name} cannot do {activation.flow_task.task_title} "
                    "for this case (role or locality)."
                }
            )
        current._history_user = actor
        current._change_reason = "reassigned by a manager"
        if current.status == "NEW":
            activation.assign(to_user)
        else:
            activation.reassign(user=to_user)
    return current


def _as_free(task):
    """The task as if nobody held it, to ask whether someone may take it."""
    free = copy.copy(task)
    free.owner, free.owner_id, free.status = None, None, "NEW"
    return free


# Delays as NHS England measures them (cases.delays): the referral API and the
# case page call the same services.
from .delays import (  # noqa: E402, F401
    criteria_to_reside_record,
    delay_action_update,
    delay_reason_record,
    discharge_ready_date_change,
)
