"""One permission layer: every right is decided by a rule (cases/rules.py and
each app's own), never by a group's database permissions or a hand check."""

import pytest
from django.contrib.auth.models import Group, Permission
from rules.permissions import perm_exists

from cases.roles import ALL, ensure_groups
from hub.flows import DischargeFlow
from safeguarding.flows import Section42Flow

pytestmark = pytest.mark.django_db


def test_every_task_permission_of_both_flows_is_decided_by_a_rule():
    for flow_class in (DischargeFlow, Section42Flow):
        for node in flow_class.instance.nodes():
            permission = getattr(node, "_owner_permission", None)
            if permission:
                assert perm_exists(permission), f"{node}: {permission}"


def test_role_groups_hold_no_database_permission_so_none_can_widen_a_role():
    ensure_groups()
    coordinators = Group.objects.get(name="coordinator")
    coordinators.permissions.add(
        Permission.objects.get(codename="view_concern"),
        Permission.objects.get(codename="override_discharge_gate"),
    )
    ensure_groups()  # what every migrate runs
    for role in ALL:
        assert not Group.objects.get(name=role).permissions.exists(), role


def test_reassigning_a_case_needs_the_manage_right_not_the_gate_override(
    client, coordinator, make_user, localities, hub
):
    """Overriding a discharge gate and reassigning a case are different rights;
    the reassign page asked for the wrong one."""
    hub.as_user(coordinator)
    case = hub.start()
    senior = make_user("sid_senior", "coordinator", [localities[0]])
    senior.user_permissions.add(
        Permission.objects.get(codename="override_discharge_gate")
    )
    client.force_login(senior)
    assert client.get(f"/hub/cases/{case.pk}/reassign/").status_code == 403
    response = client.post(
        f"/hub/cases/{case.pk}/reassign/", {"coordinator": senior.pk}
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.coordinator != senior


def test_a_staff_account_without_a_role_lands_on_no_access(client, django_user_model):
    user = django_user_model.objects.create_user("stan_staff", is_staff=True)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 403
    assert "No access yet" in response.content.decode()


def test_each_role_lands_where_its_permissions_open(client, make_user, localities):
    expected = {
        "coordinator": "/hub/",
        "ot": "/hub/",
        "manager": "/hub/",
        "safeguarding_lead": "/safeguarding/",
    }
    for role, url in expected.items():
        user = make_user(f"{role.replace('_', '')}_x", role, [localities[0]])
        client.force_login(user)
        assert client.get("/")["Location"] == url, role


def test_the_forbidden_page_leads_back_to_the_start_page(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/safeguarding/dashboard/")
    assert response.status_code == 403
    assert 'href="/"' in response.content.decode()
