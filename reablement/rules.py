"""Who may see and work reablement episodes.

Coordinators of the case's locality and managers see and work an episode
(goals, reviews, readmission, end, 91-day follow-up). Occupational
therapists who may see the case may also hold a review: reablement reviews
are often therapy-led, and a review only records progress and changes the
visits; ending the episode, coding its outcome and the follow-up stay with
coordinators and managers. Nobody else sees episodes.
"""

import rules
from django.db.models import Q

from cases.models import DischargeCase
from cases.roles import is_coordinator, is_manager, is_ot
from cases.selectors import case_scope_q

VIEW = "reablement.view_episode"  # with an episode: that one; without: the screens
WORK = "reablement.work_episode"  # goals, readmission, end, follow-up
REVIEW = "reablement.review_episode"  # the weekly reviews


def episode_scope_q(user) -> Q:
    """The episodes a user may see, as a filter on Episode."""
    if not (
        is_coordinator(user) or is_ot(user) or is_manager(user) or user.is_superuser
    ):
        return Q(pk__in=[])
    return Q(case__in=DischargeCase.objects.filter(case_scope_q(user)).values("pk"))


@rules.predicate
def episode_in_scope(user, episode) -> bool:
    if episode is None:
        return True
    from .models import Episode

    return Episode.objects.filter(episode_scope_q(user), pk=episode.pk).exists()


staff = is_coordinator | is_manager
rules.add_perm(VIEW, (staff | is_ot) & episode_in_scope)
rules.add_perm(WORK, staff & episode_in_scope)
rules.add_perm(REVIEW, (staff | is_ot) & episode_in_scope)
