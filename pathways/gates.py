from cases.gates import discharge_gate
from cases.models import DischargeCase, Pathway

from .selectors import reablement_start_agreed


@discharge_gate
def reablement_start_agreed_gate(case: DischargeCase) -> list[str]:
    """Pathway 1 goes home only with a reablement start agreed."""
    if case.pathway == Pathway.REABLEMENT and not reablement_start_agreed(case):
        return ["No reablement start has been agreed with a provider."]
    return []
