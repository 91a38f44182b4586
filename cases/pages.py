"""What the case list and the case page show, read in one place."""

from django import forms
from django.db.models import Case, F, IntegerField, Prefetch, QuerySet, Value, When
from django.utils import timezone
from viewflow.workflow.models import Task

from . import roles
from .closing import case_may_close
from .filters import CaseFilter
from .gates import discharge_blockers
from .listing import Column, unindexed
from .models import DischargeCase, Priority
from .rules import MANAGE, WORK
from .selectors import case_active_tasks, case_scope
from .worklist import task_action

DRD = F("referral__discharge_ready_date")
URGENCY = Case(
    *(
        When(priority=priority, then=Value(rank))
        for rank, priority in enumerate((Priority.URGENT, Priority.HIGH))
    ),
    default=Value(2),
    output_field=IntegerField(),
)
# The case table's columns (cases/includes/case_table.html), and how each sorts.
CASE_COLUMNS = (
    Column("case", "Case", ("pk",)),
    Column(
        "person",
        "Person",
        ("referral__person__family_name", "referral__person__given_name"),
    ),
    Column("nhs", "NHS number", ("referral__person__nhs_number",)),
    Column("locality", "Locality", ("locality__name",)),
    Column("priority", "Priority", (URGENCY,)),
    Column("pathway", "Pathway", (F("pathway"),)),
    Column("stage", "Stage"),
    Column("drd", "DRD", (DRD,)),
    Column("delay", "Delay clock"),
)
CASE_DEFAULT_SORT = "drd"  # the longest delayed first


def case_list_filtered(user, params) -> "QuerySet[DischargeCase]":
    """Cases in scope, filtered by the list page's parameters (values that are
    not valid are ignored), most delayed first."""
    return case_filter(user, params).qs


def case_filter(user, params) -> CaseFilter:
    """The list page's filters over the cases in scope: `.qs` gives the cases,
    `.errors` the values that were not valid and so were ignored, `.few`
    whether they are few among many (open ones, or at a stage: see
    cases.listing.unindexed)."""
    few = (params.get("status") or "open") == "open" or bool(params.get("stage"))
    drd = unindexed(DRD) if few else DRD
    cases = case_rows(case_scope(user)).order_by(drd.asc(nulls_last=True), "pk")
    filters = CaseFilter(params, queryset=cases)
    filters.few = few
    return filters


# What a row of the case table (cases/includes/case_table.html) and of its
# CSV (cases.exports) reads of a case. Reading only these, not every column of
# the case, its process, referral, person and staff (the referral's notes, the
# process's data), makes a page of 25 rows cost 5.4 ms to read at 100,000
# cases against 8.8 ms.
CASE_ROW_READS = (
    "priority",
    "pathway",
    "outcome",
    "actual_discharge",
    "locality__name",
    "referral__discharge_ready_date",
    "referral__meets_criteria_to_reside",
    "referral__person__given_name",
    "referral__person__family_name",
    "referral__person__nhs_number",
)


def case_rows(cases: "QuerySet[DischargeCase]") -> "QuerySet[DischargeCase]":
    """Cases with what a row of the case table shows (`CASE_ROW_READS`), open
    tasks prefetched (one query for the page, not one per row)."""
    open_tasks = (
        Task.objects.filter(flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"])
        .only("process_id", "flow_task", "created")
        .order_by("created")
    )
    return (
        cases.select_related(None)
        .select_related("referral__person", "locality")
        .only(*CASE_ROW_READS)
        .prefetch_related(
            Prefetch("task_set", queryset=open_tasks, to_attr="open_tasks")
        )
    )


def case_page_context(case: DischargeCase, user) -> dict:
    tasks = list(case_active_tasks(case))
    return {
        "case": case,
        "person": case.person,
        "referral": case.referral,
        "tasks": [(task, task_action(task, user)) for task in tasks],
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
        "can_close": case.is_open and case_may_close(user, case),
        "staff_for_case": _staff_for_case(case) if user.has_perm(MANAGE) else [],
        "today": timezone.localdate(),
        **delay_context(case, user),
    }


def delay_context(case: DischargeCase, user) -> dict:
    """The case page's "Discharge ready date and delays" panel."""
    from .delay_forms import CriteriaToResideForm, DelayReasonForm, ReadyDateForm
    from .delays import delay_coverage, drd_needed

    coverage = delay_coverage(case)
    first_gap = coverage.gaps[0][0] if coverage.gaps else timezone.localdate()
    return {
        "coverage": coverage,
        "drd_needed": drd_needed(case),
        "drd_changes": case.referral.ready_date_changes.select_related("changed_by"),
        "delay_records": case.delay_records.select_related("reason", "owner"),
        "can_work_delays": case.is_open and user.has_perm(WORK),
        "drd_form": ReadyDateForm(case=case),
        "criteria_form": CriteriaToResideForm(),
        "delay_form": DelayReasonForm(
            case=case,
            initial={"from_date": first_gap, "owner_team": "Hub coordinators"},
        ),
    }


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
