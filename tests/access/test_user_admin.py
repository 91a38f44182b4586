"""User management cannot grant more than the manager of users holds: the
admin role (reference data) may create accounts and give the admin role, but
not superuser or staff status, single permissions or roles it does not hold,
and may not change the accounts of users who hold more (password included)."""

import pytest
from django.contrib.auth.models import Group, Permission, User

from cases.roles import ensure_groups

pytestmark = pytest.mark.django_db
PASSWORD = "Correct-horse-battery-9"


@pytest.fixture
def admin_user(make_user):
    user = make_user("adam_admin", "admin", [])
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _change(client, user, **fields):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": "x@hub.invalid",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
        **fields,
    }
    return client.post(f"/admin/auth/user/{user.pk}/change/", data)


def test_admin_cannot_make_a_manager_superuser(admin_client, manager):
    response = _change(admin_client, manager, is_superuser="on", is_staff="on")
    assert response.status_code == 403
    manager.refresh_from_db()
    assert not manager.is_superuser and not manager.is_staff


def test_admin_cannot_set_a_managers_password(admin_client, manager):
    before = manager.password
    url = f"/admin/auth/user/{manager.pk}/password/"
    assert admin_client.get(url).status_code == 403
    response = admin_client.post(
        url, {"password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"}
    )
    assert response.status_code == 403
    manager.refresh_from_db()
    assert manager.password == before


def test_admin_creates_a_user_who_gets_no_right_the_admin_lacks(admin_client):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {
            "username": "newbie",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    newbie = User.objects.get(username="newbie")
    ensure_groups()
    form = admin_client.get(f"/admin/auth/user/{newbie.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in form and 'name="user_permissions"' not in form
    assert 'name="is_staff"' not in form
    groups = {g.name: g.pk for g in Group.objects.all()}
    response = _change(
        admin_client,
        newbie,
        groups=[groups["manager"], groups["safeguarding_lead"]],
        is_superuser="on",
        is_staff="on",
        user_permissions=[Permission.objects.get(codename="view_concern").pk],
    )
    assert response.status_code == 200  # re-shown: those roles are not offered
    newbie.refresh_from_db()
    assert not newbie.is_superuser and not newbie.is_staff
    assert not newbie.groups.exists() and not newbie.user_permissions.exists()
    assert not newbie.has_perm("safeguarding.view_concern")


def test_admin_may_give_the_admin_role_it_holds(admin_client):
    newbie = User.objects.create_user("newbie")
    ensure_groups()
    response = _change(
        admin_client, newbie, groups=[Group.objects.get(name="admin").pk]
    )
    assert response.status_code == 302
    assert list(newbie.groups.values_list("name", flat=True)) == ["admin"]


def test_admin_cannot_widen_a_coordinators_localities(
    admin_client, coordinator, localities
):
    staff = coordinator.staff
    response = admin_client.post(
        f"/admin/cases/staff/{staff.pk}/change/",
        {
            "user": coordinator.pk,
            "localities": [loc.pk for loc in localities],
            "job_title": "Coordinator",
        },
    )
    assert response.status_code == 403
    assert list(staff.localities.all()) == [localities[0]]


def test_a_superuser_still_manages_every_account(client, manager):
    root = User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    response = _change(client, manager, is_staff="on", is_superuser="on")
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.is_superuser and manager.is_staff
