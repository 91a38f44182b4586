"""What a provider reads of its offers: only what it needs to decide (the
calls, bands, skills, start date, area and deadline), never the person's
name, NHS number or record. The case itself never reaches the template."""

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from .models import Band, Placement, Provider, ReablementStart, Skill
from .offer_services import OFFERED, offers_expire_all
from .selectors import case_skills

RECENT_DAYS = 14  # answered offers stay in the inbox this long


@dataclass(frozen=True)
class Offer:
    pk: int
    url: str
    what: str  # "Reablement" or the bed type
    status: str
    status_label: str
    start_date: datetime.date
    length_days: int
    calls: list[dict]  # {band, minutes, carers}
    minutes_per_day: int
    double_handed: bool
    skills: list[str]
    locality: str
    area: str  # the postcode district
    offered_at: datetime.datetime
    deadline: datetime.datetime | None
    answered_at: datetime.datetime | None
    answered_by: str
    decline_reason: str

    @property
    def is_open(self) -> bool:
        return self.status == ReablementStart.Status.OFFERED


def _offer(start: ReablementStart) -> Offer:
    case = start.case
    skills = case_skills(case)
    calls = [
        {"band": Band(v["band"]).label, "minutes": v["minutes"], "carers": v["carers"]}
        for v in start.visits
    ]
    answered = start.answered_by
    return Offer(
        pk=start.pk,
        url=reverse("provider:offer", args=[start.pk]),
        what="Reablement",
        status=start.status,
        status_label=start.get_status_display(),
        start_date=start.start_date,
        length_days=start.length_days,
        calls=calls,
        minutes_per_day=sum(start.band_minutes().values()),
        double_handed=Skill.DOUBLE_HANDED in skills
        or any(int(v["carers"]) >= 2 for v in start.visits),
        skills=[Skill(s).label for s in skills if s in Skill.values],
        locality=case.locality.name,
        area=case.referral.person.postcode_district,
        offered_at=start.agreed_at,
        deadline=start.offer_deadline,
        answered_at=start.answered_at,
        answered_by=(answered.get_full_name() or answered.username) if answered else "",
        decline_reason=start.decline_reason,
    )


def _bed_offer(placement: Placement) -> Offer:
    case = placement.case
    skills = case_skills(case)
    answered = placement.answered_by
    return Offer(
        pk=placement.pk,
        url=reverse("provider:bed_offer", args=[placement.pk]),
        what=placement.get_setting_display(),
        status=placement.status,
        status_label=placement.get_status_display(),
        start_date=placement.start_date,
        length_days=0,
        calls=[],
        minutes_per_day=0,
        double_handed=Skill.DOUBLE_HANDED in skills,
        skills=[Skill(s).label for s in skills if s in Skill.values],
        locality=case.locality.name,
        area=case.referral.person.postcode_district,
        offered_at=placement.arranged_at,
        deadline=placement.offer_deadline,
        answered_at=placement.answered_at,
        answered_by=(answered.get_full_name() or answered.username) if answered else "",
        decline_reason=placement.decline_reason,
    )


RELATED = (
    "case__locality",
    "case__referral__person",
    "case__risk_screen",
    "case__ot_review",
    "answered_by",
)


def _placements(provider: Provider):
    return Placement.objects.filter(provider=provider).select_related(*RELATED)


def _starts(provider: Provider):
    return ReablementStart.objects.filter(provider=provider).select_related(*RELATED)


def offer_inbox(provider: Provider) -> tuple[list[Offer], list[Offer]]:
    """(open offers, soonest deadline first; those answered or expired lately)."""
    offers_expire_all()  # a deadline passed since the last check
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    waiting, answered = [], []
    for records, shown in (
        (_starts(provider), _offer),
        (_placements(provider), _bed_offer),
    ):
        waiting += [shown(r) for r in records.filter(status=OFFERED)]
        answered += [
            shown(r)
            for r in records.filter(answered_at__gte=since).exclude(status=OFFERED)
        ]
    waiting.sort(key=lambda o: (o.deadline, o.pk))
    answered.sort(key=lambda o: o.answered_at, reverse=True)
    return waiting, answered


def offer_get_for_provider(
    *, provider: Provider, pk: int
) -> tuple[ReablementStart, Offer]:
    """One of this provider's offers; any other is not found (404)."""
    offers_expire_all()
    start = _starts(provider).filter(pk=pk).first()
    if start is None:
        raise Http404("No such offer.")
    return start, _offer(start)


def bed_offer_get_for_provider(
    *, provider: Provider, pk: int
) -> tuple[Placement, Offer]:
    """One of this setting's bed offers; any other is not found (404)."""
    offers_expire_all()
    placement = _placements(provider).filter(pk=pk).first()
    if placement is None:
        raise Http404("No such offer.")
    return placement, _bed_offer(placement)
