"""Export a run's results for a spreadsheet: the KPI tables and (a selection of) the
contacts, as CSV files (the dialect of `reports.csvfile`) or one XLSX workbook. Numbers
stay numbers; names are in the user's language. `simlab run --csv` writes the same CSVs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from simlab import fmt
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.reports import tables
from simlab.reports.csvfile import csv_bytes
from simlab.reports.xlsx import MAX_ROWS, Sheet, write_xlsx

# A sheet holds at most this many contacts (Excel cannot open more): the CSV has them all.
XLSX_CONTACT_LIMIT = MAX_ROWS - 1  # Excel's own limit, less the header row


def _names() -> dict[str, str]:
    """File names (CSV) and sheet titles (XLSX), by table."""
    return {
        "indicators": _("indicators"),
        "days": _("days"),
        "intraday": _("time_of_day"),
        "teams": _("teams"),
        "costs": _("costs"),
        "contacts": _("contacts"),
    }


# The indicator sheet also gives each SL's threshold T and the care model's target, as
# numbers: in a spreadsheet they are columns to compute with, not words.
SHEET_ROWS = tuple(k for key in tables.CHANNEL_ROWS
                   for k in ((key, "sl_threshold_s") if key == "service_level" else (key,)))


def indicator_sheet(view) -> Sheet:
    frame = view.channels
    columns = [tables.column_name(c, view.scenario) for c in frame.index]
    rows, units = [], []
    for key in SHEET_ROWS:
        values = frame[key]
        if values.isna().all():
            continue
        rows.append([tables.row_label(key), *values.tolist()])
        units.append("ratio" if key == "sl_target" else
                     "seconds" if key == "sl_threshold_s" else tables.unit(key))
    out = pd.DataFrame(rows, columns=[_("Indicator"), *columns])
    return Sheet(_names()["indicators"], out, row_units=units)


def day_sheet(view) -> Sheet:
    names = tables.channel_names(view.scenario)
    frame = view.by_day.reset_index()
    out = pd.DataFrame({
        _("Date"): [view.scenario.calendar.date_of(int(d)) for d in frame["day"]],
        _("Channel"): [names.get(c, c) for c in frame["channel"]],
    })
    units = {_("Date"): "date"}
    for key in tables.DAY_COLUMNS:
        label = tables.row_label(key)
        out[label] = frame[key].to_numpy()
        units[label] = tables.unit(key)
        if key == "service_level":
            t = tables.row_label("sl_threshold_s")
            out[t] = frame["sl_threshold_s"].to_numpy()
            units[t] = "seconds"
    return Sheet(_names()["days"], out, units)


def intraday_sheet(view) -> Sheet:
    names = tables.channel_names(view.scenario)
    frame = view.intraday.reset_index()
    out = pd.DataFrame({
        _("Channel"): [names.get(c, c) for c in frame["channel"]],
        _("From"): [fmt.clock(t) for t in frame["time_s"]],
    })
    units = {}
    for key in ("offered", "answered", "abandoned", "service_level", "asa_s", "abandon_rate"):
        label = tables.row_label(key)
        out[label] = frame[key].to_numpy()
        units[label] = tables.unit(key)
    return Sheet(_names()["intraday"], out, units)


def team_sheet(view) -> Sheet:
    names = {t.id: str(t.name) for t in view.bundle.plan.teams}
    frame = view.teams
    out = pd.DataFrame({
        _("Team"): [names.get(t, str(t)) for t in frame.index],
        _("Staffed hours"): frame["staffed_h"].to_numpy(),
        _("Busy hours"): frame["busy_h"].to_numpy(),
        _("Break hours"): frame["break_h"].to_numpy(),
        tables.row_label("occupancy"): frame["occupancy"].to_numpy(),
    })
    units = {c: "hours" for c in out.columns[1:4]} | {tables.row_label("occupancy"): "ratio"}
    return Sheet(_names()["teams"], out, units)


def cost_sheet(view) -> Sheet:
    items = {"staff": _("Staff"), "connection": _("Connection"),
             "per_contact": _("Fee per contact"), "overhead": _("Overhead")}
    c = view.costs
    out = pd.DataFrame({
        _("Item"): [items.get(i, i) for i in c["item"]],
        _("Subject"): c["subject"].to_numpy(),
        _("Quantity"): c["quantity"].to_numpy(),
        _("Unit"): c["unit"].to_numpy(),
        _("Amount"): c["amount"].to_numpy(),
    })
    return Sheet(_names()["costs"], out, {_("Amount"): "eur"})


def contact_sheet(view, positions: Sequence[int] | None = None) -> Sheet:
    sc = view.scenario
    c = view.contacts if positions is None else view.contacts.iloc[np.asarray(positions)]
    start = pd.Timestamp(view.timestamp(0))
    channels, reasons = tables.channel_names(sc), tables.reason_names(sc)
    segments, outcomes = tables.segment_names(sc), tables.outcome_names()

    def names(column: str, mapping: dict[str, str]) -> pd.Categorical:
        """The column's names in the user's language, still categorical (fast to write)."""
        cat = c[column].cat
        labels = [mapping.get(x, x) for x in cat.categories]
        unique = list(dict.fromkeys(labels))
        recode = np.array([unique.index(x) for x in labels] + [-1], dtype=np.int64)
        return pd.Categorical.from_codes(recode[cat.codes.to_numpy()], categories=unique)

    out = pd.DataFrame({
        _("No."): c["contact_id"].to_numpy(),
        _("Customer"): c["customer_id"].to_numpy(),
        _("Arrival"): (start + pd.to_timedelta(c["arrival_s"].to_numpy(), unit="s")).round("s"),
        _("Channel"): names("channel", channels),
        _("Segment"): names("segment", segments),
        _("Reason"): names("reason", reasons),
        _("Queue"): c["queue"].astype(str).to_numpy(),
        _("Priority"): c["priority"].to_numpy(),
        _("Outcome"): names("outcome", outcomes),
        _("Wait (s)"): c["wait_s"].to_numpy(),
        _("Handling (s)"): c["handle_s"].to_numpy(),
        _("Agent"): names("agent_id", {}),
        _("Team"): names("team", {}),
        _("Resolved"): c["resolved"].to_numpy(),
    })
    units = {_("Arrival"): "datetime", _("Wait (s)"): "seconds", _("Handling (s)"): "seconds"}
    return Sheet(_names()["contacts"], out, units)


def sheets(view, positions: Sequence[int] | None = None, contact_limit: int | None = None
           ) -> list[Sheet]:
    if contact_limit is not None:
        positions = (np.arange(len(view.contacts)) if positions is None
                     else np.asarray(positions))[:contact_limit]
    return [indicator_sheet(view), day_sheet(view), intraday_sheet(view), team_sheet(view),
            cost_sheet(view), contact_sheet(view, positions)]


def csv_files(view, positions: Sequence[int] | None = None) -> dict[str, bytes]:
    """File name → bytes of every CSV, in the one dialect (`reports.csvfile`)."""
    return {f"{sheet.title}.csv": csv_bytes(sheet) for sheet in sheets(view, positions)}


def export_csv(view, folder: Path, positions: Sequence[int] | None = None) -> list[Path]:
    """One CSV per table in `folder` (created); returns the files written."""
    from simlab.store.atomic import write_bytes_atomic

    folder = _folder(folder)
    written = []
    for name, data in csv_files(view, positions).items():
        path = folder / name
        try:
            write_bytes_atomic(path, data)
        except OSError as e:
            raise SimlabError(_("cannot write the file: {error}").format(error=e.strerror),
                              file=path) from None
        written.append(path)
    return written


def xlsx_rows(view, positions: Sequence[int] | None = None) -> int:
    """About the rows the workbook will hold, for a progress bar (the indicator sheet
    counts one row per channel, not per KPI)."""
    n = len(view.contacts) if positions is None else len(positions)
    return (len(view.channels) + len(view.by_day) + len(view.intraday) + len(view.teams)
            + len(view.costs) + min(n, XLSX_CONTACT_LIMIT))


def export_xlsx(view, folder: Path, positions: Sequence[int] | None = None,
                progress: Callable[[int], None] | None = None) -> Path:
    """One workbook `<run>.xlsx` in `folder`; at most XLSX_CONTACT_LIMIT contacts."""
    folder = _folder(folder)
    path = folder / f"{view.run_id or 'simlab'}.xlsx"
    try:
        return write_xlsx(path, sheets(view, positions, XLSX_CONTACT_LIMIT), progress)
    except OSError as e:
        raise SimlabError(_("cannot write the file: {error}").format(error=e.strerror),
                          file=path) from None


def _folder(folder: Path) -> Path:
    folder = Path(folder).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SimlabError(_("cannot create the folder: {error}").format(error=e.strerror),
                          file=folder) from None
    return folder
