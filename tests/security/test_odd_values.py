"""Odd values in filters and ids: a message on the page and a 4xx, never a
500; valid filters still filter, with no more queries than before."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query, message",
    [
        ("pathway=abc", b"Pathway: Select a valid choice. abc is not one"),
        ("pathway=%C2%B2", b"Pathway: Select a valid choice."),
        ("priority=zzz", b"Priority: Select a valid choice."),
        ("status=both", b"Status: Select a valid choice."),
        ("delayed=yes", b"Delayed only: Select a valid choice."),
        ("stage=..%2Ftriage", b"Stage: Not a stage."),
    ],
)
def test_a_bad_case_list_filter_is_left_out_with_a_message(
    client, coordinator, case, query, message
):
    client.force_login(coordinator)
    response = client.get(f"/hub/cases/?{query}")
    assert response.status_code == 400
    assert b"Some filters were not understood" in response.content
    assert message in response.content
    assert case.reference.encode() in response.content  # the rest still applies


def test_the_case_list_filters_still_filter(client, coordinator, case):
    client.force_login(coordinator)

    def listed(query: str) -> bool:
        response = client.get(f"/hub/cases/?{query}")
        assert response.status_code == 200, query
        return case.reference.encode() in response.content

    assert listed("")
    assert listed("stage=triage&locality=northfield&priority=")
    assert not listed("stage=discharge")
    assert not listed("status=closed")
    assert not listed("pathway=1")
    assert not listed("locality=southbrook")


def test_a_bad_capacity_locality_is_left_out_with_a_message(
    client, coordinator, provider
):
    client.force_login(coordinator)
    response = client.get("/hub/capacity/?locality=nowhere")
    assert response.status_code == 400
    assert b"Locality: Select a valid choice." in response.content
    assert b"North Reablement" in response.content
    shown = client.get("/hub/capacity/?locality=northfield")
    assert shown.status_code == 200
    assert b"North Reablement" in shown.content
    assert (
        b"North Reablement"
        not in client.get("/hub/capacity/?locality=southbrook").content
    )


@pytest.mark.parametrize(
    "query, message",
    [
        ("lead=%C2%B2", b"Lead: Not a lead."),
        ("lead=abc", b"Lead: Not a lead."),
        ("risk_type=zzz", b"Type of risk: Select a valid choice."),
        ("status=late", b"Status: Select a valid choice."),
    ],
)
def test_a_bad_dashboard_filter_is_left_out_with_a_message(
    client, manager, concern, query, message
):
    client.force_login(manager)
    response = client.get(f"/safeguarding/dashboard/?{query}")
    assert response.status_code == 400
    assert message in response.content
    assert concern.reference.encode() in response.content


def test_the_dashboard_filters_still_filter(client, manager, concern):
    client.force_login(manager)

    def listed(query: str) -> bool:
        response = client.get(f"/safeguarding/dashboard/?{query}")
        assert response.status_code == 200, query
        return concern.reference.encode() in response.content

    assert listed("lead=queue&risk_type=physical&locality=northfield")
    assert not listed(f"lead={manager.pk}")
    assert not listed("risk_type=financial")
    assert not listed("locality=southbrook")


@pytest.mark.parametrize("case_id", ["%C2%B2", "abc", "-1", "1.5"])
def test_an_odd_case_id_when_raising_a_concern_is_not_found(
    client, coordinator, case_id
):
    client.force_login(coordinator)
    assert client.get(f"/safeguarding/raise/?case={case_id}").status_code == 404
    assert client.get("/safeguarding/raise/?lead=%C2%B2").status_code == 200


def test_filtering_costs_no_more_queries(
    client, coordinator, manager, case, concern, provider, django_assert_max_num_queries
):
    """The counts measured before the FilterSets, on the same data, plus the
    menu's task counts on every page (two per flow whose menu the user has:
    their tasks and their queue). The case list's locality filter reads the
    user's own localities (one query) since it offers only those; a list of
    few among many (open cases, a stage) reads its page's ids, then their rows
    (one query more: cases/listing.py). A coordinator's scope names their
    localities' ids, read once per request (cases/selectors.py)."""
    menu = 2
    client.force_login(coordinator)
    client.get("/hub/")
    with django_assert_max_num_queries(13 + menu):
        client.get("/hub/cases/")
    with django_assert_max_num_queries(10 + menu):
        client.get("/hub/cases/?pathway=1&priority=high&stage=triage&delayed=1")
    with django_assert_max_num_queries(13 + menu):
        client.get("/hub/capacity/?locality=northfield")
    client.force_login(manager)
    client.get("/hub/")
    # + the concerns' clock pauses, advocacy and position-of-trust referrals,
    # one query each for the whole page (issue 13's procedures); + the counts
    # by status, the list's count and its page's ids, since the page is sorted,
    # counted and paged in the database (the stored next due date).
    with django_assert_max_num_queries(28 + 2 * menu):
        client.get("/safeguarding/dashboard/?lead=queue&risk_type=physical")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/cases/locality/abc/history/",
        "/admin/cases/locality/%C2%B2/history/",
        "/admin/cases/locality/{pk}/history/abc/",
        "/admin/cases/person/abc/history/",
        "/admin/cases/staff/abc/history/",
        "/admin/pathways/provider/abc/history/",
        "/admin/equipment/equipmentitem/abc/history/",
        "/admin/safeguarding/timescalepolicy/abc/history/",
    ],
)
def test_an_odd_id_on_an_admin_history_page_is_not_found(client, localities, url):
    """simple-history's pages looked the id up unchecked: a 500."""
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("root", "r@hub.invalid", "x"))
    pk = localities[0].pk
    assert client.get(url.format(pk=pk)).status_code == 404
    assert client.get(f"/admin/cases/locality/{pk}/history/").status_code == 200
