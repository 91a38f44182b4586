"""Risk screen scoring: each rule is one line of policy, tested on its own.

A rule gives points toward the score and may flag the case for OT review
(falls, moving and handling, double-handed care, complex equipment,
capacity). The level follows the score: 0–3 low, 4–7 medium, 8+ high.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    points: int
    flags_ot: bool
    applies: Callable[[object], bool]


RULES: tuple[Rule, ...] = (
    Rule(
        "falls_repeat",
        "Two or more falls in the last year",
        3,
        True,
        lambda s: s.falls_last_year >= 2,
    ),
    Rule(
        "falls_one",
        "One fall in the last year",
        1,
        False,
        lambda s: s.falls_last_year == 1,
    ),
    Rule("lives_alone", "Lives alone", 1, False, lambda s: s.lives_alone),
    Rule(
        "cognition",
        "Cognitive impairment or dementia",
        2,
        False,
        lambda s: s.cognitive_impairment,
    ),
    Rule("capacity", "Mental capacity concern", 2, True, lambda s: s.capacity_concern),
    Rule(
        "medication",
        "Needs support with medication",
        1,
        False,
        lambda s: s.medication_support,
    ),
    Rule(
        "skin_risk",
        "Skin at risk of pressure damage",
        1,
        False,
        lambda s: s.skin_integrity == "at_risk",
    ),
    Rule(
        "pressure_damage",
        "Pressure damage present",
        3,
        True,
        lambda s: s.skin_integrity == "damage",
    ),
    Rule(
        "stairs",
        "Stairs to get in, or to bed or toilet",
        1,
        False,
        lambda s: s.stairs_to_access,
    ),
    Rule(
        "stairs_and_falls",
        "Stairs with a history of falls",
        2,
        True,
        lambda s: s.stairs_to_access and s.falls_last_year >= 1,
    ),
    Rule("hazards", "Hazards in the home", 1, False, lambda s: s.home_hazards),
    Rule(
        "continence",
        "Incontinence or catheter care",
        1,
        False,
        lambda s: s.continence in ("incontinent", "catheter"),
    ),
    Rule(
        "nutrition",
        "Risk of malnutrition or dehydration",
        1,
        False,
        lambda s: s.nutrition_risk,
    ),
    Rule("carer_strain", "Carer strain", 1, False, lambda s: s.carer_strain),
    Rule(
        "double_handed",
        "Needs two carers (double-handed)",
        3,
        True,
        lambda s: s.carers_needed >= 2,
    ),
    Rule(
        "hoist", "Needs a hoist (complex equipment)", 2, True, lambda s: s.hoist_needed
    ),
    Rule("bariatric", "Bariatric care or equipment", 2, True, lambda s: s.bariatric),
    Rule(
        "safeguarding",
        "Safeguarding indicator",
        2,
        False,
        lambda s: s.safeguarding_indicator,
    ),
)


def level_for(score: int) -> str:
    if score >= 8:
        return "high"
    if score >= 4:
        return "medium"
    return "low"


def screen_score(screen) -> tuple[int, str, bool, list[dict]]:
    """(score, level, flags OT review, the rules that fired)."""
    fired = [rule for rule in RULES if rule.applies(screen)]
    score = sum(rule.points for rule in fired)
    flags_ot = any(rule.flags_ot for rule in fired)
    return (
        score,
        level_for(score),
        flags_ot,
        [
            {
                "code": r.code,
                "label": r.label,
                "points": r.points,
                "flags_ot": r.flags_ot,
            }
            for r in fired
        ],
    )
