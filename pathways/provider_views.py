"""The provider portal: a provider's staff publish their own capacity."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from .models import Band
from .provider_forms import CapacityGridForm
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
