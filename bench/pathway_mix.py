"""The pathway mix the rules recommend before OT review, on the synthetic
population of bench/pathway_population.py (its docstring says who they are
and where each proportion comes from).

    python bench/pathway_mix.py [--people N] [--seed S]

Prints the share of each pathway against the guidance's expected mix
(50/45/4/1, target within 10 points each), and for each pathway the
criteria that put people there (pathways/rules.py, with the guidance's
words). Runs the same rules the hub runs, without a database.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

EXPECTED = {0: 50, 1: 45, 2: 4, 3: 1}
TOLERANCE = 10  # points


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from pathway_population import people

    from pathways.rules import CRITERIA, Facts, pathway_for
    from triage.models import RiskScreen
    from triage.rules import screen_score

    criteria = {c.code: c for c in CRITERIA}
    mix, why = Counter(), Counter()
    population = people(args.people, args.seed)
    for person in population:
        screen = RiskScreen(**person.screen)
        _score, level, _flags, _fired = screen_score(screen)
        facts = Facts(
            usual_residence=person.usual_residence,
            existing_support=person.existing_support,
            lives_alone=screen.lives_alone,
            carers_needed=screen.carers_needed,
            medication_support=screen.medication_support,
            hoist_needed=screen.hoist_needed,
            needs_24_hour_care=screen.needs_24_hour_care,
            cognitive_impairment=screen.cognitive_impairment,
            capacity_concern=screen.capacity_concern,
            falls_last_year=screen.falls_last_year,
            skin_integrity=screen.skin_integrity,
            continence=screen.continence,
            risk_level=level,
        )
        recommendation = pathway_for(facts)
        mix[int(recommendation.pathway)] += 1
        why[recommendation.criterion.code] += 1

    n = len(population)
    print(f"Pathway mix before OT review: {n} synthetic people 65+, seed {args.seed}")
    print(f"{'pathway':<8}{'people':>8}{'share':>8}{'expected':>10}{'off by':>8}  ok")
    worst = 0.0
    for pathway in range(4):
        share = 100 * mix[pathway] / n
        off = share - EXPECTED[pathway]
        worst = max(worst, abs(off))
        ok = "yes" if abs(off) <= TOLERANCE else "NO"
        print(
            f"{pathway:<8}{mix[pathway]:>8}{share:>7.1f}%{EXPECTED[pathway]:>9}%"
            f"{off:>+8.1f}  {ok}"
        )
    print(f"Largest difference {worst:.1f} points (target within {TOLERANCE}).")
    print()
    for pathway in range(4):
        print(f"Pathway {pathway}, because:")
        rows = [(c, k) for c, k in why.items() if criteria[c].pathway == pathway]
        for code, count in sorted(rows, key=lambda row: -row[1]):
            share = 100 * count / n
            print(f"  {share:5.1f}%  {criteria[code].text}")
    return 0 if worst <= TOLERANCE else 1


if __name__ == "__main__":
    sys.exit(main())
