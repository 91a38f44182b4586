"""`make demo PORT=8080` serves on that port (checked with make's dry run:
nothing is installed or started)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None, reason="make is not installed here"
)


def _dry_run(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PORT", "HOST")}
    done = subprocess.run(
        ["make", "-n", "demo", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_make_demo_serves_on_the_port_given():
    out = _dry_run("PORT=8080")
    assert "runserver 127.0.0.1:8080" in out
    assert "http://127.0.0.1:8080" in out


def test_make_demo_serves_on_8000_by_default():
    assert "runserver 127.0.0.1:8000" in _dry_run()


def test_make_demo_starts_the_background_worker_and_stops_it_with_the_server():
    out = _dry_run()
    worker, server = out.index("db_worker --no-reload &"), out.index("runserver")
    assert worker < server
    assert "trap 'kill $worker" in out
