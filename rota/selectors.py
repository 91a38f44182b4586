"""Reads of the rota, and the one place that decides which teams a user
sees: coordinators their own localities' teams, managers all."""

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cases import roles
from cases.selectors import user_localities

from .models import Absence, Assistant, Competency, Team, Visit

EXPIRY_WARNING_DAYS = 30


def team_scope(user) -> QuerySet[Team]:
    if not user.is_authenticated or not user.is_active:
        return Team.objects.none()
    if user.is_superuser or roles.is_manager(user):
        return Team.objects.all()
    if roles.is_coordinator(user):
        return Team.objects.filter(locality__in=user_localities(user))
    return Team.objects.none()


def team_visible(user, team: Team) -> bool:
    return team_scope(user).filter(pk=team.pk).exists()


def team_get_for_user(*, user, pk: int) -> Team:
    """The team, or 404 when it does not exist or is outside the user's scope."""
    try:
        return team_scope(user).select_related("locality").get(pk=pk)
    except Team.DoesNotExist:
        raise Http404("No such team") from None


def visit_get_for_user(*, user, pk: int) -> Visit:
    try:
        return (
            Visit.objects.filter(team__in=team_scope(user))
            .select_related("team", "plan__case__referral__person", "call")
            .get(pk=pk)
        )
    except Visit.DoesNotExist:
        raise Http404("No such visit") from None


def assistant_get_for_user(*, user, pk: int) -> Assistant:
    try:
        return (
            Assistant.objects.filter(team__in=team_scope(user))
            .select_related("team")
            .get(pk=pk)
        )
    except Assistant.DoesNotExist:
        raise Http404("No such assistant") from None


def absences_active(
    assistants, start: datetime.datetime, end: datetime.datetime
) -> QuerySet[Absence]:
    """Absences not cancelled that overlap [start, end)."""
    return Absence.objects.filter(
        assistant__in=assistants,
        status=Absence.Status.ACTIVE,
        starts_at__lt=end,
        ends_at__gt=start,
    )


def competencies_expiring(teams, today: datetime.date | None = None):
    """Competencies expired or expiring within 30 days, soonest first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    return (
        Competency.objects.filter(
            assistant__team__in=teams, assistant__active=True, expires_on__lte=horizon
        )
        .select_related("assistant__team")
        .order_by("expires_on")
    )


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    return start, start + datetime.timedelta(days=1)


def visits_on(team: Team, day: datetime.date) -> QuerySet[Visit]:
    return (
        Visit.objects.filter(team=team, date=day)
        .select_related(
            "plan__case__referral__person",
            "assistant",
            "second_assistant",
            "record",
            "call",
        )
        .order_by("window_start", "pk")
    )


def visits_for_person_week(plan, monday: datetime.date) -> QuerySet[Visit]:
    return (
        plan.visits.filter(date__gte=monday, date__lt=monday + datetime.timedelta(7))
        .select_related("assistant", "second_assistant", "record")
        .order_by("date", "window_start")
    )


def visit_scope_q(user) -> Q:
    return Q(team__in=team_scope(user))
