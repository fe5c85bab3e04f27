"""The CLI's commands: each reads its arguments, calls the core, prints the result."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from simlab import fmt
from simlab.cli_output import ProgressBar, cost_lines, err, kpi_table, out, team_table
from simlab.errors import SimlabError
from simlab.i18n import _, pick
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
    out.print(_("✓ {file}: care model «{id}» is valid").format(file=care, id=bundle.care.id))
    out.print(_("✓ {file}: plan «{id}» is valid").format(file=plan, id=bundle.plan.id))
    return 0


def scenario_add(args: argparse.Namespace) -> int:
    """Validate the three files together, then save them as workspace documents. A
    shipped scenario is not copied: only the care model or plan given with it."""
    from simlab.store.workspace import Workspace

    bundle = runner.load_bundle(args.file, args.model, args.plan)
    shipped = Path(bundle.sources["scenario"]).resolve().is_relative_to(catalog.SHIPPED)
    care = ("care_model", bundle.care.id, "care")
    plan = ("plan", bundle.plan.id, "plan")
    if not shipped:
        docs = [("scenario", bundle.scenario.id, "scenario"), care, plan]
    else:
        docs = [d for d, given in ((care, args.model), (plan, args.plan)) if given]
        if not docs:
            raise SimlabError(_("«{id}» is already in the lab: give your own care model or "
                                "plan with --model or --plan").format(id=bundle.scenario.id))
    with Workspace.open(None) as ws:
        for kind, doc_id, key in docs:
            ws.save_document(kind, doc_id, bundle.texts[key])
            out.print(_("✓ saved in the workspace: {file} as «{id}»").format(
                file=bundle.sources[key], id=doc_id))
    return 0


def scenario_schema(args: argparse.Namespace) -> int:
    from simlab.model import CareModel, OperationsPlan, Scenario

    cls = {"scenario": Scenario, "care": CareModel, "plan": OperationsPlan}[args.kind]
    print(json.dumps(cls.model_json_schema(), indent=2, ensure_ascii=False))
    return 0


def scenario_list(args: argparse.Namespace) -> int:
    from rich.table import Table

    table = Table(title=_("Scenarios"), title_justify="left")
    for col in (_("Id"), _("Title"), _("Company"), _("Channels"), _("Contacts per weekday")):
        table.add_column(col)
    for entry in catalog.entries():
        sc = entry.scenario
        table.add_row(sc.id, str(sc.title), sc.company.name, ", ".join(c.id for c in sc.channels),
                      fmt.number(sc.demand.volume_per_weekday))
    out.print(table)
    return 0


def run(args: argparse.Namespace) -> int:
    bundle = runner.load_bundle(args.scenario, args.model, args.plan)
    bar = ProgressBar(_("Simulating"))
    try:
        result = runner.execute(bundle, seed=args.seed, days=args.days, progress=bar)
    finally:
        bar.close()
    if args.out:
        runner.write(result, args.out, csv=args.csv)
        err.print(_("Run files written to {folder}").format(folder=args.out))
    if not args.no_save:
        from simlab.store.workspace import Workspace

        with Workspace.open(None) as ws:
            run_id = runner.save(result, ws)
            err.print(_("Run saved in the workspace as {id} ({folder})").format(
                id=run_id, folder=ws.run_dir(run_id)))
    sc = bundle.scenario
    title = _("{title} — seed {seed}, {days} days, {n} contacts").format(
        title=pick(sc.title.model_dump()), seed=result.seed, days=result.days,
        n=fmt.number(result.summary["contacts"]))
    out.print(kpi_table(result.summary, title))
    out.print(team_table(result.summary))
    for line in cost_lines(result.summary):
        out.print(line)
    return 0


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
    checks = [
        (args.arrivals_per_hour > 0, "--arrivals-per-hour", _("must be greater than 0")),
        (args.aht > 0, "--aht", _("must be greater than 0")),
        (args.agents >= 1, "--agents", _("must be at least 1")),
        (args.patience is None or args.patience > 0, "--patience", _("must be greater than 0")),
        (args.target >= 0, "--target", _("cannot be negative")),
        (1000 <= args.contacts <= 20_000_000, "--contacts", _("must be between 1000 and 20000000")),
        (args.seed >= 0, "--seed", _("cannot be negative")),
    ]
    for ok, key, message in checks:
        if not ok:
            raise SimlabError(message, key=key)
    # the same range as the scenario files (a time of at most a few days)
    from simlab.model.distributions import check_time

    for key, value in (("--aht", args.aht), ("--patience", args.patience)):
        try:
            if value is not None:
                check_time(value)
        except ValueError as e:
            raise SimlabError(str(e), key=key) from None


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
    from rich.table import Table

    with _workspace() as ws:
        records = ws.runs()
        table = Table(title=_("Runs in {folder}").format(folder=ws.root), title_justify="left")
        for col in (_("Id"), _("Created"), _("Scenario"), _("Seed"), _("Status"), _("Label")):
            table.add_column(col)
        for r in records:
            table.add_row(r.id, str(r.created_at)[:16], r.scenario_id or "", str(r.seed or ""),
                          r.status, r.label)
        out.print(table)
    return 0


def runs_show(args: argparse.Namespace) -> int:
    with _workspace() as ws:
        record = ws.run(args.run_id)
        out.print(_("Run {id} — {status}").format(id=record.id, status=record.status))
        if record.summary:
            out.print(kpi_table(record.summary, _("Indicators")))
        out.print(_("Folder: {folder}").format(folder=ws.run_dir(record.id)))
    return 0


def runs_replay(args: argparse.Namespace) -> int:
    with _workspace() as ws:
        result = ws.replay(args.run_id, runner.rerun)
    if result.ok:
        out.print(_("✓ Run {id} replayed: every file is identical.").format(id=args.run_id))
        return 0
    err.print(_("✗ Run {id} replayed with different results:").format(id=args.run_id))
    for name in sorted(set(result.expected) | set(result.actual)):
        if result.expected.get(name) != result.actual.get(name):
            err.print(f"  {name}")
    return 1
