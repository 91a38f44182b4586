"""The SAC return on a small set of concerns whose every cell is worked out
by hand below, compared with the CSV a manager downloads (every cell of
every table), and the page showing the same figures.

The period is May 2026; ages are taken on its last day, 31/05/2026.

People
  Ada   born 15/06/1950 -> 75 (birthday not yet) -> 75-84; female, White,
        Physical Support: Personal care support
  Bert  born 31/05/1961 -> 65 on the day -> 65-74; male, Asian / Asian
        British, Support with Memory & Cognition
  Cora  born 01/01/1931 -> 95 -> 95+; female, ethnicity and PSR not recorded
  Dan   raised with a name and address only: no date of birth -> Age
        unknown; nothing else recorded
  Eve   born 03/03/1990 -> 36 -> 18-64; female, Black / African / Caribbean
        / Black British, Mental Health Support

Concerns (received / decision / how it ended)
  C1 Ada  05/05, s42 06/05, outcome 20/05: risk identified and action taken,
          risk reduced. Types physical + financial; own home; sources other
          known + service provider. Lacked capacity, supported by an
          advocate. Asked, outcomes expressed, partially achieved.
  C2 Ada  10/05, s42 11/05, still open.
  C3 Bert 06/05, other enquiry 07/05, outcome 21/05: no risk, no action.
          Neglect; care home (residential); service provider. Did not lack
          capacity. Asked, no outcomes expressed.
  C4 Cora 07/05, s42 08/05, closed early 15/05 at the strategy discussion:
          enquiry ceased at the individual's request. Psychological; own
          home; other known. Lacked capacity, supported by family. Asked,
          outcomes expressed, not achieved.
  C5 Dan  12/05, not yet screened.
  C6 Eve  13/05, decision 14/05: no enquiry.
  C7 Eve  28/04 (April), s42 29/04 (April), outcome 18/05: risk identified
          and action taken, risk removed. Sexual; hospital (acute); other
          unknown. Capacity and Making Safeguarding Personal not recorded.
  C8 Bert 20/05, s42 21/05, still open.
Safeguarding Adults Reviews: about Ada (serious abuse, s44(3)) commissioned
10/05; about Eve (died, s44(2)) commissioned 01/12/2025, completed 25/05;
one commissioned 02/06/2026 (outside the period).
"""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from sg_kit import concern_for

from cases.models import Person
from safeguarding import services
from safeguarding.driver import screening_complete, stage_complete
from safeguarding.models import (
    Decision,
    Enquiry,
    Outcome,
    Screening,
    StrategyDiscussion,
)

pytestmark = pytest.mark.django_db
D = datetime.date
MAY = "start=2026-05-01&end=2026-05-31"


def at(day: D) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))


def person(given, born, locality, **fields) -> Person:
    nhs = fields.pop("nhs", None)
    return Person.objects.create(
        nhs_number=nhs,
        identity_confirmed=nhs is not None,
        given_name=given,
        family_name="Handworked",
        date_of_birth=born,
        address_line_1="2 Counting House Lane",
        town="Northfield",
        postcode="NF1 1AA",
        locality=locality,
        **fields,
    )


def coded(concern, lead, day, *, types, locations, sources, capacity, msp):
    lacked, support = capacity
    asked, wanted = msp
    screening_complete(
        concern,
        actor=lead,
        screening=Screening(information_gathered="Spoke to the adult"),
        coding={
            "risk_locations": locations,
            "risk_sources": sources,
            "lacked_capacity": lacked,
            "capacity_support": support,
            "msp_asked": asked,
            "msp_outcomes_wanted": wanted,
        },
        risk_types=types,
        at=at(day),
    )


def decided(concern, lead, day, route):
    record = Decision(
        has_care_needs=True,
        experiencing_abuse=True,
        unable_to_protect=route == "s42",
        route=route,
        reasons="Recorded",
        onward_action="GP follows up" if route == "none" else "",
    )
    stage_complete(concern, "decision", actor=lead, record=record, at=at(day))


def concluded(concern, lead, day, result, risk="", achieved=""):
    concern.refresh_from_db()
    if concern.decision.route == "s42":
        strategy = StrategyDiscussion(
            held_on=day, attendees="Lena", decisions="Enquire", enquiry_lead="Lena"
        )
        stage_complete(concern, "strategy", actor=lead, record=strategy, at=at(day))
    enquiry = Enquiry(actions="Visited", findings="Found", concluded_on=day)
    stage_complete(concern, "enquiry", actor=lead, record=enquiry, at=at(day))
    outcome = Outcome(action_result=result, risk_outcome=risk, msp_achieved=achieved)
    stage_complete(concern, "outcome", actor=lead, record=outcome, at=at(day))


@pytest.fixture
def may(localities, lead, coordinator):
    north = localities[0]
    ada = person(
        "Ada",
        D(1950, 6, 15),
        north,
        nhs="9990000018",
        sex="female",
        ethnicity="white",
        primary_support_reason="physical_personal",
    )
    bert = person(
        "Bert",
        D(1961, 5, 31),
        north,
        nhs="9990000026",
        sex="male",
        ethnicity="asian",
        primary_support_reason="memory_cognition",
    )
    cora = person("Cora", D(1931, 1, 1), north, nhs="9990000034", sex="female")
    dan = person("Dan", None, north)
    eve = person(
        "Eve",
        D(1990, 3, 3),
        north,
        nhs="9990000042",
        sex="female",
        ethnicity="black",
        primary_support_reason="mental_health",
    )

    def raised(who, day, types):
        return concern_for(
            who, actor=coordinator, received_at=at(day), risk_types=types
        )

    expressed = ("yes_expressed", "To feel safe")
    c1 = raised(ada, D(2026, 5, 5), ["physical", "financial"])
    coded(
        c1,
        lead,
        D(2026, 5, 5),
        types=["physical", "financial"],
        locations=["own_home"],
        sources=["other_known", "service_provider"],
        capacity=("yes", "advocate"),
        msp=expressed,
    )
    decided(c1, lead, D(2026, 5, 6), "s42")
    concluded(c1, lead, D(2026, 5, 20), "risk_action", "reduced", "partly")

    c2 = raised(ada, D(2026, 5, 10), ["physical"])
    coded(
        c2,
        lead,
        D(2026, 5, 10),
        types=["physical"],
        locations=["own_home"],
        sources=["other_known"],
        capacity=("no", ""),
        msp=("no", ""),
    )
    decided(c2, lead, D(2026, 5, 11), "s42")

    c3 = raised(bert, D(2026, 5, 6), ["neglect"])
    coded(
        c3,
        lead,
        D(2026, 5, 6),
        types=["neglect"],
        locations=["care_home_residential"],
        sources=["service_provider"],
        capacity=("no", ""),
        msp=("yes_none", ""),
    )
    decided(c3, lead, D(2026, 5, 7), "other")
    concluded(c3, lead, D(2026, 5, 21), "no_risk_no_action")

    c4 = raised(cora, D(2026, 5, 7), ["psychological"])
    coded(
        c4,
        lead,
        D(2026, 5, 7),
        types=["psychological"],
        locations=["own_home"],
        sources=["other_known"],
        capacity=("yes", "family_friend"),
        msp=expressed,
    )
    decided(c4, lead, D(2026, 5, 8), "s42")
    c4.refresh_from_db()
    services.concern_close_early(
        concern=c4,
        actor=lead,
        reason="She asked us to stop; she has capacity to decide",
        action_result="ceased",
        msp_achieved="not",
        at=at(D(2026, 5, 15)),
    )

    raised(dan, D(2026, 5, 12), ["physical"])  # C5

    c6 = raised(eve, D(2026, 5, 13), ["discriminatory"])
    coded(
        c6,
        lead,
        D(2026, 5, 13),
        types=["discriminatory"],
        locations=["community"],
        sources=["other_unknown"],
        capacity=("no", ""),
        msp=("no", ""),
    )
    decided(c6, lead, D(2026, 5, 14), "none")

    c7 = raised(eve, D(2026, 4, 28), ["sexual"])
    coded(
        c7,
        lead,
        D(2026, 4, 28),
        types=["sexual"],
        locations=["hospital_acute"],
        sources=["other_unknown"],
        capacity=("not_recorded", ""),
        msp=("not_recorded", ""),
    )
    decided(c7, lead, D(2026, 4, 29), "s42")
    concluded(c7, lead, D(2026, 5, 18), "risk_action", "removed")

    c8 = raised(bert, D(2026, 5, 20), ["financial"])
    coded(
        c8,
        lead,
        D(2026, 5, 20),
        types=["financial"],
        locations=["own_home"],
        sources=["other_known"],
        capacity=("no", ""),
        msp=("no", ""),
    )
    decided(c8, lead, D(2026, 5, 21), "s42")

    for concern, basis, started, completed in [
        (c1, "serious", D(2026, 5, 10), None),
        (c7, "died", D(2025, 12, 1), D(2026, 5, 25)),
        (c2, "discretionary", D(2026, 6, 2), None),
    ]:
        services.adults_review_record(
            concern=concern,
            actor=lead,
            basis=basis,
            started_on=started,
            completed_on=completed,
        )


COUNT = "Count"
PEOPLE = [
    "Individuals involved in safeguarding concerns",
    "Individuals involved in section 42 enquiries",
    "Individuals involved in other enquiries",
]
CASES = ["Safeguarding concerns", "Section 42 enquiries", "Other enquiries"]
SP, OK, OU = (
    "Service provider",
    "Other – known to the individual",
    "Other – unknown to the individual",
)
ROUTES = ["Section 42 enquiries", "Other enquiries", "Total"]


def three(table, row, columns, values) -> dict:
    return {(table, row, c): v for c, v in zip(columns, values, strict=True) if v}


def hand_worked() -> dict:
    """Every cell that is not 0, worked out from the module docstring."""
    cells = {}
    totals = {
        # C1 C2 C3 C4 C5 C6 C8 received in May (C7 in April)
        "Safeguarding concerns": 7,
        # s42 decisions in May: C1, C2, C4, C8 (C7's was in April)
        "Section 42 enquiries commenced": 4,
        "Other safeguarding enquiries commenced": 1,  # C3
        # Ada (C1, C2 count once), Bert (C3, C8), Cora, Dan, Eve
        "Individuals involved in safeguarding concerns": 5,
        "Individuals involved in section 42 enquiries": 3,  # Ada, Cora, Bert (C8)
        "Individuals involved in other enquiries": 1,  # Bert (C3)
        # outcomes recorded in May: C1 20/05, C4 15/05 (closed early), C7 18/05
        "Concluded section 42 enquiries": 3,
        "Concluded other enquiries": 1,  # C3
        "Concluded enquiries closed before their outcome stage": 1,  # C4
    }
    cells.update({("SG1", row, COUNT): n for row, n in totals.items()})
    # SG1a-c: each person once per column (concerns / s42 / other)
    for table, rows in {
        "SG1a": {
            "18-64": (1, 0, 0),  # Eve (her s42 enquiry began in April)
            "65-74": (1, 1, 1),  # Bert, 65 on 31/05
            "75-84": (1, 1, 0),  # Ada, 75 until 15 June
            "95+": (1, 1, 0),  # Cora
            "Age unknown": (1, 0, 0),  # Dan
            "Total": (5, 3, 1),
        },
        "SG1b": {
            "Male": (1, 1, 1),  # Bert
            "Female": (3, 2, 0),  # Ada, Cora, Eve; s42: Ada, Cora
            "Not recorded": (1, 0, 0),  # Dan
            "Total": (5, 3, 1),
        },
        "SG1c": {
            "White": (1, 1, 0),  # Ada
            "Asian / Asian British": (1, 1, 1),  # Bert
            "Black / African / Caribbean / Black British": (1, 0, 0),  # Eve
            "Undeclared / Not known": (2, 1, 0),  # Cora, Dan; s42: Cora
            "Total": (5, 3, 1),
        },
    }.items():
        for row, values in rows.items():
            cells.update(three(table, row, PEOPLE, values))
    # SG1d: cases by the adult's PSR (concerns / s42 / other)
    for row, values in {
        "Physical Support: Personal care support": (2, 2, 0),  # C1 C2, s42 both
        "Support with Memory & Cognition": (2, 1, 1),  # C3 C8; s42 C8; other C3
        "Mental Health Support": (1, 0, 0),  # C6 (C7 began in April)
        "Not known": (2, 1, 0),  # C4 (Cora), C5 (Dan); s42 C4
        "Total": (7, 4, 1),
    }.items():
        cells.update(three("SG1d", row, CASES, values))
    # SG2: concluded s42 = C1, C4, C7
    # C1 physical+financial, own home, OK+SP; C4 psychological, own home, OK;
    # C7 sexual, hospital acute, OU. A pair counts once per enquiry.
    sg2a = {
        "Physical": {SP: 1, OK: 1, "Total": 1},
        "Financial or material": {SP: 1, OK: 1, "Total": 1},
        "Psychological": {OK: 1, "Total": 1},
        "Sexual": {OU: 1, "Total": 1},
        "All": {SP: 1, OK: 2, OU: 1, "Total": 3},  # C1 C4 share OK
    }
    sg2b = {
        "Own home": {SP: 1, OK: 2, "Total": 2},  # C1 (OK, SP), C4 (OK)
        "Hospital – acute": {OU: 1, "Total": 1},  # C7
        "All": {SP: 1, OK: 2, OU: 1, "Total": 3},
    }
    sg2c = {
        "Physical": {"Own home": 1, "Total": 1},
        "Financial or material": {"Own home": 1, "Total": 1},
        "Psychological": {"Own home": 1, "Total": 1},
        "Sexual": {"Hospital – acute": 1, "Total": 1},
        "All": {"Own home": 2, "Hospital – acute": 1, "Total": 3},
    }
    # SG3a: C1 and C7 risk identified and action taken (C1: SP+OK, C7: OU);
    # C4 ceased at her request (OK).
    sg3a = {
        "Risk identified and action taken": {SP: 1, OK: 1, OU: 1, "Total": 2},
        "Enquiry ceased at the individual's request and no action taken": {
            OK: 1,
            "Total": 1,
        },
        "All": {SP: 1, OK: 2, OU: 1, "Total": 3},
    }
    # SG3b: of those with risk and action, C1 reduced, C7 removed.
    sg3b = {
        "Risk reduced": {SP: 1, OK: 1, "Total": 1},
        "Risk removed": {OU: 1, "Total": 1},
        "All": {SP: 1, OK: 1, OU: 1, "Total": 2},
    }
    for table, rows in [
        ("SG2a", sg2a),
        ("SG2b", sg2b),
        ("SG2c", sg2c),
        ("SG3a", sg3a),
        ("SG3b", sg3b),
    ]:
        for row, columns in rows.items():
            cells.update({(table, row, c): v for c, v in columns.items()})
    # SG4: concluded s42 C1 C4 C7, other C3 (columns s42 / other / total)
    for table, rows in {
        "SG4a": {
            "Yes, they lacked capacity": (2, 0, 2),  # C1, C4
            "No, they did not lack capacity": (0, 1, 1),  # C3
            "Not recorded": (1, 0, 1),  # C7
            "Total": (3, 1, 4),
        },
        # where they lacked capacity (C1 advocate, C4 family): one "Yes"
        "SG4b": {
            "Yes, supported by an advocate, family or friend": (2, 0, 2),
            "Total": (2, 0, 2),
        },
        "SG4c": {
            "Yes, they were asked and outcomes were expressed": (2, 0, 2),  # C1 C4
            "Yes, they were asked but no outcomes were expressed": (0, 1, 1),  # C3
            "Not recorded": (1, 0, 1),  # C7
            "Total": (3, 1, 4),
        },
        "SG4d": {
            "Partially achieved": (1, 0, 1),  # C1
            "Not achieved": (1, 0, 1),  # C4
            "Total": (2, 0, 2),
        },
    }.items():
        for row, values in rows.items():
            cells.update(three(table, row, ROUTES, values))
    # SG5: Ada's commissioned in May; Eve's completed in May; June's not.
    commissioned, completed = "Commissioned in the period", "Completed in the period"
    cells.update(
        {
            (
                "SG5",
                "Serious abuse or neglect, the adult alive (s44(3))",
                commissioned,
            ): 1,
            ("SG5", "Total", commissioned): 1,
            ("SG5", "The adult died (s44(2))", completed): 1,
            ("SG5", "Total", completed): 1,
        }
    )
    return cells


def test_every_cell_of_the_return_matches_the_hand_worked_figures(client, may, manager):
    client.force_login(manager)
    response = client.get(f"/safeguarding/return/?{MAY}&format=csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    got = {(r["table"], r["row"], r["column"]): int(r["value"]) for r in rows}
    expected = hand_worked()
    missing = set(expected) - set(got)
    assert not missing, f"cells the return does not have: {sorted(missing)}"
    wrong = {
        cell: (value, expected.get(cell, 0))
        for cell, value in got.items()
        if value != expected.get(cell, 0)
    }
    assert not wrong, f"(got, expected by hand): {wrong}"
    tables = {table for table, _, _ in got}
    assert tables == {
        "SG1",
        "SG1a",
        "SG1b",
        "SG1c",
        "SG1d",
        "SG2a",
        "SG2b",
        "SG2c",
        "SG3a",
        "SG3b",
        "SG4a",
        "SG4b",
        "SG4c",
        "SG4d",
        "SG5",
    }
    assert len(got) > 400  # every cell, zeros included


def test_the_return_page_shows_the_same_tables(client, may, manager):
    client.force_login(manager)
    page = client.get(f"/safeguarding/return/?{MAY}").content.decode()
    for text in (
        "SG2a · Concluded section 42 enquiries: type of risk by source of risk",
        "SG2b · Concluded section 42 enquiries: location of risk by source of risk",
        "SG2c · Concluded section 42 enquiries: type of risk by location of risk",
        "Partially achieved",
        "Individuals involved in section 42 enquiries",
        "Enquiry ceased at the individual&#x27;s request and no action taken",
        "SG5 · Safeguarding Adults Reviews",
    ):
        assert text in page
