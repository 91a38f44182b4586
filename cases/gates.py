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

from .models import DischargeCase
from .registry import Registry

# gate(case) -> what blocks the discharge, one line each
_GATES = Registry("discharge gates")
# caution(case) -> what needs an acknowledgement, one line each
_CAUTIONS = Registry("discharge cautions")

# Register a gate: a function naming what still blocks the discharge.
discharge_gate = _GATES.register
# Register a caution: a function naming what needs an acknowledgement.
discharge_caution = _CAUTIONS.register


def discharge_blockers(case: DischargeCase) -> list[str]:
    """Reasons discharge cannot be confirmed yet; empty when the gates are shut."""
    return _GATES.collect(case)


def discharge_cautions(case: DischargeCase) -> list[str]:
    """What the person confirming must acknowledge; empty when nothing does."""
    return _CAUTIONS.collect(case)
