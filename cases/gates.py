"""The discharge gates (DESIGN §4): what must hold before someone goes home.

`cases` knows only that gates exist. Each app that owns a gate adds it here
from its AppConfig.ready(), so the core never imports the stage apps.
"""

from collections.abc import Callable

from .models import DischargeCase

Gate = Callable[[DischargeCase], list[str]]
_GATES: list[Gate] = []


def discharge_gate(gate: Gate) -> Gate:
    """Register a gate: a function naming what still blocks the discharge."""
    if gate not in _GATES:
        _GATES.append(gate)
    return gate


def discharge_blockers(case: DischargeCase) -> list[str]:
    """Reasons discharge cannot be confirmed yet; empty when the gates are shut."""
    return [reason for gate in _GATES for reason in gate(case)]
