"""Delays as cases.delays counts them: a delayed day is a day in hospital
after the current discharge ready date (DRD), up to the day of discharge
(an open case: today). A case discharged on its DRD has no delayed day; a
person readmitted and discharged again has two cases, each counted on its
own DRD. Cases closed without a discharge have no delay clock.

Delay days in the period are the delayed days that fall in it (up to today).
By reason: the days each recorded reason (not entered in error) covers
within the delayed days; the days no reason covers are shown as such."""

import datetime

from django.db.models import (
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncDate

from cases.huddle import BANDS
from cases.models import DelayRecord, DischargeCase, Pathway

from ..registry import Chart, Scope, Section, Table, register
from ..stats import ONE_DAY, date_value, overlap, whole_days

NO_PATHWAY = "Not decided"
NO_REASON = "No reason recorded"


def _end(scope: Scope, prefix: str = ""):
    """The last delayed day's bound: the discharge day, or today if open."""
    return Case(
        When(
            **{f"{prefix}actual_discharge__isnull": False},
            then=TruncDate(f"{prefix}actual_discharge"),
        ),
        default=date_value(scope.today),
        output_field=DateField(),
    )


def _first_delayed(prefix: str = ""):
    # Cast: PostgreSQL's date + interval is a timestamp.
    return Cast(
        ExpressionWrapper(
            F(f"{prefix}referral__discharge_ready_date") + ONE_DAY,
            output_field=DateField(),
        ),
        DateField(),
    )


def _clock_running(prefix: str = "") -> Q:
    return Q(**{f"{prefix}referral__discharge_ready_date__isnull": False}) & (
        Q(**{f"{prefix}actual_discharge__isnull": False})
        | Q(**{f"{prefix}outcome": DischargeCase.Outcome.OPEN})
    )


def _not_over_before(scope: Scope, prefix: str = "") -> Q:
    """Cases whose clock had not stopped before the period: discharged in or
    after it, or open. It follows from a delayed day in the period, and an
    index finds these (the discharges by date, the open cases) where the
    day-by-day overlap below reads every case the county ever had."""
    return Q(**{f"{prefix}actual_discharge__gte": scope.since}) | Q(
        **{f"{prefix}actual_discharge__isnull": True},
        **{f"{prefix}outcome": DischargeCase.Outcome.OPEN},
    )


def delayed_in_period(scope: Scope):
    """Cases with a delayed day in the period; `span` + 1 day = those days."""
    return (
        scope.cases()
        .filter(_clock_running(), _not_over_before(scope))
        .annotate(
            span=overlap(
                [_first_delayed(), date_value(scope.start)],
                [_end(scope), date_value(scope.last_day)],
            )
        )
        .filter(span__gte=datetime.timedelta(0))
    )


def reason_days(scope: Scope):
    case = "case__"
    return (
        DelayRecord.objects.filter(
            case__locality__in=scope.localities, entered_in_error=False
        )
        .filter(_clock_running(case), _not_over_before(scope, case))
        .annotate(
            span=overlap(
                ["from_date", _first_delayed(case), date_value(scope.start)],
                [
                    Coalesce("to_date", _end(scope, case), output_field=DateField()),
                    _end(scope, case),
                    date_value(scope.last_day),
                ],
            )
        )
        .filter(span__gte=datetime.timedelta(0))
    )


def _pathway_label(value) -> str:
    return NO_PATHWAY if value is None else Pathway(value).label


def _band():
    whens = [
        When(span__lt=datetime.timedelta(days=high), then=Value(label))
        for _low, high, label in BANDS
    ]
    return Case(*whens, default=Value("21+"))


def compute(scope: Scope) -> list[Table]:
    today = (
        scope.cases()
        .filter(
            outcome=DischargeCase.Outcome.OPEN,
            referral__discharge_ready_date__lt=scope.today,
        )
        .values("pathway")
        .annotate(n=Count("pk"))
        .order_by("pathway")
    )
    today_rows = [[_pathway_label(r["pathway"]), r["n"]] for r in today]
    today_rows.append(["All", sum(r[1] for r in today_rows)])
    delayed = delayed_in_period(scope)

    def grouped(field, label):
        rows = [
            [label(r[field]), r["n"], whole_days(r["total"], r["n"])]
            for r in delayed.values(field)
            .annotate(total=Sum("span"), n=Count("pk"))
            .order_by(field)
        ]
        rows.append(["All", sum(r[1] for r in rows), sum(r[2] for r in rows)])
        return rows

    by_pathway = grouped("pathway", _pathway_label)
    by_locality = grouped("locality__name", str)
    total_days = by_pathway[-1][2]
    reasons = [
        [r["reason__label"], whole_days(r["total"], r["n"])]
        for r in reason_days(scope)
        .values("reason__label")
        .annotate(total=Sum("span"), n=Count("pk"))
        .order_by("reason__label")
    ]
    reasons.sort(key=lambda r: -r[1])
    reasons.append([NO_REASON, max(total_days - sum(r[1] for r in reasons), 0)])
    bands = dict(
        delayed.annotate(band=_band())
        .values("band")
        .annotate(n=Count("pk"))
        .values_list("band", "n")
    )
    labels = [label for _low, _high, label in BANDS] + ["21+"]
    period = f"{scope.start:%d/%m/%Y} to {scope.last_day:%d/%m/%Y}"
    return [
        Table(
            "delayed_today",
            "People delayed past their discharge ready date today "
            f"({scope.today:%d/%m/%Y})",
            ["Pathway", "People delayed"],
            today_rows,
            Chart("bar", 0, (1,)),
        ),
        Table(
            "delay_days_by_pathway",
            "Delay days in the period by pathway",
            ["Pathway", "People delayed", "Delay days"],
            by_pathway,
            Chart("bar", 0, (2,), "days"),
            note=f"Delayed days from {period}.",
        ),
        Table(
            "delay_days_by_locality",
            "Delay days in the period by locality",
            ["Locality", "People delayed", "Delay days"],
            by_locality,
            Chart("bar", 0, (2,), "days"),
        ),
        Table(
            "delay_days_by_reason",
            "Delay days in the period by reason for delay",
            ["Reason for delay", "Delay days"],
            reasons,
            Chart("bar", 0, (1,), "days"),
        ),
        Table(
            "delay_distribution",
            "People delayed by delay days in the period",
            ["Delay days", "People"],
            [[label, bands.get(label, 0)] for label in labels],
            Chart("bar", 0, (1,)),
        ),
    ]


register(Section("delays", "Delays", compute, order=20))
