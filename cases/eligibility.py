"""Care Act eligibility, as the Care and Support (Eligibility Criteria)
Regulations 2015 (SI 2015/313) word it.

The wording below is quoted from the regulations as made
(https://www.legislation.gov.uk/uksi/2015/313/made), only capitalised where a
list item begins a sentence on screen. The determination itself is a pure
function of what the assessor recorded, so the page and the PDF cannot
disagree.
"""

from dataclasses import dataclass

from django.db import models

# Regulation 2(1): an adult's needs meet the eligibility criteria if all three hold.
ADULT_CONDITION_A = (
    "the adult’s needs arise from or are related to a physical or mental "
    "impairment or illness"
)
ADULT_CONDITION_B = (
    "as a result of the adult’s needs the adult is unable to achieve two or more "
    "of the outcomes specified in paragraph (2)"
)
ADULT_CONDITION_C = (
    "as a consequence there is, or is likely to be, a significant impact on the "
    "adult’s well-being"
)
ADULT_OUTCOMES_NEEDED = 2  # "two or more of the outcomes", reg 2(1)(b)

# Regulation 3(1): a carer's needs meet the eligibility criteria if all three hold.
CARER_CONDITION_A = (
    "the needs arise as a consequence of providing necessary care for an adult"
)
CARER_CONDITION_B = (
    "the effect of the carer’s needs is that any of the circumstances specified "
    "in paragraph (2) apply to the carer"
)
CARER_CONDITION_C = (
    "as a consequence of that fact there is, or is likely to be, a significant "
    "impact on the carer’s well-being"
)
# Regulation 3(2)(a), the circumstance besides the outcomes of 3(2)(b).
CARER_HEALTH = (
    "the carer’s physical or mental health is, or is at risk of, deteriorating"
)


class AdultOutcome(models.TextChoices):
    """Regulation 2(2): the specified outcomes."""

    NUTRITION = "nutrition", "Managing and maintaining nutrition"
    HYGIENE = "hygiene", "Maintaining personal hygiene"
    TOILET = "toilet", "Managing toilet needs"
    CLOTHED = "clothed", "Being appropriately clothed"
    HOME_SAFELY = "home_safely", "Being able to make use of the adult’s home safely"
    HABITABLE = "habitable", "Maintaining a habitable home environment"
    RELATIONSHIPS = (
        "relationships",
        "Developing and maintaining family or other personal relationships",
    )
    WORK = "work", "Accessing and engaging in work, training, education or volunteering"
    COMMUNITY = (
        "community",
        "Making use of necessary facilities or services in the local community "
        "including public transport, and recreational facilities or services",
    )
    CHILD = (
        "child",
        "Carrying out any caring responsibilities the adult has for a child",
    )


class AdultUnableBecause(models.TextChoices):
    """Regulation 2(3): an adult "is to be regarded as being unable to achieve
    an outcome if the adult—"."""

    WITHOUT_ASSISTANCE = (
        "without_assistance",
        "is unable to achieve it without assistance",
    )
    PAIN = (
        "pain",
        "is able to achieve it without assistance but doing so causes the adult "
        "significant pain, distress or anxiety",
    )
    ENDANGERS = (
        "endangers",
        "is able to achieve it without assistance but doing so endangers or is "
        "likely to endanger the health or safety of the adult, or of others",
    )
    LONGER = (
        "longer",
        "is able to achieve it without assistance but takes significantly longer "
        "than would normally be expected",
    )


# A short name for each way, shown first where the full wording is cut short
# (a closed select); the paragraph letter is the regulation's.
WAY_SHORT = {
    "without_assistance": "(a) Needs assistance",
    "pain": "(b) Significant pain, distress or anxiety",
    "endangers": "(c) Endangers health or safety",
    "longer": "(d) Takes significantly longer",
}


class CarerOutcome(models.TextChoices):
    """Regulation 3(2)(b): the outcomes a carer may be unable to achieve."""

    CHILD = (
        "child",
        "Carrying out any caring responsibilities the carer has for a child",
    )
    OTHERS = (
        "others",
        "Providing care to other persons for whom the carer provides care",
    )
    HABITABLE = (
        "habitable",
        "Maintaining a habitable home environment in the carer’s home (whether or "
        "not this is also the home of the adult needing care)",
    )
    NUTRITION = "nutrition", "Managing and maintaining nutrition"
    RELATIONSHIPS = (
        "relationships",
        "Developing and maintaining family or other personal relationships",
    )
    WORK = "work", "Engaging in work, training, education or volunteering"
    COMMUNITY = (
        "community",
        "Making use of necessary facilities or services in the local community, "
        "including recreational facilities or services",
    )
    RECREATION = "recreation", "Engaging in recreational activities"


class CarerUnableBecause(models.TextChoices):
    """Regulation 3(3): a carer "is to be regarded as being unable to achieve
    an outcome if the carer—"."""

    WITHOUT_ASSISTANCE = (
        "without_assistance",
        "is unable to achieve it without assistance",
    )
    PAIN = (
        "pain",
        "is able to achieve it without assistance but doing so causes the carer "
        "significant pain, distress or anxiety",
    )
    ENDANGERS = (
        "endangers",
        "is able to achieve it without assistance but doing so endangers or is "
        "likely to endanger the health or safety of the carer, or of others",
    )


@dataclass(frozen=True)
class Determination:
    """Whether needs meet the eligibility criteria, condition by condition.

    `conditions` pairs each condition's wording with whether it holds (None:
    not recorded); `eligible` is None until every condition is recorded."""

    regulation: str
    conditions: tuple[tuple[str, bool | None], ...]
    eligible: bool | None

    @property
    def summary(self) -> str:
        if self.eligible is None:
            return "Eligibility not yet determined"
        if self.eligible:
            return (
                f"Eligible: the needs meet the eligibility criteria ({self.regulation})"
            )
        return (
            f"Not eligible: the needs do not meet the eligibility criteria "
            f"({self.regulation})"
        )


def _all_hold(conditions: tuple[tuple[str, bool | None], ...]) -> bool | None:
    if any(held is False for _, held in conditions):
        return False
    if any(held is None for _, held in conditions):
        return None
    return True


def adult_determination(
    *, from_impairment: bool | None, outcomes_unable: int, wellbeing_impact: bool | None
) -> Determination:
    """Regulation 2(1): all three conditions, (b) counted from the outcomes the
    adult is unable to achieve."""
    conditions = (
        (ADULT_CONDITION_A, from_impairment),
        (ADULT_CONDITION_B, outcomes_unable >= ADULT_OUTCOMES_NEEDED),
        (ADULT_CONDITION_C, wellbeing_impact),
    )
    if from_impairment is None or wellbeing_impact is None:
        return Determination("regulation 2", conditions, None)
    return Determination("regulation 2", conditions, _all_hold(conditions))


def carer_determination(
    *,
    necessary_care: bool,
    health_at_risk: bool,
    outcomes_unable: int,
    wellbeing_impact: bool,
) -> Determination:
    """Regulation 3(1): all three conditions; (b) holds when the carer's health
    is at risk or the carer is unable to achieve any one outcome (reg 3(2))."""
    conditions = (
        (CARER_CONDITION_A, necessary_care),
        (CARER_CONDITION_B, health_at_risk or outcomes_unable >= 1),
        (CARER_CONDITION_C, wellbeing_impact),
    )
    return Determination("regulation 3", conditions, _all_hold(conditions))
