"""Safeguarding fixtures: leads, and a case whose risk screen flagged a concern.

The root conftest provides localities, users of the other roles and `hub`.
"""

import pytest
from sg_kit import risk_screen_with_indicator


@pytest.fixture
def lead(make_user, localities):
    return make_user("lena_lead", "safeguarding_lead", [localities[0]])


@pytest.fixture
def other_lead(make_user, localities):
    return make_user("leo_lead", "safeguarding_lead", [localities[1]])


@pytest.fixture
def case(hub, coordinator):
    """A discharge case in the north whose risk screen flagged safeguarding."""
    hub.as_user(coordinator)
    case = hub.start()
    risk_screen_with_indicator(hub, case)
    return case
