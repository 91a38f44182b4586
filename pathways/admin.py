from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Provider, ProviderCapacity


class CapacityInline(admin.TabularInline):
    model = ProviderCapacity
    extra = 0
    ordering = ["date", "band"]


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "active"]
    filter_horizontal = ["localities"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(ProviderCapacity)
class ProviderCapacityAdmin(SimpleHistoryAdmin):
    list_display = ["provider", "date", "band", "minutes"]
    list_filter = ["provider", "band"]
    date_hierarchy = "date"
