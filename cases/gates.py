"""The discharge gates (DESIGN §4): what must hold before someone goes home."""

from .models import DischargeCase, Pathway


def discharge_blockers(case: DischargeCase) -> list[str]:
    """Reasons discharge cannot be confirmed yet; empty when the gates are shut."""
    from equipment.selectors import essential_orders_outstanding
    from pathways.selectors import reablement_start_agreed

    blockers = []
    outstanding = list(essential_orders_outstanding(case))
    if outstanding:
        items = ", ".join(order.item.name for order in outstanding)
        blockers.append(f"Essential equipment not yet delivered: {items}.")
    if case.pathway == Pathway.REABLEMENT and not reablement_start_agreed(case):
        blockers.append("No reablement start has been agreed with a provider.")
    return blockers
