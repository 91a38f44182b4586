"""Safeguarding: concerns received, section 42 and other enquiries decided,
and the stages completed in the period on time or late, for people living
in the localities.

Counts are aggregates. Timeliness is the safeguarding app's own clock
(safeguarding.selectors.concern_clock: working days without England's bank
holidays, from each concern's policy), which no SQL expression reproduces;
it is applied to the concerns with a stage done in the period — tens a
month, not the cases, nor every concern open in the period."""

from safeguarding.codes import Route
from safeguarding.models import Concern
from safeguarding.selectors import (
    concern_clock,
    concern_queryset,
    concerns_with_a_stage_since,
)
from safeguarding.timescales import STAGES

from ..registry import Chart, Scope, Section, Table, register


def counts(scope: Scope) -> Table:
    concerns = Concern.objects.filter(person__locality__in=scope.localities)
    received = concerns.filter(scope.during("received_at")).count()
    decided = concerns.filter(scope.during("decision__recorded_at"))
    return Table(
        "safeguarding",
        "Safeguarding concerns and enquiries",
        ["Measure", "Value"],
        [
            ["Concerns received", received],
            [
                "Decisions: section 42 enquiry",
                decided.filter(decision__route=Route.S42).count(),
            ],
            [
                "Decisions: other enquiry",
                decided.filter(decision__route=Route.OTHER).count(),
            ],
            ["Decisions in all", decided.count()],
        ],
    )


def timeliness(scope: Scope) -> Table:
    """Stages done in the period, on time (within the policy's working
    days) or late, per stage."""
    concerns = (
        concern_queryset()
        .filter(person__locality__in=scope.localities, received_at__lt=scope.until)
        .exclude(finished__lt=scope.since)
        .filter(concerns_with_a_stage_since(scope.start, scope.since))
    )
    tally = {stage.key: [0, 0] for stage in STAGES}
    for concern in concerns:
        for clock in concern_clock(concern, scope.today):
            if clock.done is None or clock.due is None:
                continue
            if scope.start <= clock.done <= scope.end:
                tally[clock.key][1 if clock.breached else 0] += 1
    rows = []
    for stage in STAGES:
        on_time, late = tally[stage.key]
        if on_time or late:
            rows.append([stage.title, on_time + late, on_time, late])
    rows.append(["All stages", *(sum(r[i] for r in rows) for i in (1, 2, 3))])
    return Table(
        "safeguarding_timeliness",
        "Safeguarding stages completed in the period",
        ["Stage", "Completed", "On time", "Late"],
        rows,
        Chart("grouped", 0, (2, 3)),
        note="On time: within the working days the concern's timescale policy sets.",
    )


def compute(scope: Scope) -> list[Table]:
    return [counts(scope), timeliness(scope)]


register(Section("safeguarding", "Safeguarding", compute, order=50))
