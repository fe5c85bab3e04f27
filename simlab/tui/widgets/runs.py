"""The table of saved runs (Home shows the latest, the Runs screen all of them)."""

from __future__ import annotations

from textual.widgets import DataTable

from simlab import fmt
from simlab.i18n import _
from simlab.reports.runinfo import status_name, when  # one wording for the CLI and the app


class RunsTable(DataTable):
    """Row keys are run ids."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        self.add_columns(_("Run"), _("Label"), _("Date"), _("Person"), _("Scenario"), _("Seed"),
                         _("Contacts"), _("SL total"), _("Status"))

    def show(self, records) -> None:
        """The runs, those whose files are missing or changed marked in their status (the
        workspace's quick check), on Home and on the Runs screen alike."""
        self.clear()
        damaged = self.app.ws.damaged_runs(records) if records else {}
        for r in records:
            total = (r.summary.get("channels") or {}).get("total") or {}
            # The name alone, so that every column fits in 120 columns.
            person = r.person.name if r.person else ""
            self.add_row(r.id, r.label, when(r.created_at), person, r.scenario_id or "",
                         "" if r.seed is None else str(r.seed),
                         fmt.number(r.summary.get("contacts")),
                         fmt.percent(total.get("service_level")),
                         _("damaged") if r.id in damaged else status_name(r.status), key=r.id)
