from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Locality, Person, Staff


@admin.register(Locality)
class LocalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "postcode_districts"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Staff)
class StaffAdmin(SimpleHistoryAdmin):
    list_display = ["user", "job_title"]
    filter_horizontal = ["localities"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["family_name", "given_name", "nhs_number", "locality"]
    search_fields = ["family_name", "given_name", "nhs_number"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
