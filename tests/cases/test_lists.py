"""Every list pages and sorts, and costs the same number of queries with 3
cases as with 30: no query per row, no count over every case ever."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from test_worklists import new_case, triage

from cases.models import DischargeCase
from cases.services import case_close

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_session")]

# The hub's lists and Viewflow's, as a coordinator and a manager open them.
LIST_URLS = [
    "/hub/",
    "/hub/cases/",
    "/hub/cases/?status=closed",
    "/hub/cases/?status=all&sort=-person",
    "/hub/cases/?stage=risk_screen&delayed=1",
    "/hub/search/?q=Family",
    "/hub/search/?q=Ada+Family",
    "/discharge/inbox/",
    "/discharge/queue/",
    "/discharge/archive/",
    "/discharge/flows/",
    "/discharge/tasks/",
]


def _cases(coordinator, manager, locality, count: int) -> None:
    """`count` cases: a third closed, a third triaged (the coordinator took
    and did triage), the rest waiting at triage; a few held by the manager."""
    for n in range(count):
        case = new_case(coordinator, locality, drd_days_ago=n % 7)
        if n % 3 == 1:
            triage(case, coordinator, "high")
        elif n % 3 == 2:
            case_close(
                case=case, actor=coordinator, closed_because="died", reason="test"
            )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def _counts(client, urls) -> dict[str, int]:
    return {url: _queries(client, url) for url in urls}


@pytest.mark.parametrize("role", ["coordinator", "manager"])
def test_every_list_costs_the_same_queries_with_3_cases_as_with_30(
    client, coordinator, manager, localities, role
):
    client.force_login(coordinator if role == "coordinator" else manager)
    _cases(coordinator, manager, localities[0], 3)
    _counts(client, LIST_URLS)  # warm: sessions, content types
    few = _counts(client, LIST_URLS + ["/hub/cases.csv?status=all"])
    _cases(coordinator, manager, localities[0], 27)
    many = _counts(client, LIST_URLS + ["/hub/cases.csv?status=all"])
    assert many == few


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found]


def test_the_case_list_pages_and_says_how_many(client, coordinator, localities):
    for _ in range(27):
        new_case(coordinator, localities[0])
    client.force_login(coordinator)
    first = client.get("/hub/cases/").content.decode()
    assert "1–25 of 27 cases" in first
    assert len(_rows(first)) == 25
    assert 'href="?page=2" rel="next"' in first
    second = client.get("/hub/cases/?page=2").content.decode()
    assert "26–27 of 27 cases" in second and len(_rows(second)) == 2
    assert 'aria-current="page"><b>2</b>' in second
    shown = {row.split()[0] for row in _rows(first) + _rows(second)}
    assert len(shown) == 27


def test_a_filter_is_kept_across_pages(client, coordinator, localities):
    for _ in range(26):
        new_case(coordinator, localities[0], drd_days_ago=3)
    client.force_login(coordinator)
    page = client.get("/hub/cases/?delayed=1").content.decode()
    assert 'href="?delayed=1&amp;page=2"' in page


def test_the_case_list_sorts_by_a_column_both_ways(client, coordinator, localities):
    for family in ("Bryant", "Adams", "Cole"):
        new_case(coordinator, localities[0], family=family)
    client.force_login(coordinator)
    page = client.get("/hub/cases/?sort=person").content.decode()
    assert [row.split()[2] for row in _rows(page)] == ["Adams", "Bryant", "Cole"]
    assert (
        '<th scope="col" aria-sort="ascending"><a class="sort" href="?sort=-person"'
        in page
    )
    assert '<th scope="col" aria-sort="none"><a class="sort" href="?sort=drd"' in page
    page = client.get("/hub/cases/?sort=-person").content.decode()
    assert [row.split()[2] for row in _rows(page)] == ["Cole", "Bryant", "Adams"]
    assert 'aria-sort="descending"' in page


def test_the_default_order_is_the_longest_delayed_first(
    client, coordinator, localities
):
    for family, days in (("Recent", 1), ("Longest", 9), ("Middle", 4)):
        new_case(coordinator, localities[0], family=family, drd_days_ago=days)
    client.force_login(coordinator)
    page = client.get("/hub/cases/").content.decode()
    assert [row.split()[2] for row in _rows(page)] == ["Longest", "Middle", "Recent"]
    assert (
        '<th scope="col" aria-sort="ascending"><a class="sort" href="?sort=-drd"'
        in page
    )


def test_an_unknown_sort_is_the_default_order(client, coordinator, localities):
    new_case(coordinator, localities[0])
    client.force_login(coordinator)
    response = client.get("/hub/cases/?sort=referral__person__nhs_number;drop")
    assert response.status_code == 200
    assert 'aria-sort="ascending"><a class="sort" href="?sort=-drd' in (
        response.content.decode()
    )


def test_closed_and_all_statuses_page_too(client, coordinator, localities):
    for n in range(27):
        case = new_case(coordinator, localities[0])
        if n % 2:
            case_close(case=case, actor=coordinator, closed_because="died", reason="x")
    client.force_login(coordinator)
    closed = client.get("/hub/cases/?status=closed").content.decode()
    assert "1–13 of 13 cases" in closed
    everything = client.get("/hub/cases/?status=all").content.decode()
    assert "1–25 of 27 cases" in everything


def test_a_count_past_the_cap_says_more_than(
    client, coordinator, localities, monkeypatch
):
    from cases import listing

    for _ in range(4):
        new_case(coordinator, localities[0])
    client.force_login(coordinator)
    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    page = client.get("/hub/cases/").content.decode()
    assert "1–3 of more than 3 cases — narrow the filters" in page
    # Viewflow's lists, with the hub's count, say so too (not "of 3")
    for url in ("/discharge/flows/", "/discharge/tasks/"):
        page = client.get(url).content.decode()
        summary = re.search(r'pagination-summary">\s*([^<]*?)\s*<', page)
        assert summary.group(1) == "1–3 of more than 3", url
        # a navigation named for what it is, its items in a list (Viewflow's
        # made the <ul> the navigation, leaving its items outside any list)
        assert 'role="navigation" aria-label="Pages"' in page
        assert '<ul class="vf-list__pagination__container">' in page


def test_search_pages_and_finds_by_surname_full_name_and_nhs_number(
    client, coordinator, other_coordinator, localities
):
    for n in range(27):
        new_case(coordinator, localities[0], family=f"Searchable{n:02d}")
    new_case(
        other_coordinator, localities[1], family="Searchable99", postcode="SB1 2AB"
    )
    client.force_login(coordinator)
    page = client.get("/hub/search/?q=searchable").content.decode()
    assert "1–25 of 27 cases" in page  # not the other locality's
    assert _rows(page)[0].split()[2] == "Searchable00"
    page = client.get("/hub/search/?q=searchable&page=2").content.decode()
    assert "26–27 of 27 cases" in page
    page = client.get("/hub/search/?q=Ada+searchable07").content.decode()
    assert "1–1 of 1 case" in page and "Searchable07" in page
    case = DischargeCase.objects.get(referral__person__family_name="Searchable03")
    number = case.referral.person.nhs_number
    page = client.get(f"/hub/search/?q={number[:3]}+{number[3:6]}+{number[6:]}")
    assert "Searchable03" in page.content.decode()


def test_the_csv_has_every_case_not_only_a_page(client, coordinator, localities):
    for _ in range(30):
        new_case(coordinator, localities[0])
    client.force_login(coordinator)
    response = client.get("/hub/cases.csv")
    assert response.streaming
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(lines) == 31


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def test_every_filter_choice_is_in_the_users_scope(
    client, coordinator, other_coordinator, manager, localities
):
    mine = new_case(coordinator, localities[0], family="Mine")
    theirs = new_case(
        other_coordinator, localities[1], family="Theirs", postcode="SB1 2AB"
    )
    client.force_login(coordinator)
    page = client.get("/hub/cases/").content.decode()
    assert _options(page, "locality") == ["All", "Northfield"]
    for url in ("/discharge/queue/", "/discharge/inbox/", "/discharge/archive/"):
        page = client.get(url).content.decode()
        # No list of processes to pick from; the steps are the flow's own.
        assert 'name="process"' not in page and 'id="id_flow_task"' in page
        assert "Theirs" not in page and theirs.reference not in page
        assert "&quot;label&quot;: &quot;Triage&quot;" in page
    page = client.get("/discharge/tasks/").content.decode()
    assert theirs.reference not in page and "Theirs" not in page
    assert mine.reference in page
    page = client.get("/discharge/flows/").content.decode()
    assert theirs.reference not in page and mine.reference in page
    client.force_login(manager)
    page = client.get("/hub/cases/").content.decode()
    assert _options(page, "locality") == ["All", "Northfield", "Southbrook"]


@pytest.mark.parametrize(
    "url",
    ["/hub/", "/hub/cases/?status=all", "/hub/search/?q=Family", "/hub/cases.csv"],
)
def test_list_rows_read_only_what_the_table_shows(client, coordinator, localities, url):
    """A page of cases reads the columns its table (or CSV) shows, not each
    case's referral notes, the person's address or the process's data: the
    wide rows made a page of 25 cost half as much again at 100,000 cases."""
    for _ in range(3):
        new_case(coordinator, localities[0])
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
    assert body.count(b"DC-") >= 3
    reads = [
        q["sql"] for q in queries if 'FROM "cases_dischargecase" INNER' in q["sql"]
    ]
    for unread in ("presenting_needs", "address_line_1", '"viewflow_process"."data"'):
        assert reads and not any(unread in sql for sql in reads), unread


def test_a_row_closed_between_its_id_and_its_page_is_left_out(coordinator, localities):
    """A page's ids and its rows are two reads: a case closed in between is
    left out of the page, not an error (My day, the case list, search)."""
    from cases.listing import rows_with_ids

    first, second = (new_case(coordinator, localities[0]) for _ in range(2))
    open_cases = DischargeCase.objects.filter(outcome=DischargeCase.Outcome.OPEN)
    ids = [second.pk, first.pk]
    case_close(case=first, actor=coordinator, closed_because="died", reason="test")
    assert rows_with_ids(open_cases, ids) == [second]


def test_a_row_of_the_case_table_shows_each_column_escaped(
    client, coordinator, localities
):
    """The rows are built in Python (`case_cells`), not by the template
    engine: what a person's name holds is still shown as text, not markup."""
    case = new_case(coordinator, localities[0], family="O'Hara<b>", drd_days_ago=3)
    client.force_login(coordinator)
    page = client.get("/hub/search/?q=hara").content.decode()
    person = case.referral.person
    drd = case.referral.discharge_ready_date.strftime("%d/%m/%Y")
    assert _rows(page) == [
        f"{case.reference} Ada O&#x27;Hara&lt;b&gt; {person.nhs_number_display} "
        f"{localities[0].name} Routine — Triage {drd} 3 days delayed"
    ]
    assert f'<a href="/hub/cases/{case.pk}/">{case.reference}</a>' in page
    assert "Hara<b>" not in page
