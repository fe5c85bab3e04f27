"""The plan's case procedures in a run, for every front end: hooked where a run is
assembled (`lab.runner.execute`), written as run files, and summarised for `simlab
complaints RUN` (docs/complaints.md)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from simlab.cases import CasesResult, Prepared, after, prepare
from simlab.engine import RunLog
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.loader import check_related
from simlab.model.plan import OperationsPlan
from simlab.model.plan_cases import STEPS
from simlab.model.scenario import Scenario
from simlab.world import World

FILES = {"complaints": "complaints.parquet", "consumer": "consumer_cases.parquet"}


class _Reasons:
    """The plan's reasons against the scenario's, through the loader's located errors."""

    def __init__(self, plan: OperationsPlan) -> None:
        self.plan = plan

    def check_against(self, scenario: Scenario) -> None:
        self.plan.cases.check_reasons([r.id for r in scenario.reasons])


def check(plan: OperationsPlan, scenario: Scenario, text: str, source: str) -> None:
    """The reasons a plan's procedures name exist in the scenario (file, line and key)."""
    if plan.cases is not None:
        check_related(_Reasons(plan), scenario, text, source)  # type: ignore[arg-type]


def before_run(plan: OperationsPlan, world: World, seed: int) -> Prepared | None:
    return None if plan.cases is None else prepare(world, plan.cases, seed)


def after_run(plan: OperationsPlan, scenario: Scenario, prep: Prepared, log: RunLog,
              seed: int, staff_by_day: list[int] | None = None) -> CasesResult:
    """The cases of the run; their cost lines join the run's (`costs.parquet`).
    `staff_by_day`: the back office's people of each day (decision rounds)."""
    result = after(prep, scenario, plan.cases, log.contacts, seed, log.horizon_s,
                   staff_by_day)
    if len(result.costs):
        log.costs = pd.concat([log.costs, result.costs], ignore_index=True)
    return result


def files(result: CasesResult | None) -> dict[str, bytes]:
    """The run files of the cases, as bytes (`store.runfiles.write_run`'s extra files)."""
    from simlab.store.runfiles import parquet_bytes

    if result is None:
        return {}
    out = {}
    if result.complaints is not None:
        out[FILES["complaints"]] = parquet_bytes(result.complaints)
    if result.consumer is not None and len(result.consumer):
        out[FILES["consumer"]] = parquet_bytes(result.consumer)
    return out


def read(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame | None, float]:
    """A run's complaints, its consumer-law requests (or None) and its horizon."""
    from simlab.store.runfiles import read_run, read_table

    if not (folder / FILES["complaints"]).exists():
        raise SimlabError(_("this run has no complaints file: its plan has no complaint "
                            "procedure (cases.complaints)"), file=folder)
    horizon = float(read_run(folder)["inputs"]["days"]) * 86400.0
    consumer = (read_table(folder, "consumer_cases")
                if (folder / FILES["consumer"]).exists() else None)
    return read_table(folder, "complaints"), consumer, horizon


def step_status(table: pd.DataFrame, horizon_s: float) -> pd.DataFrame:
    """Per step (and the legal deadline): cases done on time, late, still open in time."""
    rows = []
    for step in (*STEPS, "deadline"):
        done = table["response_s" if step == "deadline" else f"{step}_s"].to_numpy()
        due = table["deadline_s" if step == "deadline" else f"{step}_due_s"].to_numpy()
        finished = ~np.isnan(done)
        on_time = finished & (done <= due)
        late = (finished & (done > due)) | (~finished & (horizon_s > due))
        rows.append({"step": step, "cases": len(table), "on_time": int(on_time.sum()),
                     "late": int(late.sum()), "open": int((~on_time & ~late).sum())})
    return pd.DataFrame(rows)


def summary(table: pd.DataFrame, consumer: pd.DataFrame | None) -> dict:
    out = {
        "cases": len(table),
        "late": int(table["late"].sum()),
        "compensation_eur": float(table["compensation_eur"].sum()),
        "conciliations": int(table["conciliation"].sum()),
        "churned": int(table["churned"].sum()),
        "lost_value_eur": float(table["lost_value_eur"].sum()),
        "from_refusals": int((table["origin"].astype(str) != "contact").sum()),
    }
    if consumer is not None:
        out["consumer_requests"] = len(consumer)
        out["consumer_wrong"] = int((~consumer["correct"]).sum())
        out["valid_refused"] = int((consumer["valid"] & ~consumer["accepted"]).sum())
    return out


def step_labels() -> dict[str, str]:
    return {"acknowledgement": _("acknowledgement"), "assessment": _("assessment"),
            "investigation": _("investigation"), "response": _("response"),
            "deadline": _("legal deadline (reply)")}


def status_grid(status: pd.DataFrame):
    """The steps' table as the CLI and the app show it."""
    from simlab import fmt
    from simlab.reports.tables import Grid

    labels = step_labels()
    rows = [[labels[r.step], fmt.number(r.cases), fmt.number(r.on_time), fmt.number(r.late),
             fmt.number(r.open)] for r in status.itertuples()]
    return Grid([_("step"), _("cases"), _("on time"), _("late"), _("open, not yet due")],
                rows, list(status["step"]))


def summary_facts(s: dict) -> list[tuple[str, str]]:
    from simlab import fmt

    rows = [(_("Complaint cases"), fmt.number(s["cases"])),
            (_("Replies late (legal deadline)"), fmt.number(s["late"])),
            (_("Automatic compensation"), fmt.euro(s["compensation_eur"])),
            (_("Conciliations"), fmt.number(s["conciliations"])),
            (_("Customers lost (churn)"), fmt.number(s["churned"])),
            (_("Yearly revenue lost"), fmt.euro(s["lost_value_eur"])),
            (_("Complaints after a refused request"), fmt.number(s["from_refusals"]))]
    if "consumer_requests" in s:
        rows += [(_("Consumer-law requests"), fmt.number(s["consumer_requests"])),
                 (_("Wrong decisions"), fmt.number(s["consumer_wrong"])),
                 (_("Valid requests refused"), fmt.number(s["valid_refused"]))]
    return rows


def report(folder: Path) -> dict:
    """Everything `simlab complaints RUN` shows, as plain data (its --json)."""
    table, consumer, horizon = read(folder)
    status = step_status(table, horizon)
    return {"summary": summary(table, consumer), "steps": status.to_dict(orient="records")}
