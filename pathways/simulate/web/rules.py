"""Who may run the simulator: managers (it describes the whole county's
capacity, and a run takes minutes of the server's time)."""

import rules

from cases.roles import is_manager

SIMULATE = "pathways.run_simulation"

rules.add_perm(SIMULATE, is_manager)
