"""Grow a copy of the demo database to SIZE cases in bulk SQL (bench/pages.py).

    DATABASE_URL=postgres://.../hub_bench_100000 python bench/grow.py 100000

Every row that belongs to a case or a concern (people, referrals, Viewflow
processes and tasks, stage records, orders, contacts, concerns, their history
rows) is copied K times with its ids moved by k × OFFSET and its dates moved
back: copies 1..O-1 a few days (the open work, ×O with the demo's own; an
offer's deadline is not moved, so it still waits on its answer), the
rest spread over ten years and closed, as the app closes a case (a reason,
who, when; Viewflow's open tasks and process cancelled). Reference data
(localities, staff, providers, capacity and bed vacancies, the catalogue,
timescales) is not copied. The copies get new NHS numbers from the 999 range
and surnames from the demo's list, so names repeat as they do in a county.
"""

# ruff: noqa: S608 - SQL built from the models' own table and column names
import math
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402

from cases.validators import nhs_check_digit  # noqa: E402
from hub.demo import FAMILY  # noqa: E402

OFFSET = 200_000
YEARS = 10
APPS = ("cases", "triage", "pathways", "equipment", "safeguarding")
REFERENCE = (  # not copied: reference data and allocation runs
    "locality",
    "staff",
    "provider",
    "providercapacity",
    "bedvacancy",
    "allocationrun",
    "allocationproposal",
    "equipmentitem",
    "timescalepolicy",
    "risktypecode",
    "delayreason",
    "providerstaff",
)
OPEN_TASK = ("NEW", "ASSIGNED", "STARTED", "SCHEDULED", "ERROR")


def _copied_models() -> list[type[models.Model]]:
    from viewflow.workflow.models import Process, Task

    chosen = [Process, Task, Task.previous.through]
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in APPS or model in chosen:
            continue
        original = getattr(model, "instance_type", None) or model
        through = model._meta.auto_created
        owner = through._meta.model_name if through else original._meta.model_name
        if owner.removeprefix("historical").split("_")[0] not in REFERENCE:
            chosen.append(model)
    return chosen


def _select(model, tables: set[str]) -> tuple[list[str], list[str]]:
    """Columns, and the expression copying each one for copy `k`."""
    original = getattr(model, "instance_type", None)
    columns, values = [], []
    for field in model._meta.local_concrete_fields:
        col, expr = field.column, f'"{field.column}"'
        moved = field.primary_key and not field.is_relation
        moved |= field.is_relation and field.related_model._meta.db_table in tables
        moved |= original is not None and col == original._meta.pk.column
        moved |= col.endswith("_object_id")  # Viewflow's seed/artifact GFKs
        if col == "nhs_number":
            # unique placeholders until _renumber gives real ones
            expr = f"lpad((k * {OFFSET} + t.id)::text, 10, '0')"
        elif moved:
            expr = f"{expr} + k * {OFFSET}"
        elif col == "offer_deadline":
            # an open copy's offer waits on its answer as the demo's does (moved
            # back with the rest, it would expire on the first page load)
            expr = f"{expr} - held * interval '1 day'"
        elif isinstance(field, models.DateTimeField):
            expr = f"{expr} - shift * interval '1 day'"
        elif isinstance(field, models.DateField):
            expr = f"{expr} - shift"
        columns.append(f'"{col}"')
        values.append(expr)
    return columns, values


def grow(size: int) -> str:
    from cases.models import DischargeCase

    seed_cases = DischargeCase.objects.count()
    copies = max(math.ceil(size / seed_cases) - 1, 0)
    open_copies = max(size // 10_000, 1) - 1  # the demo's open work, ×10 at 100k
    history = copies - open_copies
    # copy k: open work for k <= open_copies, else history spread over YEARS
    shift = (
        f"CASE WHEN k <= {open_copies} THEN k % 5 "
        f"ELSE 30 + ((k - {open_copies}) * {YEARS * 365} / {max(history, 1)}) END"
    )
    chosen = _copied_models()
    tables = {m._meta.db_table for m in chosen}
    with transaction.atomic(), connection.cursor() as cur:
        # Copies of rows whose keys all hold: no foreign-key triggers (they
        # are deferred to the commit and would check millions of rows there).
        cur.execute("SET LOCAL session_replication_role = replica")
        for model in chosen:
            pk, table = model._meta.pk.column, model._meta.db_table
            cur.execute(f'SELECT coalesce(max("{pk}"), 0) FROM {table}')
            if cur.fetchone()[0] >= OFFSET:
                raise SystemExit(f"{table}: ids past {OFFSET}; raise OFFSET")
        for model in chosen:
            columns, values = _select(model, tables)
            table = model._meta.db_table
            cur.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"SELECT {', '.join(values)} FROM {table} AS t, "
                f"LATERAL (SELECT k, {shift} AS shift, "
                f"CASE WHEN k <= {open_copies} THEN 0 ELSE {shift} END AS held "
                f"FROM generate_series(1, {copies}) AS k) AS c "
                f'WHERE t."{model._meta.pk.column}" < {OFFSET}'
            )
        _close_history((open_copies + 1) * OFFSET, cur)
        _renumber(cur)
        for model in chosen:
            _reset_sequence(model, cur)
    _due_dates()
    with connection.cursor() as cur:
        # The copies closed above left a dead row version for every one (and
        # index entries pointing at them): a county's database, closing cases
        # one by one over ten years, would have had them vacuumed long ago,
        # but autovacuum waits for a fifth of a table to change, so without
        # this the measured pages would read them all.
        cur.execute("VACUUM ANALYZE")
    total = DischargeCase.objects.count()
    return f"{total} cases ({copies} copies of {seed_cases}, {open_copies + 1}× open)"


def _close_history(first_id: int, cur) -> None:
    """The history copies' open cases closed as the app closes them: an
    offered or agreed start or bed is given back (pathways/closing.py), so no
    offer of a case closed years ago is left to expire on the next page load."""
    for table, extra in (
        ("pathways_reablementstart", ""),
        ("pathways_placement", "AND s.provider_id IS NOT NULL "),
    ):
        cur.execute(
            f"UPDATE {table} s SET status = 'cancelled' "
            "FROM cases_dischargecase c WHERE c.process_ptr_id = s.case_id "
            f"AND c.outcome = 'open' AND c.process_ptr_id >= {first_id} "
            f"AND s.status IN ('offered', 'agreed') {extra}"
        )
    cur.execute(
        "UPDATE cases_dischargecase c SET outcome = 'closed', "
        "closed_because = 'not_needed', closure_reason = 'No longer needed', "
        "closed_at = p.created + interval '21 days', closed_by_id = c.coordinator_id "
        "FROM viewflow_process p WHERE p.id = c.process_ptr_id "
        f"AND c.outcome = 'open' AND c.process_ptr_id >= {first_id}"
    )
    cur.execute(
        "UPDATE viewflow_task SET status = 'CANCELED', "
        "finished = created + interval '21 days' "
        f"WHERE process_id >= {first_id} AND status IN {OPEN_TASK}"
    )
    cur.execute(
        "UPDATE viewflow_process SET status = 'CANCELED', "
        "finished = created + interval '21 days' "
        f"WHERE id >= {first_id} AND status = 'NEW'"
    )


def _due_dates() -> None:
    """The open concerns' next due dates, from their moved dates (moving a
    date by calendar days moves its working-day clock differently)."""
    from safeguarding.models import Concern
    from safeguarding.services import concerns_due_refresh

    closed = Concern.objects.exclude(status="NEW").exclude(next_due_on=None)
    closed.update(next_due_on=None)
    open_ids = Concern.objects.filter(status="NEW").values_list("pk", flat=True)
    concerns_due_refresh(concern_ids=list(open_ids))


def _renumber(cur) -> None:
    """Copies' NHS numbers from the 999 range (valid check digit) and surnames
    from the demo's list; their history rows follow."""
    cur.execute(f"SELECT id FROM cases_person WHERE id >= {OFFSET} ORDER BY id")
    ids = [row[0] for row in cur.fetchall()]
    cur.execute("SELECT nhs_number FROM cases_person")
    used = {row[0] for row in cur.fetchall()}
    numbers = (n for n in _numbers() if n not in used)
    rows = [(pk, next(numbers), surname(pk)) for pk in ids]
    cur.execute("CREATE TEMP TABLE renumber (id bigint, nhs text, family text)")
    with cur.copy("COPY renumber FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    for table in ("cases_person", "cases_historicalperson"):
        cur.execute(
            f"UPDATE {table} t SET nhs_number = r.nhs, family_name = r.family "
            "FROM renumber r WHERE r.id = t.id"
        )


# The demo's surnames with endings: a county's spread of names, where the
# commonest is held by a few in a thousand (not by one in twenty).
ENDINGS = ["", "ton", "ley", "field", "worth", "by", "well", "ford", "son", "ham"]
ENDINGS += ["ridge", "wood", "more", "den", "stead", "croft", "holm", "wick"]


def surname(pk: int) -> str:
    return FAMILY[pk % len(FAMILY)] + ENDINGS[(pk // len(FAMILY)) % len(ENDINGS)]


def _numbers():
    for serial in range(1_000_000):
        first_nine = f"999{serial:06d}"
        check = nhs_check_digit(first_nine)
        if check is not None:
            yield f"{first_nine}{check}"


def _reset_sequence(model, cur) -> None:
    pk = model._meta.pk
    if pk.is_relation:
        return
    table = model._meta.db_table
    cur.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', '{pk.column}'), "
        f'(SELECT coalesce(max("{pk.column}"), 1) FROM {table}))'
    )


if __name__ == "__main__":
    print(grow(int(sys.argv[1])))
