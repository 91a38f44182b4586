"""The flows' lock on a process row, and a clear answer when a race is lost.

Viewflow's `SelectForUpdateLock` catches the refused `NOWAIT` inside its own
`atomic` block, so on PostgreSQL its retry runs in an aborted transaction and
the user gets a 500. Here each attempt has its own savepoint, so a refusal
undoes only that attempt; after a short wait the lock gives up with
`ProcessBusy`. The middleware turns that, and a task taken or completed by
someone else a moment earlier, into a 409 page that says what happened; a
take that finds the task already the user's own (a double click) opens it.
"""

import random
import time
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from viewflow.workflow.exceptions import FlowLockFailed

BUSY = (
    "Someone else is working on this record right now. Nothing was changed: "
    "try again in a moment."
)
TAKEN = (
    "Someone else took this task (or completed it) a moment ago. Nothing was changed."
)


class ProcessBusy(FlowLockFailed):
    """Another request holds the process's lock; nothing was changed."""

    def __init__(self, message: str = BUSY):
        super().__init__(message)
        self.message = message


class RowLock:
    """`SELECT … FOR UPDATE NOWAIT` on the process row, held until the
    surrounding transaction ends; SQLite has no row locks, so there it is a
    plain transaction."""

    def __init__(self, attempts: int = 6, pause: float = 0.05):
        self.attempts = attempts
        self.pause = pause

    @contextmanager
    def __call__(self, flow_class, process_pk):
        with transaction.atomic():
            self._acquire(flow_class, process_pk)
            yield

    def _acquire(self, flow_class, process_pk) -> None:
        rows = flow_class.process_class._default_manager.filter(pk=process_pk)
        for attempt in range(self.attempts):
            try:
                with transaction.atomic():  # a refused attempt undoes only itself
                    rows.select_for_update(nowait=True).exists()
                return
            except DatabaseError:
                # 0.05, 0.1, 0.2 … s with jitter: about 2 s in all.
                time.sleep(self.pause * 2**attempt * random.uniform(0.5, 1.5))  # noqa: S311
        raise ProcessBusy()


row_lock = RowLock()


class LockContentionMiddleware:
    """A lost race for a case or concern is a 409 with a message, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, FlowLockFailed):
            return _busy(request, BUSY)
        if isinstance(exception, PermissionDenied) and _taken_by_me(request):
            # A double click or a second window: the first request took it.
            task = request.activation.task
            flow_task = request.activation.flow_task
            return redirect(flow_task.reverse("index", args=[task.process_id, task.pk]))
        if isinstance(exception, PermissionDenied) and _task_lost(request):
            return _busy(request, TAKEN)
        return None


def _taken_by_me(request) -> bool:
    """A take refused because this user's own request took the task a moment ago."""
    task = getattr(getattr(request, "activation", None), "task", None)
    match = request.resolver_match
    if request.method != "POST" or task is None or task.pk is None:
        return False
    if match is None or match.url_name != "assign":
        return False
    task.refresh_from_db()
    return task.owner_id == request.user.pk and task.status == "ASSIGNED"


def _task_lost(request) -> bool:
    """A Viewflow task POST refused because, by the time this request held the
    lock, someone else held or had finished the task this user could see."""
    activation = getattr(request, "activation", None)
    task = getattr(activation, "task", None)
    if request.method != "POST" or task is None or task.pk is None:
        return False
    task.refresh_from_db()
    if task.owner_id in (None, request.user.pk) and task.status in ("NEW", "ASSIGNED"):
        return False
    flow = activation.flow_class.instance
    return flow.has_view_permission(request.user, activation.process)


def _busy(request, message: str):
    return render(
        request,
        "cases/busy.html",
        {"message": message, "back": _back(request)},
        status=409,
    )


def _back(request) -> str:
    process = getattr(getattr(request, "activation", None), "process", None)
    if process is not None and hasattr(process, "get_absolute_url"):
        return process.get_absolute_url()
    referer = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return "/"
