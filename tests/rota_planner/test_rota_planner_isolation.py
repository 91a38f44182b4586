"""The planner core stays free of Django (the rota app calls it, never the reverse)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_planner_loads_no_django():
    code = (
        "import sys\n"
        "import rota.planner, rota.planner.__main__, rota.planner.generate\n"
        "import rota.planner.hhcrsp, rota.planner.hhcrsp_check\n"
        "from rota.planner import solve, check, replan\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'django']\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_the_planner_package_imports_nothing_from_the_app():
    for path in (ROOT / "rota" / "planner").glob("*.py"):
        text = path.read_text()
        assert "import django" not in text and "from django" not in text, path
        assert "from rota." not in text and "from .." not in text, path
