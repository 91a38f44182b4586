"""Concerns I raised and the open concerns page: in pages, sortable, and the
same number of queries with 2 concerns as with 8 (no query per row)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from sg_kit import concern_for
from test_safeguarding_worklists import _person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_session")]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _raise(coordinator, localities, numbers, family="Raised"):
    for n in numbers:
        concern_for(
            _person(n, f"{family}{n:02d}", localities[n % 2]), actor=coordinator
        )


@pytest.mark.parametrize(
    "who, url",
    [
        ("coordinator", "/safeguarding/mine/"),
        ("lead", "/safeguarding/dashboard/"),
        ("lead", "/safeguarding/dashboard/?status=on_time&sort=-person"),
        ("lead", "/section42/archive/"),
        ("lead", "/section42/tasks/"),
        ("manager", "/safeguarding/dashboard/"),
    ],
)
def test_the_concern_lists_cost_the_same_queries_with_2_concerns_as_with_8(
    client, coordinator, lead, manager, localities, who, url
):
    client.force_login(
        {"coordinator": coordinator, "lead": lead, "manager": manager}[who]
    )
    _raise(coordinator, localities, range(2))
    _queries(client, url)
    few = _queries(client, url)
    _raise(coordinator, localities, range(2, 8))
    assert _queries(client, url) == few


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found]


def test_concerns_i_raised_page_newest_first_and_name_only_whom_i_may_know(
    client, coordinator, localities
):
    _raise(coordinator, localities, range(27))
    client.force_login(coordinator)
    page = client.get("/safeguarding/mine/").content.decode()
    assert "1–25 of 27 concerns" in page and len(_rows(page)) == 25
    assert 'aria-sort="descending"><a class="sort" href="?sort=raised"' in page
    rows = _rows(page)
    # The coordinator works in the north (even numbers): names there, numbers
    # for the south, as before paging.
    assert "Raised26" in rows[0]
    assert "NHS number" in rows[1] and "Raised25" not in rows[1]
    second = client.get("/safeguarding/mine/?page=2").content.decode()
    assert "26–27 of 27 concerns" in second and len(_rows(second)) == 2
    oldest = client.get("/safeguarding/mine/?sort=raised").content.decode()
    assert "Raised00" in _rows(oldest)[0]


def test_the_open_concerns_page_pages_and_sorts(
    client, coordinator, manager, localities
):
    # Concerns in both localities: the manager sees the county's.
    _raise(coordinator, localities, range(26), family="Open")
    client.force_login(manager)
    page = client.get("/safeguarding/dashboard/").content.decode()
    assert "1–25 of 26 concerns" in page and len(_rows(page)) == 25
    assert 'aria-sort="ascending"><a class="sort" href="?sort=-due"' in page
    by_name = client.get("/safeguarding/dashboard/?sort=-person").content.decode()
    assert "Open25" in _rows(by_name)[0]
    page2 = client.get("/safeguarding/dashboard/?sort=-person&page=2").content.decode()
    assert "Open00" in _rows(page2)[0]
