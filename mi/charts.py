"""Charts as static SVG, drawn on the server with matplotlib's object API
(no pyplot global state, no JavaScript, no network); the same SVG goes into
the page and the PDF pack."""

import io
import re

from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from .registry import Table

COLOURS = ("#005eb8", "#ffb81c", "#768692", "#009639")


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def render(table: Table) -> str:
    """The table's chart as an <svg> element (empty when it has none)."""
    chart = table.chart
    rows = (
        [r for r in table.rows if not str(r[chart.label]).startswith("All")]
        if chart
        else []
    )
    if not rows:
        return ""
    labels = [str(r[chart.label]) for r in rows]
    figure = Figure(figsize=(6.4, 0.45 * len(rows) * len(chart.values) + 1.2))
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    height = 0.8 / len(chart.values)
    for n, column in enumerate(chart.values):
        values = [_number(r[column]) for r in rows]
        positions = [i + n * height for i in range(len(rows))]
        bars = axes.barh(
            positions,
            values,
            height=height,
            color=COLOURS[n % len(COLOURS)],
            label=table.columns[column],
        )
        axes.bar_label(bars, padding=3, fontsize=9)
    axes.set_yticks(
        [i + height * (len(chart.values) - 1) / 2 for i in range(len(rows))]
    )
    axes.set_yticklabels([label[:40] for label in labels], fontsize=9)
    axes.invert_yaxis()
    axes.spines[["top", "right"]].set_visible(False)
    if chart.unit:
        axes.set_xlabel(chart.unit)
    if len(chart.values) > 1:
        axes.legend(fontsize=8, frameon=False, loc="lower right")
    figure.tight_layout()
    out = io.StringIO()
    figure.savefig(out, format="svg")
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]  # the element only, no XML prologue
    # The text alternative is the summary beside it (aria-describedby).
    return re.sub(
        r"<svg ",
        f'<svg role="img" aria-labelledby="chart-{table.slug}" ',
        svg,
        count=1,
    )
