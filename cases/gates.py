"""The discharge gates (DESIGN §4): what must hold before someone goes home.

Two kinds of check, both registered by the app that owns them from its
AppConfig.ready(), so the core never imports the stage apps:

- a gate (`discharge_gate`) names what blocks the discharge; only a manager
  may override it, with a reason;
- a caution (`discharge_caution`) names what the person confirming must have
  acted on, such as an open safeguarding concern: it does not block, but
  nobody (manager or not) confirms the discharge without recording who they
  consulted, when, and what was agreed.
"""

from collections.abc import Callable

from .models import DischargeCase

Gate = Callable[[DischargeCase], list[str]]
_GATES: list[Gate] = []
_CAUTIONS: list[Gate] = []


def discharge_gate(gate: Gate) -> Gate:
    """Register a gate: a function naming what still blocks the discharge."""
    if gate not in _GATES:
        _GATES.append(gate)
    return gate


def discharge_caution(caution: Gate) -> Gate:
    """Register a caution: a function naming what needs an acknowledgement."""
    if caution not in _CAUTIONS:
        _CAUTIONS.append(caution)
    return caution


def discharge_blockers(case: DischargeCase) -> list[str]:
    """Reasons discharge cannot be confirmed yet; empty when the gates are shut."""
    return [reason for gate in _GATES for reason in gate(case)]


def discharge_cautions(case: DischargeCase) -> list[str]:
    """What the person confirming must acknowledge; empty when nothing does."""
    return [item for caution in _CAUTIONS for item in caution(case)]
