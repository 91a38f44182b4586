"""Who may do what with the rota (the permission layer; see cases/rules.py).

Coordinators see and plan the teams of their own localities; managers every
team; nobody else sees the rota at all. A team's timesheets are signed off
by its supervisor: a coordinator of the team's locality (who plans the
work and knows who did it) or a manager.
"""

import rules

from cases.roles import is_coordinator, is_manager
from cases.rules import reference_data_perms

from .selectors import team_visible

USE = "rota.use_rota"  # the rota's pages at all
PLAN = "rota.plan_team"  # with a team: see and plan it
SIGN_OFF = "rota.sign_off_timesheet"  # with a team: sign off its timesheets


@rules.predicate
def team_in_scope(user, team) -> bool:
    return team is not None and team_visible(user, team)


rules.add_perm(USE, is_coordinator | is_manager)
rules.add_perm(PLAN, is_manager | (is_coordinator & team_in_scope))
rules.add_perm(SIGN_OFF, is_manager | (is_coordinator & team_in_scope))

reference_data_perms("rota", "team", "assistant", "competency")
