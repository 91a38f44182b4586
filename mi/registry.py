"""The management information as a list of sections. A section is a title
and a function from a Scope (period and localities) to tables; each table
carries the chart that draws it. Another app adds a section by calling
`register()` in its ready() (or from mi.sections)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from cases.models import DischargeCase, Locality


@dataclass(frozen=True)
class Scope:
    """The period (both days inclusive), the localities, and today (the
    delay clock of open cases stops at today)."""

    start: datetime.date
    end: datetime.date
    localities: tuple[Locality, ...]
    today: datetime.date

    @property
    def last_day(self) -> datetime.date:
        """The period's last day that has happened."""
        return min(self.end, self.today)

    def cases(self) -> QuerySet[DischargeCase]:
        return DischargeCase.objects.filter(locality__in=self.localities)

    def during(self, field: str) -> Q:
        """The date-time `field` on one of the period's days (local time), as
        a range of instants: `field__date__gte` compares each row's local date,
        which no index holds, so every row the county ever had was read."""
        return Q(**{f"{field}__gte": self.since, f"{field}__lt": self.until})

    @property
    def since(self) -> datetime.datetime:
        """The period's first instant: local midnight starting its first day."""
        return _midnight(self.start)

    @property
    def until(self) -> datetime.datetime:
        """The instant after the period: local midnight ending its last day."""
        return _midnight(self.end + datetime.timedelta(days=1))


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class Chart:
    """kind: "bar" (one bar per row) or "grouped" (a bar per value column).
    label: the column naming each bar; values: the columns drawn."""

    kind: str
    label: int
    values: tuple[int, ...]
    unit: str = ""


@dataclass
class Table:
    slug: str
    title: str
    columns: list[str]
    rows: list[list]
    chart: Chart | None = None
    note: str = ""
    svg: str = field(default="", repr=False)

    @property
    def summary(self) -> str:
        """The chart's text alternative: what it shows, in words."""
        if self.chart is None:
            return ""
        named = [self.columns[i] for i in self.chart.values]
        parts = []
        for row in self.rows:
            values = ", ".join(
                f"{name} {row[i]}"
                for name, i in zip(named, self.chart.values, strict=True)
            )
            parts.append(f"{row[self.chart.label]}: {values}")
        return f"{self.title}. " + "; ".join(parts) + "."


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    compute: Callable[[Scope], list[Table]]
    order: int = 100


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> Section:
    _SECTIONS[section.slug] = section
    return section


def sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.slug))


def tables(scope: Scope) -> list[tuple[Section, list[Table]]]:
    return [(section, section.compute(scope)) for section in sections()]
