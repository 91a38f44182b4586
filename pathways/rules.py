"""The pathway the system recommends, and why (DESIGN §2, D2A pathways)."""

from cases.models import DischargeCase, Pathway


def pathway_recommend(case: DischargeCase) -> tuple[int, list[str]]:
    """First matching rule wins: OT review, 24-hour care, high risk alone,
    personal care or medication needs, else home with no new support."""
    review = getattr(case, "ot_review", None)
    screen = getattr(case, "risk_screen", None)
    if review is not None:
        return review.recommended_pathway, [
            f"The OT review recommends pathway {review.recommended_pathway}."
        ]
    if screen is None:
        return Pathway.HOME, ["No risk screen recorded."]
    if screen.needs_24_hour_care:
        return Pathway.CARE_HOME, ["The screen records a need for 24-hour care."]
    if screen.level == "high" and screen.lives_alone:
        return Pathway.BED_BASED, [
            f"High risk (score {screen.score}) and lives alone: rehabilitation in a "
            "bed-based setting first."
        ]
    reasons = []
    if screen.carers_needed:
        reasons.append(f"Needs {screen.carers_needed} carer(s) for personal care.")
    if screen.medication_support:
        reasons.append("Needs support with medication.")
    if reasons:
        return Pathway.REABLEMENT, reasons
    return Pathway.HOME, ["The screen finds no new care or support needs."]
