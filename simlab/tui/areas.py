"""The areas of the lab the Home screen offers, in order. Each later capability (care
model, operations, analysis, exercises, exams) adds its `Area` here when it exists: the
lab never shows a placeholder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simlab.i18n import _


@dataclass(frozen=True)
class Area:
    id: str
    key: str  # the Home screen's key for it (a key means one thing in the whole lab)
    title: Callable[[], str]  # translated when called
    summary: Callable[[], str]
    open: Callable[[object], None]  # open(app)
    # The footer's word for it, short so that every key fits at 80 columns.
    short: Callable[[], str] | None = None

    def footer(self) -> str:
        return self.short() if self.short is not None else self.title()


def _open_scenarios(app) -> None:
    from simlab.tui.screens.scenarios import ScenariosScreen

    app.open_screen(ScenariosScreen())


def _open_run(app) -> None:
    from simlab.tui.screens.run import RunScreen

    app.open_screen(RunScreen())


def _open_runs(app) -> None:
    from simlab.tui.screens.runs import RunsScreen

    app.open_screen(RunsScreen())


def areas() -> list[Area]:
    return [
        Area("scenarios", "s", lambda: _("Scenarios"),
             lambda: _("The companies to simulate: demand, channels, volumes"), _open_scenarios),
        Area("run", "r", lambda: _("New run"),
             lambda: _("Simulate a scenario with a care model and a plan"), _open_run),
        Area("runs", "v", lambda: _("Saved runs"),
             lambda: _("Results of the runs kept in the workspace"), _open_runs,
             lambda: _("Saved")),
    ]
