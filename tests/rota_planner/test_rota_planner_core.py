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
