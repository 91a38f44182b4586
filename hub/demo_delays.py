"""Demo delays: for open cases past their discharge ready date, the reasons
for delay (from the national list) with owners and next actions, through
the same services as the pages; some days left without a reason, a DRD
moved by the ward and one reset, so the huddle board shows each."""

import datetime

from django.utils import timezone

from cases import services
from cases.delays import delayed_days
from cases.models import DelayReason, DischargeCase
from cases.selectors import case_active_tasks

DAY = datetime.timedelta(days=1)
# The open step -> (reason code, owner, next action)
BY_STEP = {
    "triage": ("spa-confirmation", "Hub coordinators", "Triage the referral today"),
    "risk_screen": (
        "spa-confirmation",
        "Hub coordinators",
        "Screen risk with the ward",
    ),
    "ot_review": ("therapy-decision", "Hub OTs", "OT to see the person on the ward"),
    "pathway": ("therapy-decision", "Hub coordinators", "Agree the pathway at the MDT"),
    "equipment": (
        "equipment-adaptations",
        "Community equipment service",
        "Confirm the delivery slot",
    ),
    "reablement_start": (
        "pathway-1-care-at-home",
        "Hub coordinators",
        "Chase providers for a start date",
    ),
    "placement": ("pathway-2-rehab-bed", "Hub brokerage", "Find a bed and book it"),
    "support_plan": ("transport", "Ward nursing team", "Book hospital transport"),
    "discharge": ("medicines-tto", "Ward pharmacy", "Chase medicines to take home"),
}
EARLIER = ("medical-decision", "Ward medical team", "")


def seed_delays(rng, case: DischargeCase, coordinator) -> None:
    case.refresh_from_db()
    if not case.is_open or delayed_days(case) is None:
        return
    today = timezone.localdate()
    drd = case.referral.discharge_ready_date
    roll = rng.random()
    if roll < 0.04 and drd < today - DAY:
        services.criteria_to_reside_record(
            case=case,
            meets=True,
            actor=coordinator,
            reason="Deteriorated on the ward: new chest infection.",
            source="ward",
        )
        return
    if roll < 0.14:
        drd = drd + DAY
        services.discharge_ready_date_change(
            case=case,
            new_date=drd,
            reason="Was not ready on the day: raised temperature.",
            actor=coordinator,
            source="ward",
        )
        case.refresh_from_db()
        if delayed_days(case) is None:
            return
    first, last = delayed_days(case)
    code, owner, action = _current(case)
    if case.pathway == 3 and code == "pathway-2-rehab-bed":
        code = "pathway-3-care-home"
    start = first
    if (last - first).days >= 2 and rng.random() < 0.25:
        start = first + rng.choice([1, 2]) * DAY  # days left without a reason
    if (last - start).days >= 3 and rng.random() < 0.3:
        _record(case, coordinator, EARLIER, start)
        start = start + 2 * DAY
    due = today + rng.choice([0, 1, 2]) * DAY
    _record(case, coordinator, (code, owner, action), start, due)


def _current(case) -> tuple[str, str, str]:
    for task in case_active_tasks(case):
        name = task.flow_task.name
        if name in BY_STEP:
            return BY_STEP[name]
    return BY_STEP["triage"]


def _record(case, actor, what, start, due=None) -> None:
    code, owner, action = what
    services.delay_reason_record(
        case=case,
        reason=DelayReason.objects.get(code=code),
        from_date=start,
        owner_team=owner,
        actor=actor,
        next_action=action,
        next_action_due=due if action else None,
    )
