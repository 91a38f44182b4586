"""The section 42 stage views: form -> one service -> complete the task.

A task page shows the concern's details, so each time it is drawn is logged.
"""

from django.utils import timezone

from cases.taskviews import FlowTaskView
from cases.workdays import add_working_days

from . import forms, services
from .models import ViewLog
from .selectors import concern_clock, concern_queryset


class ConcernTaskView(FlowTaskView):
    template_name = "safeguarding/task.html"
    success_message = "{title} recorded."
    guidance = ""

    @property
    def concern(self):
        return self.activation.process

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "concern": self.concern}

    def get_context_data(self, **kwargs) -> dict:
        # Logged whenever the page is drawn: opened, or shown again with errors.
        services.concern_view_record(
            concern=self.concern,
            user=self.request.user,
            what=ViewLog.What.TASK,
            detail=str(self.activation.flow_task.task_title),
        )
        context = super().get_context_data(**kwargs)
        # The clock of what is stored: the form's record is linked to the
        # concern in memory (unsaved, or saved by a step that rolled back),
        # and would show the step done and the next clock running.
        stored = concern_queryset().get(pk=self.concern.pk)
        context.update(
            concern=self.concern,
            title=self.activation.flow_task.task_title,
            guidance=self.guidance,
            clocks=concern_clock(stored, timezone.localdate()),
        )
        return context

    def perform(self, form) -> None:
        services.stage_record(
            concern=self.concern, record=form.instance, actor=self.request.user
        )


class ScreeningView(ConcernTaskView):
    form_class = forms.ScreeningForm
    guidance = (
        "Gather what is known, speak to the adult where it is safe to, and "
        "confirm the national coding."
    )

    def perform(self, form) -> None:
        services.screening_record(
            concern=self.concern,
            actor=self.request.user,
            screening=form.instance,
            coding=form.coding,
            risk_types=form.cleaned_data["risk_types"],
        )


class DecisionView(ConcernTaskView):
    form_class = forms.DecisionForm
    guidance = (
        "The section 42 duty applies when all three are met: needs for care and "
        "support; experiencing or at risk of abuse or neglect; unable to protect "
        "themselves because of those needs."
    )


class StrategyView(ConcernTaskView):
    form_class = forms.StrategyForm


class EnquiryView(ConcernTaskView):
    form_class = forms.EnquiryForm


class OutcomeView(ConcernTaskView):
    form_class = forms.OutcomeForm
    guidance = (
        "Where risk remained or was reduced, a safeguarding plan follows; "
        "otherwise the concern goes to closure."
    )


class PlanView(ConcernTaskView):
    form_class = forms.PlanForm

    def get_initial(self) -> dict:
        days = self.concern.policy.review_days
        return {"review_date": add_working_days(timezone.localdate(), days)}


class ReviewView(ConcernTaskView):
    form_class = forms.ReviewForm


class ClosureView(ConcernTaskView):
    form_class = forms.ClosureForm
