"""Look at the management information page in headless Chromium: sign in
as a demo coordinator (no second factor), show a period and screenshot the
reablement section (and the capacity table). Not a test: a quick look.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_mi \
        .venv/bin/python manage.py seed_demo
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_mi \
        .venv/bin/python bench/look_mi.py [OUT_DIR] [FROM] [TO]

Starts `manage.py runserver` on a free port with the same environment,
and stops it after.
"""

import datetime
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
USER, PASSWORD = "coordinator.northfield", "hub-demo-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - local server
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer at {url}.")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/mi-look")
    today = datetime.datetime.now().astimezone().date()
    start = sys.argv[2] if len(sys.argv) > 2 else str(today - datetime.timedelta(60))
    end = sys.argv[3] if len(sys.argv) > 3 else str(today)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_DEBUG": "true"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/accounts/login/")
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"),
                args=["--no-sandbox", "--headless"],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/accounts/login/")
            page.fill("input[name=username]", USER)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit], input[type=submit]")
            page.wait_for_load_state("networkidle")
            query = f"period=custom&date_from={start}&date_to={end}"
            page.goto(f"{base}/hub/figures/?{query}")
            page.wait_for_load_state("networkidle")
            for slug in ("reablement", "pathways"):
                section = page.locator(f"section#{slug}")
                section.screenshot(path=str(out / f"{slug}.png"))
            page.screenshot(path=str(out / "page.png"), full_page=True)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"Screenshots in {out}")


if __name__ == "__main__":
    main()
