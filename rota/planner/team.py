"""A small team per person for a multi-day problem, chosen before the days are planned.

Each person gets up to `TEAM_MAX` qualified assistants whose shifts over the horizon
cover the person's visits (greedy set cover): the assistant who can be there for the
most of the person's visits not yet covered joins first (nearer ones first on a tie),
as long as their weekly maximum minutes are not already promised to other teams;
people with the fewest possible assistants are served first. Relief-bank assistants
are never in a team. Each day's start (`greedy(..., familiar=True)`) then prefers
team members: someone else only when no team member can be there on time.
"""

from __future__ import annotations

from .model import DAY, Problem
from .plan import fits, qualified

TEAM_MAX = 4
DRIVE_PER_VISIT = 10  # minutes from base to home worth one more visit covered
TRAVEL_SHARE = 1.6  # a visit's minutes plus the driving to it, roughly


def shape_teams(problem: Problem) -> dict[str, set[str]]:
    fixed = {f.visit for f in problem.fixed}
    visits_of: dict[str, list] = {}
    for v in problem.visits:
        if v.id not in fixed:
            visits_of.setdefault(v.person, []).append(v)
    staff = [a for a in problem.assistants if not a.relief]
    windows = {a.id: a.windows() for a in staff}
    by_day: dict[str, dict[int, list]] = {}
    for a in staff:
        days: dict[int, list] = {}
        for w in windows[a.id]:
            days.setdefault(w.start // DAY, []).append(w)
        by_day[a.id] = days
    # minutes each assistant can still be promised to teams: the weekly maximum (a
    # team member's visits are not all theirs: others in the team share them)
    room = {
        a.id: float(a.max_minutes or a.contracted_minutes or _minutes(windows[a.id]))
        for a in staff
    }

    def can(a, v):
        return qualified(problem, a, v) and any(
            fits(problem, a, w, v) for w in by_day[a.id].get(v.day, ())
        )

    cover: dict[str, dict[str, list[int]]] = {}  # person -> assistant -> visit indexes
    for person, vs in visits_of.items():
        mine = {}
        for a in staff:
            got = [i for i, v in enumerate(vs) if can(a, v)]
            if got:
                mine[a.id] = got
        cover[person] = mine
    home = {person: vs[0].location for person, vs in visits_of.items()}
    base = {a.id: a.base for a in staff}
    teams: dict[str, set[str]] = {}
    busy: dict[tuple[str, int], float] = {}  # (assistant, hour) -> minutes promised

    def hour_room(aid, h):
        return 60.0 - busy.get((aid, h), 0.0)

    for person in sorted(cover, key=lambda p: (len(cover[p]), p)):
        vs = visits_of[person]
        need = [v.slots for v in vs]  # team members still wanted at each visit
        team: set[str] = set()
        while len(team) < TEAM_MAX and any(need):
            best, best_key, best_new = None, None, []
            for aid, idx in cover[person].items():
                if aid in team:
                    continue
                new = [i for i in idx if need[i] > 0]
                load, fit, hours = 0.0, 0, {}
                for i in new:
                    m = vs[i].duration * TRAVEL_SHARE
                    h = vs[i].earliest // 60
                    used = hours.get(h, 0.0)
                    if load + m <= room[aid] and used + m <= hour_room(aid, h):
                        load += m
                        hours[h] = used + m
                        fit += 1
                if not fit:
                    continue
                drive = problem.travel[base[aid]][home[person]]
                key = (fit - drive / DRIVE_PER_VISIT, aid)
                if best_key is None or key > best_key:
                    best, best_key, best_new = aid, key, new
            if best is None:
                break
            team.add(best)
            for i in best_new:
                m = vs[i].duration * TRAVEL_SHARE
                h = vs[i].earliest // 60
                if room[best] >= m and hour_room(best, h) >= m:
                    room[best] -= m
                    busy[(best, h)] = busy.get((best, h), 0.0) + m
                    need[i] -= 1
        teams[person] = team
    return teams


def _minutes(windows) -> int:
    return sum(w.end - w.start for w in windows)
