"""The provider portal: a provider's staff publish their own capacity."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from cases.taskviews import _add_errors

from .models import Band
from .offer_selectors import offer_get_for_provider, offer_inbox
from .offer_services import reablement_offer_accept, reablement_offer_decline
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
    """One offer: what the provider needs to decide, and its answer."""
    provider = provider_for_user(request.user)
    start, shown = offer_get_for_provider(provider=provider, pk=pk)
    form = OfferAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["answer"] == "accept":
                reablement_offer_accept(start=start, actor=request.user)
                messages.success(request, "Offer accepted: the start is agreed.")
            else:
                reablement_offer_decline(
                    start=start,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
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
