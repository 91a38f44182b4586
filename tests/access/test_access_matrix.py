"""The access matrix, generated from the URL resolver: every URL pattern,
present and future, is requested by every role against another locality's
case, tasks, concern, orders, contacts and allocation.

Those who may not see a record get a redirect to log in, 403, 404, 405, or a
page without it: no response to them holds the person's name, NHS number (in
any format), address, phone, needs, contacts or the concern's words, no PDF,
and no request of theirs (a GET, an empty POST, and a POST with plausible
fields aimed at the records) changes anything. Staff who may see part of the
records (the case but not the concern's details, or the reverse) are tried
with a GET and an empty POST for the part they may not see. Controls: the
same checks must find the records on their readers' pages (CONTROLS), or the
matrix could not see a leak.
"""

import hashlib
import logging
import time

import pytest
from django.contrib.auth.signals import user_logged_out
from django.db import connection, transaction
from django.dispatch import receiver
from django.test import Client
from matrix_urls import Unfillable, url_for, url_patterns
from matrix_world import (
    ACCESS_NOTES,
    BARNABY,
    CASE_ONLY,
    CASE_SECRETS,
    CONCERN_ONLY,
    DESCRIPTION,
    NORTH_RAISED,
    ROSALIND,
    SECRETS,
    TOTP_SECRETS,
    build,
)

from testkit import _pass_second_factor

pytestmark = pytest.mark.django_db

BARNABY_SECRETS = [s for s in CASE_SECRETS if "731 4875" in s or "7314875" in s]
BARNABY_SECRETS += [BARNABY[k] for k in ("family_name", "address_line_1", "phone")]
NOTHING = [*SECRETS, NORTH_RAISED]
ROSALIND_NHS = [
    s
    for s in CASE_SECRETS
    if s.replace(" ", "").replace("-", "") == ROSALIND["nhs_number"].replace(" ", "")
]
# who: (forbidden in any response, tried with POSTs and state checks)
IDENTITIES = {
    "anonymous": (NOTHING, True),
    "norole": (NOTHING, True),
    "admin": (NOTHING, True),
    # staff of Riverside's reablement provider: their own capacity and their
    # offer of Rosalind's start (its calls and area, never her name), no case
    "provider": (NOTHING, True),
    # raised NORTH_RAISED about Rosalind by her NHS number: may know both
    "northcoord": ([s for s in SECRETS if s not in ROSALIND_NHS], True),
    "northot": (NOTHING, True),
    "lead": ([*CASE_ONLY, *BARNABY_SECRETS], False),  # concern details only
    "northlead": (NOTHING, True),  # a lead of another locality: nothing
    "rivercoord": ([*CONCERN_ONLY, NORTH_RAISED], False),  # the case, no details
    "riverot": ([*CONCERN_ONLY, NORTH_RAISED], False),
    "manager": (TOTP_SECRETS, False),  # every case, but no one's authenticator
}
# What each reader must find somewhere (the matrix's own proof that it sees).
CONTROLS = {
    "rivercoord": [
        ROSALIND["family_name"],
        ROSALIND["presenting_needs"],
        ACCESS_NOTES,  # the rota's visit plan
    ],
    "lead": [DESCRIPTION, ROSALIND["family_name"]],
    "manager": [DESCRIPTION, BARNABY["family_name"], ROSALIND["presenting_needs"]],
}
# POSTs not tried, and why; their pages are still requested with GET.
NOT_POSTED = {
    "hub:allocation_run": "runs the solver on the user's own scope by design",
    # tests/figures: refused to those without the figures, queued otherwise
    "hub:mi_pack": "queues a PDF pack of the user's own figures by design",
}
# State tables that change on every request by design.
# The API's audit records every call, refused ones included (api.ApiCall).
UNTRACKED = {"django_session", "api_apicall"}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    url_patterns()  # Viewflow builds its URL namespaces when the URLconf is read
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


READ_IN_FULL: list[str] = []  # requests that wrote, so whose state was read
LOGGED_OUT: list[int] = []  # a logout ends the request as anonymous


@receiver(user_logged_out)
def _logged_out(sender, user, **kwargs):
    LOGGED_OUT.append(user.pk)


@pytest.fixture(scope="module")
def clients(world):
    made = {"anonymous": Client(raise_request_exception=False)}
    made["anonymous"].identity = None
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # 403s, 404s
    for name in IDENTITIES:
        if name != "anonymous":
            made[name] = Client(raise_request_exception=False)
            made[name].force_login(world.users[name])
            # Signed in fully: password and, for the roles that need it, the
            # second factor (tests/accounts checks the sign-in itself).
            _pass_second_factor(made[name], world.users[name])
            made[name].identity = world.users[name].pk
    return made


@pytest.fixture(scope="module")
def urls(world):
    return [(pattern, url_for(pattern, world)) for pattern in url_patterns()]


def test_every_url_pattern_is_filled_from_the_table(world):
    unfilled = []
    for pattern in url_patterns():
        try:
            url_for(pattern, world)
        except Unfillable as error:
            unfilled.append(str(error))
    assert not unfilled, "\n".join(unfilled)


def test_the_change_check_sees_a_write_and_a_rolled_back_one(world):
    """The matrix's proof that its change check sees: a row written moves the
    write count and the state; one rolled back moves the count only."""
    from cases.models import Locality

    state, writes = _state(), _writes()
    with transaction.atomic():
        Locality.objects.create(name="Elsewhere", code="elsewhere")
        assert _writes() != writes and _state() != state
        transaction.set_rollback(True)
    assert _writes() != writes and _state() == state
    admin = world.users["admin"]
    with transaction.atomic():
        type(admin).objects.filter(pk=admin.pk).update(is_superuser=True)
        assert "auth_user rows" in _changed(state, _state())
        transaction.set_rollback(True)


@pytest.mark.parametrize("who", IDENTITIES)
def test_nobody_sees_or_changes_another_localitys_records(who, world, clients, urls):
    forbidden, strict = IDENTITIES[who]
    client, body = clients[who], _plausible_post(world)
    # Every request is rolled back, so the state before each is this one
    # (checked again at the end).
    state = _state() if strict else None
    started, leaks, seen, requests = time.monotonic(), [], set(), 0
    for pattern, url in urls:
        tries = [("GET", None)]
        if forbidden and pattern.name not in NOT_POSTED:
            tries += [("POST", {}), ("POST", body)] if strict else [("POST", {})]
        for method, data in tries:
            requests += 1
            typed = [v for v in (data or {}).values() if isinstance(v, str)]
            shown = [secret for secret in forbidden if secret not in typed]
            found = _request(client, method, url, data, shown, state)
            leaks += [f"{method} {url} ({pattern.name}): {f}" for f in found]
            if method == "GET":
                seen.update(_shown(client.last))
    _report(who, len(urls), requests, time.monotonic() - started)
    READ_IN_FULL.clear()
    assert not leaks, f"{who}: {len(leaks)} leaks:\n" + "\n".join(leaks[:60])
    assert state is None or _state() == state, "a request's change outlived it"
    # Controls: the readers' pages do show the records, so a leak would show.
    assert set(CONTROLS.get(who, ())) <= seen


def _request(client, method, url, data, forbidden, state) -> list[str]:
    """One request, undone afterwards (database and session cookie alike, so
    a logout or a password change does not end the identity's session).
    `state` (strict identities only) is the database's state before it."""
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    with transaction.atomic():
        writes = _writes() if state else None
        response = client.get(url) if method == "GET" else client.post(url, data)
        # Only a request that wrote to a tracked table can have changed the
        # state; one that wrote and rolled its writes back has not.
        after = state
        if state and _writes() != writes:
            after = _state()
            READ_IN_FULL.append(url)
        transaction.set_rollback(True)
    for name in list(client.cookies):
        if name not in cookies:
            del client.cookies[name]
    for name, value in cookies.items():
        client.cookies[name] = value
    client.last = response
    problems = []
    if client.identity not in (response.wsgi_request.user.pk, *LOGGED_OUT):
        problems.append("the request was not made as this identity")
    LOGGED_OUT.clear()
    if response.status_code >= 500:
        problems.append(f"status {response.status_code}")
    text = _text(response)
    problems += [f"shows {secret!r}" for secret in forbidden if secret in text]
    if state and response.status_code == 200 and _is_pdf(response):
        problems.append("a PDF")  # its text is compressed: any PDF is a leak
    if state and after != state:
        problems.append(f"changed {_changed(state, after)}")
    return problems


def _changed(before: dict, after: dict) -> list[str]:
    return [key for key in after if before.get(key) != after[key]]


def _shown(response) -> list[str]:
    text = _text(response)
    return [secret for secret in (*SECRETS, NORTH_RAISED) if secret in text]


def _text(response) -> str:
    location = response.get("Location", "")
    if _is_pdf(response) or getattr(response, "streaming", False):
        return location
    return location + response.content.decode(errors="replace")


def _is_pdf(response) -> bool:
    return response.get("Content-Type", "").startswith("application/pdf")


_TABLES: list[str] = []
DIGESTED = {
    "auth_user": "id, password, is_superuser, is_staff, is_active, username",
    "auth_user_groups": "user_id, group_id",
    "auth_user_user_permissions": "user_id, permission_id",
    "auth_group_permissions": "group_id, permission_id",
    "cases_staff_localities": "staff_id, locality_id",
    "viewflow_task": "id, status, owner_id",
    "viewflow_process": "id, status, finished",
}


def _tables() -> list[str]:
    if not _TABLES:
        names = connection.introspection.table_names()
        _TABLES.extend(name for name in names if name not in UNTRACKED)
    return _TABLES


def _state() -> dict:
    """Row counts of every table, and the rows that change without a new
    history row (accounts, rights, task owners, process status)."""
    counts = " UNION ALL ".join(
        f"SELECT '{name}', COUNT(*) FROM {connection.ops.quote_name(name)}"  # noqa: S608
        for name in _tables()
    )
    with connection.cursor() as cursor:
        cursor.execute(counts)
        state = dict(cursor.fetchall())
        for table, columns in DIGESTED.items():
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2")  # noqa: S608
            rows = repr(cursor.fetchall()).encode()
            state[f"{table} rows"] = hashlib.sha256(rows).hexdigest()
    return state


def _writes() -> int:
    """How many rows this connection has written so far: a cheap sign that a
    request may have changed the state, which only `_state()` then decides.

    PostgreSQL: rows inserted, updated and deleted in the tracked tables by
    this transaction, including those a savepoint then rolled back (the test
    runs in one transaction). SQLite: every row any statement has changed
    (`total_changes`), the untracked tables included, so it errs towards
    reading the state. Neither counts TRUNCATE, which no request issues."""
    if connection.vendor != "postgresql":
        connection.ensure_connection()
        return connection.connection.total_changes
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)"
            " FROM pg_stat_xact_user_tables"
            " WHERE schemaname = current_schema() AND relname = ANY(%s)",
            [_tables()],
        )
        return cursor.fetchone()[0]


def _plausible_post(world) -> dict:
    """Fields many of the hub's forms take, aimed at the other locality's
    records: a form that ignores its permission would act on them."""
    from viewflow.workflow.models import Task

    tasks = Task.objects.filter(
        process__in=[world.case_a, world.case_b, world.concern_a, world.concern_n]
    )
    intruder = world.users["northcoord"]
    return {
        "pk": [task.pk for task in tasks],
        "select_all": "1",
        "_confirm": "1",
        "_cancel_process": "1",
        "reason": "Tampering",
        "text": "Tampering",
        "error_reason": "Tampering",
        "kind": "phone",
        "with_whom": "Tamperer",
        "summary": "Tampering",
        "occurred_at": "2026-01-05T10:00",
        "to_user": intruder.pk,
        "coordinator": intruder.pk,
        "ot": world.users["northot"].pk,
        "lead": world.users["lead"].pk,
        "action": "cancel",
        "item": world.ref.commode.pk,
        "quantity": "1",
        "speed": "standard",
        "user": world.users["rivercoord"].pk,
        "localities": [world.north.pk],
        "job_title": "Tamperer",
        "groups": [g.pk for g in intruder.groups.model.objects.all()],
        "is_superuser": "on",
        "is_staff": "on",
        "is_active": "on",
        "usable_password": "true",
        "password1": "Tamper-proof-9876",
        "password2": "Tamper-proof-9876",
        "new_password1": "Tamper-proof-9876",
        "new_password2": "Tamper-proof-9876",
        "nhs_number": ROSALIND["nhs_number"],
        "q": ROSALIND["nhs_number"],
    }


def _report(who: str, patterns: int, requests: int, seconds: float) -> None:
    print(  # noqa: T201 - the matrix's size is part of the test's result
        f"\naccess matrix, {who}: {patterns} URL patterns, {requests} requests"
        f" in {seconds:.1f} s ({patterns} x {len(IDENTITIES)} identities in all);"
        f" {len(READ_IN_FULL)} wrote, so the whole state was compared"
    )
