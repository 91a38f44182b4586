from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import EquipmentItem


@admin.register(EquipmentItem)
class EquipmentItemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "category", "essential_by_default", "active"]
    list_filter = ["category", "essential_by_default", "active"]
    search_fields = ["name", "code"]
