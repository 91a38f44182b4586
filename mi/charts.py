"""Charts as static SVG, drawn on the server with matplotlib's object API
(no pyplot global state, no JavaScript, no network); the same SVG goes into
the page and the PDF pack."""

import base64
import io
import textwrap

from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .registry import Table

COLOURS = ("#005eb8", "#ffb81c", "#768692", "#009639")
LABEL_WIDTH, LABEL_LINES = 30, 3  # characters a line, lines a bar label


def _label(text: str) -> str:
    """A bar's label wrapped onto up to three lines (cut with … beyond):
    long names such as the SALT sequels stay told apart, where cutting them
    at one width left several reading the same."""
    lines = textwrap.wrap(text, LABEL_WIDTH) or [""]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][: LABEL_WIDTH - 1] + "…"
    return "\n".join(lines)


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
    labels = [_label(str(r[chart.label])) for r in rows]
    lines = sum(max(label.count("\n") + 1, len(chart.values)) for label in labels)
    figure = Figure(figsize=(6.4, 0.22 * lines + 1.1))
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    height = 0.8 / len(chart.values)
    counts = True
    for n, column in enumerate(chart.values):
        values = [_number(r[column]) for r in rows]
        counts = counts and all(v == int(v) for v in values)
        positions = [i + n * height for i in range(len(rows))]
        bars = axes.barh(
            positions,
            values,
            height=height,
            color=COLOURS[n % len(COLOURS)],
            label=table.columns[column],
        )
        # The table's own text at each bar's end ("6.0", not matplotlib's "6").
        shown = [str(r[column]) for r in rows]
        axes.bar_label(bars, labels=shown, padding=3, fontsize=9)
    axes.set_yticks(
        [i + height * (len(chart.values) - 1) / 2 for i in range(len(rows))]
    )
    axes.set_yticklabels(labels, fontsize=9)
    axes.invert_yaxis()
    axes.margins(x=0.12)  # room for the numbers at the end of the bars
    axes.spines[["top", "right"]].set_visible(False)
    if counts:  # whole numbers: no 0.5 of a person on the axis
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if chart.unit:
        axes.set_xlabel(chart.unit)
    if len(chart.values) > 1:  # above the chart, clear of the bars and axis
        axes.legend(
            fontsize=8,
            frameon=False,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncol=len(chart.values),
        )
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight")
    # An <img> source: no clash between the SVGs' element ids on one page,
    # and WeasyPrint draws it in the PDF the same way.
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()
