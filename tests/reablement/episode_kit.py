"""Pathway 1 cases taken through the discharge flow's pages to a discharge
home, and helpers to drive the reablement flow's pages and timers."""

import datetime

import time_machine
from django.core.management import call_command
from django.utils import timezone

from testkit import PLAN_DETERMINATION, provider_accepts

TODAY = timezone.localdate


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def discharge_home(hub, provider, *, born="1940-05-01", nhs="999 000 0018"):
    """A pathway 1 case from referral to a confirmed discharge, by its pages."""
    case = hub.to_reablement_start(date_of_birth=born, nhs_number=nhs)
    hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "start_date": TODAY().isoformat(),
            "length_days": 42,
            "morning_minutes": 30,
            "morning_carers": 1,
            "lunch_minutes": 20,
            "lunch_carers": 1,
            "tea_carers": 1,
            "bed_carers": 1,
        },
    )
    provider_accepts(hub.client, case, back_to=hub.user)  # the start is agreed
    hub.do(
        case,
        "support_plan",
        {
            "personal_goals": "Make my own breakfast again",
            "review_date": (TODAY() + days(14)).isoformat(),
            "agreed_with_person": "on",
            "agreed_on": TODAY().isoformat(),
            "agreed_how": "On the ward",
            "hygiene_need": "Help to shower",
            "hygiene_met_by": "reablement",
            "hygiene_how": "Morning call",
            "nutrition_need": "Cannot make a hot meal",
            "nutrition_met_by": "reablement",
            "nutrition_how": "Lunch call",
            **PLAN_DETERMINATION,
        },
    )
    hub.do(
        case,
        "discharge",
        {
            "discharged_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "transport": "Hospital transport",
            "access_arrangements": "Key safe at the door",
        },
    )
    return case


def set_goals(hub, episode):
    data = {}
    for goal in episode.goals.all():
        data[f"goal_{goal.pk}"] = f"{goal.get_outcome_display()} on my own"
        data[f"start_{goal.pk}"] = -2
    hub.do(episode, "goals", data)


def sweep(day: datetime.date, hour: int = 8) -> None:
    """Fire the timers as cron would on that day (Viewflow's dispatcher)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    with time_machine.travel(moment, tick=False):
        call_command("workflow_timers", verbosity=0)


def review_data(episode, *, score=-1, end_now=False, calls=None, hours=None):
    data = {
        "held_on": TODAY().isoformat(),
        "progress": "Showers with the rail; makes a sandwich",
    }
    for goal in episode.goals.all():
        data[f"score_{goal.pk}"] = score
    for pk, minutes in (calls or {}).items():
        data[f"call_{pk}"] = minutes
    if hours is not None:
        data["hours"] = hours
    if end_now:
        data["end_now"] = "on"
    return data
