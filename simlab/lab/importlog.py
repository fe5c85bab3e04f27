"""`simlab import`: an external contact log (CSV or TSV, one row per real-time contact)
into the run format, by a mapping (`model.mapping`), so that `simlab kpi` reads it as
it reads a simulated run.

Every row of the file ends in exactly one place: a contact, a row that is not a contact
(counted by the mapping's reason) or a row that cannot be read (counted by what was
wrong, with the first line where it happened). Nothing is dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from simlab import __version__
from simlab.errors import SimlabError, os_error_text
from simlab.i18n import _
from simlab.model.kinds import OUTCOMES
from simlab.model.loader import load_text
from simlab.model.mapping import DELIMITERS, Mapping, TimeSpec
from simlab.model.yamlio import read_text

MAX_FILE_BYTES = 2_000_000_000
AGENT_COLUMNS = {"agent_id": "category", "team": "category", "interval_start_s": float,
                 "staffed_s": float, "busy_s": float, "break_s": float, "available_s": float}
COST_COLUMNS = {"item": object, "subject": object, "quantity": float, "unit": object,
                "amount": float}


@dataclass
class Rejects:
    """Rows set aside, by reason: how many, and the first line of the file."""

    counts: dict[str, int] = field(default_factory=dict)
    first_line: dict[str, int] = field(default_factory=dict)

    def add(self, reason: str, lines: np.ndarray) -> None:
        if len(lines):
            self.counts[reason] = self.counts.get(reason, 0) + int(len(lines))
            self.first_line.setdefault(reason, int(lines.min()))

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {r: {"rows": n, "first_line": self.first_line[r]}
                for r, n in sorted(self.counts.items())}


@dataclass
class Imported:
    contacts: pd.DataFrame
    start: dt.date
    days: int
    rows: int
    not_contacts: Rejects
    unreadable: Rejects
    unknown: tuple[str, ...]


def load_mapping(path: str | Path) -> tuple[Mapping, str]:
    path = Path(path)
    text = read_text(path)
    return load_text(Mapping, text, path), text


def read_log(path: Path, mapping: Mapping) -> Imported:
    raw, lines, rejects = _read_rows(path, mapping)
    total = int(len(lines)) + sum(rejects.counts.values())
    skipped = Rejects()
    keep = np.ones(len(raw), dtype=bool)
    for rule in mapping.not_contacts:
        hit = keep.copy()
        for column, values in rule.when.items():
            hit &= raw[column].str.strip().isin(values).to_numpy()
        skipped.add(str(rule.reason), lines[hit])
        keep &= ~hit
    raw, lines = raw[keep].reset_index(drop=True), lines[keep]
    contacts, start, days = _contacts(raw, lines, mapping, rejects)
    # a log does not say whether a contact was resolved; it may not name the customer
    unknown = ("resolved",) if "customer_id" in mapping.fields else ("customer_id", "resolved")
    return Imported(contacts, start, days, total, skipped, rejects, unknown)


def _read_rows(path: Path, mapping: Mapping) -> tuple[pd.DataFrame, np.ndarray, Rejects]:
    """Every row as text, with its line number; rows with the wrong number of fields
    are set aside. The header must hold every column the mapping names."""
    rejects = Rejects()
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SimlabError(_("the file is too large to import"), file=path)
        with path.open(encoding=mapping.encoding, newline="") as f:
            reader = csv.reader(f, delimiter=DELIMITERS[mapping.delimiter])
            header = next(reader, None)
            if header is None:
                raise SimlabError(_("the file is empty"), file=path)
            header = [h.strip() for h in header]
            missing = [c for c in mapping.columns() if c not in header]
            if missing:
                raise SimlabError(_("the header has no column {missing}; it has: {header}").format(
                    missing=", ".join(f"«{c}»" for c in missing), header=", ".join(header)),
                    file=path, line=1)
            rows, lines, bad = [], [], []
            for row in reader:
                line = reader.line_num
                if len(row) == len(header):
                    rows.append(row)
                    lines.append(line)
                elif any(cell.strip() for cell in row):
                    bad.append(line)
                else:  # an empty line is a row too: it is counted, not kept
                    rejects.add(_("empty row"), np.array([line]))
    except UnicodeDecodeError:
        raise SimlabError(_("the file is not in the mapping's encoding ({encoding})").format(
            encoding=mapping.encoding), file=path) from None
    except OSError as e:
        raise SimlabError(_("cannot read the file: {error}").format(error=os_error_text(e)),
                          file=path) from None
    rejects.add(_("wrong number of fields"), np.array(bad, dtype=int))
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    return frame, np.array(lines, dtype=int), rejects


def _contacts(raw: pd.DataFrame, lines: np.ndarray, mapping: Mapping, rejects: Rejects):
    n = len(raw)
    good = np.ones(n, dtype=bool)

    def parsed(spec: TimeSpec, what: str, below: float = np.inf,
               needed: np.ndarray | None = None) -> np.ndarray:
        """The column's seconds; a row that needs it and cannot be read is set aside
        (a contact still waiting has no wait yet, an abandoned one no handling time)."""
        values = _parse_time(raw[spec.column], spec.format).copy()
        values[values >= below] = np.nan  # a clock time of 25:00 is no time of day
        bad = np.isnan(values) & good & (True if needed is None else needed)
        rejects.add(_("column «{column}» ({what}): a value that cannot be read").format(
            column=spec.column, what=what), lines[bad])
        good[bad] = False
        return values

    codes = raw[mapping.outcome.column].str.strip()
    outcome = codes.map(mapping.outcome.codes).to_numpy(dtype=object)
    for code in sorted(set(codes[pd.isna(outcome)])):
        rejects.add(_("outcome code «{code}» not in the mapping").format(code=code),
                    lines[(codes == code).to_numpy()])
    good &= ~pd.isna(outcome)
    clock = parsed(mapping.arrival, _("arrival"), 86400.0 if mapping.date else np.inf)
    day = parsed(mapping.date, _("date")) if mapping.date else np.zeros(n)
    wait = parsed(mapping.wait, _("wait"), needed=np.isin(outcome, ("answered", "abandoned")))
    handle = parsed(mapping.handle, _("handling time"), needed=outcome == "answered")
    negative = good & ((wait < 0) | (handle < 0))
    rejects.add(_("negative wait or handling time"), lines[negative])
    good &= ~negative
    priority = np.ones(n, dtype=np.int64)
    if "priority" in mapping.fields:
        p = pd.to_numeric(_field(raw, mapping, "priority"), errors="coerce").to_numpy(dtype=float)
        bad = good & ~np.isnan(p) & ((p < 0) | (p > 9) | (p != np.round(p)))
        rejects.add(_("priority not a whole number from 0 to 9"), lines[bad])
        good &= ~bad
        priority = np.where(np.isnan(p), 1, p).astype(np.int64)
    # the day of each contact (a date column), else the arrival is a whole date-time
    moment = day + clock if mapping.date else clock
    if not good.any():
        raise SimlabError(_("no row of the file is a contact that can be read"))
    first_day = float(np.floor(moment[good].min() / 86400) * 86400)
    start = (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=first_day)).date()
    arrival = moment - first_day
    idx = np.flatnonzero(good)
    idx = idx[np.lexsort((lines[idx], arrival[idx]))]  # in order of arrival, as a run's
    days = int(arrival[idx].max() // 86400) + 1
    out = outcome[idx].astype(str)
    answered = out == "answered"
    w, h, a = wait[idx], handle[idx], arrival[idx]
    start_s = np.where(answered, a + w, np.nan)
    contacts = pd.DataFrame({
        "contact_id": np.arange(len(idx), dtype=np.int64),
        "customer_id": _customer(raw, mapping, idx),
        "channel": _category(raw, mapping, "channel", idx),
        "segment": _category(raw, mapping, "segment", idx),
        "reason": _category(raw, mapping, "reason", idx),
        "priority": priority[idx].astype(np.int8),
        "queue": _category(raw, mapping, "queue", idx),
        "arrival_s": a,
        "outcome": pd.Categorical(out, categories=list(OUTCOMES)),
        "wait_s": np.where(np.isin(out, ("answered", "abandoned")), w, np.nan),
        "start_s": start_s,
        "handle_s": np.where(answered, h, np.nan),
        "end_s": np.where(answered, start_s + h, np.where(out == "abandoned", a + w, a)),
        "agent_id": _category(raw, mapping, "agent_id", idx),
        "team": _category(raw, mapping, "team", idx),
        "resolved": np.zeros(len(idx), dtype=bool),  # not in the log: see `unknown`
        **{c: np.full(len(idx), np.nan) for c in (
            "first_response_s", "resolved_s", "frt_bh_s", "resolution_bh_s",
            "backlog_age_bh_s")},
    })
    for name in ("agent_id", "team"):  # nobody handled a contact that was not answered
        contacts.loc[~answered, name] = np.nan
    return contacts, start, days


def _field(raw: pd.DataFrame, mapping: Mapping, name: str) -> pd.Series:
    """A field's text per row: its column (codes of `missing` as empty) or its value."""
    spec = mapping.fields[name]
    if spec.value is not None:
        return pd.Series([spec.value] * len(raw), dtype=object)
    text = raw[spec.column].str.strip()
    return text.where(~text.isin(spec.missing) & (text != ""), None)


def _category(raw, mapping: Mapping, name: str, idx: np.ndarray) -> pd.Categorical:
    if name not in mapping.fields:
        return pd.Categorical([None] * len(idx), categories=[])
    values = _field(raw, mapping, name).to_numpy(dtype=object)[idx]
    names = sorted({v for v in values if v is not None})
    return pd.Categorical(values, categories=names)


def _customer(raw, mapping: Mapping, idx: np.ndarray) -> np.ndarray:
    """Customer numbers; an unknown customer (a `missing` code, not a number) is -1."""
    if "customer_id" not in mapping.fields:
        return np.full(len(idx), -1, dtype=np.int64)
    values = pd.to_numeric(_field(raw, mapping, "customer_id"), errors="coerce")
    return values.fillna(-1).to_numpy(dtype=float)[idx].astype(np.int64)


def _parse_time(values: pd.Series, fmt: str) -> np.ndarray:
    """Seconds (NaN where unreadable): `seconds`, `hms` (H:MM:SS, a clock or a length)
    or a strftime pattern, as seconds since 1970-01-01."""
    text = values.astype(str).str.strip()
    if fmt == "seconds":
        return pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)
    if fmt == "hms":
        parts = text.str.extract(r"^(\d{1,3}):([0-5]\d):([0-5]\d)$").astype(float)
        return (parts[0] * 3600 + parts[1] * 60 + parts[2]).to_numpy(dtype=float)
    moments = pd.to_datetime(text, format=fmt, errors="coerce")
    seconds = (moments - pd.Timestamp("1970-01-01")).dt.total_seconds()
    return seconds.to_numpy(dtype=float)


def import_log(path: str | Path, mapping_path: str | Path, out_dir: str | Path) -> dict:
    """Read the log, write the run files into `out_dir` (new or empty), return the
    import's counts (also kept in run.json's summary)."""
    from simlab.analysis import kpi_groups
    from simlab.lab import kpiview
    from simlab.store.runfiles import check_out_folder, write_run

    path, out_dir = Path(path), Path(out_dir)
    check_out_folder(out_dir)
    mapping, mapping_text = load_mapping(mapping_path)
    got = read_log(path, mapping)
    targets = mapping.targets.model_dump()
    inputs = {
        "kind": "import",
        "simlab_version": __version__,
        "source": path.name,
        "source_sha256": _sha256(path),
        "mapping_id": mapping.id,
        "mapping_text": mapping_text,
        "mapping_source": str(mapping_path),
        "start": got.start.isoformat(),
        "days": got.days,
        "horizon_s": got.days * 86400.0,
        "targets": targets,
        "unknown": list(got.unknown),
    }
    tables = {"contacts": got.contacts, "agents": _empty(AGENT_COLUMNS),
              "costs": _empty(COST_COLUMNS)}
    data = kpiview.KpiData(got.contacts, tables["agents"], tables["costs"],
                           kpiview.targets_from(targets), got.start, inputs["horizon_s"],
                           unknown=got.unknown)
    channels = kpiview.report(data, None, kpi_groups.parse_formulas([]))["channels"]
    counts = {"rows": got.rows, "contacts": len(got.contacts),
              "not_contacts": got.not_contacts.as_dict(),
              "unreadable": got.unreadable.as_dict()}
    write_run(out_dir, tables, inputs, {"contacts": len(got.contacts), "channels": channels,
                                        "import": counts})
    return counts


def _empty(columns: dict) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in columns.items()})


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
