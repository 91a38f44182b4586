"""Bed-based placements (pathways 2 and 3): the vacancies the settings
published and the placements made against them, counting a placement only
once the setting agreed it (an offer may still be declined or expire)."""

from django.db.models import Count, Q

from pathways.models import BedVacancy, Placement, Provider

from ..registry import Chart, Scope, Section, Table, register
from ..stats import published_in_period

Status = Placement.Status


def placements(scope: Scope) -> Table:
    providers = Provider.objects.filter(localities__in=scope.localities)
    published = published_in_period(
        BedVacancy, providers, scope, key="bed_type", amount="beds"
    )
    counts = {
        row["setting"]: row
        for row in Placement.objects.filter(
            case__locality__in=scope.localities,
            start_date__gte=scope.start,
            start_date__lte=scope.end,
        )
        .values("setting")
        .annotate(
            agreed=Count("pk", filter=Q(status=Status.AGREED)),
            offered=Count("pk", filter=Q(status=Status.OFFERED)),
            returned=Count("pk", filter=Q(status__in=Placement.RETURNED)),
        )
    }
    rows = []
    for kind in Placement.Setting:
        got = counts.get(kind.value, {})
        rows.append(
            [kind.label, published.get(kind.value, 0)]
            + [got.get(name, 0) for name in ("agreed", "offered", "returned")]
        )
    rows.append(["All bed types", *(sum(row[i] for row in rows) for i in range(1, 5))])
    return Table(
        "bed_placements",
        "Bed-based placements: vacancies published and placements agreed",
        [
            "Bed type",
            "Vacancies published (bed-days)",
            "Placements agreed",
            "Offered, not yet agreed",
            "Declined or expired",
        ],
        rows,
        Chart("grouped", 0, (1, 2), "beds"),
        note="Vacancies: the empty beds the settings serving the localities "
        "published for each day of the period, added up. Placements: those "
        "starting in the period for people of the localities; agreed by the "
        "setting (or arranged with a setting off the hub); an offer waiting "
        "for the setting's answer is not a placement, and one declined or "
        "left to expire is counted apart until it is offered again.",
    )


def compute(scope: Scope) -> list[Table]:
    return [placements(scope)]


register(Section("beds", "Bed-based placements (pathways 2 and 3)", compute, order=32))
