"""The scope a user may read: the localities they may filter by (a
manager's: all), narrowed to one if asked."""

import datetime

from cases.selectors import localities_to_filter

from .forms import FiguresForm
from .registry import Scope


def scope_for(*, user, start, end, locality=None, today: datetime.date) -> Scope:
    allowed = localities_to_filter(user)
    if locality is not None:
        allowed = allowed.filter(pk=locality.pk)
    return Scope(start=start, end=end, localities=tuple(allowed), today=today)


def figures_scope(*, user, params, today: datetime.date):
    """The figures form filled from a page's parameters (a week by default)
    and the scope it asks for: (form, scope), scope None when the form is
    not valid (a locality outside the user's, dates in the wrong order)."""
    form = FiguresForm(
        params or {"period": "week"},
        localities=localities_to_filter(user),
        today=today,
    )
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    scope = scope_for(
        user=user,
        start=data["start"],
        end=data["end"],
        locality=data["locality"],
        today=today,
    )
    return form, scope
