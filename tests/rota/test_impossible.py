"""What cannot be done: a past day's rota is not planned, published or
reassigned; a record cannot say what cannot have happened (a cancelled
visit done, a visit nobody was sent to done, a visit done before it ended)
nor change a week's pay already signed off."""

import datetime

import pytest
from django.utils import timezone

from rota import services
from rota.models import RotaVersion, Timesheet, Visit, VisitRecord

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _short_runs(settings):
    settings.HUB_ROTA_PLAN_SECONDS = 0.5


def _day_visits(team, coordinator, day):
    services.visits_generate(team=team, day=day, actor=coordinator)
    return Visit.objects.filter(team=team, date=day)


def test_a_past_days_rota_is_not_planned_published_or_reassigned(
    client, coordinator, team, people, assistants
):
    yesterday = TODAY() - datetime.timedelta(days=1)
    client.force_login(coordinator)
    board = f"/rota/teams/{team.pk}/?day={yesterday.isoformat()}"
    page = client.get(board).content.decode()
    assert "Plan the day" not in page and "A past day" in page

    plan = f"/rota/teams/{team.pk}/plan/?day={yesterday.isoformat()}"
    page = client.post(plan, follow=True).content.decode()
    assert "is in the past: its rota cannot be planned any more" in page
    assert not Visit.objects.filter(date=yesterday).exists()

    visits = _day_visits(team, coordinator, yesterday)
    publish = f"/rota/teams/{team.pk}/publish/?day={yesterday.isoformat()}"
    page = client.post(publish, follow=True).content.decode()
    assert "its rota cannot be published any more" in page
    assert not RotaVersion.objects.exists()

    visit = visits.first()
    response = client.post(
        f"/rota/visits/{visit.pk}/reassign/",
        {"assistant": assistants[0].pk, "start": "08:00"},
    )
    assert response.status_code == 400
    assert "its visits can no longer be reassigned" in response.content.decode()
    visit.refresh_from_db()
    assert visit.assistant is None and visit.start is None

    # Today is still planned and published.
    today = TODAY().isoformat()
    assert client.post(f"/rota/teams/{team.pk}/plan/?day={today}").status_code == 302
    assert Visit.objects.filter(date=TODAY(), assistant__isnull=False).exists()
    client.post(f"/rota/teams/{team.pk}/publish/?day={today}")
    assert RotaVersion.objects.filter(date=TODAY()).count() == 1


def test_a_cancelled_visit_is_only_recorded_as_cancelled(
    client, coordinator, team, people, assistants
):
    yesterday = TODAY() - datetime.timedelta(days=1)
    visit = _day_visits(team, coordinator, yesterday).first()
    Visit.objects.filter(pk=visit.pk).update(
        cancelled=True, assistant=assistants[0], start=datetime.time(8)
    )
    client.force_login(coordinator)
    url = f"/rota/visits/{visit.pk}/record/"
    done = {"outcome": "done", "actual_start": "08:00", "actual_end": "08:30"}
    response = client.post(url, done)
    assert response.status_code == 400
    assert "can only be recorded as cancelled" in response.content.decode()
    for outcome in ("missed", "refused"):
        response = client.post(url, {"outcome": outcome, "notes": "Not in"})
        assert response.status_code == 400, outcome
    assert not VisitRecord.objects.exists()
    response = client.post(url, {"outcome": "cancelled", "notes": "Call stopped"})
    assert response.status_code == 302
    assert VisitRecord.objects.get().outcome == "cancelled"


def test_a_visit_nobody_was_sent_to_is_not_recorded_done_or_refused(
    client, coordinator, team, people
):
    yesterday = TODAY() - datetime.timedelta(days=1)
    visit = _day_visits(team, coordinator, yesterday).first()
    client.force_login(coordinator)
    url = f"/rota/visits/{visit.pk}/record/"
    done = {"outcome": "done", "actual_start": "08:00", "actual_end": "08:30"}
    response = client.post(url, done)
    assert response.status_code == 400
    assert "Nobody was sent to this visit" in response.content.decode()
    assert client.post(url, {"outcome": "refused", "notes": "x"}).status_code == 400
    assert not VisitRecord.objects.exists()
    missed = {"outcome": "missed", "notes": "Nobody could be found to go."}
    assert client.post(url, missed).status_code == 302


def test_a_visit_is_not_recorded_done_before_it_has_ended(
    client, coordinator, team, people, assistants, monkeypatch
):
    visit = _day_visits(team, coordinator, TODAY()).first()
    Visit.objects.filter(pk=visit.pk).update(
        assistant=assistants[0], start=datetime.time(9)
    )
    ten = timezone.localtime().replace(hour=10, minute=0)
    monkeypatch.setattr(timezone, "localtime", lambda *a: ten)
    client.force_login(coordinator)
    url = f"/rota/visits/{visit.pk}/record/"
    later = {"outcome": "done", "actual_start": "09:40", "actual_end": "10:20"}
    response = client.post(url, later)
    assert response.status_code == 400
    assert "once it has ended" in response.content.decode()
    assert not VisitRecord.objects.exists()
    ended = {"outcome": "done", "actual_start": "09:10", "actual_end": "09:50"}
    assert client.post(url, ended).status_code == 302


def test_a_record_in_a_signed_off_week_does_not_change_the_pay(
    client, coordinator, team, people, assistants
):
    monday = TODAY() - datetime.timedelta(days=TODAY().weekday() + 7)
    visits = list(_day_visits(team, coordinator, monday)[:2])
    Visit.objects.filter(pk__in=[v.pk for v in visits]).update(
        assistant=assistants[0], start=datetime.time(8)
    )
    client.force_login(coordinator)
    first = f"/rota/visits/{visits[0].pk}/record/"
    done = {"outcome": "done", "actual_start": "08:00", "actual_end": "08:30"}
    assert client.post(first, done).status_code == 302
    client.post(f"/rota/teams/{team.pk}/timesheets/?week={monday.isoformat()}")
    sheet = Timesheet.objects.get(assistant=assistants[0], week_start=monday)
    sign = f"/rota/timesheets/{sheet.pk}/sign-off/"
    assert client.post(sign, {"adjustment_minutes": 0}).status_code == 302

    longer = {**done, "actual_end": "09:30"}
    response = client.post(first, longer)
    assert response.status_code == 400
    assert "timesheet for that week is signed off" in response.content.decode()
    assert VisitRecord.objects.get(visit=visits[0]).actual_end == datetime.time(8, 30)
    second = f"/rota/visits/{visits[1].pk}/record/"
    assert client.post(second, done).status_code == 400
    # What does not change the pay is still recorded.
    assert client.post(second, {"outcome": "missed", "notes": "Out"}).status_code == 302
