"""The command line: solve prints a result, check flags violations, bad input
exits 2 naming the field."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pathways.allocation.generate import generate_problem

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "pathways.allocation", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def problem_file(tmp_path):
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(generate_problem(12, 3, 5, seed=3)))
    return path


def test_solve_then_check_passes(problem_file, tmp_path):
    solved = run("solve", problem_file, "--time-limit", "5", "--workers", "1")
    assert solved.returncode == 0, solved.stderr
    result = json.loads(solved.stdout)
    assert result["status"] == "optimal"
    result_file = tmp_path / "result.json"
    result_file.write_text(solved.stdout)
    checked = run("check", problem_file, result_file)
    assert checked.returncode == 0, checked.stdout


def test_greedy_method_has_no_bound(problem_file):
    solved = run("solve", problem_file, "--method", "greedy")
    result = json.loads(solved.stdout)
    assert result["bound"] is None
    assert result["stats"]["method"] == "greedy"


def test_corrupted_result_fails_check_naming_each_violation(problem_file, tmp_path):
    result = json.loads(run("solve", problem_file, "--time-limit", "5").stdout)
    first = result["assignments"][0]
    first["start"] = "2026-11-01"  # before the horizon
    result["score"] += 7
    result["assignments"].append(dict(result["assignments"][1]))  # placed twice
    result_file = tmp_path / "result.json"
    result_file.write_text(json.dumps(result))
    checked = run("check", problem_file, result_file)
    assert checked.returncode == 1
    assert f"({first['case']}): starts 2026-11-01, before first day" in checked.stdout
    assert f"case '{result['assignments'][1]['case']}' appears 2 times" in (
        checked.stdout
    )


def test_invalid_problem_exits_2_with_field_messages(tmp_path):
    data = generate_problem(4, 2, 5, seed=1)
    data["cases"][3]["visits"][0]["band"] = "night"
    data["providers"][1]["capacity"]["morning"] = [100, 100]
    data["cases"][0]["weight"] = 0
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    done = run("solve", path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "cases[3].visits[0].band: 'night' is not in bands" in done.stderr
    assert "providers[1].capacity.morning: has 2 values" in done.stderr
    assert "cases[0].weight: 0 must be between 1 and 1000000" in done.stderr


def test_unreadable_problem_exits_2(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    done = run("check", path, path)
    assert done.returncode == 2
    assert "invalid JSON" in done.stderr
    assert done.stdout == ""
