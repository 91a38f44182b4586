from cases.closing import case_close_release
from cases.models import DischargeCase

from .models import Placement, ReablementStart
from .offer_services import offer_cancel


@case_close_release
def release_reablement_start(*, case: DischargeCase, actor, reason: str) -> list[str]:
    """An offered or agreed start holds a provider's carers: a closed case
    gives them back."""
    start = ReablementStart.objects.filter(
        case=case, status__in=ReablementStart.HOLDING
    ).first()
    if start is None:
        return []
    offer_cancel(offer=start, actor=actor, reason=reason)
    return [f"Reablement start with {start.provider} cancelled."]


@case_close_release
def release_placement(*, case: DischargeCase, actor, reason: str) -> list[str]:
    """An offered or agreed bed is given back to the setting on closure."""
    placement = Placement.objects.filter(
        case=case, status__in=Placement.HOLDING, provider__isnull=False
    ).first()
    if placement is None:
        return []
    offer_cancel(offer=placement, actor=actor, reason=reason)
    return [f"Bed with {placement.provider} released."]
