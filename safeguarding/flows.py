"""The section 42 flow: a safeguarding concern from screening to closure.

Screening -> decision (the three-part s42 test) -> s42 enquiry: strategy
discussion (or the record that none is needed, with a reason) -> enquiry;
other enquiry: enquiry; no enquiry: closure -> outcome -> safeguarding plan
where risk remains, and plan reviews, again and again, until a review finds
the risk managed -> closure. A concern can also be closed early at any stage
(services.concern_close_early). The police-investigation pause, advocacy and
position-of-trust referrals and Safeguarding Adults Reviews sit beside the
flow (services), not in it: they happen at any stage.

Tasks go to the safeguarding leads' queue; once a lead takes the screening,
each later task is assigned to whoever did the step before it, and managers
can reassign any task.
"""

from viewflow import this
from viewflow.workflow import flow

from cases.locking import row_lock
from cases.scoping import CaseTask, HubActionsOnlyMixin, ScopedFlowMixin

from . import selectors, taskviews
from .codes import Route
from .models import Concern
from .rules import VIEW, WORK
from .services import concern_open


def lead_task(view, title: str, *, continuing: bool = True) -> flow.View:
    node = CaseTask(view.as_view()).Annotation(title=title).Permission(WORK)
    return node.Assign(this.continuing_lead) if continuing else node


class Section42Flow(HubActionsOnlyMixin, ScopedFlowMixin, flow.Flow):
    """Safeguarding concern

    The local section 42 procedure, on the clock in working days.
    """

    app_permission = view_permission = VIEW
    process_scope_q = staticmethod(selectors.concern_scope_q)

    process_class = Concern
    lock_impl = row_lock
    process_summary_template = "{{ process.reference }} {{ process.person.full_name }}"
    summary_related = ("person",)

    start = flow.StartHandle(this.open_concern).Next(this.screening)
    screening = lead_task(taskviews.ScreeningView, "Screening", continuing=False).Next(
        this.decision
    )
    decision = lead_task(taskviews.DecisionView, "Section 42 decision").Next(this.route)
    route = (
        flow.Switch()
        .Case(this.strategy, lambda a: a.process.decision.route == Route.S42)
        .Case(this.enquiry, lambda a: a.process.decision.route == Route.OTHER)
        .Default(this.closure)
    )
    strategy = lead_task(taskviews.StrategyView, "Strategy discussion").Next(
        this.enquiry
    )
    enquiry = lead_task(taskviews.EnquiryView, "Enquiry").Next(this.outcome)
    outcome = lead_task(taskviews.OutcomeView, "Outcome").Next(this.risk_remains)
    risk_remains = (
        flow.If(lambda a: a.process.outcome.risk_remains)
        .Then(this.plan)
        .Else(this.closure)
    )
    plan = lead_task(taskviews.PlanView, "Safeguarding plan").Next(this.review)
    review = lead_task(taskviews.ReviewView, "Plan review").Next(this.risk_managed)
    risk_managed = (
        flow.If(lambda a: selectors.last_review(a.process).risk_managed)
        .Then(this.closure)
        .Else(this.review)
    )
    closure = lead_task(taskviews.ClosureView, "Closure").Next(this.end)
    end = flow.End()

    def open_concern(self, activation, *, fields: dict, actor) -> Concern:
        return concern_open(activation.process, fields=fields, actor=actor)

    def continuing_lead(self, activation):
        """Whoever completed the previous step, if they still work the tasks."""
        last = (
            activation.process.task_set.filter(flow_task_type="HUMAN", status="DONE")
            .exclude(owner=None)
            .select_related("owner")
            .order_by("-finished")
            .first()
        )
        if last and last.owner.is_active and last.owner.has_perm(WORK):
            return last.owner
        return None
