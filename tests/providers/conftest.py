"""A bed-based setting on the hub, and its own browser."""

import pytest
from django.test import Client

from pathways.models import Provider


@pytest.fixture
def care_home(localities):
    home = Provider.objects.create(
        name="Elm Court Care Home", code="elm-court", kind=Provider.Kind.BEDS
    )
    home.localities.add(localities[0])
    return home


@pytest.fixture
def portal():
    """The setting's own browser (the hub's client is the coordinator's)."""
    return Client()
