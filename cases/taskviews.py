"""The base every stage's task view builds on, in any flow.

A stage view validates its form, calls one service, completes the Viewflow
task and returns to the record's page. A ValidationError from the service
puts the message next to the field at fault and the whole step rolls back.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.views.generic import FormView


class FlowTaskView(FormView):
    success_message = "{title} done."

    @property
    def activation(self):
        return self.request.activation

    def perform(self, form) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.perform(form)
                self.activation.execute()
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        title = self.activation.flow_task.task_title
        messages.success(self.request, self.success_message.format(title=title))
        return redirect(self.get_success_url())

    def get_success_url(self) -> str:
        return self.activation.process.get_absolute_url()


class CaseTaskView(FlowTaskView):
    """A stage of the discharge flow: the form is given the case."""

    template_name = "cases/task.html"

    @property
    def case(self):
        return self.activation.process

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        kwargs["case"] = self.case
        return kwargs

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["case"] = self.case
        context.update(self.extra_context_data())
        return context

    def extra_context_data(self) -> dict:
        return {}


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
