"""Big exports are made in the background: the case list as CSV and case
timelines as one PDF, in the asker's scope, downloaded from the run's page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from background.models import BackgroundRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(hub, coordinator, other_coordinator):
    hub.as_user(other_coordinator)
    hub.start(nhs_number="999 000 0026", postcode="sb1 2ab", town="Southbrook")
    hub.as_user(coordinator)
    return [hub.start(), hub.start(nhs_number="999 000 0034", given_name="Bea")]


def test_the_case_csv_is_made_in_the_background_and_downloaded(
    client, cases, run_tasks
):
    page = client.get("/hub/cases/export/?status=all")
    assert (
        page.context["count"] == 2
        and "Make the CSV of 2 cases" in page.content.decode()
    )
    response = client.post("/hub/cases/export/?status=all", {"what": "csv"})
    run = BackgroundRun.objects.get()
    assert response["Location"] == f"/hub/runs/{run.pk}/"
    assert run.kind == "case-export" and run.status == "queued"
    run_tasks()
    page = client.get(f"/hub/runs/{run.pk}/").content.decode()
    assert "Done. 2 cases." in page and f"/hub/runs/{run.pk}/download/" in page
    download = client.get(f"/hub/runs/{run.pk}/download/")
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in download["Content-Disposition"]
    lines = download.content.decode().splitlines()
    assert lines[0].startswith("Case,Person,NHS number")
    assert sorted(line.split(",")[0] for line in lines[1:]) == sorted(
        case.reference for case in cases
    )  # not the other locality's case


def test_timelines_print_as_one_pdf_pack(client, cases, run_tasks, pdf_text):
    client.post("/hub/cases/export/?status=all", {"what": "timelines"})
    run_tasks()
    run = BackgroundRun.objects.get()
    assert run.status == "done", run.error
    content = client.get(f"/hub/runs/{run.pk}/download/").content
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert all(f"Case timeline: {case.reference}" in text for case in cases)


def test_a_pack_over_its_cap_fails_saying_what_to_do(
    client, cases, run_tasks, monkeypatch
):
    from hub import tasks

    monkeypatch.setattr(tasks, "PACK_MAX_CASES", 1)
    client.post("/hub/cases/export/?status=all", {"what": "timelines"})
    run_tasks()
    run = BackgroundRun.objects.get()
    assert run.status == "failed" and "narrow them" in run.error
    assert client.get(f"/hub/runs/{run.pk}/download/").status_code == 404


def test_bad_filters_or_choice_queue_nothing(client, cases):
    assert (
        client.post("/hub/cases/export/?status=all", {"what": "x"}).status_code == 400
    )
    assert client.get("/hub/cases/export/?pathway=9").status_code == 400
    assert not BackgroundRun.objects.exists()


def test_a_pack_reads_each_case_whole_not_field_by_field(client, cases, run_tasks):
    """The case list reads only what its table shows; a timeline prints far
    more of the case, so the pack reads its cases whole: a field left unread
    is fetched on its own when printed, a query per field per case."""
    client.post("/hub/cases/export/?status=all", {"what": "timelines"})
    with CaptureQueriesContext(connection) as queries:
        run_tasks()
    assert BackgroundRun.objects.get().status == "done"
    one_field = re.compile(
        r'SELECT "(cases_\w+)"\."\w+", "\1"\."\w+" FROM "\1" '
        r'WHERE "\1"\."\w+" = \d+ LIMIT 21$'
    )
    assert [q["sql"] for q in queries if one_field.match(q["sql"])] == []
