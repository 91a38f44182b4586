"""Who may do what: the permission layer (DESIGN §3, §7), the hub's part.

Every check asks `user.has_perm(name)` or `user.has_perm(name, obj)`: view
decorators, Viewflow's `.Permission()` and screens, Django's admin and the
templates' `perms`. The answer comes from the predicates registered here
and in each app's own rules module, through `PermissionBackend`; groups
carry no database permissions (roles.ensure_groups), so nothing else can
widen a role. Django's meaning holds: without an object a permission is for
every record, with one for that record. Which rows a list shows comes from
the selectors' scope functions, which the object predicates build on.
"""

import rules
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from rules.permissions import ObjectPermissionBackend

from . import roles
from .roles import is_admin, is_coordinator, is_manager, is_ot
from .selectors import case_visible, person_visible, user_localities


@rules.predicate
def case_in_scope(user, case) -> bool:
    return case is not None and case_visible(user, case)


@rules.predicate
def person_in_scope(user, person) -> bool:
    return person is not None and person_visible(user, person)


@rules.predicate
def case_in_own_locality(user, case) -> bool:
    return (
        case is not None and user_localities(user).filter(pk=case.locality_id).exists()
    )


works_cases = is_coordinator | is_manager

USE_HUB = "cases.use_hub"  # the hub's pages and the discharge flow's screens
VIEW_CASE = "cases.view_dischargecase"  # a case (with it), or every case
START = "cases.can_start_dischargecase"
WORK = "cases.work_case"  # coordinator tasks
REVIEW = "cases.review_case"  # OT reviews
MANAGE = "cases.manage_dischargecase"  # reassign; Viewflow's manage actions
OVERRIDE_GATE = "cases.override_discharge_gate"
VIEW_PERSON = "cases.view_person"  # who a person is: with them, or everyone
CLOSE_CASE = "cases.close_case"  # close or withdraw a case before discharge

rules.add_perm(USE_HUB, is_coordinator | is_ot | is_manager)
rules.add_perm(VIEW_CASE, is_manager | case_in_scope)
rules.add_perm(START, works_cases)
rules.add_perm(WORK, works_cases)
rules.add_perm(REVIEW, is_ot)
rules.add_perm(MANAGE, is_manager)
rules.add_perm(OVERRIDE_GATE, is_manager)
rules.add_perm(VIEW_PERSON, is_manager | person_in_scope)
rules.add_perm(CLOSE_CASE, is_manager | (is_coordinator & case_in_own_locality))


def reference_data_perms(app_label: str, *model_names: str) -> None:
    """Reference data (localities, providers, catalogue...) is the admin
    role's: view, add and change in Django's admin; nothing is deleted."""
    for model_name in model_names:
        for action in ("view", "add", "change"):
            rules.add_perm(f"{app_label}.{action}_{model_name}", is_admin)


reference_data_perms("cases", "locality", "delayreason")


# Users and roles ------------------------------------------------------------
# Whoever manages users cannot grant more than they hold: a role may be given
# only by someone who holds every permission the role carries, and only such
# users' accounts (password included) may be changed. Superuser and staff
# status and single permissions are given by superusers only (cases/admin.py).


def role_permissions(role: str) -> frozenset[str]:
    """What holding `role` alone allows, without an object."""
    probe = get_user_model()(is_active=True)
    probe._hub_roles = {role}
    return frozenset(
        name for name in rules.permissions.permissions if rules.has_perm(name, probe)
    )


def grantable_roles(granter) -> set[str]:
    if granter.is_superuser:
        return set(roles.ALL)
    held = granter.get_all_permissions()
    return {role for role in roles.ALL if role_permissions(role) <= held}


def users_manageable_by(granter) -> QuerySet:
    """Users all of whose rights `granter` may give (so may also change)."""
    users = get_user_model().objects.all()
    if granter.is_superuser:
        return users
    others = Group.objects.exclude(name__in=grantable_roles(granter))
    users = users.filter(is_superuser=False, user_permissions=None)
    return users.exclude(groups__in=others)


@rules.predicate
def may_manage_user(granter, user) -> bool:
    if user is None:
        return False
    return users_manageable_by(granter).filter(pk=user.pk).exists()


@rules.predicate
def may_manage_staff(granter, staff) -> bool:
    return staff is not None and may_manage_user(granter, staff.user)


ADD_USER = "auth.add_user"
CHANGE_USER = "auth.change_user"  # with the user: one whose rights one may give

rules.add_perm("auth.view_user", is_admin)
rules.add_perm(ADD_USER, is_admin)
rules.add_perm(CHANGE_USER, is_admin & may_manage_user)
rules.add_perm("cases.view_staff", is_admin)
rules.add_perm("cases.add_staff", is_admin)
rules.add_perm("cases.change_staff", is_admin & may_manage_staff)


class PermissionBackend(ObjectPermissionBackend):
    """rules' backend, plus the permissions a user holds for every record,
    which Viewflow's queue reads with `user.get_all_permissions()`."""

    def get_all_permissions(self, user, obj=None) -> set[str]:
        if obj is not None or not user.is_active:
            return set()
        if not hasattr(user, "_hub_perms"):
            user._hub_perms = {
                name
                for name in rules.permissions.permissions
                if rules.has_perm(name, user)
            }
        return user._hub_perms

    def has_module_perms(self, user, app_label: str) -> bool:
        prefix = f"{app_label}."
        return any(name.startswith(prefix) for name in self.get_all_permissions(user))
