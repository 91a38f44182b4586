"""The Safeguarding Adults Collection return for a date range, counted from
the coded data.

- Concerns: received in the range.
- Enquiries started: section 42 decisions recorded in the range, by route.
- Concluded enquiries: outcomes recorded in the range, split into section 42
  and other enquiries, by type of risk (a concern may count under several),
  location and source of risk, action and result, risk outcome, mental
  capacity and advocacy, and Making Safeguarding Personal.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from .codes import (
    ActionResult,
    CapacitySupport,
    MspAchieved,
    MspAsked,
    RiskLocation,
    RiskOutcome,
    RiskSource,
    RiskType,
    Route,
    YesNoDontKnow,
)
from .models import Concern, Decision, Outcome


@dataclass
class Line:
    label: str
    s42: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.s42 + self.other


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)
    split: bool = True  # counted separately for s42 and other enquiries


def _in_range(prefix: str, start: datetime.date, end: datetime.date) -> dict:
    return {f"{prefix}__date__gte": start, f"{prefix}__date__lte": end}


def _coded(title: str, choices, value_of, concluded) -> Section:
    section = Section(title, [Line(label) for _, label in choices])
    index = {value: i for i, (value, _) in enumerate(choices)}
    for concern, route in concluded:
        for value in value_of(concern):
            if value in index:
                line = section.lines[index[value]]
                if route == Route.S42:
                    line.s42 += 1
                else:
                    line.other += 1
    return section


def sac_return(*, start: datetime.date, end: datetime.date) -> list[Section]:
    received = Concern.objects.filter(**_in_range("received_at", start, end))
    decisions = Decision.objects.filter(**_in_range("recorded_at", start, end))
    headline = Section("Concerns and enquiries", split=False)
    headline.lines = [
        Line("Concerns received", received.count()),
        Line("Section 42 enquiries started", decisions.filter(route="s42").count()),
        Line("Other enquiries started", decisions.filter(route="other").count()),
        Line("No enquiry, onward action", decisions.filter(route="none").count()),
    ]
    outcomes = (
        Outcome.objects.filter(**_in_range("recorded_at", start, end))
        .select_related("concern__decision")
        .prefetch_related("concern__risk_types")
    )
    concluded = [(o.concern, o.concern.decision.route) for o in outcomes]
    outcome_of = {o.concern_id: o for o in outcomes}
    lacked = [(c, r) for c, r in concluded if c.lacked_capacity == YesNoDontKnow.YES]
    expressed = [(c, r) for c, r in concluded if c.msp_asked == MspAsked.YES_EXPRESSED]
    return [
        headline,
        _coded(
            "Concluded enquiries",
            [("all", "Concluded enquiries")],
            lambda c: ["all"],
            concluded,
        ),
        _coded(
            "Type of risk",
            RiskType.choices,
            lambda c: [r.code for r in c.risk_types.all()],
            concluded,
        ),
        _coded(
            "Location of risk",
            RiskLocation.choices,
            lambda c: [c.location_of_risk],
            concluded,
        ),
        _coded(
            "Source of risk",
            RiskSource.choices,
            lambda c: [c.source_of_risk],
            concluded,
        ),
        _coded(
            "Action taken and result",
            ActionResult.choices,
            lambda c: [outcome_of[c.pk].action_result],
            concluded,
        ),
        _coded(
            "Risk outcome (risk identified and action taken)",
            RiskOutcome.choices,
            lambda c: _risk_outcome(outcome_of[c.pk]),
            concluded,
        ),
        _coded(
            "Did the adult lack capacity?",
            YesNoDontKnow.choices,
            lambda c: [c.lacked_capacity],
            concluded,
        ),
        _coded(
            "Where they lacked capacity: support by advocate, family or friend",
            CapacitySupport.choices,
            lambda c: [c.capacity_support],
            lacked,
        ),
        _coded(
            "Making Safeguarding Personal: asked about outcomes",
            MspAsked.choices,
            lambda c: [c.msp_asked],
            concluded,
        ),
        _coded(
            "Where outcomes were expressed: achieved",
            MspAchieved.choices,
            lambda c: [outcome_of[c.pk].msp_achieved],
            expressed,
        ),
    ]


def _risk_outcome(outcome: Outcome) -> list[str]:
    if outcome.action_result == ActionResult.RISK_ACTION:
        return [outcome.risk_outcome]
    return []


def sac_return_csv(sections: list[Section]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "measure", "s42 enquiries", "other enquiries", "total"])
    for section in sections:
        for line in section.lines:
            if section.split:
                writer.writerow(
                    [section.title, line.label, line.s42, line.other, line.total]
                )
            else:
                writer.writerow([section.title, line.label, "", "", line.total])
    return out.getvalue()
