"""Shared fixtures: localities, users of every role, the catalogue, providers."""

import datetime

import pytest
from django.urls import get_resolver
from django.utils import timezone

from testkit import (  # noqa: F401  (re-exported for the fixtures below)
    OTHER_BANDS,
    PLAN_DETERMINATION,
    _pass_second_factor,
    referral_data,
)


@pytest.fixture(autouse=True)
def _load_urls():
    # Viewflow builds its URL namespaces when the URLconf is first read.
    get_resolver().url_patterns  # noqa: B018


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """force_login skips the password; it skips the second factor as well.
    The sign-in itself (password, code) is tested in tests/accounts."""
    from django.test import Client

    force_login = Client.force_login

    def force_login_verified(self, user, backend=None):
        force_login(self, user, backend)
        _pass_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_verified)


@pytest.fixture
def localities(db):
    from cases.models import Locality

    north = Locality.objects.create(
        name="Northfield", code="northfield", postcode_districts="NF1 NF2"
    )
    south = Locality.objects.create(
        name="Southbrook", code="southbrook", postcode_districts="SB1 SB2"
    )
    return north, south


def _user(username, role, localities):
    from django.contrib.auth.models import Group, User

    from cases.models import Staff
    from cases.roles import ensure_groups

    ensure_groups()
    first, last = username.split("_")
    user = User.objects.create_user(
        username, password="pw", first_name=first.title(), last_name=last.title()
    )
    user.groups.add(Group.objects.get(name=role))
    Staff.objects.create(user=user).localities.set(localities)
    return user


@pytest.fixture
def make_user(localities):
    return _user


@pytest.fixture
def coordinator(localities):
    return _user("cora_north", "coordinator", [localities[0]])


@pytest.fixture
def other_coordinator(localities):
    return _user("sam_south", "coordinator", [localities[1]])


@pytest.fixture
def ot(localities):
    return _user("olive_north", "ot", [localities[0]])


@pytest.fixture
def manager(localities):
    return _user("mona_manager", "manager", list(localities))


@pytest.fixture
def catalogue(db):
    from equipment.models import EquipmentItem

    return {
        code: EquipmentItem.objects.create(
            code=code, name=name, category="Toileting", essential_by_default=essential
        )
        for code, name, essential in [
            ("commode", "Commode", True),
            ("raised-toilet-seat", "Raised toilet seat", False),
            ("hospital-bed", "Hospital bed", True),
        ]
    }


@pytest.fixture
def provider(localities):
    from pathways.models import Band, Provider, ProviderCapacity

    p = Provider.objects.create(
        name="North Reablement",
        code="north-reablement",
        skills=["double_handed", "dementia"],
    )
    p.localities.add(localities[0])
    today = timezone.localdate()
    # the horizon's fortnight and two days more: a suite that runs across
    # midnight still finds every day of a booking's horizon published
    ProviderCapacity.objects.bulk_create(
        ProviderCapacity(
            provider=p, date=today + datetime.timedelta(days=i), band=band, minutes=120
        )
        for i in range(16)
        for band in Band.values
    )
    return p


class HubClient:
    """Drives the discharge flow through its pages, as each user would."""

    def __init__(self, client):
        self.client = client

    def as_user(self, user) -> "HubClient":
        self.client.force_login(user)
        self.user = user
        return self

    def start(self, **overrides):
        from cases.models import DischargeCase
        from hub.flows import DischargeFlow

        response = self.client.post(
            DischargeFlow.start.reverse("execute"), referral_data(**overrides)
        )
        assert response.status_code == 302, _errors(response)
        return DischargeCase.objects.latest("pk")

    def to_reablement_start(
        self, *, priority="high", morning_minutes=30, carers=1, **referral
    ):
        """A new pathway-1 case, taken to its waiting reablement-start step."""
        case = self.start(**referral)
        self.do(
            case,
            "triage",
            {"outcome": "accept", "priority": priority, "reason": "Meets the criteria"},
        )
        self.do(
            case,
            "risk_screen",
            {
                "falls_last_year": 0,
                "skin_integrity": "intact",
                "continence": "continent",
                "carers_needed": 1,
            },
        )
        self.do(
            case,
            "pathway",
            {
                "chosen": 1,
                "length_days": 42,
                "morning_minutes": morning_minutes,
                "morning_carers": carers,
                **OTHER_BANDS,
            },
        )
        self.do(case, "equipment", {"no_equipment_needed": "on"})
        return case

    def task(self, case, node):
        from cases.driver import open_task

        return open_task(case, node)

    def do(self, case, node, data, expect=302):
        """Take the step's task (if free) and submit its form."""
        task = self.task(case, node)
        assert task is not None, f"no open {node} task"
        if task.owner_id is None:
            assign = self.client.post(
                task.flow_task.reverse("assign", args=[case.pk, task.pk])
            )
            assert assign.status_code == 302, assign.status_code
        url = task.flow_task.reverse("execute", args=[case.pk, task.pk])
        assert self.client.get(url).status_code == 200
        response = self.client.post(url, data)
        assert response.status_code == expect, _errors(response)
        case.refresh_from_db()
        return response


def _errors(response):
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    return form.errors if form is not None else response.status_code


@pytest.fixture
def hub(client):
    return HubClient(client)


@pytest.fixture
def pdf_text():
    """Reads a PDF's text page by page with pypdf (pages split by form feeds),
    so the tests that read PDFs run everywhere, with no system tool to install."""
    import io

    from pypdf import PdfReader

    def read(content: bytes) -> str:
        pages = PdfReader(io.BytesIO(content)).pages
        return "\f".join(page.extract_text(extraction_mode="layout") for page in pages)

    return read


@pytest.fixture
def run_tasks(monkeypatch):
    """Runs every queued background task now, with the real database worker
    (django-tasks-db's db_worker), in this process. The worker's connection
    check is skipped: it would close the test's open transaction."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run() -> None:
        db_worker.Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()

    return run


@pytest.fixture
def steady_session(monkeypatch):
    """For tests that count a page's queries: the session's activity stamp
    (accounts.sessions) is written at most once a minute, so on a slow run the
    first request after a minute writes the session and counts more queries
    than the same request a second earlier. Here it is never re-stamped."""
    monkeypatch.setattr("accounts.sessions.SEEN_RESOLUTION_S", 10**9)
