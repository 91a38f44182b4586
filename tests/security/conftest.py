"""Fixtures for the security tests: a case with a concern, seen by a manager."""

import pytest


@pytest.fixture
def case(hub, coordinator):
    """A Northfield case waiting at triage."""
    hub.as_user(coordinator)
    case = hub.start()
    hub.client.logout()
    return case


@pytest.fixture
def concern(case, coordinator):
    from safeguarding.services import concern_raise

    return concern_raise(
        actor=coordinator,
        person=case.person,
        case=case,
        raised_from="case",
        risk_types=["physical"],
        description="Unexplained bruising",
        received_via="phone",
    )
