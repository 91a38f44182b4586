from cases.closing import case_close_release
from cases.models import DischargeCase

from .models import ReablementStart
from .services import reablement_start_cancel


@case_close_release
def release_reablement_start(*, case: DischargeCase, actor, reason: str) -> list[str]:
    """An agreed start holds a provider's carers: a closed case gives them back."""
    start = ReablementStart.objects.filter(
        case=case, status=ReablementStart.Status.AGREED
    ).first()
    if start is None:
        return []
    reablement_start_cancel(start=start, actor=actor, reason=reason)
    return [f"Reablement start with {start.provider} cancelled."]
