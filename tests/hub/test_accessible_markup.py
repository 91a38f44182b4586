"""What assistive technology reads from the pages' markup, checked without a
browser (the browser suite runs axe-core on the same pages): every form
control is named, required fields are marked in words and in markup, a form
with errors opens with a summary linking to its fields, and the sign-in and
error pages have a main landmark and one h1."""

import re
from html.parser import HTMLParser

import pytest

from cases.driver import open_task

pytestmark = pytest.mark.django_db

CONTROLS = {"input", "select", "textarea"}
UNNAMED_TYPES = {"hidden", "submit", "button"}


class Page(HTMLParser):
    """The controls, labels, headings and landmarks of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.controls, self.label_for, self.labelled_ids = [], {}, set()
        self.tags, self.ids, self._labels, self._open = [], set(), [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "label":
            self._labels.append({"for": attrs.get("for"), "text": "", "inside": []})
        if tag in CONTROLS and attrs.get("type") not in UNNAMED_TYPES:
            self.controls.append(attrs)
            if self._labels:
                self._labels[-1]["inside"].append(attrs)
        for ref in attrs.get("aria-labelledby", "").split():
            self.labelled_ids.add(ref)

    def handle_data(self, data):
        if self._labels:
            self._labels[-1]["text"] += data

    def handle_endtag(self, tag):
        if tag == "label" and self._labels:
            label = self._labels.pop()
            text = " ".join(label["text"].split())
            if label["for"]:
                self.label_for[label["for"]] = text
            for control in label["inside"]:
                control["wrapped-by"] = text

    def unnamed(self) -> list[str]:
        return [
            c.get("name") or c.get("id", "?")
            for c in self.controls
            if not (
                self.label_for.get(c.get("id"))
                or c.get("wrapped-by")
                or c.get("aria-label")
                or c.get("aria-labelledby")
            )
        ]

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)


def page(client, url, **kwargs) -> Page:
    response = client.post(url, **kwargs) if "data" in kwargs else client.get(url)
    assert response.status_code in (200, 403, 404, 422), (url, response.status_code)
    return Page(response.content.decode())


def _task_url(case, node):
    task = open_task(case, node)
    return task.flow_task.reverse("execute", args=[case.pk, task.pk])


START = {
    "length_days": 42,
    "morning_minutes": 30,
    "morning_carers": 1,
    "lunch_carers": 1,
    "tea_carers": 1,
    "bed_carers": 1,
}


def test_every_form_control_has_a_name(client, hub, coordinator, provider):
    """Case list filters, capacity filter, the order form on the case page, the
    visit pattern's rows and the support plan's ten need rows included."""
    waiting = hub.as_user(coordinator).to_reablement_start()
    hub.do(waiting, "reablement_start", {}, expect=200)  # takes it, opens the form
    planning = hub.to_reablement_start(nhs_number="9990000026")
    hub.do(
        planning,
        "reablement_start",
        {"provider": provider.pk, "start_date": waiting.created.date(), **START},
    )
    hub.do(planning, "support_plan", {}, expect=200)
    urls = [
        "/discharge/start/",
        "/hub/cases/",
        "/hub/capacity/",
        f"/hub/cases/{waiting.pk}/",
        _task_url(waiting, "reablement_start"),
        _task_url(planning, "support_plan"),
    ]
    unnamed = {url: page(client, url).unnamed() for url in urls}
    assert {url: names for url, names in unnamed.items() if names} == {}
    # Fields in a table are named after their row and column.
    plan = page(client, _task_url(planning, "support_plan"))
    assert plan.label_for["id_hygiene_met_by"] == "Maintaining personal hygiene: met by"


def test_required_fields_are_marked_in_words_and_in_markup(client, coordinator):
    client.force_login(coordinator)
    start = page(client, "/discharge/start/")
    marked = {i for i, text in start.label_for.items() if "(required)" in text}
    required = {c["id"] for c in start.controls if "required" in c}
    assert "id_nhs_number" in marked and "id_phone" not in marked
    assert marked == required


def test_a_form_with_errors_opens_with_a_summary_linking_to_each_field(
    client, coordinator
):
    client.force_login(coordinator)
    response = client.post("/discharge/start/", {"nhs_number": "123"})
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', html, re.S)
    assert summary, "no error summary"
    assert html.index("error-summary") < html.index('name="nhs_number"')
    links = re.findall(r'href="#([^"]+)"', summary.group(0))
    fields_with_errors = len(response.context["form"].errors)
    assert len(links) == fields_with_errors >= 5
    ids = Page(html).ids
    assert set(links) <= ids
    assert "NHS number: " in summary.group(0)
    # Each field's message is tied to it for screen readers.
    nhs = next(c for c in Page(html).controls if c.get("name") == "nhs_number")
    assert nhs["aria-invalid"] == "true"
    assert "id_nhs_number_error" in nhs["aria-describedby"].split()


def test_an_unanswered_choice_links_to_its_first_option(client, hub, coordinator):
    case = hub.as_user(coordinator).start()
    hub.do(case, "triage", {}, expect=200)
    html = client.post(_task_url(case, "triage"), {}).content.decode()
    assert 'href="#id_outcome_0"' in html and 'id="id_outcome_0"' in html
    assert re.search(r"<legend>Outcome <span class=\"req\">\(required\)", html)
    # The first option is a real answer, not Django's blank "---------".
    assert re.search(
        r'id="id_outcome_0"[^>]*value="accept"|value="accept"[^>]*id="id_outcome_0"',
        html,
    )
    assert "---------" not in html


@pytest.mark.parametrize(
    "who, url",
    [
        (None, "/accounts/login/"),
        ("coordinator", "/hub/cases/999999/"),  # 404
        ("coordinator", "/safeguarding/dashboard/"),  # 403
        ("manager", "/accounts/mfa/enrol/"),
    ],
)
def test_sign_in_and_error_pages_have_a_main_landmark_and_one_h1(
    client, coordinator, manager, who, url
):
    if who:
        user = {"coordinator": coordinator, "manager": manager}[who]
        # Signing in for real: a manager has not passed the second factor yet.
        credentials = {"username": user.username, "password": "pw"}
        assert client.post("/accounts/login/", credentials).status_code == 302
    html = page(client, url)
    assert html.count("main") == 1 and html.count("h1") == 1, url


def test_viewflow_pages_have_a_skip_link_to_the_main_landmark(client, coordinator):
    client.force_login(coordinator)
    for url in ["/hub/", "/discharge/queue/", "/discharge/"]:
        html = client.get(url).content.decode()
        assert html.index("Skip to main content") < html.index("<main"), url
        assert '<main class="vf-page__content" id="main-content"' in html, url
        assert Page(html).count("h1") >= 1, url


def test_the_snackbar_is_read_out_not_hidden(client, hub, coordinator):
    case = hub.as_user(coordinator).start()
    html = client.get(f"/hub/cases/{case.pk}/").content.decode()
    snackbar = re.search(r"<vf-snackbar[^>]*>", html).group(0)
    assert "aria-hidden" not in snackbar and 'role="status"' in snackbar
