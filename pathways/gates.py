from cases.gates import discharge_gate
from cases.models import DischargeCase, Pathway

from .models import Placement, ReablementStart
from .selectors import reablement_start_agreed


@discharge_gate
def reablement_start_agreed_gate(case: DischargeCase) -> list[str]:
    """Pathway 1 goes home only with a reablement start agreed."""
    if case.pathway != Pathway.REABLEMENT or reablement_start_agreed(case):
        return []
    start = ReablementStart.objects.filter(
        case=case, status=ReablementStart.Status.OFFERED
    ).first()
    if start is not None:
        return [f"The reablement start offered to {start.provider} is not yet agreed."]
    return ["No reablement start has been agreed with a provider."]


@discharge_gate
def placement_agreed_gate(case: DischargeCase) -> list[str]:
    """A bed offered to a setting must be accepted before the person goes."""
    placement = Placement.objects.filter(case=case).first()
    if placement is None or placement.status == Placement.Status.AGREED:
        return []
    if placement.status == Placement.Status.OFFERED:
        return [f"The bed offered to {placement.provider} is not yet agreed."]
    return [
        f"The placement was {placement.get_status_display().lower()}: arrange another."
    ]
