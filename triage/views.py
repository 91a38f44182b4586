from cases.models import Pathway
from cases.taskviews import CaseTaskView
from pathways.rules import pathway_recommend

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

    def get_initial(self) -> dict:
        return {"lives_alone": self.case.person.lives_alone}

    def extra_context_data(self) -> dict:
        return {"rules": RULES}

    def perform(self, form) -> None:
        services.risk_screen_record(
            case=self.case, actor=self.request.user, screen=form.instance
        )


class OTReviewView(CaseTaskView):
    """The OT sees the system's recommendation and its reasons, pre-selected."""

    form_class = OTReviewForm
    template_name = "triage/ot_review_task.html"

    def get_initial(self) -> dict:
        return {"recommended_pathway": pathway_recommend(self.case)[0]}

    def extra_context_data(self) -> dict:
        pathway, reasons = pathway_recommend(self.case)
        return {"recommended": Pathway(pathway), "reasons": reasons}

    def perform(self, form) -> None:
        services.ot_review_record(
            case=self.case,
            actor=self.request.user,
            review=form.instance,
            prescribed_items=form.cleaned_data["prescribed_items"],
        )
