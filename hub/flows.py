"""The discharge flow: referral to discharge home, as drawn in DESIGN §4.

Each stage's view comes from the app that owns it; the predicates are
properties of the case's stage records. The flow lives in `hub`, the
composition, so `cases` never imports the stage apps.
"""

from viewflow import this
from viewflow.workflow import flow

from cases import views
from cases.locking import row_lock
from cases.models import DischargeCase, Pathway
from cases.rules import REVIEW, WORK
from cases.scoping import CaseTask, HubActionsOnlyMixin, ScopedFlowMixin
from equipment.views import EquipmentTaskView
from pathways.views import PathwayDecisionView, PlacementView, ReablementStartView
from triage.views import OTReviewView, RiskScreenView, TriageView

BED_PATHWAYS = (Pathway.BED_BASED, Pathway.CARE_HOME)


class DischargeFlow(HubActionsOnlyMixin, ScopedFlowMixin, flow.Flow):
    """Hospital discharge

    A referral from the ward, through triage, risk screen, OT review, pathway,
    equipment and reablement, to a confirmed discharge home.
    """

    process_class = DischargeCase
    lock_impl = row_lock
    process_summary_template = (
        "{{ process.reference }} {{ process.referral.person.full_name }}"
    )
    summary_related = ("referral__person",)

    start = (
        flow.Start(views.ReferralStartView.as_view())
        .Annotation(title="New referral")
        .Permission(auto_create=True)
        .Next(this.triage)
    )
    triage = (
        CaseTask(TriageView.as_view())
        .Annotation(title="Triage")
        .Permission(WORK)
        .Next(this.is_accepted)
    )
    is_accepted = (
        flow.If(lambda activation: activation.process.triage.accepted)
        .Then(this.risk_screen)
        .Else(this.not_accepted)
    )
    risk_screen = (
        CaseTask(RiskScreenView.as_view())
        .Annotation(title="Risk screen")
        .Permission(WORK)
        .Next(this.needs_ot_review)
    )
    needs_ot_review = (
        flow.If(lambda activation: activation.process.flagged_for_ot)
        .Then(this.ot_review)
        .Else(this.pathway)
    )
    ot_review = (
        CaseTask(OTReviewView.as_view())
        .Annotation(title="OT review")
        .Permission(REVIEW)
        .Next(this.pathway)
    )
    pathway = (
        CaseTask(PathwayDecisionView.as_view())
        .Annotation(title="Pathway decision")
        .Permission(WORK)
        .Next(this.arrange)
    )
    arrange = flow.Split().Next(this.equipment).Next(this.arrangement)
    equipment = (
        CaseTask(EquipmentTaskView.as_view())
        .Annotation(title="Equipment")
        .Permission(WORK)
        .Next(this.arranged)
    )
    arrangement = (
        flow.Switch()
        .Case(this.reablement_start, lambda a: a.process.pathway == Pathway.REABLEMENT)
        .Case(this.placement, lambda a: a.process.pathway in BED_PATHWAYS)
        .Default(this.arranged)
    )
    reablement_start = (
        CaseTask(ReablementStartView.as_view())
        .Annotation(title="Reablement start")
        .Permission(WORK)
        .Next(this.arranged)
    )
    placement = (
        CaseTask(PlacementView.as_view())
        .Annotation(title="Placement")
        .Permission(WORK)
        .Next(this.arranged)
    )
    arranged = flow.Join().Next(this.support_plan)
    support_plan = (
        CaseTask(views.SupportPlanView.as_view())
        .Annotation(title="Support plan")
        .Permission(WORK)
        .Next(this.discharge)
    )
    discharge = (
        CaseTask(views.DischargeView.as_view())
        .Annotation(title="Confirm discharge")
        .Permission(WORK)
        .Next(this.discharged)
    )
    discharged = flow.End()
    not_accepted = flow.End()


def human_steps(flow_class) -> list[tuple[str, str]]:
    """The flow's human steps in the order they are drawn, as (node, title)."""
    return [
        (name, str(node.task_title))
        for name, node in vars(flow_class).items()
        if isinstance(node, flow.View)
    ]
