"""The HHCRSP benchmark: our checker reproduces published costs from published routes,
and the planner's answers on A-family instances are feasible and as good as published.

Fixtures: instances A1–A3 and C1 and two route files (solution-10-1-13, solution-50-1-1)
from afkummer/gecco2020-brkga (MIT licence), copied unchanged."""

import json
from pathlib import Path

import pytest

from rota.planner.__main__ import main
from rota.planner.engine import optimise
from rota.planner.hhcrsp import HHCRSPObjective, build_core, read_instance, result_json
from rota.planner.hhcrsp_check import check_result, read_route_file, schedule_routes

FIX = Path(__file__).parent / "fixtures"
PUBLISHED_BEST = {"10_1": 226.978, "10_2": 246.626, "10_3": 305.860}


@pytest.mark.parametrize(
    ("instance", "routes", "cost"),
    [
        ("10_1", "solution-10-1-13.txt", 226.978),
        ("50_1", "solution-50-1-1.txt", 965.154),
    ],
)
def test_checker_reproduces_published_cost_from_published_routes(
    instance, routes, cost
):
    inst = read_instance(FIX / f"InstanzCPLEX_HCSRP_{instance}.txt")
    result = schedule_routes(
        inst, read_route_file((FIX / routes).read_text(), inst.n_staff)
    )
    errors, figures = check_result(inst, result)
    assert errors == []
    assert round(figures["cost"], 3) == cost


def test_checker_rejects_a_broken_result():
    inst = read_instance(FIX / "InstanzCPLEX_HCSRP_10_1.txt")
    result = schedule_routes(
        inst, read_route_file((FIX / "solution-10-1-13.txt").read_text(), inst.n_staff)
    )
    result["visits"][0]["start"] -= 30
    result["visits"].pop()
    errors, _ = check_result(inst, result)
    assert any("not planned" in e for e in errors)
    assert any("before its window" in e or "cannot start" in e for e in errors)


@pytest.mark.parametrize("instance", sorted(PUBLISHED_BEST))
def test_a_family_solved_feasibly_within_half_a_percent_of_published_best(instance):
    inst = read_instance(FIX / f"InstanzCPLEX_HCSRP_{instance}.txt")
    core, tasks = build_core(inst)
    # a fixed number of iterations, so the answer does not depend on the machine's load
    state, stats = optimise(core, HHCRSPObjective(), 60, max_iterations=800)
    result = result_json(core, tasks, state.routes, state.s)
    errors, figures = check_result(inst, result)
    assert errors == []
    assert abs(figures["cost"] - result["cost"]) < 1e-3
    assert figures["cost"] <= PUBLISHED_BEST[instance] * 1.005


def test_cli_prints_the_readme_format_and_checks_it(tmp_path, capsys):
    instance = str(FIX / "InstanzCPLEX_HCSRP_10_2.txt")
    assert main(["hhcrsp", instance, "--time-limit", "1", "--workers", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["visits"][0]) == {"patient", "service", "staff", "start"}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(out))
    assert main(["hhcrsp-check", instance, str(path)]) == 0
    assert f"ok: cost {out['cost']:.3f}" in capsys.readouterr().out
    out["visits"][0]["staff"] = 99
    path.write_text(json.dumps(out))
    assert main(["hhcrsp-check", instance, str(path)]) == 1
    assert main(["hhcrsp", str(tmp_path / "missing.txt")]) == 2
