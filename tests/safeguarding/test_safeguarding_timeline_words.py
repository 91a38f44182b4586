"""A concern's stage pages show the clock of what is saved, and its timeline
(page and PDF) reads as what was decided, by whom, in the domain's words."""

import html
import re

import pytest
from sg_kit import Lead, raise_for_case

from safeguarding.driver import open_task

pytestmark = pytest.mark.django_db


def visible(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def clock_rows(page: str) -> dict[str, str]:
    """The 'On the clock' table: {stage: the rest of its row}."""
    table = re.search(r'<table class="list clock">.*?</table>', page, re.S).group(0)
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]:
        cells = [visible(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[cells[0]] = " | ".join(cells[1:])
    return rows


@pytest.fixture
def concern(client, case):
    return raise_for_case(client, case)


def _form_page(client, concern, node):
    task = open_task(concern, node)
    if task.owner_id is None:
        client.post(task.flow_task.reverse("assign", args=[concern.pk, task.pk]))
    url = task.flow_task.reverse("execute", args=[concern.pk, task.pk])
    return url, client.get(url).content.decode()


def test_a_stage_form_shows_the_step_still_to_do_until_it_is_saved(
    client, concern, lead
):
    client.force_login(lead)
    _url, page = _form_page(client, concern, "screening")
    rows = clock_rows(page)
    assert "in time" not in rows["Screening"] and "running" in rows["Screening"]

    Lead(client, lead).screen(concern)
    url, page = _form_page(client, concern, "decision")
    rows = clock_rows(page)
    assert "in time" in rows["Screening"]  # saved: done, on time
    assert "running" in rows["Section 42 decision"]
    assert "not started" in rows["Strategy discussion"]
    invalid = client.post(url, {"route": "s42", "reasons": ""})  # nothing saved
    assert invalid.status_code == 200
    rows = clock_rows(invalid.content.decode())
    assert "running" in rows["Section 42 decision"]
    assert "not started" in rows["Strategy discussion"]


def test_the_concern_timeline_reads_as_what_was_decided(client, concern, lead):
    worker = Lead(client, lead)
    worker.screen(concern, risk_locations="care_home_nursing", lacked_capacity="no")
    worker.decide(concern, "none")
    page = client.get(f"/safeguarding/concerns/{concern.pk}/timeline/")
    text = visible(page.content.decode())
    assert "Concern raised (noticed by hub staff) — Cora North" in text
    assert "Screening done — Lena Lead" in text
    assert "Concern: coded at screening — Lena Lead" in text
    assert "Locations of risk: none → Care home – nursing" in text
    assert "Did the adult lack capacity: none → No" in text
    assert (
        "Section 42 decision: No enquiry – onward action (the test is not met)" in text
    )
    for raw in ("risk_locations", "care_home_nursing", "True", "False"):
        assert raw not in text, raw


def test_the_concern_timeline_pdf_reads_the_same(
    client, concern, lead, manager, pdf_text
):
    Lead(client, lead).screen(concern, risk_locations="care_home_nursing")
    client.force_login(manager)
    content = client.get(f"/safeguarding/concerns/{concern.pk}/timeline.pdf").content
    text = " ".join(pdf_text(content).split())
    assert "Screening done" in text
    assert "Locations of risk: none → Care home – nursing" in text
