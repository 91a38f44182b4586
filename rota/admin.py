from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Assistant, Competency, Team


class NoDelete:
    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Team)
class TeamAdmin(NoDelete, SimpleHistoryAdmin):
    list_display = ["name", "locality", "provider", "active"]
    list_filter = ["locality", "active"]


class CompetencyInline(NoDelete, admin.TabularInline):
    model = Competency
    extra = 0


@admin.register(Assistant)
class AssistantAdmin(NoDelete, SimpleHistoryAdmin):
    list_display = ["__str__", "team", "contracted_hours", "relief_bank", "active"]
    list_filter = ["team", "relief_bank", "active"]
    search_fields = ["given_name", "family_name"]
    inlines = [CompetencyInline]


@admin.register(Competency)
class CompetencyAdmin(NoDelete, SimpleHistoryAdmin):
    list_display = ["assistant", "skill", "obtained_on", "expires_on"]
    list_filter = ["skill"]
