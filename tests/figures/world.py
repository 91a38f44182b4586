"""A small hand-built world whose figures the tests work out by hand.

The period is the week Monday 9 to Sunday 15 November 2026; "today" is
Friday 20 November 2026. Two localities: Northfield and Southbrook.

case place source     received     triaged (min) DRD   end               pathway
A    north acute ward 10/11 09:00  accept (10)   10/11 discharged 10/11  1
B    north acute ward 11/11 09:00  accept (40)   11/11 discharged 14/11  0
C    north GP         12/11 10:00  decline (20)  —     not accepted      —
D    north community  13/11 08:00  accept (60)   13/11 open              —
E    north acute ward 14/11 20:00  not yet       14/11 discharged 15/11  1
     (E is B's person readmitted and discharged again)
F    south acute ward 10/11 12:00  accept (5)    09/11 discharged 12/11  2
G    north acute ward 03/11 09:00  —             05/11 closed 12/11      —
"""

import datetime

from django.utils import timezone

from cases.delay_reasons import ensure_delay_reasons
from cases.models import DelayReason, DelayRecord, DischargeCase, Person, Referral
from equipment.models import EquipmentOrder
from hub.flows import DischargeFlow
from pathways.models import (
    AllocationProposal,
    AllocationRun,
    ProviderCapacity,
    ReablementStart,
)
from triage.models import TriageDecision

D = datetime.date
START, END, TODAY = D(2026, 11, 9), D(2026, 11, 15), D(2026, 11, 20)


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    local = timezone.get_current_timezone()
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=local)


def _person(nhs: str, name: str, locality) -> Person:
    return Person.objects.create(
        nhs_number=nhs,
        given_name=name,
        family_name="Figures",
        date_of_birth=D(1940, 1, 1),
        address_line_1="1 Lane",
        town="Town",
        postcode="NF1 1AA",
        locality=locality,
    )


def _case(
    person,
    locality,
    *,
    source,
    received,
    drd=None,
    outcome="open",
    discharged=None,
    pathway=None,
    triage=None,
    by=None,
):
    referral = Referral.objects.create(
        person=person,
        source=source,
        referrer_name="Ward sister",
        received_at=received,
        admission_date=drd and drd - datetime.timedelta(days=3),
        discharge_ready_date=drd,
        presenting_needs="Needs help at home",
    )
    case = DischargeCase.objects.create(
        flow_class=DischargeFlow,
        referral=referral,
        locality=locality,
        pathway=pathway,
        outcome=outcome,
        actual_discharge=discharged,
    )
    if triage:
        outcome_code, minutes = triage
        decision = TriageDecision.objects.create(
            case=case,
            outcome=outcome_code,
            priority="routine",
            reason="r",
            decided_by=by,
        )
        TriageDecision.objects.filter(pk=decision.pk).update(
            decided_at=received + datetime.timedelta(minutes=minutes)
        )
    return case


def build(localities, user, provider=None, catalogue=None) -> dict:
    north, south = localities
    ensure_delay_reasons()
    ada = _person("9990000018", "Ada", north)
    bert = _person("9990000026", "Bert", north)
    cara = _person("9990000034", "Cara", north)
    dot = _person("9990000042", "Dot", north)
    fay = _person("9990000050", "Fay", south)
    gus = _person("9990000069", "Gus", north)
    acute, gp, community = "acute_ward", "gp", "community_hospital"
    cases = {
        "A": _case(
            ada,
            north,
            source=acute,
            received=at(10, 9),
            drd=D(2026, 11, 10),
            outcome="discharged",
            discharged=at(10, 15),
            pathway=1,
            triage=("accept", 10),
            by=user,
        ),
        "B": _case(
            bert,
            north,
            source=acute,
            received=at(11, 9),
            drd=D(2026, 11, 11),
            outcome="discharged",
            discharged=at(14, 11),
            pathway=0,
            triage=("accept", 40),
            by=user,
        ),
        "C": _case(
            cara,
            north,
            source=gp,
            received=at(12, 10),
            outcome="not_accepted",
            triage=("decline", 20),
            by=user,
        ),
        "D": _case(
            dot,
            north,
            source=community,
            received=at(13, 8),
            drd=D(2026, 11, 13),
            triage=("accept", 60),
            by=user,
        ),
        "E": _case(
            bert,
            north,
            source=acute,
            received=at(14, 20),
            drd=D(2026, 11, 14),
            outcome="discharged",
            discharged=at(15, 12),
            pathway=1,
        ),
        "F": _case(
            fay,
            south,
            source=acute,
            received=at(10, 12),
            drd=D(2026, 11, 9),
            outcome="discharged",
            discharged=at(12, 16),
            pathway=2,
            triage=("accept", 5),
            by=user,
        ),
        "G": _case(
            gus,
            north,
            source=acute,
            received=at(3, 9),
            drd=D(2026, 11, 5),
            outcome="closed",
        ),
    }
    reasons = list(DelayReason.objects.all()[:3])
    r1, r2, r3 = reasons

    def delay(case, reason, first, last=None, error=False):
        DelayRecord.objects.create(
            case=cases[case],
            reason=reason,
            from_date=first,
            to_date=last,
            owner_team="Hub",
            recorded_by=user,
            entered_in_error=error,
        )

    delay("B", r1, D(2026, 11, 12), D(2026, 11, 13))  # 2 of B's 3 days
    delay("D", r2, D(2026, 11, 14))  # open: 14 and 15 in the period
    delay("F", r3, D(2026, 11, 10), D(2026, 11, 12), error=True)  # ignored
    if catalogue:
        item = catalogue["commode"]

        def order(case, ordered, delivered):
            EquipmentOrder.objects.create(
                case=cases[case],
                item=item,
                status="delivered",
                due_on=ordered.date(),
                ordered_by=user,
                ordered_at=ordered,
                delivered_at=delivered,
            )

        order("A", at(10, 9), at(10, 14))  # 0 days, same day as discharge
        order("B", at(11, 10), at(13, 9))  # 2 days, before discharge 14/11
        order("F", at(10, 9), at(13, 9))  # 3 days, after discharge 12/11: late
    if provider:
        ProviderCapacity.objects.filter(provider=provider).delete()
        for band in ("morning", "lunch", "tea"):
            for day in (D(2026, 11, 10), D(2026, 11, 20)):
                ProviderCapacity.objects.create(
                    provider=provider, date=day, band=band, minutes=100
                )

        def start(case, day, status="agreed"):
            ReablementStart.objects.create(
                case=cases[case],
                provider=provider,
                start_date=day,
                visits=[{"band": "morning", "minutes": 30, "carers": 1}],
                status=status,
                agreed_by=user,
            )

        start("A", D(2026, 11, 10))  # booked, used (discharged)
        # Offered to the provider, not yet agreed: not booked.
        start("D", D(2026, 11, 15), status="offered")
        start("E", D(2026, 11, 15), status="cancelled")  # not counted

        def run(what_if=False):
            r = AllocationRun.objects.create(
                run_by=user,
                what_if=what_if,
                problem={},
                result={},
                greedy_result={},
                score=0,
                greedy_score=0,
                seconds=0.1,
                status="OPTIMAL",
                method="cp-sat",
            )
            r.localities.set([north])
            AllocationRun.objects.filter(pk=r.pk).update(created_at=at(12, 9))
            return r

        real = run()
        run(what_if=True)

        def proposal(case, day, greedy, status):
            AllocationProposal.objects.create(
                run=real,
                case=cases[case],
                provider=provider,
                start_date=day,
                greedy_start_date=greedy,
                status=status,
            )

        # Accepted: offered to the provider; placed only once it agreed.
        proposal("A", D(2026, 11, 10), D(2026, 11, 12), "accepted")  # agreed
        proposal("B", D(2026, 11, 14), D(2026, 11, 17), "accepted")  # no start
        proposal("E", D(2026, 11, 15), None, "accepted")  # start cancelled
        proposal("D", D(2026, 11, 15), D(2026, 11, 16), "rejected")
    return cases
