"""Charts of a report as inline SVG, drawn with matplotlib (Agg backend, imported only
when a chart is drawn). The same chart gives the same bytes: one font (DejaVu Sans, which
matplotlib ships) drawn as paths, a fixed hash salt for the SVG's ids, and no date or
creator in the metadata."""

from __future__ import annotations

import io

from simlab.reports.report_doc import Chart

WIDTH_IN, HEIGHT_IN = 7.0, 3.0
COLOURS = ("#1f5f8b", "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#566573")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    matplotlib.rcParams.update({
        "svg.hashsalt": "simlab", "svg.fonttype": "path", "font.family": "DejaVu Sans",
        "font.size": 8, "axes.spines.top": False, "axes.spines.right": False,
        "path.simplify": False,
    })
    import matplotlib.pyplot as plt

    return plt


def svg(chart: Chart) -> str:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN))
    try:
        _draw(ax, chart)
        ax.set_title(chart.title)
        if chart.y_label:
            ax.set_ylabel(chart.y_label)
        step = max(1, len(chart.x) // 16)
        ax.set_xticks(range(0, len(chart.x), step))
        ax.set_xticklabels(chart.x[::step], rotation=45, ha="right")
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg"):]  # inline: no XML prologue or doctype


def _draw(ax, chart: Chart) -> None:
    xs = list(range(len(chart.x)))
    if chart.kind == "bars":
        width = 0.8 / max(1, len(chart.series))
        for i, (name, values) in enumerate(chart.series.items()):
            ax.bar([x + i * width for x in xs], values, width, label=name,
                   color=COLOURS[i % len(COLOURS)])
    elif chart.kind == "control":
        values = chart.series["values"]
        ax.plot(xs, values, marker=".", linewidth=0.8, color=COLOURS[0])
        for key, style in (("centre", "-"), ("lcl", "--"), ("ucl", "--")):
            ax.step(xs, chart.extra[key], where="mid", linestyle=style, linewidth=0.8,
                    color=COLOURS[1] if key != "centre" else COLOURS[2])
        out = [i for i in xs if chart.extra["out"][i]]
        ax.scatter(out, [values[i] for i in out], color=COLOURS[1], zorder=3, s=14)
    elif chart.kind == "pareto":
        counts = chart.series["count"]
        ax.bar(xs, counts, color=COLOURS[0])
        twin = ax.twinx()
        twin.plot(xs, [c * 100 for c in chart.extra["cumulative"]], marker="o",
                  color=COLOURS[1], linewidth=1)
        twin.axhline(80, linestyle="--", linewidth=0.8, color=COLOURS[5])
        twin.set_ylim(0, 105)
        twin.set_ylabel("%")
    else:  # lines
        for i, (name, values) in enumerate(chart.series.items()):
            ax.plot(xs, values, marker=".", linewidth=1, label=name,
                    color=COLOURS[i % len(COLOURS)])
        for key, value in chart.extra.get("hlines", {}).items():
            ax.axhline(value, linestyle="--", linewidth=0.8, color=COLOURS[5], label=key)
    if chart.kind in ("bars", "lines") and len(chart.series) + len(
            chart.extra.get("hlines", {})) > 1:
        ax.legend(fontsize=7, frameon=False)
