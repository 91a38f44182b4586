"""The allocation core stays free of Django, so its package inits stay empty."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_core_loads_no_django():
    code = (
        "import sys\n"
        "import pathways.allocation.__main__, pathways.allocation.solve\n"
        "import pathways.allocation.generate, pathways.allocation.orlib\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'django']\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_package_init_is_empty():
    assert (ROOT / "pathways" / "allocation" / "__init__.py").read_text() == ""
