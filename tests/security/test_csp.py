"""A Content Security Policy that allows no inline script, and pages that
need none (so the policy breaks nothing)."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineScriptFinder(HTMLParser):
    """Collects every piece of markup that would run script inline."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and (
                (value or "").strip().lower().startswith("javascript:")
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
        executable = (attrs.get("type") or "").lower() not in DATA_SCRIPT_TYPES
        self._inline_script = tag == "script" and executable and not attrs.get("src")

    def handle_data(self, data):
        if self._inline_script and data.strip():
            self.found.append(f"<script>{data.strip()[:60]}")

    def handle_endtag(self, tag):
        self._inline_script = False


def inline_script(html: str) -> list[str]:
    finder = InlineScriptFinder()
    finder.feed(html)
    return finder.found


def test_the_finder_sees_inline_script_and_handlers():
    assert inline_script('<script>alert(1)</script><p onclick="x()">') == [
        "<script>alert(1)",
        "<p onclick='x()'>",
    ]
    assert inline_script('<a href="javascript:x()">') != []
    assert inline_script('<script src="/static/a.js"></script>') == []
    assert inline_script('<script type="application/json">{"a": 1}</script>') == []


def test_every_response_carries_a_policy_without_inline_script(client, manager):
    client.force_login(manager)
    policy = client.get("/hub/")["Content-Security-Policy"]
    directives = {
        part.split()[0]: part.split()[1:] for part in policy.split(";") if part
    }
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "Content-Security-Policy" in client.get("/accounts/login/")


def test_no_project_template_has_inline_script():
    templates = Path(settings.BASE_DIR, "templates").rglob("*.html")
    found = {
        str(path): inline_script(path.read_text())
        for path in templates
        if "/pdf/" not in str(path)  # PDFs are rendered by WeasyPrint, not a browser
    }
    assert {path: bad for path, bad in found.items() if bad} == {}


def _pages(case, concern) -> list[str]:
    return [
        "/hub/",
        "/hub/cases/",
        f"/hub/cases/{case.pk}/",
        f"/hub/cases/{case.pk}/timeline/",
        "/hub/search/?q=Testcase",
        "/hub/capacity/",
        "/hub/allocation/",
        "/hub/allocation/what-if/",
        "/discharge/",
        "/discharge/queue/",
        "/discharge/inbox/",
        f"/discharge/{case.pk}/",
        "/safeguarding/dashboard/",
        "/safeguarding/mine/",
        f"/safeguarding/raise/?case={case.pk}",
        f"/safeguarding/concerns/{concern.pk}/",
        f"/safeguarding/concerns/{concern.pk}/timeline/",
        "/section42/queue/",
    ]


def test_the_main_pages_run_no_inline_script(client, manager, case, concern):
    client.force_login(manager)
    for url in _pages(case, concern):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert inline_script(response.content.decode()) == [], url


def test_the_task_login_and_admin_pages_run_no_inline_script(
    client, hub, coordinator, case, django_user_model
):
    assert inline_script(client.get("/accounts/login/").content.decode()) == []
    hub.as_user(coordinator)
    task = hub.task(case, "triage")
    hub.client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    page = client.get(task.flow_task.reverse("execute", args=[case.pk, task.pk]))
    assert page.status_code == 200
    assert inline_script(page.content.decode()) == []

    admin = django_user_model.objects.create_superuser("ada_admin", password="pw")
    client.force_login(admin)
    for url in ["/admin/", "/admin/cases/locality/", "/admin/auth/user/add/"]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert inline_script(page.content.decode()) == [], url
