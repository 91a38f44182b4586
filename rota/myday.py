"""The rota's panel on My day: today's visits late or missed in the
coordinator's teams (no record 30 minutes after the window closed)."""

from cases.worklist import my_day_panel

from .recording import visits_late_or_missed
from .rules import USE


@my_day_panel
def late_and_missed(user):
    if not user.has_perm(USE):
        return None
    visits = visits_late_or_missed(user)
    return "rota/includes/late_visits.html", {
        "visits": visits[:20],
        "count": visits.count(),
    }
