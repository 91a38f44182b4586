"""Charts as static SVG, drawn on the server with matplotlib's object API
(no pyplot global state, no JavaScript, no network); the same SVG goes into
the page and the PDF pack."""

import base64
import io

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
    """The table's chart as an SVG data URI (empty when it has none)."""
    chart = table.chart
    rows = (
        [r for r in table.rows if not str(r[chart.label]).startswith("All")]
        if chart
        else []
    )
    if not rows:
        return ""
    labels = [str(r[chart.label]) for r in rows]
    figure = Figure(figsize=(6.4, 0.22 * len(rows) * len(chart.values) + 0.9))
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
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    # An <img> source: no clash between the SVGs' element ids on one page,
    # and WeasyPrint draws it in the PDF the same way.
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()
