"""Complete a flow task from code, through the same steps as the task views.

Used where no task page is involved: accepting an allocator proposal and
building demo data. The task is taken (if nobody holds it), the stage's
service runs, and the flow moves on, all under the flow's lock. A referral
goes through `services.referral_receive`, as from the start form, so no path
skips its rules.
"""

from collections.abc import Callable
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from viewflow.workflow.models import Task

from .models import DischargeCase
from .services import referral_receive


def open_task(process, node_name: str) -> Task | None:
    """The process's waiting or held task at the node of that name."""
    return open_task_of(process, getattr(process.flow_class, node_name))


def open_task_of(process, node) -> Task | None:
    """The process's task at `node` that is still waiting or held."""
    return Task.objects.filter(
        process=process, flow_task=node, status__in=["NEW", "ASSIGNED"]
    ).first()


def task_complete(task: Task, *, actor, perform: Callable[[object], object]):
    """Take the task if free, run `perform(process)`, then complete the task."""
    with task.activation() as activation:
        activation.task._history_user = actor
        if activation.task.status not in ("NEW", "ASSIGNED"):
            raise ValidationError(
                f"{activation.flow_task.task_title} was completed a moment ago."
            )
        if activation.task.owner_id is None:
            if not activation.flow_task.can_assign(actor, activation.task):
                raise PermissionDenied(f"{actor} may not take {activation.flow_task}.")
            activation.assign(actor)
        elif activation.task.owner_id != actor.pk:
            raise PermissionDenied(
                f"{activation.flow_task} is held by {activation.task.owner}."
            )
        activation.start(SimpleNamespace(user=actor))
        process = activation.process
        process._history_user = actor
        result = perform(process)
        activation.task._history_user = actor
        activation.execute()
        return result


def referral_start(
    *,
    flow_class,
    actor,
    person_fields: dict,
    referral_fields: dict,
    duplicate_reason: str = "",
) -> DischargeCase:
    """Open a case as the start form does, through the same service and rules."""
    activation = flow_class.start.activation_class.create(flow_class.start, None, None)
    with transaction.atomic():
        activation.start(SimpleNamespace(user=actor))
        activation.task._history_user = actor
        referral_receive(
            case=activation.process,
            person_fields=person_fields,
            referral_fields=referral_fields,
            duplicate_reason=duplicate_reason,
            actor=actor,
        )
        activation.execute()
    return activation.process
