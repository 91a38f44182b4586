"""Pages for delays: the DRD and criteria to reside on the case page, the
reasons for delay, "Why not home today?" and the daily sitrep CSV. Thin:
the rules are in cases.delays, the reads in cases.huddle."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import selectors, services
from .delay_forms import (
    CriteriaToResideForm,
    DelayReasonForm,
    HuddleFilterForm,
    NextActionForm,
    ReadyDateForm,
    SitrepForm,
)
from .forms import ContactForm
from .huddle import huddle_places, huddle_rows, sitrep_csv
from .models import DelayRecord
from .pages import case_page_context
from .rules import WORK
from .taskviews import _add_errors


def _case_page(request, case, **forms):
    context = case_page_context(case, request.user)
    context["contact_form"] = ContactForm(initial={"occurred_at": timezone.localtime()})
    context.update({f"{name}_form": form for name, form in forms.items()})
    return render(request, "cases/case_detail.html", context, status=422)


def _back(case):
    return redirect(case.get_absolute_url() + "#delays")


@require_POST
@permission_required(WORK, raise_exception=True)
def ready_date_change(request, pk: int):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    form = ReadyDateForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.discharge_ready_date_change(
                case=case,
                new_date=form.cleaned_data["discharge_ready_date"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Discharge ready date recorded.")
            return _back(case)
    return _case_page(request, case, drd=form)


@require_POST
@permission_required(WORK, raise_exception=True)
def criteria_to_reside(request, pk: int):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    form = CriteriaToResideForm(request.POST)
    if form.is_valid():
        try:
            services.criteria_to_reside_record(
                case=case, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            meets = form.cleaned_data["meets"]
            messages.success(
                request,
                "Meets the criteria to reside: the discharge ready date is cleared."
                if meets
                else "No longer meets the criteria to reside: agree the discharge "
                "ready date.",
            )
            return _back(case)
    return _case_page(request, case, criteria=form)


@require_POST
@permission_required(WORK, raise_exception=True)
def delay_reason_add(request, pk: int):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    form = DelayReasonForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.delay_reason_record(
                case=case, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Reason for delay recorded.")
            return _back(case)
    return _case_page(request, case, delay=form)


def huddle(request):
    """Why not home today? Everyone past their DRD, in scope, by hospital
    and ward, with the reason, its owner and the next action."""
    return _huddle_page(request)


def _huddle_page(request, bound=None, status=200):
    hospitals, wards = huddle_places(request.user)
    filters = HuddleFilterForm(request.GET, hospitals=hospitals, wards=wards)
    today = timezone.localdate()
    rows, needing = huddle_rows(  # a place with nobody in scope shows nobody
        request.user,
        hospital=request.GET.get("hospital", ""),
        ward=request.GET.get("ward", ""),
        today=today,
    )
    can_act = request.user.has_perm(WORK)
    for row in rows:
        record = row.current
        row.form = None
        if can_act and record is not None:
            if bound is not None and bound.record_pk == record.pk:
                row.form = bound
            else:
                row.form = NextActionForm(
                    prefix=f"r{record.pk}",
                    case=row.case,
                    initial={"owner": record.owner_id},
                )
    return render(
        request,
        "cases/huddle.html",
        {
            "rows": rows,
            "needing": needing,
            "filters": filters,
            "today": today,
            "query": request.GET.urlencode(),
            "delayed_days": sum(row.days for row in rows),
            "days_without_reason": sum(r.coverage.days_without_reason for r in rows),
        },
        status=status,
    )


@require_POST
@permission_required(WORK, raise_exception=True)
def delay_action(request, pk: int, record_pk: int):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    record = get_object_or_404(
        DelayRecord, pk=record_pk, case=case, entered_in_error=False
    )
    form = NextActionForm(request.POST, prefix=f"r{record.pk}", case=case)
    form.record_pk = record.pk
    if form.is_valid():
        try:
            services.delay_action_update(
                record=record, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Next action recorded for {case.reference}.")
            query = request.POST.get("query", "")
            return redirect(reverse("hub:huddle") + (f"?{query}" if query else ""))
    return _huddle_page(request, bound=form, status=422)


def sitrep(request):
    """The daily discharge situation report for the cases in scope (CSV)."""
    form = SitrepForm(request.GET)
    if not form.is_valid():
        return HttpResponse(
            "The day is not a valid date: " + form.errors.as_text(),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    day = form.cleaned_data["date"] or timezone.localdate()
    if day > timezone.localdate():
        return HttpResponse(
            "The situation report is for today or an earlier day.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(
        sitrep_csv(request.user, day), content_type="text/csv; charset=utf-8"
    )
    name = f"discharge-sitrep-{day:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
