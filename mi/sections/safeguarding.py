"""Safeguarding: concerns received and section 42 enquiries decided, for
people living in the localities."""

from safeguarding.codes import Route
from safeguarding.models import Concern

from ..registry import Scope, Section, Table, register


def compute(scope: Scope) -> list[Table]:
    concerns = Concern.objects.filter(person__locality__in=scope.localities)
    received = concerns.filter(
        received_at__date__gte=scope.start, received_at__date__lte=scope.end
    ).count()
    decided = concerns.filter(
        decision__recorded_at__date__gte=scope.start,
        decision__recorded_at__date__lte=scope.end,
    )
    s42 = decided.filter(decision__route=Route.S42).count()
    other = decided.filter(decision__route=Route.OTHER).count()
    return [
        Table(
            "safeguarding",
            "Safeguarding",
            ["Measure", "Value"],
            [
                ["Concerns received", received],
                ["Decisions: section 42 enquiry", s42],
                ["Decisions: other enquiry", other],
                ["Decisions in all", decided.count()],
            ],
        )
    ]


register(Section("safeguarding", "Safeguarding", compute, order=50))
