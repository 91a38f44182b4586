"""The API fuzzed from its own OpenAPI schema (schemathesis), in process
through the WSGI application: no server error, and every answer conforms to
the schema (status codes, content type, headers, body). Examples are
bounded so the run stays well under a minute."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.tokens import api_client_create, api_token_issue
from config.wsgi import application

pytestmark = pytest.mark.django_db

# The examples and fuzzing phases; the coverage phase's systematic sweep of
# every boundary takes minutes, over the suite's budget.
CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {"phases": {"coverage": {"enabled": False}}}
)
schema = schemathesis.openapi.from_dict(
    SchemaGenerator().get_schema(request=None, public=True), config=CONFIG
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def in_process():
    """Calls go straight to the WSGI application, in the test's transaction:
    as Django's test client does, the connection is not closed after each."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_token(localities, in_process):
    client = api_client_create(name="Fuzz PAS", actor=None, requests_per_minute=100_000)
    client.localities.set(localities)
    return api_token_issue(client=client, actor=None)


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema_under_fuzzing(case, fuzz_token):
    case.call_and_validate(
        app=application,
        headers={"Authorization": f"Bearer {fuzz_token}"},
        checks=CHECKS,
    )
