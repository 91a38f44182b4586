from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from cases.models import Locality
from cases.rules import VIEW_CASE, WORK
from cases.selectors import user_localities
from cases.taskviews import CaseTaskView

from . import services
from .beds import vacancy_table
from .filters import ProviderFilter
from .forms import (
    AnswerByTelephoneForm,
    PathwayDecisionForm,
    PlacementForm,
    ReablementStartForm,
)
from .models import Provider
from .rules import pathway_recommend
from .selectors import (
    capacity_grid,
    case_earliest_start,
    horizon,
    providers_for_case,
)


class PathwayDecisionView(CaseTaskView):
    form_class = PathwayDecisionForm
    template_name = "pathways/pathway_task.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["recommended"] = pathway_recommend(self.case)[0]
        return kwargs

    def extra_context_data(self) -> dict:
        return {"recommendation": pathway_recommend(self.case)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["top_fields"] = [form["chosen"], form["override_reason"]]
        context["length_fields"] = [form["length_days"]]
        return context

    def perform(self, form) -> None:
        services.pathway_decide(
            case=self.case,
            actor=self.request.user,
            chosen=form.cleaned_data["chosen"],
            override_reason=form.cleaned_data["override_reason"],
            visit_pattern=form.cleaned_visits(),
            length_days=form.cleaned_data["length_days"],
        )


class ReablementStartView(CaseTaskView):
    form_class = ReablementStartForm
    template_name = "pathways/reablement_start_task.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        decision = self.case.pathway_decision
        kwargs.update(
            providers=providers_for_case(self.case),
            visits=decision.visit_pattern,
            length_days=decision.length_days,
            earliest=case_earliest_start(self.case),
        )
        return kwargs

    def extra_context_data(self) -> dict:
        days = horizon()
        return {
            "grid": capacity_grid(providers_for_case(self.case), days),
            "days": days,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["top_fields"] = [
            form["provider"],
            form["start_date"],
            form["length_days"],
        ]
        return context

    def perform(self, form) -> None:
        services.reablement_start_offer(
            case=self.case,
            actor=self.request.user,
            provider=form.cleaned_data["provider"],
            start_date=form.cleaned_data["start_date"],
            length_days=form.cleaned_data["length_days"],
            visits=form.cleaned_visits(),
        )


class PlacementView(CaseTaskView):
    form_class = PlacementForm
    template_name = "pathways/placement_task.html"

    def extra_context_data(self) -> dict:
        return {"vacancies": vacancy_table(self.case)}

    def perform(self, form) -> None:
        services.placement_arrange(
            case=self.case, actor=self.request.user, placement=form.instance
        )


@login_required
def capacity(request):
    """Published, booked and free carer-minutes per provider, band and day."""
    providers = Provider.objects.filter(active=True).prefetch_related("localities")
    if not request.user.has_perm(VIEW_CASE):  # not every locality's
        providers = providers.filter(localities__in=user_localities(request.user))
    localities = list(Locality.objects.all())
    filters = ProviderFilter(request.GET, queryset=providers, localities=localities)
    days = horizon()
    return render(
        request,
        "pathways/capacity.html",
        {
            "grid": capacity_grid(filters.qs.distinct(), days),
            "days": days,
            "localities": localities,
            "locality": request.GET.get("locality"),
            "filter_form": filters.form,
        },
        status=400 if filters.errors else 200,
    )


@permission_required(WORK, raise_exception=True)
def reablement_start_cancel(request, pk: int):
    """Withdraw an offered start, or cancel an agreed one (the provider
    withdrew): the capacity is released."""
    return _offer_cancel(request, pk, "reablement_start")


@permission_required(WORK, raise_exception=True)
def placement_cancel(request, pk: int):
    """Withdraw a bed offered, or cancel one agreed (the setting withdrew):
    the bed is given back."""
    return _offer_cancel(request, pk, "placement")


def _offer_cancel(request, pk: int, kind: str):
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from cases.selectors import case_get_for_user

    case = case_get_for_user(user=request.user, pk=pk)
    held = getattr(case, kind, None)
    bed = kind == "placement"
    if held is not None and (
        held.status not in held.HOLDING
        or not case.is_open  # discharged into it, or closed (closing released it)
        or (bed and not held.provider_id)  # a setting off the hub holds no bed here
    ):
        held = None  # nothing to give back
    error = None
    if request.method == "POST" and held is not None:
        from .offer_services import offer_cancel

        try:
            offer_cancel(
                offer=held, actor=request.user, reason=request.POST.get("reason", "")
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                "Placement cancelled; the bed is given back."
                if bed
                else "Reablement start cancelled; capacity released.",
            )
            return redirect(case.get_absolute_url())
    return render(
        request,
        "pathways/offer_cancel.html",
        {"case": case, "held": held, "kind": kind, "error": error},
        status=422 if error else 200,
    )


@permission_required(WORK, raise_exception=True)
def reablement_start_answer(request, pk: int):
    """Record the provider's answer to an offered start when it came another
    way (a telephone call; the in-house team, whose coordinators answer for
    it; a provider with nobody on the hub): the same checks and history as
    the provider's own answer, with who told the coordinator."""
    return _offer_answer(request, pk, "reablement_start")


@permission_required(WORK, raise_exception=True)
def placement_answer(request, pk: int):
    """The same for a bed offered to a setting."""
    return _offer_answer(request, pk, "placement")


def _offer_answer(request, pk: int, kind: str):
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from cases.selectors import case_get_for_user

    from .offer_services import offer_accept, offer_decline

    case = case_get_for_user(user=request.user, pk=pk)
    offer = getattr(case, kind, None)
    if offer is None or offer.status != offer.Status.OFFERED or not case.is_open:
        return redirect(case.get_absolute_url())
    bed = kind == "placement"
    form = AnswerByTelephoneForm(
        request.POST or None, party="setting" if bed else "provider"
    )
    if request.method == "POST" and form.is_valid():
        answer, data = form.cleaned_data["answer"], form.cleaned_data
        told = f"told by {data['who']}, recorded by {request.user.get_full_name()}"
        try:
            if answer == "accept":
                offer_accept(offer=offer, actor=request.user, told_by=told)
            else:
                offer_decline(
                    offer=offer,
                    actor=request.user,
                    reason=data["reason"].strip(),
                    told_by=told,
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            declined = (
                "Offer declined: the bed is released; offer the placement again."
                if bed
                else "Offer declined: the case is back on the waiting list."
            )
            messages.success(
                request,
                f"{'Placement' if bed else 'Start'} agreed with {offer.provider}."
                if answer == "accept"
                else declined,
            )
            return redirect(case.get_absolute_url())
    return render(
        request,
        "pathways/offer_answer.html",
        {"case": case, "offer": offer, "kind": kind, "form": form},
        status=422 if form.errors else 200,
    )


@permission_required(WORK, raise_exception=True)
def reablement_start_rebook(request, pk: int):
    """Offer a new start after the last was cancelled, declined or expired,
    with the same checks."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from cases.selectors import case_get_for_user
    from cases.taskviews import _add_errors

    case = case_get_for_user(user=request.user, pk=pk)
    start = getattr(case, "reablement_start", None)
    if start is None or start.status not in start.RELEASED or not case.is_open:
        return redirect(case.get_absolute_url())
    form = ReablementStartForm(
        request.POST or None,
        case=case,
        providers=providers_for_case(case),
        visits=start.visits,
        length_days=start.length_days,
        earliest=case_earliest_start(case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reablement_start_offer(
                case=case,
                actor=request.user,
                provider=form.cleaned_data["provider"],
                start_date=form.cleaned_data["start_date"],
                length_days=form.cleaned_data["length_days"],
                visits=form.cleaned_visits(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "New reablement start offered to the provider.")
            return redirect(case.get_absolute_url())
    days = horizon()
    return render(
        request,
        "pathways/start_rebook.html",
        {
            "case": case,
            "form": form,
            "days": days,
            "grid": capacity_grid(providers_for_case(case), days),
            "top_fields": [form["provider"], form["start_date"], form["length_days"]],
        },
        status=422 if form.errors else 200,
    )


@permission_required(WORK, raise_exception=True)
def placement_rebook(request, pk: int):
    """Offer a bed again (or record a setting off the hub) after the last
    offer was declined or expired, with the same checks."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from cases.selectors import case_get_for_user
    from cases.taskviews import _add_errors

    case = case_get_for_user(user=request.user, pk=pk)
    placement = getattr(case, "placement", None)
    if placement is None or placement.status not in placement.RELEASED:
        return redirect(case.get_absolute_url())
    if not case.is_open:
        return redirect(case.get_absolute_url())
    form = PlacementForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_arrange(
                case=case, actor=request.user, placement=form.instance
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Placement offered again.")
            return redirect(case.get_absolute_url())
    return render(
        request,
        "pathways/placement_rebook.html",
        {"case": case, "form": form, "vacancies": vacancy_table(case)},
        status=422 if form.errors else 200,
    )
