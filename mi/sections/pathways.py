"""Discharges by pathway against the national shape, and reablement
capacity and the allocator."""

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum

from cases.models import DischargeCase, Pathway
from pathways.models import (
    AllocationProposal,
    AllocationRun,
    ProviderCapacity,
    ReablementStart,
)

from ..registry import Chart, Scope, Section, Table, register
from ..stats import whole_days

# The national shape of discharges (NHS England, hospital discharge and
# community support guidance): about 50% pathway 0, 45% 1, 4% 2, 1% 3.
NATIONAL = {0: 50, 1: 45, 2: 4, 3: 1}


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else ""


def split(scope: Scope) -> Table:
    counts = dict(
        scope.cases()
        .filter(
            outcome=DischargeCase.Outcome.DISCHARGED,
            actual_discharge__date__gte=scope.start,
            actual_discharge__date__lte=scope.end,
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


def capacity(scope: Scope) -> Table:
    published = ProviderCapacity.objects.filter(
        provider__localities__in=scope.localities,
        date__gte=scope.start,
        date__lte=scope.end,
    ).distinct()
    minutes = published.aggregate(m=Sum("minutes"))["m"] or 0
    starts = ReablementStart.objects.filter(
        case__locality__in=scope.localities,
        status=ReablementStart.Status.AGREED,
        start_date__gte=scope.start,
        start_date__lte=scope.end,
    ).aggregate(
        booked=Count("pk"),
        used=Count(
            "pk",
            filter=Q(case__outcome=DischargeCase.Outcome.DISCHARGED),
        ),
    )
    return Table(
        "reablement_capacity",
        "Reablement capacity",
        ["Measure", "Value"],
        [
            ["Carer-minutes published", minutes],
            ["Reablement starts booked in the period", starts["booked"]],
            ["Of those, used (the person went home)", starts["used"]],
        ],
        note="Capacity published by the providers serving the localities; "
        "starts booked for the localities' cases that begin in the period.",
    )


def allocator(scope: Scope) -> Table:
    runs = (
        AllocationRun.objects.filter(
            what_if=False,
            localities__in=scope.localities,
            created_at__date__gte=scope.start,
            created_at__date__lte=scope.end,
        )
        .distinct()
        .count()
    )
    accepted = AllocationProposal.objects.filter(
        status=AllocationProposal.Status.ACCEPTED,
        case__locality__in=scope.localities,
        run__created_at__date__gte=scope.start,
        run__created_at__date__lte=scope.end,
    )
    gained = accepted.filter(greedy_start_date__isnull=False).aggregate(
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
            ["People placed from its proposals", accepted.count()],
            ["Days gained against the most-urgent-first plan", whole_days(gained)],
        ],
        note="Days gained: for each accepted proposal, the start the "
        "most-urgent-first (greedy) plan gave minus the start accepted.",
    )


def compute(scope: Scope) -> list[Table]:
    return [split(scope), capacity(scope), allocator(scope)]


register(Section("pathways", "Pathways and reablement capacity", compute, order=30))
