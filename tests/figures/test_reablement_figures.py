"""The reablement figures against reablement_world.py, worked out by hand
in the comments (the table of episodes is in that module's docstring)."""

import csv
import io
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.urls import reverse

from background.models import BackgroundRun
from mi.registry import Scope
from mi.sections import reablement

from .reablement_world import build
from .world import END, START, TODAY

pytestmark = pytest.mark.django_db
WEEK = {"period": "week", "day": "2026-11-11"}  # Monday 9 to Sunday 15/11


@pytest.fixture
def world(localities, manager):
    return build(localities, manager)


def figures(localities):
    return {t.slug: t for t in reablement.compute(Scope(START, END, localities, TODAY))}


def rows(table):
    return {row[0]: row[1:] for row in table.rows}


def test_started_ended_length_and_hours(world, localities):
    got = figures(tuple(localities))
    # Started 9-15/11: DE (9/11), S1 (10/11), R1 (13/11). Ended: the eleven
    # of the first table, three of them early (EN, EO, EL); R3 ended 18/11.
    # Going on at 15/11: R1, R2 (paused), R3, S1.
    assert rows(got["reablement_episodes"]) == {
        "Started in the period": [3],
        "Ended in the period": [11],
        "Of those, ended early (early cessation)": [3],
        "Going on at 15/11/2026 (active or paused)": [4],
    }
    # Days, sorted: 5 9 10 14 20 30 37 40 42 42 45 (n = 11). Median: position
    # 0.5 × 10 = 5 → 30. 90th: 0.9 × 10 = 9 → 42.
    assert rows(got["reablement_length"]) == {
        "Median": ["30.0"],
        "90th percentile": ["42.0"],
        "Shortest": ["5.0"],
        "Longest": ["45.0"],
    }
    # At the start: 14 7 10.5 14 7 21 14 7 14 7 3.5 = 119 / 11 = 10.8;
    # sorted 3.5 7 7 7 7 10.5 14 14 14 14 21 → median 10.5.
    # At the end: 3.5 0 3.5 0 0 21 14 7 14 3.5 3.5 = 70 / 11 = 6.4;
    # sorted 0 0 0 3.5 3.5 3.5 3.5 7 14 14 21 → median 3.5.
    assert rows(got["reablement_hours"]) == {
        "Average (mean)": ["10.8", "6.4"],
        "Median": ["10.5", "3.5"],
    }


def test_each_sequel_is_counted_and_ascof_2a(world, localities):
    got = figures(tuple(localities))
    outcomes = rows(got["reablement_outcomes"])
    counts = {label: values[0] for label, values in outcomes.items()}
    assert counts == {
        "Early cessation of service (not leading to long term support) – "
        "100% NHS funded care/End of Life/deceased": 1,
        "Early cessation of service (not leading to long term support) – "
        "other reason": 1,
        "Early cessation of service (leading to long term support)": 1,
        "Long term support (any setting)": 1,
        "No services provided – needs identified but self-funding": 1,
        "Ongoing low level support": 2,
        "Short term support (other)": 1,
        "No services provided – needs identified but support declined": 1,
        "No services provided – universal services/signposted to other services": 1,
        "No services provided – no identified needs": 1,
        "All sequels": 11,
    }
    assert outcomes["Long term support (any setting)"][1] == "Yes: not a success"
    assert outcomes["Ongoing low level support"][1].startswith("Yes: no further")
    assert outcomes["Early cessation of service (leading to long term support)"][1] == (
        "No: left out"
    )
    # 2A numerator: low level ×2, short term (other), universal, no needs = 5;
    # denominator: those and long-term support = 6 → 83.3%. Left out: the
    # three early cessations, self-funding, declined = 5.
    two_a, two_b = got["ascof"].rows
    assert two_a[1:] == [5, 6, "83.3", 5]
    # 2B (both localities): 65+ discharged 10-16/08 are F1 F2 F3 F4 F8 F9 P1
    # Q1 S2 = 9 (F5, 64 on the day, apart; F6 and F7 outside the days). At
    # home: F1 P1 Q1 S2 = 4 → 44.4%. P1, readmitted and home again during
    # the episode, counts once; Q1's second discharge (Q2) is not due.
    assert two_b[1:] == [4, 9, "44.4", 1]


def test_ascof_2b_where_people_were(world, localities):
    north, _south = localities
    got = figures((north,))
    # Northfield only: S2 drops out → 3 at home of 8 = 37.5%.
    assert got["ascof"].rows[1][1:] == [3, 8, "37.5", 1]
    assert rows(got["ascof_2b_where"]) == {
        "At home": [3],  # F1, P1, Q1
        "In hospital": [1],  # F2
        "In a care home": [1],  # F9
        "Died": [1],  # F8
        "Not known": [1],  # F3
        reablement.NOT_RECORDED: [1],  # F4, 65 on the day of discharge
        "All aged 65+ (the 2B denominator)": [8],
    }
    # Northfield's started in the period: DE and R1 (S1 is Southbrook's).
    assert rows(got["reablement_episodes"])["Started in the period"] == [2]


def test_a_followup_not_yet_due_is_not_counted(world, localities):
    # The period 9-30/11 with today 20/11: the 91st days up to today are
    # 9-20/11, discharges 10-21/08: F7 (17/08, not recorded) joins the week's
    # nine → 10, 4 at home. Nothing after today counts.
    got = reablement.compute(
        Scope(START, START.replace(day=30), tuple(localities), TODAY)
    )
    two_b = {t.slug: t for t in got}["ascof"].rows[1]
    assert two_b[1:4] == [4, 10, "40.0"]


def test_page_csv_pdf_and_export(client, manager, world, tmp_path, pdf_text, run_tasks):
    client.force_login(manager)
    page = client.get(reverse("hub:mi"), WEEK).content.decode()
    assert "Reablement after discharge" in page
    assert 'alt="Chart: ASCOF 2A and 2B. 2A: short-term support' in page
    response = client.get(reverse("hub:mi_csv"), {**WEEK, "table": "ascof"})
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0] == [
        "Measure",
        "Numerator",
        "Denominator",
        "Proportion (%)",
        "Not counted",
    ]
    assert table[2][1:] == ["4", "9", "44.4", "1"]
    client.post(reverse("hub:mi_pack") + "?" + urlencode(WEEK))
    run_tasks()
    run = BackgroundRun.objects.get()
    download = client.get(reverse("hub:background_run_download", args=[run.pk]))
    text = pdf_text(download.content)
    assert "ASCOF 2A and 2B" in text and "Outcomes: sequel to short-term" in text
    week = ["--from", "2026-11-09", "--to", "2026-11-15"]
    call_command("mi_export", *week, "--out", str(tmp_path))
    written = (tmp_path / "ascof_2b_where.csv").read_text().splitlines()
    assert written[1] == "At home,4"
