"""Planning a team's day with the planner (rota/planner/), re-planning after
a sickness, reassigning a visit by hand under the planner's own checks, and
publishing the rota. The planner runs here, synchronously with a short time
limit (HUB_ROTA_PLAN_SECONDS); `rota_plan_run` is the one call to move to a
background task later."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.services import _save

from .models import Absence, Assistant, RotaVersion, Team, Visit
from .problem import DayProblem, minutes_of, problem_build, result_from, time_of
from .services import absence_record, team_lock, visits_generate


def day_not_past(day: datetime.date, what: str) -> None:
    """A past day's visits have happened (or not): its rota is what was
    recorded, so it is not planned, published or changed afterwards."""
    if day < timezone.localdate():
        raise ValidationError(
            f"{day:%d/%m/%Y} is in the past: {what}. Record what happened at "
            "its visits instead."
        )


def rota_plan_run(
    day_problem: DayProblem,
    *,
    sick: tuple[str, int] | None = None,
    seconds: float | None = None,
):
    """The planner's result for the problem; with `sick` (assistant id,
    minute), the re-plan after that assistant went off sick then."""
    from .planner import ProblemError, replan, solve

    seconds = seconds or settings.HUB_ROTA_PLAN_SECONDS
    try:
        if sick is None:
            return solve(day_problem.problem, time_limit_s=seconds, workers=1)
        previous = result_from(day_problem, day_problem.current())
        assistant, at = sick
        return replan(
            day_problem.problem,
            previous,
            assistant=assistant,
            at=at,
            time_limit_s=seconds,
        )
    except ProblemError as exc:
        raise ValidationError(
            ["The rota's data cannot be planned as it stands:", *exc.errors]
        ) from exc


@transaction.atomic
def rota_plan(
    *, team: Team, day: datetime.date, actor, seconds: float | None = None
) -> dict:
    """Plan the team's day: visits made from the plans, then every visit not
    yet recorded given to assistants by the planner. The pages refuse a past
    day (`day_not_past`, in the view); the demo seeds past days through this."""
    team_lock(team)
    visits_generate(team=team, day=day, actor=actor)
    day_problem = problem_build(team, day)
    result = rota_plan_run(day_problem, seconds=seconds)
    rota_apply(day_problem=day_problem, result=result, actor=actor, reason="Planned")
    return result


@transaction.atomic
def rota_replan_sickness(
    *, team: Team, day: datetime.date, assistant: Assistant, at: datetime.time, actor
) -> dict:
    """The assistant reports sick at `at`: the absence is recorded to the end
    of the day and the rest of the day re-planned, visits already done or
    under way kept, as few others moved as possible, relief bank offered.
    Only today's: a past day's visits have happened and a later day's
    sickness is an absence (the absence calendar), not a re-plan."""
    if day != timezone.localdate():
        raise ValidationError(
            "A sickness is re-planned on its day only: record an earlier or "
            "later one in the absence calendar."
        )
    team_lock(team)
    day_problem = problem_build(team, day)
    tz = timezone.get_current_timezone()
    starts = datetime.datetime.combine(day, at, tzinfo=tz)
    absence_record(
        assistant=assistant,
        actor=actor,
        kind=Absence.Kind.SICKNESS,
        starts_at=starts,
        ends_at=datetime.datetime.combine(
            day + datetime.timedelta(1), datetime.time(), tzinfo=tz
        ),
        reported_today=True,
        notes=f"Reported sick at {at:%H:%M}; the day re-planned.",
    )
    result = rota_plan_run(day_problem, sick=(f"a{assistant.pk}", minutes_of(at)))
    rota_apply(
        day_problem=day_problem,
        result=result,
        actor=actor,
        reason=f"Re-planned: {assistant} off sick from {at:%H:%M}",
    )
    return result


def rota_apply(*, day_problem: DayProblem, result: dict, actor, reason: str) -> None:
    """Write the planner's result onto the day's visits (with history)."""
    chosen: dict[str, dict] = {}
    for route in result["routes"]:
        for stop in route["stops"]:
            if "visit" in stop:
                entry = chosen.setdefault(stop["visit"], {"ids": [], **stop})
                entry["ids"].append(route["assistant"])
    why = {u["visit"]: u["reason"] for u in result["uncovered"]}
    for vid, visit in day_problem.visits.items():
        entry = chosen.get(vid)
        ids = entry["ids"] if entry else []
        people = [day_problem.assistants[i] for i in ids] + [None, None]
        new = (
            people[0],
            people[1],
            time_of(entry["start"]) if entry else None,
            entry["travel"] if entry else 0,
            why.get(vid, ""),
        )
        old = (
            visit.assistant,
            visit.second_assistant,
            visit.start,
            visit.travel_minutes,
            visit.uncovered_reason,
        )
        if new != old:
            (
                visit.assistant,
                visit.second_assistant,
                visit.start,
                visit.travel_minutes,
                visit.uncovered_reason,
            ) = new
            _save(visit, actor=actor, reason=reason)


def rota_breaches(day_problem: DayProblem, chosen: dict) -> list[str]:
    """The rules the assignments `chosen` break, in the planner checker's
    words (its objective figures aside: the hub's result states none)."""
    from .planner import check

    result = result_from(day_problem, chosen)
    return [
        e for e in check(day_problem.problem, result) if not e.startswith("objective")
    ]


@transaction.atomic
def visit_reassign(
    *, visit: Visit, actor, assistants: list[Assistant], start: datetime.time
) -> Visit:
    """Give a visit to other assistants by hand, refused when the change
    breaks a rule the planner's checker knows (skills, absences, shifts,
    overlaps, double-handed, linked visits) that held before it."""
    if hasattr(visit, "record"):
        raise ValidationError("The visit is recorded: it can no longer move.")
    day_not_past(visit.date, "its visits can no longer be reassigned")
    if len(assistants) != visit.carers or len(set(assistants)) != len(assistants):
        raise ValidationError(
            f"This visit needs {visit.carers} different assistant(s)."
        )
    team_lock(visit.team)
    day_problem = problem_build(visit.team, visit.date)
    current = day_problem.current()
    before = set(rota_breaches(day_problem, current))
    current[f"v{visit.pk}"] = ([f"a{a.pk}" for a in assistants], minutes_of(start))
    broken = [e for e in rota_breaches(day_problem, current) if e not in before]
    if broken:
        raise ValidationError(broken)
    result = result_from(day_problem, current)
    rota_apply(
        day_problem=day_problem, result=result, actor=actor, reason="Reassigned by hand"
    )
    visit.refresh_from_db()
    return visit


@transaction.atomic
def rota_publish(
    *, team: Team, day: datetime.date, actor, note: str = ""
) -> RotaVersion:
    """Publish the day's rota as its next version; earlier ones are kept."""
    day_not_past(day, "its rota cannot be published any more")
    team_lock(team)
    visits = list(Visit.objects.filter(team=team, date=day, cancelled=False))
    if not visits:
        raise ValidationError("There are no visits to publish for this day.")
    last = team.versions.filter(date=day).order_by("-number").first()
    version = RotaVersion(
        team=team,
        date=day,
        number=(last.number + 1) if last else 1,
        runs=[
            {
                "visit": v.pk,
                "assistants": [a.pk for a in v.assistants],
                "start": v.start.strftime("%H:%M") if v.start else None,
                "travel": v.travel_minutes,
            }
            for v in visits
        ],
        uncovered=[v.pk for v in visits if not v.covered],
        note=note,
        published_by=actor,
    )
    _save(version, actor=actor, reason="Rota published")
    return version
