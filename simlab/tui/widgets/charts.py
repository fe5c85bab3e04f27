"""Charts (textual-plotext): a scenario's expected demand by hour, and a run's volume
and service level by time of day. They draw what they are given; the numbers come from
`reports.tables` and `analysis.kpi`."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from simlab import fmt


class LineChart(PlotextPlot):
    """Lines over the hours of the day: `series` maps a name to (times in s, values)."""

    def show(self, title: str, series: dict[str, tuple[list[float], list[float]]],
             *, percent: bool = False, bars: bool = False) -> None:
        plt = self.plt
        plt.clear_figure()
        plt.title(title)
        starts, ends = [], []
        for name, (times, values) in series.items():
            hours = [t / 3600 for t in times]
            if not hours:
                continue
            ys = [v * 100 if percent else v for v in values]
            if bars and len(series) == 1:
                plt.bar(hours, ys, label=name, width=0.8)
            else:
                plt.plot(hours, ys, label=name, marker="braille")
            starts.append(min(hours))
            ends.append(max(hours))
        if starts:
            lo, hi = int(min(starts)), int(max(ends)) + 1
            step = 1 if hi - lo <= 12 else 2
            ticks = list(range(lo, hi + 1, step))
            plt.xticks(ticks, [fmt.clock(h * 3600) for h in ticks])
        if percent:
            plt.ylim(0, 100)
            plt.yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        self.refresh()
