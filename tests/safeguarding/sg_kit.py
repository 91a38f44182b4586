"""Helpers for the safeguarding tests: raising concerns and working the
section 42 tasks through their pages (fixtures are in conftest.py)."""

import datetime

from django.utils import timezone

from safeguarding import services
from safeguarding.driver import open_task
from safeguarding.models import Concern

NOW = timezone.now


def risk_screen_with_indicator(hub, case, notes="Bruising on both arms"):
    hub.do(
        case,
        "triage",
        {"outcome": "accept", "priority": "high", "reason": "Meets the criteria"},
    )
    hub.do(
        case,
        "risk_screen",
        {
            "falls_last_year": 0,
            "skin_integrity": "intact",
            "continence": "continent",
            "carers_needed": 0,
            "safeguarding_indicator": "on",
            "safeguarding_notes": notes,
        },
    )


def raise_data(**overrides) -> dict:
    data = {
        "description": "Daughter takes his pension; he has no food in the house",
        "risk_types": ["financial", "neglect"],
        "immediate_actions": "Food parcel arranged",
        "received_via": "hub",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(overrides)
    return data


def raise_for_case(client, case, *, from_screen=False, **overrides):
    """Raise a concern from the case page, as a coordinator would."""
    url = f"/safeguarding/raise/?case={case.pk}" + (
        "&from=risk_screen" if from_screen else ""
    )
    from safeguarding.models import RiskTypeCode

    data = raise_data(**overrides)
    data["risk_types"] = [
        RiskTypeCode.objects.get(code=code).pk for code in data["risk_types"]
    ]
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    client.get(response["Location"])  # shows (and so clears) the message
    return Concern.objects.latest("pk")


def concern_for(person, *, actor, case=None, received_at=None, **fields):
    """A concern raised straight through the service (no HTTP)."""
    fields.setdefault("description", "Unexplained bruising")
    fields.setdefault("received_via", "phone")
    return services.concern_raise(
        actor=actor,
        person=person,
        case=case,
        raised_from="case" if case else "standalone",
        risk_types=fields.pop("risk_types", ["physical"]),
        received_at=received_at or NOW(),
        **fields,
    )


def _errors(response):
    context = getattr(response, "context", None)
    if not context:
        return response.status_code
    forms = [context.get(name) for name in ("form", "lookup", "new_person")]
    return [f.errors for f in forms if f is not None and f.errors] or "no errors"


class Lead:
    """Works the section 42 tasks through their pages, as a lead would."""

    def __init__(self, client, user):
        self.client = client
        self.user = user
        client.force_login(user)

    def do(self, concern, node, data, expect=302):
        task = open_task(concern, node)
        assert task is not None, f"no open {node} task"
        if task.owner_id is None:
            assign = self.client.post(
                task.flow_task.reverse("assign", args=[concern.pk, task.pk])
            )
            assert assign.status_code == 302, assign.status_code
        url = task.flow_task.reverse("execute", args=[concern.pk, task.pk])
        page = self.client.get(url)
        assert page.status_code == 200
        response = self.client.post(url, data)
        assert response.status_code == expect, _errors(response)
        concern.refresh_from_db()
        return response

    def screen(self, concern, **overrides):
        from safeguarding.models import RiskTypeCode

        data = {
            "information_gathered": "Spoke to the adult and the ward nurse",
            "risk_types": [RiskTypeCode.objects.get(code="financial").pk],
            "risk_locations": "own_home",
            "risk_sources": "other_known",
            "lacked_capacity": "no",
            "msp_asked": "yes_expressed",
            "msp_outcomes_wanted": "To keep my own bank card",
        }
        data.update(overrides)
        return self.do(concern, "screening", data)

    def decide(self, concern, route, expect=302, **overrides):
        test = "on" if route == "s42" else ""
        data = {
            "has_care_needs": "on",
            "experiencing_abuse": "on",
            "unable_to_protect": test,
            "route": route,
            "reasons": "Recorded reasons",
            "onward_action": "Signposted to Age UK" if route == "none" else "",
        }
        data.update(overrides)
        return self.do(concern, "decision", data, expect=expect)

    def strategy(self, concern):
        return self.do(
            concern,
            "strategy",
            {
                "held_on": timezone.localdate().isoformat(),
                "attendees": "Lena Lead (chair), PC Jones",
                "agencies": "Police, bank",
                "decisions": "Council leads; bank to freeze the account",
                "enquiry_lead": "Lena Lead, council",
            },
        )

    def enquiry(self, concern):
        return self.do(
            concern,
            "enquiry",
            {
                "actions": "Visited; spoke to the daughter",
                "findings": "Pension withheld",
                "concluded_on": timezone.localdate().isoformat(),
            },
        )

    def outcome(self, concern, risk="remained", **overrides):
        data = {
            "action_result": "risk_action",
            "risk_outcome": risk,
            "msp_achieved": "partly",
            "summary": "Appointee arranged",
        }
        data.update(overrides)
        return self.do(concern, "outcome", data)

    def close(self, concern):
        return self.do(
            concern,
            "closure",
            {
                "reason": "Enquiry complete",
                "adult_view": "Relieved",
                "referrer_told": "on",
            },
        )


def days_ago(days: int) -> datetime.datetime:
    return NOW() - datetime.timedelta(days=days)
