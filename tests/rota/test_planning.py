"""Planning the day with the planner, re-planning after a sickness,
reassigning by hand under the planner's checks, publishing, the day sheet."""

import datetime

import pytest
from django.utils import timezone

from rota import planning, services
from rota.models import Absence, RotaVersion, Visit
from rota.planning import rota_breaches
from rota.problem import problem_build

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _short_runs(settings):
    settings.HUB_ROTA_PLAN_SECONDS = 1.0


def board(client, team, day=None):
    day = day or TODAY()
    return client.get(f"/rota/teams/{team.pk}/?day={day.isoformat()}")


def test_a_coordinator_plans_records_a_sickness_replans_publishes_and_prints(
    client, coordinator, team, people, assistants, pdf_text
):
    client.force_login(coordinator)
    day = TODAY()
    url = f"/rota/teams/{team.pk}/plan/?day={day.isoformat()}"
    assert client.post(url).status_code == 302
    visits = Visit.objects.filter(team=team, date=day)
    assert visits.count() == 4
    assert all(v.covered for v in visits), [v.uncovered_reason for v in visits]
    day_problem = problem_build(team, day)
    assert rota_breaches(day_problem, day_problem.current()) == []
    page = board(client, team).content.decode()
    assert "Every visit is covered" in page and "Quill" in page

    lunch = visits.get(band="lunch")
    sick = lunch.assistant
    response = client.post(
        f"/rota/teams/{team.pk}/sickness/?day={day.isoformat()}",
        {"assistant": sick.pk, "at": "10:40"},
    )
    assert response.status_code == 302
    absence = Absence.objects.get(assistant=sick)
    assert absence.kind == "sickness" and absence.reported_today
    lunch.refresh_from_db()
    assert sick not in lunch.assistants
    for morning in visits.filter(band="morning"):
        assert morning.start < datetime.time(10, 40) or sick not in morning.assistants

    assert (
        client.post(f"/rota/teams/{team.pk}/publish/?day={day.isoformat()}").status_code
        == 302
    )
    assert (
        client.post(f"/rota/teams/{team.pk}/publish/?day={day.isoformat()}").status_code
        == 302
    )
    assert list(RotaVersion.objects.values_list("number", flat=True)) == [2, 1]
    assert "Version 2, by" in board(client, team).content.decode()

    runner = lunch.assistant
    pdf = client.get(
        f"/rota/assistants/{runner.pk}/day-sheet.pdf?day={day.isoformat()}"
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert str(runner) in text and "Quill" in text and "Lunch" in text


def test_replanning_without_the_relief_bank_says_why_a_visit_is_uncovered(
    client, coordinator, team, people, assistants
):
    day = TODAY()
    planning.rota_plan(team=team, day=day, actor=coordinator)
    for a in assistants[1:]:
        a.active = False
        a.save()
    lunch = Visit.objects.get(team=team, date=day, band="lunch")
    planning.visit_reassign(
        visit=lunch,
        actor=coordinator,
        assistants=[assistants[0]],
        start=datetime.time(12),
    )
    client.force_login(coordinator)
    client.post(
        f"/rota/teams/{team.pk}/sickness/?day={day.isoformat()}",
        {"assistant": assistants[0].pk, "at": "11:00"},
    )
    lunch.refresh_from_db()
    assert lunch.assistant is None and lunch.uncovered_reason
    page = board(client, team).content.decode()
    assert lunch.uncovered_reason.split(".")[0] in page


def test_a_reassignment_that_breaks_a_rule_is_refused_with_the_checkers_words(
    client, coordinator, team, people, assistants
):
    day = TODAY()
    planning.rota_plan(team=team, day=day, actor=coordinator)
    visit = Visit.objects.filter(team=team, date=day, band="morning").first()
    call = visit.call
    services.planned_call_save(call=call, actor=coordinator, skills=["medication"])
    Visit.objects.filter(pk=visit.pk).update(skills=["medication"])
    visit.refresh_from_db()
    client.force_login(coordinator)
    url = f"/rota/visits/{visit.pk}/reassign/"
    before = (visit.assistant_id, visit.start)
    response = client.post(url, {"assistant": assistants[1].pk, "start": "08:00"})
    assert response.status_code == 400
    assert "medication" in response.content.decode().lower()
    visit.refresh_from_db()
    assert (visit.assistant_id, visit.start) == before

    other = Visit.objects.filter(team=team, date=day, band="morning").last()
    same = {"assistant": other.assistant_id, "start": other.start.strftime("%H:%M")}
    response = client.post(f"/rota/visits/{other.pk}/reassign/", same)
    assert response.status_code == 302
    assert other.history.first().history_change_reason in (
        "Planned",
        "Reassigned by hand",
    )
