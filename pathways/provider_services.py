"""Writes of a provider's own staff: publishing capacity."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from cases.services import _save

from .models import Band, Provider, ProviderCapacity
from .selectors import booked


@transaction.atomic
def capacity_publish(
    *, provider: Provider, actor, minutes: dict[tuple[datetime.date, str], int]
) -> int:
    """Publish carer-minutes per day and band; returns how many figures changed.

    A figure below what is already booked that day is refused (cancel or move
    those starts with the hub first), and nothing is saved. Each changed
    figure is kept in the history with who published it.
    """
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    days = sorted({day for day, _ in minutes})
    used = booked([provider], days) if days else {}
    short = [
        f"{day:%a %d/%m} {Band(band).label.lower()}: "
        f"{used[(provider.pk, day, band)]} carer-minutes are already booked"
        for (day, band), value in sorted(minutes.items())
        if value < used.get((provider.pk, day, band), 0)
    ]
    if short:
        raise ValidationError(
            "Capacity cannot go below what is booked: " + "; ".join(short) + "."
        )
    existing = {
        (r.date, r.band): r
        for r in ProviderCapacity.objects.filter(provider=provider, date__in=days)
    }
    changed = 0
    for (day, band), value in sorted(minutes.items()):
        row = existing.get((day, band)) or ProviderCapacity(
            provider=provider, date=day, band=band
        )
        if row.pk and row.minutes == value:
            continue
        row.minutes = value
        _save(row, actor=actor, reason="published by the provider")
        changed += 1
    return changed
