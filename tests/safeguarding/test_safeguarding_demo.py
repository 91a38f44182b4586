"""Demo data: leads in the printed logins, concerns at every stage, some
overdue; a second run adds nothing."""

import pytest
from django.utils import timezone

from hub.demo import seed_demo
from safeguarding.dashboard import concern_dashboard, concern_rows
from safeguarding.models import Concern

pytestmark = pytest.mark.django_db


def test_demo_seeds_leads_and_concerns_at_every_stage_once():
    result = seed_demo(people=45)
    leads = [
        user.username
        for (role, _), user in result["users"].items()
        if role == "safeguarding_lead"
    ]
    assert sorted(leads) == [
        "lead.eastvale",
        "lead.northfield",
        "lead.riverside",
        "lead.southbrook",
    ]
    assert Concern.objects.count() == 42  # with one from the public, no NHS number
    manager = result["users"][("manager", "northfield")]
    today = timezone.localdate()
    board = concern_dashboard(user=manager, params={}, today=today)
    stages = {row.stage for row in concern_rows(board["concerns"], today)}
    assert stages >= {
        "Screening",
        "Section 42 decision",
        "Strategy discussion",
        "Enquiry",
        "Outcome",
        "Safeguarding plan",
        "Plan review",
    }
    counts = {key: n for key, _, n in board["counts"]}
    assert counts["overdue"] > 0 and counts["on_time"] > 0
    assert Concern.objects.filter(status="DONE").exists()
    assert Concern.objects.filter(closure__early=True).exists()
    again = seed_demo(people=45)
    assert again["cases"] == 0 and Concern.objects.count() == 42
    assert ("safeguarding_lead", "northfield") in again["users"]
