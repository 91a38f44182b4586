"""Browser tests: Playwright driving Debian's Chromium against a live server.

Playwright's sync API runs an event loop in the test's thread, so Django's
guard against ORM calls from async code is lifted for these tests only: the
data is written before the browser starts, by the same thread.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.fail("Debian's chromium is not installed: run `make test`.")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox"]
        )
        yield browser
        browser.close()


class Watched:
    """A page that records every console error and uncaught script error."""

    def __init__(self, page, base_url: str):
        self.page, self.base_url, self.errors = page, base_url, []
        page.on(
            "console",
            lambda m: m.type == "error" and self.errors.append(m.text),
        )
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        return response

    def axe(self) -> list[dict]:
        """axe-core's WCAG 2.2 A/AA violations on the current page.

        Evaluated through the DevTools protocol, which the page's Content
        Security Policy does not apply to, so the CSP stays on while checking."""
        if not AXE.exists():
            pytest.fail("axe-core is not installed: run `make test`.")
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text() + "\n;undefined")
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_22_AA,
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
            for v in result["violations"]
        ]

    def log_in(self, username: str, password: str = "pw") -> None:
        self.goto("/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(lambda url: "/accounts/login/" not in url)
        self.page.wait_for_load_state("networkidle")


@pytest.fixture
def watched(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    yield Watched(page, live_server.url)
    context.close()
