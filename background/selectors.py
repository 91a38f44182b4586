"""Reads of background runs: a run is its starter's alone."""

from django.http import Http404

from .models import BackgroundRun


def run_list_for_user(user):
    """The user's own runs, newest first (runs hold what their starter may see)."""
    if not user.is_authenticated:
        return BackgroundRun.objects.none()
    return BackgroundRun.objects.filter(started_by=user)


def run_get_for_user(*, user, pk: int) -> BackgroundRun:
    """The run, if the user started it; 404 otherwise (it may hold personal
    data in their scope, not another's)."""
    run = run_list_for_user(user).filter(pk=pk).first()
    if run is None:
        raise Http404("No such run.")
    return run
