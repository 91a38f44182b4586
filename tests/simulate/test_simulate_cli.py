"""The simulator on the command line: a table of the policies' figures,
the full report as JSON, the same for the same seed; and its core runs
without Django."""

import json
import subprocess
import sys

from pathways.simulate.__main__ import main


def test_the_same_seed_prints_the_same_table_and_json(tmp_path, capsys):
    outputs = []
    for n in range(2):
        out = tmp_path / f"run{n}.json"
        args = ["--days", "15", "--seed", "7", "--policy", "greedy", "--json", str(out)]
        assert main(args) == 0
        outputs.append((capsys.readouterr().out, json.loads(out.read_text())))
    (table, report), (table_again, report_again) = outputs
    assert table == table_again and report == report_again
    assert table.startswith("15 days from 2027-01-04, seed 7\n")
    greedy = report["policies"]["greedy"]
    row = next(line for line in table.splitlines() if line.startswith("Delayed"))
    assert row.split() == ["Delayed", "bed-days", str(greedy["delayed_bed_days"])]
    assert "What-if (greedy): pathway-1 delayed bed-days" in table
    assert len(greedy["waiting_by_day"]) == 15
    assert set(greedy["capacity_used"]) == {"morning", "lunch", "tea", "bed"}

    main(["--days", "15", "--seed", "8", "--policy", "greedy", "--no-what-if"])
    assert capsys.readouterr().out != table


def test_invalid_settings_are_refused(capsys):
    assert main(["--days", "0", "--policy", "greedy"]) == 2
    assert "days: between 1 and 366" in capsys.readouterr().err


def test_the_core_imports_nothing_from_django():
    code = (
        "import sys; from pathways.simulate import Params, run; "
        "run(Params(days=3), ('greedy',), what_if=False); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
