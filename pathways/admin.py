import rules
from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied

from cases.admin import HistoryAdmin, ReadOnlyMixin
from cases.roles import is_admin
from cases.rules import reference_data_perms

from .beds import BED_TYPES
from .models import Band, BedVacancy, Provider, ProviderCapacity, ProviderStaff
from .selectors import booked

# Providers and their capacity are reference data, edited here only (the
# permission layer is cases/rules.py; pathways/rules.py holds pathway rules).
reference_data_perms("pathways", "provider", "providercapacity", "providerstaff")
# Bed vacancies are seen here, never edited: a setting publishes them in its
# portal (pathways.beds.vacancy_publish), which refuses fewer beds than its
# offered and agreed placements hold; an edit here would skip that check.
rules.add_perm("pathways.view_bedvacancy", is_admin)


class CapacityForm(forms.ModelForm):
    """A figure edited here is refused below what starts offered or agreed
    hold that day, as the provider's own portal refuses it
    (provider_services.capacity_publish); moving a figure to another day or
    band leaves its old one at nothing, so that one is checked too. The
    provider's row is locked until the save commits: a booking checks
    capacity under the same lock."""

    class Meta:
        model = ProviderCapacity
        fields = ["provider", "date", "band", "minutes"]

    def clean(self):
        data = super().clean()
        provider, day, band = (data.get(k) for k in ("provider", "date", "band"))
        if self.errors or None in (provider, day, band):
            return data
        # the row as it is now (history's revert form starts from an older one)
        row = ProviderCapacity.objects.filter(pk=self.instance.pk).first()
        slots = [(provider, day, band, data["minutes"])]
        if row and (row.provider_id, row.date, row.band) != (provider.pk, day, band):
            slots.append((row.provider, row.date, row.band, 0))
        short = [_held_above(*slot, lock=True) for slot in slots]
        if any(short):
            raise forms.ValidationError(
                "Capacity cannot go below what is held: "
                + "; ".join(s for s in short if s)
                + ". Cancel or move those starts in the hub first."
            )
        return data


def _held_above(provider, day, band, minutes: int, *, lock: bool = False) -> str:
    """What the starts offered or agreed hold in this slot, in words, if it
    is more than `minutes`; else "". `lock`: the provider's row, until the
    transaction ends."""
    if lock:
        Provider.objects.select_for_update().filter(pk=provider.pk).first()
    held = booked([provider], [day]).get((provider.pk, day, band), 0)
    if held <= minutes:
        return ""
    label = Band(band).label.lower()
    return (
        f"{provider} {day:%a %d/%m} {label}: {held} carer-minutes already "
        "offered or agreed"
    )


@admin.register(Provider)
class ProviderAdmin(HistoryAdmin):
    list_display = ["name", "code", "kind", "active"]
    list_filter = ["kind", "active"]
    filter_horizontal = ["localities"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(ProviderCapacity)
class ProviderCapacityAdmin(HistoryAdmin):
    form = CapacityForm
    list_display = ["provider", "date", "band", "minutes"]
    list_filter = ["provider", "band"]
    date_hierarchy = "date"

    def has_delete_permission(self, request, obj=None) -> bool:
        """Not a figure that starts hold (nor several at once: each is
        checked on its own page)."""
        if obj is None:
            return False
        held = _held_above(obj.provider, obj.date, obj.band, 0)
        return not held and super().has_delete_permission(request, obj)

    def delete_model(self, request, obj) -> None:
        """Checked again under the provider's lock: a start booked since the
        page was shown holds it now."""
        if _held_above(obj.provider, obj.date, obj.band, 0, lock=True):
            raise PermissionDenied("Starts now hold this capacity.")
        super().delete_model(request, obj)


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
class BedVacancyAdmin(ReadOnlyMixin, HistoryAdmin):
    """Read-only: the setting's own publishing keeps held beds covered."""

    list_display = ["provider", "date", "bed_type_label", "beds"]
    list_filter = ["provider", BedTypeFilter]
    date_hierarchy = "date"

    @admin.display(description="bed type", ordering="bed_type")
    def bed_type_label(self, vacancy: BedVacancy) -> str:
        return BED_TYPES(vacancy.bed_type).label
