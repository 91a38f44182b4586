"""Discharges by pathway against the national shape, and reablement
capacity and the allocator."""

from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, F, Sum

from cases.models import DischargeCase, Pathway
from pathways.models import (
    AllocationProposal,
    AllocationRun,
    Band,
    Provider,
    ProviderCapacity,
    ReablementStart,
)

from ..registry import Chart, Scope, Section, Table, register
from ..stats import published_in_period, whole_days

# The national shape of discharges (NHS England, hospital discharge and
# community support guidance): about 50% pathway 0, 45% 1, 4% 2, 1% 3.
NATIONAL = {0: 50, 1: 45, 2: 4, 3: 1}


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else ""


def split(scope: Scope) -> Table:
    counts = dict(
        scope.cases()
        .filter(
            scope.during("actual_discharge"),
            outcome=DischargeCase.Outcome.DISCHARGED,
            pathway__isnull=False,
        )
        .values("pathway")
        .annotate(n=Count("pk"))
        .values_list("pathway", "n")
    )
    total = sum(counts.values())
    rows = [
        [
            str(p.value),
            counts.get(p.value, 0),
            _pct(counts.get(p.value, 0), total),
            NATIONAL[p.value],
        ]
        for p in Pathway
    ]
    return Table(
        "pathway_split",
        "Discharges by pathway against the national shape",
        ["Pathway", "Discharges", "Share (%)", "National shape (%)"],
        rows,
        Chart("grouped", 0, (2, 3), "%"),
        note=f"{total} discharge{'s' if total != 1 else ''} in the period.",
    )


# Carer-minutes a day of each call in a start's `visits` ([{band, minutes,
# carers}]) times the days of the start in the period, summed by band: the
# JSON array is opened in the database (PostgreSQL jsonb_array_elements,
# SQLite json_each), one row per call, so nothing loops over starts here.
BOOKED_SQL = {
    "postgresql": """
        SELECT v.value ->> 'band',
               SUM((v.value ->> 'minutes')::int * (v.value ->> 'carers')::int
                   * (LEAST(s.start_date + s.length_days - 1, %(last)s::date)
                      - GREATEST(s.start_date, %(first)s::date) + 1))
        FROM pathways_reablementstart s
        CROSS JOIN LATERAL jsonb_array_elements(s.visits) v
        WHERE s.id IN ({ids})
          AND s.start_date <= %(last)s::date
          AND s.start_date + s.length_days - 1 >= %(first)s::date
        GROUP BY 1""",
    "sqlite": """
        SELECT json_extract(v.value, '$.band'),
               SUM(CAST(json_extract(v.value, '$.minutes') AS INTEGER)
                   * CAST(json_extract(v.value, '$.carers') AS INTEGER)
                   * CAST(ROUND(julianday(MIN(date(s.start_date, '+'
                         || (s.length_days - 1) || ' days'), %(last)s))
                       - julianday(MAX(s.start_date, %(first)s)) + 1) AS INTEGER))
        FROM pathways_reablementstart s, json_each(s.visits) v
        WHERE s.id IN ({ids})
          AND s.start_date <= %(last)s
          AND date(s.start_date, '+' || (s.length_days - 1) || ' days')
              >= %(first)s
        GROUP BY 1""",
}


def booked_minutes(starts, first, last) -> dict[str, int]:
    """{band: carer-minutes} the starts take on the days first..last."""
    ids, id_params = starts.values("pk").query.sql_with_params()
    sql = BOOKED_SQL[connection.vendor].format(ids=ids)
    # The id subquery's own placeholders are positional: name them too.
    names = {f"p{i}": value for i, value in enumerate(id_params)}
    for name in names:
        sql = sql.replace("%s", f"%({name})s", 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, {**names, "first": first, "last": last})
        return {band: int(minutes or 0) for band, minutes in cursor.fetchall()}


def capacity(scope: Scope) -> Table:
    """Carer-minutes published, booked, offered and used, by band, for the
    providers serving the localities: booked is what agreed starts take on
    the days of the period (minutes × carers of each call, each day the start
    runs), the same unit as published; offered, what starts still waiting
    for the provider's answer would take (they hold the capacity, but are
    not booked until agreed); used, the booked minutes of the starts whose
    person went home."""
    providers = Provider.objects.filter(localities__in=scope.localities)
    published = published_in_period(
        ProviderCapacity, providers, scope, key="band", amount="minutes"
    )
    starts = ReablementStart.objects.filter(provider__in=providers.values("pk"))
    agreed = starts.filter(status=ReablementStart.Status.AGREED)
    booked = booked_minutes(agreed, scope.start, scope.end)
    offered = booked_minutes(
        starts.filter(status=ReablementStart.Status.OFFERED), scope.start, scope.end
    )
    used = booked_minutes(
        agreed.filter(case__outcome=DischargeCase.Outcome.DISCHARGED),
        scope.start,
        scope.end,
    )
    rows = [
        [
            band.label,
            published.get(band.value, 0),
            booked.get(band.value, 0),
            offered.get(band.value, 0),
            used.get(band.value, 0),
            _pct(booked.get(band.value, 0), published.get(band.value, 0)),
        ]
        for band in Band
    ]
    totals = [sum(row[i] for row in rows) for i in (1, 2, 3, 4)]
    rows.append(["All bands", *totals, _pct(totals[1], totals[0])])
    return Table(
        "reablement_capacity",
        "Reablement capacity: carer-minutes published, booked and used",
        [
            "Band",
            "Published",
            "Booked",
            "Offered, not yet agreed",
            "Used",
            "Booked of published (%)",
        ],
        rows,
        Chart("grouped", 0, (1, 2, 4), "carer-minutes"),
        note="Carer-minutes on the days of the period for the providers serving "
        "the localities: published by the providers; booked by reablement "
        "starts the provider agreed (minutes × carers of each call, each day "
        "the start runs); offered: starts still waiting for the provider's "
        "answer, not counted as booked; used: booked for people who went home.",
    )


def _placed(accepted):
    """Accepted proposals whose start, as proposed, the provider agreed (an
    accepted proposal is only offered to the provider until then)."""
    return accepted.filter(
        case__reablement_start__status=ReablementStart.Status.AGREED,
        case__reablement_start__provider=F("provider"),
        case__reablement_start__start_date=F("start_date"),
    )


def allocator(scope: Scope) -> Table:
    runs = (
        AllocationRun.objects.filter(
            scope.during("created_at"),
            what_if=False,
            localities__in=scope.localities,
        )
        .distinct()
        .count()
    )
    accepted = AllocationProposal.objects.filter(
        scope.during("run__created_at"),
        status=AllocationProposal.Status.ACCEPTED,
        case__locality__in=scope.localities,
    )
    placed = _placed(accepted)
    gained = placed.filter(greedy_start_date__isnull=False).aggregate(
        days=Sum(
            ExpressionWrapper(
                F("greedy_start_date") - F("start_date"),
                output_field=DurationField(),
            )
        )
    )["days"]
    return Table(
        "allocator",
        "Allocator runs",
        ["Measure", "Value"],
        [
            ["Allocator runs (not what-ifs)", runs],
            ["Proposals accepted (offered to the provider)", accepted.count()],
            ["People placed from its proposals (the provider agreed)", placed.count()],
            ["Days gained against the most-urgent-first plan", whole_days(gained)],
        ],
        note="Placed: the provider agreed the start as proposed; an accepted "
        "proposal still offered, or declined, expired or cancelled, is not a "
        "placement. Days gained: for each person placed, the start the "
        "most-urgent-first (greedy) plan gave minus the start agreed.",
    )


def compute(scope: Scope) -> list[Table]:
    return [split(scope), capacity(scope), allocator(scope)]


register(Section("pathways", "Pathways and reablement capacity", compute, order=30))
