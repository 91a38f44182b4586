"""National codes for the episode's end and the 91-day follow-up.

Sequel to short-term support to maximise independence (ST-Max): the ten
sequels of SALT measure STS002a, which breaks down "what followed the period
of short term support" for new clients whose sequel to a request was ST-Max
(STS001). Wording from NHS Digital, "SALT data return 2021-22 guidance",
chapter STS002a/STS002b:
https://digital.nhs.uk/data-and-information/data-collections-and-data-sets/data-collections/social-care-collection-materials-2022/salt-data-return-2021-2022-guidance/sts002b
"""

from django.db import models


class Sequel(models.TextChoices):
    """SALT STS002a sequel to ST-Max (the episode's outcome)."""

    EARLY_NHS = (
        "early_nhs",
        "Early cessation of service (not leading to long term support) – "
        "100% NHS funded care/End of Life/deceased",
    )
    EARLY_OTHER = (
        "early_other",
        "Early cessation of service (not leading to long term support) – other reason",
    )
    EARLY_LTS = "early_lts", "Early cessation of service (leading to long term support)"
    LTS = "lts", "Long term support (any setting)"
    SELF_FUNDING = (
        "self_funding",
        "No services provided – needs identified but self-funding",
    )
    LOW_LEVEL = "low_level", "Ongoing low level support"
    STS_OTHER = "sts_other", "Short term support (other)"
    DECLINED = (
        "declined",
        "No services provided – needs identified but support declined",
    )
    UNIVERSAL = (
        "universal",
        "No services provided – universal services/signposted to other services",
    )
    NO_NEEDS = "no_needs", "No services provided – no identified needs"


# Sequels after which the council's long-term support follows: the handover
# (provider, start date, weekly hours) is recorded with them.
LONG_TERM = {Sequel.EARLY_LTS, Sequel.LTS}
# Sequels that end the episode early (readmission ends an episode with one).
EARLY = {Sequel.EARLY_NHS, Sequel.EARLY_OTHER, Sequel.EARLY_LTS}


class LongTermSetting(models.TextChoices):
    COMMUNITY = "community", "Community"
    RESIDENTIAL = "residential", "Residential care"
    NURSING = "nursing", "Nursing care"


class WhereAt91(models.TextChoices):
    """Where the person is 91 days after discharge (SALT STS004 / ASCOF 2B):
    only "at home" counts as at home; not known counts as not at home."""

    HOME = "home", "At home"
    HOSPITAL = "hospital", "In hospital"
    CARE_HOME = "care_home", "In a care home"
    DIED = "died", "Died"
    NOT_KNOWN = "not_known", "Not known"


# Goal attainment scaling (Kiresuk & Sherman; the five-point form used in
# rehabilitation, Turner-Stokes 2009): each goal is set with the expected
# level as 0; -2 is where the person starts or worse, -1 some progress but
# less than expected, +1 and +2 better and much better than expected.
GAS = [
    (-2, "-2 much less than expected (no progress, or worse)"),
    (-1, "-1 less than expected"),
    (0, "0 expected level reached"),
    (1, "+1 better than expected"),
    (2, "+2 much better than expected"),
]
GOAL_MET = 0  # a goal at 0 or above is met
