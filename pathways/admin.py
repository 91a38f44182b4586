import rules
from django.contrib import admin

from cases.admin import HistoryAdmin
from cases.roles import is_admin
from cases.rules import reference_data_perms

from .beds import BED_TYPES
from .models import BedVacancy, Provider, ProviderCapacity, ProviderStaff

# Providers and their capacity are reference data, edited here only (the
# permission layer is cases/rules.py; pathways/rules.py holds pathway rules).
reference_data_perms("pathways", "provider", "providercapacity", "providerstaff")
# Bed vacancies are seen here, never edited: a setting publishes them in its
# portal (pathways.beds.vacancy_publish), which refuses fewer beds than its
# offered and agreed placements hold; an edit here would skip that check.
rules.add_perm("pathways.view_bedvacancy", is_admin)


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


class BedTypeFilter(admin.SimpleListFilter):
    title = "bed type"
    parameter_name = "bed_type"

    def lookups(self, request, model_admin):
        return BED_TYPES.choices

    def queryset(self, request, queryset):
        return queryset.filter(bed_type=self.value()) if self.value() else queryset


@admin.register(BedVacancy)
class BedVacancyAdmin(HistoryAdmin):
    """Read-only: the setting's own publishing keeps held beds covered."""

    list_display = ["provider", "date", "bed_type_label", "beds"]
    list_filter = ["provider", BedTypeFilter]
    date_hierarchy = "date"

    @admin.display(description="bed type", ordering="bed_type")
    def bed_type_label(self, vacancy: BedVacancy) -> str:
        return BED_TYPES(vacancy.bed_type).label

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
