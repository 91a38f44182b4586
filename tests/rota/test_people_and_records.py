"""Absences, visit plans, visit records, the late list on My day,
timesheets and their CSV, through the pages."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from rota import services
from rota.models import Absence, Timesheet, Visit, VisitRecord

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_plans_are_made_from_the_starts_booked_with_the_team(people, team):
    plans = team.plans.order_by("pk")
    assert [p.case for p in plans] == people
    assert [c.band for c in plans[0].calls.all()] == ["morning", "lunch"]
    assert plans[1].start_date == TODAY() - datetime.timedelta(days=14)


def test_an_absence_is_recorded_shown_and_cancelled_never_deleted(
    client, coordinator, team, assistants
):
    client.force_login(coordinator)
    url = f"/rota/teams/{team.pk}/absences/"
    start = datetime.datetime.combine(TODAY(), datetime.time(9)).isoformat()[:16]
    end = datetime.datetime.combine(
        TODAY() + datetime.timedelta(days=2), datetime.time(17)
    ).isoformat()[:16]
    data = {"assistant": assistants[0].pk, "kind": "annual_leave", "starts_at": start}
    response = client.post(url, {**data, "ends_at": start})
    assert response.status_code == 400
    assert "ends after it starts" in response.content.decode()
    assert not Absence.objects.exists()

    assert client.post(url, {**data, "ends_at": end}).status_code == 302
    page = client.get(url).content.decode()
    assert page.count("Annual leave") >= 3  # in the calendar and the list
    absence = Absence.objects.get()

    cancel = f"/rota/absences/{absence.pk}/cancel/"
    assert client.post(cancel, {"reason": ""}).status_code == 400
    assert client.post(cancel, {"reason": "Leave withdrawn"}).status_code == 302
    absence.refresh_from_db()
    assert absence.status == "cancelled" and absence.cancel_reason == "Leave withdrawn"
    assert absence.history.count() == 2


def test_a_visit_record_needs_times_when_done_and_words_otherwise(
    client, coordinator, team, people, assistants
):
    yesterday = TODAY() - datetime.timedelta(days=1)
    services.visits_generate(team=team, day=yesterday, actor=coordinator)
    visit = Visit.objects.filter(team=team, date=yesterday).first()
    Visit.objects.filter(pk=visit.pk).update(
        assistant=assistants[0], start=datetime.time(8)
    )
    client.force_login(coordinator)
    url = f"/rota/visits/{visit.pk}/record/"
    response = client.post(url, {"outcome": "done", "actual_start": "08:00"})
    assert response.status_code == 400
    assert "Give the time the visit ended" in response.content.decode()
    assert client.post(url, {"outcome": "refused"}).status_code == 400
    assert not VisitRecord.objects.exists()
    ok = {"outcome": "done", "actual_start": "08:00", "actual_end": "08:35"}
    assert client.post(url, ok).status_code == 302
    assert visit.record.minutes == 35


def test_my_day_lists_visits_with_no_record_30_minutes_after_the_window(
    client, coordinator, other_coordinator, team, people, monkeypatch
):
    services.visits_generate(team=team, day=TODAY(), actor=coordinator)
    late_evening = timezone.localtime().replace(hour=23, minute=30)
    monkeypatch.setattr(timezone, "localtime", lambda *a: late_evening)
    client.force_login(coordinator)
    page = client.get("/hub/").content.decode()
    assert "Visits late or missed today" in page
    assert "Quill" in page and "Sparrow" in page
    client.force_login(other_coordinator)
    page = client.get("/hub/").content.decode()
    assert "Quill" not in page


def test_the_supervisor_signs_off_a_week_and_payroll_downloads_it(
    client, coordinator, manager, team, people, assistants
):
    monday = TODAY() - datetime.timedelta(days=TODAY().weekday() + 7)
    services.visits_generate(team=team, day=monday, actor=coordinator)
    visit = Visit.objects.filter(team=team, date=monday).first()
    Visit.objects.filter(pk=visit.pk).update(
        assistant=assistants[0], start=datetime.time(8), travel_minutes=12
    )
    VisitRecord.objects.create(
        visit=visit,
        outcome="done",
        actual_start=datetime.time(8),
        actual_end=datetime.time(8, 40),
        recorded_by=coordinator,
    )
    client.force_login(coordinator)
    url = f"/rota/teams/{team.pk}/timesheets/?week={monday.isoformat()}"
    assert client.post(url).status_code == 302
    sheet = Timesheet.objects.get(assistant=assistants[0], week_start=monday)
    assert (sheet.contact_minutes, sheet.travel_minutes, sheet.visits_done) == (
        40,
        12,
        1,
    )

    sign = f"/rota/timesheets/{sheet.pk}/sign-off/"
    response = client.post(sign, {"adjustment_minutes": 15, "adjustment_reason": ""})
    assert response.status_code == 400
    assert "Say why the time is adjusted" in response.content.decode()
    response = client.post(
        sign, {"adjustment_minutes": 15, "adjustment_reason": "Training handover"}
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == "signed_off" and sheet.signed_off_by == coordinator
    assert client.post(sign, {"adjustment_minutes": 0}).status_code == 400

    csv_url = f"/rota/teams/{team.pk}/timesheets.csv?week={monday.isoformat()}"
    response = client.get(csv_url)
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    asha = next(r for r in rows if r["assistant"] == "Asha Carer")
    assert asha["paid hours"] == "1.12"  # 40 + 12 + 15 minutes
    assert asha["status"] == "Signed off"
    assert sheet.history.count() >= 2
    # The page the supervisor signs from shows the hours payroll is sent.
    page = client.get(url).content.decode()
    assert "<td>1.12</td>" in page


def test_a_coordinator_of_another_locality_sees_none_of_it(
    client, other_coordinator, coordinator, team, people, assistants
):
    services.visits_generate(team=team, day=TODAY(), actor=coordinator)
    visit = Visit.objects.filter(team=team).first()
    absence = services.absence_record(
        assistant=assistants[0],
        actor=coordinator,
        kind="training",
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(hours=3),
    )
    sheet = Timesheet.objects.create(assistant=assistants[0], week_start=TODAY())
    client.force_login(other_coordinator)
    index = client.get("/rota/").content.decode()
    assert team.name not in index and "Asha" not in index
    for url in [
        f"/rota/teams/{team.pk}/",
        f"/rota/teams/{team.pk}/absences/",
        f"/rota/teams/{team.pk}/timesheets/",
        f"/rota/teams/{team.pk}/timesheets.csv",
        f"/rota/teams/{team.pk}/sickness/",
        f"/rota/visits/{visit.pk}/record/",
        f"/rota/visits/{visit.pk}/reassign/",
        f"/rota/plans/{visit.plan_id}/",
        f"/rota/calls/{visit.call_id}/",
        f"/rota/absences/{absence.pk}/cancel/",
        f"/rota/assistants/{assistants[0].pk}/day-sheet.pdf",
        f"/rota/timesheets/{sheet.pk}/sign-off/",
    ]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x", "outcome": "done"}).status_code == 404
    for url in [f"/rota/teams/{team.pk}/plan/", f"/rota/teams/{team.pk}/publish/"]:
        assert client.post(url).status_code == 404, url
    absence.refresh_from_db()
    assert absence.status == "active" and not VisitRecord.objects.exists()


def test_an_ot_has_no_rota(client, ot, team):
    client.force_login(ot)
    assert client.get("/rota/").status_code == 403
    assert client.get(f"/rota/teams/{team.pk}/").status_code == 403


def test_expiring_competencies_are_warned_30_days_ahead(
    client, coordinator, assistants
):
    competency = assistants[0].competencies.get()
    competency.expires_on = TODAY() + datetime.timedelta(days=20)
    competency.save()
    client.force_login(coordinator)
    page = client.get("/rota/").content.decode()
    assert "Medication administration" in page and "Asha Carer" in page
