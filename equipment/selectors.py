import datetime

from django.db.models import QuerySet

from cases.models import DischargeCase

from .models import EquipmentOrder

OUTSTANDING = (EquipmentOrder.Status.ORDERED, EquipmentOrder.Status.FAILED)


def essential_orders_outstanding(case: DischargeCase) -> QuerySet[EquipmentOrder]:
    """Essential items not yet delivered (ordered, or a delivery that failed)."""
    return case.equipment_orders.filter(
        essential=True, status__in=OUTSTANDING
    ).select_related("item")


def essential_ready_date(case: DischargeCase) -> datetime.date | None:
    """When the last essential item is (or is due to be) delivered."""
    dates = []
    for order in case.equipment_orders.filter(essential=True).exclude(
        status=EquipmentOrder.Status.CANCELLED
    ):
        if order.delivered_at:
            dates.append(order.delivered_at.date())
        else:
            dates.append(order.due_on)
    return max(dates) if dates else None
