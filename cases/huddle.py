"""Reads for "Why not home today?" (the daily huddle board per hospital and
ward) and the daily discharge situation report, over the cases in the
user's scope (cases.selectors.case_scope)."""

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from .delays import Coverage, delay_coverage
from .exports import csv_safe
from .models import DelayRecord, DischargeCase
from .selectors import case_scope

ONE_DAY = datetime.timedelta(days=1)


@dataclass
class HuddleRow:
    case: DischargeCase
    days: int
    coverage: Coverage

    @property
    def current(self) -> DelayRecord | None:
        return self.coverage.current

    @property
    def arrangement(self):
        """The reablement start or placement made for the case, if any: the
        board says whether it is only offered or agreed."""
        start = getattr(self.case, "reablement_start", None)
        return start or getattr(self.case, "placement", None)


def _with_delays(cases):
    records = DelayRecord.objects.filter(entered_in_error=False).select_related(
        "reason", "owner"
    )
    return cases.prefetch_related(Prefetch("delay_records", queryset=records))


def huddle_places(user) -> tuple[list[str], list[str]]:
    """The hospitals and wards of open cases in scope, for the board's filter."""
    open_cases = case_scope(user).filter(outcome=DischargeCase.Outcome.OPEN)
    hospitals = open_cases.exclude(referral__hospital="").values_list(
        "referral__hospital", flat=True
    )
    wards = open_cases.exclude(referral__ward="").values_list(
        "referral__ward", flat=True
    )
    return sorted(set(hospitals)), sorted(set(wards))


def huddle_rows(
    user, *, hospital: str = "", ward: str = "", today: datetime.date
) -> tuple[list[HuddleRow], list[DischargeCase]]:
    """Everyone in scope past their discharge ready date, longest delayed
    first; and those who no longer meet the criteria to reside but have no
    date yet (a DRD is needed)."""
    cases = case_scope(user).filter(outcome=DischargeCase.Outcome.OPEN)
    if hospital:
        cases = cases.filter(referral__hospital=hospital)
    if ward:
        cases = cases.filter(referral__ward=ward)
    delayed = _with_delays(
        cases.filter(referral__discharge_ready_date__lt=today).select_related(
            "reablement_start__provider", "placement__provider"
        )
    )
    rows = []
    for case in delayed:
        rows.append(
            HuddleRow(case, case.delay_days(today), delay_coverage(case, today))
        )
    rows.sort(key=lambda row: (-row.days, row.case.pk))
    needing = cases.filter(
        referral__discharge_ready_date__isnull=True,
        referral__meets_criteria_to_reside=False,
    ).order_by("referral__received_at")
    return rows, list(needing)


# The daily situation report --------------------------------------------------

SITREP_HEADER = [
    "report_date",
    "hospital",
    "measure",
    "pathway",
    "delay_reason_code",
    "delay_reason",
    "days_delayed_band",
    "people",
]
BANDS = ((1, 1, "1"), (2, 3, "2-3"), (4, 6, "4-6"), (7, 13, "7-13"), (14, 20, "14-20"))


def delay_band(days: int) -> str:
    for low, high, label in BANDS:
        if low <= days <= high:
            return label
    return "21+"


def _pathway(case: DischargeCase) -> str:
    return "" if case.pathway is None else str(case.pathway)


def sitrep_counts(user, day: datetime.date) -> Counter:
    """Counts for `day`, keyed (hospital, measure, pathway, reason code,
    reason, band). Uses each case's current DRD (the measure's own rule)."""
    counts: Counter = Counter()
    in_hospital_on_day = (
        Q(outcome=DischargeCase.Outcome.OPEN)
        | Q(actual_discharge__date__gte=day)
        | Q(outcome=DischargeCase.Outcome.CLOSED, closed_at__date__gt=day)
    )
    cases = _with_delays(
        case_scope(user)
        .filter(referral__discharge_ready_date__lte=day)
        .filter(in_hospital_on_day)
    )
    for case in cases:
        hospital = case.referral.hospital or "(hospital not given)"
        pathway = _pathway(case)
        counts[
            (hospital, "no_longer_meet_criteria_to_reside", pathway, "", "", "")
        ] += 1
        left = case.actual_discharge
        discharged = left is not None and timezone.localtime(left).date() == day
        if discharged:
            counts[(hospital, "discharged", pathway, "", "", "")] += 1
            continue
        days = (day - case.referral.discharge_ready_date).days
        if days < 1:
            counts[(hospital, "remaining_not_yet_delayed", pathway, "", "", "")] += 1
            continue
        record = _record_on(case, day)
        code = record.reason.code if record else "not-recorded"
        label = record.reason.label if record else "No reason recorded"
        band = delay_band(days)
        counts[(hospital, "remaining_delayed", pathway, code, label, band)] += 1
    return counts


def _record_on(case: DischargeCase, day: datetime.date) -> DelayRecord | None:
    for record in case.delay_records.all():
        if record.from_date <= day and (
            record.to_date is None or record.to_date >= day
        ):
            return record
    return None


def sitrep_csv(user, day: datetime.date) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SITREP_HEADER)
    for key, people in sorted(sitrep_counts(user, day).items()):
        writer.writerow([day.isoformat(), *[csv_safe(v) for v in key], people])
    return out.getvalue()
