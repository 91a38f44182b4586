"""Which episodes a user sees, and the ones overdue (all in the database)."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Episode
from .rules import episode_scope_q


def episode_scope(user) -> QuerySet[Episode]:
    return Episode.objects.filter(episode_scope_q(user))


def episodes_listed(user) -> QuerySet[Episode]:
    return episode_scope(user).select_related(
        "case__referral__person", "case__locality"
    )


def reviews_overdue_q(today: datetime.date) -> Q:
    """Active, with the review due before today not yet held."""
    return Q(state=Episode.State.ACTIVE, next_review_due__lt=today)


def followups_overdue_q(today: datetime.date) -> Q:
    return Q(followup_due__lt=today, followup_where="")


def overdue(user, today: datetime.date | None = None) -> QuerySet[Episode]:
    """Episodes in scope with a review or the 91-day follow-up overdue,
    the longest overdue first."""
    today = today or timezone.localdate()
    return (
        episodes_listed(user)
        .filter(reviews_overdue_q(today) | followups_overdue_q(today))
        .order_by("next_review_due", "followup_due", "pk")
    )


FILTERS = {
    "active": Q(state__in=[Episode.State.ACTIVE, Episode.State.PAUSED]),
    "paused": Q(state=Episode.State.PAUSED),
    "ended": Q(state=Episode.State.ENDED),
}


def episodes_filtered(user, show: str, today: datetime.date) -> QuerySet[Episode]:
    episodes = episodes_listed(user)
    if show == "overdue":
        return episodes.filter(reviews_overdue_q(today) | followups_overdue_q(today))
    return episodes.filter(FILTERS.get(show, FILTERS["active"]))
