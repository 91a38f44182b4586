"""The allocator's Django adapter: today's problem from the database, a stored
run, and proposals that coordinators accept or reject.

Weight of a waiting case (an integer, SPEC.md `weight`):

    weight = PRIORITY_WEIGHT[priority] + 10 × min(days waited since the DRD, 30)

with urgent 60, high 30, routine 10: an urgent case outweighs a routine one
that has waited five days, and every day already waited adds to the urgency.
The earliest start and the horizon are the hub's own rules
(selectors.earliest_start, selectors.horizon), as on the booking page.
"""

import datetime
import time
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from cases.driver import open_task, task_complete
from pathways.allocation.model import PROBLEM_SCHEMA, Problem
from pathways.allocation.parse import problem_from_json
from triage.models import RiskScreen

from .models import AllocationProposal, AllocationRun, Band, Provider, ReablementStart
from .selectors import (
    booked,
    earliest_start,
    horizon,
    planning_localities,
    published,
    skills_needed,
    waiting_cases,
)
from .services import reablement_start_offer

PRIORITY_WEIGHT = {"urgent": 60, "high": 30, "routine": 10}
WAIT_WEIGHT_PER_DAY = 10
WAIT_CAP_DAYS = 30


def case_weight(priority: str, discharge_ready_date, today: datetime.date) -> int:
    drd = discharge_ready_date or today
    waited = min(max((today - drd).days, 0), WAIT_CAP_DAYS)
    return PRIORITY_WEIGHT[priority] + WAIT_WEIGHT_PER_DAY * waited


# What a problem reads of each waiting case, as plain values: the rows are
# wide (the process's data, the referral's free text), and six model
# instances a case (the case, its referral, locality, decision, screen and
# review) were most of a problem's time that grew with the cases: 70 cases at
# 100,000, 9.3 → 5.9 ms to read.
PROBLEM_READS = (
    "pk",
    "priority",
    "locality__code",
    "referral__discharge_ready_date",
    "pathway_decision__length_days",
    "pathway_decision__visit_pattern",
    "risk_screen__pk",
    *(f"risk_screen__{name}" for name in RiskScreen.SKILLS_READ),
    "ot_review__carers_per_visit",
)


def problem_build(user=None, today: datetime.date | None = None) -> dict:
    """Today's problem in the user's planning scope (the whole county for the
    scheduler, user None): the waiting cases they may see, and the capacity
    of the providers serving their localities less the starts already agreed.
    A fixed number of queries, however many cases wait."""
    from equipment.selectors import essential_ready_dates

    days = horizon(today)
    providers = list(
        Provider.objects.filter(active=True, localities__in=planning_localities(user))
        .distinct()
        .prefetch_related("localities")
    )
    pub, used = published(providers, days), booked(providers, days)
    cases = list(waiting_cases(user).values(*PROBLEM_READS))
    essential = essential_ready_dates([case["pk"] for case in cases])
    return {
        "schema": PROBLEM_SCHEMA,
        "horizon": {"start": days[0].isoformat(), "days": len(days)},
        "bands": list(Band.values),
        "providers": [
            {
                "id": provider.code,
                "localities": sorted(loc.code for loc in provider.localities.all()),
                "skills": sorted(provider.skills),
                "capacity": {
                    band: [
                        max(
                            pub.get((provider.pk, d, band), 0)
                            - used.get((provider.pk, d, band), 0),
                            0,
                        )
                        for d in days
                    ]
                    for band in Band.values
                },
            }
            for provider in providers
        ],
        "cases": [_case_json(case, days, essential.get(case["pk"])) for case in cases],
    }


def _case_json(case: dict, days: list[datetime.date], essential) -> dict:
    """A waiting case (its `PROBLEM_READS`) as the allocator reads it."""
    drd = case["referral__discharge_ready_date"]
    # Past the horizon is past it: a far-off date (a DRD mistyped as 2199)
    # leaves the case unplaced for that reason, not the problem invalid.
    after = days[-1] + datetime.timedelta(days=1)
    earliest = earliest_start(days[0], drd, essential)
    screen = (
        RiskScreen.skills_of(
            **{n: case[f"risk_screen__{n}"] for n in RiskScreen.SKILLS_READ}
        )
        if case["risk_screen__pk"] is not None
        else []
    )
    return {
        "id": str(case["pk"]),
        "locality": case["locality__code"],
        "weight": case_weight(case["priority"], drd, days[0]),
        "earliest_start": min(earliest, after).isoformat(),
        "length_days": case["pathway_decision__length_days"],
        "skills": skills_needed(screen, case["ot_review__carers_per_visit"]),
        "visits": [
            {
                "band": v["band"],
                "minutes": int(v["minutes"]),
                "carers": int(v["carers"]),
            }
            for v in case["pathway_decision__visit_pattern"]
        ],
    }


def solve_problem(problem: Problem, *, time_limit_s: float, workers: int = 2):
    """(result json, greedy result json, seconds) of a parsed problem. The
    seconds are all the solving took, as the user waited for it: loading the
    solver, the allocator and the simple plan it is compared with."""
    began = time.perf_counter()
    from pathways.allocation.greedy import solve_greedy
    from pathways.allocation.results import result_to_json
    from pathways.allocation.solve import solve

    result = result_to_json(solve(problem, time_limit_s=time_limit_s, workers=workers))
    greedy = result_to_json(solve_greedy(problem))
    return result, greedy, time.perf_counter() - began


# progress(percent, what is happening in words, seconds the next step may take)
Progress = Callable[[int, str, int], None]
Saved = Callable[[AllocationRun], None]


def _quiet(*args) -> None:
    pass


def allocation_run(
    *,
    actor,
    time_limit_s: float = 10.0,
    workers: int = 2,
    progress: Progress = _quiet,
    on_saved: Saved = _quiet,
) -> AllocationRun:
    """Solve today's problem in the actor's scope and store the run with its
    proposals, for coordinators to accept or reject.

    No transaction stays open while the solver runs: the problem is read in
    one short transaction, solved outside any, and the run and every proposal
    written in one more (`on_saved(run)` joins it: a background run records
    its result there), so a crash leaves nothing half-written.

    A run plans the actor's localities only (the whole county for a manager
    or the scheduler). Capacity is shared across localities, so two
    coordinators' runs may propose the same minutes; that cannot overbook,
    as accepting re-checks capacity under the provider's row lock.
    """
    progress(5, "Reading today's waiting cases and capacity", 120)
    with transaction.atomic():
        data = problem_build(actor)
        localities = list(planning_localities(actor))
    cases = len(data["cases"])
    progress(
        20,
        f"Solving for {cases} waiting case{'s' if cases != 1 else ''} "
        f"(at most {time_limit_s:g} s)",
        int(time_limit_s * 2) + 120,
    )
    solved = solve_problem(
        problem_from_json(data), time_limit_s=time_limit_s, workers=workers
    )
    progress(90, "Saving the proposals", 120)
    with transaction.atomic():
        run = _run_store(actor, data, solved, what_if=False)
        run.localities.set(localities)
        _proposals_create(run, actor)
        on_saved(run)
    return run


def what_if_run(
    *,
    actor,
    data: dict,
    problem: Problem,
    time_limit_s: float,
    progress: Progress = _quiet,
    on_saved: Saved = _quiet,
) -> AllocationRun:
    """Solve an uploaded problem (parse.problem_from_upload checked it) and
    store the run for its maker to read: no proposals, nothing to accept."""
    progress(10, f"Solving (at most {time_limit_s:g} s)", int(time_limit_s * 2) + 120)
    solved = solve_problem(problem, time_limit_s=time_limit_s)
    progress(90, "Saving the result", 120)
    with transaction.atomic():
        run = _run_store(actor, data, solved, what_if=True)
        on_saved(run)
    return run


def _run_store(actor, data: dict, solved, *, what_if: bool) -> AllocationRun:
    result, greedy, seconds = solved
    run = AllocationRun(
        run_by=actor,
        what_if=what_if,
        problem=data,
        result=result,
        greedy_result=greedy,
        score=result["score"],
        bound=result.get("bound"),
        greedy_score=greedy["score"],
        seconds=round(seconds, 3),
        status=result["status"],
        method=result.get("stats", {}).get("method", ""),
    )
    run._history_user = actor
    run.save()
    return run


def _proposals_create(run: AllocationRun, actor) -> None:
    """Every proposal in a few statements, each with its history row."""
    greedy_start = {a["case"]: a["start"] for a in run.greedy_result["assignments"]}
    codes = {a["provider"] for a in run.result["assignments"]}
    providers = {p.code: p for p in Provider.objects.filter(code__in=codes)}
    proposals = []
    for assignment in run.result["assignments"]:
        greedy = greedy_start.get(assignment["case"])
        proposals.append(
            AllocationProposal(
                run=run,
                case_id=int(assignment["case"]),
                provider=providers[assignment["provider"]],
                start_date=datetime.date.fromisoformat(assignment["start"]),
                greedy_start_date=(
                    datetime.date.fromisoformat(greedy) if greedy else None
                ),
            )
        )
    bulk_create_with_history(
        proposals, AllocationProposal, batch_size=500, default_user=actor
    )


def proposal_accept(*, proposal: AllocationProposal, actor) -> ReablementStart:
    """Complete the case's reablement-start step exactly as choosing by hand
    does (or, after a provider declined, book again as the case page does):
    the start is offered to the provider.

    The booking re-checks capacity under the provider's row lock; a proposal
    overtaken by events (capacity taken, the case moved on) is refused and
    nothing changes.
    """
    if proposal.run.what_if:
        raise ValidationError("A what-if run books nothing: run the allocator.")
    if proposal.status != AllocationProposal.Status.PROPOSED:
        raise ValidationError(
            f"This proposal was already {proposal.get_status_display()}."
        )
    case = proposal.case
    task = open_task(case, "reablement_start")
    returned = ReablementStart.objects.filter(
        case=case, status__in=ReablementStart.RETURNED
    ).exists()  # its offer was declined or expired: booked again without a task
    if (task is None and not returned) or not case.is_open:
        raise ValidationError(
            f"{case.reference} has moved on: it no longer waits for a reablement start."
        )
    decision = case.pathway_decision

    def offer(c):
        return reablement_start_offer(
            case=c,
            actor=actor,
            provider=proposal.provider,
            start_date=proposal.start_date,
            visits=decision.visit_pattern,
            length_days=decision.length_days,
            source=ReablementStart.Source.ALLOCATOR,
        )

    with transaction.atomic():
        start = task_complete(task, actor=actor, perform=offer) if task else offer(case)
        _decide(proposal, actor, AllocationProposal.Status.ACCEPTED)
    return start


def proposal_reject(*, proposal: AllocationProposal, actor, reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the proposal is rejected."})
    if proposal.status != AllocationProposal.Status.PROPOSED:
        raise ValidationError(
            f"This proposal was already {proposal.get_status_display()}."
        )
    _decide(proposal, actor, AllocationProposal.Status.REJECTED, reason)


def _decide(proposal, actor, status, reason: str = "") -> None:
    proposal.status, proposal.reason = status, reason
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal._history_user = actor
    proposal.save()
