"""A form sent twice (a double click, two tabs) changes the record once."""

import csv
import datetime
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from rota import planning
from rota.models import Absence, Timesheet, Visit
from rota.timesheets import timesheet_sign_off

pytestmark = pytest.mark.django_db


def test_a_timesheet_signed_off_twice_at_once_keeps_the_first_sign_off(
    coordinator, manager, assistants
):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    Timesheet.objects.create(assistant=assistants[0], week_start=monday)
    # Both requests read the sheet before either has written it.
    first, second = Timesheet.objects.get(), Timesheet.objects.get()
    timesheet_sign_off(
        sheet=first, actor=coordinator, adjustment_minutes=15, reason="Handover"
    )
    with pytest.raises(ValidationError, match="already signed off"):
        timesheet_sign_off(sheet=second, actor=manager, adjustment_minutes=0)
    sheet = Timesheet.objects.get()
    assert (sheet.adjustment_minutes, sheet.signed_off_by) == (15, coordinator)
    assert sheet.history.filter(history_change_reason="Signed off").count() == 1


def _at_once(*calls):
    """Run the calls in threads at the same moment; what each raised, if anything."""
    errors = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i, call):
        try:
            barrier.wait()
            call()
        except Exception as exc:  # noqa: BLE001 - the test reports it
            errors[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_planning_and_publishing_a_day_twice_at_once_both_succeed(
    settings, coordinator, team, people, assistants
):
    settings.HUB_ROTA_PLAN_SECONDS = 0.5
    day = timezone.localdate()

    def plan():
        planning.rota_plan(team=team, day=day, actor=coordinator)

    def publish():
        planning.rota_publish(team=team, day=day, actor=coordinator)

    assert _at_once(plan, plan) == [None, None]
    assert Visit.objects.filter(team=team, date=day).count() == 4
    assert _at_once(publish, publish) == [None, None]
    assert sorted(team.versions.values_list("number", flat=True)) == [1, 2]


@pytest.mark.parametrize("days", [-1, 1, -400])
def test_a_sickness_is_re_planned_on_its_day_only(
    client, coordinator, team, people, assistants, days
):
    """The re-plan moves the rest of the day's visits: on a past day they
    have happened (recorded or not), and a future day is an absence."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    planning.rota_plan(team=team, day=day, actor=coordinator, seconds=0.5)
    before = list(Visit.objects.filter(date=day).values_list("assistant", "start"))
    client.force_login(coordinator)
    response = client.post(
        f"/rota/teams/{team.pk}/sickness/?day={day.isoformat()}",
        {"assistant": assistants[0].pk, "at": "10:40"},
    )
    assert response.status_code == 400
    assert "absence calendar" in response.content.decode()
    assert not Absence.objects.exists()
    after = list(Visit.objects.filter(date=day).values_list("assistant", "start"))
    assert after == before


def test_a_negative_adjustment_reaches_payroll_as_a_number(
    client, coordinator, assistants, team
):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    sheet = Timesheet.objects.create(
        assistant=assistants[0], week_start=monday, contact_minutes=60
    )
    timesheet_sign_off(
        sheet=sheet,
        actor=coordinator,
        adjustment_minutes=-90,
        reason='=HYPERLINK("http://x") claimed a visit twice',
    )
    client.force_login(coordinator)
    response = client.get(
        f"/rota/teams/{team.pk}/timesheets.csv?week={monday.isoformat()}"
    )
    row = next(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["adjustment minutes"] == "-90"
    assert row["paid hours"] == "-0.50"
    assert row["adjustment reason"].startswith("'=HYPERLINK")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_a_visit_recorded_twice_at_once_has_one_record(
    coordinator, team, people, assistants
):
    from rota import services
    from rota.recording import visit_record

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.visits_generate(team=team, day=yesterday, actor=coordinator)
    visit = Visit.objects.filter(team=team).first()
    Visit.objects.filter(pk=visit.pk).update(
        assistant=assistants[0], start=datetime.time(8)
    )

    def record():
        visit_record(
            visit=Visit.objects.get(pk=visit.pk),
            actor=coordinator,
            outcome="done",
            actual_start=datetime.time(8),
            actual_end=datetime.time(8, 30),
        )

    assert _at_once(*[record] * 4) == [None] * 4
    assert visit.record.history.count() >= 1
