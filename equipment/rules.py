"""Who may order equipment and record deliveries (the permission layer; see
cases/rules.py). Which cases they may do it for comes from the case scope."""

import rules

from cases.roles import is_coordinator, is_manager, is_ot
from cases.rules import reference_data_perms

ORDER = "equipment.add_equipmentorder"
UPDATE = "equipment.change_equipmentorder"

rules.add_perm(ORDER, is_coordinator | is_ot | is_manager)
rules.add_perm(UPDATE, is_coordinator | is_ot | is_manager)

reference_data_perms("equipment", "equipmentitem")
