"""Who may manage API clients: the admin role, in Django's admin (the calls'
audit is read-only, and nothing is deleted)."""

import rules

from cases.roles import is_admin
from cases.rules import reference_data_perms

reference_data_perms("api", "apiclient")
rules.add_perm("api.view_apitoken", is_admin)
rules.add_perm("api.change_apitoken", is_admin)  # to revoke
rules.add_perm("api.view_apicall", is_admin)
rules.add_perm("api.view_apireferral", is_admin)
