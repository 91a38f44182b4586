from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from . import exports, pdf, selectors, services, support_plans, worklist
from .closing import case_may_close
from .forms import (
    CaseCloseForm,
    ContactErrorForm,
    ContactForm,
    DischargeForm,
    ReferralForm,
    SearchForm,
    TaskReassignForm,
)
from .gates import discharge_blockers, discharge_cautions
from .listing import Listing, rows_by_ids
from .models import Contact, Pathway
from .pages import (
    CASE_COLUMNS,
    CASE_DEFAULT_SORT,
    case_filter,
    case_list_filtered,
    case_page_context,
    case_rows,
)
from .plan_forms import SupportPlanForm
from .rules import MANAGE
from .taskviews import CaseTaskView, _add_errors
from .timeline import case_timeline

MY_DAY_ROWS = 20  # per list; the inbox and queue pages show the rest


class ReferralStartView(FormView):
    """The flow's start: a referral received from the ward."""

    form_class = ReferralForm
    template_name = "cases/start.html"

    def get_context_data(self, **kwargs):
        from .forms import PERSON_FIELDS, REFERRAL_FIELDS

        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["person_fields"] = [form[name] for name in PERSON_FIELDS]
        context["referral_fields"] = [form[name] for name in REFERRAL_FIELDS]
        return context

    def form_valid(self, form):
        activation = self.request.activation
        try:
            with transaction.atomic():
                services.referral_receive(
                    case=activation.process,
                    actor=self.request.user,
                    **form.service_arguments(),
                )
                activation.execute()
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        case = activation.process
        # The snackbar shows one message: a warning rides with the confirmation.
        warnings = "".join(f" {warning}" for warning in form.warnings)
        if selectors.case_visible(self.request.user, case):
            messages.success(
                self.request, f"Referral received: {case.reference} opened.{warnings}"
            )
            return redirect(case.get_absolute_url())
        messages.success(
            self.request,
            f"Referral received: {case.reference} opened for the person's own "
            "locality, who will take it from here. The details you gave are kept "
            f"with the referral for them to check.{warnings}",
        )
        return redirect("hub:index")


class SupportPlanView(CaseTaskView):
    form_class = SupportPlanForm
    template_name = "cases/support_plan_task.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        plan = getattr(self.case, "support_plan", None)
        if plan is not None:
            kwargs["instance"] = plan
        elif "data" not in kwargs:
            kwargs["initial"] = {"visit_pattern": _visit_pattern_text(self.case)}
        return kwargs

    def perform(self, form) -> None:
        support_plans.support_plan_save(
            case=self.case,
            actor=self.request.user,
            plan_fields=form.plan_values(),
            needs=form.needs,
            carer=form.carer,
        )


def _visit_pattern_text(case) -> str:
    start = getattr(case, "reablement_start", None)
    if start is None or start.status not in start.HOLDING:
        return ""  # a declined or lapsed offer is nobody's plan
    calls = ", ".join(
        f"{v['band']} {v['minutes']} min × {v['carers']} carer(s)" for v in start.visits
    )
    return f"{start.provider} from {start.start_date:%d/%m/%Y}: {calls}"


class DischargeView(CaseTaskView):
    form_class = DischargeForm
    template_name = "cases/discharge_task.html"

    def get_initial(self):
        return {"discharged_at": timezone.localtime().replace(second=0, microsecond=0)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["main_fields"] = [form[name] for name in form.MAIN_FIELDS]
        context["override_fields"] = [form["override_reason"]]
        context["acknowledgement_fields"] = [
            form[name] for name in form.ACKNOWLEDGEMENT_FIELDS
        ]
        return context

    def extra_context_data(self) -> dict:
        return {
            "blockers": discharge_blockers(self.case),
            "cautions": discharge_cautions(self.case),
            "can_override": self.request.user.has_perm("cases.override_discharge_gate"),
        }

    def perform(self, form) -> None:
        services.discharge_confirm(
            case=self.case,
            actor=self.request.user,
            override_reason=form.cleaned_data["override_reason"],
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        )


def home(request):
    """My day: the tasks the user holds, those waiting for them to take in
    their localities, most urgent first, and the open cases in their scope."""
    cases = case_list_filtered(request.user, {"status": "open"})
    held = worklist.task_list_held(request.user)
    waiting = worklist.task_list_waiting(request.user)
    shown = MY_DAY_ROWS
    return render(
        request,
        "cases/home.html",
        {
            "cases": rows_by_ids(cases, 0, 15),
            "open_count": cases.count(),
            "held": worklist.work_items(held[:shown]),
            "held_count": held.count(),
            "waiting": worklist.work_items(waiting[:shown]),
            "waiting_count": waiting.count(),
            "panels": worklist.my_day_panels(request.user),
        },
    )


def case_list(request, stages=()):
    """Cases in scope, filtered; `stages` are the flow's steps, given by the URL map."""
    filters = case_filter(request.user, request.GET)
    listing = Listing(
        request,
        filters.qs,
        columns=CASE_COLUMNS,
        default=CASE_DEFAULT_SORT,
        noun="case",
        few=filters.few,
    )
    return render(
        request,
        "cases/case_list.html",
        {
            "listing": listing,
            "cases": listing,
            "filter_form": filters.form,
            "localities": selectors.localities_to_filter(request.user),
            "pathways": Pathway.choices,
            "filters": request.GET,
            "stages": stages,
        },
        status=400 if filters.errors else 200,
    )


def case_list_csv(request):
    """The case list as CSV: the same scope and filters (e.g. delayed only)."""
    filters = case_filter(request.user, request.GET)
    if filters.errors:
        return HttpResponse(
            "Some filters were not valid: " + filters.errors.as_text(),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = StreamingHttpResponse(
        exports.case_list_csv_rows(filters.qs), content_type="text/csv; charset=utf-8"
    )
    name = f"cases-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def search(request):
    form = SearchForm(request.GET or None)
    listing = None
    if form.is_valid() and form.cleaned_data["q"]:
        found = selectors.case_search(user=request.user, query=form.cleaned_data["q"])
        listing = Listing(
            request,
            case_rows(found),
            columns=CASE_COLUMNS,
            default="person",
            noun="case",
            few=True,
        )
    return render(request, "cases/search.html", {"form": form, "listing": listing})


def case_detail(request, pk: int):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    context = case_page_context(case, request.user)
    context["contact_form"] = ContactForm(initial={"occurred_at": timezone.localtime()})
    return render(request, "cases/case_detail.html", context)


def case_timeline_view(request, pk: int):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    return render(
        request, "cases/timeline.html", {"case": case, "events": case_timeline(case)}
    )


def case_timeline_pdf(request, pk: int):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    content = pdf.case_timeline_pdf(case=case, printed_by=request.user)
    return _pdf_response(content, f"{case.reference}-timeline.pdf")


def support_plan_pdf(request, pk: int):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    plan = get_object_or_404(type(case).support_plan.related.related_model, case=case)
    content = pdf.support_plan_pdf(plan=plan, printed_by=request.user)
    return _pdf_response(content, f"{case.reference}-support-plan.pdf")


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_POST
def contact_add(request, pk: int):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        services.contact_add(case=case, actor=request.user, **form.cleaned_data)
        messages.success(request, "Contact recorded.")
        return redirect(case.get_absolute_url() + "#contacts")
    context = case_page_context(case, request.user)
    context["contact_form"] = form
    return render(request, "cases/case_detail.html", context, status=422)


def contact_error(request, pk: int, contact_pk: int):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    contact = get_object_or_404(Contact, pk=contact_pk, case=case)
    form = ContactErrorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_mark_entered_in_error(
            contact=contact,
            actor=request.user,
            reason=form.cleaned_data["error_reason"],
        )
        messages.success(request, "Contact marked as entered in error.")
        return redirect(case.get_absolute_url() + "#contacts")
    return render(
        request,
        "cases/contact_error.html",
        {"case": case, "contact": contact, "form": form},
        status=422 if form.errors else 200,
    )


def case_close(request, pk: int):
    """Close or withdraw a case before discharge (died, readmitted, declined…)."""
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not case_may_close(request.user, case):
        raise PermissionDenied("Only managers and the locality's coordinators.")
    if not case.is_open:
        messages.info(request, f"{case.reference} is {case.get_outcome_display()}.")
        return redirect(case.get_absolute_url())
    form = CaseCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            released = services.case_close(
                case=case, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, " ".join([f"{case.reference} closed."] + released)
            )
            return redirect(case.get_absolute_url())
    return render(
        request,
        "cases/case_close.html",
        {"case": case, "form": form},
        status=422 if form.errors else 200,
    )


@permission_required(MANAGE, raise_exception=True)
def case_reassign(request, pk: int):
    from .pages import ReassignForm

    case = selectors.case_get_for_user(user=request.user, pk=pk)
    form = ReassignForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        services.case_reassign(case=case, actor=request.user, **form.cleaned_data)
        messages.success(request, "Case reassigned.")
        return redirect(case.get_absolute_url())
    return render(request, "cases/reassign.html", {"case": case, "form": form})


@require_POST
@permission_required(MANAGE, raise_exception=True)
def task_reassign(request, pk: int, task_pk: int):
    from viewflow.workflow.models import Task

    case = selectors.case_get_for_user(user=request.user, pk=pk)
    task = get_object_or_404(Task, pk=task_pk, process_id=case.pk)
    form = TaskReassignForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose who should take the task.")
        return redirect(case.get_absolute_url())
    to_user = form.cleaned_data["to_user"]
    try:
        services.task_reassign(task=task, actor=request.user, to_user=to_user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{task.flow_task.task_title} reassigned to {to_user.get_full_name()}.",
        )
    return redirect(case.get_absolute_url())
