"""One run: the world's days one after another, under one policy.

Each day, in order: the day's referrals join; people whose ready day has
come and who need no service (pathway 0) go home; anyone who has waited
`give_up_days` past their ready day leaves the list (another arrangement is
made for them); beds freed by ended stays are filled, first ready first
(pathways 2 and 3, the same under every policy); then the policy starts
reablement (pathway 1) for people ready today or earlier. Whoever is ready
and still in hospital at the end of the day adds one delayed bed-day.

The ledger holds every provider's committed carer-minutes per band and day;
a start is booked only when it fits the provider's capacity on every day of
the episode, so capacity is never exceeded (the ledger refuses otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .params import BANDS
from .world import Person, World


class OverBooked(Exception):
    """A policy tried to book more than a provider has: a bug, not a result."""


class Ledger:
    def __init__(self, world: World):
        self.world = world
        self.load = [
            {band: [0] * world.span for band in BANDS} for _ in world.providers
        ]
        for episode in world.episodes:
            self._add(episode.provider, episode.use, 0, episode.days_left)

    def room(self, provider: int, band: str, day: int) -> int:
        capacity = self.world.providers[provider].capacity[band][day]
        return capacity - self.load[provider][band][day]

    def fits(self, provider: int, use: dict[str, int], start: int, length: int) -> bool:
        end = min(start + length, self.world.span)
        capacity = self.world.providers[provider].capacity
        load = self.load[provider]
        return all(
            load[band][day] + minutes <= capacity[band][day]
            for band, minutes in use.items()
            for day in range(start, end)
        )

    def book(self, provider: int, use: dict[str, int], start: int, length: int) -> None:
        if not self.fits(provider, use, start, length):
            raise OverBooked(f"provider {provider} from day {start}")
        self._add(provider, use, start, length)

    def _add(self, provider, use, start, length) -> None:
        for band, minutes in use.items():
            row = self.load[provider][band]
            for day in range(start, min(start + length, self.world.span)):
                row[day] += minutes


@dataclass
class Outcome:
    """What happened to everyone, and the day-by-day figures."""

    policy: str
    world: World
    ledger: Ledger
    # person id → (day, provider index) of their start
    started: dict[int, tuple[int, int]] = field(default_factory=dict)
    bedded: dict[int, int] = field(default_factory=dict)  # id → day (pathways 2, 3)
    home: dict[int, int] = field(default_factory=dict)  # id → day (pathway 0)
    left: dict[int, int] = field(default_factory=dict)  # id → day
    # Ready and still in hospital at each day's end: everyone, and pathway 1.
    waiting_by_day: list[int] = field(default_factory=list)
    waiting_p1_by_day: list[int] = field(default_factory=list)
    offers_declined: int = 0
    notes: dict[str, int] = field(default_factory=dict)

    def placed_day(self, person: Person) -> int | None:
        if person.id in self.started:
            return self.started[person.id][0]
        return self.bedded.get(person.id, self.home.get(person.id))

    def is_waiting(self, person: Person) -> bool:
        return self.placed_day(person) is None and person.id not in self.left

    def start(self, person: Person, provider: int, day: int) -> None:
        """Book a person's reablement from `day`: only a waiting pathway-1
        person who is ready, and only within the provider's capacity."""
        if person.pathway != 1 or person.ready_day > day or not self.is_waiting(person):
            raise OverBooked(f"person {person.id} cannot start on day {day}")
        if not self.world.eligible(person, self.world.providers[provider]):
            raise OverBooked(f"person {person.id} is not {provider}'s to serve")
        self.ledger.book(provider, self.world.use(person), day, person.length)
        self.started[person.id] = (day, provider)


def simulate(world: World, policy) -> Outcome:
    """Run the world's days under `policy` (policies.POLICIES)."""
    outcome = Outcome(policy=policy.name, world=world, ledger=Ledger(world))
    params = world.params
    beds = [list(occupied) for occupied in world.beds]  # days left per bed
    referred: list[Person] = []
    arrivals = iter(world.people)
    upcoming = next(arrivals, None)
    for day in range(params.days):
        while upcoming is not None and upcoming.referral_day == day:
            referred.append(upcoming)
            upcoming = next(arrivals, None)
        for person in referred:
            if person.pathway == 0 and person.ready_day == day:
                outcome.home[person.id] = day
        for person in referred:
            if person.ready_day + params.give_up_days <= day and outcome.is_waiting(
                person
            ):
                outcome.left[person.id] = day
        _fill_beds(outcome, beds, referred, day)
        waiting = [
            p
            for p in referred
            if p.pathway == 1 and outcome.is_waiting(p) and p.ready_day <= day
        ]
        policy.place(day, waiting, referred, outcome)  # calls outcome.start
        ready = [p for p in referred if p.ready_day <= day and outcome.is_waiting(p)]
        outcome.waiting_by_day.append(len(ready))
        outcome.waiting_p1_by_day.append(sum(1 for p in ready if p.pathway == 1))
        referred = [p for p in referred if outcome.is_waiting(p)]
    return outcome


def _fill_beds(outcome: Outcome, beds: list[list[int]], referred, day: int) -> None:
    for pool, occupied in enumerate(beds):
        pathway = pool + 2
        free = outcome.world.params.beds[pool] - len(occupied)
        queue = sorted(
            (
                p
                for p in referred
                if p.pathway == pathway and p.ready_day <= day and outcome.is_waiting(p)
            ),
            key=lambda p: (p.ready_day, p.id),
        )
        for person in queue[:free]:
            outcome.bedded[person.id] = day
            occupied.append(person.length)
        # A day passes in each bed; a stay that ends frees its bed tomorrow.
        occupied[:] = [left - 1 for left in occupied if left > 1]
