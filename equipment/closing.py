from cases.closing import case_close_release
from cases.models import DischargeCase

from .selectors import OUTSTANDING
from .services import order_cancel


@case_close_release
def cancel_outstanding_orders(*, case: DischargeCase, actor, reason: str) -> list[str]:
    """Items not yet delivered are cancelled, so nothing arrives for a person
    who died, stays in hospital or moved away. Delivered items stay on the
    record: they are still the person's to use or to be collected."""
    orders = case.equipment_orders.filter(status__in=OUTSTANDING).select_related("item")
    lines = []
    for order in orders:
        order_cancel(order=order, actor=actor, reason=reason)
        lines.append(f"Equipment order cancelled: {order.quantity} × {order.item}.")
    return lines
