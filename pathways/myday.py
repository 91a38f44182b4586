"""Offers on My day: reablement starts and beds the provider declined or let
expire, in the user's open cases, waiting to be offered again."""

from cases.rules import WORK
from cases.selectors import case_scope_q
from cases.worklist import my_day_panel

from .models import Placement, ReablementStart
from .offer_services import offers_expire_all


def returned_offers(model, user):
    """Declined or expired offers (`model`: starts or placements) of open
    cases the user may see."""
    from cases.models import DischargeCase

    return (
        model.objects.filter(
            status__in=ReablementStart.RETURNED,
            case__in=DischargeCase.objects.filter(
                case_scope_q(user), outcome=DischargeCase.Outcome.OPEN
            ),
        )
        .select_related("provider", "case__referral__person", "case__locality")
        .order_by("answered_at")
    )


@my_day_panel
def declined_offers(user):
    if not user.has_perm(WORK):
        return None
    offers_expire_all()  # a deadline passed since the last check
    # The 20 oldest of each, read whole (one more row says there are more):
    # the same two queries whether the panel is empty or full.
    starts = list(returned_offers(ReablementStart, user)[:21])
    beds = list(returned_offers(Placement, user)[:21])
    if not starts and not beds:
        return None
    return "pathways/includes/offers_returned.html", {
        "starts": starts[:20],
        "beds": beds[:20],
        "more": len(starts) > 20 or len(beds) > 20,
    }
