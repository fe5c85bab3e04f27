"""The parsers of the lab's groups of commands beyond running and the queue lab: the
analysis of a run or a log, the UF1 design tools, the UF2 operations tools, the comparison
of runs, the classroom and the curriculum. Each group's commands live in their own
`cli_*` module, imported only when the command runs (`cli._cmd`), so that building the
parser, and `simlab --help`, stays fast."""

from __future__ import annotations

import argparse
from pathlib import Path

from simlab.cli import _cmd, _out_folder, _Sub
from simlab.i18n import _


def analysis_commands(sub: _Sub) -> None:
    """`kpi`, `import`, `calibrate` (cli_analysis)."""
    kpis = sub.add_parser("kpi", help=_("every KPI of a run or an imported log"))
    kpis.add_argument("run", metavar="RUN_DIR", help=_("run folder, or run id of the workspace"))
    kpis.add_argument("--by", metavar="DIMENSION",
                      help=_("group by day, week, month, channel, queue, team, agent or "
                             "interval (default channel)"))
    kpis.add_argument("--formula", action="append", metavar="KPI=VARIANT",
                      help=_("formula of a KPI, e.g. service_level=offered (repeatable)"))
    kpis.add_argument("--short-abandon", type=float, default=5.0, metavar="S",
                      help=_("abandons within S seconds are short, 1 to 60 (default 5)"))
    kpis.add_argument("--repeat-days", type=float, default=7.0, metavar="N",
                      help=_("a repeat is a contact again within N days, 1 to 90 (default 7)"))
    kpis.add_argument("--json", action="store_true", help=_("print JSON"))
    kpis.add_argument("--out", type=Path, metavar="FILE",
                      help=_("also write the table to a .csv or .xlsx file"))
    kpis.set_defaults(func=_cmd("cli_analysis:kpi"))
    imp = sub.add_parser("import", help=_("turn an external contact log into run files"))
    imp.add_argument("file", metavar="FILE", help=_("CSV or TSV file, one row per contact"))
    imp.add_argument("--mapping", type=Path, required=True, metavar="MAPPING",
                     help=_("mapping file (YAML): columns, time formats, outcome codes"))
    imp.add_argument("--out", type=_out_folder, required=True, metavar="DIR",
                     help=_("new or empty folder for the run files (never overwritten)"))
    imp.set_defaults(func=_cmd("cli_analysis:import_log"))

    cal = sub.add_parser("calibrate", help=_("fit a scenario to an imported log or a run"))
    cal.add_argument("run", metavar="DIR", help=_("run folder, or run id of the workspace"))
    cal.add_argument("--out", type=Path, required=True, metavar="FILE",
                     help=_("new scenario file (YAML), never overwritten"))
    cal.set_defaults(func=_cmd("cli_analysis:calibrate"))


def design_commands(sub: _Sub) -> None:
    """UF1: the market datasets and their analysis, sizing and checking a care model."""
    dataset = sub.add_parser("dataset", help=_("market datasets: competitors and survey"))
    dataset_sub = _Sub(dataset.add_subparsers(metavar=_("ACTION"), required=True))
    build = dataset_sub.add_parser("build", help=_("build the datasets from their seed"))
    build.add_argument("--out", type=_out_folder, metavar="DIR",
                       help=_("folder for the files (default ./datasets)"))
    build.add_argument("--seed", type=int, default=20260101, metavar="SEED",
                       help=_("random seed, a whole number ≥ 0 (default 20260101)"))
    build.set_defaults(func=_cmd("cli_design:dataset_build"))
    market = sub.add_parser("market", help=_("market and competitor analysis for a scenario"))
    market.add_argument("scenario", help=_("scenario file or id"))
    market.add_argument("--model", type=Path, help=_("care model file"))
    market.add_argument("--data", type=Path, metavar="DIR",
                        help=_("folder of the datasets (default: the repository's)"))
    market.add_argument("--json", action="store_true", help=_("print JSON"))
    market.add_argument("--out", type=Path, metavar="FILE", help=_("write the JSON to a file"))
    market.set_defaults(func=_cmd("cli_design:market"))
    model = sub.add_parser("model", help=_("size and check a care model"))
    model_sub = _Sub(model.add_subparsers(metavar=_("ACTION"), required=True))
    for name, helptext in (("size", _("operators and cost the care model's targets need")),
                           ("check", _("check a care model's design"))):
        cmd = model_sub.add_parser(name, help=helptext)
        cmd.add_argument("model", metavar="MODEL", help=_("care model file or id"))
        cmd.add_argument("--scenario", required=True, help=_("scenario file or id"))
        cmd.add_argument("--plan", type=Path, help=_("operations plan file (shrinkage, costs)"))
        if name == "size":
            cmd.add_argument("--shrinkage", type=float, metavar="S",
                             help=_("share of paid time not available, 0 to 0,9 (default: "
                                    "the plan's)"))
            cmd.add_argument("--out", type=Path, metavar="FILE",
                             help=_("write the sizing: .csv (intervals) or .xlsx (all)"))
        cmd.set_defaults(func=_cmd(f"cli_design:model_{name}"))
    export = model_sub.add_parser("export", help=_("the deliverable «Modello di customer "
                                                   "care» in Markdown or HTML"))
    export.add_argument("model", metavar="MODEL", help=_("care model file or id"))
    export.add_argument("--scenario", required=True, help=_("scenario file or id"))
    export.add_argument("--plan", type=Path, help=_("operations plan file (shrinkage, costs)"))
    export.add_argument("--format", choices=("md", "html"),
                        help=_("md or html (default: from the file's suffix)"))
    export.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help=_("the file to write (.md or .html)"))
    export.set_defaults(func=_cmd("cli_design:model_export"))


def operations_commands(sub: _Sub) -> None:
    """UF2: from the care model's requirement to a roster and its plan."""
    plan = sub.add_parser("plan", help=_("operations plans: rostering"))
    plan_sub = _Sub(plan.add_subparsers(metavar=_("ACTION"), required=True))
    roster = plan_sub.add_parser(
        "roster", help=_("the cheapest shifts that cover the care model's requirement, "
                         "written as an operations plan"))
    roster.add_argument("model", metavar="MODEL", help=_("care model file or id"))
    roster.add_argument("--scenario", required=True, help=_("scenario file or id"))
    roster.add_argument("--plan", type=Path,
                        help=_("operations plan that gives absence and hourly cost"))
    roster.add_argument("--part-time-share", type=float, metavar="P",
                        help=_("at most this share of agents part time, 0 to 1 (default "
                               "0,4; 1: no limit)"))
    roster.add_argument("--out", type=Path, metavar="FILE",
                        help=_("write the plan (a new file, e.g. my.plan.yaml)"))
    roster.add_argument("--coverage", type=Path, metavar="FILE",
                        help=_("write the coverage per interval: .csv or .xlsx (a new file)"))
    roster.set_defaults(func=_cmd("cli_operations:plan_roster"))
    budget = sub.add_parser("budget", help=_("the planned budget of a care model and plan, "
                                             "month by month"))
    budget.add_argument("model", metavar="MODEL", help=_("care model file or id"))
    budget.add_argument("plan", metavar="PLAN", help=_("operations plan file or id"))
    budget.add_argument("--scenario", required=True, help=_("scenario file or id"))
    budget.add_argument("--out", type=Path, metavar="FILE",
                        help=_("write the budget: .csv (lines) or .xlsx (lines and months)"))
    budget.set_defaults(func=_cmd("cli_operations:budget"))


def compare_commands(sub: _Sub) -> None:
    """The instructor's comparison of runs side by side."""
    compare = sub.add_parser("compare", help=_("compare runs side by side: inputs, KPIs, costs"))
    compare.add_argument("runs", nargs="+", metavar="ID",
                         help=_("two or more runs: ids of the workspace (R000012 or 12) or "
                                "run folders"))
    compare.add_argument("--json", action="store_true", help=_("print JSON"))
    compare.set_defaults(func=_cmd("cli_compare:compare"))


def classroom_commands(sub: _Sub) -> None:
    """`session` and `class` (simlab/cli_classroom.py)."""
    session = sub.add_parser("session", help=_("the session plan of a lab day"))
    session_sub = _Sub(session.add_subparsers(metavar=_("ACTION"), required=True))
    create = session_sub.add_parser("create", help=_("write a session plan to hand out"))
    create.add_argument("--scenario", required=True, help=_("scenario id"))
    create.add_argument("--seed", type=int, required=True, metavar="SEED",
                        help=_("random seed, a whole number ≥ 0"))
    create.add_argument("--days", type=int, metavar="N",
                        help=_("days to simulate (default: the scenario's)"))
    create.add_argument("--exercises", metavar="ID,ID", default="",
                        help=_("exercise ids, separated by commas"))
    create.add_argument("--title", help=_("title of the session (Italian)"))
    create.add_argument("--date", metavar="YYYY-MM-DD", help=_("date of the lab day"))
    create.add_argument("--notes", help=_("notes for the trainees (Italian)"))
    create.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help=_("new file, ending in .session.yaml"))
    create.set_defaults(func=_cmd("cli_classroom:session_create"))
    opened = session_sub.add_parser("open", help=_("open a session plan in the workspace"))
    opened.add_argument("file", type=Path, help=_("session plan file (.session.yaml)"))
    opened.set_defaults(func=_cmd("cli_classroom:session_open"))
    show = session_sub.add_parser("show", help=_("the session plan open in the workspace"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    show.set_defaults(func=_cmd("cli_classroom:session_show"))
    session_sub.add_parser("close", help=_("close the session plan")).set_defaults(
        func=_cmd("cli_classroom:session_close"))

    klass = sub.add_parser("class", help=_("the instructor's class: trainees' workspaces"))
    class_sub = _Sub(klass.add_subparsers(metavar=_("ACTION"), required=True))
    imp = class_sub.add_parser("import", help=_("import trainees' workspaces into the class"))
    imp.add_argument("dirs", nargs="+", type=Path, metavar="DIR",
                     help=_("a trainee's workspace folder, or a .zip of one"))
    imp.set_defaults(func=_cmd("cli_classroom:class_import"))
    show = class_sub.add_parser("show", help=_("the class table per exercise and the abilities"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    show.set_defaults(func=_cmd("cli_classroom:class_show"))
    export = class_sub.add_parser("export", help=_("the course register as CSV or XLSX"))
    export.add_argument("--format", choices=("csv", "xlsx"), default="xlsx",
                        help=_("csv or xlsx (default xlsx)"))
    export.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help=_("file to write"))
    export.set_defaults(func=_cmd("cli_classroom:class_export"))
    replay = class_sub.add_parser("replay", help=_("replay a trainee's run and compare"))
    replay.add_argument("trainee", metavar="NAME", help=_("the trainee's name"))
    replay.add_argument("run_id", metavar="ID", help=_("run id, e.g. R000012"))
    replay.set_defaults(func=_cmd("cli_classroom:class_replay"))


def curriculum_commands(sub: _Sub) -> None:
    """`simlab abilities`, `simlab exercises …`, `simlab portfolio` (cli_exercises)."""
    def person(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--person", metavar="NAME",
                            help=_("who is doing the exercise (default: the lab's current "
                                   "person)"))

    abilities = sub.add_parser("abilities", help=_("the abilities of the standard, by unit"))
    abilities.add_argument("--json", action="store_true", help=_("print JSON"))
    abilities.set_defaults(func=_cmd("cli_exercises:abilities"))
    exercises = sub.add_parser("exercises", help=_("exercises: list, start, check, submit"))
    ex_sub = _Sub(exercises.add_subparsers(metavar=_("ACTION"), required=True))
    listing = ex_sub.add_parser("list", help=_("the exercises, with your status"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    person(listing)
    listing.set_defaults(func=_cmd("cli_exercises:exercises_list"))
    for name, help_text in (("show", _("the brief of an exercise")),
                            ("start", _("start an exercise: its working files")),
                            ("check", _("check your work: feedback and points")),
                            ("submit", _("hand in your work (final)"))):
        action = ex_sub.add_parser(name, help=help_text)
        action.add_argument("exercise_id", metavar="ID", help=_("exercise id"))
        person(action)
        if name in ("check", "submit"):
            action.add_argument("--json", action="store_true", help=_("print JSON"))
        action.set_defaults(func=_cmd(f"cli_exercises:exercises_{name}"))
    ex_sub.add_parser(
        "verify", help=_("every reference solution passes its checks, every wrong one fails")
    ).set_defaults(func=_cmd("cli_exercises:exercises_verify"))
    folio = sub.add_parser("portfolio", help=_("the 23 abilities: practised, partly, not yet"))
    folio.add_argument("--json", action="store_true", help=_("print JSON"))
    person(folio)
    folio.add_argument("--export", type=Path, metavar="FILE",
                       help=_("write the portfolio to FILE.html or FILE.xlsx"))
    folio.set_defaults(func=_cmd("cli_exercises:portfolio"))
