"""The case list downloads as CSV with the same scope and filters (the
delayed list for a spreadsheet), and no cell can run as a formula."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from cases.exports import csv_safe

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(_text(response))))


def _text(response) -> str:
    """A streamed download's text."""
    return b"".join(response.streaming_content).decode()


def _day(days_ago: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days_ago)).isoformat()


def test_the_delayed_list_downloads_with_the_same_scope_and_filters(
    hub, coordinator, other_coordinator
):
    hub.as_user(other_coordinator)
    hub.start(
        nhs_number="999 000 0026",
        family_name="Elsewhere",
        postcode="SB1 2AB",
        discharge_ready_date=_day(5),
    )
    hub.as_user(coordinator)
    delayed = hub.start(family_name="Waiting", discharge_ready_date=_day(4))
    hub.start(
        nhs_number="999 000 0034",
        family_name="Ontime",
        discharge_ready_date=_day(-2),
    )
    page = hub.client.get("/hub/cases/?delayed=1").content.decode()
    # The list leads to its export (made in the background: tests/hub/
    # test_background_exports.py); the CSV is the same either way.
    assert 'href="/hub/cases/export/?delayed=1"' in page
    header, *rows = _rows(hub.client.get("/hub/cases.csv?delayed=1"))
    assert header[:4] == ["Case", "Person", "NHS number", "Locality"]
    assert header[-2:] == ["Discharge ready date", "Days delayed"]
    assert rows == [
        [
            delayed.reference,
            "Ada Waiting",
            "999 000 0018",
            "Northfield",
            "Routine",
            "",
            "Triage",
            (timezone.localdate() - datetime.timedelta(days=4)).strftime("%d/%m/%Y"),
            "4",
        ]
    ]
    everything = _text(hub.client.get("/hub/cases.csv"))
    assert "Ontime" in everything and "Elsewhere" not in everything


def test_no_cell_can_run_as_a_formula(hub, coordinator):
    hub.as_user(coordinator)
    hub.start(given_name='=HYPERLINK("http://x")', family_name="@Risk")
    _header, row = _rows(hub.client.get("/hub/cases.csv"))
    assert row[1] == '\'=HYPERLINK("http://x") @Risk'


@pytest.mark.parametrize(
    "value, written",
    [
        ("=1+2", "'=1+2"),
        ("+44 1632", "'+44 1632"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Ada", "Ada"),
        (4, "4"),
        (None, ""),
    ],
)
def test_csv_safe(value, written):
    assert csv_safe(value) == written


def test_a_filter_that_is_not_valid_is_refused_not_ignored(hub, coordinator):
    hub.as_user(coordinator)
    response = hub.client.get("/hub/cases.csv?priority=sometimes")
    assert response.status_code == 400
    assert "priority" in response.content.decode().lower()
