"""The case list as a CSV file, for a spreadsheet.

A cell that a spreadsheet would read as a formula (it starts with = + - @,
a tab or a carriage return) is written with a leading apostrophe, so a
name or note typed as "=HYPERLINK(...)" stays text (CSV injection).
"""

import csv
import io
from collections.abc import Iterator

from .models import DischargeCase

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "Case",
    "Person",
    "NHS number",
    "Locality",
    "Priority",
    "Pathway",
    "Stage",
    "Discharge ready date",
    "Days delayed",
]


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def case_list_csv_rows(cases, chunk_size: int = 2000) -> Iterator[str]:
    """One row per case, as the case list shows it (`cases` from case_filter,
    with their open tasks prefetched), as text for a streamed download: read
    `chunk_size` cases at a time (each chunk's open tasks in one query), so
    every case is written and never all of them are in memory at once."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    yield _flush(out)
    for case in cases.iterator(chunk_size=chunk_size):
        writer.writerow([csv_safe(value) for value in _row(case)])
        if out.tell() > 64 * 1024:
            yield _flush(out)
    yield _flush(out)


def _flush(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def case_list_csv(cases, on_rows=None, every: int = 2000) -> str:
    """The same rows as one text (a background export's file). `on_rows(n)`
    hears how many rows are written, every `every` rows (the run's progress);
    the cases are then read in chunks of that many, not all at once."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    rows = cases.iterator(chunk_size=every) if on_rows else cases
    for written, case in enumerate(rows, 1):
        writer.writerow([csv_safe(value) for value in _row(case)])
        if on_rows and written % every == 0:
            on_rows(written)
    return out.getvalue()


def _row(case: DischargeCase) -> list:
    person, drd = case.referral.person, case.referral.discharge_ready_date
    tasks = getattr(case, "open_tasks", [])
    stage = " + ".join(str(t.flow_task.task_title) for t in tasks)
    return [
        case.reference,
        person.full_name,
        person.nhs_number_display,
        case.locality.name,
        case.get_priority_display(),
        case.get_pathway_display() if case.pathway is not None else "",
        stage or case.get_outcome_display(),
        drd.strftime("%d/%m/%Y") if drd else "",
        case.delay_days() if drd else "",
    ]
