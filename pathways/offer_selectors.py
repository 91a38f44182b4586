"""What a provider reads of its offers: only what it needs to decide (the
calls, bands, skills, start date, area and deadline), never the person's
name, NHS number or record. The case itself never reaches the template."""

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from .models import Band, Provider, ReablementStart, Skill
from .offer_services import offers_expire_all
from .selectors import case_skills

RECENT_DAYS = 14  # answered offers stay in the inbox this long


@dataclass(frozen=True)
class Offer:
    pk: int
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


def _starts(provider: Provider):
    return ReablementStart.objects.filter(provider=provider).select_related(
        "case__locality",
        "case__referral__person",
        "case__risk_screen",
        "case__ot_review",
        "answered_by",
    )


def offer_inbox(provider: Provider) -> tuple[list[Offer], list[Offer]]:
    """(open offers, soonest deadline first; those answered or expired lately)."""
    offers_expire_all()  # a deadline passed since the last check
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    starts = _starts(provider)
    waiting = starts.filter(status=ReablementStart.Status.OFFERED)
    answered = starts.filter(answered_at__gte=since).exclude(
        status=ReablementStart.Status.OFFERED
    )
    return (
        [_offer(s) for s in waiting.order_by("offer_deadline", "pk")],
        [_offer(s) for s in answered.order_by("-answered_at")],
    )


def offer_get_for_provider(
    *, provider: Provider, pk: int
) -> tuple[ReablementStart, Offer]:
    """One of this provider's offers; any other is not found (404)."""
    offers_expire_all()
    start = _starts(provider).filter(pk=pk).first()
    if start is None:
        raise Http404("No such offer.")
    return start, _offer(start)
