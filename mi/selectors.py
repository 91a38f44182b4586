"""The scope a user may read: the localities they may filter by (a
manager's: all), narrowed to one if asked."""

import datetime

from cases.selectors import localities_to_filter

from .registry import Scope


def scope_for(*, user, start, end, locality=None, today: datetime.date) -> Scope:
    allowed = localities_to_filter(user)
    if locality is not None:
        allowed = allowed.filter(pk=locality.pk)
    return Scope(start=start, end=end, localities=tuple(allowed), today=today)
