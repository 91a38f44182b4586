"""Browser tests: Playwright driving Debian's Chromium against a live server.

Playwright's sync API runs an event loop in the test's thread, so Django's
guard against ORM calls from async code is lifted for these tests only: the
data is written by the same thread, between browser steps.

Every page a test opens through `watched` is checked with axe-core (WCAG 2.2
A and AA); `watched.assert_accessible()` fails with every page's critical and
serious violations in one message. Each run's counts per page are written to
.pytest_cache/browser/axe.json, and a failing test leaves a screenshot there.
"""

import json
import os
import re
import shutil
import time
from collections import defaultdict
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("critical", "serious")
# Not WCAG rules in axe (best practice), but the hub asks them of every page:
# one main landmark to skip to, and a first-level heading saying where you are.
STRUCTURE = {
    "landmark-one-main": {"enabled": True},
    "page-has-heading-one": {"enabled": True},
}
NEW_BODY = """() => document.body && document.body.dataset.hubOld === undefined
    && !document.documentElement.hasAttribute('aria-busy')"""
PAGE_NAMES = {
    "/hub/": "My day",
    "/hub/cases/": "Case list",
    "/hub/cases/<id>/": "Case page",
    "/hub/cases/<id>/timeline/": "Case timeline",
    "/discharge/start/": "New referral",
    "/safeguarding/concerns/<id>/": "Concern page",
    "/safeguarding/concerns/<id>/timeline/": "Concern timeline",
    "/accounts/login/": "Log in",
    "/hub/search/": "Search",
    "/hub/capacity/": "Capacity",
    "/hub/allocation/": "Allocation",
    "/discharge/inbox/": "Viewflow inbox",
    "/discharge/queue/": "Viewflow queue",
    "/safeguarding/": "Safeguarding start page",
    "/safeguarding/raise/": "Raise a concern",
}
# An animation running, or a snackbar about to open (MDC adds its opening
# class a frame before the fade starts).
RUNNING = (
    "() => document.getAnimations().some(a => a.playState === 'running')"
    " || document.querySelector('.mdc-snackbar--opening') !== null"
)
ARTEFACTS = Path(os.environ.get("BROWSER_ARTEFACTS", ROOT / ".pytest_cache/browser"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test, so fixtures can see a failure."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def chromium_required(path: str | None, environ) -> str:
    """Chromium's path. Without it CI fails loudly (the browser tests must run
    there); elsewhere the tests skip, and pytest prints why (-ra)."""
    if path:
        return path
    message = "Debian's chromium is not installed (`make test` installs it)."
    if environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{message} CI must run the browser tests.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_required(CHROMIUM, os.environ)
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox"]
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_log():
    """Violations per page type over the whole run, written out at the end."""
    log = defaultdict(dict)
    yield log
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # one file per xdist worker
    name = f"axe-{worker}.json" if worker else "axe.json"
    (ARTEFACTS / name).write_text(json.dumps(log, indent=1, sort_keys=True))


class Watched:
    """A page that records script errors and checks every page it opens."""

    def __init__(self, page, base_url: str, axe_log):
        self.page, self.base_url, self.errors = page, base_url, []
        self.axe_log, self.audits = axe_log, []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _console(self, message) -> None:
        """Script errors and CSP refusals count; a page answering 4xx as it
        should (a form with errors is 422) is not an error of the page."""
        if message.type != "error":
            return
        url = message.location.get("url", "")
        answered = "Failed to load resource: the server responded with a status of 4"
        if message.text.startswith(answered) and "/static/" not in url:
            return
        self.errors.append(message.text)

    # Moving about -------------------------------------------------------------
    def goto(self, path: str, kind: str | None = None, *, audit: bool = True):
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("load")
        if audit:
            self.audit(kind or _kind(path, response.status))
        return response

    def click(self, target, kind: str | None = None, *, audit: bool = True):
        """Clicks a link or button and waits for the next page, whether the
        browser loads it or Turbo swaps it in (the old body is marked first)."""
        locator = self.page.locator(target) if isinstance(target, str) else target
        self.page.evaluate("document.body.dataset.hubOld = '1'")
        locator.click()
        self._wait_for_new_body()
        if audit:
            self.audit(kind)

    def _wait_for_new_body(self, timeout_s: float = 10.0) -> None:
        # Polled from here: wait_for_function evaluates a string in the page,
        # which the Content Security Policy (rightly) refuses.
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                if self.page.evaluate(NEW_BODY):
                    self.page.wait_for_load_state("load")
                    return
            except PlaywrightError:  # the old document went away mid-check
                pass
            self.page.wait_for_timeout(50)
        raise AssertionError(f"no new page within {timeout_s} s of the click")

    def fill(self, data: dict) -> None:
        """Fills form fields by name, whatever their widget."""
        for name, value in data.items():
            _fill(self.page, name, value)

    def submit(self, data: dict, kind: str | None = None, button=None) -> None:
        self.fill(data)
        self.click(
            button or "main form.hub-form:not([action]) button[type=submit]", kind
        )

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    # Signing in ---------------------------------------------------------------
    def log_in(self, username: str, password: str = "pw", kind: str | None = None):
        self.goto("/accounts/login/", "Log in")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.click("form.vf-form button[type=submit]", kind)

    def enter_code(self, key_hex: str) -> None:
        """Enters the current code of an authenticator holding the key."""
        from django_otp.oath import totp

        self.page.fill("input[name=code]", f"{totp(bytes.fromhex(key_hex)):06d}")
        self.click("form.vf-form button[type=submit]")

    # Checking -----------------------------------------------------------------
    def audit(self, kind: str | None = None) -> list[dict]:
        """axe-core's WCAG 2.2 A/AA violations on the page in view, recorded.

        Evaluated through the DevTools protocol, which the page's Content
        Security Policy does not apply to, so the CSP stays on while checking."""
        self._wait_for_animations()
        if not AXE.exists():
            pytest.fail("axe-core is not installed: run `make test`.")
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text() + "\n;undefined")
        result = self.page.evaluate(
            "([tags, rules]) => axe.run(document,"
            " {runOnly: {type: 'tag', values: tags}, rules: rules})",
            [WCAG_22_AA, STRUCTURE],
        )
        violations = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "nodes": len(v["nodes"]),
                "where": [n["target"][0] for n in v["nodes"][:3]],
            }
            for v in result["violations"]
        ]
        kind = kind or _kind(self.path)
        self.audits.append((kind, self.path, violations))
        seen = self.axe_log[kind]
        for v in violations:  # the most nodes seen for each rule on this page type
            nodes = max(v["nodes"], seen.get(v["id"], {}).get("nodes", 0))
            seen[v["id"]] = {"impact": v["impact"], "nodes": nodes}
        return violations

    def _wait_for_animations(self, timeout_s: float = 3.0) -> None:
        # A snackbar fading in is half transparent: its contrast is judged
        # once it has settled, as a reader sees it. Settled is nothing running
        # twice 100 ms apart: on a slow machine the first look could come
        # before the fade had begun.
        deadline = time.monotonic() + timeout_s
        quiet = 0
        while time.monotonic() < deadline and quiet < 2:
            quiet = 0 if self.page.evaluate(RUNNING) else quiet + 1
            self.page.wait_for_timeout(100 if quiet else 50)

    def axe(self) -> list[dict]:
        return self.audit()

    def assert_accessible(self) -> None:
        """No critical or serious violation on any page this test opened:
        every one of them, page by page, in one message."""
        assert self.audits, "no page was checked"
        failures = {}
        for kind, path, violations in self.audits:
            for v in violations:
                if v["impact"] in BLOCKING or v["id"] in STRUCTURE:
                    line = f"  {v['impact']} {v['id']} ×{v['nodes']} at {v['where']}"
                    failures.setdefault(f"{kind} ({path})", set()).add(line)
        report = [
            f"{page}:\n" + "\n".join(sorted(lines)) for page, lines in failures.items()
        ]
        assert not failures, "axe-core violations on these pages:\n" + "\n".join(report)

    def horizontal_overflow(self) -> int:
        """CSS pixels the page is wider than the viewport (0: no sideways scroll)."""
        return self.page.evaluate(
            "document.documentElement.scrollWidth - window.innerWidth"
        )


def _kind(path: str, status: int = 200) -> str:
    """A page type: a task's form by its step, else the path with ids and the
    query left out."""
    if status >= 400:
        return f"{status} page"
    path = path.split("?")[0]
    task = re.fullmatch(r"/(\w+)/\d+/(\w+)/\d+/execute/", path)
    if task:
        return f"Task form: {task[1]} {task[2]}"
    if re.fullmatch(r"/(\w+)/\d+/(\w+)/\d+/assign/", path):
        return "Viewflow assign task"
    path = re.sub(r"/\d+(?=/|$)", "/<id>", path)
    return PAGE_NAMES.get(path, path)


def _fill(page, name: str, value) -> None:
    fields = page.locator(f"main :is(input, select, textarea)[name='{name}']")
    kind = fields.first.evaluate("e => e.type || e.tagName.toLowerCase()")
    if kind in ("select-one", "select-multiple"):
        fields.first.select_option(value)
    elif kind == "checkbox" and fields.count() == 1:
        fields.first.set_checked(bool(value))
    elif kind in ("radio", "checkbox"):
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            page.locator(f"main [name='{name}'][value='{v}']").check()
    else:
        fields.first.fill(str(value))


@pytest.fixture
def browser_context(browser):
    context = browser.new_context()
    context.set_default_timeout(8000)  # a missing element fails fast
    yield context
    context.close()


@pytest.fixture
def watched(request, browser_context, live_server, axe_log):
    page = browser_context.new_page()
    watched = Watched(page, live_server.url, axe_log)
    yield watched
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTEFACTS / f"{request.node.name}.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"\nScreenshot of the page at failure: {shot}")  # noqa: T201 - with the failure
