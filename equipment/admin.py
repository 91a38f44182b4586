from django.contrib import admin

from cases.admin import HistoryAdmin

from .models import EquipmentItem


@admin.register(EquipmentItem)
class EquipmentItemAdmin(HistoryAdmin):
    list_display = ["name", "category", "essential_by_default", "active"]
    list_filter = ["category", "essential_by_default", "active"]
    search_fields = ["name", "code"]
