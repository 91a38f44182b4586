"""The figures through HTTP: who sees what, the CSV, the PDF pack, bad input,
and the export command."""

import csv
import io
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.urls import reverse

from background.models import BackgroundFile, BackgroundRun

from .world import build

pytestmark = pytest.mark.django_db
WEEK = {"period": "week", "day": "2026-11-11"}  # Monday 9 to Sunday 15/11


@pytest.fixture
def world(localities, manager):
    return build(localities, manager)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_manager_sees_every_locality_with_charts_and_tables(client, manager, world):
    client.force_login(manager)
    response = client.get(reverse("hub:mi"), WEEK)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Monday 9 November 2026" in page and "Sunday 15 November 2026" in page
    assert (
        "Referrals by source" in page and "Delay days in the period by reason" in page
    )
    # Each chart is an image whose text alternative gives its numbers.
    assert 'alt="Chart: Referrals by source. Acute hospital ward: Received 4' in page
    assert '<th scope="col">Delay days</th>' in page
    response = client.get(
        reverse("hub:mi_csv"), {**WEEK, "table": "delay_days_by_locality"}
    )
    assert response["Content-Type"].startswith("text/csv")
    # North: B 3 + D 2 + E 1 days; South: F 3 (see world.py).
    assert _csv(response) == [
        ["Locality", "People delayed", "Delay days"],
        ["Northfield", "3", "6"],
        ["Southbrook", "1", "3"],
        ["All", "4", "9"],
    ]


def test_a_month_view(client, manager, world):
    client.force_login(manager)
    response = client.get(
        reverse("hub:mi_csv"),
        {"period": "month", "day": "2026-11-20", "table": "referrals_by_source"},
    )
    # November: the week's six referrals and G (3/11).
    assert _csv(response)[-1] == ["All sources", "7", "4", "1", "0"]


def test_coordinator_sees_only_their_localities(client, coordinator, localities, world):
    north, south = localities
    client.force_login(coordinator)
    response = client.get(
        reverse("hub:mi_csv"), {**WEEK, "table": "delay_days_by_locality"}
    )
    assert [row[0] for row in _csv(response)] == ["Locality", "Northfield", "All"]
    assert client.get(reverse("hub:mi"), WEEK).status_code == 200
    # Another locality is refused in the form, for the page, CSV and PDF.
    refused = {**WEEK, "locality": south.pk}
    response = client.get(reverse("hub:mi"), refused)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert "Southbrook" not in response.content.decode().split("<form")[0]
    csv_refused = client.get(reverse("hub:mi_csv"), {**refused, "table": "allocator"})
    assert csv_refused.status_code == 400
    response = client.post(reverse("hub:mi_pack") + "?" + urlencode(refused))
    assert response.status_code == 400 and not BackgroundRun.objects.exists()


@pytest.mark.parametrize("who", ["ot", "lead", None])
def test_others_are_refused(client, who, ot, make_user, localities):
    users = {"ot": ot, "lead": make_user("lena_lead", "safeguarding_lead", localities)}
    if who:
        client.force_login(users[who])
    for name in ("hub:mi", "hub:mi_csv"):
        response = client.get(reverse(name), WEEK)
        assert response.status_code in (302, 403), name
        if who is None:
            assert "/accounts/login/" in response["Location"]
    response = client.post(reverse("hub:mi_pack") + "?" + urlencode(WEEK))
    assert response.status_code in (302, 403) and not BackgroundRun.objects.exists()


def test_bad_dates_are_named_and_nothing_is_shown(client, manager, world):
    client.force_login(manager)
    response = client.get(
        reverse("hub:mi"),
        {"period": "custom", "date_from": "2026-11-15", "date_to": "2026-11-01"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "There is a problem" in page and "The to date is before the from date" in page
    )
    assert "Referrals by source" not in page
    response = client.get(reverse("hub:mi"), {"period": "custom", "date_from": "x"})
    assert "Enter a valid date" in response.content.decode()


def test_unknown_table_is_404(client, manager, world):
    client.force_login(manager)
    assert (
        client.get(reverse("hub:mi_csv"), {**WEEK, "table": "nope"}).status_code == 404
    )


def test_the_pdf_pack_is_made_in_the_background_for_the_dates_shown(
    client, manager, world, pdf_text, run_tasks
):
    client.force_login(manager)
    page = client.get(reverse("hub:mi"), WEEK).content.decode()
    assert "Make these figures as a PDF pack" in page
    response = client.post(reverse("hub:mi_pack") + "?" + urlencode(WEEK))
    run = BackgroundRun.objects.get()
    assert response["Location"] == reverse("hub:background_run", args=[run.pk])
    assert run.kind == "figures-pack" and run.status == "queued"
    # The week the page showed, as dates: the run prints that week whenever
    # the worker gets to it.
    assert run.params["figures"]["date_from"] == "2026-11-09"
    assert run.params["figures"]["date_to"] == "2026-11-15"
    run_tasks()
    page = client.get(reverse("hub:background_run", args=[run.pk])).content.decode()
    assert "Done. The figures from 09/11/2026 to 15/11/2026, Northfield" in page
    download = client.get(reverse("hub:background_run_download", args=[run.pk]))
    assert download["Content-Type"] == "application/pdf"
    text = pdf_text(download.content)
    assert "Management information" in text
    assert "Referrals by source" in text and "Delay days in the period by" in text
    assert "Northfield, Southbrook" in text


def test_a_pack_whose_starter_lost_the_right_fails_saying_so(
    client, manager, world, run_tasks
):
    client.force_login(manager)
    client.post(reverse("hub:mi_pack") + "?" + urlencode(WEEK))
    manager.groups.clear()
    run_tasks()
    run = BackgroundRun.objects.get()
    assert run.status == "failed" and "no longer see the figures" in run.error
    assert not BackgroundFile.objects.exists()


def test_menu_shows_figures_to_managers_and_coordinators(client, manager, ot):
    client.force_login(manager)
    assert "Management information" in client.get(reverse("hub:index")).content.decode()
    client.force_login(ot)
    assert (
        "Management information"
        not in client.get(reverse("hub:index")).content.decode()
    )


def test_export_command_writes_every_table(tmp_path, localities, manager, world):
    call_command(
        "mi_export",
        "--from",
        "2026-11-09",
        "--to",
        "2026-11-15",
        "--locality",
        "southbrook",
        "--out",
        str(tmp_path),
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert (
        "delay_days_by_reason.csv" in names and "safeguarding_timeliness.csv" in names
    )
    assert len(names) == 20  # every table of every section
    text = (tmp_path / "delay_days_by_locality.csv").read_text()
    assert text.splitlines() == [
        "Locality,People delayed,Delay days",
        "Southbrook,1,3",
        "All,1,3",
    ]


def test_export_command_refuses_bad_input(tmp_path, localities):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a date"):
        call_command(
            "mi_export", "--from", "9/11", "--to", "2026-11-15", "--out", str(tmp_path)
        )
    with pytest.raises(CommandError, match="No locality 'Atlantis'"):
        call_command(
            "mi_export",
            "--from",
            "2026-11-09",
            "--to",
            "2026-11-15",
            "--locality",
            "Atlantis",
            "--out",
            str(tmp_path),
        )
    assert not list(tmp_path.iterdir())


def test_an_offer_not_yet_agreed_is_not_counted_as_booked_or_placed(
    client, manager, localities, provider
):
    build(localities, manager, provider=provider)
    client.force_login(manager)

    def table(slug):
        response = client.get(reverse("hub:mi_csv"), {**WEEK, "table": slug})
        assert response.status_code == 200
        return {row[0]: row[1:] for row in _csv(response)[1:]}

    # D's start is only offered (30 minutes on 15/11): shown apart, not
    # booked; accepted proposals placed only A, whose start was agreed.
    capacity = table("reablement_capacity")
    assert capacity["Morning"] == ["100", "180", "30", "180", "180.0"]
    allocator = table("allocator")
    assert allocator["People placed from its proposals (the provider agreed)"] == ["1"]
    assert allocator["Proposals accepted (offered to the provider)"] == ["3"]
