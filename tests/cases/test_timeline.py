"""The case timeline is written for people: what was decided, by whom and
when, field changes in the domain's words, in the order things happened;
the PDF says the same."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def visible(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture
def screened(hub, coordinator):
    """A case triaged (high) and risk-screened into an OT review."""
    hub.as_user(coordinator)
    case = hub.start()
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": "high", "reason": "Lives alone, frail"},
    )
    hub.do(
        case,
        "risk_screen",
        {
            "falls_last_year": 3,
            "skin_integrity": "intact",
            "continence": "continent",
            "carers_needed": 2,
        },
    )
    assert case.flagged_for_ot
    return case


def test_the_timeline_says_what_was_decided_by_whom_in_words(hub, screened):
    triaged = hub.task(screened, "triage") or screened.task_set.get(
        flow_task_type="HUMAN", flow_task=screened.flow_class.triage
    )
    at = timezone.localtime(triaged.finished).strftime("%H:%M")
    page = hub.client.get(f"/hub/cases/{screened.pk}/timeline/").content.decode()
    text = visible(page)
    assert f"Triage: accepted, priority high — Cora North, {at}" in text
    assert "Lives alone, frail" in text  # why
    assert "Coordinator: none → Cora North" in text  # an id, named
    assert "Priority: Routine → High" in text  # a choice, labelled
    assert "Flagged for OT review: no → yes" in text  # a yes/no, in words
    assert "Risk screen: " in text and "OT review needed" in text
    for raw in ("flagged_for_ot", "coordinator —", "False → True", "→ 1 "):
        assert raw not in text, raw


def test_the_pdf_reads_the_same(hub, screened, pdf_text):
    content = hub.client.get(f"/hub/cases/{screened.pk}/timeline.pdf").content
    text = " ".join(pdf_text(content).split())
    assert "Triage: accepted, priority high" in text
    assert "Coordinator: none → Cora North" in text
    assert "Flagged for OT review: no → yes" in text


def _contact(hub, case, occurred: str, with_whom: str):
    response = hub.client.post(
        f"/hub/cases/{case.pk}/contacts/",
        {
            "kind": "phone",
            "with_whom": with_whom,
            "summary": "Spoke",
            "occurred_at": occurred,
        },
    )
    assert response.status_code == 302


def test_events_are_in_the_order_they_happened(hub, coordinator):
    """A contact typed as 09:00 (forms have minutes only) but noted after the
    case was opened at 09:00:40 sorts after the opening; one noted at 15:00
    as having happened at 10:00 sorts at 10:00, before the 12:00 triage."""
    day = datetime.datetime(2026, 11, 16, 9, 0, 40, tzinfo=LONDON)
    with time_machine.travel(day, tick=False) as clock:
        hub.as_user(coordinator)
        case = hub.start()
        clock.move_to(day + datetime.timedelta(seconds=10))
        _contact(hub, case, "2026-11-16T09:00", "the ward (now)")
        clock.move_to(day.replace(hour=12))
        hub.as_user(coordinator)  # signed in again: the session idled out
        hub.do(
            case, "triage", {"outcome": "accept", "priority": "high", "reason": "ok"}
        )
        clock.move_to(day.replace(hour=15))
        hub.as_user(coordinator)
        _contact(hub, case, "2026-11-16T10:00", "the daughter (earlier)")
        page = hub.client.get(f"/hub/cases/{case.pk}/timeline/").content.decode()
    text = visible(page)
    order = [
        "Person's record created",
        "Case opened",
        "Phone call with the ward (now)",
        "Phone call with the daughter (earlier) — Cora North, 10:00 "
        "(recorded 16/11/2026 15:00)",
        "Triage: accepted, priority high",
    ]
    positions = [text.find(title) for title in order]
    assert -1 not in positions, list(zip(order, positions, strict=True))
    assert positions == sorted(positions)
