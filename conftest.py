"""Shared fixtures: localities, users of every role, the catalogue, providers."""

import datetime

import pytest
from django.urls import get_resolver
from django.utils import timezone


@pytest.fixture(autouse=True)
def _load_urls():
    # Viewflow builds its URL namespaces when the URLconf is first read.
    get_resolver().url_patterns


@pytest.fixture
def localities(db):
    from cases.models import Locality

    north = Locality.objects.create(name="Northfield", code="northfield",
                                    postcode_districts="NF1 NF2")
    south = Locality.objects.create(name="Southbrook", code="southbrook",
                                    postcode_districts="SB1 SB2")
    return north, south


def _user(username, role, localities):
    from django.contrib.auth.models import Group, User

    from cases.models import Staff
    from cases.roles import ensure_groups

    ensure_groups()
    first, last = username.split("_")
    user = User.objects.create_user(username, password="pw", first_name=first.title(),
                                    last_name=last.title())
    user.groups.add(Group.objects.get(name=role))
    Staff.objects.create(user=user).localities.set(localities)
    return user


@pytest.fixture
def make_user(localities):
    return _user


@pytest.fixture
def coordinator(localities):
    return _user("cora_north", "coordinator", [localities[0]])


@pytest.fixture
def other_coordinator(localities):
    return _user("sam_south", "coordinator", [localities[1]])


@pytest.fixture
def ot(localities):
    return _user("olive_north", "ot", [localities[0]])


@pytest.fixture
def manager(localities):
    return _user("mona_manager", "manager", list(localities))


@pytest.fixture
def catalogue(db):
    from equipment.models import EquipmentItem

    return {
        code: EquipmentItem.objects.create(code=code, name=name, category="Toileting",
                                           essential_by_default=essential)
        for code, name, essential in [
            ("commode", "Commode", True),
            ("raised-toilet-seat", "Raised toilet seat", False),
            ("hospital-bed", "Hospital bed", True),
        ]
    }


@pytest.fixture
def provider(localities):
    from pathways.models import Band, Provider, ProviderCapacity

    p = Provider.objects.create(name="North Reablement", code="north-reablement",
                                skills=["double_handed", "dementia"])
    p.localities.add(localities[0])
    today = timezone.localdate()
    ProviderCapacity.objects.bulk_create(
        ProviderCapacity(provider=p, date=today + datetime.timedelta(days=i),
                         band=band, minutes=120)
        for i in range(14) for band in Band.values
    )
    return p
