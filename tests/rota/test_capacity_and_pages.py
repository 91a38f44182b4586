"""The in-house team's capacity comes from the rota; every rota page opens
for the team's coordinator."""

import datetime

import pytest
from django.utils import timezone

from pathways.models import ProviderCapacity
from rota import services
from rota.capacity import team_capacity_update
from rota.models import Timesheet, Visit

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_capacity_is_what_the_shifts_leave_after_absences(
    coordinator, team, assistants, provider
):
    day = TODAY() + datetime.timedelta(days=1)
    team_capacity_update(team=team, days=[day], actor=coordinator)
    morning = ProviderCapacity.objects.get(provider=provider, date=day, band="morning")
    # Asha and Bea work 07:00-14:00: 4 hours each in the morning band; the
    # late shifts start at 12:00; the relief bank is not counted.
    assert morning.minutes == 2 * 240
    tea = ProviderCapacity.objects.get(provider=provider, date=day, band="tea")
    assert tea.minutes == 240  # Cal 14:00-18:00

    tz = timezone.get_current_timezone()
    services.absence_record(
        assistant=assistants[0],
        actor=coordinator,
        kind="annual_leave",
        starts_at=datetime.datetime.combine(day, datetime.time(), tzinfo=tz),
        ends_at=datetime.datetime.combine(day, datetime.time(23), tzinfo=tz),
    )
    team_capacity_update(team=team, days=[day], actor=coordinator)
    morning.refresh_from_db()
    assert morning.minutes == 240
    assert morning.history.first().history_change_reason == "Worked out from the rota"


def test_every_rota_page_opens_for_the_teams_coordinator(
    client, coordinator, team, people, assistants
):
    services.visits_generate(team=team, day=TODAY(), actor=coordinator)
    visit = Visit.objects.filter(team=team).first()
    absence = services.absence_record(
        assistant=assistants[1],
        actor=coordinator,
        kind="training",
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(hours=2),
    )
    sheet = Timesheet.objects.create(assistant=assistants[0], week_start=TODAY())
    client.force_login(coordinator)
    for url in [
        "/rota/",
        f"/rota/teams/{team.pk}/",
        f"/rota/teams/{team.pk}/absences/",
        f"/rota/teams/{team.pk}/timesheets/",
        f"/rota/teams/{team.pk}/sickness/",
        f"/rota/visits/{visit.pk}/record/",
        f"/rota/visits/{visit.pk}/reassign/",
        f"/rota/plans/{visit.plan_id}/",
        f"/rota/calls/{visit.call_id}/",
        f"/rota/absences/{absence.pk}/cancel/",
        f"/rota/timesheets/{sheet.pk}/sign-off/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Rota" in response.content  # the menu entry


def test_access_notes_change_with_history(client, coordinator, team, people):
    plan = team.plans.first()
    client.force_login(coordinator)
    response = client.post(
        f"/rota/plans/{plan.pk}/",
        {"gender_preference": "female", "access_notes": "Key safe 1234 by the gate"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.gender_preference == "female"
    assert plan.history.first().history_user == coordinator
    assert "Key safe 1234" in client.get(f"/rota/plans/{plan.pk}/").content.decode()


def test_a_linked_call_is_added_and_the_next_days_visits_follow_it(
    client, coordinator, team, people
):
    plan = team.plans.get(case=people[1])
    morning = plan.calls.get()
    client.force_login(coordinator)
    url = f"/rota/plans/{plan.pk}/calls/new/"
    assert client.get(url).status_code == 200
    data = {
        "band": "morning",
        "window_start": "08:30",
        "window_end": "10:30",
        "minutes": 15,
        "carers": 1,
        "skills": ["medication"],
        "follows": morning.pk,
        "gap_min": 30,
        "gap_max": 20,
        "active": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "longest gap" in response.content.decode().lower()
    assert plan.calls.count() == 1
    assert client.post(url, {**data, "gap_max": 60}).status_code == 302
    day = TODAY() + datetime.timedelta(days=1)
    services.visits_generate(team=team, day=day, actor=coordinator)
    prompt = Visit.objects.get(plan=plan, date=day, skills=["medication"])
    assert prompt.follows.call == morning and (prompt.gap_min, prompt.gap_max) == (
        30,
        60,
    )
