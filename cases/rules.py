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
from rules.permissions import ObjectPermissionBackend

from .roles import is_admin, is_coordinator, is_manager, is_ot
from .selectors import case_visible


@rules.predicate
def case_in_scope(user, case) -> bool:
    return case is not None and case_visible(user, case)


works_cases = is_coordinator | is_manager

USE_HUB = "cases.use_hub"  # the hub's pages and the discharge flow's screens
VIEW_CASE = "cases.view_dischargecase"  # a case (with it), or every case
START = "cases.can_start_dischargecase"
WORK = "cases.work_case"  # coordinator tasks
REVIEW = "cases.review_case"  # OT reviews
MANAGE = "cases.manage_dischargecase"  # reassign; Viewflow's manage actions
OVERRIDE_GATE = "cases.override_discharge_gate"

rules.add_perm(USE_HUB, is_coordinator | is_ot | is_manager)
rules.add_perm(VIEW_CASE, is_manager | case_in_scope)
rules.add_perm(START, works_cases)
rules.add_perm(WORK, works_cases)
rules.add_perm(REVIEW, is_ot)
rules.add_perm(MANAGE, is_manager)
rules.add_perm(OVERRIDE_GATE, is_manager)


def reference_data_perms(app_label: str, *model_names: str) -> None:
    """Reference data (localities, providers, catalogue...) is the admin
    role's: view, add and change in Django's admin; nothing is deleted."""
    for model_name in model_names:
        for action in ("view", "add", "change"):
            rules.add_perm(f"{app_label}.{action}_{model_name}", is_admin)


reference_data_perms("cases", "locality")


# Users and their localities (Django's admin).
rules.add_perm("auth.view_user", is_admin)
rules.add_perm("auth.add_user", is_admin)
rules.add_perm("auth.change_user", is_admin)
reference_data_perms("cases", "staff")


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
