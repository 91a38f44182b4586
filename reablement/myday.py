"""Reablement on My day: reviews and 91-day follow-ups overdue in the
user's localities (a manager's: everywhere)."""

from django.utils import timezone

from cases.worklist import my_day_panel

from .rules import VIEW
from .selectors import overdue


@my_day_panel
def overdue_episodes(user):
    if not user.has_perm(VIEW):
        return None
    today = timezone.localdate()
    episodes = overdue(user, today)
    return "reablement/includes/overdue.html", {
        "episodes": episodes[:20],
        "count": episodes.count(),
        "today": today,
    }
