"""An API client (a hospital system) for Northfield, with its token."""

import pytest
from api_kit import Api
from django.core.cache import cache

from api.tokens import api_client_create, api_token_issue


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # the throttle's counts live in the cache
    yield
    cache.clear()


@pytest.fixture
def api_client_north(localities):
    client = api_client_create(
        name="County General PAS", actor=None, hospitals="County General"
    )
    client.localities.set([localities[0]])
    return client


@pytest.fixture
def token(api_client_north):
    return api_token_issue(client=api_client_north, actor=None)


@pytest.fixture
def api(token):
    return Api(token)
