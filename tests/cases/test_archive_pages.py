"""Viewflow's archive of one's finished tasks pages without a count: a page
reads one row more than it shows, so a coordinator's years of finished tasks
are not counted to show 25 of them. The pager says which tasks these are and
links to the previous and next page, keeping the filters and the sort."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from test_worklists import new_case, triage

from cases.listing import Column, Listing

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_session")]

ARCHIVE = "/discharge/archive/"


def _finished(coordinator, locality, count: int) -> list[str]:
    """`count` cases triaged by the coordinator (one finished task each),
    oldest first; their references as the archive shows them."""
    cases = [new_case(coordinator, locality) for _ in range(count)]
    for case in cases:
        triage(case, coordinator, "routine")
    return [f"#{case.pk}/" for case in cases]


def _rows(page: str) -> list[str]:
    """Each row's task link (#process/task) in the order shown."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r">(#\d+/)\d+</a>", body)


def test_the_archive_pages_without_a_count(client, coordinator, localities):
    tasks = _finished(coordinator, localities[0], 27)
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(ARCHIVE).content.decode()
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert not [sql for sql in counts if '"finished" IS NOT NULL' in sql]
    assert _rows(first) == tasks[::-1][:25]  # newest first
    assert "Tasks 1–25, page 1" in first and " of " not in _pager(first)
    assert 'href="?page=2" rel="next">Next</a>' in first
    assert 'rel="prev"' not in first

    second = client.get(ARCHIVE + "?page=2").content.decode()
    assert _rows(second) == tasks[::-1][25:]
    assert "Tasks 26–27, page 2" in second
    assert 'href="?page=1" rel="prev">Previous</a>' in second
    assert 'aria-current="page"><b>2</b>' in second
    assert 'rel="next"' not in second


def test_a_page_past_the_end_says_so_and_links_to_the_first(
    client, coordinator, localities
):
    _finished(coordinator, localities[0], 3)
    client.force_login(coordinator)
    response = client.get(ARCHIVE + "?page=9")
    assert response.status_code == 200
    page = response.content.decode()
    assert _rows(page) == []
    assert "No tasks on page 9: the list ends before it." in page
    assert '<a href="?">Go to the first page</a>' in page
    assert 'rel="next"' not in page and 'rel="prev"' not in page


def test_one_page_of_tasks_has_no_page_links(client, coordinator, localities):
    _finished(coordinator, localities[0], 3)
    client.force_login(coordinator)
    page = client.get(ARCHIVE).content.decode()
    assert "Tasks 1–3</p>" in page
    assert '<nav class="pager"' not in page


def test_the_sort_and_filters_are_kept_across_pages(client, coordinator, localities):
    tasks = _finished(coordinator, localities[0], 27)
    client.force_login(coordinator)
    page = client.get(ARCHIVE + "?_orderby=created&flow_task=").content.decode()
    assert _rows(page) == tasks[:25]  # oldest first, as asked
    assert 'href="?_orderby=created&amp;flow_task=&amp;page=2" rel="next"' in page
    second = client.get(ARCHIVE + "?_orderby=created&flow_task=&page=2")
    assert _rows(second.content.decode()) == tasks[25:]


def test_a_list_without_a_count_pages_through_rows_in_memory():
    request = RequestFactory().get("/", {"page": "2", "sort": "-n"})
    rows = [{"n": n} for n in range(60)]
    listing = Listing(
        request,
        rows,
        columns=[Column("n", "N", lambda row: row["n"])],
        noun="number",
        counted=False,
    )
    assert [row["n"] for row in listing] == list(range(34, 9, -1))
    assert listing.count is None and listing.page.start_index() == 26
    assert listing.previous_url == "?page=1&sort=-n"
    assert listing.next_url == "?page=3&sort=-n"
    last = Listing(
        RequestFactory().get("/", {"page": "3"}),
        rows,
        columns=[],
        counted=False,
    )
    assert last.page.end_index() == 60 and last.next_url is None


def _pager(page: str) -> str:
    return page.split('class="muted list-count">', 1)[1].split("</p>", 1)[0]
