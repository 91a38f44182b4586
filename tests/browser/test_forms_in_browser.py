"""Forms as a keyboard or screen-reader user meets them: required fields
marked, errors summarised at the top and linked to their fields (the GOV.UK
pattern), and every step reachable from the keyboard with a visible focus."""

import pytest

from .kit import nhs_number

pytestmark = pytest.mark.django_db(transaction=True)

SUMMARY = "main .error-summary"


def test_errors_are_summarised_at_the_top_and_link_to_their_fields(
    watched, coordinator
):
    w = watched
    w.log_in(coordinator.username)
    w.goto("/discharge/start/")
    w.fill({"nhs_number": "123", "given_name": "Ada"})
    w.click("main form.hub-form:not([action]) button[type=submit]")

    summary = w.page.locator(SUMMARY)
    assert summary.get_attribute("role") == "alert"
    assert "There is a problem" in summary.locator("h2").inner_text()
    assert w.page.evaluate("document.activeElement.matches('.error-summary')")
    # The summary comes before the form's first field.
    assert w.page.evaluate(
        "document.querySelector('.error-summary').compareDocumentPosition("
        "document.querySelector('#id_nhs_number')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    errors = w.page.locator("main .field.has-error").count()
    links = summary.locator("a")
    assert links.count() == errors >= 5
    for href in links.evaluate_all("links => links.map(a => a.hash)"):
        assert w.page.locator(f"main {href}").count() == 1, href
    links.filter(has_text="NHS number").first.click()
    assert w.page.evaluate("document.activeElement.id") == "id_nhs_number"
    # What was typed is kept, and the field says it is wrong.
    field = w.page.locator("#id_given_name")
    assert field.input_value() == "Ada"
    assert w.page.locator("#id_nhs_number").get_attribute("aria-invalid") == "true"


def test_a_choice_left_unanswered_links_to_its_first_option(watched, coordinator, hub):
    case = hub.as_user(coordinator).start()
    w = watched
    w.log_in(coordinator.username)
    w.goto(f"/hub/cases/{case.pk}/")
    w.click("main button:has-text('Take')")
    w.click("main form.hub-form:not([action]) button[type=submit]")
    link = w.page.locator(SUMMARY).locator("a", has_text="Outcome")
    link.click()
    assert w.page.evaluate("document.activeElement.name") == "outcome"


def test_sign_in_errors_are_summarised_too(watched, coordinator):
    w = watched
    w.goto("/accounts/login/")
    w.fill({"username": coordinator.username, "password": "wrong"})
    w.click("form.vf-form button[type=submit]")
    assert "username and password" in w.page.locator(SUMMARY).inner_text()


def test_required_fields_are_marked_in_words_and_to_assistive_technology(
    watched, coordinator
):
    w = watched
    w.log_in(coordinator.username)
    w.goto("/discharge/start/")
    marked = w.page.evaluate(MARKED_REQUIRED)
    assert {"id_nhs_number", "id_given_name", "id_presenting_needs"} <= set(marked)
    assert "id_address_line_2" not in marked and "id_phone" not in marked
    # Every field marked "required" says so to assistive technology, and back.
    programmatic = w.page.evaluate(
        "[...document.querySelectorAll('main :is(input,select,textarea)')]"
        ".filter(e => e.required || e.getAttribute('aria-required') === 'true')"
        ".map(e => e.id)"
    )
    assert sorted(marked) == sorted(programmatic)


MARKED_REQUIRED = """() => [...document.querySelectorAll('main label, main legend')]
  .filter(l => /\\(required\\)/.test(l.innerText))
  .map(l => l.htmlFor || l.closest('fieldset').querySelector('input').id)"""


def test_a_task_is_done_from_the_keyboard_alone_with_the_focus_always_visible(
    watched, coordinator, hub
):
    case = hub.as_user(coordinator).start(nhs_number=nhs_number(800))
    w = watched
    w.goto("/accounts/login/")
    _tab_to(w, "input[name=username]")
    w.page.keyboard.type(coordinator.username)
    w.page.keyboard.press("Tab")
    w.page.keyboard.type("pw")
    w.page.evaluate("document.body.dataset.hubOld = '1'")
    w.page.keyboard.press("Enter")
    w._wait_for_new_body()

    # The first Tab offers to skip the menu, straight to the page's content.
    w.goto(f"/hub/cases/{case.pk}/")
    w.page.keyboard.press("Tab")
    assert w.page.evaluate("document.activeElement.innerText") == (
        "Skip to main content"
    )
    w.page.keyboard.press("Enter")
    _tab_to(w, "main form[action*='/assign/'] button")
    w.page.evaluate("document.body.dataset.hubOld = '1'")
    w.page.keyboard.press("Enter")
    w._wait_for_new_body()
    assert w.path.endswith("/execute/")

    _tab_to(w, "main input[name=outcome]")
    _choose(w, "outcome", "accept")
    _tab_to(w, "main input[name=priority]")
    _choose(w, "priority", "high")
    _tab_to(w, "main textarea[name=reason]")
    w.page.keyboard.type("Meets the criteria")
    _tab_to(w, "main form.hub-form:not([action]) button[type=submit]")
    w.page.evaluate("document.body.dataset.hubOld = '1'")
    w.page.keyboard.press("Enter")
    w._wait_for_new_body()
    case.refresh_from_db()
    assert case.triage.outcome == "accept" and case.priority == "high"


def _choose(watched, name: str, value: str) -> None:
    """Moves a radio group's choice with the arrow keys, as a keyboard user does."""
    option = watched.page.locator(f"main input[name={name}][value={value}]")
    for _ in range(6):
        if option.is_checked():
            return
        watched.page.keyboard.press("ArrowDown")
    raise AssertionError(f"{name}={value} not chosen with the arrow keys")


def _tab_to(watched, selector: str, limit: int = 80) -> None:
    """Presses Tab until the element has the focus; each element passed on
    the way must show where the focus is."""
    page = watched.page
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_RING)
        assert focus["visible"], f"no visible focus on {focus['what']}"
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


# What has the focus, and whether it shows it: an outline of at least 2 px.
FOCUS_RING = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const what = e.tagName.toLowerCase() + (e.name ? `[name=${e.name}]` : '')
    + ` "${(e.innerText || e.value || '').trim().slice(0, 30)}"`;
  // The body has the focus only while it is in the browser's own controls.
  const visible = e === document.body
    || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2);
  return {what, visible};
}"""
