"""Who may do what with safeguarding concerns (the permission layer; see
cases/rules.py for how it is used).

Concern details are for safeguarding leads (their own localities) and
managers (the county): selectors.concern_scope_q decides which concerns.
Whoever may raise a concern may know that the ones they raised exist and
their stage, nothing more (selectors decide which concerns those are).
"""

import rules

from cases.roles import is_coordinator, is_lead, is_manager, is_ot
from cases.rules import reference_data_perms

RAISE = "safeguarding.raise_concern"
VIEW = "safeguarding.view_concern"  # the details; every concern's
WORK = "safeguarding.work_concern"  # section 42 tasks (leads)
CLOSE = "safeguarding.close_concern"  # close early, at any stage
RECORD = "safeguarding.record_concern"  # pauses, referrals, reviews, identity
MANAGE = "safeguarding.manage_concern"  # reassign; Viewflow's manage actions
USE = "safeguarding.use_safeguarding"  # the safeguarding pages at all

rules.add_perm(RAISE, is_coordinator | is_ot | is_manager | is_lead)


@rules.predicate
def concern_in_localities(user, concern) -> bool:
    """No concern given (the app as a whole), or one about an adult living in
    the user's localities (Viewflow asks with the process of a task)."""
    if concern is None:
        return True
    from cases.selectors import user_localities

    from .models import Concern

    locality = (
        Concern.objects.filter(pk=concern.pk)
        .values_list("person__locality", flat=True)
        .first()
    )
    return user_localities(user).filter(pk=locality).exists()


rules.add_perm(VIEW, is_manager | (is_lead & concern_in_localities))
rules.add_perm(WORK, is_lead)
rules.add_perm(CLOSE, is_lead | is_manager)
rules.add_perm(RECORD, is_lead | is_manager)
rules.add_perm(MANAGE, is_manager)
rules.add_perm(USE, is_coordinator | is_ot | is_manager | is_lead)

reference_data_perms("safeguarding", "timescalepolicy")
