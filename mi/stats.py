"""Aggregates the sections share, computed in the database."""

import datetime

from django.db import connection
from django.db.models import (
    Aggregate,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Func,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Greatest, Least

ONE_DAY = datetime.timedelta(days=1)


class PercentileCont(Aggregate):
    """PostgreSQL's percentile_cont(p) WITHIN GROUP (ORDER BY expr): the
    continuous percentile, interpolating between neighbouring values."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


def percentile(queryset: QuerySet, field: str, fraction: float):
    """The `fraction` percentile of the annotated `field` over `queryset`,
    interpolated as percentile_cont does; None when there are no rows.

    PostgreSQL computes it in one aggregate. Elsewhere (SQLite) the same
    figure comes from ordering: with n values the position is f × (n − 1);
    the two values either side are read with OFFSET and interpolated."""
    values = queryset.exclude(**{f"{field}__isnull": True})
    if connection.vendor == "postgresql":
        annotation = values.query.annotations[field]
        aggregate = PercentileCont(
            F(field), fraction, output_field=annotation.output_field
        )
        return values.aggregate(p=aggregate)["p"]
    n = values.count()
    if n == 0:
        return None
    position = fraction * (n - 1)
    low = int(position)
    ordered = values.order_by(field).values_list(field, flat=True)
    below = ordered[low]
    if position == low:
        return below
    above = ordered[low + 1]
    return below + (above - below) * (position - low)


def date_value(day: datetime.date) -> Value:
    return Value(day, output_field=DateField())


def days_between(last, first) -> ExpressionWrapper:
    """last − first as a duration (the database's date difference)."""
    return ExpressionWrapper(F_or(last) - F_or(first), output_field=DurationField())


def F_or(expression):
    return F(expression) if isinstance(expression, str) else expression


def overlap(first_days: list, last_days: list) -> ExpressionWrapper:
    """Days in the overlap of inclusive spans, minus one (add a day per row
    after summing): Least(last days) − Greatest(first days)."""
    return days_between(
        Least(*map(F_or, last_days), output_field=DateField()),
        Greatest(*map(F_or, first_days), output_field=DateField()),
    )


def whole_days(total: datetime.timedelta | None, rows: int = 0) -> int:
    """A summed overlap (see `overlap`) in days, with the day per row."""
    return (total.days if total else 0) + rows


class YearsBefore(Func):
    """The date `years` whole years before a date column, in the database:
    a person born on or before YearsBefore(day, 65) is 65 or over on `day`
    (cases.validators.age_on's rule). One edge differs by backend: from
    29 February, PostgreSQL lands on 28 February and SQLite on 1 March."""

    output_field = DateField()

    def __init__(self, expression, years: int, **extra):
        super().__init__(expression, **extra)
        self.years = int(years)

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"(({sql}) - make_interval(years => {self.years}))::date", params

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"date({sql}, '-{self.years} years')", params


def published_in_period(model, providers: QuerySet, scope, *, key: str, amount: str):
    """{key: total}: what these providers published (carer-minutes by band,
    beds by bed type) on the days of the period."""
    rows = model.objects.filter(
        provider__in=providers.values("pk"),
        date__gte=scope.start,
        date__lte=scope.end,
    )
    return dict(rows.values(key).annotate(n=Sum(amount)).values_list(key, "n"))
