"""Writes of equipment orders. Nothing is deleted: orders are cancelled
with a reason."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.models import DischargeCase
from cases.services import _save

from .models import EquipmentItem, EquipmentOrder
from .selectors import essential_orders_outstanding


@transaction.atomic
def order_place(
    *,
    case: DischargeCase,
    actor,
    item: EquipmentItem,
    quantity: int,
    speed: str,
    essential: bool,
    prescribed_by_ot: bool = False,
) -> EquipmentOrder:
    if not case.is_open:
        # Orders already placed stay updatable after discharge; new ones are
        # for a case still being worked.
        raise ValidationError(
            f"This case is {case.get_outcome_display().lower()}: nothing new "
            "can be ordered for it."
        )
    today = timezone.localdate()
    order = EquipmentOrder(
        case=case,
        item=item,
        quantity=quantity,
        speed=speed,
        essential=essential,
        ordered_by=actor,
        prescribed_by_ot=prescribed_by_ot,
        due_on=EquipmentOrder.due_date(speed, today),
    )
    _save(order, actor=actor)
    return order


@transaction.atomic
def order_mark_delivered(
    *, order: EquipmentOrder, actor, delivered_at=None
) -> EquipmentOrder:
    if order.status not in (
        EquipmentOrder.Status.ORDERED,
        EquipmentOrder.Status.FAILED,
    ):
        raise ValidationError(f"This order is {order.get_status_display().lower()}.")
    order.status = EquipmentOrder.Status.DELIVERED
    order.delivered_at = delivered_at or timezone.now()
    _save(order, actor=actor, reason="delivered")
    return order


@transaction.atomic
def order_mark_failed(*, order: EquipmentOrder, actor, reason: str) -> EquipmentOrder:
    if order.status != EquipmentOrder.Status.ORDERED:
        raise ValidationError(f"This order is {order.get_status_display().lower()}.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the delivery failed."})
    order.status, order.status_reason = EquipmentOrder.Status.FAILED, reason
    _save(order, actor=actor, reason="delivery failed")
    return order


@transaction.atomic
def order_cancel(*, order: EquipmentOrder, actor, reason: str) -> EquipmentOrder:
    if order.status == EquipmentOrder.Status.DELIVERED:
        raise ValidationError("A delivered item cannot be cancelled.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the order is cancelled."})
    order.status, order.status_reason = EquipmentOrder.Status.CANCELLED, reason
    _save(order, actor=actor, reason="cancelled")
    return order


def equipment_branch_finish(*, case: DischargeCase, no_equipment_needed: bool) -> None:
    """The equipment branch ends when every essential item is delivered, or
    when no equipment is needed at all."""
    live = case.equipment_orders.exclude(status=EquipmentOrder.Status.CANCELLED)
    if no_equipment_needed and live.exists():
        raise ValidationError(
            {
                "no_equipment_needed": (
                    "Items are on order for this case: cancel them first, "
                    "or untick this."
                )
            }
        )
    if not no_equipment_needed and not live.exists():
        raise ValidationError(
            "Order the equipment needed, or tick 'No equipment needed'."
        )
    outstanding = list(essential_orders_outstanding(case))
    if outstanding:
        raise ValidationError(
            "Essential items not yet delivered: "
            + ", ".join(order.item.name for order in outstanding)
            + "."
        )
