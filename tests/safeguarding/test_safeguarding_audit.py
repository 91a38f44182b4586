"""The manager's audit: every view logged, the timeline, and the A4 PDF."""

import pytest
from django.utils import timezone
from sg_kit import Lead, days_ago, raise_for_case

from safeguarding.driver import open_task
from safeguarding.models import ViewLog
from safeguarding.timeline import concern_timeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def concern(client, case):
    return raise_for_case(client, case)


def titles(concern) -> list[str]:
    return [event.title for event in concern_timeline(concern)]


def test_every_view_of_details_timeline_pdf_and_tasks_is_logged(
    client, concern, lead, manager
):
    Lead(client, lead).screen(concern)  # opens the screening task page
    client.get(f"/safeguarding/concerns/{concern.pk}/")
    client.force_login(manager)
    client.get(f"/safeguarding/concerns/{concern.pk}/timeline/")
    client.get(f"/safeguarding/concerns/{concern.pk}/timeline.pdf")
    logged = list(
        ViewLog.objects.filter(concern=concern).values_list("user__username", "what")
    )
    assert logged == [
        ("lena_lead", "task"),
        ("lena_lead", "details"),
        ("mona_manager", "timeline"),
        ("mona_manager", "pdf"),
    ]
    events = titles(concern)
    assert "Viewed task page (Screening)" in events
    assert "Viewed details" in events
    assert "Viewed timeline" in events and "Viewed timeline PDF" in events


def test_a_task_page_shown_again_with_errors_is_logged_too(client, concern, lead):
    """A refused form is the same page with the concern's details on it."""
    Lead(client, lead).screen(concern)
    task = open_task(concern, "decision")
    client.post(task.flow_task.reverse("assign", args=[concern.pk, task.pk]))
    url = task.flow_task.reverse("execute", args=[concern.pk, task.pk])
    before = ViewLog.objects.filter(concern=concern, user=lead, what="task").count()
    response = client.post(url, {"route": "s42"})  # no reasons, no test answered
    assert response.status_code == 200 and response.context["form"].errors
    assert concern.description in response.content.decode()
    after = ViewLog.objects.filter(concern=concern, user=lead, what="task").count()
    assert after == before + 1


def test_refused_views_are_not_logged_and_show_nothing(client, concern, coordinator):
    client.force_login(coordinator)
    for suffix in ("", "timeline/", "timeline.pdf"):
        response = client.get(f"/safeguarding/concerns/{concern.pk}/{suffix}")
        assert response.status_code == 403
        assert concern.description not in response.content.decode()
    assert not ViewLog.objects.exists()


def test_timeline_has_field_changes_and_every_task_event(
    client, concern, lead, other_lead, manager
):
    lead_client = Lead(client, lead)
    lead_client.screen(concern, risk_locations="care_home_nursing")
    task = open_task(concern, "decision")
    client.post(task.flow_task.reverse("unassign", args=[concern.pk, task.pk]))
    client.force_login(manager)
    reassign = f"/safeguarding/concerns/{concern.pk}/tasks/{task.pk}/reassign/"
    client.post(reassign, {"lead": lead.pk})  # from the queue
    other_lead.staff.localities.add(concern.person.locality)  # covers the adult
    client.post(reassign, {"lead": other_lead.pk})
    client.post(f"/safeguarding/concerns/{concern.pk}/notes/", {"text": "Rang GP"})
    events = concern_timeline(concern)
    text = [event.title for event in events]
    assert "Concern raised (noticed by hub staff)" in text
    assert "Screening: task created" in text
    assert "Screening: task taken by Lena Lead" in text
    assert "Screening: task done" in text
    assert "Section 42 decision: task created, assigned to Lena Lead" in text
    assert "Section 42 decision: task released by Lena Lead" in text
    assert "Section 42 decision: task assigned to Lena Lead" in text
    assert "Section 42 decision: task reassigned from Lena Lead to Leo Lead" in text
    coded = next(e for e in events if e.title == "Concern: coded at screening")
    assert ("Locations of risk", "none", "Care home – nursing") in coded.changes
    types = [c for e in events for c in e.changes if c[0] == "Types of risk"]
    assert types == [
        (
            "Types of risk",
            "none",
            "Financial or material, Neglect and acts of omission",
        ),
        (
            "Types of risk",
            "Financial or material, Neglect and acts of omission",
            "Financial or material",
        ),
    ]
    assert coded.who == "Lena Lead"
    reassigned = next(e for e in events if "reassigned" in e.title)
    assert reassigned.who == "Mona Manager"
    note = next(e for e in events if e.kind == "note")
    assert note.detail == "Rang GP" and note.who == "Mona Manager"
    assert [e.when for e in events] == sorted(e.when for e in events)


def test_timeline_marks_each_stage_against_its_target_and_breaches(client, case, lead):
    concern = raise_for_case(
        client,
        case,
        received_at=(days_ago(14)).strftime("%Y-%m-%dT%H:%M"),
    )
    Lead(client, lead).screen(concern)
    stage = next(e for e in concern_timeline(concern) if e.kind.startswith("stage"))
    assert stage.kind == "stage breach"
    assert "TIMESCALE BREACHED" in stage.title and "of 0 working days" in stage.title
    page = client.get(f"/safeguarding/concerns/{concern.pk}/timeline/")
    assert "TIMESCALE BREACHED" in page.content.decode()
    assert 'class="badge bad">overdue' in page.content.decode()  # the decision


def test_pdf_every_page_carries_the_person_reference_and_printer(
    client, concern, lead, manager, pdf_text
):
    Lead(client, lead).screen(concern)
    Lead(client, lead).decide(concern, "none")
    for _ in range(40):  # enough views to run the timeline over several pages
        client.get(f"/safeguarding/concerns/{concern.pk}/")
    client.force_login(manager)
    response = client.get(f"/safeguarding/concerns/{concern.pk}/timeline.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 2
    today = timezone.localdate().strftime("%d/%m/%Y")
    for page in pages:
        assert "Ada Testcase" in page
        assert "NHS 999 000 0018" in page
        assert concern.reference in page
        assert "Printed by Mona Manager" in page and today in page
    assert "Screening: task done" in text
    assert "Section 42 decision: task taken" not in text  # it was assigned to her
    assert "No enquiry – onward action" in text
    assert "Viewed details" in text
