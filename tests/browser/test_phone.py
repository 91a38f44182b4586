"""On a phone (375 and 320 CSS pixels wide) every page reflows: nothing is
wider than the screen, so nobody scrolls sideways to read it (WCAG 1.4.10)."""

import re

import pytest

from .conftest import ARTEFACTS, Watched
from .kit import day

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (375, 320)


def test_pages_reflow_on_a_phone_without_sideways_scrolling(
    browser, live_server, axe_log, coordinator, provider, catalogue, hub
):
    case = hub.as_user(coordinator).to_reablement_start()
    hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "length_days": 42,
            "start_date": day(1),
            "morning_minutes": 30,
            "morning_carers": 1,
            "lunch_carers": 1,
            "tea_carers": 1,
            "bed_carers": 1,
        },
    )
    hub.do(case, "support_plan", {}, expect=200)  # she takes the task
    task = hub.task(case, "support_plan")
    with_clock = [
        f"/hub/cases/{case.pk}/",
        f"/discharge/{case.pk}/support_plan/{task.pk}/execute/",
    ]
    pages = [
        "/hub/",
        "/hub/cases/",
        "/hub/search/?q=Testcase",
        *with_clock,
        f"/hub/cases/{case.pk}/timeline/",
        f"/hub/cases/{case.pk}/close/",
        "/hub/capacity/",
        "/hub/allocation/",
        "/safeguarding/raise/",
        "/discharge/start/",
        "/discharge/queue/",
    ]
    wide, stuck, scrolling = [], [], 0
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 740})
        context.set_default_timeout(8000)
        phone = Watched(context.new_page(), live_server.url, axe_log)
        phone.goto("/accounts/login/", audit=False)
        wide += _too_wide(phone, width, "/accounts/login/")
        phone.log_in(coordinator.username)
        for path in pages:
            phone.goto(path, audit=False)
            wide += _too_wide(phone, width, path)
            if path in with_clock:
                wide += _clock_off_screen(phone, width, path)
            tables = phone.page.evaluate(SCROLLING_TABLES)
            scrolling += len(tables)
            stuck += [f"  {width} px: {path}: {t}" for t in tables if t["tabIndex"] < 0]
        assert phone.errors == []
        context.close()
    assert not wide, "Pages wider than the phone's screen:\n" + "\n".join(wide)
    # A table that scrolls sideways can be scrolled from the keyboard (WCAG
    # 2.1.1): it takes the focus. (The case page's tables do scroll.)
    assert scrolling, "no table scrolled sideways: this check checked nothing"
    assert not stuck, "Tables that scroll but take no focus:\n" + "\n".join(stuck)


def _clock_off_screen(phone, width: int, path: str) -> list[str]:
    """The delay clock at the top of a case's pages is on the screen."""
    right = phone.page.locator("main .badge.delay").first.evaluate(
        "e => e.getBoundingClientRect().right"
    )
    if right <= width:
        return []
    return [f"  {width} px: {path}: the delay clock ends at {right} px"]


def _too_wide(phone, width: int, path: str) -> list[str]:
    overflow = phone.horizontal_overflow()
    if overflow <= 0:
        return []
    culprits = phone.page.evaluate(WIDEST)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"\W+", "-", path).strip("-") or "home"
    phone.page.screenshot(path=str(ARTEFACTS / f"phone-{width}-{name}.png"))
    return [f"  {width} px: {path} is {overflow} px too wide; widest: {culprits}"]


# The list tables wider than their box (they scroll sideways on a phone).
SCROLLING_TABLES = """() => [...document.querySelectorAll('.hub table.list')]
  .filter(t => t.scrollWidth > t.clientWidth)
  .map(t => ({tabIndex: t.tabIndex, head: t.rows[0]?.innerText.slice(0, 60)}))"""


# The innermost elements reaching past the right edge, to say what to fix.
WIDEST = """() => {
  const edge = window.innerWidth;
  const over = [...document.querySelectorAll('body *')]
    .map(e => [e, e.getBoundingClientRect().right])
    .filter(([e, right]) => right > edge + 1);
  const inner = over.filter(([e]) => !over.some(([o]) => o !== e && e.contains(o)));
  return inner.sort((a, b) => b[1] - a[1]).slice(0, 3)
    .map(([e, right]) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`
      + ` (+${Math.round(right - edge)})`);
}"""
