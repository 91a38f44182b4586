"""Charts as static SVG, drawn on the server with matplotlib's object API
(no pyplot global state, no JavaScript, no network); the same SVG goes into
the page and the PDF pack."""

import base64
import io
import textwrap
from functools import lru_cache

from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .registry import Table

COLOURS = ("#005eb8", "#ffb81c", "#768692", "#009639")
LABEL_WIDTH, LABEL_LINES = 30, 3  # characters a line, lines a bar label
CHARTS_KEPT = 64  # drawn charts kept per process (~10–60 kB each)


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
    return _drawn(
        tuple(
            (str(r[chart.label]), tuple(str(r[c]) for c in chart.values)) for r in rows
        ),
        tuple(table.columns[c] for c in chart.values),
        chart.unit,
    )


@lru_cache(maxsize=CHARTS_KEPT)
def _drawn(bars: tuple, names: tuple, unit: str) -> str:
    """The chart of these bars: (label, the values as the table shows them)
    per row, one series per name. What is drawn depends on nothing else, so
    a chart drawn once (~100 ms of matplotlib each, 16 on the figures page)
    is kept for the next page or PDF pack that shows the same figures."""
    labels = [_label(label) for label, _values in bars]
    lines = sum(max(label.count("\n") + 1, len(names)) for label in labels)
    figure = Figure(figsize=(6.4, 0.22 * lines + 1.1))
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    height = 0.8 / len(names)
    counts = True
    for n, name in enumerate(names):
        shown = [values[n] for _label_text, values in bars]
        values = [_number(value) for value in shown]
        counts = counts and all(v == int(v) for v in values)
        positions = [i + n * height for i in range(len(bars))]
        drawn = axes.barh(
            positions,
            values,
            height=height,
            color=COLOURS[n % len(COLOURS)],
            label=name,
        )
        # The table's own text at each bar's end ("6.0", not matplotlib's "6").
        axes.bar_label(drawn, labels=shown, padding=3, fontsize=9)
    axes.set_yticks([i + height * (len(names) - 1) / 2 for i in range(len(bars))])
    axes.set_yticklabels(labels, fontsize=9)
    axes.invert_yaxis()
    axes.margins(x=0.12)  # room for the numbers at the end of the bars
    axes.spines[["top", "right"]].set_visible(False)
    if counts:  # whole numbers: no 0.5 of a person on the axis
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if unit:
        axes.set_xlabel(unit)
    if len(names) > 1:  # above the chart, clear of the bars and axis
        axes.legend(
            fontsize=8,
            frameon=False,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncol=len(names),
        )
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight")
    # An <img> source: no clash between the SVGs' element ids on one page,
    # and WeasyPrint draws it in the PDF the same way.
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()
