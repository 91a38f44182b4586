"""Demo rota: an in-house reablement team per locality (12 assistants, two
of them on the relief bank), visit plans for the locality's people on
pathway 1, a week of visits planned by the planner (the past days
recorded), absences and some competencies about to expire. Fictional."""

import datetime
import random

from django.utils import timezone

from pathways.models import Provider
from rota import planning, services
from rota.capacity import team_capacity_update
from rota.models import Absence, Assistant, Competency, Skill, Team, VisitRecord
from rota.models.staff import WEEKDAYS
from rota.recording import visit_record

from .demo import FAMILY, GIVEN

EARLY = [["07:00", "14:30"]]
LATE = [["14:00", "22:00"]]
SPLIT = [["07:00", "11:00"], ["17:00", "21:30"]]
DAYS_BACK, DAYS_AHEAD = 3, 3


def seed_rota(rng: random.Random, reference: dict) -> int:
    """Once: a team per locality; returns the number of teams made."""
    if Team.objects.exists():
        return 0
    users = reference["users"]
    for code, locality in reference["localities"].items():
        coordinator = users[("coordinator", code)]
        district = locality.district_list()[0]
        provider, _ = Provider.objects.get_or_create(
            code=f"{code}-in-house",
            defaults={"name": f"{locality.name} in-house reablement", "skills": []},
        )
        provider.localities.add(locality)
        team = Team.objects.create(
            name=f"{locality.name} in-house reablement",
            locality=locality,
            provider=provider,
            base_postcode=f"{district} 1AA",
        )
        _assistants(rng, team, locality)
        _plans(rng, team, coordinator)
        _absences(rng, team, coordinator)
        _week(rng, team, coordinator)
    return len(reference["localities"])


def _assistants(rng, team, locality) -> None:
    today = timezone.localdate()
    districts = locality.district_list()
    for index in range(12):
        relief = index >= 10
        pattern = [EARLY, LATE, SPLIT][index % 3]
        off = {rng.randrange(7), rng.randrange(7)} if not relief else set()
        a = Assistant.objects.create(
            given_name=rng.choice(GIVEN),
            family_name=rng.choice(FAMILY),
            gender="male" if index % 4 == 3 else "female",
            team=team,
            base_postcode=f"{rng.choice(districts)} {rng.randint(1, 9)}AB",
            contracted_hours=16 if relief else rng.choice(["22.5", "30", "37.5"]),
            working_pattern={
                d: pattern for i, d in enumerate(WEEKDAYS) if i not in off
            },
            relief_bank=relief,
        )
        for skill in rng.sample(Skill.values, rng.randint(1, 4)):
            expires = today + datetime.timedelta(days=rng.randint(-10, 700))
            if index in (2, 7):
                expires = today + datetime.timedelta(days=rng.randint(5, 28))
            Competency.objects.create(
                assistant=a,
                skill=skill,
                obtained_on=expires - datetime.timedelta(days=730),
                expires_on=expires,
            )


def _plans(rng, team, coordinator) -> None:
    """Plans for the locality's pathway 1 people with an agreed start (the
    demo books them with other providers; here the in-house team visits)."""
    from pathways.models import ReablementStart

    starts = ReablementStart.objects.filter(
        case__locality=team.locality, status=ReablementStart.Status.AGREED
    ).select_related("case")
    today = timezone.localdate()
    for start in starts:
        plan = services.visit_plan_create(
            case=start.case,
            team=team,
            actor=coordinator,
            access_notes=f"Key safe by the back door, code {rng.randint(1000, 9999)}",
            gender=rng.choice(["", "", "", "female"]),
        )
        plan.start_date = min(plan.start_date, today - datetime.timedelta(DAYS_BACK))
        plan.end_date = max(plan.end_date, today + datetime.timedelta(DAYS_AHEAD))
        services.visit_plan_update(
            plan=plan,
            actor=coordinator,
            gender_preference=plan.gender_preference,
            access_notes=plan.access_notes,
        )
        morning = plan.calls.filter(band="morning").first()
        if morning and rng.random() < 0.4:
            services.planned_call_save(
                call=morning, actor=coordinator, skills=["medication"]
            )
        if morning and rng.random() < 0.3:
            services.planned_call_save(
                call=morning.__class__(plan=plan),
                actor=coordinator,
                reason="Medication prompt after personal care",
                band="morning",
                window_start=datetime.time(8, 30),
                window_end=datetime.time(10, 30),
                minutes=15,
                skills=["medication"],
                follows=morning,
                gap_min=30,
                gap_max=60,
            )


def _absences(rng, team, coordinator) -> None:
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    people = list(team.assistants.filter(relief_bank=False))
    rng.shuffle(people)
    for a, kind, first, days in [
        (people[0], Absence.Kind.ANNUAL_LEAVE, 2, 5),
        (people[1], Absence.Kind.SICKNESS, -2, 3),
        (people[2], Absence.Kind.TRAINING, 1, 1),
    ]:
        start = datetime.datetime.combine(
            today + datetime.timedelta(first), datetime.time(), tzinfo=tz
        )
        services.absence_record(
            assistant=a,
            actor=coordinator,
            kind=kind,
            starts_at=start,
            ends_at=start + datetime.timedelta(days=days),
            reported_today=kind == Absence.Kind.SICKNESS,
        )


def _week(rng, team, coordinator) -> None:
    today = timezone.localdate()
    days = [today + datetime.timedelta(d) for d in range(-DAYS_BACK, DAYS_AHEAD + 1)]
    for day in days:
        planning.rota_plan(team=team, day=day, actor=coordinator, seconds=0.3)
        if day < today:
            _record(rng, team, day, coordinator)
    team_capacity_update(team=team, days=days, actor=coordinator)
    planning.rota_publish(team=team, day=today, actor=coordinator, note="Demo rota")


def _record(rng, team, day, coordinator) -> None:
    for visit in team.visits.filter(date=day, cancelled=False):
        if not visit.start:
            continue
        roll = rng.random()
        outcome = VisitRecord.Outcome.DONE
        if roll > 0.96:
            outcome = VisitRecord.Outcome.REFUSED
        elif roll > 0.93:
            outcome = VisitRecord.Outcome.MISSED
        begin = datetime.datetime.combine(day, visit.start)
        begin += datetime.timedelta(minutes=rng.randint(-5, 15))
        end = begin + datetime.timedelta(minutes=visit.minutes + rng.randint(-5, 10))
        done = outcome == VisitRecord.Outcome.DONE
        visit_record(
            visit=visit,
            actor=coordinator,
            outcome=outcome,
            actual_start=begin.time() if done else None,
            actual_end=end.time() if done else None,
            notes="" if done else "Person not at home; family told.",
        )
