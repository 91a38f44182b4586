"""A provider's staff publish their own capacity, through the pages, and see
nothing else: no case, no other provider, none of the hub's pages."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from cases.roles import ensure_groups
from pathways.models import Band, Provider, ProviderCapacity, ProviderStaff
from testkit import OTHER_BANDS

pytestmark = pytest.mark.django_db
URL = "/provider/capacity/"


def _provider_user(provider, username="pat_provider"):
    ensure_groups()
    user = User.objects.create_user(username, password="pw", first_name="Pat")
    user.groups.add(Group.objects.get(name="provider"))
    ProviderStaff.objects.create(user=user, provider=provider)
    return user


def _field(day, band):
    return f"m_{day:%Y%m%d}_{band}"


def _grid(client):
    response = client.get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    return {name: form[name].value() for name in form.fields}


def test_publish_the_prefilled_fortnight_in_one_press(client, provider):
    user = _provider_user(provider)
    client.force_login(user)
    today = timezone.localdate()
    data = _grid(client)
    assert len(data) == 14 * 4
    # Published days show their figure; the unpublished day 14 is prefilled
    # from the same weekday a week before.
    late = today + datetime.timedelta(days=13)
    ProviderCapacity.objects.filter(provider=provider, date=late).delete()
    ProviderCapacity.objects.filter(
        provider=provider, date=late - datetime.timedelta(days=7), band="morning"
    ).update(minutes=345)
    data = _grid(client)
    assert data[_field(late, "morning")] == 345
    data[_field(today, "lunch")] = 240
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response.url == URL
    row = ProviderCapacity.objects.get(provider=provider, date=today, band="lunch")
    assert row.minutes == 240
    assert row.history.latest().history_user == user
    assert (
        ProviderCapacity.objects.get(
            provider=provider, date=late, band="morning"
        ).minutes
        == 345
    )
    page = client.get(URL).content.decode()
    assert "Last published" in page and "Pat" in page


def test_bad_figures_are_refused_and_kept(client, provider):
    client.force_login(_provider_user(provider))
    today = timezone.localdate()
    data = _grid(client)
    data[_field(today, "tea")] = "-5"
    data[_field(today, "bed")] = "lots"
    response = client.post(URL, data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "minutes cannot be negative" in page
    assert "whole number" in page
    assert 'value="lots"' in page
    assert (
        ProviderCapacity.objects.get(provider=provider, date=today, band="tea").minutes
        == 120
    )


def test_capacity_cannot_go_below_what_is_booked(client, hub, coordinator, provider):
    case = hub.as_user(coordinator).to_reablement_start(morning_minutes=60)
    start = case.referral.discharge_ready_date
    start = max(start, timezone.localdate())
    hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "start_date": start.isoformat(),
            "length_days": 42,
            "morning_minutes": 60,
            "morning_carers": 1,
            **OTHER_BANDS,
        },
    )
    client.force_login(_provider_user(provider))
    data = _grid(client)
    data[_field(start, "morning")] = 30
    response = client.post(URL, data)
    assert response.status_code == 422
    assert "60 carer-minutes already offered or agreed" in response.content.decode()
    assert (
        ProviderCapacity.objects.get(
            provider=provider, date=start, band="morning"
        ).minutes
        == 120
    )


def test_a_provider_sees_only_its_own_organisation(client, hub, coordinator, provider):
    other = Provider.objects.create(name="Elsewhere Care", code="elsewhere")
    ProviderCapacity.objects.create(
        provider=other, date=timezone.localdate(), band=Band.MORNING, minutes=999
    )
    case = hub.as_user(coordinator).to_reablement_start()
    client.force_login(_provider_user(provider))
    assert client.get("/").url == URL
    page = client.get(URL).content.decode()
    assert "North Reablement" in page and "Elsewhere Care" not in page
    for url in [
        case.get_absolute_url(),
        reverse("hub:index"),
        reverse("hub:case_list"),
        reverse("hub:search") + "?q=a",
        reverse("hub:allocation"),
        reverse("hub:huddle"),
    ]:
        assert client.get(url).status_code in (403, 404), url
    # The council's capacity page lists no provider for them.
    assert "Elsewhere Care" not in client.get(reverse("hub:capacity")).content.decode()


def test_the_portal_is_closed_to_hub_staff_and_unlinked_providers(
    client, coordinator, provider
):
    client.force_login(coordinator)
    assert client.get(URL).status_code == 403
    ensure_groups()
    loose = User.objects.create_user("loose", password="pw")
    loose.groups.add(Group.objects.get(name="provider"))
    client.force_login(loose)
    assert client.get(URL).status_code == 403


def test_every_demo_provider_has_a_login_that_opens_its_portal(client):
    import random

    from django.utils.html import escape

    from hub.demo import seed_reference

    seed_reference(random.Random(1))
    for provider in Provider.objects.all():
        user = User.objects.get(provider_staff__provider=provider)
        assert user.username == f"provider.{provider.code}"
        client.force_login(user)
        page = client.get(URL, follow=True)  # a bed setting: its vacancies
        assert escape(provider.name) in page.content.decode()
        # The demo's figures were published by the provider's own login.
        assert "Nothing published yet" not in page.content.decode()
        assert "Last published" in page.content.decode()


def test_the_admin_cannot_take_capacity_below_what_is_booked(
    admin_client, hub, coordinator, provider
):
    """The admin's capacity pages refuse what the provider's portal refuses:
    a figure below the minutes offered or agreed starts hold, a held figure
    moved to another day, or deleted."""
    case = hub.as_user(coordinator).to_reablement_start(morning_minutes=60)
    day = max(case.referral.discharge_ready_date, timezone.localdate())
    hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "start_date": day.isoformat(),
            "length_days": 42,
            "morning_minutes": 60,
            "morning_carers": 1,
            **OTHER_BANDS,
        },
    )
    held = ProviderCapacity.objects.get(provider=provider, date=day, band="morning")
    change = f"/admin/pathways/providercapacity/{held.pk}/change/"
    row = {"provider": provider.pk, "date": day.isoformat(), "band": "morning"}
    refused = admin_client.post(change, {**row, "minutes": 30})
    assert refused.status_code == 200
    assert "60 carer-minutes already offered or agreed" in refused.content.decode()
    later = day + datetime.timedelta(days=60)
    moved = admin_client.post(
        change, {**row, "date": later.isoformat(), "minutes": 120}
    )
    assert "60 carer-minutes already offered or agreed" in moved.content.decode()
    assert admin_client.post(change, {**row, "minutes": 60}).status_code == 302
    held.refresh_from_db()
    assert held.minutes == 60 and held.date == day
    delete = f"/admin/pathways/providercapacity/{held.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    free = ProviderCapacity.objects.get(provider=provider, date=day, band="tea")
    free_delete = f"/admin/pathways/providercapacity/{free.pk}/delete/"
    assert admin_client.get(free_delete).status_code == 200  # nothing holds it
    # history's revert form starts from an older version: a version of this
    # row on another day is refused too (it would move the held figure there)
    spare = day + datetime.timedelta(days=70)
    held.date, held.band = spare, "lunch"
    held.save()
    elsewhere = held.history.latest()
    held.date, held.band = day, "morning"
    held.save()
    revert = (
        f"/admin/pathways/providercapacity/{held.pk}/history/{elsewhere.history_id}/"
    )
    page = admin_client.post(
        revert,
        {
            "provider": provider.pk,
            "date": spare.isoformat(),
            "band": "lunch",
            "minutes": 90,
        },
    )
    assert "60 carer-minutes already offered or agreed" in page.content.decode()
    held.refresh_from_db()
    assert (held.date, held.band) == (day, "morning")
