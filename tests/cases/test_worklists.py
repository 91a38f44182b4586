"""Work lists (My day, the discharge inbox and queue) say who, which case,
where and how urgent, most urgent first, only within the user's scope, at
a fixed number of queries however long the list."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.driver import open_task, referral_start, task_complete
from cases.validators import nhs_check_digit
from hub.flows import DischargeFlow
from triage.models import RiskScreen
from triage.services import risk_screen_record, triage_record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_session")]

FAMILY = iter(f"Family{n:03d}" for n in range(1000))


def _nhs(n: int) -> str:
    for serial in range(n * 10, n * 10 + 10):
        first_nine = f"999{serial:06d}"
        check = nhs_check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"
    raise AssertionError(n)


_serial = iter(range(100, 100000))


def new_case(actor, locality, *, family=None, drd_days_ago=2, postcode="NF1 2AB"):
    """A referral received for `locality`, waiting at triage."""
    today = timezone.localdate()
    return referral_start(
        flow_class=DischargeFlow,
        actor=actor,
        person_fields={
            "nhs_number": _nhs(next(_serial)),
            "given_name": "Ada",
            "family_name": family or next(FAMILY),
            "date_of_birth": datetime.date(1940, 5, 1),
            "address_line_1": "1 Mill Lane",
            "town": locality.name,
            "postcode": postcode,
            "locality": locality,
        },
        referral_fields={
            "source": "acute_ward",
            "referrer_name": "Nurse Test",
            "referrer_contact": "01632 960000",
            "admission_date": today - datetime.timedelta(days=20),
            "discharge_ready_date": today - datetime.timedelta(days=drd_days_ago),
            "presenting_needs": "Help washing and dressing",
        },
    )


def triage(case, actor, priority):
    task_complete(
        open_task(case, "triage"),
        actor=actor,
        perform=lambda c: triage_record(
            case=c, actor=actor, outcome="accept", priority=priority, reason="ok"
        ),
    )


def screen_for_ot(case, actor):
    """A risk screen whose answers send the case to an OT review."""
    screen = RiskScreen(
        falls_last_year=3,
        skin_integrity="intact",
        continence="continent",
        carers_needed=2,
    )
    task_complete(
        open_task(case, "risk_screen"),
        actor=actor,
        perform=lambda c: risk_screen_record(case=c, actor=actor, screen=screen),
    )
    case.refresh_from_db()
    assert case.flagged_for_ot


def rows(page: str, heading: str) -> list[str]:
    """The text of each row of the table after `heading`, as a user reads it."""
    section = page.split(heading, 1)[1].split("</table>", 1)[0]
    found = re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S)[1:]  # no header
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found]


def visible(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


WAITING = "Waiting to be taken"
HELD = "Your tasks"


def test_a_new_referral_shows_on_its_localitys_coordinators_my_day(
    client, coordinator, other_coordinator, localities
):
    new_case(coordinator, localities[0], family="Newcomer", drd_days_ago=3)
    client.force_login(coordinator)
    page = client.get("/hub/").content.decode()
    assert "1 task waiting for you to take" in visible(page)
    (row,) = rows(page, WAITING)
    assert row.startswith("Triage Ada Newcomer DC-")
    assert "Northfield Routine" in row and "3 days delayed" in row
    client.force_login(other_coordinator)
    page = client.get("/hub/").content.decode()
    assert "Newcomer" not in page
    assert "0 tasks waiting for you to take" in visible(page)


def test_an_ots_my_day_shows_the_ot_reviews_waiting_in_their_localities(
    client, coordinator, other_coordinator, ot, localities
):
    for family in ("Ashdown", "Birchall", "Cobham"):
        case = new_case(coordinator, localities[0], family=family)
        triage(case, coordinator, "high")
        screen_for_ot(case, coordinator)
    elsewhere = new_case(
        other_coordinator, localities[1], family="Southerly", postcode="SB1 2AB"
    )
    triage(elsewhere, other_coordinator, "high")
    screen_for_ot(elsewhere, other_coordinator)
    new_case(coordinator, localities[0], family="Untriaged")  # not an OT's step

    client.force_login(ot)
    page = client.get("/hub/").content.decode()
    assert "3 tasks waiting for you to take" in visible(page)
    waiting = rows(page, WAITING)
    assert [row.split(" DC-")[0] for row in waiting] == [
        "OT review Ada Ashdown",
        "OT review Ada Birchall",
        "OT review Ada Cobham",
    ]
    assert "Southerly" not in page and "Untriaged" not in " ".join(waiting)


def test_my_day_puts_the_most_urgent_first(client, coordinator, localities):
    cases = {
        "RoutineLong": ("routine", 9),
        "HighShort": ("high", 1),
        "UrgentShort": ("urgent", 1),
        "HighLong": ("high", 6),
    }
    for family, (priority, delay) in cases.items():
        case = new_case(coordinator, localities[0], family=family, drd_days_ago=delay)
        triage(case, coordinator, priority)
    client.force_login(coordinator)
    page = client.get("/hub/").content.decode()
    order = [row.split(" DC-")[0] for row in rows(page, WAITING)]
    assert order == [
        "Risk screen Ada UrgentShort",
        "Risk screen Ada HighLong",
        "Risk screen Ada HighShort",
        "Risk screen Ada RoutineLong",
    ]
    assert "Urgent 1 day delayed" not in page  # the DRD is shown between them
    urgent = rows(page, WAITING)[0]
    drd = (timezone.localdate() - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    assert f"Northfield Urgent {drd} 1 day delayed today Take" in urgent


def test_tasks_you_hold_are_listed_with_a_button_to_open_them(
    client, coordinator, localities
):
    case = new_case(coordinator, localities[0], family="Holden")
    task = open_task(case, "triage")
    client.force_login(coordinator)
    client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    page = client.get("/hub/").content.decode()
    assert "1 task you hold" in visible(page)
    (row,) = rows(page, HELD)
    assert row.startswith("Triage Ada Holden") and row.endswith("Open")
    execute = task.flow_task.reverse("execute", args=[case.pk, task.pk])
    assert f'href="{execute}"' in page


def test_take_on_my_day_goes_straight_to_the_task(client, coordinator, localities):
    case = new_case(coordinator, localities[0])
    task = open_task(case, "triage")
    client.force_login(coordinator)
    page = client.get("/hub/").content.decode()
    take = re.search(r'action="([^"]*/assign/[^"]*)"', page).group(1)
    response = client.post(take.replace("&amp;", "&"))
    assert response.status_code == 302
    assert response["Location"] == task.flow_task.reverse(
        "execute", args=[case.pk, task.pk]
    )
    task.refresh_from_db()
    assert task.owner == coordinator


def test_the_discharge_queue_and_inbox_show_who_where_and_how_urgent(
    client, coordinator, other_coordinator, localities
):
    routine = new_case(coordinator, localities[0], family="Later", drd_days_ago=5)
    urgent = new_case(coordinator, localities[0], family="Sooner", drd_days_ago=1)
    triage(routine, coordinator, "routine")
    triage(urgent, coordinator, "urgent")
    new_case(other_coordinator, localities[1], family="Away", postcode="SB1 2AB")
    client.force_login(coordinator)
    page = client.get("/discharge/queue/").content.decode()
    text = visible(page)
    for header in ("Task Person Case Locality Priority DRD Delay Waiting",):
        assert header in text
    drd = (timezone.localdate() - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    first = f"Risk screen Take Ada Sooner {urgent.reference} Northfield Urgent {drd}"
    assert first in text
    assert text.index("Ada Sooner") < text.index("Ada Later")
    assert "Away" not in text and "#" + str(urgent.pk) + "/" not in text

    task = open_task(urgent, "risk_screen")
    take = re.search(r'action="([^"]*assign[^"]*)"', page).group(1)
    response = client.post(take.replace("&amp;", "&"))
    assert response["Location"] == task.flow_task.reverse(
        "execute", args=[urgent.pk, task.pk]
    )
    inbox = client.get("/discharge/inbox/").content.decode()
    text = visible(inbox)
    assert f"Risk screen Open Ada Sooner {urgent.reference} Northfield Urgent" in text


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/hub/", "/discharge/queue/", "/discharge/inbox/"])
def test_work_lists_cost_no_query_per_row(client, coordinator, localities, url):
    def add(n):
        for _ in range(n):
            case = new_case(coordinator, localities[0])
            triage(case, coordinator, "high")
            task = open_task(case, "risk_screen")
            if url == "/discharge/inbox/":
                client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))

    client.force_login(coordinator)
    add(2)
    _queries(client, url)  # warm caches (permissions, content types)
    few = _queries(client, url)
    add(6)
    assert _queries(client, url) == few
