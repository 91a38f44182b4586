"""Roles are Django groups; these names are the whole vocabulary."""

COORDINATOR = "coordinator"
OT = "ot"
MANAGER = "manager"
ADMIN = "admin"
SAFEGUARDING_LEAD = "safeguarding_lead"

ALL = (COORDINATOR, OT, MANAGER, ADMIN, SAFEGUARDING_LEAD)


def user_roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_hub_roles"):
        user._hub_roles = set(user.groups.values_list("name", flat=True))
    return user._hub_roles


def has_role(user, *roles: str) -> bool:
    return user.is_superuser or bool(user_roles(user) & set(roles))


# What each role may do. Row scoping (which cases) is in cases.selectors.
ROLE_PERMISSIONS = {
    COORDINATOR: [
        "cases.view_dischargecase",
        "cases.can_start_dischargecase",
        "cases.work_case",
        "safeguarding.raise_concern",
    ],
    OT: [
        "cases.view_dischargecase",
        "cases.review_case",
        "safeguarding.raise_concern",
    ],
    MANAGER: [
        "cases.view_dischargecase",
        "cases.can_start_dischargecase",
        "cases.work_case",
        "cases.manage_dischargecase",
        "cases.override_discharge_gate",
        "safeguarding.raise_concern",
        "safeguarding.view_concern",
        "safeguarding.manage_concern",
    ],
    # Concern details are for safeguarding leads and managers only (DESIGN §7).
    SAFEGUARDING_LEAD: [
        "safeguarding.raise_concern",
        "safeguarding.view_concern",
        "safeguarding.work_concern",
    ],
    ADMIN: [
        f"{app}.{action}_{model}"
        for app, model in [
            ("cases", "locality"),
            ("cases", "staff"),
            ("pathways", "provider"),
            ("pathways", "providercapacity"),
            ("equipment", "equipmentitem"),
            ("safeguarding", "timescalepolicy"),
            ("auth", "user"),
        ]
        for action in ("view", "add", "change")
    ],
}


def ensure_groups(**kwargs) -> None:
    """Create the role groups with their permissions (safe to run repeatedly)."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted += Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        group.permissions.add(*wanted)
