"""The episode's clock, from settings.REABLEMENT (each key optional)."""

from django.conf import settings

DEFAULTS = {
    "FIRST_REVIEW_DAYS": 6,  # first review within the first week (day 0 = discharge)
    "REVIEW_EVERY_DAYS": 7,  # then weekly
    "LENGTH_DAYS": 42,  # end of reablement due at six weeks
    "FOLLOWUP_DAYS": 91,  # SALT STS004 / ASCOF 2B: 91 days after discharge
    "FOLLOWUP_MIN_AGE": 65,  # ... for people aged 65 and over
}


def setting(name: str) -> int:
    return getattr(settings, "REABLEMENT", {}).get(name, DEFAULTS[name])
