"""Tables as CSV and the pack as PDF."""

import csv
import io

from cases.pdf import render_pdf

from . import charts
from .registry import Scope, Table, tables


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return out.getvalue()


def with_charts(scope: Scope):
    computed = tables(scope)
    for _section, section_tables in computed:
        for table in section_tables:
            table.svg = charts.render(table)
    return computed


def pack_pdf(*, scope: Scope, printed_by) -> bytes:
    return render_pdf(
        "mi/pack.html",
        {"scope": scope, "sections": with_charts(scope), "printed_by": printed_by},
    )
