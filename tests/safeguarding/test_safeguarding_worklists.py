"""The leads' queue and inbox say who, which concern, where and when the step
is due, the step due first at the top, at a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from sg_kit import concern_for, days_ago

from cases.models import Person
from cases.validators import nhs_check_digit
from safeguarding.driver import open_task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_session")]


def _person(n: int, family: str, locality) -> Person:
    first_nine = next(
        f"999{s:06d}"
        for s in range(n * 10, n * 10 + 10)
        if nhs_check_digit(f"999{s:06d}") is not None
    )
    return Person.objects.create(
        nhs_number=first_nine + str(nhs_check_digit(first_nine)),
        given_name="Ada",
        family_name=family,
        date_of_birth=datetime.date(1940, 5, 1),
        address_line_1="1 Mill Lane",
        town=locality.name,
        postcode="NF1 2AB",
        locality=locality,
    )


def visible(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_the_leads_queue_shows_the_adult_the_concern_and_the_step_due_first(
    client, lead, coordinator, localities
):
    lead.staff.localities.add(localities[1])  # a lead for both localities
    fresh = concern_for(_person(1, "Fresh", localities[0]), actor=coordinator)
    old = concern_for(
        _person(2, "Older", localities[1]), actor=coordinator, received_at=days_ago(6)
    )
    client.force_login(lead)
    text = visible(client.get("/section42/queue/").content.decode())
    assert "Task Person Concern Locality Due Timescale Waiting" in text
    assert f"Screening Take Ada Older {old.reference} Southbrook" in text
    assert "Overdue by" in text.split("Ada Older", 1)[1].split("Ada Fresh")[0]
    assert f"Ada Fresh {fresh.reference} Northfield" in text
    assert text.index("Ada Older") < text.index("Ada Fresh")


def test_take_in_the_leads_queue_goes_straight_to_the_step(
    client, lead, coordinator, localities
):
    concern = concern_for(_person(1, "Fresh", localities[0]), actor=coordinator)
    task = open_task(concern, "screening")
    client.force_login(lead)
    page = client.get("/section42/queue/").content.decode()
    take = re.search(r'action="([^"]*/assign/[^"]*)"', page).group(1)
    response = client.post(take.replace("&amp;", "&"))
    assert response["Location"] == task.flow_task.reverse(
        "execute", args=[concern.pk, task.pk]
    )
    inbox = visible(client.get("/section42/inbox/").content.decode())
    assert f"Screening Open Ada Fresh {concern.reference} Northfield" in inbox


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_leads_queue_costs_no_query_per_row(client, lead, coordinator, localities):
    client.force_login(lead)
    for n in range(2):
        concern_for(_person(n, f"Few{n}", localities[0]), actor=coordinator)
    _queries(client, "/section42/queue/")
    few = _queries(client, "/section42/queue/")
    for n in range(2, 8):
        concern_for(_person(n, f"More{n}", localities[0]), actor=coordinator)
    assert _queries(client, "/section42/queue/") == few


def test_take_on_the_concern_page_goes_straight_to_the_step(
    client, lead, coordinator, localities
):
    """One click, as on a case page: Take, then the step's form."""
    concern = concern_for(_person(1, "Fresh", localities[0]), actor=coordinator)
    task = open_task(concern, "screening")
    client.force_login(lead)
    page = client.get(concern.get_absolute_url()).content.decode()
    take = re.search(r'<form method="post" action="([^"]*/assign/[^"]*)"', page)
    assert take, "no Take button"
    response = client.post(take.group(1).replace("&amp;", "&"), follow=True)
    execute = task.flow_task.reverse("execute", args=[concern.pk, task.pk])
    assert response.redirect_chain[-1][0] == execute
    assert "<h1>Screening" in response.content.decode()
