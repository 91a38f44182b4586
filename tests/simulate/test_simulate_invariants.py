"""The simulator's invariants, on random small counties (hypothesis): every
arrival is placed, waiting or gone; no provider is ever booked past its
capacity; nobody leaves hospital before they are ready; the same seed gives
the same result, and every policy meets the same referrals."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.simulate import Params
from pathways.simulate.engine import simulate
from pathways.simulate.params import BANDS
from pathways.simulate.policies import policy_make
from pathways.simulate.report import delays, summary
from pathways.simulate.world import world_build

SMALL = Params(days=12, referrals_per_weekday=6.0, localities=("north", "south"))


@st.composite
def counties(draw):
    return SMALL.with_(
        seed=draw(st.integers(0, 10_000)),
        days=draw(st.integers(1, 25)),
        referrals_per_weekday=draw(st.floats(0, 14)),
        weekend_capacity=draw(st.floats(0.3, 1)),
        sickness_chance=draw(st.floats(0, 0.6)),
        initial_load=draw(st.floats(0, 0.95)),
        give_up_days=draw(st.integers(1, 30)),
        beds=(draw(st.integers(0, 4)), draw(st.integers(0, 4))),
        capacity=tuple((band, draw(st.integers(0, 900))) for band in BANDS),
        providers_per_locality=draw(st.integers(1, 2)),
    )


def check_invariants(outcome) -> None:
    world, params = outcome.world, outcome.world.params
    # Conservation: each arrival is in exactly one place.
    for person in world.people:
        where = [
            person.id in outcome.home,
            person.id in outcome.started,
            person.id in outcome.bedded,
            person.id in outcome.left,
        ]
        assert sum(where) <= 1, person
        assert sum(where) == 1 or outcome.is_waiting(person)
    counts = summary(outcome)["people"]
    assert (
        counts["referred"]
        == len(world.people)
        == (
            counts["home"]
            + counts["reablement_started"]
            + counts["bed_placed"]
            + counts["left"]
            + counts["waiting"]
        )
    )
    # Nobody is placed before their ready day (the DRD, or equipment later).
    for person in world.people:
        day = outcome.placed_day(person)
        if day is not None:
            assert day >= person.ready_day >= person.drd_day
            assert day < params.days
        if person.pathway == 0 and day is not None:
            assert day == person.ready_day
        if person.equipment_day is not None and day is not None:
            assert day >= person.equipment_day
    # Capacity is never exceeded: the load recounted from every episode.
    load = {}
    for episode in world.episodes:
        for band, minutes in episode.use.items():
            for d in range(episode.days_left):
                key = (episode.provider, band, d)
                load[key] = load.get(key, 0) + minutes
    by_id = {p.id: p for p in world.people}
    for person_id, (start, provider) in outcome.started.items():
        person = by_id[person_id]
        assert world.eligible(person, world.providers[provider])
        for band, minutes in world.use(person).items():
            for d in range(start, min(start + person.length, world.span)):
                load[(provider, band, d)] = load.get((provider, band, d), 0) + minutes
    for (provider, band, day), minutes in load.items():
        assert minutes <= world.providers[provider].capacity[band][day]
    # Beds: never more people in them than there are beds.
    for pool, occupied in enumerate(world.beds):
        stays = [
            (outcome.bedded[p.id], p.length)
            for p in world.people
            if p.pathway == pool + 2 and p.id in outcome.bedded
        ]
        for day in range(params.days):
            in_beds = sum(1 for left in occupied if left > day) + sum(
                1 for start, length in stays if start <= day < start + length
            )
            assert in_beds <= params.beds[pool]
    # Delayed bed-days add up from the people as from the days.
    assert sum(outcome.waiting_by_day) == sum(delays(outcome))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counties())
def test_greedy_keeps_every_invariant(params):
    check_invariants(simulate(world_build(params), policy_make("greedy", params)))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counties(), st.sampled_from(["allocator", "allocator-declines"]))
def test_the_allocator_keeps_every_invariant(params, policy):
    params = params.with_(days=min(params.days, 8), time_limit_s=0.5)
    check_invariants(simulate(world_build(params), policy_make(policy, params)))


@settings(max_examples=20, deadline=None)
@given(counties())
def test_same_seed_same_world_and_result(params):
    first, second = world_build(params), world_build(params)
    assert first == second
    a = summary(simulate(first, policy_make("greedy", params)))
    b = summary(simulate(second, policy_make("greedy", params)))
    assert a == b


def test_policies_meet_the_same_referrals_and_another_seed_others():
    params = SMALL.with_(days=30)
    world = world_build(params)
    # Changing a policy setting or capacity leaves the referrals as they were.
    assert world_build(params.with_(decline_share=0.9)).people == world.people
    more = params.with_(extra_capacity=(("*", "*", 50),))
    assert world_build(more).people == world.people
    assert world_build(more).episodes == world.episodes
    assert world_build(params.with_(seed=params.seed + 1)).people != world.people


def test_the_allocator_run_is_reproducible_by_seed():
    params = SMALL.with_(days=8, referrals_per_weekday=5.0, time_limit_s=5.0)
    runs = [
        summary(simulate(world_build(params), policy_make("allocator", params)))
        for _ in range(2)
    ]
    # Every daily solve finished (proved its plan best) within its limit.
    assert runs[0]["notes"]["solves"] == 8
    assert "solves_not_proven_optimal" not in runs[0]["notes"]
    for run in runs:
        run["notes"].pop("solve_ms")
    assert runs[0] == runs[1]


def test_the_allocator_run_is_reproducible_when_solves_stop_unproven():
    """Daily solves that stop before proving their plan best stop at the
    work limit, not on the clock, so two runs still give the same figures."""
    params = SMALL.with_(days=10, work_limit=0.05, time_limit_s=30.0)
    runs = [
        summary(simulate(world_build(params), policy_make("allocator", params)))
        for _ in range(2)
    ]
    notes = runs[0]["notes"]
    assert notes["solves_not_proven_optimal"] > 0
    assert "solves_cut_by_clock" not in notes
    for run in runs:
        run["notes"].pop("solve_ms")
    assert runs[0] == runs[1]


def test_declined_offers_wait_on_and_cost_delay():
    params = SMALL.with_(days=20, decline_share=1.0, time_limit_s=1.0)
    outcome = simulate(world_build(params), policy_make("allocator-declines", params))
    assert outcome.offers_declined > 0
    assert not outcome.started  # every offer declined: nobody starts
    check_invariants(outcome)
