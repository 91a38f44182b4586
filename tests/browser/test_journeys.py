"""One journey per role, through the real pages in Chromium, with axe-core's
WCAG 2.2 A/AA check on every page visited: no critical or serious violation
anywhere (all of them reported at once), and no script error."""

import pytest
from django.core.management import call_command

from safeguarding.models import RiskTypeCode
from testkit import PLAN_DETERMINATION

from .kit import (
    at_placement,
    day,
    discharge_with_gate_open,
    flagged_for_ot,
    nhs_number,
    referral_fields,
    safeguarding_reference_data,
    totp_device,
)

pytestmark = pytest.mark.django_db(transaction=True)

TAKE = "main button:has-text('Take')"


def take(watched, step: str) -> None:
    """Takes the step's task from the case (or concern) page's "Now" table,
    and opens it if taking it did not."""
    row = watched.page.locator("main tr", has_text=step)
    watched.click(row.locator("button:has-text('Take'), a:has-text('Open')").first)
    if not watched.path.endswith("/execute/"):
        row = watched.page.locator("main tr", has_text=step)
        watched.click(row.locator("a:has-text('Open')"))
    assert watched.path.endswith("/execute/"), watched.path


def test_coordinator_takes_a_referral_to_discharge(
    watched, coordinator, provider, catalogue, hub
):
    other = hub.as_user(coordinator).start(
        nhs_number=nhs_number(300), given_name="Dora", family_name="Closecase"
    )
    care_home = at_placement(hub, coordinator)
    w = watched
    w.log_in(coordinator.username, kind="My day")
    w.click("a:has-text('New referral')", "New referral")
    w.click("main button[type=submit]", "New referral, with errors")
    w.submit(referral_fields(), "Case page")
    assert w.path.startswith("/hub/cases/"), w.path
    case_path = w.path
    _record_a_contact_then_mark_it_in_error(w)

    take(w, "Triage")
    w.submit({"outcome": "accept", "priority": "high", "reason": "Criteria met"})
    take(w, "Risk screen")
    w.submit(
        {
            "falls_last_year": "0",
            "skin_integrity": "intact",
            "continence": "continent",
            "carers_needed": "1",
        }
    )
    take(w, "Pathway decision")
    w.submit({"chosen": "1", "morning_minutes": "30"})
    take(w, "Equipment")
    w.fill({"item": str(catalogue["commode"].pk), "essential": True})
    w.click("main form[action$='/equipment/'] button[type=submit]", "Equipment")
    w.click("main a:has-text('update')", "Equipment order status")
    w.submit({"action": "delivered"})
    w.submit({})
    take(w, "Reablement start")
    w.submit({"provider": str(provider.pk), "start_date": day(1)})
    _provider_accepts(case_path)  # the provider agrees the offered start
    take(w, "Support plan")
    w.click(
        "main form.hub-form:not([action]) button[type=submit]",
        "Support plan, with errors",
    )
    w.submit(
        {
            "personal_goals": "Make my own breakfast again",
            "review_date": day(14),
            "hygiene_need": "Help to shower",
            "hygiene_met_by": "reablement",
            **PLAN_DETERMINATION,
        }
    )
    take(w, "Confirm discharge")
    w.submit({"transport": "Hospital transport", "access_arrangements": "Key safe"})
    assert w.path == case_path
    assert "Discharge" in w.page.locator("main").inner_text()

    w.click("main a[href$='/timeline/']", "Case timeline")
    for path, kind in [
        ("/hub/cases/", "Case list"),
        ("/hub/cases/?status=all&priority=high&delayed=1", "Case list, filtered"),
        ("/hub/search/?q=Testcase", "Search"),
        ("/hub/capacity/", "Capacity"),
        ("/hub/allocation/", "Allocation"),
        ("/hub/allocation/what-if/", "What if"),
        ("/hub/cases/export/?status=all", "Export cases"),
        ("/hub/runs/", "Background work"),
        (f"/hub/cases/{other.pk}/close/", "Close a case"),
        (f"/safeguarding/raise/?case={other.pk}", "Raise a concern"),
        ("/safeguarding/mine/", "Concerns I raised"),
        ("/discharge/", "Viewflow dashboard"),
        ("/discharge/inbox/", "Viewflow inbox"),
        ("/discharge/queue/", "Viewflow queue"),
        ("/discharge/archive/", "Viewflow archive"),
        ("/hub/cases/999999/", "404 page"),
        ("/safeguarding/dashboard/", "403 page"),
        (f"/hub/cases/{other.pk}/close/", "Close a case"),
    ]:
        w.goto(path, kind)
    w.click(
        "main form.hub-form:not([action]) button[type=submit]",
        "Close a case, with errors",
    )
    w.submit({"closed_because": "declined", "reason": "Family will care for her"})
    w.goto(f"/hub/cases/{care_home.pk}/", "Case page")
    take(w, "Placement")
    w.click(
        "main form.hub-form:not([action]) button[type=submit]",
        "Placement, with errors",
    )
    w.submit(
        {
            "setting": "care_home_nursing",
            "setting_name": "Elm Court",
            "start_date": day(1),
        }
    )
    assert "Elm Court" in w.page.locator("main").inner_text()
    w.assert_accessible()
    assert w.errors == []


def _record_a_contact_then_mark_it_in_error(w) -> None:
    w.submit(
        {"kind": "phone", "with_whom": "Daughter", "summary": "Keys with neighbour"},
        "Case page",
        button="main form[action$='/contacts/'] button[type=submit]",
    )
    w.click("main a:has-text('entered in error')", "Contact entered in error")
    w.click(
        "main form.hub-form:not([action]) button[type=submit]",
        "Contact entered in error, with errors",
    )
    w.submit({"error_reason": "Wrong person's daughter"}, "Case page")


def test_ot_reviews_a_flagged_case_from_the_queue(
    watched, coordinator, ot, provider, catalogue, hub
):
    case = flagged_for_ot(hub, coordinator)
    w = watched
    w.log_in(ot.username, kind="My day")
    w.goto("/discharge/queue/", "Viewflow queue")
    # Take, in the queue row itself, goes straight on to the task.
    w.click(
        w.page.locator("main tr", has_text="OT review").get_by_role(
            "button", name="Take"
        )
    )
    assert w.path.endswith("/execute/"), w.path
    w.submit(
        {
            "recommended_pathway": "0",
            "moving_handling_notes": "Frame, one carer",
            "carers_per_visit": "1",
        },
        "OT review, with errors",
    )
    w.submit(
        {
            "recommended_pathway": "1",
            "prescribed_items": [str(catalogue["commode"].pk)],
        }
    )
    w.goto(f"/hub/cases/{case.pk}/", "Case page")
    assert "OT reviewed by" in w.page.locator("main").inner_text()
    w.assert_accessible()
    assert w.errors == []


def test_manager_signs_in_with_a_code_overrides_a_gate_and_audits(
    watched, coordinator, manager, provider, catalogue, hub
):
    case = discharge_with_gate_open(hub, coordinator, provider)
    w = watched
    w.log_in(manager.username, kind="Set up your authenticator app")
    assert w.path.startswith("/accounts/mfa/enrol/"), w.path
    key = w.page.locator("code").inner_text().replace(" ", "")
    w.enter_code(_base32_to_hex(key))
    assert not w.path.startswith("/accounts/"), w.path

    w.goto(f"/hub/cases/{case.pk}/reablement-start/rebook/", "Agree a new start")
    w.goto(f"/hub/cases/{case.pk}/", "Case page")
    take(w, "Confirm discharge")
    w.submit(
        {"transport": "Taxi", "access_arrangements": "Daughter holds keys"},
        "Confirm discharge, with errors",
    )
    w.submit({"override_reason": "Family cover two days; new start sought"})
    assert "override" in w.page.locator("main").inner_text()
    w.click("main a[href$='/timeline/']", "Case timeline")
    for path, kind in [
        (f"/hub/cases/{case.pk}/reassign/", "Reassign a case"),
        ("/discharge/", "Viewflow dashboard"),
        ("/discharge/flows/", "Viewflow process list"),
        ("/discharge/tasks/", "Viewflow task list"),
        ("/discharge/queue/", "Viewflow queue"),
        ("/safeguarding/dashboard/", "Safeguarding dashboard"),
        ("/safeguarding/return/", "Safeguarding return"),
    ]:
        w.goto(path, kind)
    w.assert_accessible()
    assert w.errors == []


def test_safeguarding_lead_takes_a_concern_through_section_42_to_closure(
    watched, make_user, localities, coordinator, hub
):
    safeguarding_reference_data()
    case = hub.as_user(coordinator).start(
        nhs_number=nhs_number(400), given_name="Edna", family_name="Concerncase"
    )
    lead = make_user("lena_lead", "safeguarding_lead", [localities[0]])
    key = totp_device(lead)
    w = watched
    w.log_in(lead.username, kind="Enter your code")
    w.enter_code(key)

    w.goto("/safeguarding/raise/", "Raise a concern (standalone)")
    w.submit(
        {
            "nhs_number": case.person.nhs_number,
            "description": "Daughter takes his pension; no food in the house",
            "risk_types": [str(RiskTypeCode.objects.get(code="financial").pk)],
            "received_via": "phone",
            "received_at": _now_local(),
        },
        "Concern page",
    )
    assert "/safeguarding/concerns/" in w.path, w.path
    take(w, "Screening")
    w.click(
        "main form.hub-form:not([action]) button[type=submit]", "Screening, with errors"
    )
    w.submit(
        {
            "information_gathered": "Spoke to the adult and the ward nurse",
            "risk_locations": "own_home",
            "risk_sources": "other_known",
            "lacked_capacity": "no",
            "msp_asked": "yes_expressed",
            "msp_outcomes_wanted": "To keep my own bank card",
        }
    )
    for step, data in [
        (
            "Section 42 decision",
            {
                "has_care_needs": True,
                "experiencing_abuse": True,
                "unable_to_protect": True,
                "route": "s42",
                "reasons": "All three parts met",
            },
        ),
        (
            "Strategy discussion",
            {
                "held_on": day(0),
                "attendees": "Lena Lead (chair), PC Jones",
                "decisions": "Council leads",
                "enquiry_lead": "Lena Lead, council",
            },
        ),
        (
            "Enquiry",
            {
                "actions": "Visited",
                "findings": "Pension withheld",
                "concluded_on": day(0),
            },
        ),
        (
            "Outcome",
            {
                "action_result": "risk_action",
                "risk_outcome": "remained",
                "msp_achieved": "partly",
            },
        ),
        (
            "Safeguarding plan",
            {"plan": "Appointee manages money", "review_date": day(30)},
        ),
        (
            "Plan review",
            {"reviewed_on": day(0), "risk_now": "removed", "notes": "Stable"},
        ),
        ("Closure", {"reason": "Enquiry complete", "referrer_told": True}),
    ]:
        take(w, step)
        w.submit(data)
    assert "closed" in w.page.locator("main").inner_text()
    w.click("main a[href$='/timeline/']", "Concern timeline")
    for path, kind in [
        ("/safeguarding/dashboard/", "Safeguarding dashboard"),
        ("/safeguarding/return/", "Safeguarding return"),
        ("/safeguarding/mine/", "Concerns I raised"),
        ("/section42/", "Viewflow dashboard (section 42)"),
        ("/section42/inbox/", "Viewflow inbox (section 42)"),
        ("/section42/queue/", "Viewflow queue (section 42)"),
        ("/section42/archive/", "Viewflow archive (section 42)"),
    ]:
        w.goto(path, kind)
    w.assert_accessible()
    assert w.errors == []


def test_allocator_runs_and_a_proposal_is_accepted(
    watched, coordinator, provider, catalogue, hub
):
    # Double-handed calls fill most of a band, so the grid shows its darker cells.
    for serial, name, minutes, carers in [
        (500, "Fred", 45, 2),
        (600, "Gwen", 60, 2),
        (700, "Hugh", 30, 1),
    ]:
        hub.as_user(coordinator).to_reablement_start(
            nhs_number=nhs_number(serial),
            given_name=name,
            family_name="Waiting",
            morning_minutes=minutes,
            carers=carers,
        )
    w = watched
    w.log_in(coordinator.username, kind="My day")
    w.goto("/hub/allocation/", "Allocation")
    w.click("main button:has-text('Run the allocator now')", "Background run, waiting")
    assert "Waiting for the background worker" in w.page.inner_text("#run-words")
    # The worker (django-tasks-db's, unchanged) does the run; the page's
    # script sees it finish and goes on to the proposals by itself.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    w.page.wait_for_url("**/hub/allocation/*/", timeout=15000)
    w.audit("Allocation run")
    row = w.page.locator("main tr", has_text="Hugh")
    w.click(row.locator("a:has-text('Reject')"), "Reject a proposal")
    w.click(
        "main form.hub-form:not([action]) button[type=submit]", "Reject, with errors"
    )
    w.submit({"reason": "Family prefer the Friday"}, "Allocation run")
    w.click("main button:has-text('Accept all')", "Allocation run")
    assert "accepted" in w.page.locator("main").inner_text()
    w.goto("/hub/capacity/", "Capacity")
    w.goto("/hub/allocation/what-if/", "What if")
    w.page.set_input_files(
        "main input[name=problem]",
        {"name": "problem.json", "mimeType": "application/json", "buffer": b"{}"},
    )
    w.click("main form.hub-form button[type=submit]", "What if, with errors")
    w.assert_accessible()
    assert w.errors == []


def _provider_accepts(case_path: str) -> None:
    from pathways.models import ReablementStart
    from pathways.offer_services import offer_accept
    from testkit import provider_staff

    case_id = int(case_path.strip("/").split("/")[-1])
    start = ReablementStart.objects.get(case_id=case_id)
    offer_accept(offer=start, actor=provider_staff(start.provider))


def _base32_to_hex(key: str) -> str:
    from base64 import b32decode

    return b32decode(key).hex()


def _now_local() -> str:
    from django.utils import timezone

    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")
