"""The data the access matrix is tried against: Riverside's people, cases,
tasks, concerns, orders, contacts and allocation, and the staff of every
role, some of them in Northfield. Built through the pages, as staff would.

Everything personal about the Riverside people is in SECRETS: a response to
someone who may not see it must contain none of it.
"""

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from cases.models import DelayReason, DischargeCase, Locality, Staff
from cases.roles import ensure_groups
from equipment.models import EquipmentItem
from pathways import allocator
from pathways.models import (
    Band,
    BedVacancy,
    Provider,
    ProviderCapacity,
    ProviderStaff,
)
from safeguarding.models import Concern, RiskTypeCode
from testkit import PLAN_DETERMINATION

TODAY = timezone.localdate
ROSALIND = {
    "nhs_number": "999 731 4867",
    "given_name": "Rosalind",
    "family_name": "Quibbleworth",
    "address_line_1": "17 Quillon Row",
    "phone": "01632 960517",
    "presenting_needs": "Cannot manage the stairs since the hip fracture",
}
BARNABY = {
    "nhs_number": "999 731 4875",
    "given_name": "Barnaby",
    "family_name": "Thistlewood",
    "address_line_1": "4 Wrenfold Close",
    "phone": "01632 960518",
    "presenting_needs": "Needs prompting with tablets and meals",
}
CONTACT_SUMMARY = "Niece Marguerite keeps the spare key"
ACCESS_NOTES = "Key safe 4071 behind the water butt"
DESCRIPTION = "Nephew keeps her bank card and she goes without food"
NORTH_RAISED = "Heard shouting through the wall at the day centre"


def _nhs_formats(number: str) -> list[str]:
    digits = number.replace(" ", "")
    return [digits, number, f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"]


CASE_SECRETS = [
    *(ROSALIND[k] for k in ("family_name", "address_line_1", "phone")),
    *(BARNABY[k] for k in ("family_name", "address_line_1", "phone")),
    *_nhs_formats(ROSALIND["nhs_number"]),
    *_nhs_formats(BARNABY["nhs_number"]),
]
CASE_ONLY = [
    ROSALIND["presenting_needs"],
    BARNABY["presenting_needs"],
    CONTACT_SUMMARY,
    ACCESS_NOTES,
]
CONCERN_ONLY = [DESCRIPTION]
# A manager's authenticator key (RFC 6238's test key), hex and base32: no one
# but a superuser may ever be shown it.
TOTP_KEY = "3132333435363738393031323334353637383930"
TOTP_SECRETS = [TOTP_KEY, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "GEZD GNBV GY3T QOJQ"]
SECRETS = CASE_SECRETS + CASE_ONLY + CONCERN_ONLY + TOTP_SECRETS


def _referral(person: dict) -> dict:
    today = TODAY()
    return {
        **person,
        "date_of_birth": "1938-03-14",
        "town": "Riverside",
        "postcode": "RV1 4QQ",
        "lives_alone": "on",
        "source": "acute_ward",
        "hospital": "County General",
        "ward": "Ward 7",
        "referrer_name": "Nurse Test",
        "referrer_contact": "01632 960000",
        "admission_date": (today - datetime.timedelta(days=10)).isoformat(),
        "discharge_ready_date": (today - datetime.timedelta(days=2)).isoformat(),
        "consent_method": "",
    }


class Driver:
    """Works a case's steps through the pages as one user."""

    def __init__(self, user):
        self.client = Client()
        self.client.force_login(user)

    def post(self, url, data=None, expect=302):
        response = self.client.post(url, data or {})
        form = (getattr(response, "context", None) or {}).get("form")
        assert response.status_code == expect, (url, form and form.errors)
        return response

    def start(self, person: dict) -> DischargeCase:
        from hub.flows import DischargeFlow

        self.post(DischargeFlow.start.reverse("execute"), _referral(person))
        return DischargeCase.objects.latest("pk")

    def do(self, case, node: str, data: dict):
        from cases.driver import open_task

        task = open_task(case, node)
        if task.owner_id is None:
            self.take(task)
        self.post(
            task.flow_task.reverse("execute", args=[task.process_id, task.pk]), data
        )

    def take(self, task):
        self.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))


SCREEN = {
    "falls_last_year": 0,
    "skin_integrity": "intact",
    "continence": "continent",
    "carers_needed": 1,
}
BANDS = {"morning_carers": 1, "lunch_carers": 1, "tea_carers": 1, "bed_carers": 1}


def _users(north, river) -> dict:
    ensure_groups()
    made = {}
    for name, role, localities in [
        ("nora_northcoord", "coordinator", [north]),
        ("otto_northot", "ot", [north]),
        ("rita_rivercoord", "coordinator", [river]),
        ("oscar_riverot", "ot", [river]),
        ("mona_manager", "manager", [north, river]),
        ("lena_lead", "safeguarding_lead", [river]),  # Rosalind's locality
        ("nils_northlead", "safeguarding_lead", [north]),
        ("adam_admin", "admin", []),
        ("percy_provider", "provider", []),  # Rosalind's reablement provider
        ("nemo_norole", None, [north]),
    ]:
        first, last = name.split("_")
        user = User.objects.create_user(
            name, password="pw", first_name=first.title(), last_name=last.title()
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        Staff.objects.create(user=user).localities.set(localities)
        made[name.split("_")[1]] = user
    made["admin"].is_staff = True
    made["admin"].save()
    return made


def _reference(river) -> SimpleNamespace:
    commode = EquipmentItem.objects.create(
        code="commode", name="Commode", category="Toileting", essential_by_default=True
    )
    provider = Provider.objects.create(name="River Reablement", code="river-reab")
    provider.localities.add(river)
    bulk_create_with_history(
        [
            ProviderCapacity(
                provider=provider,
                date=TODAY() + datetime.timedelta(days=i),
                band=band,
                minutes=240,
            )
            for i in range(14)
            for band in Band.values
        ],
        ProviderCapacity,
    )
    home = Provider.objects.create(
        name="River Court Care Home", code="river-court", kind=Provider.Kind.BEDS
    )
    home.localities.add(river)
    bulk_create_with_history(  # the admin's bed vacancy pages have a row
        [BedVacancy(provider=home, date=TODAY(), bed_type="d2a_bed", beds=1)],
        BedVacancy,
    )
    return SimpleNamespace(commode=commode, provider=provider)


def _case_a(users, ref) -> DischargeCase:
    """Rosalind: OT-reviewed, equipment on order, reablement start waiting,
    a contact, and a concern raised from the case."""
    coord, ot = Driver(users["rivercoord"]), Driver(users["riverot"])
    case = coord.start(ROSALIND)
    coord.do(case, "triage", {"outcome": "accept", "priority": "high", "reason": "ok"})
    coord.do(
        case,
        "risk_screen",
        {
            **SCREEN,
            "falls_last_year": 3,
            "safeguarding_indicator": "on",
            "safeguarding_notes": "Ward worried about money",
        },
    )
    ot.do(
        case,
        "ot_review",
        {
            "recommended_pathway": 1,
            "moving_handling_notes": "Frame, one carer",
            "carers_per_visit": 1,
            "prescribed_items": [ref.commode.pk],
        },
    )
    coord.do(
        case,
        "pathway",
        {"chosen": 1, "length_days": 42, "morning_minutes": 45, **BANDS},
    )
    coord.post(
        f"/hub/cases/{case.pk}/contacts/",
        {
            "kind": "phone",
            "with_whom": "Niece",
            "summary": CONTACT_SUMMARY,
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    from cases.delay_reasons import ensure_delay_reasons

    ensure_delay_reasons()  # a transactional test may have emptied the table
    coord.post(  # a reason for her delayed days, with an owner and next action
        f"/hub/cases/{case.pk}/delays/",
        {
            "delay-reason": DelayReason.objects.get(code="pathway-1-care-at-home").pk,
            "delay-from_date": (TODAY() - datetime.timedelta(days=1)).isoformat(),
            "delay-owner_team": "Riverside hub",
            "delay-next_action": "Chase the provider",
        },
    )
    from cases.driver import open_task

    coord.take(open_task(case, "equipment"))  # held: in Rita's inbox
    coord.post(f"/safeguarding/raise/?case={case.pk}", _raise(DESCRIPTION))
    return case


def _case_b(users) -> DischargeCase:
    """Barnaby: pathway 0, support plan, discharged."""
    coord = Driver(users["rivercoord"])
    case = coord.start(BARNABY)
    coord.do(
        case, "triage", {"outcome": "accept", "priority": "routine", "reason": "ok"}
    )
    coord.do(case, "risk_screen", {**SCREEN, "carers_needed": 0})
    coord.do(case, "pathway", {"chosen": 0, "length_days": 42, **BANDS})
    coord.do(case, "equipment", {"no_equipment_needed": "on"})
    coord.do(
        case,
        "support_plan",
        {
            "personal_goals": "Make my own breakfast again",
            "review_date": (TODAY() + datetime.timedelta(days=14)).isoformat(),
            "agreed_with_person": "on",
            "agreed_on": TODAY().isoformat(),
            "agreed_how": "On the ward",
            "hygiene_need": "Help to shower",
            "hygiene_met_by": "reablement",
            **PLAN_DETERMINATION,
            "hygiene_how": "Morning call",
        },
    )
    coord.do(
        case,
        "discharge",
        {
            "discharged_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "transport": "Hospital transport",
            "access_arrangements": "Key safe at the door",
        },
    )
    return case


def _raise(description: str, **extra) -> dict:
    return {
        "description": description,
        "risk_types": [RiskTypeCode.objects.get(code="financial").pk],
        "received_via": "hub",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        **extra,
    }


def _sign_in_records(manager) -> None:
    """A failed sign-in (axes' audit rows) and an authenticator (its secret):
    their admin pages are in the matrix too."""
    from axes.models import AccessFailureLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    Client().post("/accounts/login/", {"username": manager.username, "password": "x"})
    AccessFailureLog.objects.create(
        username=manager.username, ip_address="127.0.0.1", path_info="/accounts/login/"
    )
    TOTPDevice.objects.create(user=manager, name="phone", key=TOTP_KEY, confirmed=True)


def _rota(users, river, ref, case) -> SimpleNamespace:
    """Riverside's in-house team: Rosalind's visit plan (its access notes
    are sensitive), today's visit, an absence and a timesheet."""
    from rota import services
    from rota.models import Assistant, PlannedCall, Team, Timesheet, VisitPlan

    coord = users["rivercoord"]
    team = Team.objects.create(
        name="Riverside in-house",
        locality=river,
        provider=ref.provider,
        base_postcode="RV1 1AA",
    )
    assistant = Assistant.objects.create(
        given_name="Wendeline",
        family_name="Rotaworth",
        gender="female",
        team=team,
        base_postcode="RV1 2AA",
        contracted_hours=30,
        working_pattern={
            d: [["07:00", "15:00"]]
            for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        },
    )
    assistant.competencies.create(
        skill="medication",
        obtained_on=TODAY() - datetime.timedelta(days=100),
        expires_on=TODAY() + datetime.timedelta(days=20),
    )
    plan = VisitPlan.objects.create(
        case=case,
        team=team,
        start_date=TODAY(),
        end_date=TODAY(),
        access_notes=ACCESS_NOTES,
        updated_by=coord,
    )
    call = PlannedCall.objects.create(
        plan=plan,
        band="morning",
        window_start=datetime.time(8),
        window_end=datetime.time(9),
        minutes=30,
    )
    services.visits_generate(team=team, day=TODAY(), actor=coord)
    absence = services.absence_record(
        assistant=assistant,
        actor=coord,
        kind="training",
        starts_at=timezone.now() + datetime.timedelta(days=2),
        ends_at=timezone.now() + datetime.timedelta(days=2, hours=3),
    )
    sheet = Timesheet.objects.create(
        assistant=assistant, week_start=TODAY() - datetime.timedelta(days=7)
    )
    return SimpleNamespace(
        team=team,
        assistant=assistant,
        plan=plan,
        call=call,
        visit=plan.visits.get(),
        absence=absence,
        sheet=sheet,
    )


def _episode(users, case):
    """Barnaby's reablement episode (Riverside), its goals step waiting:
    started from his discharge as the discharge hook would (the hook starts
    pathway 1 only; the pages are the same whatever the pathway)."""
    from reablement.flows import ReablementFlow

    return ReablementFlow.start.run(
        case=case, discharge=case.discharge, actor=users["rivercoord"]
    )


def manager_device(users):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.get(user=users["manager"])


def _api_records(river, case) -> None:
    """A hospital system referring for Riverside: its token, a call, and the
    other locality's case as sent by it (for the admin's API pages)."""
    from api.models import ApiReferral
    from api.services import api_call_record
    from api.tokens import api_client_create, api_token_issue

    client = api_client_create(name="Riverside PAS", actor=None)
    client.localities.set([river])
    api_token_issue(client=client, actor=None)
    ApiReferral.objects.create(client=client, case=case)
    api_call_record(
        client=client, method="GET", path=f"/api/v1/referrals/{case.pk}", status=200
    )


def build() -> SimpleNamespace:
    north = Locality.objects.create(
        name="Northfield", code="northfield", postcode_districts="NF1 NF2"
    )
    river = Locality.objects.create(
        name="Riverside", code="riverside", postcode_districts="RV1 RV2"
    )
    users = _users(north, river)
    ref = _reference(river)
    ProviderStaff.objects.create(user=users["provider"], provider=ref.provider)
    case_a, case_b = _case_a(users, ref), _case_b(users)
    concern_a = Concern.objects.get(case=case_a)
    # A Northfield coordinator raises a concern about Rosalind by NHS number.
    Driver(users["northcoord"]).post(
        "/safeguarding/raise/",
        _raise(NORTH_RAISED, nhs_number=ROSALIND["nhs_number"]),
    )
    concern_n = Concern.objects.latest("pk")
    from safeguarding.driver import open_task

    Driver(users["lead"]).take(open_task(concern_n, "screening"))
    from safeguarding.services import adults_review_record

    adults_review = adults_review_record(
        concern=concern_a,
        actor=users["lead"],
        basis="serious",
        started_on=TODAY(),
        risk_types=["financial"],
        notes=DESCRIPTION,
    )
    run = allocator.allocation_run(actor=users["rivercoord"], time_limit_s=1.0)
    offer = _offer_agreed(users, run)
    export, what_if = _background_runs(users["rivercoord"], run)
    _sign_in_records(users["manager"])
    rota = _rota(users, river, ref, case_a)
    _api_records(river, case_a)
    return SimpleNamespace(
        rota=rota,
        episode=_episode(users, case_b),
        totp=manager_device(users),
        north=north,
        river=river,
        users=users,
        ref=ref,
        case_a=case_a,
        case_b=case_b,
        concern_a=concern_a,
        concern_n=concern_n,
        adults_review=adults_review,
        run=run,
        export=export,
        what_if=what_if,
        proposal=run.proposals.first(),
        offer=offer,
        contact=case_a.contacts.first(),
        delay=case_a.delay_records.first(),
        order=case_a.equipment_orders.first(),
    )


def _offer_agreed(users, run):
    """Rosalind's start, offered from the allocator's proposal and accepted by
    Percy's provider: its page is his, but there is nothing left to answer."""
    from pathways.offer_services import offer_accept

    proposal = run.proposals.get()
    start = allocator.proposal_accept(proposal=proposal, actor=users["rivercoord"])
    return offer_accept(offer=start, actor=users["provider"])


def _background_runs(owner, run):
    """A finished export of the owner's (its CSV names Rosalind) and a what-if
    of theirs: both are the owner's alone."""
    from background.models import BackgroundFile, BackgroundRun
    from background.services import run_queue
    from hub.tasks import case_export_task
    from pathways.allocation.parse import problem_from_json

    export = BackgroundRun.objects.create(
        kind="case-export",
        title="Cases as CSV",
        started_by=owner,
        status=BackgroundRun.Status.DONE,
        progress=100,
        result={"summary": "1 case.", "file": "cases.csv"},
    )
    content = f"Case,Person\nDC-1,{ROSALIND['given_name']} {ROSALIND['family_name']}"
    BackgroundFile.objects.create(
        run=export,
        name="cases.csv",
        content_type="text/csv",
        size=len(content),
        content=content.encode(),
    )
    # One still waiting for the worker: its task row is in the task queue.
    run_queue(
        kind="case-export",
        title="Cases as CSV",
        actor=owner,
        task=case_export_task,
        params={"filters": {"status": ["all"]}},
    )
    what_if = allocator.what_if_run(
        actor=owner,
        data=run.problem,
        problem=problem_from_json(run.problem),
        time_limit_s=1.0,
    )
    return export, what_if
