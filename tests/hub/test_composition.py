"""The composition: cases is the core and imports no other app; a fresh
database gets every flow permission the roles need."""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = {"triage", "pathways", "equipment", "safeguarding", "hub"}


def _imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found & APPS


def test_cases_imports_none_of_the_apps_built_on_it():
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_apps(path))
        for path in (ROOT / "cases").rglob("*.py")
        if _imported_apps(path)
    }
    assert offenders == {}


def test_a_fresh_migrate_gives_coordinators_the_right_to_start_a_referral(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);"
        "from django.contrib.auth.models import Group, User;"
        "user = User.objects.create_user('c');"
        "user.groups.add(Group.objects.get(name='coordinator'));"
        "from hub.flows import DischargeFlow;"
        "print(DischargeFlow.start.can_execute(user))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    assert result.stdout.strip().endswith("True")
