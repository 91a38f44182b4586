"""Problem JSON -> model.Problem, with every field error listed."""

from __future__ import annotations

from .model import (
    DAY,
    DEFAULT_MAX_LATENESS,
    DEFAULT_WEIGHTS,
    GENDERS,
    Assistant,
    Break,
    Fixed,
    Link,
    Problem,
    ProblemError,
    Visit,
    Window,
    _Reader,
)


def problem_from_json(data) -> Problem:
    rd = _Reader()
    if not isinstance(data, dict):
        raise ProblemError(["problem: must be a JSON object"])
    start = rd.date(data.get("start_date"), "start_date")
    days = rd.int_(data, "days", "", minimum=1)
    if days is not None and days > 14:
        rd.err("days", "at most 14")
    n = rd.int_(data, "locations", "", minimum=1) or 0
    travel = _travel(rd, data.get("travel"), n)
    assistants = [
        _assistant(rd, a, f"assistants[{i}]", n, days or 1)
        for i, a in enumerate(rd.list_(data, "assistants", "", required=True))
    ]
    visits = [
        _visit(rd, v, f"visits[{i}]", n)
        for i, v in enumerate(rd.list_(data, "visits", "", required=True))
    ]
    assistants = [a for a in assistants if a]
    visits = [v for v in visits if v]
    _unique(rd, assistants, "assistants")
    _unique(rd, visits, "visits")
    a_ids = {a.id for a in assistants}
    v_by_id = {v.id: v for v in visits}
    for i, v in enumerate(visits):
        if days and v.earliest is not None and not 0 <= v.day < days:
            rd.err(f"visits[{i}].earliest", f"outside the {days}-day horizon")
        for r in v.regulars:
            if r not in a_ids:
                rd.err(f"visits[{i}].regulars", f"no assistant {r!r}")
        for k, lk in enumerate(v.links):
            other = v_by_id.get(lk.visit)
            if other is None:
                rd.err(f"visits[{i}].links[{k}].visit", f"no visit {lk.visit!r}")
            elif other.id == v.id:
                rd.err(
                    f"visits[{i}].links[{k}].visit",
                    "a visit cannot be linked to itself",
                )
            elif other.day != v.day:
                rd.err(
                    f"visits[{i}].links[{k}].visit",
                    "linked visits must be on the same day",
                )
    fixed = _fixed(rd, data, v_by_id, a_ids)
    previous = _previous(rd, data, v_by_id, a_ids)
    weights = dict(DEFAULT_WEIGHTS)
    given = data.get("weights") or {}
    if not isinstance(given, dict):
        rd.err("weights", "must be an object")
        given = {}
    for key, value in given.items():
        if key not in DEFAULT_WEIGHTS:
            rd.err(
                f"weights.{key}",
                f"unknown weight (known: {', '.join(DEFAULT_WEIGHTS)})",
            )
        elif isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            rd.err(f"weights.{key}", "must be a number ≥ 0")
        else:
            weights[key] = float(value)
    max_late = rd.int_(
        data, "max_lateness", "", default=DEFAULT_MAX_LATENESS, minimum=0
    )
    if rd.errors:
        raise ProblemError(rd.errors)
    return Problem(
        start, days, n, travel, assistants, visits, fixed, previous, weights, max_late
    )


def _travel(rd, m, n):
    if not isinstance(m, list) or len(m) != n:
        rd.err("travel", f"must be a list of {n} rows")
        return []
    for i, row in enumerate(m):
        if not isinstance(row, list) or len(row) != n:
            rd.err(f"travel[{i}]", f"must be a list of {n} numbers")
            continue
        for j, x in enumerate(row):
            if (
                isinstance(x, bool)
                or not isinstance(x, int | float)
                or x < 0
                or x != int(x)
            ):
                rd.err(f"travel[{i}][{j}]", "must be a whole number of minutes ≥ 0")
    return m


def _unique(rd, items, name):
    seen = set()
    for i, it in enumerate(items):
        if it.id in seen:
            rd.err(f"{name}[{i}].id", f"duplicate id {it.id!r}")
        seen.add(it.id)


def _window_list(rd, a, key, path, days, fields=("start", "end")):
    out = []
    for k, w in enumerate(rd.list_(a, key, path)):
        p = f"{path}.{key}[{k}]"
        if not isinstance(w, dict):
            rd.err(p, "must be an object")
            continue
        s = rd.int_(w, fields[0], p, minimum=0)
        e = rd.int_(w, fields[1], p, minimum=0)
        if s is not None and e is not None:
            if e <= s and fields[1] == "end":
                rd.err(p, f"{fields[1]} must be after {fields[0]}")
            elif e < s:
                rd.err(p, f"{fields[1]} must not be before {fields[0]}")
            elif s > days * DAY:
                rd.err(p, "outside the horizon")
            else:
                out.append((s, e, w))
    return out


def _assistant(rd, a, path, n, days):
    if not isinstance(a, dict):
        rd.err(path, "must be an object")
        return None
    aid = rd.str_(a, "id", path)
    base = rd.location(a, "base", path, n)
    gender = rd.str_(a, "gender", path, required=False, choices=GENDERS)
    relief = a.get("relief", False)
    if not isinstance(relief, bool):
        rd.err(f"{path}.relief", "must be true or false")
    skills = {}
    raw = a.get("skills", {})
    if isinstance(raw, list):
        raw = dict.fromkeys(raw)
    if not isinstance(raw, dict):
        rd.err(
            f"{path}.skills",
            "must be an object skill -> expiry date (or null), or a list",
        )
        raw = {}
    for skill, exp in raw.items():
        skills[skill] = None if exp is None else rd.date(exp, f"{path}.skills.{skill}")
    shifts = [Window(s, e) for s, e, _ in _window_list(rd, a, "shifts", path, days)]
    ordered = sorted(shifts, key=lambda w: w.start)
    for x, y in zip(ordered, ordered[1:], strict=False):
        if y.start < x.end:
            rd.err(f"{path}.shifts", "shifts overlap")
    breaks = []
    for s, e, w in _window_list(rd, a, "breaks", path, days, ("earliest", "latest")):
        d = rd.int_(w, "duration", f"{path}.breaks", minimum=1)
        if d:
            breaks.append(Break(s, e, d))
    absences = [
        (s, e, str(w.get("reason") or "absence"))
        for s, e, w in _window_list(rd, a, "absences", path, days)
    ]
    max_minutes = rd.int_(a, "max_minutes", path, minimum=0, required=False)
    contracted = rd.int_(a, "contracted_minutes", path, default=0, minimum=0) or 0
    if aid is None or base is None:
        return None
    name = a.get("name") or ""
    return Assistant(
        aid, str(name), base, gender, bool(relief), skills, shifts, breaks, absences,
        max_minutes, contracted,
    )  # fmt: skip


def _visit(rd, v, path, n):
    if not isinstance(v, dict):
        rd.err(path, "must be an object")
        return None
    vid = rd.str_(v, "id", path)
    person = rd.str_(v, "person", path)
    loc = rd.location(v, "location", path, n)
    e = rd.int_(v, "earliest", path, minimum=0)
    lt = rd.int_(v, "latest", path, minimum=0)
    d = rd.int_(v, "duration", path, minimum=1)
    if e is not None and lt is not None:
        if lt < e:
            rd.err(f"{path}.latest", "must not be before earliest")
        elif lt // DAY != e // DAY:
            rd.err(f"{path}.latest", "the window must lie within one day")
    skills = rd.list_(v, "skills", path)
    if not all(isinstance(s, str) and s for s in skills):
        rd.err(f"{path}.skills", "must be a list of skill names")
    dh = v.get("double_handed", False)
    if not isinstance(dh, bool):
        rd.err(f"{path}.double_handed", "must be true or false")
    links = []
    for k, lk in enumerate(rd.list_(v, "links", path)):
        p = f"{path}.links[{k}]"
        other = (
            rd.str_(lk, "visit", p)
            if isinstance(lk, dict)
            else rd.err(p, "must be an object")
        )
        mn = rd.int_(lk, "min_gap", p, minimum=0) if isinstance(lk, dict) else None
        mx = rd.int_(lk, "max_gap", p, minimum=0) if isinstance(lk, dict) else None
        if mn is not None and mx is not None and mx < mn:
            rd.err(f"{p}.max_gap", "must not be less than min_gap")
        elif other and mn is not None and mx is not None:
            links.append(Link(other, mn, mx))
    gender = rd.str_(v, "gender", path, required=False, choices=("female", "male"))
    regulars = rd.list_(v, "regulars", path)
    if None in (vid, person, loc, e, lt, d):
        return None
    return Visit(
        vid, person, loc, e, lt, d, list(skills), bool(dh), links, gender,
        [str(r) for r in regulars],
    )  # fmt: skip


def _fixed(rd, data, v_by_id, a_ids):
    out = []
    for i, f in enumerate(rd.list_(data, "fixed", "")):
        p = f"fixed[{i}]"
        if not isinstance(f, dict):
            rd.err(p, "must be an object")
            continue
        vid = rd.str_(f, "visit", p)
        start = rd.int_(f, "start", p, minimum=0)
        who = rd.list_(f, "assistants", p, required=True)
        visit = v_by_id.get(vid)
        if vid and visit is None:
            rd.err(f"{p}.visit", f"no visit {vid!r}")
        for w in who:
            if w not in a_ids:
                rd.err(f"{p}.assistants", f"no assistant {w!r}")
        if visit and len(set(who)) != visit.slots:
            rd.err(f"{p}.assistants", f"needs {visit.slots} different assistant(s)")
        if visit and start is not None and start // DAY != visit.day:
            rd.err(f"{p}.start", "must be on the visit's day")
        if visit and start is not None:
            out.append(Fixed(vid, [str(w) for w in who], start))
    if len({f.visit for f in out}) != len(out):
        rd.err("fixed", "a visit is fixed twice")
    return out


def _previous(rd, data, v_by_id, a_ids):
    prev = data.get("previous") or {}
    if not isinstance(prev, dict):
        rd.err("previous", "must be an object visit id -> list of assistant ids")
        return {}
    out = {}
    for vid, who in prev.items():
        if vid not in v_by_id:
            rd.err(f"previous.{vid}", "no such visit")
        elif not isinstance(who, list) or any(w not in a_ids for w in who):
            rd.err(f"previous.{vid}", "must be a list of known assistant ids")
        else:
            out[vid] = [str(w) for w in who]
    return out
