"""Charts (textual-plotext): a scenario's expected demand by hour, and a run's volume
and service level by time of day. They draw what they are given; the numbers come from
`reports.tables` and `analysis.kpi`."""

from __future__ import annotations

import math

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
            # at most 7 labels: plotext drops labels that collide, and which one it drops
            # varies from run to run
            step = next(k for k in (1, 2, 3, 4, 6, 12) if (hi - lo) / k <= 6)
            ticks = list(range(lo, hi + 1, step))
            plt.xlim(lo, ticks[-1])
            plt.xticks(ticks, [fmt.clock(h * 3600) for h in ticks])
        if percent:
            plt.ylim(0, 100)
            plt.yticks([0, 25, 50, 75, 100], [fmt.percent(v / 100, 0) for v in (0, 25, 50, 75, 100)])
        else:
            top = max((max(v) for _t, v in series.values() if len(v)), default=0.0)
            if top > 0:
                ticks = nice_ticks(top)
                plt.ylim(0, ticks[-1])
                step = ticks[1]
                digits = 0 if float(step).is_integer() else 1 if float(step * 10).is_integer() else 2
                plt.yticks(ticks, [fmt.number(t, digits) for t in ticks])
        self.refresh()


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """0 and a few round steps up to at least `top` (labels in the user's format)."""
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [round(step * i, 10) for i in range(math.ceil(top / step) + 1)]
