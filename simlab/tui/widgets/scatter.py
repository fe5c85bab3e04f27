"""Scatter plots (textual-plotext) for the market screen: the positioning map and the
importance–performance quadrants. They draw the points they are given, with optional
cross-hairs; the numbers come from `reports.market_tables`."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from simlab import fmt
from simlab.tui.widgets.charts import nice_ticks


class ScatterChart(PlotextPlot):
    def show(self, title: str, series: dict[str, tuple[list[float], list[float]]], *,
             xlabel: str = "", ylabel: str = "", cuts: tuple[float, float] | None = None,
             limits: tuple[float, float, float, float] | None = None,
             labels: list[tuple[str, float, float]] | None = None) -> None:
        """`cuts`: (x, y) of the cross-hairs; `limits`: (x0, x1, y0, y1); `labels`:
        (text, x, y) written beside points."""
        plt = self.plt
        plt.clear_figure()
        plt.title(title)
        markers = ("dot", "x", "+", "o", "*")
        for i, (name, (xs, ys)) in enumerate(series.items()):
            plt.scatter(xs, ys, label=name, marker=markers[i % len(markers)])
        xs = [x for v in series.values() for x in v[0]]
        ys = [y for v in series.values() for y in v[1]]
        if limits is None and xs:
            top_x = nice_ticks(max(max(xs), 1e-9))[-1]
            top_y = nice_ticks(max(max(ys), 1e-9))[-1]
            limits = (0.0, top_x, 0.0, top_y)
        if limits is not None:
            x0, x1, y0, y1 = limits
            plt.xlim(x0, x1)
            plt.ylim(y0, y1)
            steps = 4
            xt = [x0 + (x1 - x0) * k / steps for k in range(steps + 1)]
            yt = [y0 + (y1 - y0) * k / steps for k in range(steps + 1)]
            plt.xticks(xt, [fmt.number(t, 1) for t in xt])
            plt.yticks(yt, [fmt.number(t, 1) for t in yt])
        if cuts is not None:
            plt.vline(cuts[0])
            plt.hline(cuts[1])
        # beside the point, not on it: shifted right by a little of the x range
        shift = (limits[1] - limits[0]) * 0.015 if limits is not None else 0.0
        for text, x, y in labels or []:
            plt.text(text, x + shift, y, alignment="left")
        if xlabel:
            plt.xlabel(xlabel)
        if ylabel:
            plt.ylabel(ylabel)
        self.refresh()
