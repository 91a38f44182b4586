"""The dashboard's filters. A value that is not valid is ignored and
reported on the page, never passed to the database."""

import django_filters as filters
from django.core.validators import RegexValidator
from viewflow.workflow.models import Task

from .codes import RiskType
from .models import Concern
from .timescales import STATUS_LABELS


class ConcernFilter(filters.FilterSet):
    locality = filters.CharFilter(label="Locality", field_name="person__locality__code")
    risk_type = filters.ChoiceFilter(
        label="Type of risk", choices=RiskType.choices, method="filter_risk_type"
    )
    # "queue" (no lead yet) or a lead's user id.
    lead = filters.CharFilter(
        label="Lead",
        method="filter_lead",
        validators=[RegexValidator(r"^(queue|[0-9]{1,12})$", "Not a lead.")],
    )
    # Applied to the rows after the clocks are worked out (dashboard.py).
    status = filters.ChoiceFilter(
        label="Status", choices=list(STATUS_LABELS.items()), method="filter_nothing"
    )

    class Meta:
        model = Concern
        fields: list[str] = []

    def filter_risk_type(self, concerns, name, value):
        tagged = Concern.risk_types.through.objects.filter(risktypecode__code=value)
        return concerns.filter(pk__in=tagged.values("concern_id"))

    def filter_lead(self, concerns, name, value):
        held = Task.objects.filter(status="ASSIGNED", flow_task_type="HUMAN")
        if value == "queue":
            return concerns.exclude(pk__in=held.values("process_id"))
        mine = held.filter(owner_id=int(value))
        return concerns.filter(pk__in=mine.values("process_id"))

    def filter_nothing(self, concerns, name, value):
        return concerns

    @property
    def status_wanted(self) -> str:
        """The status to show, if one valid was asked for."""
        self.is_valid()
        return self.form.cleaned_data.get("status") or ""
