from cases.gates import discharge_gate
from cases.models import DischargeCase

from .selectors import essential_orders_outstanding


@discharge_gate
def essential_equipment_delivered(case: DischargeCase) -> list[str]:
    """Nobody goes home before every essential item is delivered."""
    outstanding = list(essential_orders_outstanding(case))
    if not outstanding:
        return []
    items = ", ".join(order.item.name for order in outstanding)
    return [f"Essential equipment not yet delivered: {items}."]
