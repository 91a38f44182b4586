"""Overdue reviews and 91-day follow-ups show on the coordinator's My day
and the manager's, saying what is overdue since when, and on the manager's
list of episodes."""

import datetime

import pytest
from django.utils import timezone

from reablement.models import Episode
from testkit import episode_case as _case
from testkit import episode_row as _episode

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def overdue(localities):
    north, south = localities
    today = timezone.localdate()
    old = datetime.date(1940, 1, 1)
    review = _episode(_case("Rita", north, old, today - 10 * DAY), today - 10 * DAY)
    Episode.objects.filter(pk=review.pk).update(next_review_due=today - 4 * DAY)
    followup = _episode(
        _case("Fred", north, old, today - 100 * DAY),
        today - 100 * DAY,
        ended=today - 60 * DAY,
        sequel="universal",
        followup=today - 9 * DAY,
    )
    elsewhere = _episode(_case("Sid", south, old, today - 10 * DAY), today - 10 * DAY)
    Episode.objects.filter(pk=elsewhere.pk).update(next_review_due=today - 2 * DAY)
    return today, review, followup


def _panel(page: str) -> str:
    return page.split("Reablement reviews and follow-ups overdue")[1]


def test_coordinator_my_day_says_what_is_overdue(client, coordinator, overdue):
    today, review, followup = overdue
    client.force_login(coordinator)
    panel = _panel(client.get("/hub/").content.decode())
    assert f"Review due {today - 4 * DAY:%d/%m/%Y}" in panel
    assert f"91-day follow-up due {today - 9 * DAY:%d/%m/%Y}" in panel
    assert "Rita" in panel and "Fred" in panel
    assert "Sid" not in panel  # Southbrook's, not this coordinator's


def test_manager_sees_every_locality_on_my_day_and_the_list(client, manager, overdue):
    today, _review, _followup = overdue
    client.force_login(manager)
    panel = _panel(client.get("/hub/").content.decode())
    assert "Rita" in panel and "Fred" in panel and "Sid" in panel
    assert f"Review due {today - 2 * DAY:%d/%m/%Y}" in panel
    listed = client.get("/episodes/?show=overdue").content.decode()
    assert listed.count("Overdue</span>") == 3
