"""Browser tests: Playwright driving Debian's Chromium against a live server.

Playwright's sync API runs an event loop in the test's thread, so Django's
guard against ORM calls from async code is lifted for these tests only: the
data is written before the browser starts, by the same thread.
"""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium")


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
