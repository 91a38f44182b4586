"""The Safeguarding Adults Collection (SAC) return for a period, counted
from the coded data, table by table as the collection asks for it.

Sources (NHS England / DHSC, "Guidance for completing the Safeguarding
Adults Collection (SAC)", 2024-25, SG1: Demographics,
https://digital.nhs.uk/.../safeguarding-adults-collection/sg1-demographics,
and "Safeguarding adults collection (SAC) data return, 2025 to 2026:
guidance for local authorities", gov.uk, 29 January 2026):

- Concerns count by the date received; enquiries by the date they commenced
  (the section 42 decision); concluded enquiries by the date their outcome
  was recorded. An enquiry closed before its outcome stage is concluded by
  the closure, with the result given then (e.g. "Enquiry ceased at the
  individual's request"): it is counted like any other.
- SG1a-c count *individuals* (adults at risk), each once per column however
  many concerns or enquiries they had: by age band (age on the last day of
  the period), sex and ethnicity. SG1d counts the *cases* (concerns,
  enquiries) by the adult's primary support reason, so one person may count
  more than once.
- SG2 counts concluded section 42 enquiries by type, location and source of
  risk, crossed: type x source (SG2a), location x source (SG2b), type x
  location (SG2c). An enquiry with several types, locations or sources counts
  once in each combination that applies; each table's "Total" column counts
  the enquiry once per row, and its "All" row once per column.
- SG3 crosses the action taken and result (SG3a) and, where a risk was
  identified and action taken, the risk outcome (SG3b) with the source.
- SG4 (concluded section 42 and other enquiries): whether the adult lacked
  capacity (SG4a), and where they did, whether they were supported by an
  advocate, family or friend (SG4b: one "Yes" whoever gave it); whether
  they were asked about the outcomes they want (SG4c), and where they
  expressed them, whether the outcomes were achieved (SG4d). Anything not
  coded counts as "Not recorded".
- SG5: Safeguarding Adults Reviews commissioned and completed in the period,
  by the basis of the review (Care Act s44).
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from cases.demographics import AGE_BAND_LABELS, Ethnicity, Sex, SupportReason, age_band

from .codes import (
    ADVOCACY_YES,
    ActionResult,
    MspAchieved,
    MspAsked,
    RiskLocation,
    RiskOutcome,
    RiskSource,
    RiskType,
    Route,
    YesNoDontKnow,
)
from .models import Concern, Decision, Outcome, SafeguardingAdultsReview

TOTAL = "Total"
ALL = "All"
NOT_RECORDED = "Not recorded"


@dataclass
class Table:
    code: str
    title: str
    columns: list[str]
    rows: list[str]
    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    note: str = ""

    def add(self, row: str, column: str, n: int = 1) -> None:
        self.cells[(row, column)] = self.cells.get((row, column), 0) + n

    def value(self, row: str, column: str) -> int:
        return self.cells.get((row, column), 0)

    def grid(self) -> list[tuple[str, list[int]]]:
        return [(row, [self.value(row, c) for c in self.columns]) for row in self.rows]


def _range(prefix: str, start: datetime.date, end: datetime.date) -> dict:
    return {f"{prefix}__date__gte": start, f"{prefix}__date__lte": end}


def _labels(choices) -> dict:
    return dict(choices)


def sac_return(*, start: datetime.date, end: datetime.date) -> list[Table]:
    concerns = list(
        Concern.objects.filter(**_range("received_at", start, end)).select_related(
            "person"
        )
    )
    decisions = list(
        Decision.objects.filter(
            **_range("recorded_at", start, end), route__in=[Route.S42, Route.OTHER]
        ).select_related("concern__person")
    )
    outcomes = list(
        Outcome.objects.filter(**_range("recorded_at", start, end))
        .select_related("concern__decision", "concern__closure")
        .prefetch_related("concern__risk_types")
    )
    s42 = [d.concern for d in decisions if d.route == Route.S42]
    other = [d.concern for d in decisions if d.route == Route.OTHER]
    return [
        _totals(concerns, s42, other, outcomes),
        *_sg1(concerns, s42, other, end),
        *_sg2(outcomes),
        *_sg3(outcomes),
        *_sg4(outcomes),
        _sg5(start, end),
    ]


def _totals(concerns, s42, other, outcomes) -> Table:
    table = Table("SG1", "Concerns, enquiries and individuals", ["Count"], [])
    early = [o for o in outcomes if _closed_early(o)]
    figures = [
        ("Safeguarding concerns", len(concerns)),
        ("Section 42 enquiries commenced", len(s42)),
        ("Other safeguarding enquiries commenced", len(other)),
        ("Individuals involved in safeguarding concerns", _people(concerns)),
        ("Individuals involved in section 42 enquiries", _people(s42)),
        ("Individuals involved in other enquiries", _people(other)),
        ("Concluded section 42 enquiries", len(_concluded(outcomes, Route.S42))),
        ("Concluded other enquiries", len(_concluded(outcomes, Route.OTHER))),
        ("Concluded enquiries closed before their outcome stage", len(early)),
    ]
    for label, n in figures:
        table.rows.append(label)
        table.add(label, "Count", n)
    return table


def _people(concerns) -> int:
    return len({c.person_id for c in concerns})


def _closed_early(outcome: Outcome) -> bool:
    closure = getattr(outcome.concern, "closure", None)
    return closure is not None and closure.early


def _concluded(outcomes, route) -> list[Concern]:
    return [o.concern for o in outcomes if o.concern.decision.route == route]


PEOPLE_COLUMNS = [
    "Individuals involved in safeguarding concerns",
    "Individuals involved in section 42 enquiries",
    "Individuals involved in other enquiries",
]
CASE_COLUMNS = ["Safeguarding concerns", "Section 42 enquiries", "Other enquiries"]


def _sg1(concerns, s42, other, end) -> list[Table]:
    groups = list(zip(PEOPLE_COLUMNS, (concerns, s42, other), strict=True))
    keys = [
        (
            "SG1a",
            "Individuals by age band",
            lambda p: age_band(p.date_of_birth, end),
            {label: label for label in AGE_BAND_LABELS},
        ),
        ("SG1b", "Individuals by sex", lambda p: p.sex, _labels(Sex.choices)),
        (
            "SG1c",
            "Individuals by ethnicity",
            lambda p: p.ethnicity,
            _labels(Ethnicity.choices),
        ),
    ]
    tables = []
    for code, title, key, labels in keys:
        table = Table(code, title, PEOPLE_COLUMNS, list(labels.values()) + [TOTAL])
        for column, cases in groups:
            people = {c.person_id: c.person for c in cases}
            for person in people.values():
                table.add(labels[key(person)], column)
                table.add(TOTAL, column)
        tables.append(table)
    psr = _labels(SupportReason.choices)
    table = Table(
        "SG1d",
        "Concerns and enquiries by primary support reason",
        CASE_COLUMNS,
        list(psr.values()) + [TOTAL],
        note="Cases, not individuals: an adult counts once per concern or enquiry.",
    )
    for column, cases in zip(CASE_COLUMNS, (concerns, s42, other), strict=True):
        for concern in cases:
            table.add(psr[concern.person.primary_support_reason], column)
            table.add(TOTAL, column)
    tables.append(table)
    return tables


def _codes(concern: Concern, what: str) -> list[str]:
    if what == "type":
        return [row.code for row in concern.risk_types.all()]
    if what == "location":
        return list(concern.risk_locations)
    return list(concern.risk_sources)


DIMENSIONS = {
    "type": ("Type of risk", RiskType.choices),
    "location": ("Location of risk", RiskLocation.choices),
    "source": ("Source of risk", RiskSource.choices),
}


def _cross(code, rows_by, columns_by, concerns) -> Table:
    row_title, row_choices = DIMENSIONS[rows_by]
    col_title, col_choices = DIMENSIONS[columns_by]
    row_labels, col_labels = _labels(row_choices), _labels(col_choices)
    table = Table(
        code,
        f"Concluded section 42 enquiries: {row_title.lower()} by {col_title.lower()}",
        list(col_labels.values()) + [TOTAL],
        list(row_labels.values()) + [ALL],
    )
    for concern in concerns:
        rows = [row_labels[v] for v in _codes(concern, rows_by)]
        columns = [col_labels[v] for v in _codes(concern, columns_by)]
        for row in rows:
            for column in columns:
                table.add(row, column)
            table.add(row, TOTAL)
        for column in columns:
            table.add(ALL, column)
        table.add(ALL, TOTAL)
    return table


def _sg2(outcomes) -> list[Table]:
    concluded = _concluded(outcomes, Route.S42)
    return [
        _cross("SG2a", "type", "source", concluded),
        _cross("SG2b", "location", "source", concluded),
        _cross("SG2c", "type", "location", concluded),
    ]


def _by_source(code, title, labels, value_of, outcomes) -> Table:
    sources = _labels(RiskSource.choices)
    table = Table(
        code, title, list(sources.values()) + [TOTAL], list(labels.values()) + [ALL]
    )
    for outcome in outcomes:
        value = value_of(outcome)
        if value is None:
            continue
        row = labels[value]
        for source in outcome.concern.risk_sources:
            table.add(row, sources[source])
            table.add(ALL, sources[source])
        table.add(row, TOTAL)
        table.add(ALL, TOTAL)
    return table


def _sg3(outcomes) -> list[Table]:
    s42 = [o for o in outcomes if o.concern.decision.route == Route.S42]
    return [
        _by_source(
            "SG3a",
            "Concluded section 42 enquiries: action taken and result, by source "
            "of risk",
            _labels(ActionResult.choices),
            lambda o: o.action_result,
            s42,
        ),
        _by_source(
            "SG3b",
            "Concluded section 42 enquiries where a risk was identified and action "
            "taken: risk outcome, by source of risk",
            _labels(RiskOutcome.choices),
            lambda o: (
                o.risk_outcome or None
                if o.action_result == ActionResult.RISK_ACTION
                else None
            ),
            s42,
        ),
    ]


ROUTE_COLUMNS = ["Section 42 enquiries", "Other enquiries", TOTAL]


def _split(code, title, labels, value_of, outcomes) -> Table:
    """Rows from `labels` (blank codes count as not recorded), columns by
    the kind of enquiry."""
    table = Table(code, title, ROUTE_COLUMNS, list(labels.values()) + [TOTAL])
    for outcome in outcomes:
        value = value_of(outcome)
        if value is None:
            continue
        row = labels.get(value or "not_recorded", NOT_RECORDED)
        column = ROUTE_COLUMNS[0 if outcome.concern.decision.route == Route.S42 else 1]
        for name in (column, TOTAL):
            table.add(row, name)
            table.add(TOTAL, name)
    return table


def _sg4(outcomes) -> list[Table]:
    support = {
        "yes": "Yes, supported by an advocate, family or friend",
        "none": "No",
        "dont_know": "Don't know",
        "not_recorded": NOT_RECORDED,
    }

    def supported(outcome):
        concern = outcome.concern
        if concern.lacked_capacity != YesNoDontKnow.YES:
            return None
        if concern.capacity_support in ADVOCACY_YES:
            return "yes"
        return concern.capacity_support

    def achieved(outcome):
        if outcome.concern.msp_asked != MspAsked.YES_EXPRESSED:
            return None
        return outcome.msp_achieved

    achieved_labels = {**_labels(MspAchieved.choices), "not_recorded": NOT_RECORDED}
    return [
        _split(
            "SG4a",
            "Concluded enquiries: was the individual assessed as lacking capacity?",
            _labels(YesNoDontKnow.choices),
            lambda o: o.concern.lacked_capacity,
            outcomes,
        ),
        _split(
            "SG4b",
            "Where they lacked capacity: support by an advocate, family or friend",
            support,
            supported,
            outcomes,
        ),
        _split(
            "SG4c",
            "Making Safeguarding Personal: was the individual asked about the "
            "outcomes they wanted?",
            _labels(MspAsked.choices),
            lambda o: o.concern.msp_asked,
            outcomes,
        ),
        _split(
            "SG4d",
            "Where outcomes were expressed: were they achieved?",
            achieved_labels,
            achieved,
            outcomes,
        ),
    ]


def _sg5(start: datetime.date, end: datetime.date) -> Table:
    bases = _labels(SafeguardingAdultsReview.Basis.choices)
    columns = ["Commissioned in the period", "Completed in the period"]
    table = Table(
        "SG5", "Safeguarding Adults Reviews", columns, [*bases.values(), TOTAL]
    )
    for review in SafeguardingAdultsReview.objects.all():
        dates = (review.started_on, review.completed_on)
        for column, day in zip(columns, dates, strict=True):
            if day is not None and start <= day <= end:
                table.add(bases[review.basis], column)
                table.add(TOTAL, column)
    return table


def sac_return_csv(tables: list[Table]) -> str:
    """Every cell, one a line: table, title, row, column, value."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["table", "title", "row", "column", "value"])
    for table in tables:
        for row in table.rows:
            for column in table.columns:
                writer.writerow(
                    [table.code, table.title, row, column, table.value(row, column)]
                )
    return out.getvalue()
