from django.contrib import admin

from cases.admin import HistoryAdmin
from cases.rules import reference_data_perms

from .models import Provider, ProviderCapacity, ProviderStaff

# Providers and their capacity are reference data, edited here only (the
# permission layer is cases/rules.py; pathways/rules.py holds pathway rules).
reference_data_perms("pathways", "provider", "providercapacity", "providerstaff")


class CapacityInline(admin.TabularInline):
    model = ProviderCapacity
    extra = 0
    ordering = ["date", "band"]


@admin.register(Provider)
class ProviderAdmin(HistoryAdmin):
    list_display = ["name", "code", "kind", "active"]
    list_filter = ["kind", "active"]
    filter_horizontal = ["localities"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(ProviderCapacity)
class ProviderCapacityAdmin(HistoryAdmin):
    list_display = ["provider", "date", "band", "minutes"]
    list_filter = ["provider", "band"]
    date_hierarchy = "date"


@admin.register(ProviderStaff)
class ProviderStaffAdmin(HistoryAdmin):
    """Links a user holding the `provider` role to the provider they work for."""

    list_display = ["user", "provider"]
    list_filter = ["provider"]
