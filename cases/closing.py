"""Closing a case before discharge: who may, and what ends with it.

Each app that holds something for a case that must not outlive it (an agreed
reablement start, equipment still on order) registers how to release it from
its AppConfig.ready(), as the discharge gates do (cases.gates), so `cases`
imports none of them.
"""

from collections.abc import Callable

from .models import DischargeCase
from .rules import CLOSE_CASE

# release(case=, actor=, reason=) -> what it released, one line each
Release = Callable[..., list[str]]
_RELEASES: list[Release] = []


def case_close_release(release: Release) -> Release:
    """Register what to release when a case closes."""
    if release not in _RELEASES:
        _RELEASES.append(release)
    return release


def case_releases_run(*, case: DischargeCase, actor, reason: str) -> list[str]:
    return [
        line
        for release in _RELEASES
        for line in release(case=case, actor=actor, reason=reason)
    ]


def case_may_close(user, case: DischargeCase) -> bool:
    """Managers, and coordinators of the case's locality, may close a case
    (the rule is `cases.close_case` in cases/rules.py)."""
    return user.has_perm(CLOSE_CASE, case)
