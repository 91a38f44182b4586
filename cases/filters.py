"""The case list's filters. A value that is not one of the choices is
ignored and reported on the page, never passed to the database."""

import django_filters as filters
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef
from django.utils import timezone
from viewflow.workflow.models import Task

from .models import DischargeCase, Pathway, Priority

STATUS_CHOICES = [("open", "Open"), ("closed", "Closed"), ("all", "All")]


class CaseFilter(filters.FilterSet):
    status = filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method="filter_status"
    )
    locality = filters.CharFilter(label="Locality", field_name="locality__code")
    pathway = filters.ChoiceFilter(label="Pathway", choices=Pathway.choices)
    priority = filters.ChoiceFilter(label="Priority", choices=Priority.choices)
    delayed = filters.ChoiceFilter(
        label="Delayed only", choices=[("1", "Delayed only")], method="filter_delayed"
    )
    # A flow node's name; an unknown one matches no case.
    stage = filters.CharFilter(
        label="Stage",
        method="filter_stage",
        validators=[RegexValidator(r"^[a-z_]{1,60}$", "Not a stage.")],
    )

    class Meta:
        model = DischargeCase
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        if not (data or {}).get("status"):  # the list opens on open cases
            data = data.copy() if data is not None else {}
            data["status"] = "open"
        super().__init__(data, *args, **kwargs)

    def filter_status(self, cases, name, value):
        if value == "open":
            return cases.filter(outcome=DischargeCase.Outcome.OPEN)
        if value == "closed":
            return cases.exclude(outcome=DischargeCase.Outcome.OPEN)
        return cases

    def filter_delayed(self, cases, name, value):
        return cases.filter(referral__discharge_ready_date__lt=timezone.localdate())

    def filter_stage(self, cases, name, value):
        # Exists, not a join: a join repeats a case per task (and then needs
        # a DISTINCT over every column of the rows).
        waiting = Task.objects.filter(
            process_id=OuterRef("pk"),
            flow_task_type="HUMAN",
            status__in=["NEW", "ASSIGNED"],
            flow_task__endswith="." + value,
        )
        return cases.filter(Exists(waiting))
