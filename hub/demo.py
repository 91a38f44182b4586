"""Plainly fictional demo data: localities, staff, providers, catalogue and
~150 people with cases spread across every stage and pathway.

Names are invented combinations; NHS numbers come from the 999 test range
(valid check digits, never issued); postcodes use made-up areas (NF, RS, EV,
SB) that exist nowhere.
"""

import datetime
import random

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from cases.models import Locality, Staff
from cases.roles import ensure_groups
from cases.validators import nhs_check_digit
from equipment.models import EquipmentItem
from pathways.models import (
    Band,
    BedVacancy,
    Provider,
    ProviderCapacity,
    ProviderStaff,
)

DEMO_PASSWORD = "hub-demo-2026"  # noqa: S105 - printed for the demo, fictional users
LOCALITIES = [
    ("Northfield", "northfield", "NF1 NF2 NF3"),
    ("Riverside", "riverside", "RS1 RS2 RS3"),
    ("Eastvale", "eastvale", "EV1 EV2"),
    ("Southbrook", "southbrook", "SB1 SB2 SB3"),
]
GIVEN = [
    "Ada",
    "Albert",
    "Beryl",
    "Cyril",
    "Doreen",
    "Edna",
    "Ernest",
    "Florence",
    "Frank",
    "Gladys",
    "Harold",
    "Ivy",
    "Jean",
    "Kenneth",
    "Leonard",
    "Mabel",
    "Norman",
    "Olive",
    "Percy",
    "Queenie",
    "Reginald",
    "Sylvia",
    "Thomas",
    "Una",
    "Vera",
    "Walter",
    "Winifred",
    "Arthur",
    "Margaret",
    "Stanley",
]
FAMILY = [
    "Applewood",
    "Barleycorn",
    "Copperfield",
    "Dunmore",
    "Elmsworth",
    "Fernhill",
    "Greystoke",
    "Hollowell",
    "Inkpen",
    "Juniper",
    "Kettlewell",
    "Larkspur",
    "Marchbank",
    "Nettleford",
    "Oakhurst",
    "Pennyworth",
    "Quillfeather",
    "Rosebay",
    "Sorrelby",
    "Thistlewood",
    "Underhill",
    "Vetchley",
    "Wrenfield",
]
STREETS = [
    "Mill Lane",
    "Church Street",
    "Orchard Close",
    "Station Road",
    "The Green",
    "Victoria Terrace",
    "Meadow View",
    "Bridge Street",
]
CATALOGUE = [
    (
        "Toileting",
        [
            "Commode*",
            "Raised toilet seat",
            "Toilet frame",
            "Toilet surround",
            "Bottom wiper",
            "Urinal bottle",
        ],
    ),
    (
        "Bathing",
        [
            "Perching stool",
            "Shower chair",
            "Bath board",
            "Bath lift",
            "Long-handled sponge",
        ],
    ),
    (
        "Bed",
        [
            "Hospital bed*",
            "Bed lever",
            "Bed raisers",
            "Pressure mattress*",
            "Pressure cushion",
            "Over-bed table",
            "Mattress variator",
        ],
    ),
    (
        "Mobility",
        [
            "Walking frame*",
            "Wheeled walking frame (rollator)",
            "Walking stick",
            "Wheelchair",
            "Trolley",
            "Stair rail",
            "Grab rail",
            "Half step",
        ],
    ),
    (
        "Transfers",
        [
            "Hoist*",
            "Hoist sling*",
            "Stand aid*",
            "Transfer board",
            "Turning disc",
            "Slide sheets",
        ],
    ),
    ("Seating", ["Chair raisers", "Riser-recliner chair", "Furniture raisers"]),
    (
        "Safety",
        [
            "Key safe*",
            "Pendant alarm",
            "Falls sensor",
            "Door sensor",
            "Medication dispenser",
        ],
    ),
    (
        "Kitchen",
        ["Kettle tipper", "Helping hand reacher", "Sock aid", "Long-handled shoe horn"],
    ),
]
PROVIDERS = [
    ("Northfield Reablement Team", ["northfield"], ["double_handed", "dementia"]),
    ("Hearth & Home Care", ["northfield", "riverside"], ["dementia", "catheter_care"]),
    ("Riverside Enablement", ["riverside"], ["double_handed", "bariatric"]),
    ("Willowbank Support", ["riverside", "eastvale"], []),
    (
        "Eastvale Home Care",
        ["eastvale"],
        ["double_handed", "dementia", "catheter_care"],
    ),
    ("Kingfisher Carers", ["eastvale", "southbrook"], ["double_handed"]),
    (
        "Southbrook Reablement Team",
        ["southbrook"],
        ["double_handed", "dementia", "bariatric"],
    ),
    ("Meadowsweet Care", ["southbrook"], ["catheter_care"]),
    ("Lantern Home Support", ["northfield"], []),
    ("Greenway Care Partners", ["riverside", "southbrook"], ["dementia"]),
    ("Brightwater Enablement", ["eastvale"], ["bariatric", "double_handed"]),
    (
        "County Rapid Response",
        ["northfield", "riverside", "eastvale", "southbrook"],
        ["double_handed", "dementia", "bariatric", "catheter_care"],
    ),
]
BAND_BASE = {"morning": 900, "lunch": 420, "tea": 420, "bed": 540}
# Pathway 2/3 settings that publish their empty beds: (name, localities,
# {bed type: beds free on a weekday}).
BED_SETTINGS = [
    (
        "Elm Court Care Home",
        ["northfield", "riverside"],
        {"care_home_residential": 2, "care_home_nursing": 1, "d2a_bed": 2},
    ),
    (
        "Rowan House Nursing Home",
        ["eastvale", "southbrook"],
        {"care_home_nursing": 2, "d2a_bed": 1},
    ),
    (
        "Riverside Community Hospital",
        ["riverside", "northfield"],
        {"community_hospital": 3},
    ),
]


def demo_nhs_number(rng: random.Random) -> str:
    while True:
        first_nine = "999" + "".join(str(rng.randint(0, 9)) for _ in range(6))
        check = nhs_check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)


def seed_reference(rng: random.Random) -> dict:
    ensure_groups()
    localities = {}
    for name, code, districts in LOCALITIES:
        localities[code], _ = Locality.objects.get_or_create(
            code=code, defaults={"name": name, "postcode_districts": districts}
        )
    users = {}
    for name, code, _ in LOCALITIES:
        for role, title in [
            ("coordinator", "Hub coordinator"),
            ("ot", "Occupational therapist"),
            ("manager", "Team manager"),
        ]:
            users[(role, code)] = _staff(
                f"{role}.{code}",
                role,
                title,
                [localities[code]] if role != "manager" else list(localities.values()),
                first=f"{name} {role.upper() if role == 'ot' else role.title()}",
            )
    users[("admin", "")] = _staff(
        "admin", "admin", "Hub administrator", [], first="Hub Admin", staff=True
    )
    for category, items in CATALOGUE:
        for label in items:
            essential = label.endswith("*")
            name = label.rstrip("*")
            EquipmentItem.objects.get_or_create(
                code=name.lower().replace(" ", "-").replace("(", "").replace(")", ""),
                defaults={
                    "name": name,
                    "category": category,
                    "essential_by_default": essential,
                },
            )
    today = timezone.localdate()
    for name, codes, skills in PROVIDERS:
        provider, created = Provider.objects.get_or_create(
            name=name,
            defaults={
                "code": name.lower().replace(" & ", "-").replace(" ", "-"),
                "skills": skills,
                "phone": f"01632 {rng.randint(100000, 999999)}",
            },
        )
        if created:
            provider.localities.set([localities[c] for c in codes])
        staff = _staff(
            f"provider.{provider.code}",
            "provider",
            "Provider staff",
            [],
            first=f"{name} Staff",
        )
        ProviderStaff.objects.get_or_create(user=staff, defaults={"provider": provider})
        users[("provider", provider.code)] = staff
        size = rng.uniform(0.5, 1.1)
        rows = []
        for offset in range(21):
            day = today + datetime.timedelta(days=offset)
            weekend = 0.75 if day.weekday() >= 5 else 1.0
            for band in Band.values:
                if not ProviderCapacity.objects.filter(
                    provider=provider, date=day, band=band
                ).exists():
                    minutes = int(BAND_BASE[band] * size * weekend / 15) * 15
                    rows.append(
                        ProviderCapacity(
                            provider=provider, date=day, band=band, minutes=minutes
                        )
                    )
        # With history: the portal's "Last published … by" reads it.
        bulk_create_with_history(rows, ProviderCapacity, default_user=staff)
    _bed_settings(localities, users, today)
    return {"localities": localities, "users": users}


def _bed_settings(localities, users, today) -> None:
    """Care homes and a community hospital, each with a login and three weeks
    of published vacancies (fewer at weekends)."""
    for name, codes, beds in BED_SETTINGS:
        provider, created = Provider.objects.get_or_create(
            name=name,
            defaults={
                "code": name.lower().replace(" ", "-"),
                "kind": Provider.Kind.BEDS,
            },
        )
        if created:
            provider.localities.set([localities[c] for c in codes])
        staff = _staff(
            f"provider.{provider.code}", "provider", "Provider staff", [], first=name
        )
        ProviderStaff.objects.get_or_create(user=staff, defaults={"provider": provider})
        users[("provider", provider.code)] = staff
        fresh = [
            BedVacancy(
                provider=provider,
                date=today + datetime.timedelta(days=offset),
                bed_type=kind,
                beds=free
                if (today + datetime.timedelta(days=offset)).weekday() < 5
                else max(free - 1, 0),
            )
            for offset in range(21)
            for kind, free in beds.items()
        ]
        known = set(
            BedVacancy.objects.filter(provider=provider).values_list("date", "bed_type")
        )
        fresh = [v for v in fresh if (v.date, v.bed_type) not in known]
        bulk_create_with_history(fresh, BedVacancy, default_user=staff)


def _staff(username, role, title, localities, *, first, staff=False) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first.split(" ")[0],
            "last_name": " ".join(first.split(" ")[1:]),
            "is_staff": staff,
            "email": f"{username}@hub.invalid",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=role))
        Staff.objects.create(user=user, job_title=title).localities.set(localities)
    return user


@transaction.atomic
def seed_demo(*, people: int = 150, seed: int = 2026) -> dict:
    """Create the demo data once; a second run adds nothing."""
    from .demo_cases import seed_cases

    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    reference = seed_reference(rng)
    from cases.models import Person

    created = 0
    if not Person.objects.exists():
        created = seed_cases(rng, reference, people)
    from .demo_safeguarding import seed_safeguarding

    seed_safeguarding(rng, reference)  # leads always; concerns only once
    from .demo_rota import seed_rota

    seed_rota(rng, reference)  # once: an in-house team per locality
    from .demo_reablement import seed_reablement

    seed_reablement(reference)  # once: episodes moved back to every stage
    return {"cases": created, "users": reference["users"]}
