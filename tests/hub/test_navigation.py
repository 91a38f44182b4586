"""One navigation everywhere: the hub's menu on its pages, task pages and
Viewflow's lists alike; 403 and 404 pages that say what happened and lead
home; the hub's name on every page."""

import re

import pytest
from django.test import override_settings
from viewflow.workflow.models import Task

pytestmark = pytest.mark.django_db

HUB_LINKS = {"My day": "/hub/", "Cases": "/hub/cases/", "Search": "/hub/search/"}


def menu(page: str) -> dict[str, str]:
    """The left menu's entries, {label: href}."""
    aside = re.search(r"<aside.*?</aside>", page, re.S)
    assert aside, "no menu on the page"
    links = re.findall(
        r'<a [^>]*href="([^"]+)"[^>]*>.*?mdc-list-item__content">([^<]+)<',
        aside.group(0),
        re.S,
    )
    return {label.strip(): href for href, label in links}


def _assert_hub_menu(page: str) -> None:
    entries = menu(page)
    for label, href in HUB_LINKS.items():
        assert entries.get(label) == href, (label, entries)
    assert "Dashboard" not in entries and "Archive" not in entries  # Viewflow's


def test_task_pages_and_viewflows_lists_keep_the_hubs_menu(hub, coordinator):
    case = hub.as_user(coordinator).start()
    task = hub.task(case, "triage")
    client = hub.client
    client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    execute = task.flow_task.reverse("execute", args=[case.pk, task.pk])
    for url in (
        execute,
        "/discharge/inbox/",
        "/discharge/queue/",
        "/discharge/archive/",
        "/discharge/",
        "/hub/",
        case.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_hub_menu(response.content.decode())


def test_the_menu_counts_the_users_tasks_in_scope(hub, coordinator, other_coordinator):
    case = hub.as_user(coordinator).start()
    task = hub.task(case, "triage")
    hub.client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    page = hub.client.get("/hub/").content.decode()
    assert re.search(r"My tasks</span>\s*<span[^>]*>1<", page)
    hub.as_user(other_coordinator)
    page = hub.client.get("/hub/").content.decode()
    assert re.search(r"My tasks</span>\s*<span[^>]*>0<", page)
    assert re.search(r"Task queue</span>\s*<span[^>]*>0<", page)


def test_a_leads_section_42_pages_keep_the_safeguarding_menu(
    client, make_user, localities
):
    from django.utils import timezone

    from cases.models import Person
    from safeguarding.services import concern_raise

    lead = make_user("lena_lead", "safeguarding_lead", [localities[0]])
    person = Person.objects.create(
        nhs_number="9990000018",
        given_name="Ada",
        family_name="Lookup",
        date_of_birth="1940-05-01",
        address_line_1="1 Mill Lane",
        town="Northfield",
        postcode="NF1 2AB",
        locality=localities[0],
    )
    concern = concern_raise(
        actor=lead,
        person=person,
        case=None,
        raised_from="standalone",
        risk_types=["physical"],
        received_at=timezone.now(),
        description="Unexplained bruising",
        received_via="phone",
    )
    task = Task.objects.get(process=concern, flow_task_type="HUMAN")
    client.force_login(lead)
    client.post(task.flow_task.reverse("assign", args=[concern.pk, task.pk]))
    execute = task.flow_task.reverse("execute", args=[concern.pk, task.pk])
    for url in (execute, "/section42/inbox/", "/section42/queue/", "/safeguarding/"):
        entries = menu(client.get(url).content.decode())
        assert entries.get("Open concerns") == "/safeguarding/dashboard/", url
        assert entries.get("Leads' queue") == "/section42/queue/", url
        assert "My day" not in entries  # not the hub's: a lead has no cases


def _visible(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_a_403_says_what_happened_and_leads_home(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/safeguarding/dashboard/")
    assert response.status_code == 403
    page = response.content.decode()
    assert (
        re.search(r"<main[ >]", page) and "<h1>You cannot open this page</h1>" in page
    )
    text = _visible(page)
    assert "your role does not let you open this page" in text
    assert 'href="/">Go to your start page</a>' in page


def test_a_403_before_the_page_is_reached_still_leads_home(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/section42/queue/")  # refused by the app's gate
    assert response.status_code == 403
    assert 'href="/">Go to your start page</a>' in response.content.decode()


@pytest.mark.parametrize("url", ["/no-such-page/", "/hub/cases/999999/"])
def test_a_404_says_what_happened_and_leads_home(client, coordinator, url):
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert re.search(r"<main[ >]", page) and "<h1>Page not found</h1>" in page
    assert "not one you can see" in _visible(page)
    assert 'href="/">Go to your start page</a>' in page


def _title(page: str) -> str:
    return " ".join(re.search(r"<title>(.*?)</title>", page, re.S).group(1).split())


def test_every_kind_of_page_carries_the_hubs_name(client, hub, coordinator, manager):
    anonymous = ["/accounts/login/", "/accounts/password_reset/", "/no-such-page/"]
    for url in anonymous:
        page = client.get(url).content.decode()
        assert "Locality Hub" in _title(page), url
        assert "Django" not in _title(page) and "Viewflow" not in page, url
    case = hub.as_user(coordinator).start()
    task = hub.task(case, "triage")
    signed_in = [
        "/hub/",
        "/discharge/queue/",
        "/discharge/inbox/",
        "/discharge/",
        task.flow_task.reverse("assign", args=[case.pk, task.pk]),
        "/safeguarding/dashboard/",  # 403
        "/no-such-page/",
        "/accounts/password_change/",
    ]
    for url in signed_in:
        page = hub.client.get(url).content.decode()
        assert "Locality Hub" in _title(page), url
        assert "Django" not in _title(page) and "Viewflow" not in page, url


@override_settings(DEBUG=False)
def test_the_500_page_is_the_hubs_and_plain():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert _title(page) == "Something went wrong · Locality Hub"
    assert "<h1>Something went wrong</h1>" in page and 'href="/"' in page
