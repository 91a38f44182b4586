"""The planner's problem for one team and day, built from the rota's tables
(rota/planner/CONTRACT.md), and the hub's current assignments read back as a
planner result, so the planner's checker can judge a change by hand."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from .models import Assistant, Team, Visit
from .selectors import absences_active, day_bounds, visits_on
from .travel import travel_provider

BREAK_AFTER_MINUTES = 6 * 60  # a shift this long has a 30-minute break
REGULARS_DAYS = 14


def minutes_of(moment: datetime.time) -> int:
    return moment.hour * 60 + moment.minute


def time_of(minutes: int) -> datetime.time:
    minutes = max(0, min(minutes, 24 * 60 - 1))
    return datetime.time(minutes // 60, minutes % 60)


@dataclass
class DayProblem:
    """The problem dict plus the hub's records behind its ids."""

    problem: dict
    visits: dict[str, Visit] = field(default_factory=dict)
    assistants: dict[str, Assistant] = field(default_factory=dict)
    unknown_postcodes: set[str] = field(default_factory=set)

    def current(self) -> dict[str, tuple[list[str], int]]:
        """{visit id: ([assistant ids], start)} as the hub holds them now."""
        return {
            vid: ([f"a{a.pk}" for a in v.assistants], minutes_of(v.start))
            for vid, v in self.visits.items()
            if v.assistants and v.start is not None
        }


def problem_build(team: Team, day: datetime.date) -> DayProblem:
    visits = [v for v in visits_on(team, day) if not _off(v)]
    assistants = list(
        team.assistants.filter(active=True).prefetch_related("competencies")
    )
    postcodes = [a.base_postcode for a in assistants]
    postcodes += [v.plan.case.referral.person.postcode for v in visits]
    places = list(dict.fromkeys(postcodes))
    provider = travel_provider()
    travel = provider.minutes(places) if places else [[0]]
    where = {p: i for i, p in enumerate(places)}
    regulars = _regulars(team, day, {v.plan_id for v in visits})
    absences = absences_active(assistants, *day_bounds(day))
    day_problem = DayProblem(
        problem={
            "start_date": day.isoformat(),
            "days": 1,
            "locations": max(len(places), 1),
            "travel": travel,
            "assistants": [_assistant(a, day, where, absences) for a in assistants],
            "visits": [_visit(v, where, regulars) for v in visits],
            "fixed": [_fixed(v) for v in visits if _happened(v)],
        },
        visits={f"v{v.pk}": v for v in visits},
        assistants={f"a{a.pk}": a for a in assistants},
        unknown_postcodes=set(provider.unknown),
    )
    current = day_problem.current()
    day_problem.problem["previous"] = {vid: ids for vid, (ids, _) in current.items()}
    return day_problem


def _happened(visit: Visit) -> bool:
    """Recorded with its assistants and time: the plan keeps it as it was."""
    return hasattr(visit, "record") and bool(visit.start and visit.assistants)


def _off(visit: Visit) -> bool:
    record = getattr(visit, "record", None)
    return visit.cancelled or (record is not None and record.outcome == "cancelled")


def _assistant(a: Assistant, day, where, absences) -> dict:
    shifts = [
        {"start": minutes_of(s), "end": minutes_of(e)} for s, e in a.shifts_on(day)
    ]
    day_start, _ = day_bounds(day)
    gone = [
        {
            "start": _clip((x.starts_at - day_start).total_seconds() // 60),
            "end": _clip((x.ends_at - day_start).total_seconds() // 60),
            "reason": x.kind,
        }
        for x in absences
        if x.assistant_id == a.pk
    ]
    working_days = max(len([d for d in a.working_pattern.values() if d]), 1)
    return {
        "id": f"a{a.pk}",
        "name": str(a),
        "base": where[a.base_postcode],
        "gender": a.gender,
        "relief": a.relief_bank,
        "skills": {c.skill: c.expires_on.isoformat() for c in a.competencies.all()},
        "shifts": shifts,
        "breaks": [
            {"earliest": s["start"] + 180, "latest": s["end"] - 120, "duration": 30}
            for s in shifts
            if s["end"] - s["start"] > BREAK_AFTER_MINUTES
        ],
        "absences": [x for x in gone if x["end"] > x["start"]],
        "contracted_minutes": int(a.contracted_hours * 60 / working_days),
    }


def _clip(minutes: float) -> int:
    return int(max(0, min(minutes, 24 * 60)))


def _visit(v: Visit, where, regulars) -> dict:
    links = [
        {
            "visit": f"v{f.pk}",
            "min_gap": v.minutes + f.gap_min,
            "max_gap": v.minutes + f.gap_max,
        }
        for f in v.followers.all()
        if not _off(f)
    ]
    return {
        "id": f"v{v.pk}",
        "person": f"p{v.plan_id}",
        "location": where[v.plan.case.referral.person.postcode],
        "earliest": minutes_of(v.window_start),
        "latest": minutes_of(v.window_end),
        "duration": v.minutes,
        "skills": list(v.skills),
        "double_handed": v.carers == 2,
        "links": links,
        "gender": v.plan.gender_preference or None,
        "regulars": regulars.get(v.plan_id, []),
    }


def _fixed(v: Visit) -> dict:
    return {
        "visit": f"v{v.pk}",
        "assistants": [f"a{a.pk}" for a in v.assistants],
        "start": minutes_of(v.start),
    }


def _regulars(team: Team, day, plan_ids) -> dict[int, list[str]]:
    """Each person's regular assistants: the two who visited most in the
    last fortnight."""
    since = day - datetime.timedelta(days=REGULARS_DAYS)
    counts: dict[int, dict[int, int]] = {}
    past = Visit.objects.filter(
        plan_id__in=plan_ids, date__gte=since, date__lt=day
    ).values_list("plan_id", "assistant_id", "second_assistant_id")
    for plan_id, *ids in past:
        for aid in filter(None, ids):
            counts.setdefault(plan_id, {}).setdefault(aid, 0)
            counts[plan_id][aid] += 1
    return {
        pid: [f"a{aid}" for aid, _ in sorted(c.items(), key=lambda x: -x[1])[:2]]
        for pid, c in counts.items()
    }


def result_from(day_problem: DayProblem, chosen: dict[str, tuple[list[str], int]]):
    """A planner result for the assignments `chosen` ({visit: (assistants,
    start)}): routes with travel worked out from the problem, breaks placed
    in the first free slot, every other visit uncovered."""
    problem = day_problem.problem
    travel = problem["travel"]
    by_id = {v["id"]: v for v in problem["visits"]}
    routes = []
    for a in problem["assistants"]:
        mine = sorted(
            (start, vid) for vid, (ids, start) in chosen.items() if a["id"] in ids
        )
        for index, (s_start, s_end) in enumerate(_cut(a)):
            stops = [(st, vid) for st, vid in mine if s_start <= st < s_end]
            if stops:
                routes.append(_route(a, index, (s_start, s_end), stops, by_id, travel))
    covered = {vid for vid, (ids, _) in chosen.items() if ids}
    return {
        "status": "ok",
        "routes": routes,
        "uncovered": [
            {"visit": vid, "reason": "Not assigned."}
            for vid in by_id
            if vid not in covered
        ],
        "moved": [],
        "objective": {},
        "stats": {"method": "hub", "seconds": 0},
    }


def _cut(a: dict) -> list[tuple[int, int]]:
    """The assistant's shifts with the absences cut out, in time order."""
    pieces = [(s["start"], s["end"]) for s in a["shifts"]]
    for gone in a.get("absences", []):
        cut = []
        for start, end in pieces:
            if gone["end"] <= start or gone["start"] >= end:
                cut.append((start, end))
                continue
            if start < gone["start"]:
                cut.append((start, gone["start"]))
            if gone["end"] < end:
                cut.append((gone["end"], end))
        pieces = cut
    return sorted(pieces)


def _route(a, index, shift, stops, by_id, travel) -> dict:
    place, out, busy, total = a["base"], [], [], 0
    for start, vid in stops:
        visit = by_id[vid]
        drive = travel[place][visit["location"]]
        late = max(0, start - visit["latest"])
        end = start + visit["duration"]
        out.append(
            {"visit": vid, "start": start, "end": end, "travel": drive, "late": late}
        )
        busy.append((start - drive, end))
        total += drive
        place = visit["location"]
    home = travel[place][a["base"]]
    first = out[0]["start"] - out[0]["travel"]
    last = out[-1]["end"] + home
    for brk in a.get("breaks", []):
        slot = _free_slot(brk, busy, *shift)
        if slot is not None:
            out.append({"break": True, "start": slot, "end": slot + brk["duration"]})
    out.sort(key=lambda s: s["start"])
    work = sum(s["end"] - s["start"] for s in out if "visit" in s) + total + home
    return {
        "assistant": a["id"],
        "shift": index,
        "start": first,
        "end": last,
        "stops": out,
        "travel_home": home,
        "travel": total + home,
        "work_minutes": work,
    }


def _free_slot(brk, busy, first, last) -> int | None:
    for t in range(brk["earliest"], brk["latest"] + 1, 5):
        end = t + brk["duration"]
        if t < first or end > last:
            continue
        if all(end <= s or t >= e for s, e in busy):
            return t
    return None


def now_minutes(day: datetime.date) -> int:
    now = timezone.localtime()
    if now.date() != day:
        return 0 if now.date() < day else 24 * 60
    return now.hour * 60 + now.minute
