"""Equipment: days from order to delivery, and deliveries later than the
discharge (the actual discharge day; else the planned one)."""

from django.db.models import Count, DateField, Q
from django.db.models.functions import Coalesce, TruncDate

from equipment.models import EquipmentOrder

from ..registry import Scope, Section, Table, register
from ..stats import days_between, percentile

Status = EquipmentOrder.Status


def compute(scope: Scope) -> list[Table]:
    delivered = EquipmentOrder.objects.filter(
        scope.during("delivered_at"),
        case__locality__in=scope.localities,
        status=Status.DELIVERED,
    ).annotate(
        wait=days_between(TruncDate("delivered_at"), TruncDate("ordered_at")),
        discharge=Coalesce(
            TruncDate("case__actual_discharge"),
            "case__planned_discharge",
            output_field=DateField(),
        ),
    )
    counts = delivered.aggregate(
        n=Count("pk"),
        late=Count("pk", filter=Q(discharge__lt=TruncDate("delivered_at"))),
    )
    median = percentile(delivered, "wait", 0.5)
    p90 = percentile(delivered, "wait", 0.9)

    def days(value) -> str:
        return "" if value is None else f"{value.total_seconds() / 86400:.1f}"

    return [
        Table(
            "equipment",
            "Equipment deliveries",
            ["Measure", "Value"],
            [
                ["Deliveries in the period", counts["n"]],
                ["Median days from order to delivery", days(median)],
                ["90th percentile days from order to delivery", days(p90)],
                ["Delivered after the discharge date", counts["late"]],
            ],
            note="Days are calendar days between the order's day and the "
            "delivery's day.",
        )
    ]


register(Section("equipment", "Equipment", compute, order=40))
