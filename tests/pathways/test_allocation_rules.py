"""One home for each planning rule: the earliest start and the horizon are
computed once (pathways.selectors) and the allocator and the booking page
agree on them."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from pathways import allocator

ROOT = Path(__file__).resolve().parents[2]
APPS = ["cases", "equipment", "hub", "pathways", "safeguarding", "triage"]
# pattern: the only files where it may appear (its home, and settings)
HOMES = {
    r"HUB_CAPACITY_HORIZON_DAYS": {"pathways/selectors.py"},
    r"essential_ready_date\(": {"equipment/selectors.py", "pathways/selectors.py"},
    r"max\(.*discharge_ready_date": set(),
}


def test_each_rule_is_written_once():
    sources = [
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    ]
    assert sources
    for pattern, homes in HOMES.items():
        found = {
            str(path.relative_to(ROOT))
            for path in sources
            if re.search(pattern, path.read_text())
        }
        assert found <= homes, f"{pattern} computed outside its home: {found - homes}"


@pytest.mark.django_db
def test_essential_equipment_sets_the_same_earliest_start_everywhere(
    client, hub, coordinator, provider, catalogue
):
    from equipment.models import EquipmentOrder

    case = hub.as_user(coordinator).to_reablement_start()
    due = timezone.localdate() + datetime.timedelta(days=3)
    EquipmentOrder.objects.create(
        case=case,
        item=catalogue["commode"],
        essential=True,
        due_on=due,
        ordered_by=coordinator,
    )
    problem = json.loads(client.get("/hub/allocation/problem.json").content)
    assert problem["cases"][0]["earliest_start"] == due.isoformat()
    task = hub.task(case, "reablement_start")
    if task.owner_id is None:
        client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    page = client.get(task.flow_task.reverse("execute", args=[case.pk, task.pk]))
    assert page.context["form"]["start_date"].initial == due


@pytest.mark.django_db
@override_settings(HUB_CAPACITY_HORIZON_DAYS=5)
def test_the_allocator_plans_over_the_hubs_horizon(hub, coordinator, provider):
    hub.as_user(coordinator).to_reablement_start()
    problem = allocator.problem_build(coordinator)
    assert problem["horizon"] == {
        "start": timezone.localdate().isoformat(),
        "days": 5,
    }
    assert all(len(row) == 5 for row in problem["providers"][0]["capacity"].values())


@pytest.mark.django_db
def test_a_far_off_ready_date_leaves_the_case_unplaced_not_the_run_broken(
    client, hub, coordinator, provider, run_tasks
):
    from cases.models import Referral

    case = hub.as_user(coordinator).to_reablement_start()
    Referral.objects.filter(pk=case.referral_id).update(
        # Plausible (within a year) but far past the planning horizon.
        discharge_ready_date=timezone.localdate() + datetime.timedelta(days=300)
    )
    assert client.post("/hub/allocation/run/").status_code == 302
    run_tasks()
    run = allocator.AllocationRun.objects.get()
    (unplaced,) = run.result["unassigned"]
    assert unplaced["case"] == str(case.pk)
    assert "after the horizon" in unplaced["reason"]
