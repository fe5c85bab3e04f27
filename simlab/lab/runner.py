"""One run from files to results: load a scenario with its care model and plan, build
the world, simulate, summarise, and write the run files. The CLI, the TUI and the
instructor's replay all come through here, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from simlab import __version__
from simlab.engine import Progress, RunLog, simulate
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import cases, catalog
from simlab.model.care import CareModel
from simlab.model.loader import check_related, load_text
from simlab.model.plan import OperationsPlan
from simlab.model.scenario import Scenario
from simlab.world import World, build

KINDS = ("scenario", "care", "plan")


@dataclass(frozen=True)
class Bundle:
    """What a run needs, with the exact text of each file (for replay)."""

    scenario: Scenario
    care: CareModel
    plan: OperationsPlan
    texts: dict[str, str]
    sources: dict[str, str]


@dataclass
class RunResult:
    bundle: Bundle
    seed: int
    days: int
    world: World
    log: RunLog
    summary: dict
    # where each run file was first written, and its hash, by file name: `simlab run
    # --out` writes the folder and then saves to the workspace, and copies, not encodes twice
    encoded: dict[str, tuple[Path, str]] = field(default_factory=dict, repr=False, compare=False)
    # the results object whose KPI tables made `summary` (`runview.RunView`): the views
    # made later from this result (export, printed tables) reuse them, not recompute
    view: object | None = field(default=None, repr=False, compare=False)
    # the cost ledger (`run_ledger`), made once however many times the run is written
    ledger: object | None = field(default=None, repr=False, compare=False)
    # the plan's case procedures (lab.cases): complaints, consumer-law requests, notices
    cases: object | None = field(default=None, repr=False, compare=False)


def load_bundle(scenario: str | Path, model: str | Path | None = None,
                plan: str | Path | None = None, ws=None) -> Bundle:
    """A scenario with its care model and plan, each by path or by id from the one
    catalogue (`lab.catalog`: shipped files, then the workspace `ws`'s documents). Without
    `model` or `plan`, the scenario's own: the baseline files beside it, else the
    workspace's written for it."""
    found = {"scenario": catalog.resolve("scenario", scenario, ws)}
    if found["scenario"].model is None:  # its errors first, with file, line and key
        load_text(Scenario, found["scenario"].text, found["scenario"].source)
    for kind, name in (("care", model), ("plan", plan)):
        found[kind] = (catalog.resolve(kind, name, ws) if name
                       else catalog.default_related(found["scenario"], kind, ws))
    return bundle_from_texts({k: s.text for k, s in found.items()},
                             {k: s.source for k, s in found.items()})


def bundle_from_texts(texts: dict[str, str], sources: dict[str, str] | None = None) -> Bundle:
    sources = sources or {k: f"<{k}>" for k in KINDS}
    scenario = load_text(Scenario, texts["scenario"], sources["scenario"])
    care = load_text(CareModel, texts["care"], sources["care"])
    check_related(care, scenario, texts["care"], sources["care"])
    plan = load_text(OperationsPlan, texts["plan"], sources["plan"])
    check_related(plan, care, texts["plan"], sources["plan"])
    cases.check(plan, scenario, texts["plan"], sources["plan"])
    return Bundle(scenario, care, plan, dict(texts), dict(sources))


def execute(bundle: Bundle, *, seed: int | None = None, days: int | None = None,
            progress: Callable[[Progress], bool | None] | None = None) -> RunResult:
    seed = bundle.scenario.seed if seed is None else seed
    days = bundle.scenario.calendar.days if days is None else days
    if seed < 0:
        raise SimlabError(_("the seed must be a whole number ≥ 0"), key="seed")
    if not 1 <= days <= 3660:
        raise SimlabError(_("the days must be between 1 and 3660"), key="days")
    world = build(bundle.scenario, seed, days)
    prep = cases.before_run(bundle.plan, world, seed)  # notices, knowledge base
    world = world if prep is None else prep.world
    log = simulate(world, bundle.care, bundle.plan, seed=seed, progress=progress)
    # with the procedures' repeat contacts, if the plan has any
    world = log.world if log.world is not None else world
    world.contacts.release_engine_inputs()  # the result keeps the world, not to rerun it
    result = RunResult(bundle, seed, days, world, log, {})
    if prep is not None:  # complaints and consumer-law cases, their cost lines
        result.cases = cases.after_run(bundle.plan, bundle.scenario, prep, log, seed)
    result.summary = summarise(result)
    return result


def inputs(result: RunResult) -> dict:
    """Everything needed to replay the run bit for bit."""
    return {
        "simlab_version": __version__,
        "seed": result.seed,
        "days": result.days,
        "scenario_id": result.bundle.scenario.id,
        "care_id": result.bundle.care.id,
        "plan_id": result.bundle.plan.id,
        "texts": dict(result.bundle.texts),
        # Where each text came from (a shipped file, a workspace document, a path), so
        # that every result names its inputs; replay reads only the texts.
        "sources": dict(result.bundle.sources),
    }


def summarise(result: RunResult) -> dict:
    """The summary kept in `run.json`: the results object's (`runview.RunView`)."""
    from simlab.lab.runview import RunView
    from simlab.world.memory import release_freed

    result.view = RunView.from_result(result)
    summary = result.view.summary
    release_freed()  # what the KPIs' working arrays freed, before the files are encoded
    return summary


def write(result: RunResult, out_dir: Path, csv: bool = False) -> dict[str, str]:
    from simlab.store.runfiles import write_run

    log = result.log
    tables = {"contacts": log.contacts, "agents": log.agents, "costs": log.costs,
              "ledger": run_ledger(result)}
    extra = None
    if log.tasks is not None:  # the plan's procedures made tasks (docs/procedures.md)
        from simlab.store.runfiles import parquet_bytes

        extra = {"tasks.parquet": parquet_bytes(log.tasks)}
    case_files = cases.files(result.cases)  # complaints.parquet and the like (lab.cases)
    if case_files:
        extra = {**(extra or {}), **case_files}
    if csv:  # for people: the export's CSVs, in the one dialect (reports.csvfile)
        from simlab.lab.runview import RunView
        from simlab.reports.export import csv_files

        extra = {**(extra or {}), **csv_files(RunView.from_result(result))}
    return write_run(Path(out_dir), tables, inputs(result), result.summary, extra,
                     encoded=result.encoded)


def run_ledger(result: RunResult):
    """The run's cost ledger (analysis.ledger): the plan's budget over the run's days
    against the run's costs, by date and line."""
    from simlab.analysis.ledger import build_ledger
    from simlab.analysis.variance import budget_for_days

    if result.ledger is not None:
        return result.ledger
    b = result.bundle
    budget = budget_for_days(b.scenario, b.care, b.plan, result.days)
    dates = [b.scenario.calendar.date_of(d) for d in range(result.days)]
    log = result.log
    result.ledger = build_ledger(budget, log.costs, log.contacts, log.agents, dates)
    return result.ledger


def write_to_folder(result: RunResult, out_dir: Path, csv: bool = False,
                    key: str | None = "--out") -> dict[str, str]:
    """The run files in a new or empty folder, never over another run's: `simlab run
    --out DIR`, and the app's «save elsewhere» when the workspace cannot keep the run.
    Each file is written atomically and run.json last, so a folder with run.json is whole."""
    from simlab.store.runfiles import check_out_folder

    check_out_folder(Path(out_dir), key)
    return write(result, Path(out_dir), csv=csv)


def rerun(inputs_: dict, out_dir: Path,
          progress: Callable[[Progress], bool | None] | None = None) -> dict[str, str]:
    """Replay: the same inputs through the same path; returns the new file hashes."""
    bundle = bundle_from_texts(inputs_["texts"])
    result = execute(bundle, seed=inputs_["seed"], days=inputs_["days"], progress=progress)
    return write(result, out_dir)


def save(result: RunResult, workspace, *, label: str = "", person_id: int | None = None) -> str:
    """Keep the run in the workspace (`store.Workspace`): files first, then one
    transaction marks it complete; a crash in between leaves it `interrupted`, never half."""
    with workspace.new_run(inputs(result), label=label, person_id=person_id) as writer:
        writer.commit(result.summary, write(result, writer.dir))
    return writer.id
