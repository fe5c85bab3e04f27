"""The table of saved runs (Home shows the latest, the Runs screen all of them)."""

from __future__ import annotations

from textual.widgets import DataTable

from simlab import fmt
from simlab.i18n import _
from simlab.reports.runinfo import status_name, when  # one wording for the CLI and the app

MARK = "✓"


class RunsTable(DataTable):
    """Row keys are run ids. With `marks`, a first column shows the runs marked (for
    the comparison)."""

    def __init__(self, *, marks: bool = False, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.marks = marks

    def on_mount(self) -> None:
        if self.marks:
            self.add_column(" ", key="mark", width=1)
        self.add_columns(_("Run"), _("Label"), _("Date"), _("Person"), _("Scenario"), _("Seed"),
                         _("Contacts"), _("SL total"), _("Status"))

    def show(self, records, marked: frozenset[str] = frozenset()) -> None:
        """The runs, those whose files are missing or changed marked in their status (the
        workspace's quick check), on Home and on the Runs screen alike."""
        self.clear()
        damaged = self.app.ws.damaged_runs(records) if records else {}
        for r in records:
            total = (r.summary.get("channels") or {}).get("total") or {}
            # The name alone, so that every column fits in 120 columns.
            person = r.person.name if r.person else ""
            mark = [MARK if r.id in marked else ""] if self.marks else []
            self.add_row(*mark, r.id, r.label, when(r.created_at), person, r.scenario_id or "",
                         "" if r.seed is None else str(r.seed),
                         fmt.number(r.summary.get("contacts")),
                         fmt.percent(total.get("service_level")),
                         _("damaged") if r.id in damaged else status_name(r.status), key=r.id)

    def set_mark(self, run_id: str, marked: bool) -> None:
        self.update_cell(run_id, "mark", MARK if marked else "")

    def selected_id(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _column = self.coordinate_to_cell_key(self.cursor_coordinate)
        return None if row_key.value is None else str(row_key.value)
