"""The pathway the system recommends, and why: each rule is one criterion
of the Department of Health and Social Care's "Hospital discharge and
community support guidance" (statutory guidance, updated 26 January 2024),
Annex B "discharge pathways", and every recommendation cites the criterion
it applied (DESIGN §2).

Annex B, in short:
- Pathway 0: home, to the usual place of residence (or temporary
  accommodation), with no new or additional support: signposting,
  voluntary-sector help, a pre-existing home care package that stayed
  active (paused) during the stay restarted at the same level, or a return
  to the person's own care home with care at the same level.
- Pathway 1: home with health and/or social care support arranged by the
  care transfer hub: home-based intermediate care (rehabilitation,
  reablement, recovery), a restart of a package that lapsed, a return to
  the care home with time-limited intermediate care; the earlier model
  adds "this includes people requiring intensive support or 24-hour care
  at home".
- Pathway 2: a community bed-based setting with dedicated recovery
  support, for short-term rehabilitation, reablement or recovery (or
  short-term intensive 24-hour support) before going home.
- Pathway 3: in rare circumstances, for people with the highest level of
  complex needs: a care home placement, their long-term needs assessed
  after discharge, not in hospital.

The rules read plain facts (`Facts`), so bench/pathway_mix.py runs them on
a synthetic population without a database; `pathway_recommend(case)` reads
the facts from the case's referral and risk screen.
"""

from dataclasses import dataclass

from cases.models import CARE_HOME_RESIDENCES, ExistingSupport, Pathway

GUIDANCE = "Hospital discharge and community support guidance, Annex B"


@dataclass(frozen=True)
class Criterion:
    code: str
    pathway: int
    text: str  # the guidance's criterion, in its own terms

    def cite(self) -> str:
        return f"{GUIDANCE}, pathway {self.pathway}: {self.text}"


P0_NO_NEW_SUPPORT = Criterion(
    "p0-no-new-support", 0, "home with no new or additional health or care support"
)
P0_PAUSED_PACKAGE = Criterion(
    "p0-paused-package",
    0,
    "restart of a pre-existing home care package at the same level that stayed "
    "active, on pause, during the hospital stay",
)
P0_CARE_HOME_RETURN = Criterion(
    "p0-care-home-return",
    0,
    "return to the person's own care home with care at the same level as before",
)
P1_NEW_SUPPORT = Criterion(
    "p1-new-support",
    1,
    "home with new support: home-based intermediate care for rehabilitation, "
    "reablement and recovery",
)
P1_NEW_HEALTH_SUPPORT = Criterion(
    "p1-new-health-support",
    1,
    "home with new health support: rehabilitation at home (e.g. after repeated "
    "falls) or community nursing (pressure damage, a catheter)",
)
P1_LAPSED_PACKAGE = Criterion(
    "p1-lapsed-package",
    1,
    "restart of a home care package at the level of a pre-existing package that lapsed",
)
P1_ADDITIONAL_SUPPORT = Criterion(
    "p1-additional-support",
    1,
    "home with additional support beyond the package the person already had",
)
P1_24_HOUR_AT_HOME = Criterion(
    "p1-24-hour-at-home",
    1,
    "home with intensive support, up to 24-hour care at home (home first)",
)
P1_CARE_HOME_INTERMEDIATE = Criterion(
    "p1-care-home-intermediate",
    1,
    "return to the person's own care home with time-limited, short-term "
    "intermediate care",
)
P2_BED_BASED_RECOVERY = Criterion(
    "p2-bed-based-recovery",
    2,
    "short-term rehabilitation, reablement or recovery, or short-term intensive "
    "24-hour support, in a community bed-based setting before going home",
)
P3_LONG_TERM_CARE = Criterion(
    "p3-long-term-care",
    3,
    "in rare circumstances, for the highest level of complex needs: a care home "
    "placement, with long-term needs assessed after discharge",
)
OT_REVIEW = Criterion("ot-review", -1, "the OT's review of this person")

CRITERIA = (
    P0_NO_NEW_SUPPORT,
    P0_PAUSED_PACKAGE,
    P0_CARE_HOME_RETURN,
    P1_NEW_SUPPORT,
    P1_NEW_HEALTH_SUPPORT,
    P1_LAPSED_PACKAGE,
    P1_ADDITIONAL_SUPPORT,
    P1_24_HOUR_AT_HOME,
    P1_CARE_HOME_INTERMEDIATE,
    P2_BED_BASED_RECOVERY,
    P3_LONG_TERM_CARE,
)


@dataclass(frozen=True)
class Facts:
    """What the rules read: the referral's residence and existing care, the
    risk screen's needs. Unknown residence reads as the person's own home."""

    usual_residence: str = ""
    existing_support: str = ""
    lives_alone: bool = False
    carers_needed: int = 0
    medication_support: bool = False
    hoist_needed: bool = False
    needs_24_hour_care: bool = False
    cognitive_impairment: bool = False
    capacity_concern: bool = False
    falls_last_year: int = 0
    skin_integrity: str = "intact"
    continence: str = "continent"
    risk_level: str = "low"

    @property
    def care_home_resident(self) -> bool:
        return self.usual_residence in CARE_HOME_RESIDENCES

    @property
    def new_personal_care(self) -> bool:
        return self.carers_needed >= 1 or self.medication_support

    @property
    def new_health_support(self) -> list[str]:
        """Needs the NHS meets at home (pathway 1 is "new or additional health
        and/or social care"): falls rehabilitation after two or more falls
        in a year (NICE CG161), community nursing for pressure damage or a
        catheter."""
        needs = []
        if self.falls_last_year >= 2:
            needs.append("Two or more falls in the last year: rehabilitation at home.")
        if self.skin_integrity == "damage":
            needs.append("Pressure damage: community nursing.")
        if self.continence == "catheter":
            needs.append("Catheter care: community nursing.")
        return needs

    @property
    def more_than_a_package_gives(self) -> bool:
        """Needs that a package the person already had is unlikely to cover:
        two carers, a hoist or 24-hour care."""
        return self.carers_needed >= 2 or self.hoist_needed or self.needs_24_hour_care


@dataclass(frozen=True)
class Recommendation:
    pathway: int
    criterion: Criterion
    reasons: tuple[str, ...]

    def lines(self) -> list[str]:
        return [*self.reasons, f"Applies {self.criterion.cite()}."]


def pathway_for(facts: Facts) -> Recommendation:
    """First matching criterion wins, most specific first."""
    if facts.care_home_resident:
        return _care_home_return(facts)
    if facts.needs_24_hour_care:
        return _twenty_four_hour(facts)
    if (
        facts.risk_level == "high"
        and facts.lives_alone
        and facts.more_than_a_package_gives
    ):
        return Recommendation(
            Pathway.BED_BASED,
            P2_BED_BASED_RECOVERY,
            (
                "High risk, lives alone and needs two carers or a hoist: recovery "
                "in a bed first, then home.",
            ),
        )
    if facts.existing_support == ExistingSupport.HOME_CARE_LAPSED:
        return Recommendation(
            Pathway.REABLEMENT,
            P1_LAPSED_PACKAGE,
            ("Their home care lapsed while in hospital: it needs restarting.",),
        )
    if facts.existing_support in (
        ExistingSupport.HOME_CARE_PAUSED,
        ExistingSupport.LIVE_IN,
    ):
        return _existing_package(facts)
    if facts.new_personal_care:
        return Recommendation(
            Pathway.REABLEMENT, P1_NEW_SUPPORT, tuple(_new_needs(facts))
        )
    if facts.new_health_support:
        return Recommendation(
            Pathway.REABLEMENT,
            P1_NEW_HEALTH_SUPPORT,
            tuple(facts.new_health_support),
        )
    return Recommendation(
        Pathway.HOME,
        P0_NO_NEW_SUPPORT,
        ("The screen finds no new care or support needs.",),
    )


def _care_home_return(facts: Facts) -> Recommendation:
    if facts.new_health_support:
        return Recommendation(
            Pathway.REABLEMENT,
            P1_CARE_HOME_INTERMEDIATE,
            ("Returns to their own care home with short-term health support:",)
            + tuple(facts.new_health_support),
        )
    if facts.more_than_a_package_gives:
        return Recommendation(
            Pathway.REABLEMENT,
            P1_CARE_HOME_INTERMEDIATE,
            (
                "Returns to their own care home, now needing two carers, a hoist or "
                "more: short-term intermediate care there.",
            ),
        )
    return Recommendation(
        Pathway.HOME,
        P0_CARE_HOME_RETURN,
        ("Lives in a care home (their usual place of residence) and returns there.",),
    )


def _twenty_four_hour(facts: Facts) -> Recommendation:
    if facts.lives_alone and (facts.cognitive_impairment or facts.capacity_concern):
        return Recommendation(
            Pathway.CARE_HOME,
            P3_LONG_TERM_CARE,
            (
                "Needs 24-hour care, lives alone, with dementia or a capacity "
                "concern: likely to need long-term care in a care home.",
            ),
        )
    if facts.lives_alone:
        return Recommendation(
            Pathway.BED_BASED,
            P2_BED_BASED_RECOVERY,
            (
                "Needs 24-hour care for now and lives alone: short-term 24-hour "
                "support in a bed to recover, then home.",
            ),
        )
    return Recommendation(
        Pathway.REABLEMENT,
        P1_24_HOUR_AT_HOME,
        (
            "Needs 24-hour care and lives with others: care at home can give it; "
            "24-hour care alone is not a reason for a care home.",
        ),
    )


def _existing_package(facts: Facts) -> Recommendation:
    if facts.new_health_support:
        return Recommendation(
            Pathway.REABLEMENT,
            P1_ADDITIONAL_SUPPORT,
            ("Has a package kept open, and now new health support too:",)
            + tuple(facts.new_health_support),
        )
    if facts.more_than_a_package_gives:
        return Recommendation(
            Pathway.REABLEMENT,
            P1_ADDITIONAL_SUPPORT,
            (
                "Has a package kept open, but now needs two carers or a hoist: "
                "more than it gives.",
            ),
        )
    return Recommendation(
        Pathway.HOME,
        P0_PAUSED_PACKAGE,
        ("Their care package stayed open while in hospital and restarts as it was.",),
    )


def _new_needs(facts: Facts) -> list[str]:
    reasons = []
    if facts.carers_needed:
        reasons.append(f"Needs {facts.carers_needed} carer(s) for personal care.")
    if facts.medication_support:
        reasons.append("Needs support with medication.")
    return reasons


def facts_from_case(case) -> Facts | None:
    """The case's facts, or None when no risk screen is recorded yet."""
    screen = getattr(case, "risk_screen", None)
    if screen is None:
        return None
    referral = getattr(case, "referral", None)
    return Facts(
        usual_residence=getattr(referral, "usual_residence", ""),
        existing_support=getattr(referral, "existing_support", ""),
        lives_alone=screen.lives_alone,
        carers_needed=screen.carers_needed,
        medication_support=screen.medication_support,
        hoist_needed=screen.hoist_needed,
        needs_24_hour_care=screen.needs_24_hour_care,
        cognitive_impairment=screen.cognitive_impairment,
        capacity_concern=screen.capacity_concern,
        falls_last_year=screen.falls_last_year,
        skin_integrity=screen.skin_integrity,
        continence=screen.continence,
        risk_level=screen.level,
    )


def pathway_recommend(case) -> tuple[int, list[str]]:
    """(pathway, reasons): the OT's review when there is one, else the first
    guidance criterion that fits the case; the last reason cites it."""
    review = getattr(case, "ot_review", None)
    if review is not None:
        return review.recommended_pathway, [
            f"The OT review recommends pathway {review.recommended_pathway}."
        ]
    facts = facts_from_case(case)
    if facts is None:
        return Pathway.HOME, ["No risk screen recorded."]
    recommendation = pathway_for(facts)
    return recommendation.pathway, recommendation.lines()
