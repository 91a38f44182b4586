"""The command line: solve, check (0/1), bad input (2, all errors listed), replan."""

import json

from rota_planner_helpers import assistant, problem, visit

from rota.planner.__main__ import main


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def sample():
    return problem(
        [assistant("a1"), assistant("a2")],
        [
            visit("v1", "p1", 0, 480),
            visit("v2", "p2", 2, 500),
            visit("v3", "p1", 1, 600),
        ],
    )


def test_solve_then_check_exit_codes(tmp_path, capsys):
    prob = write(tmp_path, "p.json", sample())
    assert main(["solve", prob, "--time-limit", "0.5"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["objective"]["covered"] == 3
    res = write(tmp_path, "r.json", result)
    assert main(["check", prob, res]) == 0
    assert "3 of 3 visits covered" in capsys.readouterr().out
    result["routes"][0]["stops"][0]["start"] -= 100
    res = write(tmp_path, "r.json", result)
    assert main(["check", prob, res]) == 1
    assert "before its window" in capsys.readouterr().out


def test_invalid_input_exits_2_listing_every_error(tmp_path, capsys):
    bad = sample()
    bad["visits"][0]["latest"] = 10
    bad["assistants"][1]["shifts"] = [{"start": 500, "end": 400}]
    assert main(["solve", write(tmp_path, "p.json", bad)]) == 2
    err = capsys.readouterr().err
    assert "visits[0].latest: must not be before earliest" in err
    assert "assistants[1].shifts[0]: end must be after start" in err
    assert main(["solve", write(tmp_path, "x.json", "{not json")]) == 2
    assert "invalid JSON" in capsys.readouterr().err
    assert (
        main(["check", write(tmp_path, "p2.json", sample()), str(tmp_path / "nope")])
        == 2
    )


def test_greedy_method_and_replan(tmp_path, capsys):
    prob = write(tmp_path, "p.json", sample())
    assert main(["solve", prob, "--method", "greedy"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["stats"]["method"] == "greedy"
    res = write(tmp_path, "r.json", result)
    sick = result["routes"][0]["assistant"]
    assert (
        main(
            [
                "replan",
                prob,
                res,
                "--assistant",
                sick,
                "--at",
                "420",
                "--time-limit",
                "1",
            ]
        )
        == 0
    )
    again = json.loads(capsys.readouterr().out)
    assert all(r["assistant"] != sick for r in again["routes"])
    assert main(["replan", prob, res, "--assistant", "nobody", "--at", "420"]) == 2
