"""What the case list and the case page show, read in one place."""

from urllib.parse import quote

from django import forms
from django.db.models import Prefetch
from django.utils import timezone
from viewflow.workflow.models import Task

from . import roles
from .gates import discharge_blockers
from .models import DischargeCase
from .rules import MANAGE
from .selectors import case_active_tasks, case_scope


def case_list_filtered(user, params) -> "list[DischargeCase]":
    """Cases in scope, filtered by the list page's parameters, most delayed first."""
    cases = case_scope(user).order_by("referral__discharge_ready_date", "created")
    status = params.get("status", "open")
    if status == "open":
        cases = cases.filter(outcome=DischargeCase.Outcome.OPEN)
    elif status == "closed":
        cases = cases.exclude(outcome=DischargeCase.Outcome.OPEN)
    if params.get("locality"):
        cases = cases.filter(locality__code=params["locality"])
    if params.get("pathway", "") != "":
        cases = cases.filter(pathway=params["pathway"])
    if params.get("priority"):
        cases = cases.filter(priority=params["priority"])
    if params.get("delayed") == "1":
        cases = cases.filter(referral__discharge_ready_date__lt=timezone.localdate())
    if params.get("stage"):
        cases = cases.filter(
            task__flow_task_type="HUMAN",
            task__status__in=["NEW", "ASSIGNED"],
            task__flow_task__endswith="." + params["stage"],
        )
    open_tasks = Task.objects.filter(
        flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"]
    ).order_by("created")
    return cases.distinct().prefetch_related(
        Prefetch("task_set", queryset=open_tasks, to_attr="open_tasks")
    )


def case_stage(case: DischargeCase) -> str:
    tasks = list(case_active_tasks(case))
    if tasks:
        return " + ".join(task.flow_task.task_title for task in tasks)
    return case.get_outcome_display()


def case_page_context(case: DischargeCase, user) -> dict:
    tasks = list(case_active_tasks(case))
    return {
        "case": case,
        "person": case.person,
        "referral": case.referral,
        "tasks": [(task, _task_action(task, user)) for task in tasks],
        "triage": getattr(case, "triage", None),
        "risk_screen": getattr(case, "risk_screen", None),
        "ot_review": getattr(case, "ot_review", None),
        "pathway_decision": getattr(case, "pathway_decision", None),
        "orders": case.equipment_orders.select_related("item"),
        "reablement_start": getattr(case, "reablement_start", None),
        "placement": getattr(case, "placement", None),
        "support_plan": getattr(case, "support_plan", None),
        "discharge": getattr(case, "discharge", None),
        "contacts": case.contacts.select_related("author"),
        "blockers": discharge_blockers(case) if case.is_open else [],
        "staff_for_case": _staff_for_case(case) if user.has_perm(MANAGE) else [],
        "today": timezone.localdate(),
    }


def _task_action(task: Task, user) -> tuple[str, str] | None:
    """The button a user sees for a task: do it, take it, or nothing."""
    node = task.flow_task
    if node.can_execute(user, task):
        return ("Open", node.reverse("execute", args=[task.process_id, task.pk]))
    if node.can_assign(user, task):
        execute = node.reverse("execute", args=[task.process_id, task.pk])
        assign = node.reverse("assign", args=[task.process_id, task.pk])
        return ("Take", f"{assign}?back={quote(execute)}")
    return None


class ReassignForm(forms.Form):
    coordinator = forms.ModelChoiceField(queryset=None, required=False)
    ot = forms.ModelChoiceField(queryset=None, required=False, label="OT")

    def __init__(self, *args, case: DischargeCase, **kwargs):
        kwargs.setdefault("initial", {"coordinator": case.coordinator, "ot": case.ot})
        super().__init__(*args, **kwargs)
        coordinators = roles.users_with_role(roles.COORDINATOR)
        self.fields["coordinator"].queryset = coordinators.filter(
            staff__localities=case.locality
        )
        self.fields["ot"].queryset = roles.users_with_role(roles.OT)


def _staff_for_case(case: DischargeCase):
    """Coordinators and OTs of the case's locality, for a manager's reassign."""
    staff = roles.users_with_role(roles.COORDINATOR, roles.OT, roles.MANAGER)
    return staff.filter(staff__localities=case.locality)
