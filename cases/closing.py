"""Closing a case before discharge: who may, and what ends with it.

Each app that holds something for a case that must not outlive it (an agreed
reablement start, equipment still on order) registers how to release it from
its AppConfig.ready(), as the discharge gates do (cases.gates), so `cases`
imports none of them.
"""

from .models import DischargeCase
from .registry import Registry
from .rules import CLOSE_CASE

# release(case=, actor=, reason=) -> what it released, one line each
_RELEASES = Registry("case close releases")

# Register what to release when a case closes.
case_close_release = _RELEASES.register


def case_releases_run(*, case: DischargeCase, actor, reason: str) -> list[str]:
    return _RELEASES.collect(case=case, actor=actor, reason=reason)


def case_may_close(user, case: DischargeCase) -> bool:
    """Managers, and coordinators of the case's locality, may close a case
    (the rule is `cases.close_case` in cases/rules.py)."""
    return user.has_perm(CLOSE_CASE, case)
