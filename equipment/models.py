"""The community equipment catalogue and the orders placed for each case."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import DischargeCase


class EquipmentItem(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=60)
    essential_by_default = models.BooleanField(
        default=False, help_text="Usually essential for a safe discharge."
    )
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return self.name


class EquipmentOrder(models.Model):
    class Speed(models.TextChoices):
        SAME_DAY = "same_day", "Same day"
        NEXT_DAY = "next_day", "Next working day"
        STANDARD = "standard", "Standard (5 working days)"

    class Status(models.TextChoices):
        ORDERED = "ordered", "Ordered"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Delivery failed"
        CANCELLED = "cancelled", "Cancelled"

    case = models.ForeignKey(
        DischargeCase, on_delete=models.PROTECT, related_name="equipment_orders"
    )
    item = models.ForeignKey(EquipmentItem, on_delete=models.PROTECT)
    quantity = models.PositiveSmallIntegerField(default=1)
    speed = models.CharField(
        max_length=10, choices=Speed.choices, default=Speed.NEXT_DAY
    )
    essential = models.BooleanField("essential for discharge", default=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ORDERED
    )
    due_on = models.DateField()
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ordered_at = models.DateTimeField(default=timezone.now)
    prescribed_by_ot = models.BooleanField(default=False)
    delivered_at = models.DateTimeField(null=True, blank=True)
    status_reason = models.TextField(
        blank=True, help_text="Why a delivery failed or the order was cancelled."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["ordered_at"]
        # The figures' deliveries in a period (mi.registry.Scope.during).
        indexes = [models.Index(fields=["delivered_at"], name="order_delivered_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="equipment_quantity_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.item.name} ({self.get_status_display()})"

    def timeline_entry(self) -> tuple[str, str]:
        title = (
            f"Equipment ordered: {self.quantity} × {self.item.name}, "
            f"{self.get_speed_display().lower()}, due {self.due_on:%d/%m/%Y}"
        )
        if self.essential:
            title += ", essential for discharge"
        return title, "Prescribed by the OT" if self.prescribed_by_ot else ""

    @property
    def outstanding(self) -> bool:
        return self.status in (self.Status.ORDERED, self.Status.FAILED)

    @property
    def overdue(self) -> bool:
        return self.outstanding and self.due_on < timezone.localdate()

    @staticmethod
    def due_date(speed: str, ordered: datetime.date) -> datetime.date:
        from cases.workdays import add_working_days

        if speed == EquipmentOrder.Speed.SAME_DAY:
            return ordered
        if speed == EquipmentOrder.Speed.NEXT_DAY:
            return add_working_days(ordered, 1)
        return add_working_days(ordered, 5)
