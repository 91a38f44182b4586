"""Each route through the section 42 flow, driven through the pages by a lead."""

import pytest
from django.utils import timezone
from sg_kit import Lead, raise_for_case
from viewflow.workflow.models import Task

from safeguarding.driver import open_task
from safeguarding.models import Closure, ViewLog

pytestmark = pytest.mark.django_db


def test_risk_screen_prompts_the_coordinator_and_links_the_concern(
    hub, coordinator, case
):
    page = hub.client.get(case.get_absolute_url()).content.decode()
    assert "The risk screen flagged a safeguarding concern" in page
    assert f"?case={case.pk}&amp;from=risk_screen" in page

    form = hub.client.get(f"/safeguarding/raise/?case={case.pk}&from=risk_screen")
    assert form.status_code == 200
    assert "Bruising on both arms" in form.content.decode()  # notes prefilled

    concern = raise_for_case(hub.client, case, from_screen=True)
    assert concern.raised_from == "risk_screen"
    assert concern.case == case and concern.person == case.person
    assert concern.raised_by == coordinator
    assert concern.policy.decision_days == 2

    page = hub.client.get(case.get_absolute_url()).content.decode()
    assert "The risk screen flagged a safeguarding concern" not in page
    assert concern.reference in page and "Screening" in page


def test_s42_route_with_plan_and_review_to_closure(client, case, lead):
    concern = raise_for_case(client, case)  # the coordinator raises it
    lead_client = Lead(client, lead)
    lead_client.screen(concern)
    lead_client.decide(concern, "s42")
    assert open_task(concern, "strategy").owner == lead  # continuity of lead
    lead_client.strategy(concern)
    lead_client.enquiry(concern)
    lead_client.outcome(concern, risk="reduced")
    lead_client.do(
        concern,
        "plan",
        {
            "plan": "Appointee manages money; weekly visits",
            "agreed_with_adult": "on",
            "review_date": "2030-01-10",
        },
    )
    lead_client.do(
        concern,
        "review",
        {
            "reviewed_on": timezone.localdate().isoformat(),
            "risk_now": "removed",
            "notes": "Stable",
        },
    )
    lead_client.close(concern)
    assert concern.status == "DONE"
    assert concern.closure.referrer_told and not concern.closure.early
    done = [
        t.flow_task.name
        for t in concern.task_set.filter(flow_task_type="HUMAN").order_by("created")
    ]
    assert done == [
        "screening",
        "decision",
        "strategy",
        "enquiry",
        "outcome",
        "plan",
        "review",
        "closure",
    ]
    assert ViewLog.objects.filter(concern=concern, what="task").count() == 8


def test_other_enquiry_skips_strategy_and_plan_when_risk_removed(client, case, lead):
    concern = raise_for_case(client, case)
    lead_client = Lead(client, lead)
    lead_client.screen(concern)
    lead_client.decide(concern, "other")
    assert open_task(concern, "strategy") is None
    lead_client.enquiry(concern)
    lead_client.outcome(concern, risk="removed")
    assert open_task(concern, "plan") is None
    lead_client.close(concern)
    assert concern.status == "DONE" and concern.decision.route == "other"
    assert not hasattr(concern, "strategy") or concern.strategy is None


def test_no_enquiry_goes_to_closure_with_onward_action(client, case, lead):
    concern = raise_for_case(client, case)
    lead_client = Lead(client, lead)
    lead_client.screen(concern)
    bad = lead_client.decide(concern, "none", onward_action="", expect=200)
    assert "Say what onward action follows." in bad.content.decode()
    lead_client.decide(concern, "none")
    assert open_task(concern, "closure") is not None
    lead_client.close(concern)
    assert concern.status == "DONE"
    assert concern.decision.onward_action == "Signposted to Age UK"


def test_decision_refuses_a_route_the_three_part_test_does_not_allow(
    client, case, lead
):
    concern = raise_for_case(client, case)
    lead_client = Lead(client, lead)
    lead_client.screen(concern)
    bad = lead_client.decide(concern, "s42", unable_to_protect="", expect=200)
    assert "needs all three parts" in bad.content.decode()
    bad = lead_client.decide(concern, "other", unable_to_protect="on", expect=200)
    assert "the section 42 duty applies" in bad.content.decode()
    assert open_task(concern, "decision") is not None


def test_early_closure_at_any_stage_cancels_the_open_task(client, case, lead):
    concern = raise_for_case(client, case)
    lead_client = Lead(client, lead)
    lead_client.screen(concern)
    lead_client.decide(concern, "s42")
    url = f"/safeguarding/concerns/{concern.pk}/close/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 422
    reason = {"reason": "Adult moved out of area; passed to Shire council"}
    unconcluded = client.post(url, reason)  # the enquiry started: how did it end?
    assert unconcluded.status_code == 422
    assert "say how it concluded" in unconcluded.content.decode()
    ceased = {"action_result": "ceased", "msp_achieved": "partly"}
    response = client.post(url, {**reason, **ceased})
    assert response.status_code == 302
    concern.refresh_from_db()
    closure = Closure.objects.get(concern=concern)
    assert closure.early and closure.stage_at_closure == "Strategy discussion"
    assert concern.status == "CANCELED"
    assert Task.objects.get(process=concern, flow_task_type="HUMAN", status="CANCELED")
    assert open_task(concern, "strategy") is None
    page = client.get(concern.get_absolute_url()).content.decode()
    assert "closed early" in page and "Adult moved out of area" in page
    assert "Enquiry ceased at the individual&#x27;s request" in page  # its outcome


def test_manager_reassigns_a_task_and_the_new_lead_completes_it(
    client, case, lead, other_lead, manager, localities
):
    other_lead.staff.localities.add(localities[0])  # leads for the case's area
    concern = raise_for_case(client, case)
    Lead(client, lead).screen(concern)
    task = open_task(concern, "decision")
    assert task.owner == lead

    Lead(client, lead)
    assert (
        client.get(
            f"/safeguarding/concerns/{concern.pk}/tasks/{task.pk}/reassign/"
        ).status_code
        == 403
    )

    client.force_login(manager)
    url = f"/safeguarding/concerns/{concern.pk}/tasks/{task.pk}/reassign/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"lead": other_lead.pk}).status_code == 302
    task.refresh_from_db()
    assert task.owner == other_lead and task.status == "ASSIGNED"

    Lead(client, other_lead).decide(concern, "none")
    assert open_task(concern, "closure").owner == other_lead


def test_lead_releases_a_task_back_to_the_queue(
    client, case, lead, other_lead, localities
):
    other_lead.staff.localities.add(localities[0])
    concern = raise_for_case(client, case)
    Lead(client, lead).screen(concern)
    task = open_task(concern, "decision")
    release = client.post(
        task.flow_task.reverse("unassign", args=[concern.pk, task.pk])
    )
    assert release.status_code == 302
    task.refresh_from_db()
    assert task.owner is None and task.status == "NEW"
    queue = Lead(client, other_lead).client.get("/section42/queue/")
    assert queue.status_code == 200
    Lead(client, other_lead).decide(concern, "none")
