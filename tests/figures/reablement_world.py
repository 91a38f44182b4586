"""Hand-built reablement episodes whose figures the tests work out by hand.

The period is the week Monday 9 to Sunday 15 November 2026 and "today" is
Friday 20 November 2026, as in world.py. Episodes are written straight to
the database (the flow that makes them is tested in tests/reablement).

Ended in the period (all Northfield), one per sequel and two low-level:

  ep   sequel        started  ended  days  hours start → end
  L1   low_level     01/10    10/11   40   14   → 3.5
  L2   low_level     02/11    12/11   10    7   → 0
  ST   sts_other     05/10    11/11   37   10.5 → 3.5
  UN   universal     01/10    12/11   42   14   → 0
  NN   no_needs      02/10    13/11   42    7   → 0
  LT   lts           30/09    14/11   45   21   → 21
  EN   early_nhs     03/11    12/11    9   14   → 14
  EO   early_other   01/11    15/11   14    7   → 7
  EL   early_lts     24/10    13/11   20   14   → 14
  SF   self_funding  15/10    14/11   30    7   → 3.5
  DE   declined      09/11    14/11    5    3.5 → 3.5

Going on past the period: R1 started 13/11 (active), R2 started 20/10
(paused in hospital), R3 started 01/11 and ended 18/11, and in Southbrook
S1 started 10/11 (active).

The ASCOF 2B cohort: 91 days before 9-15/11 is 10-16/08/2026, so the
episodes that started (were discharged) 10-16/08:

  ep   born        started  age  at 91 days
  F1   01/01/1946  10/08    80   at home
  F2   01/01/1956  12/08    70   in hospital
  F3   01/01/1936  14/08    90   not known
  F4   16/08/1961  16/08    65   not recorded (65 on the very day)
  F5   17/08/1961  15/08    64   — (under 65: not in 2B)
  F8   01/01/1941  13/08    85   died
  F9   01/01/1938  15/08    88   in a care home
  P1   01/01/1948  11/08    78   at home (readmitted 20/08, home again
                                   25/08: one episode, one 91-day date)
  Q1   01/01/1950  13/08    76   at home (readmitted 20/08, the episode
                                   ended; discharged again on a new case
                                   01/09 (Q2), whose 91 days are not up)
  S2   01/01/1956  12/08    70   at home (Southbrook)

and outside it: F6 started 09/08 (its 91st day is 08/11), F7 started 17/08
(its 91st day is 16/11). All of them ended before the period.
"""

import datetime

from cases.validators import age_on
from reablement.models import Episode, Readmission
from testkit import episode_case, episode_case_for, episode_row

D = datetime.date


def build(localities, user) -> dict:
    north, south = localities
    old = D(1940, 1, 1)
    made = {}

    def ended(key, sequel, started, end, start_hours, end_hours, where=north):
        case = episode_case(key, where, old, started)
        made[key] = episode_row(
            case, started, ended=end, sequel=sequel, hours=(start_hours, end_hours)
        )

    ended("L1", "low_level", D(2026, 10, 1), D(2026, 11, 10), 14, 3.5)
    ended("L2", "low_level", D(2026, 11, 2), D(2026, 11, 12), 7, 0)
    ended("ST", "sts_other", D(2026, 10, 5), D(2026, 11, 11), 10.5, 3.5)
    ended("UN", "universal", D(2026, 10, 1), D(2026, 11, 12), 14, 0)
    ended("NN", "no_needs", D(2026, 10, 2), D(2026, 11, 13), 7, 0)
    ended("LT", "lts", D(2026, 9, 30), D(2026, 11, 14), 21, 21)
    ended("EN", "early_nhs", D(2026, 11, 3), D(2026, 11, 12), 14, 14)
    ended("EO", "early_other", D(2026, 11, 1), D(2026, 11, 15), 7, 7)
    ended("EL", "early_lts", D(2026, 10, 24), D(2026, 11, 13), 14, 14)
    ended("SF", "self_funding", D(2026, 10, 15), D(2026, 11, 14), 7, 3.5)
    ended("DE", "declined", D(2026, 11, 9), D(2026, 11, 14), 3.5, 3.5)
    ended("R3", "low_level", D(2026, 11, 1), D(2026, 11, 18), 7, 3.5)
    made["R1"] = episode_row(
        episode_case("R1", north, old, D(2026, 11, 13)), D(2026, 11, 13)
    )
    made["R2"] = episode_row(
        episode_case("R2", north, old, D(2026, 10, 20)),
        D(2026, 10, 20),
        state=Episode.State.PAUSED,
    )
    made["S1"] = episode_row(
        episode_case("S1", south, old, D(2026, 11, 10)), D(2026, 11, 10)
    )

    def followed(key, born, started, where, locality=north):
        case = episode_case(key, locality, born, started)
        aged_65 = age_on(born, started) >= 65
        made[key] = episode_row(
            case,
            started,
            ended=started + datetime.timedelta(days=35),
            sequel="universal",
            followup=started + datetime.timedelta(days=91) if aged_65 else None,
            where=where,
        )
        return case

    followed("F1", D(1946, 1, 1), D(2026, 8, 10), "home")
    followed("F2", D(1956, 1, 1), D(2026, 8, 12), "hospital")
    followed("F3", D(1936, 1, 1), D(2026, 8, 14), "not_known")
    followed("F4", D(1961, 8, 16), D(2026, 8, 16), "")
    followed("F5", D(1961, 8, 17), D(2026, 8, 15), "")
    followed("F8", D(1941, 1, 1), D(2026, 8, 13), "died")
    followed("F9", D(1938, 1, 1), D(2026, 8, 15), "care_home")
    followed("F6", D(1950, 1, 1), D(2026, 8, 9), "home")
    followed("F7", D(1950, 1, 1), D(2026, 8, 17), "")
    followed("S2", D(1956, 1, 1), D(2026, 8, 12), "home", locality=south)
    followed("P1", D(1948, 1, 1), D(2026, 8, 11), "home")
    Readmission.objects.create(
        episode=made["P1"],
        admitted_on=D(2026, 8, 20),
        reason="Fall",
        ends=False,
        resumed_on=D(2026, 8, 25),
        recorded_by=user,
    )
    q1 = followed("Q1", D(1950, 1, 1), D(2026, 8, 13), "home")
    Episode.objects.filter(pk=made["Q1"].pk).update(
        ended_on=D(2026, 8, 20), sequel="early_other"
    )
    Readmission.objects.create(
        episode=made["Q1"],
        admitted_on=D(2026, 8, 20),
        reason="Chest infection",
        ends=True,
        recorded_by=user,
    )
    made["Q2"] = episode_row(
        episode_case_for(q1.referral.person, north, D(2026, 9, 1)),
        D(2026, 9, 1),
        ended=D(2026, 10, 10),
        sequel="lts",
        followup=D(2026, 12, 1),
    )
    return made
