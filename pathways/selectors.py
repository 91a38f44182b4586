"""Reads of providers' capacity and bookings, and of what the allocator plans."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import DateField, Func, Q, QuerySet
from django.utils import timezone

from cases.models import DischargeCase, Locality, Pathway
from cases.selectors import case_scope_q, user_localities

from .models import (
    AllocationRun,
    Band,
    Provider,
    ProviderCapacity,
    ReablementStart,
    Skill,
)


def horizon(today: datetime.date | None = None) -> list[datetime.date]:
    """The days capacity is planned over: today and the next N−1 days."""
    today = today or timezone.localdate()
    return [
        today + datetime.timedelta(days=i)
        for i in range(settings.HUB_CAPACITY_HORIZON_DAYS)
    ]


_LOOK_UP = object()


def case_earliest_start(
    case: DischargeCase, today: datetime.date | None = None, essential=_LOOK_UP
) -> datetime.date:
    """The first day reablement can start: the latest of today, the discharge
    ready date and the delivery (or due date) of essential equipment
    (`essential`: that date when already known, as for a whole problem)."""
    if essential is _LOOK_UP:
        from equipment.selectors import essential_ready_date

        essential = essential_ready_date(case)
    return earliest_start(
        today or timezone.localdate(), case.referral.discharge_ready_date, essential
    )


def earliest_start(today, discharge_ready_date, essential) -> datetime.date:
    """The latest of the dates that are known (`case_earliest_start`)."""
    dates = (today, discharge_ready_date, essential)
    return max(d for d in dates if d is not None)


def reablement_start_agreed(case: DischargeCase) -> bool:
    return ReablementStart.objects.filter(
        case=case, status=ReablementStart.Status.AGREED
    ).exists()


def case_skills(case: DischargeCase) -> list[str]:
    """Carer skills the case needs, from the risk screen and the OT review."""
    screen = getattr(case, "risk_screen", None)
    review = getattr(case, "ot_review", None)
    return skills_needed(
        screen.skills if screen is not None else [],
        review.carers_per_visit if review is not None else None,
    )


def skills_needed(screen_skills, carers_per_visit) -> list[str]:
    """`case_skills` from the screen's skills and the OT review's carers a
    visit (None: no review)."""
    skills = set(screen_skills)
    if carers_per_visit is not None and carers_per_visit >= 2:
        skills.add("double_handed")
    return sorted(skills)


def published(providers, days) -> dict:
    """{(provider_id, date, band): carer-minutes} for the given days."""
    rows = ProviderCapacity.objects.filter(provider__in=providers, date__in=days)
    return {(r.provider_id, r.date, r.band): r.minutes for r in rows}


class LastDay(Func):
    """A start's last day, start_date + length_days − 1, in the database."""

    output_field = DateField()

    def _parts(self, compiler):
        start, length = (compiler.compile(e) for e in self.get_source_expressions())
        return start[0], length[0], (*start[1], *length[1])

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL: date + integer
        start, length, params = self._parts(compiler)
        return f"({start} + {length} - 1)", params

    def as_sqlite(self, compiler, connection, **extra):
        start, length, params = self._parts(compiler)
        return f"date({start}, '+' || ({length} - 1) || ' days')", params


def booked(providers, days, exclude_case_id=None) -> dict:
    """{(provider_id, date, band): carer-minutes} held by offered and agreed
    starts that overlap the days (only those are read, however many starts
    there were; as plain rows, not model instances)."""
    first, last = min(days), max(days)
    starts = (
        ReablementStart.objects.filter(
            provider__in=providers,
            status__in=ReablementStart.HOLDING,
            start_date__lte=last,
        )
        .alias(last_day=LastDay("start_date", "length_days"))
        .filter(last_day__gte=first)
        .exclude(case_id=exclude_case_id)
        .values_list("provider_id", "start_date", "length_days", "visits")
    )
    # Each start adds its minutes from its first day in the span and takes
    # them away after its last (a difference array per provider and band):
    # the work per start does not grow with the days asked for.
    span = (last - first).days + 1
    changes: dict = defaultdict(lambda: [0] * (span + 1))
    for provider_id, begins, length_days, visits in starts:
        offset = (begins - first).days
        since, until = max(offset, 0), min(offset + length_days, span)
        for band, minutes in ReablementStart.visits_band_minutes(visits).items():
            change = changes[(provider_id, band)]
            change[since] += minutes
            change[until] -= minutes
    asked = set(days)
    load: dict = defaultdict(int)
    for (provider_id, band), change in changes.items():
        held = 0
        for i in range(span):
            held += change[i]
            day = first + datetime.timedelta(days=i)
            if held and day in asked:
                load[(provider_id, day, band)] = held
    return load


# How full a provider's band is on a day, as the grid's colours and legend say.
CAPACITY_LEVELS = {
    "free": "Free",
    "nearly_full": "Nearly full (a quarter or less free)",
    "full": "Full",
    "over": "Overbooked",
    "none": "Nothing published",
}
NEARLY_FULL = 0.25  # of the published minutes, or less, still free


def capacity_level(published_minutes: int, booked_minutes: int) -> str:
    free = published_minutes - booked_minutes
    if published_minutes == 0 and booked_minutes == 0:
        return "none"
    if free < 0:
        return "over"
    if free == 0:
        return "full"
    return "nearly_full" if free <= NEARLY_FULL * published_minutes else "free"


def capacity_grid(providers: QuerySet[Provider], days) -> list[dict]:
    """Per provider, band and day: published, booked and free carer-minutes,
    and how full that is; each provider's skills in words."""
    providers = list(providers)
    pub, used = published(providers, days), booked(providers, days)
    grid = []
    for provider in providers:
        rows = []
        for band in Band:
            cells = []
            for day in days:
                key = (provider.pk, day, band.value)
                p, b = pub.get(key, 0), used.get(key, 0)
                level = capacity_level(p, b)
                cells.append(
                    {"day": day, "published": p, "booked": b, "free": p - b}
                    | {"level": level, "level_label": CAPACITY_LEVELS[level]}
                )
            rows.append({"band": band, "cells": cells})
        skills = [Skill(s).label for s in provider.skills if s in Skill.values]
        grid.append({"provider": provider, "skills": skills, "rows": rows})
    return grid


def providers_for_case(case: DischargeCase) -> QuerySet[Provider]:
    """Active providers covering the case's locality with every skill it needs."""
    providers = Provider.objects.filter(active=True, localities=case.locality)
    needed = set(case_skills(case))
    return Provider.objects.filter(
        pk__in=[p.pk for p in providers if needed <= set(p.skills)]
    )


def planning_localities(user) -> QuerySet[Locality]:
    """The localities a user plans reablement for: every locality for the
    scheduler (no user) and for those who see every case (`case_scope_q` is
    then the empty filter), else the user's own localities."""
    if user is None or not case_scope_q(user):
        return Locality.objects.all()
    return user_localities(user)


def waiting_cases(user=None) -> QuerySet[DischargeCase]:
    """Open pathway-1 cases whose reablement-start step waits, or whose offer
    the provider declined or let expire, in the user's case scope and
    planning localities (every one for the scheduler). A problem reads what
    it needs of them as values (`allocator.PROBLEM_READS`), joined in one
    query."""
    from viewflow.workflow.models import Task

    waiting = (
        Task.objects.filter(
            flow_task__endswith=".reablement_start", status__in=["NEW", "ASSIGNED"]
        )
        .order_by()
        .values("process_id")
    )
    returned = (
        ReablementStart.objects.filter(status__in=ReablementStart.RETURNED)
        .order_by()
        .values("case_id")
    )
    # One list of ids (a union), not `in waiting OR in returned`: PostgreSQL
    # tests an OR of two subqueries on every case ever recorded (a scan of
    # the whole table), while it looks up the few ids of a union by key.
    cases = DischargeCase.objects.filter(
        pk__in=waiting.union(returned),
        outcome=DischargeCase.Outcome.OPEN,
        pathway=Pathway.REABLEMENT,
    )
    if user is not None:
        cases = cases.filter(case_scope_q(user), locality__in=planning_localities(user))
    return cases.order_by("pk")


def allocation_runs_visible(user) -> QuerySet[AllocationRun]:
    """Runs whose planned localities all lie in the user's planning localities;
    a what-if run only to the one who ran it."""
    if not user.is_authenticated:
        return AllocationRun.objects.none()
    links = AllocationRun.localities.through.objects
    outside = links.exclude(locality__in=planning_localities(user))
    real = (
        Q(what_if=False)
        & Q(pk__in=links.values("allocationrun"))
        & ~Q(pk__in=outside.values("allocationrun"))
    )
    return AllocationRun.objects.filter(real | Q(what_if=True, run_by=user))


def run_entries_in_scope(run: AllocationRun, user) -> tuple[list[dict], list[dict]]:
    """The run's assignments and unplaced cases that the user may see."""
    entries = run.result["assignments"] + run.result["unassigned"]
    ids = {int(e["case"]) for e in entries if str(e["case"]).isdigit()}
    visible = {
        str(pk)
        for pk in DischargeCase.objects.filter(
            case_scope_q(user), pk__any=ids
        ).values_list("pk", flat=True)
    }
    return (
        [a for a in run.result["assignments"] if a["case"] in visible],
        [u for u in run.result["unassigned"] if u["case"] in visible],
    )
