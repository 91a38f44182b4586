from cases.taskviews import CaseTaskView

from . import services
from .forms import OTReviewForm, RiskScreenForm, TriageForm
from .rules import RULES


class TriageView(CaseTaskView):
    form_class = TriageForm

    def perform(self, form) -> None:
        services.triage_record(
            case=self.case, actor=self.request.user, **form.cleaned_data
        )


class RiskScreenView(CaseTaskView):
    form_class = RiskScreenForm
    template_name = "triage/risk_screen_task.html"

    def extra_context_data(self) -> dict:
        return {"rules": RULES}

    def perform(self, form) -> None:
        services.risk_screen_record(
            case=self.case, actor=self.request.user, screen=form.instance
        )


class OTReviewView(CaseTaskView):
    form_class = OTReviewForm

    def get_form_kwargs(self):
        from pathways.rules import pathway_recommend

        kwargs = super().get_form_kwargs()
        kwargs["system_pathway"] = pathway_recommend(self.case)[0]
        return kwargs

    def extra_context_data(self) -> dict:
        from pathways.rules import pathway_recommend

        return {"recommendation": pathway_recommend(self.case)}

    def perform(self, form) -> None:
        services.ot_review_record(
            case=self.case,
            actor=self.request.user,
            review=form.instance,
            prescribed_items=form.cleaned_data["prescribed_items"],
        )
