"""The result page's charts and their tables: bars through mi.charts (the
hub's figures' SVG helper), the waiting list by day as a line chart drawn
the same way (static SVG, no script)."""

import base64
import io

from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from mi import charts
from mi.registry import Chart, Table

from ..params import BANDS
from ..report import table_rows


def tables(report: dict) -> list[Table]:
    """The figures side by side, delayed bed-days, capacity used, waiting."""
    policies = report["policies"]
    names = list(policies)
    header, rows = table_rows(report)
    figures = Table(
        slug="figures",
        title="Each policy's figures",
        columns=["Figure", *names],
        rows=rows,
    )
    delayed = Table(
        slug="delayed",
        title="Delayed bed-days by policy",
        columns=["Policy", "All pathways", "Pathway 1 (reablement)"],
        rows=[
            [name, s["delayed_bed_days"], s["delayed_bed_days_p1"]]
            for name, s in policies.items()
        ],
        chart=Chart(kind="grouped", label=0, values=(1, 2), unit="bed-days"),
    )
    used = Table(
        slug="capacity-used",
        title="Capacity used, per band (%)",
        columns=["Band", *names],
        rows=[
            [band.title(), *(policies[n]["capacity_used"][band] for n in names)]
            for band in BANDS
        ],
        chart=Chart(
            kind="grouped",
            label=0,
            values=tuple(range(1, len(names) + 1)),
            unit="% of the providers' capacity",
        ),
        note="Carer-minutes booked over the run's days, as a share of capacity "
        "(weekend dips and sickness included).",
    )
    for table in (delayed, used):
        table.svg = charts.render(table)
    return [figures, delayed, used]


def waiting_table(report: dict) -> Table:
    names = list(report["policies"])
    series = [report["policies"][n]["waiting_by_day"] for n in names]
    days = len(series[0]) if series else 0
    return Table(
        slug="waiting",
        title="People ready to leave and still in hospital, at each day's end",
        columns=["Day", *names],
        rows=[[day + 1, *(s[day] for s in series)] for day in range(days)],
    )


def waiting_svg(table: Table) -> str:
    """A line per policy: the waiting list day by day, as an SVG data URI."""
    if not table.rows:
        return ""
    figure = Figure(figsize=(6.4, 3.2))
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    days = [row[0] for row in table.rows]
    for n, name in enumerate(table.columns[1:]):
        axes.plot(
            days,
            [row[n + 1] for row in table.rows],
            color=charts.COLOURS[n % len(charts.COLOURS)],
            linestyle=("-", "--", ":", "-.")[n % 4],
            label=name,
        )
    axes.set_xlabel("Day")
    axes.set_ylabel("People waiting")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=8, frameon=False, loc="upper left")
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def waiting_summary(table: Table) -> str:
    """The line chart's text alternative: where each line starts, peaks, ends."""
    parts = []
    for n, name in enumerate(table.columns[1:]):
        values = [row[n + 1] for row in table.rows]
        if values:
            parts.append(
                f"{name}: {values[0]} on day 1, at most {max(values)}, "
                f"{values[-1]} on the last day"
            )
    return f"{table.title}. " + "; ".join(parts) + "."
