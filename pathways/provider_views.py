"""The provider portal: a provider's staff publish their capacity or bed
vacancies and answer the offers made to them."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from cases.taskviews import _add_errors

from .bed_models import BedVacancy
from .beds import BED_TYPES, vacancy_publish, vacancy_rows
from .models import Band
from .offer_selectors import (
    bed_offer_get_for_provider,
    offer_get_for_provider,
    offer_inbox,
)
from .offer_services import offer_accept, offer_decline
from .provider_forms import CapacityGridForm, OfferAnswerForm
from .provider_rules import USE_PORTAL
from .provider_selectors import (
    capacity_last_published,
    capacity_rows,
    provider_for_user,
)
from .provider_services import capacity_publish


@permission_required(USE_PORTAL, raise_exception=True)
def capacity(request):
    """The next fortnight's carer-minutes, one press to publish."""
    provider = provider_for_user(request.user)
    if provider.kind == provider.Kind.BEDS:
        return redirect("provider:vacancies")
    rows = capacity_rows(provider)
    form = CapacityGridForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            changed = capacity_publish(
                provider=provider,
                actor=request.user,
                minutes=form.cleaned_minutes(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Capacity published for {len(rows)} days "
                f"({changed} figure{'s' if changed != 1 else ''} changed).",
            )
            return redirect("provider:capacity")
    return render(
        request,
        "pathways/provider/capacity.html",
        {
            "provider": provider,
            "form": form,
            "bands": Band,
            "last": capacity_last_published(provider),
        },
        status=422 if form.errors else 200,
    )


@permission_required(USE_PORTAL, raise_exception=True)
def offers(request):
    """Offers waiting for an answer, and those answered lately."""
    waiting, answered = offer_inbox(provider_for_user(request.user))
    return render(
        request,
        "pathways/provider/offers.html",
        {"waiting": waiting, "answered": answered},
    )


@permission_required(USE_PORTAL, raise_exception=True)
def offer(request, pk: int):
    """One offer of a reablement start: what the provider needs to decide."""
    provider = provider_for_user(request.user)
    return _answer_page(request, *offer_get_for_provider(provider=provider, pk=pk))


@permission_required(USE_PORTAL, raise_exception=True)
def bed_offer(request, pk: int):
    """One offer of a bed: what the setting needs to decide."""
    provider = provider_for_user(request.user)
    return _answer_page(request, *bed_offer_get_for_provider(provider=provider, pk=pk))


def _answer_page(request, record, shown):
    form = OfferAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["answer"] == "accept":
                offer_accept(offer=record, actor=request.user)
                messages.success(request, "Offer accepted: it is agreed.")
            else:
                offer_decline(
                    offer=record, actor=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, "Offer declined; the hub has been told.")
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("provider:offers")
    return render(
        request,
        "pathways/provider/offer.html",
        {"offer": shown, "form": form},
        status=422 if form.errors else 200,
    )


@permission_required(USE_PORTAL, raise_exception=True)
def vacancies(request):
    """A bed-based setting's empty beds by type for the next fortnight."""
    provider = provider_for_user(request.user)
    if provider.kind != provider.Kind.BEDS:
        return redirect("provider:capacity")
    rows = vacancy_rows(provider)
    form = CapacityGridForm(request.POST or None, rows=rows, unit="beds")
    if request.method == "POST" and form.is_valid():
        try:
            changed = vacancy_publish(
                provider=provider, actor=request.user, beds=form.cleaned_minutes()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Vacancies published for {len(rows)} days "
                f"({changed} figure{'s' if changed != 1 else ''} changed).",
            )
            return redirect("provider:vacancies")
    return render(
        request,
        "pathways/provider/vacancies.html",
        {
            "provider": provider,
            "form": form,
            "bed_types": BED_TYPES,
            "last": BedVacancy.history.filter(provider_id=provider.pk)
            .select_related("history_user")
            .order_by("-history_date")
            .first(),
        },
        status=422 if form.errors else 200,
    )
