"""The national Safeguarding Adults Collection (SAC) codes, and the hub's own
lists for how a concern came in, how urgent it is and how it ended.

Concerns are recorded in these codes so the annual return is counted straight
from the data (see `returns.py`). Wording follows NHS England's "Guidance for
completing the Safeguarding Adults Collection (SAC)" (SG2 to SG4): "Not
recorded" where the collection has it (mental capacity, advocacy, Making
Safeguarding Personal), "Partially achieved" for the outcomes.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible


@deconstructible
class CodesIn:
    """A validator: a list of distinct codes from `choices` (for the JSON
    lists of codes a concern keeps, e.g. its locations of risk)."""

    def __init__(self, choices):
        self.choices = choices

    def __call__(self, value) -> None:
        if not isinstance(value, list) or not all(
            isinstance(code, str) and code in self.choices.values for code in value
        ):
            raise ValidationError("Choose from the list.")
        if len(set(value)) != len(value):
            raise ValidationError("Choose each one once.")

    def __eq__(self, other) -> bool:
        return isinstance(other, CodesIn) and other.choices is self.choices


class RiskType(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    SEXUAL = "sexual", "Sexual"
    PSYCHOLOGICAL = "psychological", "Psychological"
    FINANCIAL = "financial", "Financial or material"
    DISCRIMINATORY = "discriminatory", "Discriminatory"
    ORGANISATIONAL = "organisational", "Organisational"
    NEGLECT = "neglect", "Neglect and acts of omission"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    SEXUAL_EXPLOITATION = "sexual_exploitation", "Sexual exploitation"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    SELF_NEGLECT = "self_neglect", "Self-neglect"


class RiskLocation(models.TextChoices):
    OWN_HOME = "own_home", "Own home"
    COMMUNITY = "community", "In the community (excluding community services)"
    COMMUNITY_SERVICE = "community_service", "In a community service"
    CARE_HOME_NURSING = "care_home_nursing", "Care home – nursing"
    CARE_HOME_RESIDENTIAL = "care_home_residential", "Care home – residential"
    HOSPITAL_ACUTE = "hospital_acute", "Hospital – acute"
    HOSPITAL_MENTAL_HEALTH = "hospital_mental_health", "Hospital – mental health"
    HOSPITAL_COMMUNITY = "hospital_community", "Hospital – community"
    OTHER = "other", "Other"


class RiskSource(models.TextChoices):
    SERVICE_PROVIDER = "service_provider", "Service provider"
    OTHER_KNOWN = "other_known", "Other – known to the individual"
    OTHER_UNKNOWN = "other_unknown", "Other – unknown to the individual"


class YesNoDontKnow(models.TextChoices):
    """SG4a: was the individual assessed as lacking capacity?"""

    YES = "yes", "Yes, they lacked capacity"
    NO = "no", "No, they did not lack capacity"
    DONT_KNOW = "dont_know", "Don't know"
    NOT_RECORDED = "not_recorded", "Not recorded"


class CapacitySupport(models.TextChoices):
    """Where the adult lacked capacity: was support given, and by whom.

    SG4b counts one "Yes" for support by an advocate, family or friend; the
    hub keeps who gave it (`ADVOCACY_YES` maps both to the return's Yes)."""

    ADVOCATE = "advocate", "Yes, by an advocate"
    FAMILY_FRIEND = "family_friend", "Yes, by family or a friend"
    NONE = "none", "No"
    DONT_KNOW = "dont_know", "Don't know"
    NOT_RECORDED = "not_recorded", "Not recorded"


ADVOCACY_YES = (CapacitySupport.ADVOCATE, CapacitySupport.FAMILY_FRIEND)


class MspAsked(models.TextChoices):
    """Making Safeguarding Personal (SG4c): was the adult asked what they want?"""

    YES_EXPRESSED = "yes_expressed", "Yes, they were asked and outcomes were expressed"
    YES_NONE = "yes_none", "Yes, they were asked but no outcomes were expressed"
    NO = "no", "No"
    DONT_KNOW = "dont_know", "Don't know"
    NOT_RECORDED = "not_recorded", "Not recorded"


class MspAchieved(models.TextChoices):
    """SG4d: where outcomes were expressed, were they achieved?"""

    FULLY = "fully", "Fully achieved"
    PARTLY = "partly", "Partially achieved"
    NOT = "not", "Not achieved"


class Urgency(models.TextChoices):
    """How fast the local procedure acts (each has its own timescales)."""

    IMMEDIATE = "immediate", "Immediate risk"
    URGENT = "urgent", "Urgent"
    ROUTINE = "routine", "Routine"


class ActionResult(models.TextChoices):
    """The seven national codes for the action taken and its result."""

    RISK_ACTION = "risk_action", "Risk identified and action taken"
    RISK_NO_ACTION = "risk_no_action", "Risk identified and no action taken"
    INCONCLUSIVE_ACTION = (
        "inconclusive_action",
        "Risk – assessment inconclusive and action taken",
    )
    INCONCLUSIVE_NO_ACTION = (
        "inconclusive_no_action",
        "Risk – assessment inconclusive and no action taken",
    )
    NO_RISK_ACTION = "no_risk_action", "No risk identified and action taken"
    NO_RISK_NO_ACTION = "no_risk_no_action", "No risk identified and no action taken"
    CEASED = (
        "ceased",
        "Enquiry ceased at the individual's request and no action taken",
    )


class RiskOutcome(models.TextChoices):
    REMAINED = "remained", "Risk remained"
    REDUCED = "reduced", "Risk reduced"
    REMOVED = "removed", "Risk removed"


class Route(models.TextChoices):
    """What the decision stage chose."""

    S42 = "s42", "Section 42 enquiry"
    OTHER = "other", "Other (non-statutory) enquiry"
    NONE = "none", "No enquiry – onward action"


class ReceivedVia(models.TextChoices):
    HUB = "hub", "Noticed by hub staff"
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    ONLINE_FORM = "online_form", "Online form"
    IN_PERSON = "in_person", "In person"
    LETTER = "letter", "Letter"
    OTHER = "other", "Other"


class RaisedFrom(models.TextChoices):
    CASE = "case", "A discharge case"
    RISK_SCREEN = "risk_screen", "The risk screen's safeguarding indicator"
    STANDALONE = "standalone", "Standalone (no discharge case)"
