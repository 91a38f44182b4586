"""Demo safeguarding data: one lead per locality and a few dozen concerns at
every stage of the section 42 flow, driven through the real flow and
services with backdated times, so some are overdue and some stages breached.
"""

import datetime
import random

from django.utils import timezone
from viewflow.workflow.models import Task

from cases.models import DischargeCase, Person
from cases.roles import SAFEGUARDING_LEAD
from cases.workdays import add_working_days, next_working_day
from safeguarding import models, services
from safeguarding.codes import (
    ActionResult,
    CapacitySupport,
    MspAsked,
    RiskLocation,
    RiskSource,
    RiskType,
)
from safeguarding.driver import screening_complete, stage_complete

from .demo import _staff

# (where the concern is now, how many, the steps done to get there)
PLAN = [
    ("screening", 6, []),
    ("decision", 5, ["screening"]),
    ("strategy", 5, ["screening", "s42"]),
    ("enquiry", 5, ["screening", "s42", "strategy"]),
    ("enquiry", 2, ["screening", "other"]),
    ("outcome", 3, ["screening", "s42", "strategy", "enquiry"]),
    ("plan", 3, ["screening", "s42", "strategy", "enquiry", "risk_remains"]),
    ("review", 3, ["screening", "s42", "strategy", "enquiry", "risk_remains", "plan"]),
    ("closed", 3, ["screening", "s42", "strategy", "enquiry", "risk_gone", "closure"]),
    ("closed", 2, ["screening", "other", "enquiry", "no_risk", "closure"]),
    ("closed", 2, ["screening", "none", "closure"]),
    ("closed early", 2, ["screening", "s42", "early"]),
]
# How long ago each concern was received, in days, by where it is now.
AGE = {
    "screening": (0, 6),
    "decision": (1, 9),
    "strategy": (3, 16),
    "enquiry": (10, 45),
    "outcome": (30, 50),
    "plan": (32, 55),
    "review": (45, 80),
    "closed": (25, 120),
    "closed early": (5, 30),
}
DESCRIPTIONS = [
    "Neighbour reports shouting and the person has unexplained bruising.",
    "Son collects the pension; there is no food in the house and bills unpaid.",
    "Carers missed three calls this week; pressure sore found on the heel.",
    "Person says a new 'friend' has moved in and is taking money.",
    "Ward noted the person is frightened of going home to their partner.",
    "Home is cluttered and unsafe; person refusing all help, not eating.",
    "Care home staff observed rough handling during a transfer.",
]


def seed_safeguarding(rng: random.Random, reference: dict) -> int:
    """Leads always (added to the printed logins); concerns only once."""
    leads = {}
    for code, locality in reference["localities"].items():
        leads[code] = _staff(
            f"lead.{code}",
            SAFEGUARDING_LEAD,
            "Safeguarding lead",
            [locality],
            first=f"{locality.name} Safeguarding-Lead",
        )
        reference["users"][(SAFEGUARDING_LEAD, code)] = leads[code]
    if models.Concern.objects.exists():
        return 0
    people = _people(rng)
    count = 0
    for stage, how_many, steps in PLAN:
        for _ in range(how_many):
            person, case = people.pop(0)
            raiser = reference["users"][("coordinator", person.locality.code)]
            _concern(
                rng, person, case, raiser, leads[person.locality.code], stage, steps
            )
            count += 1
    count += _procedures(rng, leads, reference)
    return count


def _procedures(rng, leads, reference) -> int:
    """Show issue 13's procedures: the adults' SAC categories, urgent and
    immediate concerns, a police pause, an advocate, a position-of-trust
    referral, a Safeguarding Adults Review, and a concern from the public
    with no NHS number (identity not confirmed)."""
    from cases.demographics import Ethnicity, Sex, SupportReason

    concerns = list(models.Concern.objects.select_related("person").order_by("pk"))
    for person in {c.person for c in concerns}:
        services.demographics_update(
            person=person,
            actor=None,
            sex=rng.choice(Sex.values),
            ethnicity=rng.choice(Ethnicity.values),
            primary_support_reason=rng.choice(SupportReason.values),
        )
    open_ones = [c for c in concerns if c.is_open]
    for concern, urgency in zip(
        open_ones[:6], ["urgent", "immediate"] * 3, strict=False
    ):
        models.Concern.objects.filter(pk=concern.pk).update(urgency=urgency)
    today = timezone.localdate()
    enquiring = [c for c in open_ones if open_task_named(c, "enquiry")]
    if enquiring:
        lead = leads[enquiring[0].person.locality.code]
        services.clock_pause(
            concern=enquiring[0],
            actor=lead,
            paused_on=today - datetime.timedelta(days=3),
            reason="Police investigating a theft: asked us not to interview the "
            "son until they have (ref. NF/2026/0413).",
        )
    first = concerns[0]
    lead = leads[first.person.locality.code]
    services.advocacy_refer(
        concern=first,
        actor=lead,
        referred_on=today,
        organisation="Northshire Independent Advocacy",
        substantial_difficulty=True,
        no_appropriate_person=True,
        notes="Struggles to retain information; no family involved.",
    )
    services.trust_refer(
        concern=first,
        actor=lead,
        referred_on=today,
        role="Home care worker",
        employer="Brightcare Homecare (fictional)",
        referred_to="The employer and the council's position-of-trust lead",
    )
    services.adults_review_record(
        concern=concerns[-1],
        actor=lead,
        basis="serious",
        started_on=today - datetime.timedelta(days=20),
        risk_types=["neglect"],
        notes="Board agreed a review: agencies missed repeated missed calls.",
    )
    from cases.models import Locality

    locality = Locality.objects.order_by("pk").first()
    stranger = services.person_add(
        actor=None,
        given_name="Winifred",
        family_name="Unconfirmed",
        address_line_1="3 Quarry Row",
        town=locality.name,
        postcode=f"{locality.district_list()[0]} 3BD",
        locality=locality,
    )
    services.concern_raise(
        actor=reference["users"][("coordinator", locality.code)],
        person=stranger,
        raised_from="standalone",
        risk_types=["physical"],
        received_via="phone",
        urgency="immediate",
        reported_by="A neighbour (member of the public)",
        description="Caller says her neighbour is locked in at night.",
    )
    return 1


def open_task_named(concern, node: str) -> bool:
    return Task.objects.filter(
        process=concern, flow_task__endswith=f".{node}", status__in=("NEW", "ASSIGNED")
    ).exists()


def _people(rng) -> list[tuple[Person, DischargeCase | None]]:
    """Adults whose risk screen flagged safeguarding (leaving two to show the
    prompt), others in discharge cases, and four known to no case."""
    flagged = list(DischargeCase.objects.filter(safeguarding_indicator=True))
    others = list(DischargeCase.objects.filter(safeguarding_indicator=False))
    rng.shuffle(flagged)
    rng.shuffle(others)
    needed = sum(how_many for _, how_many, _ in PLAN) - 4
    cases = flagged[: max(len(flagged) - 2, 0)]
    cases += others[: needed - len(cases)]
    chosen = [(case.person, case) for case in cases]
    chosen += [(_standalone_person(rng, index), None) for index in range(4)]
    rng.shuffle(chosen)
    return chosen


def _standalone_person(rng, index: int) -> Person:
    from cases.models import Locality

    from .demo import FAMILY, GIVEN, STREETS, demo_nhs_number

    locality = list(Locality.objects.all())[index % Locality.objects.count()]
    nhs = demo_nhs_number(rng)
    while Person.objects.filter(nhs_number=nhs).exists():
        nhs = demo_nhs_number(rng)
    district = locality.district_list()[0]
    return services.person_add(
        actor=None,
        nhs_number=nhs,
        given_name=rng.choice(GIVEN),
        family_name=rng.choice(FAMILY),
        date_of_birth=datetime.date(rng.randint(1935, 1960), rng.randint(1, 12), 9),
        address_line_1=f"{rng.randint(1, 90)} {rng.choice(STREETS)}",
        town=locality.name,
        postcode=f"{district} {rng.randint(1, 9)}AB",
        locality=locality,
    )


def _concern(rng, person, case, raiser, lead, stage, steps):
    now = timezone.now()
    low, high = AGE[stage]
    received = now - datetime.timedelta(
        days=rng.randint(low, high), hours=rng.randint(1, 6)
    )
    received = _working_time(received, now)
    from_screen = case is not None and case.safeguarding_indicator
    concern = services.concern_raise(
        actor=raiser,
        person=person,
        case=case,
        raised_from="risk_screen"
        if from_screen
        else ("case" if case else "standalone"),
        risk_types=rng.sample(RiskType.values, rng.choice([1, 1, 2])),
        received_at=received,
        received_via=rng.choice(["hub", "phone", "email", "hub"]),
        description=rng.choice(DESCRIPTIONS),
        immediate_actions=rng.choice(
            ["", "Daily welfare calls arranged.", "GP informed."]
        ),
        police_called=rng.random() < 0.15,
        other_adults_at_risk=rng.random() < 0.1,
    )
    times = _step_times(rng, received, now, len(steps))
    for step, at in zip(steps, times, strict=True):
        _step(rng, concern, step, lead, at)
        concern.refresh_from_db()
    _backdate(concern, [received, *times])


def _step_times(rng, received, now, count) -> list[datetime.datetime]:
    span = (now - received) * 0.9
    times = []
    for index in range(1, count + 1):
        share = index / (count + 0.5) + rng.uniform(-0.05, 0.05)
        times.append(_working_time(received + span * max(share, 0.01), now))
    return sorted(times)


def _working_time(moment, now):
    """The same moment moved into office hours on a working day."""
    local = timezone.localtime(moment)
    day = next_working_day(local.date())
    hour = local.hour if 9 <= local.hour < 17 else 9 + local.minute % 8
    local = local.replace(year=day.year, month=day.month, day=day.day, hour=hour)
    return min(local, now - datetime.timedelta(minutes=30))


def _step(rng, concern, step, lead, at):
    day = timezone.localtime(at).date()
    if step == "screening":
        _screen(rng, concern, lead, at)
    elif step in ("s42", "other", "none"):
        decision = models.Decision(
            has_care_needs=True,
            experiencing_abuse=True,
            unable_to_protect=step == "s42",
            route=step,
            reasons="Three-part test considered with the adult and the referrer.",
            onward_action="Referred to the GP and Age UK befriending."
            if step == "none"
            else "",
        )
        stage_complete(concern, "decision", actor=lead, record=decision, at=at)
    elif step == "strategy":
        record = models.StrategyDiscussion(
            held_on=day,
            attendees=f"{lead.get_full_name()} (chair); PC Ashdown; district nurse",
            agencies="Police, community health",
            decisions="Council to lead; police to check for offences.",
            enquiry_lead=f"{lead.get_full_name()}, council",
            caused_enquiry=rng.random() < 0.2,
            caused_to="Willowbank Care Home" if rng.random() < 0.2 else "",
        )
        record.caused_enquiry = bool(record.caused_to)
        stage_complete(concern, "strategy", actor=lead, record=record, at=at)
    elif step == "enquiry":
        record = models.Enquiry(
            actions="Visited the adult; spoke to family and the provider.",
            findings="Concerns substantiated in part.",
            concluded_on=day,
        )
        stage_complete(concern, "enquiry", actor=lead, record=record, at=at)
    elif step in ("risk_remains", "risk_gone", "no_risk"):
        _outcome(rng, concern, lead, at, step)
    elif step == "plan":
        record = models.SafeguardingPlan(
            plan="Weekly visits by the district nurse; appointee manages money.",
            agencies_involved="Community health, DWP",
            agreed_with_adult=True,
            review_date=add_working_days(day, concern.policy.review_days),
        )
        stage_complete(concern, "plan", actor=lead, record=record, at=at)
    elif step == "closure":
        record = models.Closure(
            reason="Enquiry complete; risk managed.",
            adult_view="Happy with the outcome.",
            referrer_told=True,
        )
        stage_complete(concern, "closure", actor=lead, record=record, at=at)
    elif step == "early":
        services.concern_close_early(
            concern=concern,
            actor=lead,
            reason="The adult asked for the enquiry to stop; they have capacity "
            "to decide and the risk is to them alone.",
            action_result=ActionResult.CEASED,
            msp_achieved="partly"
            if concern.msp_asked == MspAsked.YES_EXPRESSED
            else "",
            at=at,
        )


def _screen(rng, concern, lead, at):
    lacked = rng.choice(["yes", "no", "no", "dont_know"])
    asked = rng.choice([MspAsked.YES_EXPRESSED] * 3 + [MspAsked.YES_NONE, MspAsked.NO])
    screening_complete(
        concern,
        actor=lead,
        screening=models.Screening(
            information_gathered="Spoke to the adult, the referrer and the GP."
        ),
        coding={
            "risk_locations": rng.sample(RiskLocation.values, rng.choice([1, 1, 2])),
            "risk_sources": rng.sample(RiskSource.values, rng.choice([1, 1, 1, 2])),
            "lacked_capacity": lacked,
            "capacity_support": rng.choice(CapacitySupport.values)
            if lacked == "yes"
            else "",
            "msp_asked": asked,
            "msp_outcomes_wanted": "To stay safe at home."
            if asked == MspAsked.YES_EXPRESSED
            else "",
        },
        risk_types=[t.code for t in concern.risk_types.all()],
        at=at,
    )


def _outcome(rng, concern, lead, at, step):
    if step == "no_risk":
        result, risk = ActionResult.NO_RISK_NO_ACTION, ""
    else:
        result = ActionResult.RISK_ACTION
        risk = (
            rng.choice(["remained", "reduced"]) if step == "risk_remains" else "removed"
        )
    expressed = concern.msp_asked == MspAsked.YES_EXPRESSED
    record = models.Outcome(
        action_result=result,
        risk_outcome=risk,
        msp_achieved=rng.choice(["fully", "partly", "not"]) if expressed else "",
        summary="Actions agreed with the adult.",
    )
    stage_complete(concern, "outcome", actor=lead, record=record, at=at)


def _backdate(concern, times):
    """Move Viewflow's task rows (and their history) to the demo's times: the
    flow engine stamps them with the moment the demo was built."""
    Task.objects.filter(process=concern, flow_task_type="START").update(
        created=times[0], finished=times[0]
    )
    tasks = Task.objects.filter(process=concern, flow_task_type="HUMAN").order_by("pk")
    for index, task in enumerate(tasks):
        created = times[min(index, len(times) - 1)]
        finished = times[index + 1] if index + 1 < len(times) else None
        Task.objects.filter(pk=task.pk).update(
            created=created,
            started=finished,
            finished=finished if task.finished else None,
        )
        rows = Task.history.filter(id=task.pk).order_by("history_date", "history_id")
        for position, row in enumerate(rows):
            when = created if position == 0 or finished is None else finished
            type(row).objects.filter(pk=row.pk).update(history_date=when)
    models.Concern.objects.filter(pk=concern.pk).update(created=times[0])
    recent = concern.history.filter(history_date__gt=times[-1]).order_by("history_date")
    for index, row in enumerate(recent):
        when = times[0] if index < 2 and row.history_type in "+~" else times[-1]
        type(row).objects.filter(pk=row.pk).update(history_date=when)
