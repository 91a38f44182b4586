"""Every figure against the hand-built world (tests/mi/world.py), worked
out by hand in the comments; the same on PostgreSQL and SQLite."""

import pytest

from mi.registry import Scope, tables
from mi.sections import delays, equipment, pathways, referrals

from .world import END, START, TODAY, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(localities, manager, provider, catalogue):
    return build(localities, manager, provider, catalogue)


def scope(localities, start=START, end=END):
    return Scope(start, end, tuple(localities), TODAY)


def by_slug(tables_):
    return {t.slug: t for t in tables_}


def rows(table):
    return {row[0]: row[1:] for row in table.rows}


def test_referrals_by_source_and_triage_time(world, localities):
    got = by_slug(referrals.compute(scope(localities)))
    # Received 9-15/11: A, B, E, F from acute wards (A, B, F accepted; E not
    # triaged yet), D from a community hospital (accepted), C from a GP
    # (declined). G arrived on 3/11: outside the period.
    source = rows(got["referrals_by_source"])
    assert source["Acute hospital ward"] == [4, 3, 0, 0]
    assert source["Community hospital"] == [1, 1, 0, 0]
    assert source["GP"] == [1, 0, 1, 0]
    assert source["Self or family"] == [0, 0, 0, 0]
    assert source["All sources"] == [6, 4, 1, 0]
    # Minutes to triage: F 5, A 10, C 20, B 40, D 60 (n = 5).
    # Median: position 0.5 × 4 = 2 → 20. 90th: 0.9 × 4 = 3.6 → 40 + 0.6 × 20 = 52.
    # Within 30 minutes: 5, 10, 20 → 3 of 5 = 60%.
    timing = rows(got["triage_time"])
    assert timing["Referrals triaged"] == [5]
    assert timing["Median (minutes)"] == ["20.0"]
    assert timing["90th percentile (minutes)"] == ["52.0"]
    assert timing["Triaged within 30 minutes"] == [3]
    assert timing["Share within 30 minutes"] == ["60%"]


def test_one_locality_counts_only_its_referrals(world, localities):
    north, _south = localities
    got = by_slug(referrals.compute(scope([north])))
    # F (south) drops out: acute 3 (A, B, E), 2 accepted.
    assert rows(got["referrals_by_source"])["Acute hospital ward"] == [3, 2, 0, 0]
    # Triage minutes 10, 20, 40, 60: median 0.5 × 3 = 1.5 → 20 + 0.5 × 20 = 30.
    assert rows(got["triage_time"])["Median (minutes)"] == ["30.0"]


def test_delays(world, localities):
    got = by_slug(delays.compute(scope(localities)))
    # Delayed days in 9-15/11 (a delayed day is after the DRD, up to the
    # discharge day; open cases up to today 20/11):
    #   A discharged on its DRD (10/11): 0 days, not counted.
    #   B DRD 11/11, home 14/11: 12, 13, 14 → 3 (pathway 0).
    #   D DRD 13/11, open: 14..20 delayed; in the period 14, 15 → 2 (no pathway).
    #   E (B readmitted) DRD 14/11, home 15/11: 15 → 1 (pathway 1).
    #   F (south) DRD 9/11, home 12/11: 10, 11, 12 → 3 (pathway 2).
    #   G closed without a discharge: no delay clock.
    # Total 3 + 2 + 1 + 3 = 9 days, 4 people.
    pathway = rows(got["delay_days_by_pathway"])
    assert pathway["Not decided"] == [1, 2]
    assert pathway["0 – home, no new or additional support"] == [1, 3]
    assert pathway["1 – home with new, additional or restarted support"] == [1, 1]
    assert pathway["2 – short-term bed-based rehabilitation or recovery"] == [1, 3]
    assert pathway["All"] == [4, 9]
    assert rows(got["delay_days_by_locality"]) == {
        "Northfield": [3, 6],  # B 3 + D 2 + E 1
        "Southbrook": [1, 3],  # F 3
        "All": [4, 9],
    }
    # Reasons: B's first reason covers 12-13 → 2; D's open reason from 14/11
    # → 14, 15 in the period → 2; F's is in error (ignored). The other
    # 9 − 4 = 5 days (B's 14th, E's 15th, F's three) have none.
    reason = rows(got["delay_days_by_reason"])
    assert sorted(v[0] for k, v in reason.items() if k != delays.NO_REASON) == [2, 2]
    assert reason[delays.NO_REASON] == [5]
    # Distribution of days in the period: E 1 → "1"; B 3, D 2, F 3 → "2-3".
    assert rows(got["delay_distribution"]) == {
        "1": [1],
        "2-3": [3],
        "4-6": [0],
        "7-13": [0],
        "14-20": [0],
        "21+": [0],
    }
    # Today (20/11) only D is open past its DRD (G is closed).
    assert rows(got["delayed_today"]) == {"Not decided": [1], "All": [1]}


def test_delay_days_stop_at_today_for_open_cases(world, localities):
    # The period 9-30/11 with today 20/11: D is delayed 14..20 → 7 days;
    # B 3, E 1, F 3 as before → 14.
    got = by_slug(delays.compute(scope(localities, end=START.replace(day=30))))
    assert rows(got["delay_days_by_pathway"])["All"] == [4, 14]
    assert rows(got["delay_days_by_pathway"])["Not decided"] == [1, 7]


def test_pathway_split_capacity_and_allocator(world, localities):
    got = by_slug(pathways.compute(scope(localities)))
    # Discharged 9-15/11: A (1), B (0), E (1), F (2) → 1, 2, 1, 0 of 4.
    assert got["pathway_split"].rows == [
        ["0", 1, "25.0", 50],
        ["1", 2, "50.0", 45],
        ["2", 1, "25.0", 4],
        ["3", 0, "0.0", 1],
    ]
    # Carer-minutes, the same unit for published, booked and used.
    # Published: morning, lunch and tea 100 each on 10/11 (20/11 is outside).
    # Booked: A's agreed start runs 10/11 for 42 days with a morning call of
    # 30 min × 1 carer: 10..15/11 = 6 days × 30 = 180. D's start, 15/11, is
    # only offered: 1 day × 30 = 30 offered, not booked; E's was cancelled.
    # Morning 180 of 100 published (180.0%). Used: A went home (180).
    assert got["reablement_capacity"].columns == [
        "Band",
        "Published",
        "Booked",
        "Offered, not yet agreed",
        "Used",
        "Booked of published (%)",
    ]
    assert rows(got["reablement_capacity"]) == {
        "Morning": [100, 180, 30, 180, "180.0"],
        "Lunch": [100, 0, 0, 0, "0.0"],
        "Tea": [100, 0, 0, 0, "0.0"],
        "Bed": [0, 0, 0, 0, ""],
        "All bands": [300, 180, 30, 180, "60.0"],
    }
    # One real run (the what-if is not counted); accepted: A (agreed as
    # proposed, greedy 12/11: 2 days gained), B (no start) and E (start
    # cancelled): only A is placed; D rejected.
    allocator = rows(got["allocator"])
    assert allocator["Allocator runs (not what-ifs)"] == [1]
    assert allocator["Proposals accepted (offered to the provider)"] == [3]
    assert allocator["People placed from its proposals (the provider agreed)"] == [1]
    assert allocator["Days gained against the most-urgent-first plan"] == [2]


def test_equipment(world, localities):
    (table,) = equipment.compute(scope(localities))
    got = rows(table)
    # Delivered in the period: A 0 days, B 2, F 3. Median 2; 90th:
    # 0.9 × 2 = 1.8 → 2 + 0.8 × 1 = 2.8. Late: F (delivered 13/11, home 12/11).
    assert got["Deliveries in the period"] == [3]
    assert got["Median days from order to delivery"] == ["2.0"]
    assert got["90th percentile days from order to delivery"] == ["2.8"]
    assert got["Delivered after the discharge date"] == [1]


def test_an_empty_period_has_zeros_not_errors(world, localities):
    empty = Scope(
        START.replace(year=2025), END.replace(year=2025), tuple(localities), TODAY
    )
    got = {t.slug: t for _s, ts in tables(empty) for t in ts}
    assert rows(got["triage_time"])["Median (minutes)"] == [""]
    assert rows(got["delay_days_by_pathway"])["All"] == [0, 0]
    assert rows(got["pathway_split"])["1"] == [0, "", 45]
