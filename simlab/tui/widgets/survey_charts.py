"""The SERVQUAL gaps as horizontal bars (textual-plotext): what is drawn comes from
`lab.surveys.gap_bars`."""

from __future__ import annotations

from textual_plotext import PlotextPlot


class GapChart(PlotextPlot):
    def show(self, title: str, names: list[str], gaps: list[float]) -> None:
        plt = self.plt
        plt.clear_figure()
        plt.title(title)
        if names:
            plt.bar(names, gaps, orientation="horizontal", width=0.5)
        self.refresh()
