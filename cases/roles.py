"""Roles are Django groups; these names are the whole vocabulary.

This module answers one question: which roles does a user hold. What each
role may do is decided in the apps' `rules.py` modules (the permission
layer), and which records a user may see in the selectors.
"""

import rules
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

COORDINATOR = "coordinator"
OT = "ot"
MANAGER = "manager"
ADMIN = "admin"
SAFEGUARDING_LEAD = "safeguarding_lead"
PROVIDER = "provider"  # staff of a care provider: their own organisation only

ALL = (COORDINATOR, OT, MANAGER, ADMIN, SAFEGUARDING_LEAD, PROVIDER)


def user_roles(user) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    if not hasattr(user, "_hub_roles"):
        user._hub_roles = set(user.groups.values_list("name", flat=True))
    return user._hub_roles


def holds(*roles: str) -> rules.Predicate:
    """A predicate: the user holds one of these roles (superusers hold none;
    they pass every permission check on their own)."""

    @rules.predicate(name=f"holds:{','.join(roles)}")
    def predicate(user) -> bool:
        return bool(user_roles(user) & set(roles))

    return predicate


is_coordinator = holds(COORDINATOR)
is_ot = holds(OT)
is_manager = holds(MANAGER)
is_lead = holds(SAFEGUARDING_LEAD)
is_admin = holds(ADMIN)
is_provider = holds(PROVIDER)


def users_with_role(*roles: str) -> QuerySet:
    """Active users holding one of these roles (to choose a colleague)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles)
        .distinct()
        .order_by("first_name", "last_name")
    )


def ensure_groups(**kwargs) -> None:
    """Create the role groups (safe to run repeatedly).

    Groups carry no database permissions: what a role may do is decided by
    the rules (cases/rules.py and each app's own), so a permission granted
    here or in the admin could not widen a role behind their back. Rights
    granted by earlier versions are removed.
    """
    from django.contrib.auth.models import Group

    for role in ALL:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.clear()
