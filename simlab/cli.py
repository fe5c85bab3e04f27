"""The `simlab` command. Every user mistake ends as one or two Italian lines and exit
code 2; anything else escaping is a bug and shows its traceback."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from simlab import __version__, i18n
from simlab.errors import SimlabError, from_os_error
from simlab.i18n import _

EXIT_USER_ERROR = 2


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    i18n.set_language(_early_lang(argv))
    i18n.install_argparse()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.workspace:
        os.environ["SIMLAB_WORKSPACE"] = str(args.workspace)
    try:
        try:
            return args.func(args)
        except BrokenPipeError:  # `simlab … | head`: the reader left, nothing to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except OSError as e:  # a path the user gave: too long, not writable, disk full…
            raise from_os_error(e) from None
    except SimlabError as e:
        from simlab.cli_output import print_error

        print_error(e)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(_("Interrupted."), file=sys.stderr)
        return 130


def _early_lang(argv: list[str]) -> str | None:
    """--lang must be known before the parser is built: its help texts are translated."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _common_options(parser: argparse.ArgumentParser, default: object) -> None:
    """--lang and --workspace, accepted before and after the command: the subcommands
    repeat them with a suppressed default, so they never undo what came before."""
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=default,
                        help=_("language: it (default) or en"))
    parser.add_argument("--workspace", type=Path, metavar="DIR", default=default,
                        help=_("workspace folder (default ./simlab-workspace)"))


class _Sub:
    """`add_parser` that gives every command the common options."""

    def __init__(self, action) -> None:
        self.action = action

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        parser = self.action.add_parser(name, **kwargs)
        _common_options(parser, argparse.SUPPRESS)
        return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="simlab",
        description=_("Customer-care simulation lab. With no command, opens the lab app."),
    )
    parser.add_argument("--version", action="version", version=f"simlab {__version__}",
                        help=_("show program's version number and exit"))
    _common_options(parser, None)
    parser.set_defaults(func=_open_app)
    sub = _Sub(parser.add_subparsers(title=_("commands"), metavar=_("COMMAND")))
    from simlab import cli_groups  # the parsers of the units' commands (kept apart for size)

    scenario = sub.add_parser("scenario", help=_("check scenario files, print their schema"))
    scenario_sub = _Sub(scenario.add_subparsers(metavar=_("ACTION"), required=True))
    check = scenario_sub.add_parser("check", help=_("validate a scenario (with its care model and plan)"))
    check.add_argument("file", help=_("scenario file or id"))
    check.add_argument("--model", type=Path, help=_("care model file"))
    check.add_argument("--plan", type=Path, help=_("operations plan file"))
    check.set_defaults(func=_cmd("scenario_check"))
    schema = scenario_sub.add_parser("schema", help=_("print the JSON Schema of the files"))
    schema.add_argument("--kind", choices=("scenario", "care", "plan"), default="scenario",
                        help=_("which file: scenario, care or plan"))
    schema.set_defaults(func=_cmd("scenario_schema"))
    add = scenario_sub.add_parser(
        "add", help=_("check a scenario (with its care model and plan) and keep it in the "
                      "workspace, where the lab shows it"))
    add.add_argument("file", help=_("scenario file or id"))
    add.add_argument("--model", type=Path, help=_("care model file"))
    add.add_argument("--plan", type=Path, help=_("operations plan file"))
    add.set_defaults(func=_cmd("scenario_add"))
    listing = scenario_sub.add_parser("list", help=_("list the available scenarios"))
    listing.set_defaults(func=_cmd("scenario_list"))

    run = sub.add_parser("run", help=_("simulate a scenario and print its KPIs"))
    run.add_argument("scenario", nargs="?", default="energia-base", help=_("scenario file or id"))
    run.add_argument("--model", type=Path, help=_("care model file"))
    run.add_argument("--plan", type=Path, help=_("operations plan file"))
    run.add_argument("--seed", type=int, metavar="SEED",
                     help=_("random seed, a whole number ≥ 0 (default: the scenario's)"))
    run.add_argument("--days", type=int, metavar="N",
                     help=_("days to simulate, 1 to 3660 (default: the scenario's)"))
    run.add_argument("--out", type=_out_folder, metavar="DIR",
                     help=_("new or empty folder for the run files (never overwritten)"))
    run.add_argument("--csv", action="store_true", help=_("also write CSV files"))
    run.add_argument("--no-save", action="store_true",
                     help=_("do not keep the run in the workspace"))
    run.set_defaults(func=_cmd("run"))

    queue = sub.add_parser("queue", help=_("queue lab: Erlang theory beside the simulation"))
    queue.add_argument("--arrivals-per-hour", type=float, required=True, metavar="L",
                       help=_("arrivals per hour, {low} to {high}").format(
                           low=_num(QUEUE_BOUNDS["arrivals"][0]),
                           high=_num(QUEUE_BOUNDS["arrivals"][1])))
    queue.add_argument("--aht", type=float, required=True, metavar="S",
                       help=_("average handling time, seconds, {low} to {high}").format(
                           low=_num(QUEUE_BOUNDS["aht"][0]), high=_num(QUEUE_BOUNDS["aht"][1])))
    queue.add_argument("--agents", type=int, required=True, metavar="N",
                       help=_("agents, {low} to {high}").format(
                           low=_num(QUEUE_BOUNDS["agents"][0]),
                           high=_num(QUEUE_BOUNDS["agents"][1])))
    queue.add_argument("--patience", type=float, metavar="S",
                       help=_("mean patience in seconds (Erlang A), {low} to {high}; none: "
                              "Erlang C").format(low=_num(QUEUE_BOUNDS["patience"][0]),
                                                 high=_num(QUEUE_BOUNDS["patience"][1])))
    queue.add_argument("--target", type=float, default=20.0, metavar="S",
                       help=_("service level threshold, seconds, {low} to {high} (default "
                              "20)").format(low=_num(QUEUE_BOUNDS["target"][0]),
                                            high=_num(QUEUE_BOUNDS["target"][1])))
    queue.add_argument("--contacts", type=int, default=200_000, metavar="K",
                       help=_("contacts to simulate, {low} to {high} (default 200000)").format(
                           low=_num(QUEUE_BOUNDS["contacts"][0]),
                           high=_num(QUEUE_BOUNDS["contacts"][1])))
    queue.add_argument("--seed", type=int, default=1, metavar="SEED",
                       help=_("random seed, a whole number ≥ 0 (default 1)"))
    queue.add_argument("--out", type=_out_folder, metavar="DIR",
                       help=_("new or empty folder for the run files (never overwritten)"))
    queue.add_argument("--json", action="store_true", help=_("print JSON"))
    queue.set_defaults(func=_cmd("queue"))

    cli_groups.analysis_commands(sub)
    cli_groups.report_commands(sub)
    cli_groups.survey_commands(sub)

    runs = sub.add_parser("runs", help=_("runs saved in the workspace"))
    runs_sub = _Sub(runs.add_subparsers(metavar=_("ACTION"), required=True))
    runs_sub.add_parser("list", help=_("list the runs")).set_defaults(func=_cmd("runs_list"))
    show = runs_sub.add_parser("show", help=_("show one run (after checking its files)"))
    show.add_argument("run_id", metavar="ID", help=_("run id, e.g. R000012 or 12"))
    show.set_defaults(func=_cmd("runs_show"))
    replay = runs_sub.add_parser("replay", help=_("re-run from the stored inputs and compare"))
    replay.add_argument("run_id", metavar="ID", help=_("run id, e.g. R000012 or 12"))
    replay.set_defaults(func=_cmd("runs_replay"))

    cli_groups.classroom_commands(sub)
    cli_groups.design_commands(sub)
    cli_groups.operations_commands(sub)
    cli_groups.rounds_commands(sub)
    cli_groups.compare_commands(sub)

    workspace = sub.add_parser("workspace", help=_("the workspace: check that it is intact"))
    workspace_sub = _Sub(workspace.add_subparsers(metavar=_("ACTION"), required=True))
    workspace_sub.add_parser(
        "check", help=_("check the database and re-hash the files of every run")
    ).set_defaults(func=_cmd("workspace_check"))
    cli_groups.curriculum_commands(sub)
    cli_groups.exam_commands(sub)
    return parser


# The ranges `simlab queue` accepts (checked in cli_commands._check_queue_args): wide
# enough for any classroom case, narrow enough that the theory and the simulation stay
# finite and fit in memory.
QUEUE_BOUNDS: dict[str, tuple[float, float]] = {
    "arrivals": (0.01, 100_000),
    "aht": (1, 86_400),
    "agents": (1, 5000),
    "patience": (1, 86_400),
    "target": (1, 3600),
    "contacts": (1000, 20_000_000),
}


def _out_folder(text: str) -> Path:
    """--out "" would be the current folder: refuse it, a folder must be named."""
    if not text.strip():
        raise argparse.ArgumentTypeError(_("name a folder for the run files"))
    return Path(text)


def _num(value: float) -> str:
    """A bound for --help, without importing the number formatting (kept fast)."""
    text = str(int(value)) if value == int(value) else f"{value:g}"
    return text.replace(".", ",") if i18n.language() == "it" else text


def _cmd(name: str):
    """Commands live in cli_commands (or, as "module:function", in another simlab
    module); importing it lazily keeps `simlab --help` fast."""
    module, _sep, function = name.rpartition(":")

    def call(args: argparse.Namespace) -> int:
        import gc
        import importlib

        # The libraries' import makes hundreds of thousands of objects and no garbage: the
        # cyclic collector, paused meanwhile, would only walk them again and again; frozen
        # afterwards, they are never walked again (the command's own objects still are).
        collecting = gc.isenabled()
        gc.disable()
        try:
            commands = importlib.import_module(f"simlab.{module or 'cli_commands'}")
        finally:
            gc.freeze()
            if collecting:
                gc.enable()
        return getattr(commands, function)(args)

    return call


def _open_app(args: argparse.Namespace) -> int:
    try:
        from simlab.tui.app import run_app
    except ImportError:
        return _cmd("run")(argparse.Namespace(
            scenario="energia-base", model=None, plan=None, seed=None, days=None, out=None,
            csv=False, no_save=True))
    return run_app(workspace=args.workspace)


if __name__ == "__main__":
    raise SystemExit(main())
