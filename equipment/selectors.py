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
    return essential_ready_dates([case.pk]).get(case.pk)


def essential_ready_dates(case_ids) -> dict[int, datetime.date]:
    """essential_ready_date for many cases in one query: {case id: date},
    cases without an essential order left out."""
    orders = (
        EquipmentOrder.objects.filter(case_id__any=case_ids, essential=True)
        .exclude(status=EquipmentOrder.Status.CANCELLED)
        .values_list("case_id", "delivered_at", "due_on")
    )
    ready: dict[int, datetime.date] = {}
    for case_id, delivered_at, due_on in orders:
        day = delivered_at.date() if delivered_at else due_on
        ready[case_id] = max(day, ready.get(case_id, day))
    return ready
