"""Reads for a provider's own staff: their organisation, and its capacity
grid prefilled from what it last published."""

import datetime

from .models import Band, Provider, ProviderCapacity, ProviderStaff
from .selectors import booked, horizon


def provider_for_user(user) -> Provider | None:
    """The active provider this user works for, or None."""
    if not user.is_authenticated or not user.is_active or user.pk is None:
        return None  # (an unsaved user: cases.rules.role_permissions' probe)
    if not hasattr(user, "_hub_provider"):
        link = (
            ProviderStaff.objects.filter(user=user, provider__active=True)
            .select_related("provider")
            .first()
        )
        user._hub_provider = link.provider if link else None
    return user._hub_provider


def capacity_rows(provider: Provider, days: list[datetime.date] | None = None):
    """One row a day: {day, cells: [{band, minutes, published, booked}]}.

    A day not yet published is prefilled from the same weekday last published
    (weekends differ from weekdays), else the band's latest published figure:
    publishing the next fortnight is one press when nothing changed.
    """
    days = days or horizon()
    first, last = days[0], days[-1]
    rows = ProviderCapacity.objects.filter(
        provider=provider, date__gte=first - datetime.timedelta(days=28), date__lte=last
    ).order_by("date")
    known = {(r.date, r.band): r.minutes for r in rows}
    latest = {r.band: r.minutes for r in rows}  # ordered by date: the last wins
    used = booked([provider], days)
    table = []
    for day in days:
        cells = []
        for band in Band.values:
            published = known.get((day, band))
            minutes = published
            back = day - datetime.timedelta(days=7)
            while minutes is None and back >= first - datetime.timedelta(days=28):
                minutes = known.get((back, band))
                back -= datetime.timedelta(days=7)
            if minutes is None:
                minutes = latest.get(band, 0)
            cells.append(
                {
                    "band": band,
                    "minutes": minutes,
                    "published": published is not None,
                    "booked": used.get((provider.pk, day, band), 0),
                }
            )
        table.append({"day": day, "cells": cells})
    return table


def capacity_last_published(provider: Provider):
    """Who published last, and when (from the capacity's history)."""
    return (
        ProviderCapacity.history.filter(provider_id=provider.pk)
        .select_related("history_user")
        .order_by("-history_date")
        .first()
    )
