"""Referrals received, accepted and declined by source, and the time from
referral to triage against the 30-minute standard discharge hubs work to."""

import datetime

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q

from cases.models import Referral
from triage.models import TriageDecision

from ..registry import Chart, Scope, Section, Table, register
from ..stats import percentile

STANDARD = datetime.timedelta(minutes=30)
Outcome = TriageDecision.Outcome


def received(scope: Scope):
    """Cases whose referral arrived in the period (local days)."""
    return scope.cases().filter(scope.during("referral__received_at"))


def _minutes(value: datetime.timedelta | None) -> str:
    return "" if value is None else f"{value.total_seconds() / 60:.1f}"


def compute(scope: Scope) -> list[Table]:
    counts = {
        row["referral__source"]: row
        for row in received(scope)
        .values("referral__source")
        .annotate(
            received=Count("pk"),
            accepted=Count("pk", filter=Q(triage__outcome=Outcome.ACCEPT)),
            declined=Count("pk", filter=Q(triage__outcome=Outcome.DECLINE)),
            other=Count(
                "pk",
                filter=Q(triage__outcome__in=[Outcome.SIGNPOST, Outcome.REDIRECT]),
            ),
        )
    }
    rows = []
    for source, label in Referral.Source.choices:
        row = counts.get(source, {})
        rows.append(
            [label]
            + [row.get(k, 0) for k in ("received", "accepted", "declined", "other")]
        )
    rows.append(["All sources"] + [sum(r[i] for r in rows) for i in range(1, 5)])
    by_source = Table(
        "referrals_by_source",
        "Referrals by source",
        ["Source", "Received", "Accepted", "Declined", "Signposted or redirected"],
        rows,
        Chart("grouped", 0, (1, 2, 3)),
        note="Referrals received in the period and what triage decided.",
    )
    triaged = (
        received(scope)
        .filter(triage__isnull=False)
        .annotate(
            wait=ExpressionWrapper(
                F("triage__decided_at") - F("referral__received_at"),
                output_field=DurationField(),
            )
        )
    )
    total = triaged.count()
    within = triaged.filter(wait__lte=STANDARD).count()
    median = percentile(triaged, "wait", 0.5)
    p90 = percentile(triaged, "wait", 0.9)
    share = f"{100 * within / total:.0f}%" if total else ""
    timing = Table(
        "triage_time",
        "Time from referral to triage",
        ["Measure", "Value"],
        [
            ["Referrals triaged", total],
            ["Median (minutes)", _minutes(median)],
            ["90th percentile (minutes)", _minutes(p90)],
            ["Standard (minutes)", 30],
            ["Triaged within 30 minutes", within],
            ["Share within 30 minutes", share],
        ],
        note="Minutes from the referral arriving to the triage decision, "
        "for referrals received in the period; the hub's standard is 30 minutes.",
    )
    return [by_source, timing]


register(Section("referrals", "Referrals and triage", compute, order=10))
