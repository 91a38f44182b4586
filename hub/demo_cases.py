"""Demo cases driven through the real flow and services to every stage."""

import datetime
import random

from django.utils import timezone

from cases import services, support_plans
from cases.delay_reasons import ensure_delay_reasons
from cases.driver import open_task, referral_start, task_complete
from cases.eligibility import AdultOutcome, AdultUnableBecause
from cases.models import DischargeCase
from equipment import services as equipment_services
from equipment.models import EquipmentItem
from pathways import services as pathway_services
from pathways.beds import bed_providers_for_case, vacancies_held, vacancies_published
from pathways.models import Placement, ProviderStaff, ReablementStart
from pathways.offer_services import offer_accept
from pathways.selectors import case_earliest_start, providers_for_case
from triage import services as triage_services
from triage.models import OTReview, RiskScreen, TriageDecision

from .demo import FAMILY, GIVEN, STREETS, demo_nhs_number
from .demo_delays import seed_delays
from .flows import DischargeFlow

BAND_ORDER = ["morning", "lunch", "tea", "bed"]
HOSPITALS = ["County General Hospital (fictional)", "Riverside Infirmary (fictional)"]
WARDS = ["Ward 3", "Ward 7", "Ward 12", "Acute Medical Unit", "Frailty Unit"]
STAGES = [
    "triage",
    "not_accepted",
    "risk_screen",
    "ot_review",
    "pathway",
    "arrange",
    "support_plan",
    "discharge",
    "discharged",
]
STAGE_WEIGHTS = [10, 6, 10, 8, 10, 40, 12, 12, 20]
PATHWAY_WEIGHTS = {0: 14, 1: 66, 2: 12, 3: 8}


def seed_cases(rng: random.Random, reference: dict, people: int) -> int:
    localities = list(reference["localities"].values())
    users = reference["users"]
    ensure_delay_reasons()
    used = set()
    for index in range(people):
        locality = localities[index % len(localities)]
        nhs = demo_nhs_number(rng)
        while nhs in used:
            nhs = demo_nhs_number(rng)
        used.add(nhs)
        stage = rng.choices(STAGES, STAGE_WEIGHTS)[0]
        coordinator = users[("coordinator", locality.code)]
        ot = users[("ot", locality.code)]
        manager = users[("manager", locality.code)]
        case = _receive(rng, locality, nhs, coordinator)
        _drive(rng, case, stage, coordinator, ot, manager)
        # Its own generator, so the draws above stay as they were.
        seed_delays(random.Random(f"delays-{nhs}"), case, coordinator)  # noqa: S311
    return people


def _receive(rng, locality, nhs, coordinator) -> DischargeCase:
    today = timezone.localdate()
    district = rng.choice(locality.district_list())
    received = timezone.now() - datetime.timedelta(
        days=rng.randint(0, 12), hours=rng.randint(0, 8)
    )
    admitted = received.date() - datetime.timedelta(days=rng.randint(2, 20))
    drd = today + datetime.timedelta(days=rng.randint(-9, 3))
    drd = max(drd, admitted)
    lives_alone = rng.random() < 0.45
    local = random.Random(f"referral-{nhs}")  # noqa: S311 - own draws
    person = {
        "nhs_number": nhs,
        "given_name": rng.choice(GIVEN),
        "family_name": rng.choice(FAMILY),
        "date_of_birth": datetime.date(
            rng.randint(1930, 1962), rng.randint(1, 12), rng.randint(1, 28)
        ),
        "address_line_1": f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
        "town": locality.name,
        "postcode": f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}"
        f"{rng.choice('LNPQRSTUW')}",
        "locality": locality,
        "phone": f"01632 {rng.randint(100000, 999999)}",
        "lives_alone": lives_alone,
        "next_of_kin_name": ""
        if lives_alone and rng.random() < 0.5
        else f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
        "next_of_kin_relationship": rng.choice(
            ["daughter", "son", "spouse", "niece", "friend"]
        ),
        "gp_practice": f"{locality.name} Health Centre",
        "consent_to_share": True,
        "consent_given_on": admitted,
        "consent_method": "verbal",
    }
    referral = {
        "source": rng.choice(["acute_ward"] * 6 + ["community_hospital", "gp"]),
        "hospital": local.choice(HOSPITALS),
        "ward": WARDS[rng.randint(1, 30) % len(WARDS)],
        "usual_residence": local.choices(
            ["own_home", "family_home", "supported", "care_home"], [80, 8, 6, 6]
        )[0],
        "existing_support": local.choices(
            ["none", "paused", "lapsed", "informal"], [65, 12, 10, 13]
        )[0],
        "referrer_name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}, discharge nurse",
        "referrer_contact": "01632 960000",
        "received_at": received,
        "admission_date": admitted,
        "discharge_ready_date": drd,
        "reason_for_admission": rng.choice(
            [
                "Fall at home, fractured wrist",
                "Chest infection",
                "Urinary tract infection",
                "Hip replacement",
                "Stroke, mild left weakness",
                "Dehydration and confusion",
            ]
        ),
        "presenting_needs": rng.choice(
            [
                "Needs help washing and dressing",
                "Unsteady on feet, needs supervision on stairs",
                "Needs prompting with medication and meals",
                "Transfers with two and a hoist",
            ]
        ),
        "mobility_before": "Independent with a stick",
        "mobility_now": "Walking frame, one to assist",
        "cognition": rng.choice(
            ["No concerns", "Mild memory problems", "Known dementia"]
        ),
    }
    return referral_start(
        flow_class=DischargeFlow,
        actor=coordinator,
        person_fields=person,
        referral_fields=referral,
    )


def _step(case, node, actor, perform) -> bool:
    task = open_task(case, node)
    if task is None:
        return False
    task_complete(task, actor=actor, perform=perform)
    return True


def _drive(rng, case, stage, coordinator, ot, manager) -> None:
    target = STAGES.index(stage)
    if target == 0:
        return
    outcome = (
        "accept" if stage != "not_accepted" else rng.choice(["signpost", "decline"])
    )
    _step(
        case,
        "triage",
        coordinator,
        lambda c: triage_services.triage_record(
            case=c,
            actor=coordinator,
            outcome=outcome,
            priority=rng.choices(["urgent", "high", "routine"], [2, 3, 5])[0],
            reason="Meets the hub's criteria."
            if outcome == "accept"
            else "Out of area: the person lives outside the county.",
        ),
    )
    _triage_time(case)
    if stage in ("not_accepted", "risk_screen"):
        return
    pathway = rng.choices(list(PATHWAY_WEIGHTS), list(PATHWAY_WEIGHTS.values()))[0]
    _step(
        case,
        "risk_screen",
        coordinator,
        lambda c: triage_services.risk_screen_record(
            case=c, actor=coordinator, screen=_screen(rng, case, pathway)
        ),
    )
    case.refresh_from_db()
    if stage == "ot_review" and not case.flagged_for_ot:
        return
    if case.flagged_for_ot and stage == "ot_review":
        return
    if case.flagged_for_ot:
        _step(
            case,
            "ot_review",
            ot,
            lambda c: triage_services.ot_review_record(
                case=c,
                actor=ot,
                review=OTReview(
                    recommended_pathway=pathway,
                    moving_handling_notes=(
                        "Transfers with one carer and a frame; hoist for bathing."
                    ),
                    carers_per_visit=2 if rng.random() < 0.3 else 1,
                    change_reason="Seen on the ward: needs differ from the screen.",
                ),
            ),
        )
    if stage == "pathway":
        return
    _decide(rng, case, pathway, coordinator)
    _equipment(
        rng,
        case,
        coordinator,
        deliver=target >= STAGES.index("support_plan") or rng.random() < 0.4,
    )
    if stage == "arrange":
        # Some offers wait for the provider's answer (a bed, or a start).
        bed = pathway in (2, 3) and rng.random() < 0.5
        if bed or (pathway == 1 and case.pk % 2):
            _arrange(rng, case, pathway, coordinator, accept=False)
        return
    if not _arrange(rng, case, pathway, coordinator):
        return
    if stage == "support_plan":
        return
    _step(
        case,
        "support_plan",
        coordinator,
        lambda c: support_plans.support_plan_save(
            case=c, actor=coordinator, plan_fields=_plan_fields(case), needs=_needs(rng)
        ),
    )
    if stage == "discharge":
        return
    _step(
        case,
        "discharge",
        coordinator,
        lambda c: services.discharge_confirm(
            case=c,
            actor=coordinator,
            discharged_at=timezone.now(),
            transport="Hospital transport",
            access_arrangements="Key safe by the front door",
        ),
    )


def _triage_time(case) -> None:
    """The triage decision minutes after the referral arrived, as a hub
    working to the 30-minute standard would mostly manage (median about 20,
    a tail past the hour), not the moment the demo was seeded (demo data
    only: moved back the way demo_reablement moves episodes). Its own
    generator, so the other draws stay as they were."""
    local = random.Random(f"triage-{case.referral.person.nhs_number}")  # noqa: S311
    minutes = min(local.lognormvariate(3.0, 0.7), 240)
    decided = case.referral.received_at + datetime.timedelta(minutes=minutes)
    TriageDecision.objects.filter(case=case).update(
        decided_at=min(decided, timezone.now())
    )


def _screen(rng, case, pathway) -> RiskScreen:
    double = pathway == 1 and rng.random() < 0.2
    return RiskScreen(
        falls_last_year=rng.choice([0, 0, 1, 2, 3]) if pathway != 0 else 0,
        lives_alone=case.person.lives_alone,
        cognitive_impairment=rng.random() < 0.25,
        capacity_concern=rng.random() < 0.08,
        medication_support=pathway == 1,
        stairs_to_access=rng.random() < 0.3,
        key_safe_needed=rng.random() < 0.5,
        continence=rng.choice(["continent"] * 6 + ["occasional", "catheter"]),
        carers_needed=(2 if double else 1) if pathway in (1, 2) else 0,
        hoist_needed=double and rng.random() < 0.5,
        bariatric=rng.random() < 0.04,
        needs_24_hour_care=pathway == 3,
        safeguarding_indicator=rng.random() < 0.06,
        safeguarding_notes="Neighbour reports unexplained bruising; person reluctant "
        "to talk about family visits.",
    )


def _decide(rng, case, pathway, coordinator) -> None:
    from pathways.rules import pathway_recommend

    case.refresh_from_db()
    recommended = pathway_recommend(case)[0]
    carers = 2 if "double_handed" in case.risk_screen.skills else 1
    bands = rng.sample(["morning", "lunch", "tea", "bed"], k=rng.choice([1, 2, 2, 3]))
    visits = [
        {
            "band": b,
            "minutes": rng.choice([30, 45, 60])
            if b == "morning"
            else rng.choice([15, 30]),
            "carers": carers,
        }
        for b in sorted(bands, key=BAND_ORDER.index)
    ]
    _step(
        case,
        "pathway",
        coordinator,
        lambda c: pathway_services.pathway_decide(
            case=c,
            actor=coordinator,
            chosen=pathway,
            override_reason=""
            if pathway == recommended
            else "The person and family prefer this; discussed at the ward MDT.",
            visit_pattern=visits,
            length_days=rng.choice([28, 42, 42]),
        ),
    )


def _equipment(rng, case, coordinator, deliver: bool) -> None:
    items = list(EquipmentItem.objects.all())
    chosen = rng.sample(items, k=rng.choice([0, 1, 2, 3]))
    for item in chosen:
        order = equipment_services.order_place(
            case=case,
            actor=coordinator,
            item=item,
            quantity=1,
            speed=rng.choice(["same_day", "next_day", "standard"]),
            essential=item.essential_by_default,
        )
        if deliver or not order.essential:
            equipment_services.order_mark_delivered(order=order, actor=coordinator)
    _step(
        case,
        "equipment",
        coordinator,
        lambda c: equipment_services.equipment_branch_finish(
            case=c, no_equipment_needed=not chosen
        ),
    ) if deliver else None


def _arrange(rng, case, pathway, coordinator, accept=True) -> bool:
    case.refresh_from_db()
    if pathway == 1:
        decision = case.pathway_decision
        start = case_earliest_start(case)
        for provider in providers_for_case(case):
            for offset in range(4):
                day = start + datetime.timedelta(days=offset)
                if not pathway_services.capacity_shortfalls(
                    provider=provider,
                    start_date=day,
                    length_days=decision.length_days,
                    visits=decision.visit_pattern,
                ):
                    booked = _step(
                        case,
                        "reablement_start",
                        coordinator,
                        lambda c, p=provider, d=day: (
                            pathway_services.reablement_start_offer(
                                case=c,
                                actor=coordinator,
                                provider=p,
                                start_date=d,
                                visits=decision.visit_pattern,
                                length_days=decision.length_days,
                            )
                        ),
                    )
                    if booked and accept:  # the provider's staff agree it
                        _provider_accepts(case)
                    return booked
        return False
    if pathway in (2, 3):
        setting = "d2a_bed" if pathway == 2 else "care_home_residential"
        name = rng.choice(["Elm Court", "The Beeches", "Rowan House"])
        day = timezone.localdate() + datetime.timedelta(days=1)
        placement = Placement(setting=setting, setting_name=name, start_date=day)
        placement.provider = _bed_with_vacancy(case, setting, day)
        arranged = _step(
            case,
            "placement",
            coordinator,
            lambda c: pathway_services.placement_arrange(
                case=c, actor=coordinator, placement=placement
            ),
        )
        if arranged and accept and placement.provider:  # the setting agrees
            staff = ProviderStaff.objects.filter(provider=placement.provider).first()
            offer_accept(offer=placement, actor=staff.user if staff else None)
        return arranged
    return True


def _bed_with_vacancy(case, setting, day):
    """A setting covering the case with a bed of that type free that day
    (none: a setting off the hub, recorded by name)."""
    for provider in bed_providers_for_case(case):
        key = (provider.pk, day, setting)
        free = vacancies_published([provider], [day]).get(key, 0)
        if free > vacancies_held([provider], [day]).get(key, 0):
            return provider
    return None


def _provider_accepts(case) -> None:
    start = ReablementStart.objects.select_related("provider").get(case=case)
    staff = ProviderStaff.objects.filter(provider=start.provider).first()
    offer_accept(offer=start, actor=staff.user if staff else None)


def _plan_fields(case) -> dict:
    today = timezone.localdate()
    return {
        "personal_goals": "To get back to making my own breakfast and walking to the "
        "shop at the end of the road.",
        "visit_pattern": "",
        "family_support": "Daughter visits at weekends.",
        "community_resources": "Lunch club on Thursdays.",
        "review_date": today + datetime.timedelta(days=14),
        "agreed_with_person": True,
        "agreed_on": today,
        "agreed_how": "In person on the ward",
        "from_impairment": True,
        "impairment_detail": "Fractured neck of femur; mild frailty.",
        "wellbeing_impact": True,
        "determination_reasons": "Since the fall the person cannot manage these "
        "outcomes without help, which puts their physical well-being and "
        "control over day-to-day life at risk.",
    }


def _needs(rng) -> list[dict]:
    """Three needs; in most plans the person cannot achieve two of them, so the
    demo shows both determinations."""
    outcomes = rng.sample(list(AdultOutcome)[:6], k=3)
    unable = 2 if rng.random() < 0.7 else 1
    ways = list(AdultUnableBecause)
    return [
        {
            "outcome": o.value,
            "need": f"Needs support: {o.label.lower()}.",
            "met_by": rng.choice(["reablement", "equipment", "family"]),
            "how": "Daily visits to build confidence.",
            "unable_because": rng.choice(ways).value if i < unable else "",
            "unable_why": "Since the fall, cannot stand long enough without help."
            if i < unable
            else "",
        }
        for i, o in enumerate(outcomes)
    ]
