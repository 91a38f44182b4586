"""Reablement: episodes started and ended, their length, hours of support a
week at the start and the end, outcomes by sequel, and ASCOF 2A and 2B.

Every figure is a database aggregate over `reablement.Episode` rows of the
scope's localities (the case's locality); nothing loops over episodes.

Outcomes. An episode's outcome is its sequel to short-term support to
maximise independence (ST-Max): the ten sequels SALT measure STS002a
breaks down for the requests whose STS001 sequel was ST-Max
(reablement/codes.py). "Ended in the period" means ended_on in the period.

ASCOF 2A, "the proportion of people who received short-term services
during the year (who previously were not receiving services) where no
further request was made for ongoing support". The 2023-24 definition
(NHS England, "Reproducing ASCOF metrics from CLD: ASCOF 2A", which keeps
the SALT principles) counts ST-Max events by their sequel:
  denominator: "long term support (any setting); ongoing low level support;
  short term support (other); no services provided – universal services /
  signposted to other services; no services provided – other";
  numerator: the same less long term support.
So here, over the episodes ended in the period:
  - numerator: ongoing low level support, short term support (other),
    universal services/signposted, no identified needs (SALT's "no services
    provided – no identified needs", which the 2023-24 mapping calls
    "no services provided – other");
  - denominator: the numerator's sequels and long term support (any setting);
  - left out: the three early cessations (NHS-funded care/end of life/
    deceased, other reason, leading to long-term support), needs identified
    but self-funding, and support declined.
  Every episode counts once, a person with two episodes twice ("each
  instance of ST-Max with a known sequel should be included, including
  multiple instances for the same client", STS002a). Limitation: the
  definition is for new clients (no long-term support when the request was
  made); the hub does not know whether care before admission was the
  council's long-term support, so it cannot leave existing clients out.

ASCOF 2B, "the proportion of older people (65 and over) who were still at
home 91 days after discharge from hospital into reablement/rehabilitation
services" (SALT STS004): "the proportion of older people discharged from
hospital to their own home ... for rehabilitation ... who are at home ...
91 days after the date of their discharge from hospital. Those who are in
hospital or in a registered care home ... at the three month date and those
who have died within the three months are not reported in the numerator."
  - cohort: episodes whose 91st day after discharge (started_on + 91) falls
    in the period and has come (on or before today): the national return
    takes the discharges of a quarter and follows each up 91 days later;
    a weekly or monthly view asks "whose 91 days were up this week?";
  - age: 65 or over on the day of discharge ("clients are aged 65 or over
    at the date of discharge", STS004), worked out from the date of birth
    in the database; a 64-year-old is left out (counted apart);
  - numerator: the follow-up recorded "at home";
  - denominator: everyone in the cohort. In hospital, in a care home, died
    and "not known" are not at home (the guidance: not known counts as not
    at home). A follow-up not recorded once its day has passed is what the
    hub knows of where the person is: not known, so in the denominator and
    not the numerator; the table shows how many, so they can be chased;
  - one row per discharge (STS004 counts "discharges in period to
    rehabilitation"): readmitted during the episode and home again, the
    person has one episode and one 91-day date, from the first discharge;
    readmitted, the episode ended and later discharged on a new case, the
    person has two episodes and counts for each discharge.

Length: ended_on − started_on in calendar days, the days paused in hospital
included. Hours a week: the episode's hours_at_start and hours_at_end (from
the visit plan's calls on its first and last day), for the episodes ended
in the period, so start and end describe the same people.
"""

import datetime

from django.db.models import Avg, Count, F, FloatField, Max, Min, Q, QuerySet
from django.db.models.functions import Cast

from reablement.codes import EARLY, Sequel, WhereAt91
from reablement.models import Episode
from reablement.settings import setting

from ..registry import Chart, Scope, Section, Table, register
from ..stats import YearsBefore, days_between, percentile

ASCOF_2A_NUMERATOR = (
    Sequel.LOW_LEVEL,
    Sequel.STS_OTHER,
    Sequel.UNIVERSAL,
    Sequel.NO_NEEDS,
)
ASCOF_2A_DENOMINATOR = (*ASCOF_2A_NUMERATOR, Sequel.LTS)
ASCOF_2B_AGE = 65
NOT_RECORDED = "Follow-up not recorded (not known: not at home)"


def episodes(scope: Scope) -> QuerySet[Episode]:
    return Episode.objects.filter(case__locality__in=scope.localities)


def ended(scope: Scope) -> QuerySet[Episode]:
    return episodes(scope).filter(
        state=Episode.State.ENDED,
        ended_on__gte=scope.start,
        ended_on__lte=scope.end,
    )


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else ""


def _number(value, places: int = 1) -> str:
    return "" if value is None else f"{float(value):.{places}f}"


def _days(value: datetime.timedelta | None) -> str:
    return "" if value is None else _number(value.total_seconds() / 86400)


def started_and_ended(scope: Scope) -> Table:
    counts = episodes(scope).aggregate(
        started=Count(
            "pk", filter=Q(started_on__gte=scope.start, started_on__lte=scope.end)
        ),
        going=Count(
            "pk",
            filter=Q(started_on__lte=scope.last_day)
            & (Q(ended_on__isnull=True) | Q(ended_on__gt=scope.last_day)),
        ),
    )
    finished = ended(scope).aggregate(
        n=Count("pk"), early=Count("pk", filter=Q(sequel__in=EARLY))
    )
    return Table(
        "reablement_episodes",
        "Reablement episodes started and ended",
        ["Measure", "Episodes"],
        [
            ["Started in the period", counts["started"]],
            ["Ended in the period", finished["n"]],
            ["Of those, ended early (early cessation)", finished["early"]],
            [
                f"Going on at {scope.last_day:%d/%m/%Y} (active or paused)",
                counts["going"],
            ],
        ],
        Chart("bar", 0, (1,)),
        note="An episode starts on the day of discharge home and ends with its "
        "sequel; early cessation includes a readmission that ended it.",
    )


def length(scope: Scope) -> Table:
    lengths = ended(scope).annotate(days=days_between("ended_on", "started_on"))
    extremes = lengths.aggregate(shortest=Min("days"), longest=Max("days"))
    return Table(
        "reablement_length",
        "Length of the episodes ended in the period",
        ["Measure", "Days"],
        [
            ["Median", _days(percentile(lengths, "days", 0.5))],
            ["90th percentile", _days(percentile(lengths, "days", 0.9))],
            ["Shortest", _days(extremes["shortest"])],
            ["Longest", _days(extremes["longest"])],
        ],
        Chart("bar", 0, (1,), "days"),
        note="Calendar days from the discharge to the end, days paused in "
        "hospital included; six weeks is 42 days.",
    )


def hours(scope: Scope) -> Table:
    done = ended(scope).annotate(
        start=Cast("hours_at_start", FloatField()),
        end=Cast("hours_at_end", FloatField()),
    )
    means = done.aggregate(start=Avg("hours_at_start"), end=Avg("hours_at_end"))
    return Table(
        "reablement_hours",
        "Hours of support a week at the start and at the end",
        ["Measure", "At the start", "At the end"],
        [
            ["Average (mean)", _number(means["start"]), _number(means["end"])],
            [
                "Median",
                _number(percentile(done, "start", 0.5)),
                _number(percentile(done, "end", 0.5)),
            ],
        ],
        Chart("grouped", 0, (1, 2), "hours a week"),
        note="Carer hours a week of the episodes ended in the period, on "
        "their first day and on their last.",
    )


def _in_2a(sequel: str) -> str:
    if sequel in ASCOF_2A_NUMERATOR:
        return "Yes: no further request for ongoing support"
    if sequel in ASCOF_2A_DENOMINATOR:
        return "Yes: not a success"
    return "No: left out"


def outcomes(scope: Scope) -> Table:
    counts = dict(
        ended(scope).values("sequel").annotate(n=Count("pk")).values_list("sequel", "n")
    )
    rows = [
        [sequel.label, counts.get(sequel.value, 0), _in_2a(sequel)] for sequel in Sequel
    ]
    rows.append(["All sequels", sum(counts.values()), ""])
    return Table(
        "reablement_outcomes",
        "Outcomes: sequel to short-term support (SALT STS002a)",
        ["Sequel", "Episodes ended", "In ASCOF 2A"],
        rows,
        Chart("bar", 0, (1,)),
        note="Episodes ended in the period by what followed reablement.",
    )


def followup_cohort(scope: Scope) -> QuerySet[Episode]:
    """Episodes whose 91st day after discharge is in the period and has
    come (whatever the person's age: see `aged_65`)."""
    wait = datetime.timedelta(days=setting("FOLLOWUP_DAYS"))
    return episodes(scope).filter(
        started_on__gte=scope.start - wait,
        started_on__lte=scope.last_day - wait,
    )


def aged_65() -> Q:
    """65 or over on the day of discharge (the episode's first day)."""
    born_by = YearsBefore(F("started_on"), ASCOF_2B_AGE)
    return Q(case__referral__person__date_of_birth__lte=born_by)


def ascof(scope: Scope) -> tuple[Table, Table]:
    two_a = ended(scope).aggregate(
        numerator=Count("pk", filter=Q(sequel__in=ASCOF_2A_NUMERATOR)),
        denominator=Count("pk", filter=Q(sequel__in=ASCOF_2A_DENOMINATOR)),
        left_out=Count("pk", filter=~Q(sequel__in=ASCOF_2A_DENOMINATOR)),
    )
    older = aged_65()
    where = {
        f"where_{w.value}": Count("pk", filter=older & Q(followup_where=w.value))
        for w in WhereAt91
    }
    two_b = followup_cohort(scope).aggregate(
        denominator=Count("pk", filter=older),
        not_recorded=Count("pk", filter=older & Q(followup_where="")),
        under_age=Count("pk", filter=~older),
        **where,
    )
    numerator_2b = two_b[f"where_{WhereAt91.HOME.value}"]
    table = Table(
        "ascof",
        "ASCOF 2A and 2B",
        ["Measure", "Numerator", "Denominator", "Proportion (%)", "Not counted"],
        [
            [
                "2A: short-term support with no further request for ongoing support",
                two_a["numerator"],
                two_a["denominator"],
                _pct(two_a["numerator"], two_a["denominator"]),
                two_a["left_out"],
            ],
            [
                "2B: aged 65+, still at home 91 days after discharge",
                numerator_2b,
                two_b["denominator"],
                _pct(numerator_2b, two_b["denominator"]),
                two_b["under_age"],
            ],
        ],
        Chart("grouped", 0, (1, 2), "people"),
        note="2A: episodes ended in the period; not counted are the sequels the "
        "definition leaves out (early cessation, self-funding, support "
        "declined). 2B: people whose 91st day after discharge fell in the "
        "period (up to today); not counted are those under 65 on the day of "
        "discharge. A follow-up not recorded counts as not at home.",
    )
    rows = [[w.label, two_b[f"where_{w.value}"]] for w in WhereAt91]
    rows.append([NOT_RECORDED, two_b["not_recorded"]])
    rows.append(["All aged 65+ (the 2B denominator)", two_b["denominator"]])
    followups = Table(
        "ascof_2b_where",
        "ASCOF 2B: where people were 91 days after discharge",
        ["Where", "People"],
        rows,
        Chart("bar", 0, (1,)),
        note="Only at home counts as at home.",
    )
    return table, followups


def compute(scope: Scope) -> list[Table]:
    return [
        started_and_ended(scope),
        length(scope),
        hours(scope),
        outcomes(scope),
        *ascof(scope),
    ]


register(Section("reablement", "Reablement after discharge", compute, order=35))
