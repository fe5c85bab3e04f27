"""The CLI's commands: each reads its arguments, calls the core, prints the result."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from simlab import fmt
from simlab.cli_output import ProgressBar, err, facts_table, grid_table, out
from simlab.errors import SimlabError
from simlab.i18n import _, ngettext
from simlab.lab import catalog, runner


def scenario_check(args: argparse.Namespace) -> int:
    from simlab.model.loader import load_scenario

    path = catalog.find(args.file)
    scenario = load_scenario(path)
    out.print(_("✓ {file}: scenario «{id}» is valid").format(file=path, id=scenario.id))
    care = args.model or catalog.companion(path, "care")
    plan = args.plan or catalog.companion(path, "plan")
    if not args.model and not args.plan and not (care.exists() or plan.exists()):
        out.print(_("(no care model or plan beside it: give them with --model and --plan)"))
        return 0
    bundle = runner.load_bundle(path, care, plan)
    _warn(bundle)
    out.print(_("✓ {file}: care model «{id}» is valid").format(file=care, id=bundle.care.id))
    out.print(_("✓ {file}: plan «{id}» is valid").format(file=plan, id=bundle.plan.id))
    return 0


def scenario_add(args: argparse.Namespace) -> int:
    """Validate the three files together, then save as workspace documents those that
    are not in the lab yet: a shipped or already saved scenario, care model or plan is
    named, not copied."""
    from simlab.store.workspace import Workspace

    with Workspace.open(None) as ws:
        bundle = runner.load_bundle(args.file, args.model, args.plan, ws)
        _warn(bundle)
        models = {"scenario": bundle.scenario, "care": bundle.care, "plan": bundle.plan}
        docs = [(catalog.DOC_KIND[key], models[key].id, key) for key in models
                if catalog.is_file_source(bundle.sources[key])]
        if not docs:
            raise SimlabError(_("«{id}» is already in the lab: give your own care model or "
                                "plan with --model or --plan").format(id=bundle.scenario.id))
        for kind, doc_id, key in docs:
            ws.save_document(kind, doc_id, bundle.texts[key])
            out.print(_("✓ saved in the workspace: {file} as «{id}»").format(
                file=bundle.sources[key], id=doc_id))
    return 0


def _warn(bundle) -> None:
    for warning in catalog.warnings(bundle):
        label = _("Warning")
        err.print(f"[bold yellow]{label}[/]: ", markup=True, end="")
        err.print(warning, markup=False)


def scenario_schema(args: argparse.Namespace) -> int:
    from simlab.model import CareModel, OperationsPlan, Scenario
    from simlab.model.schema import json_schema

    cls = {"scenario": Scenario, "care": CareModel, "plan": OperationsPlan}[args.kind]
    print(json.dumps(json_schema(cls), indent=2, ensure_ascii=False))
    return 0


def scenario_list(args: argparse.Namespace) -> int:
    from simlab.reports.tables import scenario_list_grid

    ws = _workspace_if_any()
    try:
        grid = scenario_list_grid(catalog.entries(ws))
    finally:
        if ws is not None:
            ws.close()
    out.print(grid_table(grid, _("Scenarios")))
    return 0


def _workspace_if_any(create: bool = False):
    """The workspace, for what it holds, or None if there is none yet."""
    from simlab.store.workspace import Workspace

    try:
        return Workspace.open(None, create=create)
    except SimlabError:
        if create:
            raise
        return None


def run(args: argparse.Namespace) -> int:
    from simlab.lab.runview import RunView
    from simlab.model.common import MAX_SEED
    from simlab.store.runfiles import check_out_folder

    if args.seed is not None and not 0 <= args.seed <= MAX_SEED:
        raise SimlabError(_("must be a whole number from 0 to {max}").format(max=MAX_SEED),
                          key="--seed")
    if args.days is not None and not 1 <= args.days <= 3660:
        raise SimlabError(_("must be between 1 and 3660"), key="--days")
    if args.out is not None:
        check_out_folder(args.out)
    # the workspace to save in (checked writable before simulating), or only to look up
    # the scenarios, care models and plans it holds
    ws = _workspace_if_any() if args.no_save else _writable_workspace(args.out)
    try:
        bundle = runner.load_bundle(args.scenario, args.model, args.plan, ws)
        _warn(bundle)
        bar = ProgressBar(_("Simulating"))
        try:
            result = runner.execute(bundle, seed=args.seed, days=args.days, progress=bar)
        finally:
            bar.close()
        if args.out:  # checked before simulating, and again now: never overwritten
            runner.write_to_folder(result, args.out, csv=args.csv)
            err.print(_("Run files written to {folder}").format(folder=args.out))
        run_id = record = None
        if ws is not None and not args.no_save and not ws.read_only:
            person = ws.current_person()  # whoever the lab has chosen, as the app does
            run_id = runner.save(result, ws, person_id=person.id if person else None)
            record = ws.run(run_id)
            err.print(_("Run saved in the workspace as {id} ({folder})").format(
                id=run_id, folder=ws.run_dir(run_id)))
    finally:
        if ws is not None:
            ws.close()
    print_results(RunView.from_result(result, run_id, record=record))
    return 0


def _writable_workspace(out_dir: Path | None):
    """The workspace to save a run in, opened before simulating: if it cannot be
    written, say so now, not after minutes of simulation. With --out the run files still
    go there; without, the run is refused (nothing simulated, nothing lost)."""
    from simlab.store.integrity import read_only_message
    from simlab.store.workspace import Workspace

    ws = Workspace.open(None)
    if ws.read_only_reason is None:
        return ws
    message = read_only_message(ws.root, ws.read_only_reason)
    if out_dir is None:
        ws.close()
        raise SimlabError(message + " " + _(
            "The run was not started: give --out DIR to write its files to a folder, "
            "--workspace DIR for another workspace, or --no-save."))
    err.print(message + " " + _("The run files go only to {folder}.").format(folder=out_dir),
              markup=False)
    return ws


def print_results(view) -> None:
    """The run's inputs, KPIs, teams and costs: the same tables as the app's results."""
    from simlab.reports import runinfo, tables

    out.print(facts_table(runinfo.run_facts(view)))
    out.print(grid_table(tables.kpi_grid(view.channels, view.scenario), _("Indicators")))
    out.print(grid_table(tables.team_grid(view.teams, view.plan), _("Teams")))
    out.print(facts_table(tables.cost_lines(view.cost)))
    if view.result is not None:  # a fresh run: its ledger is in memory (lab.ledger)
        from simlab.lab import ledger
        from simlab.reports.ledger_tables import summary_text

        out.print(summary_text(ledger.for_view(view)), markup=False)


QUEUE_METRICS = ("p_wait", "p_abandon", "service_level", "asa_s", "occupancy")


def queue(args: argparse.Namespace) -> int:
    from simlab.lab.queuelab import QueueSpec
    from simlab.lab.queuelab import run as lab_run

    _check_queue_args(args)
    spec = QueueSpec(args.arrivals_per_hour, args.aht, args.agents, args.patience, args.target,
                     args.contacts, args.seed)
    bar = ProgressBar(_("Simulating"))
    try:
        result = lab_run(spec, progress=bar)
    except ValueError as e:  # the analytic model refuses (e.g. an unstable Erlang C system)
        raise SimlabError(_("the theory cannot be computed: {reason}").format(reason=e)) from None
    finally:
        bar.close()
    if args.out:
        _write_lab(result, args.out)
    if args.json:
        data = {
            "theory": {k: getattr(result.theory, k) for k in QUEUE_METRICS},
            "simulated": {k: {"value": e.value, "ci95": [e.low, e.high], "se": e.se}
                          for k, e in result.simulated.items()},
        }
        print(json.dumps(data, indent=2, sort_keys=True))
        return 0
    out.print(_queue_table(result))
    return 0


def _check_queue_args(args: argparse.Namespace) -> None:
    """The ranges of cli.QUEUE_BOUNDS (NaN fails every comparison, so it is refused too)."""
    from simlab.cli import QUEUE_BOUNDS, _num
    from simlab.model.common import MAX_SEED

    values = {"arrivals": ("--arrivals-per-hour", args.arrivals_per_hour),
              "aht": ("--aht", args.aht), "agents": ("--agents", args.agents),
              "patience": ("--patience", args.patience), "target": ("--target", args.target),
              "contacts": ("--contacts", args.contacts)}
    for name, (key, value) in values.items():
        low, high = QUEUE_BOUNDS[name]
        if value is not None and not low <= value <= high:
            raise SimlabError(_("must be between {low} and {high}").format(
                low=_num(low), high=_num(high)), key=key)
    if not 0 <= args.seed <= MAX_SEED:
        raise SimlabError(_("must be a whole number from 0 to {max}").format(max=MAX_SEED),
                          key="--seed")
    # Without abandonment a queue whose offered load reaches the agents grows forever.
    load = args.arrivals_per_hour * args.aht / 3600
    if args.patience is None and load >= args.agents:
        raise SimlabError(_("without --patience (Erlang C) the offered load A = λ × AHT = {a} "
                            "erlang must stay below the {n} agents, or the queue grows without "
                            "end: add agents or give --patience").format(
            a=_num(round(load, 2)), n=args.agents), key="--agents")
    # Erlang A's cost grows with the customers who can be waiting at once, λ × patience.
    if args.patience is not None and args.arrivals_per_hour * args.patience / 3600 > 100_000:
        raise SimlabError(_("arrivals per hour × patience in hours must be at most 100000 "
                            "(here {n}): lower one of them").format(
            n=int(args.arrivals_per_hour * args.patience / 3600)), key="--patience")
    # The simulated calendar holds at most 3660 days: few arrivals need many days.
    days = args.contacts / (args.arrivals_per_hour * 24)
    if days > 3600:
        raise SimlabError(_("{k} contacts at {lam} per hour need {days} days: at most 3600; "
                            "give fewer --contacts or more --arrivals-per-hour").format(
            k=args.contacts, lam=_num(args.arrivals_per_hour), days=int(days)),
            key="--contacts")
    if args.out is not None:
        from simlab.store.runfiles import check_out_folder

        check_out_folder(args.out)


def _queue_table(result):
    from rich.table import Table

    spec = result.spec
    model = "Erlang C" if spec.patience_s is None else "Erlang A"
    title = _("M/M/{n}{plus}: λ = {lam}/h, AHT = {aht} s, patience = {pat}, T = {t} s, {k} contacts").format(
        n=spec.agents, plus="" if spec.patience_s is None else "+M",
        lam=fmt.number(spec.arrivals_per_hour, 1), aht=fmt.number(spec.aht_s, 1),
        pat=_("none") if spec.patience_s is None else f"{fmt.number(spec.patience_s, 1)} s",
        t=fmt.number(spec.target_s, 1), k=fmt.number(spec.contacts))
    table = Table(title=title, title_justify="left")
    table.add_column(_("Indicator"))
    table.add_column(_("Theory ({model})").format(model=model), justify="right")
    table.add_column(_("Simulated"), justify="right")
    table.add_column(_("95% interval"), justify="right")
    names = {
        "p_wait": _("Probability of waiting P(wait)"),
        "p_abandon": _("Probability of abandoning P(ab)"),
        "service_level": _("Service level SL (answered within T ÷ arrivals)"),
        "asa_s": _("Average speed of answer (ASA)"),
        "occupancy": _("Occupancy"),
    }
    for key in QUEUE_METRICS:
        est = result.simulated[key]
        show = fmt.seconds if key == "asa_s" else (lambda x: fmt.percent(x, 2))
        table.add_row(names[key], show(getattr(result.theory, key)), show(est.value),
                      f"{show(est.low)} – {show(est.high)}")
    return table


def _write_lab(result, folder: Path) -> None:
    from simlab.lab.runner import Bundle, RunResult, summarise, write
    from simlab.model.yamlio import dump

    texts = {
        "scenario": dump(result.scenario.model_dump(mode="json", by_alias=True)),
        "care": dump(result.care.model_dump(mode="json", by_alias=True)),
        "plan": dump(result.plan.model_dump(mode="json", by_alias=True)),
    }
    bundle = Bundle(result.scenario, result.care, result.plan, texts, {})
    run_result = RunResult(bundle, result.spec.seed, result.days, result.world, result.log, {})
    run_result.summary = summarise(run_result)
    write(run_result, folder)


def _workspace():
    from simlab.store.workspace import Workspace

    return Workspace.open(None, create=False)


def runs_list(args: argparse.Namespace) -> int:
    from simlab.reports.runinfo import runs_grid

    with _workspace() as ws:
        records = ws.runs()
        grid = runs_grid(records, ws.run_inputs, ws.damaged_runs(records))
        out.print(grid_table(grid, _("Runs in {folder}").format(folder=ws.root)))
    return 0


def _report_damage(ws, run_id: str) -> bool:
    """Check a run's stored files against their hashes; print what is wrong. True if
    the run is damaged (its numbers cannot be trusted)."""
    problems = ws.verify_run(run_id)
    if problems:
        err.print(_("✗ Run {id} is damaged: its files do not match what was saved "
                    "({folder}):").format(id=run_id, folder=ws.run_dir(run_id)), markup=False)
        for problem in problems:
            err.print(f"  - {problem}", markup=False)
    return bool(problems)


def runs_show(args: argparse.Namespace) -> int:
    from simlab.lab.runview import open_run
    from simlab.reports.runinfo import input_lines, status_name

    with _workspace() as ws:
        record = ws.run(args.run_id)
        damaged = _report_damage(ws, record.id)
        out.print(_("Run {id} — {status}").format(id=record.id, status=status_name(record.status)))
        if record.status == "complete" and not damaged:
            print_results(open_run(ws, record.id))
        else:  # a damaged run's numbers cannot be trusted: its inputs only
            out.print(facts_table(input_lines(ws.run_inputs(record.id))))
        out.print(_("Folder: {folder}").format(folder=ws.run_dir(record.id)))
    return 1 if damaged else 0


def runs_replay(args: argparse.Namespace) -> int:
    from simlab.lab.replay import replay

    with _workspace() as ws:
        run_id = ws.run(args.run_id).id
        damaged = _report_damage(ws, run_id)
        report = replay(ws, run_id)  # the app's replay (y) is the same call
    if report.identical:
        out.print(_("✓ Run {id} replayed: every file is identical.").format(id=run_id))
        return 1 if damaged else 0
    err.print(_("✗ Run {id} replayed with different results:").format(id=run_id))
    for name in report.different:
        err.print(f"  {name}")
    return 1


def workspace_check(args: argparse.Namespace) -> int:
    """The whole workspace: database structure, records, every run's files re-hashed."""
    with _workspace() as ws:
        problems = list(ws.recovered) + ws.check(verify_files=True)
        n = len(ws.runs())
        if ws.read_only_reason:
            err.print(_("(read-only: {reason})").format(reason=ws.read_only_reason),
                      markup=False)
        if not problems:
            out.print(ngettext("✓ Workspace {path} intact: {n} run checked.",
                               "✓ Workspace {path} intact: {n} runs checked.", n).format(
                path=ws.root, n=n), markup=False)
            return 0
        err.print(ngettext("✗ Workspace {path}: {n} problem found:",
                           "✗ Workspace {path}: {n} problems found:", len(problems)).format(
            path=ws.root, n=len(problems)), markup=False)
        for problem in problems:
            err.print(f"  - {problem}", markup=False)
    return 1
