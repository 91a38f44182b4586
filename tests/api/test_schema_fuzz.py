"""The API fuzzed from its own OpenAPI schema (schemathesis), in process
through the WSGI application: no server error, and every answer conforms to
the schema (status codes, content type, headers, body). Examples are
bounded so the run stays well under a minute."""

import pytest
import schemathesis
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
def fuzz_token(localities):
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
