from django.contrib import admin

from cases.admin import HistoryAdmin

from .models import TimescalePolicy


@admin.register(TimescalePolicy)
class TimescalePolicyAdmin(HistoryAdmin):
    """Timescales are edited here. A policy already used by a concern is kept
    as it was: add a new policy with a later effective date instead."""

    list_display = [
        "name",
        "effective_from",
        "screening_days",
        "decision_days",
        "strategy_days",
        "enquiry_days",
        "outcome_days",
        "plan_days",
        "review_days",
        "closure_days",
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.concerns.exists():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
