"""The figures' charts: the same figures are drawn once, changed ones again."""

from mi import charts
from mi.registry import Chart, Table


def _table(received, *, title="Received") -> Table:
    return Table(
        slug="referrals_by_source",
        title="Referrals by source",
        columns=["Source", title],
        rows=[["Acute hospital ward", received], ["All sources", received]],
        chart=Chart("bar", label=0, values=(1,)),
    )


def test_the_same_figures_are_drawn_once_and_changed_ones_again(monkeypatch):
    charts._drawn.cache_clear()
    drawn = []
    figure = charts.Figure
    monkeypatch.setattr(
        charts, "Figure", lambda *args, **kw: drawn.append(1) or figure(*args, **kw)
    )
    first = charts.render(_table(4))
    assert first.startswith("data:image/svg+xml;base64,") and len(drawn) == 1
    # Another page (or the PDF pack) showing the same figures: not drawn again.
    assert charts.render(_table(4)) == first and len(drawn) == 1
    # A figure changed, or a series renamed: drawn anew.
    assert charts.render(_table(5)) != first and len(drawn) == 2
    charts.render(_table(4, title="Accepted"))
    assert len(drawn) == 3
