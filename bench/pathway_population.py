"""A synthetic population for the pathway rules: people aged 65 and over
leaving an acute hospital after an overnight emergency admission.

Why this population: the guidance's expected mix (50% pathway 0, 45%
pathway 1, 4% pathway 2, 1% pathway 3) comes from the discharge to assess
model "adapted from John Bolton's model for persons aged 65 and over"; the
guidance itself says that across all adults more people go on pathways 0
and 1. So the population is the one the mix describes, not the hub's own
referrals (which are weighted to people who need support).

Each proportion below is a round figure read from the published source
named beside it (national figures for England, recalled to the nearest few
points, not re-checked against the documents while writing this), or is
marked "assumption" where no source gives it. They were set once, before
the rules were run over them, and not adjusted to move the resulting mix;
the "assumption" figures mostly feed the risk score only. Characteristics
are drawn independently within an age band except where a line says
otherwise (e.g. double-handed care only among people who need personal
care; everyone with a home care package needs personal care). The
population is seeded: the same seed, the same people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# (65–79, 80+): the two age bands; each figure is per band.
SOURCES = {
    "age_80_plus": (
        0.45,
        "Share of emergency admissions of people 65+ who are 80 or over "
        "(NHS Digital, Hospital Episode Statistics, admitted patient care).",
    ),
    "care_home": (
        (0.02, 0.10),
        "Admitted from a care home: care home residents are about 4% of people "
        "65+ and about 15% of people 85+, with higher emergency admission rates "
        "(ONS Census 2021 care home population; Health Foundation, 'Emergency "
        "admissions to hospital from care homes', 2019).",
    ),
    "lives_alone": (
        (0.30, 0.50),
        "Living alone, among people living in the community (ONS, Families and "
        "households in the UK, 2022: about a quarter of 65–74s, about half of "
        "people 75+).",
    ),
    "package": (
        (0.06, 0.18),
        "Receiving home care before admission (NHS Digital, Adult Social Care "
        "Activity and Finance: long-term community support for older people, "
        "concentrated in the oldest).",
    ),
    "package_lapsed": (
        0.40,
        "Assumption: of those packages, the share that lapse during the stay "
        "rather than being held open (councils commonly hold a package for "
        "about a week, and many older people's emergency stays are longer).",
    ),
    "new_personal_care": (
        (0.25, 0.40),
        "Leaving with a new need for help with personal care: hospital-"
        "associated functional decline (Covinsky et al., J Am Geriatr Soc 2003: "
        "35% of patients 70+ lose activities of daily living by discharge).",
    ),
    "double_handed": (
        0.12,
        "Assumption: of those needing personal care, needing two carers (about "
        "one in eight, as home care providers commonly report).",
    ),
    "hoist": (0.5, "Assumption: of double-handed care, needing a hoist."),
    "medication": (
        (0.08, 0.12),
        "Needing new help with medication (NICE NG5, medicines optimisation: "
        "about 1 in 10 older people need support to take medicines).",
    ),
    "needs_24_hour": (
        (0.01, 0.04),
        "Assumption: needing 24-hour care on leaving hospital, in line with "
        "the small share of older discharges to bed-based care.",
    ),
    "cognitive": (
        (0.10, 0.30),
        "Dementia or cognitive impairment (Alzheimer's Society, 'Counting the "
        "cost': people with dementia occupy about a quarter of acute beds, "
        "most of them 80+).",
    ),
    "capacity": (0.40, "Assumption: of those with dementia, a capacity concern."),
    "falls_repeat": (
        (0.10, 0.20),
        "Two or more falls in the last year (NICE CG161: a third of people 65+ "
        "and half of people 80+ fall each year, about a third of fallers "
        "repeatedly).",
    ),
    "falls_one": ((0.15, 0.20), "One fall in the last year (same source)."),
    "stairs": ((0.30, 0.30), "Assumption: stairs to get in or to the bed or toilet."),
    "hazards": ((0.10, 0.10), "Assumption: hazards in the home."),
    "incontinent": ((0.10, 0.20), "Assumption: incontinence or catheter care."),
    "nutrition": (
        (0.10, 0.15),
        "Risk of malnutrition (BAPEN nutrition screening surveys).",
    ),
    "skin_at_risk": ((0.10, 0.15), "Assumption: skin at risk of pressure damage."),
    "skin_damage": ((0.02, 0.04), "Assumption: pressure damage present."),
    "carer_strain": ((0.05, 0.08), "Assumption: carer strain."),
    "safeguarding": ((0.03, 0.03), "Assumption: safeguarding indicator."),
    "bariatric": ((0.02, 0.01), "Assumption: bariatric care or equipment."),
}


@dataclass
class Person:
    age_band: str
    usual_residence: str
    existing_support: str
    screen: dict


def figure(name: str, band: int | None = None) -> float:
    value = SOURCES[name][0]
    return value[band] if isinstance(value, tuple) and band is not None else value


def people(n: int, seed: int = 12) -> list[Person]:
    rng = random.Random(seed)
    return [_person(rng) for _ in range(n)]


def _person(rng: random.Random) -> Person:
    band = 1 if rng.random() < figure("age_80_plus") else 0

    def draw(name: str) -> bool:
        return rng.random() < figure(name, band)

    care_home = draw("care_home")
    residence = "care_home" if care_home else "own_home"
    support = "none"
    if not care_home and draw("package"):
        support = "lapsed" if rng.random() < figure("package_lapsed") else "paused"
    personal_care = draw("new_personal_care") or support != "none"
    carers = 0
    if personal_care:
        carers = 2 if rng.random() < figure("double_handed") else 1
    cognitive = draw("cognitive")
    falls = 2 if draw("falls_repeat") else (1 if draw("falls_one") else 0)
    skin = (
        "damage"
        if draw("skin_damage")
        else "at_risk"
        if draw("skin_at_risk")
        else "intact"
    )
    screen = {
        "falls_last_year": falls,
        "lives_alone": (not care_home) and draw("lives_alone"),
        "cognitive_impairment": cognitive,
        "capacity_concern": cognitive and rng.random() < figure("capacity"),
        "medication_support": draw("medication"),
        "skin_integrity": skin,
        "stairs_to_access": (not care_home) and draw("stairs"),
        "home_hazards": (not care_home) and draw("hazards"),
        "continence": "incontinent" if draw("incontinent") else "continent",
        "nutrition_risk": draw("nutrition"),
        "carer_strain": draw("carer_strain"),
        "carers_needed": carers,
        "hoist_needed": carers == 2 and rng.random() < figure("hoist"),
        "bariatric": draw("bariatric"),
        "needs_24_hour_care": draw("needs_24_hour"),
        "safeguarding_indicator": draw("safeguarding"),
    }
    return Person(("65-79", "80+")[band], residence, support, screen)
