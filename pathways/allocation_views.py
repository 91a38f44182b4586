"""Allocation pages: run, review proposals, accept or reject, what-if."""

import json
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from viewflow.workflow.exceptions import FlowLockFailed

from background.selectors import run_list_for_user
from background.services import run_queue
from cases.models import DischargeCase
from cases.selectors import case_scope

from . import allocator, tasks
from .allocation import parse
from .allocation.model import ProblemError
from .allocation.parse import problem_from_upload
from .models import AllocationProposal, Provider
from .selectors import (
    allocation_runs_visible,
    planning_localities,
    run_entries_in_scope,
    waiting_cases,
)

RUN_SECONDS = 10.0
WHAT_IF_SECONDS = 5.0
ALLOCATION, WHAT_IF = "allocation", "what-if"
LIMITS = {
    "cases": parse.UPLOAD_MAX_CASES,
    "providers": parse.UPLOAD_MAX_PROVIDERS,
    "days": parse.MAX_DAYS,
    "work": f"{parse.UPLOAD_MAX_WORK:,}",
    "megabytes": parse.UPLOAD_MAX_BYTES // 1_000_000,
    "seconds": WHAT_IF_SECONDS,
}
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _in_words(reason: str, provider_names: dict[str, str]) -> str:
    """The core speaks in ids and ISO dates; coordinators read names and UK dates."""
    for code, name in provider_names.items():
        reason = re.sub(rf"(?<![\w-]){re.escape(code)}(?![\w-])", name, reason)
    return ISO_DATE.sub(r"\3/\2/\1", reason)


def _require_worker(user) -> None:
    if not user.has_perm("cases.work_case"):
        raise PermissionDenied


def allocation(request, pk: int | None = None):
    """The latest run (or run `pk`) in your scope: its proposals and unplaced cases."""
    _require_worker(request.user)
    # A run's problem can be megabytes: the page reads only what it shows.
    visible = allocation_runs_visible(request.user)
    shown = visible.select_related("run_by").defer("problem", "greedy_result")
    runs = visible.filter(what_if=False)
    run = get_object_or_404(shown, pk=pk) if pk else shown.filter(what_if=False).first()
    context = {
        "run": run,
        "runs": runs.only("pk", "created_at")[:10],
        "waiting": waiting_cases(request.user).count(),
        "pending": run_list_for_user(request.user)
        .filter(kind=ALLOCATION, status__in=["queued", "running"])
        .first(),
    }
    if run is not None:
        context["proposals"] = run.proposals.filter(
            case__in=case_scope(request.user)
        ).select_related(
            "case__referral__person", "case__locality", "provider", "decided_by"
        )
        context["unplaced"] = _unplaced(run, request.user)
    return render(request, "pathways/allocation.html", context)


def _unplaced(run, user) -> list[tuple[DischargeCase, str]]:
    unassigned = run_entries_in_scope(run, user)[1]
    cases = DischargeCase.objects.select_related(
        "referral__person", "locality"
    ).in_bulk([int(u["case"]) for u in unassigned])
    names = dict(Provider.objects.values_list("code", "name"))
    return [(cases[int(u["case"])], _in_words(u["reason"], names)) for u in unassigned]


@require_POST
def allocation_run(request):
    """Queue a run planning the user's localities (the county for a manager);
    its page follows the solve and leads to the proposals. A run of theirs
    still waiting or running is shown rather than a second one queued."""
    _require_worker(request.user)
    if not planning_localities(request.user).exists():
        messages.error(request, "You have no localities to plan for; ask an admin.")
        return redirect("hub:allocation")
    unfinished = run_list_for_user(request.user).filter(
        kind=ALLOCATION, status__in=["queued", "running"]
    )
    run = unfinished.first() or run_queue(
        kind=ALLOCATION,
        title="Allocation run",
        actor=request.user,
        task=tasks.allocation_run_task,
        params={"time_limit_s": RUN_SECONDS},
    )
    return redirect("hub:background_run", pk=run.pk)


def _proposal_for(request, pk: int) -> AllocationProposal:
    _require_worker(request.user)
    return get_object_or_404(
        AllocationProposal.objects.select_related("case", "run"),
        pk=pk,
        run__in=allocation_runs_visible(request.user),
        run__what_if=False,
        case__in=case_scope(request.user),
    )


def _accept(request, proposal) -> bool:
    try:
        allocator.proposal_accept(proposal=proposal, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(getattr(error, "messages", [str(error)]))
        messages.error(
            request, f"{proposal.case.reference}: not accepted, nothing changed. {text}"
        )
        return False
    except FlowLockFailed:
        messages.error(
            request,
            f"{proposal.case.reference}: someone else is working on "
            "this case right now; try again in a moment.",
        )
        return False
    return True


@require_POST
def proposal_accept(request, pk: int):
    proposal = _proposal_for(request, pk)
    if _accept(request, proposal):
        messages.success(
            request,
            f"{proposal.case.reference}: start agreed with "
            f"{proposal.provider} from {proposal.start_date:%d/%m/%Y}.",
        )
    return redirect("hub:allocation_run_detail", pk=proposal.run_id)


@require_POST
def proposal_accept_all(request, pk: int):
    _require_worker(request.user)
    run = get_object_or_404(allocation_runs_visible(request.user), pk=pk, what_if=False)
    proposals = run.proposals.filter(
        status=AllocationProposal.Status.PROPOSED, case__in=case_scope(request.user)
    )
    accepted = sum(_accept(request, proposal) for proposal in proposals)
    messages.success(
        request, f"{accepted} proposal{'s' if accepted != 1 else ''} accepted."
    )
    return redirect("hub:allocation_run_detail", pk=run.pk)


def proposal_reject(request, pk: int):
    proposal = _proposal_for(request, pk)
    error = None
    if request.method == "POST":
        try:
            allocator.proposal_reject(
                proposal=proposal,
                actor=request.user,
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"{proposal.case.reference}: proposal rejected.")
            return redirect("hub:allocation_run_detail", pk=proposal.run_id)
    return render(
        request,
        "pathways/proposal_reject.html",
        {"proposal": proposal, "case": proposal.case, "error": error},
        status=422 if error else 200,
    )


def problem_download(request):
    _require_worker(request.user)
    response = HttpResponse(
        json.dumps(allocator.problem_build(request.user), indent=1),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="allocation-problem.json"'
    return response


def what_if(request):
    """Solve an edited problem: figures and proposals to read, nothing to accept.

    The upload is checked whole (size, nesting, counts, ranges, work) before
    it is queued, so a bad file is a 400 at once; the solve, with its time
    limit, runs in the background and its page leads to the result."""
    _require_worker(request.user)
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("problem")
        try:
            if upload is None:
                raise ProblemError(["problem: choose a JSON file to upload"])
            raw = upload.read(parse.UPLOAD_MAX_BYTES + 1)  # no more than refused
            data, _problem = problem_from_upload(raw)
        except ProblemError as exc:
            errors = list(exc.errors)
        else:
            run = run_queue(
                kind=WHAT_IF,
                title=f"What-if solve of {_file_name(upload.name)}",
                actor=request.user,
                task=tasks.what_if_task,
                params={"problem": data, "time_limit_s": WHAT_IF_SECONDS},
            )
            return redirect("hub:background_run", pk=run.pk)
    return render(
        request,
        "pathways/what_if.html",
        {"errors": errors, "limits": LIMITS},
        status=400 if errors else 200,
    )


def _file_name(name: str) -> str:
    """An uploaded file's name as a title may show it: plain characters only."""
    return re.sub(r"[^\w .()-]", "", name or "")[:80] or "an upload"


def what_if_result(request, pk: int):
    """A what-if run's result, for its maker."""
    _require_worker(request.user)
    run = get_object_or_404(allocation_runs_visible(request.user), pk=pk, what_if=True)
    return render(
        request, "pathways/what_if.html", {"errors": [], "run": run, "limits": LIMITS}
    )
