"""The county a run simulates, drawn from the seed before any policy acts:
the people referred, the providers and their capacity day by day (weekend
dips and sickness included), the people already in reablement on day 0 and
the beds already occupied. Every policy meets the same world.

Each part is drawn from its own random stream (seeded with the seed and the
part's name), so changing, say, the sickness rate leaves the arrivals as
they were.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from .params import BANDS, Params

PRIORITIES = ("urgent", "high", "routine")
# Bands visited for 1, 2, 3 or 4 visits a day.
VISIT_BANDS = (
    ("morning",),
    ("morning", "bed"),
    ("morning", "tea", "bed"),
    ("morning", "lunch", "tea", "bed"),
)


@dataclass(frozen=True)
class Visit:
    band: str
    minutes: int
    carers: int


@dataclass(frozen=True)
class Person:
    id: int  # order of referral
    referral_day: int
    drd_day: int  # discharge-ready date, as a day number
    ready_day: int  # the DRD, or later when equipment must arrive first
    locality: str
    pathway: int  # 0, 1, 2 or 3
    priority: str
    length: int  # days of reablement (pathway 1) or of the stay (2, 3)
    visits: tuple[Visit, ...] = ()
    skills: frozenset[str] = frozenset()
    equipment_day: int | None = None


@dataclass(frozen=True)
class Provider:
    id: str
    locality: str
    skills: frozenset[str]
    capacity: dict[str, tuple[int, ...]]  # band → carer-minutes by day


@dataclass(frozen=True)
class Episode:
    """Reablement already under way on day 0: it holds capacity until it ends."""

    provider: int  # index in World.providers
    use: dict[str, int]
    days_left: int


@dataclass(frozen=True)
class World:
    params: Params
    people: tuple[Person, ...]
    providers: tuple[Provider, ...]
    episodes: tuple[Episode, ...]
    beds: tuple[tuple[int, ...], tuple[int, ...]]  # days left of each occupied bed
    span: int  # days of capacity known: the run, the longest episode, a horizon

    def use(self, person: Person) -> dict[str, int]:
        """Carer-minutes a day a person takes in each band (SPEC.md `use`)."""
        return visits_use(person.visits, self.params.travel_minutes)

    def eligible(self, person: Person, provider: Provider) -> bool:
        return person.locality == provider.locality and person.skills <= provider.skills


def visits_use(visits, travel: int) -> dict[str, int]:
    use: dict[str, int] = {}
    for visit in visits:
        minutes = (visit.minutes + travel) * visit.carers
        use[visit.band] = use.get(visit.band, 0) + minutes
    return use


def world_build(params: Params) -> World:
    span = params.days + params.max_length + params.horizon_days + 1
    providers = tuple(_providers(params, span))
    # The caseload already under way is the same with extra capacity or not.
    usual = tuple(_providers(params.with_(extra_capacity=()), span))
    return World(
        params=params,
        people=tuple(_arrivals(params)),
        providers=providers,
        episodes=tuple(_episodes(params, usual)),
        beds=_beds(params),
        span=span,
    )


def _rng(params: Params, part: str) -> random.Random:
    return random.Random(f"{params.seed}:{part}")  # noqa: S311 - a model, no secret


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method (means here are small), with a normal approximation above 60."""
    if mean <= 0:
        return 0
    if mean > 60:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _choice(rng: random.Random, options, weights):
    return rng.choices(options, weights=weights)[0]


def _arrivals(params: Params):
    rng = _rng(params, "arrivals")
    person_id = 0
    for day in range(params.days):
        weekend = (params.start.weekday() + day) % 7 >= 5
        mean = params.referrals_per_weekday * (params.weekend_share if weekend else 1)
        for _ in range(_poisson(rng, mean)):
            yield _person(rng, params, person_id, day)
            person_id += 1


def _person(rng: random.Random, params: Params, person_id: int, day: int) -> Person:
    pathway = _choice(rng, (0, 1, 2, 3), params.pathway_mix)
    drd = day + rng.randint(*params.drd_days)
    fields = {
        "id": person_id,
        "referral_day": day,
        "drd_day": drd,
        "ready_day": drd,
        "locality": rng.choice(params.localities),
        "pathway": pathway,
        "priority": _choice(rng, PRIORITIES, params.priority_mix),
    }
    if pathway == 1:
        visits, skills = _needs(rng, params)
        equipment = None
        if rng.random() < params.equipment_share:
            equipment = day + rng.randint(*params.equipment_days)
        low, mode, high = params.reablement_days
        fields.update(
            visits=visits,
            skills=skills,
            equipment_day=equipment,
            ready_day=max(drd, equipment if equipment is not None else drd),
            length=round(rng.triangular(low, high, mode)),
        )
    elif pathway in (2, 3):
        fields["length"] = rng.randint(*params.stay_days[pathway - 2])
    else:
        fields["length"] = 0
    return Person(**fields)


def _needs(rng: random.Random, params: Params):
    count = _choice(rng, (1, 2, 3, 4), params.visits_mix)
    carers = 2 if rng.random() < params.double_handed_share else 1
    skills = {"double_handed"} if carers == 2 else set()
    if rng.random() < params.dementia_share:
        skills.add("dementia")
    visits = tuple(
        Visit(band, rng.choice(params.visit_minutes), carers)
        for band in VISIT_BANDS[count - 1]
    )
    return visits, frozenset(skills)


def _providers(params: Params, span: int):
    rng = _rng(params, "sickness")
    for locality in params.localities:
        base = {band: params.capacity_for(locality, band) for band in BANDS}
        for n in range(params.providers_per_locality):
            skills = {"double_handed"} | ({"dementia"} if n == 0 else set())
            capacity = {band: [] for band in BANDS}
            for day in range(span):
                weekend = (params.start.weekday() + day) % 7 >= 5
                share = params.weekend_capacity if weekend else 1.0
                if rng.random() < params.sickness_chance:
                    share *= 1 - rng.uniform(*params.sickness_loss)
                for band in BANDS:
                    capacity[band].append(int(base[band] * share))
            yield Provider(
                id=f"{locality}-{n + 1}",
                locality=locality,
                skills=frozenset(skills),
                capacity={band: tuple(v) for band, v in capacity.items()},
            )


def _episodes(params: Params, providers):
    """People already in reablement on day 0: each provider is filled to
    `initial_load` of its morning capacity (every person has a morning
    visit), with what is left of each episode drawn uniformly."""
    rng = _rng(params, "caseload")
    for index, provider in enumerate(providers):
        target = params.initial_load * provider.capacity["morning"][0]
        load = {band: [0] * params.max_length for band in BANDS}
        misses = 0
        while misses < 30 and load["morning"][0] < target:
            visits, skills = _needs(rng, params)
            if not skills <= provider.skills:
                continue
            use = visits_use(visits, params.travel_minutes)
            left = rng.randint(1, params.max_length)
            if any(
                load[b][d] + u > provider.capacity[b][d] * params.initial_load
                for b, u in use.items()
                for d in range(left)
            ):
                misses += 1
                continue
            for b, u in use.items():
                for d in range(left):
                    load[b][d] += u
            yield Episode(provider=index, use=use, days_left=left)


def _beds(params: Params):
    rng = _rng(params, "beds")
    return tuple(
        tuple(rng.randint(1, high) for _ in range(count))
        for count, (_low, high) in zip(params.beds, params.stay_days, strict=True)
    )
