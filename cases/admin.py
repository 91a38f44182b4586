from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from .models import DelayReason, Locality, Person, Staff
from .rules import ADD_USER, CHANGE_USER, grantable_roles, users_manageable_by


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's pages look the record up by the id in the URL before
    Django's admin would check it: an id that is not one ("abc", "²") is a
    404 here, as on the admin's own pages, not a 500."""

    def history_view(self, request, object_id, extra_context=None):
        _pk_or_404(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _pk_or_404(self.model, object_id)
        _pk_or_404(self.model.history.model, version_id)
        # simple-history reverts on POST with only the right to view: a revert
        # is a change, so it needs the right to change this record.
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyMixin:
    """Admin mixin: seen, never added, changed or deleted here (records that
    their own service writes, or an audit)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _pk_or_404(model, object_id: str) -> None:
    try:
        model._meta.pk.to_python(unquote(object_id))
    except ValidationError as error:
        raise Http404 from error


@admin.register(Locality)
class LocalityAdmin(HistoryAdmin):
    list_display = ["name", "code", "postcode_districts"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Staff)
class StaffAdmin(ObjectPermissionsModelAdminMixin, HistoryAdmin):
    """A user's localities widen what they see: only for users whose rights
    the editor may give (cases/rules.py)."""

    list_display = ["user", "job_title"]
    filter_horizontal = ["localities"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = users_manageable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["family_name", "given_name", "nhs_number", "locality"]
    search_fields = ["family_name", "given_name", "nhs_number"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DelayReason)
class DelayReasonAdmin(HistoryAdmin):
    """The national reasons for discharge delay: reworded, added or retired
    (untick active) by the administrator; never deleted, since delayed days
    keep the reason they were given."""

    list_display = ["label", "code", "group", "pathway", "order", "active"]
    list_filter = ["group", "active"]
    search_fields = ["label", "code"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class HubUserAdmin(UserAdmin):
    """Users and their roles, managed by someone who cannot give more than
    they hold: superuser and staff status and single permissions are set by
    superusers only; roles are those the editor may give; and only users all
    of whose rights the editor may give can be changed (password included)."""

    limited_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Roles"), {"fields": ("is_active", "groups")}),
    )

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is None:
            # Asked for the list and before the add form, which sets no right.
            return request.user.has_perm(ADD_USER)
        return request.user.has_perm(CHANGE_USER, obj)

    def get_fieldsets(self, request, obj=None):
        if obj is None or request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.limited_fieldsets

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            roles = grantable_roles(request.user)
            kwargs["queryset"] = Group.objects.filter(name__in=roles)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
