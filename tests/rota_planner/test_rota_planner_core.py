"""The routing core: runs that wait for each other for ever are refused (found
after a few turns of the cycle), and pruning the insertion places keeps the
cheapest ones."""

import random
from pathlib import Path

from rota.planner.core import INF, Core
from rota.planner.hhcrsp import HHCRSPObjective, build_core, read_instance
from rota.planner.search import construct, deadline_from, quick_prices, run_of_tasks

FIX = Path(__file__).parent / "fixtures"


def _crossed_pairs(n_tail):
    """Two runs, two double-handed visits A and B in opposite orders on them
    (each run must finish one before the other starts), and a long tail of
    visits after them."""
    travel = [[0.0, 5.0, 5.0], [5.0, 0.0, 5.0], [5.0, 5.0, 0.0]]
    core = Core(travel=travel)
    a1 = core.add_task(0, 100, 10, 1, [0, 1])
    a2 = core.add_task(0, 100, 10, 1, [0, 1])
    b1 = core.add_task(0, 100, 10, 2, [0, 1])
    b2 = core.add_task(0, 100, 10, 2, [0, 1])
    core.partner[a1], core.partner[a2] = a2, a1
    core.partner[b1], core.partner[b2] = b2, b1
    tail = [core.add_task(0, 1000, 5, 1 + k % 2, [0]) for k in range(n_tail)]
    core.add_run(0, 0.0, INF, 0)
    core.add_run(0, 0.0, INF, 1)
    core.horizon = 1e9
    return core.finish(), (a1, a2, b1, b2), tail


def test_runs_waiting_for_each_other_are_refused_quickly():
    core, (a1, a2, b1, b2), tail = _crossed_pairs(300)
    fine = [[a1, b1, *tail], [a2, b2]]
    assert core.schedule(fine) is not None
    routes = [[a1, *tail], [b2, a2]]
    s = core.schedule(routes)
    where = run_of_tasks(routes, core.n_tasks)
    index = [-1] * core.n_tasks
    for r in routes:
        for k, t in enumerate(r):
            index[t] = k
    routes[0].insert(1, b1)  # B after A on run 0, A after B on run 1: a cycle
    where[b1] = 0
    for k, t in enumerate(routes[0]):
        index[t] = k
    assert core.propagate(routes, list(s), [b1], where, index) is None
    # found after a few turns of the cycle, not after n relaxations of a task
    assert max(core.moved.values()) <= 5


def test_pruned_insertion_places_keep_the_cheapest():
    inst = read_instance(FIX / "InstanzCPLEX_HCSRP_50_1.txt")
    core, _tasks = build_core(inst)
    obj = HHCRSPObjective()
    state = construct(core, obj, deadline_from(30))
    rng = random.Random(3)
    for t in rng.sample(range(core.n_tasks), 20):
        routes = [[x for x in r if x != t] for r in state.routes]
        s = core.schedule(routes)
        where = run_of_tasks(routes, core.n_tasks)
        obj.prune = True
        pruned = quick_prices(core, obj, t, routes, s, where)
        obj.prune = False
        every = quick_prices(core, obj, t, routes, s, where)
        keep = 4 * obj.top_k
        assert [p[0] for p in pruned[:keep]] == [p[0] for p in every[:keep]]
        assert len(pruned) <= len(every)


def test_a_visit_put_before_a_break_moves_the_drive_after_it():
    """A break is taken where the assistant is, so the drive to the visit after it
    starts when the break ends. Putting a visit somewhere else just before the break
    leaves the break where it was but lengthens that drive: the visit after the
    break must move later (the checker found such plans: 'cannot reach visit ...
    free at 12:30, 5 min drive')."""
    travel = [[0.0, 5.0], [5.0, 0.0]]
    core = Core(travel=travel)
    first = core.add_task(600, 700, 30, 0, [0])  # 10:00 at place 0
    rest = core.add_task(720, 760, 30, -1, [0])  # the break, 12:00 to 12:30
    core.is_break[rest] = True
    after = core.add_task(750, 800, 30, 0, [0])  # 12:30 at place 0 again
    moved = core.add_task(640, 700, 20, 1, [0])  # to go in before the break
    core.add_run(0, 540.0, INF, 0)
    core = core.finish()
    routes = [[first, rest, after]]
    s = core.schedule(routes)
    assert s[after] == 750  # no drive: the break was taken at place 0
    routes[0].insert(1, moved)
    where = run_of_tasks(routes, core.n_tasks)
    index = [-1] * core.n_tasks
    for k, t in enumerate(routes[0]):
        index[t] = k
    got = core.propagate(routes, list(s), [moved], where, index)
    assert got is not None
    assert got[rest] == 720  # the visit ends before the break: it does not move
    assert got[after] == 755  # 12:30 end of break + 5 minutes back to place 0
    assert got == core.schedule(routes)
