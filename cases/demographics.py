"""The national categories a person is counted by in the Safeguarding Adults
Collection's SG1 tables (NHS England, "Guidance for completing the
Safeguarding Adults Collection (SAC)", SG1: Demographics), recorded on the
person. Each allows "not recorded": none of them is required to open a case
or raise a concern.
"""

import datetime

from django.db import models

from .validators import age_on

NOT_RECORDED = "not_recorded"


class Sex(models.TextChoices):
    MALE = "male", "Male"
    FEMALE = "female", "Female"
    NOT_RECORDED = NOT_RECORDED, "Not recorded"


class Ethnicity(models.TextChoices):
    """SG1c's broad groups, with refused and undeclared."""

    WHITE = "white", "White"
    MIXED = "mixed", "Mixed / Multiple"
    ASIAN = "asian", "Asian / Asian British"
    BLACK = "black", "Black / African / Caribbean / Black British"
    OTHER = "other", "Other ethnic group"
    REFUSED = "refused", "Refused"
    NOT_RECORDED = NOT_RECORDED, "Undeclared / Not known"


class SupportReason(models.TextChoices):
    """SG1d's primary support reasons."""

    PHYSICAL_MOBILITY = "physical_mobility", "Physical Support: Access & mobility only"
    PHYSICAL_PERSONAL = "physical_personal", "Physical Support: Personal care support"
    SENSORY_VISUAL = "sensory_visual", "Sensory Support: Support for visual impairment"
    SENSORY_HEARING = (
        "sensory_hearing",
        "Sensory Support: Support for hearing impairment",
    )
    SENSORY_DUAL = "sensory_dual", "Sensory Support: Support for dual impairment"
    MEMORY_COGNITION = "memory_cognition", "Support with Memory & Cognition"
    LEARNING_DISABILITY = "learning_disability", "Learning Disability Support"
    MENTAL_HEALTH = "mental_health", "Mental Health Support"
    SUBSTANCE_MISUSE = "substance_misuse", "Social Support: Substance misuse support"
    ASYLUM_SEEKER = "asylum_seeker", "Social Support: Asylum seeker support"
    SOCIAL_ISOLATION = (
        "social_isolation",
        "Social Support: Support for social isolation / other",
    )
    NO_REASON = "no_reason", "No support reason"
    NOT_RECORDED = NOT_RECORDED, "Not known"


AGE_BANDS = (
    ("18-64", 18, 64),
    ("65-74", 65, 74),
    ("75-84", 75, 84),
    ("85-94", 85, 94),
    ("95+", 95, 200),
)
AGE_UNKNOWN = "Age unknown"


def age_band(born: datetime.date | None, on: datetime.date) -> str:
    """SG1a's band for someone's age on `on` (the last day of the period)."""
    if born is None:
        return AGE_UNKNOWN
    age = age_on(born, on)
    for label, low, high in AGE_BANDS:
        if low <= age <= high:
            return label
    return AGE_UNKNOWN  # under 18: not an adult, so not a band the return has


AGE_BAND_LABELS = [label for label, _, _ in AGE_BANDS] + [AGE_UNKNOWN]
