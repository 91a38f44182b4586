"""What a provider's staff may do: publish their own organisation's capacity
(and nothing of the council's records). The hub's pages stay closed to them:
the role grants none of cases.rules' permissions, and they hold no locality,
so every case scope is empty."""

import rules

from cases.roles import is_provider

from .provider_selectors import provider_for_user

USE_PORTAL = "pathways.use_provider_portal"


@rules.predicate
def works_for_a_provider(user) -> bool:
    return provider_for_user(user) is not None


rules.add_perm(USE_PORTAL, is_provider & works_for_a_provider)
