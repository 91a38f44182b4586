"""Contacts, the timeline and documents: everything on the record."""

import pytest

from cases.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start()
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": "urgent", "reason": "Meets criteria"},
    )
    return case


def test_contact_added_and_marked_in_error_is_kept_with_history(hub, coordinator, case):
    url = f"/hub/cases/{case.pk}/contacts/"
    bad = hub.client.post(
        url,
        {
            "kind": "phone",
            "with_whom": "",
            "summary": "",
            "occurred_at": "2026-11-20T10:00",
        },
    )
    assert bad.status_code == 422 and not Contact.objects.exists()
    hub.client.post(
        url,
        {
            "kind": "phone",
            "with_whom": "Daughter",
            "summary": "Key safe",
            "occurred_at": "2026-11-20T10:00",
        },
    )
    contact = Contact.objects.get()
    assert contact.author == coordinator
    refused = hub.client.post(f"{url}{contact.pk}/error/", {"error_reason": ""})
    assert refused.status_code == 422
    hub.client.post(f"{url}{contact.pk}/error/", {"error_reason": "Wrong person"})
    contact.refresh_from_db()
    assert contact.entered_in_error and contact.error_reason == "Wrong person"
    assert contact.history.count() == 2
    assert contact.history.first().history_user == coordinator
    page = hub.client.get(f"/hub/cases/{case.pk}/").content.decode()
    assert "Entered in error: Wrong person" in page


def test_timeline_merges_history_tasks_and_contacts_in_order(hub, coordinator, case):
    hub.client.post(
        f"/hub/cases/{case.pk}/contacts/",
        {
            "kind": "mdt",
            "with_whom": "Ward MDT",
            "summary": "Plan agreed",
            "occurred_at": "2030-01-01T09:00",
        },
    )
    events = hub.client.get(f"/hub/cases/{case.pk}/timeline/").context["events"]
    titles = [e.title for e in events]
    assert "Triage: accepted, priority urgent" in titles
    assert "Triage: task taken by Cora North" in titles
    assert "Triage: task done" in titles
    assert titles[-1] == "MDT meeting with Ward MDT"  # the latest contact sorts last
    assert any(
        e.kind == "record"
        and e.title == "Case updated"
        and ("Priority", "Routine", "Urgent") in e.changes
        for e in events
    )
    assert all(a.when <= b.when for a, b in zip(events, events[1:], strict=False))
    assert {e.who for e in events if e.kind == "task"} == {"Cora North"}


def test_timeline_pdf_carries_the_person_and_who_printed_it(
    hub, coordinator, case, pdf_text
):
    response = hub.client.get(f"/hub/cases/{case.pk}/timeline.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Ada Testcase" in text and "999 000 0018" in text and case.reference in text
    assert "Printed by Cora North" in text
    assert "Triage: accepted, priority urgent" in text


def test_equipment_order_redirects_only_to_our_own_pages(hub, case, catalogue):
    url = f"/hub/cases/{case.pk}/equipment/"
    data = {"item": catalogue["commode"].pk, "quantity": 1, "speed": "next_day"}
    response = hub.client.post(url, {**data, "next": "https://evil.example/"})
    assert response["Location"] == f"/hub/cases/{case.pk}/#equipment"
    response = hub.client.post(url, {**data, "next": "/discharge/queue/"})
    assert response["Location"] == "/discharge/queue/"
