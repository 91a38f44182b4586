"""Who may read the management information: managers (every locality) and
coordinators (their own localities; mi.scope narrows them)."""

import rules

from cases.roles import is_coordinator, is_manager

VIEW_MI = "mi.view_mi"

rules.add_perm(VIEW_MI, is_manager | is_coordinator)
