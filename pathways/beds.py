"""Bed vacancies of pathway 2/3 settings: what they publish, what offered
and agreed placements hold (one vacancy of its bed type on its start day),
and the publishing a setting's staff do in under a minute."""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction

from .bed_models import BedVacancy
from .models import Placement, Provider
from .provider_services import publish_grid
from .selectors import horizon

BED_TYPES = Placement.Setting


def vacancies_published(providers, days) -> dict:
    """{(provider_id, date, bed_type): beds} for the given days."""
    rows = BedVacancy.objects.filter(provider__in=providers, date__in=days)
    return {(r.provider_id, r.date, r.bed_type): r.beds for r in rows}


def vacancies_held(providers, days, exclude_case_id=None) -> dict:
    """{(provider_id, date, bed_type): beds} held by offered and agreed placements."""
    held: dict = defaultdict(int)
    rows = (
        Placement.objects.filter(
            provider__in=providers,
            status__in=Placement.HOLDING,
            start_date__in=days,
        )
        .exclude(case_id=exclude_case_id)
        .values_list("provider_id", "start_date", "setting")
    )
    for provider_id, day, setting in rows:
        held[(provider_id, day, setting)] += 1
    return held


def bed_providers_for_case(case) -> list[Provider]:
    """Active bed-based settings covering the case's locality."""
    return list(
        Provider.objects.filter(
            active=True, kind=Provider.Kind.BEDS, localities=case.locality
        )
    )


def vacancy_rows(provider: Provider, days=None) -> list[dict]:
    """One row a day: {day, cells: [{bed_type, beds, published, held}]}; a day
    not yet published is prefilled from the latest published figure."""
    days = days or horizon()
    rows = BedVacancy.objects.filter(
        provider=provider,
        date__gte=days[0] - datetime.timedelta(days=28),
        date__lte=days[-1],
    ).order_by("date")
    known = {(r.date, r.bed_type): r.beds for r in rows}
    latest = {r.bed_type: r.beds for r in rows if r.date <= days[0]}
    held = vacancies_held([provider], days)
    return [
        {
            "day": day,
            "cells": [
                {
                    "band": bed_type,  # the grid form's key
                    "minutes": known.get((day, bed_type), latest.get(bed_type, 0)),
                    "published": (day, bed_type) in known,
                    "booked": held.get((provider.pk, day, bed_type), 0),
                }
                for bed_type in BED_TYPES.values
            ],
        }
        for day in days
    ]


@transaction.atomic
def vacancy_publish(
    *, provider: Provider, actor, beds: dict[tuple[datetime.date, str], int]
) -> int:
    """Publish empty beds per day and type; how many figures changed. A
    figure below the beds already offered or agreed that day is refused."""
    return publish_grid(
        provider=provider,
        actor=actor,
        model=BedVacancy,
        key="bed_type",
        value="beds",
        figures=beds,
        held=vacancies_held,
        refusal="Vacancies cannot go below the beds held",
        held_words=lambda kind, n: (
            f"{BED_TYPES(kind).label.lower()}: {n} already offered or agreed"
        ),
    )


def check_vacancy(case, placement: Placement) -> None:
    """The setting is on the hub, covers the case and has a bed of that type
    free on the start day (the caller holds the provider's row lock)."""
    provider = placement.provider
    if provider.kind != Provider.Kind.BEDS or not provider.active:
        raise ValidationError({"provider": f"{provider} publishes no bed vacancies."})
    if not provider.localities.filter(pk=case.locality_id).exists():
        raise ValidationError(
            {"provider": f"{provider} does not cover {case.locality}."}
        )
    day, kind = placement.start_date, placement.setting
    key = (provider.pk, day, kind)
    free = vacancies_published([provider], [day]).get(key, 0) - vacancies_held(
        [provider], [day], exclude_case_id=case.pk
    ).get(key, 0)
    if free <= 0:
        raise ValidationError(
            {
                "start_date": f"{provider} has no {BED_TYPES(kind).label.lower()} "
                f"vacancy published free on {day:%a %d/%m/%Y}."
            }
        )


def vacancy_table(case) -> dict:
    """Free beds (published − held) per setting, bed type and day, for the
    settings that cover the case; types never published are left out."""
    providers, days = bed_providers_for_case(case), horizon()
    pub = vacancies_published(providers, days)
    held = vacancies_held(providers, days)
    rows = []
    for provider in providers:
        for kind in BED_TYPES:
            keys = [(provider.pk, day, kind.value) for day in days]
            if not any(key in pub for key in keys):
                continue
            free = [pub.get(k, 0) - held.get(k, 0) for k in keys]
            rows.append({"provider": provider, "bed_type": kind.label, "free": free})
    return {"days": days, "rows": rows}
