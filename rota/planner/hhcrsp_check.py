"""An HHCRSP checker that shares nothing with the solver but the instance reader.

`check_result(inst, result)` verifies a result in the README's format
(`{"visits": [{"patient", "service", "staff", "start"}]}`) and recomputes its cost;
`schedule_routes(inst, routes)` gives the earliest starts of published routes (lists of
(patient, service) per staff), so that a published cost can be reproduced.
"""

from __future__ import annotations

TOL = 1e-6


def check_result(inst, result) -> tuple[list[str], dict]:
    errors: list[str] = []
    visits = result.get("visits") if isinstance(result, dict) else None
    if not isinstance(visits, list):
        return ["result: 'visits' must be a list"], {}
    got: dict[tuple[int, int], dict] = {}
    by_staff: dict[int, list[dict]] = {}
    for n, v in enumerate(visits):
        try:
            i, s, k, start = (
                int(v["patient"]),
                int(v["service"]),
                int(v["staff"]),
                float(v["start"]),
            )
        except (KeyError, TypeError, ValueError):
            errors.append(
                f"visits[{n}]: needs patient, service, staff and start numbers"
            )
            continue
        if not (1 <= i <= inst.n_nodes - 2) or not (0 <= s < inst.n_services):
            errors.append(f"visits[{n}]: no patient {i} / service {s} in this instance")
            continue
        if not (0 <= k < inst.n_staff):
            errors.append(f"visits[{n}]: no staff {k}")
            continue
        if not inst.need[i][s]:
            errors.append(f"patient {i} does not need service {s}")
        if (i, s) in got:
            errors.append(f"patient {i} service {s} is planned twice")
        if not inst.qualified[k][s]:
            errors.append(f"staff {k} is not qualified for service {s} (patient {i})")
        if start < inst.e[i] - TOL:
            errors.append(
                f"patient {i} service {s} starts at {start} "
                f"before its window {inst.e[i]}"
            )
        row = {"i": i, "s": s, "k": k, "start": start}
        got[(i, s)] = row
        by_staff.setdefault(k, []).append(row)
    for i in range(1, inst.n_nodes - 1):
        for s in range(inst.n_services):
            if inst.need[i][s] and (i, s) not in got:
                errors.append(f"patient {i} service {s} is not planned")
    travel = 0.0
    for k, rows in by_staff.items():
        rows.sort(key=lambda r: r["start"])
        here, free = 0, 0.0
        for r in rows:
            arrive = free + inst.d[here][r["i"]]
            if r["start"] < arrive - TOL:
                errors.append(
                    f"staff {k} cannot start patient {r['i']} at {r['start']}: "
                    f"earliest arrival {arrive:.4f}"
                )
            travel += inst.d[here][r["i"]]
            here, free = r["i"], r["start"] + inst.p[r["i"]][r["s"]]
        travel += inst.d[here][0]
    for i in inst.double:
        ss = [s for s in range(inst.n_services) if inst.need[i][s]]
        if len(ss) != 2 or any((i, s) not in got for s in ss):
            continue
        a, b = got[(i, ss[0])], got[(i, ss[1])]
        if a["k"] == b["k"]:
            errors.append(f"patient {i}: both services by staff {a['k']}")
        gap = b["start"] - a["start"]
        if gap < inst.mind[i] - TOL or gap > inst.maxd[i] + TOL:
            errors.append(
                f"patient {i}: service {ss[1]} starts {gap:.4f} after service {ss[0]}, "
                f"allowed {inst.mind[i]}..{inst.maxd[i]}"
            )
    tard = [max(0.0, r["start"] - inst.l[r["i"]]) for r in got.values()]
    total_tard, max_tard = sum(tard), max(tard, default=0.0)
    figures = {
        "cost": (travel + total_tard + max_tard) / 3,
        "travel": travel,
        "tardiness": total_tard,
        "max_tardiness": max_tard,
    }
    return errors, figures


def schedule_routes(inst, routes):
    """Earliest starts for fixed routes: a result dict for `check_result`, or None."""
    start = {}
    for route in routes:
        for i, s in route:
            start[(i, s)] = inst.e[i]
    for _ in range(10 * len(start) + 10):
        moved = False
        for route in routes:
            here, free = 0, 0.0
            for i, s in route:
                arrive = free + inst.d[here][i]
                if start[(i, s)] < arrive:
                    start[(i, s)], moved = arrive, True
                here, free = i, start[(i, s)] + inst.p[i][s]
        for i in inst.double:
            ss = [s for s in range(inst.n_services) if inst.need[i][s]]
            a, b = (i, ss[0]), (i, ss[1])
            if start[b] < start[a] + inst.mind[i]:
                start[b], moved = start[a] + inst.mind[i], True
            if start[a] < start[b] - inst.maxd[i]:
                start[a], moved = start[b] - inst.maxd[i], True
        if not moved:
            break
    else:
        return None
    visits = [
        {"patient": i, "service": s, "staff": k, "start": start[(i, s)]}
        for k, route in enumerate(routes)
        for i, s in route
    ]
    return {"visits": visits}


def read_route_file(text: str, n_staff: int):
    """Routes from a gecco2020-brkga `solution-*.txt` file
    (arcs `origin dest staff service`)."""
    routes = [[] for _ in range(n_staff)]
    lines = [
        ln.split() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")
    ]
    for parts in lines:
        if len(parts) == 4:
            _o, dest, k, s = (int(x) for x in parts)
            if dest != 0:
                routes[k].append((dest, s))
    return routes
