"""Every URL pattern the resolver knows, with its arguments filled in.

`url_patterns()` walks the URLconf (Viewflow's nested namespaces and the
admin included). `url_for()` fills each argument from the tables below; an
argument no table knows is an error that names the URL, so a new page cannot
join the hub without saying which record the access matrix tries it with.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

ROUTE_ARG = re.compile(r"<(?:\w+:)?(\w+)>")
NAMED_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
GROUP = re.compile(r"\((?!\?)[^)]*\)")


@dataclass(frozen=True)
class Pattern:
    name: str  # namespaced; "?" when the pattern has none
    parts: tuple  # the resolver chain's patterns, outermost first

    @property
    def route(self) -> str:
        return "".join(str(part) for part in self.parts)

    def __str__(self) -> str:
        return f"{self.name} /{self.route}"


class Unfillable(LookupError):
    pass


def url_patterns() -> list[Pattern]:
    def walk(patterns, parts=(), namespaces=()):
        for entry in patterns:
            chain = (*parts, entry.pattern)
            if isinstance(entry, URLResolver):
                spaces = (
                    (*namespaces, entry.namespace) if entry.namespace else namespaces
                )
                yield from walk(entry.url_patterns, chain, spaces)
            elif isinstance(entry, URLPattern):
                yield Pattern(":".join((*namespaces, entry.name or "?")), chain)

    return list(walk(get_resolver().url_patterns))


def url_for(pattern: Pattern, world) -> str:
    """The pattern as a path, each argument filled for `world`'s records."""
    path = ""
    for part in pattern.parts:
        if isinstance(part, RegexPattern):
            text = part._regex.lstrip("^").rstrip("$")
            text = NAMED_GROUP.sub(lambda m: _fill(pattern, m[1], world), text)
            positions = iter(range(10))
            text = GROUP.sub(
                lambda m, n=positions: _fill(pattern, f"arg{next(n)}", world), text
            )
            path += text
        else:
            path += ROUTE_ARG.sub(lambda m: _fill(pattern, m[1], world), str(part))
    return "/" + path


def _fill(pattern: Pattern, arg: str, world) -> str:
    by_name = BY_NAME.get(pattern.name, {})
    if arg in by_name:
        return str(by_name[arg](world))
    for family in (_flow_arg, _admin_arg):
        value = family(pattern, arg, world)
        if value is not None:
            return str(value)
    raise Unfillable(
        f"{pattern}: no filler for <{arg}>. Add one to BY_NAME in "
        "tests/access/matrix_urls.py, naming the other locality's record it should "
        "be tried with, so the access matrix covers this page."
    )


def _open_task(process):
    from viewflow.workflow.models import Task

    return (
        Task.objects.filter(process=process, flow_task_type="HUMAN")
        .exclude(status__in=["DONE", "CANCELED"])
        .order_by("pk")
        .first()
    )


def _manager(w):
    return w.users["manager"].pk


BY_NAME = {
    **{
        f"hub:{name}": {"pk": lambda w: w.case_a.pk}
        for name in (
            "case_detail",
            "case_timeline",
            "case_timeline_pdf",
            "contact_add",
            "case_reassign",
            "case_close",
            "order_add",
            "start_cancel",
            "start_answer",
            "start_rebook",
            "placement_answer",
            "placement_cancel",
            "placement_rebook",
            "ready_date_change",
            "criteria_to_reside",
            "delay_reason_add",
        )
    },
    "hub:delay_action": {
        "pk": lambda w: w.case_a.pk,
        "record_pk": lambda w: w.delay.pk,
    },
    "hub:support_plan_pdf": {"pk": lambda w: w.case_b.pk},
    **{
        f"api:{name}": {"pk": lambda w: w.case_a.pk}
        for name in (
            "referral",
            "referral_drd",
            "referral_ctr",
            "referral_withdraw",
        )
    },
    "hub:contact_error": {
        "pk": lambda w: w.case_a.pk,
        "contact_pk": lambda w: w.contact.pk,
    },
    "hub:task_reassign": {
        "pk": lambda w: w.case_a.pk,
        "task_pk": lambda w: _open_task(w.case_a).pk,
    },
    "hub:order_status": {"pk": lambda w: w.case_a.pk, "order_pk": lambda w: w.order.pk},
    "hub:allocation_run_detail": {"pk": lambda w: w.run.pk},
    "hub:allocation_what_if_result": {"pk": lambda w: w.what_if.pk},
    **{
        f"hub:{name}": {"pk": lambda w: w.export.pk}
        for name in (
            "background_run",
            "background_run_status",
            "background_run_download",
            # another's finished background run (not a simulation, not theirs)
            "simulation_result",
        )
    },
    "hub:allocation_accept_all": {"pk": lambda w: w.run.pk},
    "hub:proposal_accept": {"pk": lambda w: w.proposal.pk},
    "hub:proposal_reject": {"pk": lambda w: w.proposal.pk},
    "provider:offer": {"pk": lambda w: w.offer.pk},
    # The world has no bed offer: tried with the start's number, which names no
    # bed offer of anyone's (tests/providers/test_bed_vacancies.py tries one).
    "provider:bed_offer": {"pk": lambda w: w.offer.pk},
    **{
        f"safeguarding:{name}": {"pk": lambda w: w.concern_a.pk}
        for name in (
            "concern_detail",
            "concern_timeline",
            "concern_timeline_pdf",
            "note_add",
            "close_early",
            "pause",
            "resume",
            "advocacy",
            "trust",
            "sar_add",
            "identity",
            "adult",
        )
    },
    "safeguarding:sar_edit": {
        "pk": lambda w: w.concern_a.pk,
        "review_pk": lambda w: w.adults_review.pk,
    },
    "safeguarding:task_reassign": {
        "pk": lambda w: w.concern_a.pk,
        "task_pk": lambda w: _open_task(w.concern_a).pk,
    },
    **{
        f"rota:{name}": {"pk": lambda w, attr=attr: getattr(w.rota, attr).pk}
        for name, attr in (
            ("board", "team"),
            ("plan_day", "team"),
            ("sickness", "team"),
            ("publish", "team"),
            ("absences", "team"),
            ("timesheets", "team"),
            ("timesheets_csv", "team"),
            ("absence_cancel", "absence"),
            ("day_sheet", "assistant"),
            ("reassign", "visit"),
            ("record", "visit"),
            ("plan", "plan"),
            ("call_add", "plan"),
            ("call", "call"),
            ("sign_off", "sheet"),
        )
    },
    **{
        f"episodes:{name}": {"pk": lambda w: w.episode.pk}
        for name in ("episode", "readmission", "resume")
    },
    "password_reset_confirm": {"uidb64": lambda w: "Mg", "token": lambda w: "x-y"},
    "admin:auth_user_password_change": {"id": _manager},
    "admin:view_on_site": {
        "content_type_id": lambda w: (
            ContentType.objects.get_for_model(w.case_a.person).pk
        ),
        "object_id": lambda w: w.case_a.person.pk,
    },
    "admin:app_list": {"app_label": lambda w: "cases"},
    "admin:otp_totp_totpdevice_config": {"pk": lambda w: w.totp.pk},
    "admin:otp_totp_totpdevice_qrcode": {"pk": lambda w: w.totp.pk},
    "admin:?": {"url": lambda w: "cases/nothing/"},
}


def _flow_arg(pattern: Pattern, arg: str, world):
    """Viewflow's URLs: the other locality's process, and its task at the
    URL's node (or any of its tasks where that node was never reached)."""
    flow, *rest = pattern.name.split(":")
    processes = {
        "discharge": [world.case_a, world.case_b],
        "section42": [world.concern_a, world.concern_n],
        "reablement": [world.episode],
    }.get(flow)
    if processes is None or arg not in ("process_pk", "task_pk"):
        return None
    task = _task_at(processes, rest[0] if len(rest) == 2 else None)
    return task.process_id if arg == "process_pk" else task.pk


def _task_at(processes, node_name):
    from viewflow.workflow.models import Task

    tasks = Task.objects.filter(process__in=processes).order_by("pk")
    at_node = [t for t in tasks if node_name and t.flow_task.name == node_name]
    return (at_node or list(tasks.filter(process=processes[0])))[0]


def _admin_arg(pattern: Pattern, arg: str, world):
    """The admin's model pages: the record of that model the matrix targets
    (the other locality's person, case, task; a manager's account; a
    coordinator's localities), else the model's first row."""
    match = re.match(r"admin/(\w+)/(\w+)/", pattern.route)
    if not pattern.name.startswith("admin:") or match is None:
        return None
    model = apps.get_model(match[1], match[2])
    target = _admin_target(model, world)
    if arg in ("object_id", "arg0"):
        return target.pk
    if arg == "arg1":  # simple-history's history_id (0: a row with none)
        record = target.history.order_by("pk").first()
        return record.pk if record else 0
    return None


def _admin_target(model, world):
    label = model._meta.label_lower
    targets = {
        "cases.person": lambda: world.case_a.person,
        "viewflow.process": lambda: world.case_a,
        "viewflow.task": lambda: _open_task(world.case_a),
        "auth.user": lambda: world.users["manager"],
        "cases.staff": lambda: world.users["rivercoord"].staff,
        "auth.group": lambda: model.objects.get(name="manager"),
    }
    target = targets.get(label, lambda: model.objects.order_by("pk").first())()
    if target is None:
        raise Unfillable(
            f"admin: no {label} in the access world (tests/access/matrix_world.py)"
        )
    return target
