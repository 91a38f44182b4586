"""Writes of a provider's own staff: publishing capacity."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from cases.services import _save

from .models import Band, Provider, ProviderCapacity
from .selectors import booked


def publish_grid(
    *,
    provider: Provider,
    actor,
    model,
    key: str,
    value: str,
    figures: dict[tuple[datetime.date, str], int],
    held,
    refusal: str,
    held_words,
) -> int:
    """Publish a provider's figures per day and key (a band, a bed type);
    how many changed. A figure below what is held that day (`held(providers,
    days)` by provider, day and key) is refused and nothing is saved; each
    changed figure is kept in the history with who published it. The
    provider row is locked, so bookings are checked against it one at a time."""
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    days = sorted({day for day, _ in figures})
    taken = held([provider], days) if days else {}
    short = [
        f"{day:%a %d/%m} {held_words(k, taken[(provider.pk, day, k)])}"
        for (day, k), figure in sorted(figures.items())
        if figure < taken.get((provider.pk, day, k), 0)
    ]
    if short:
        raise ValidationError(f"{refusal}: " + "; ".join(short) + ".")
    existing = {
        (row.date, getattr(row, key)): row
        for row in model.objects.filter(provider=provider, date__in=days)
    }
    changed = 0
    for (day, k), figure in sorted(figures.items()):
        row = existing.get((day, k)) or model(provider=provider, date=day, **{key: k})
        if row.pk and getattr(row, value) == figure:
            continue
        setattr(row, value, figure)
        _save(row, actor=actor, reason="published by the provider")
        changed += 1
    return changed


@transaction.atomic
def capacity_publish(
    *, provider: Provider, actor, minutes: dict[tuple[datetime.date, str], int]
) -> int:
    """Publish carer-minutes per day and band; returns how many figures changed.

    A figure below what starts offered or agreed hold that day is refused
    (cancel or move those starts with the hub first), and nothing is saved. Each changed
    figure is kept in the history with who published it.
    """
    return publish_grid(
        provider=provider,
        actor=actor,
        model=ProviderCapacity,
        key="band",
        value="minutes",
        figures=minutes,
        held=booked,
        refusal="Capacity cannot go below what is held",
        held_words=lambda band, n: (
            f"{Band(band).label.lower()}: {n} carer-minutes already offered or agreed"
        ),
    )
