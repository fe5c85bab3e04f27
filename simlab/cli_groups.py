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
    comp = sub.add_parser("complaints", help=_("a run's complaint cases by step: on time, late, "
                                               "compensation"))
    comp.add_argument("run", metavar="RUN_DIR", help=_("run folder, or run id of the workspace"))
    comp.add_argument("--json", action="store_true", help=_("print JSON"))
    comp.set_defaults(func=_cmd("cli_cases:complaints"))


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
    coverage = plan_sub.add_parser(
        "coverage", help=_("the plan's operators answering against the care model's "
                           "requirement, per 30-minute interval and channel"))
    coverage.add_argument("plan", metavar="PLAN", help=_("operations plan file or id"))
    coverage.add_argument("--model", help=_("care model file or id (default: the "
                                            "scenario's)"))
    coverage.add_argument("--scenario", required=True, help=_("scenario file or id"))
    coverage.add_argument("--out", type=Path, metavar="FILE",
                          help=_("write the coverage per interval: .csv or .xlsx (a new file)"))
    coverage.set_defaults(func=_cmd("cli_operations:plan_coverage"))
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


def report_commands(sub: _Sub) -> None:
    """`report`, `evaluate`, `proposals` (cli_report)."""
    rep = sub.add_parser("report", help=_("a report for an audience and a cadence"))
    rep.add_argument("run", metavar="RUN_DIR", help=_("run folder, or run id of the workspace"))
    rep.add_argument("--audience", required=True, metavar="AUDIENCE",
                     help=_("agent, team-leader, management or quality"))
    rep.add_argument("--cadence", default="monthly", metavar="CADENCE",
                     help=_("daily, weekly or monthly (default monthly)"))
    rep.add_argument("--format", metavar="FORMAT",
                     help=_("md, html or xlsx (default: the file's suffix)"))
    rep.add_argument("--out", type=Path, required=True, metavar="FILE",
                     help=_("the report file (.md, .html or .xlsx)"))
    rep.add_argument("--agent", metavar="ID", help=_("the operator of an agent's report"))
    rep.add_argument("--date", metavar="D",
                     help=_("the day (YYYY-MM-DD or day number, 1 = the first) of a daily "
                            "report, the last day of a weekly one"))
    rep.add_argument("--survey", action="append", metavar="DIR",
                     help=_("survey answers (simlab survey run --out) for the quality report; "
                            "by default the workspace's surveys of the run"))
    rep.set_defaults(func=_cmd("cli_report:report"))
    ev = sub.add_parser("evaluate", help=_("targets against actuals, variances, causes, "
                                           "proposals of a run"))
    ev.add_argument("run", metavar="RUN_DIR", help=_("run folder, or run id of the workspace"))
    ev.add_argument("--json", action="store_true", help=_("print JSON"))
    ev.set_defaults(func=_cmd("cli_report:evaluate"))
    pro = sub.add_parser("proposals", help=_("improvement proposals of a run: accept, edit, "
                                             "reject, what-if"))
    pro.add_argument("run", metavar="RUN_DIR", help=_("run folder, or run id of the workspace"))
    pro.add_argument("--accept", action="append", metavar="ID", help=_("accept a proposal"))
    pro.add_argument("--reject", action="append", metavar="ID", help=_("reject a proposal"))
    pro.add_argument("--set", action="append", metavar="ID:KEY=VALUE",
                     help=_("edit a proposal's parameters, e.g. p1:agents=3"))
    pro.add_argument("--whatif", action="append", metavar="ID",
                     help=_("simulate again with these proposals (same seed and days)"))
    pro.add_argument("--json", action="store_true", help=_("print JSON"))
    pro.set_defaults(func=_cmd("cli_report:proposals"))


def survey_commands(sub: _Sub) -> None:
    """`simlab survey …`: satisfaction surveys of customers and staff (cli_survey)."""
    survey = sub.add_parser("survey", help=_("satisfaction surveys: questionnaires, "
                                             "simulated answers, analysis"))
    survey_sub = _Sub(survey.add_subparsers(metavar=_("ACTION"), required=True))
    bank = survey_sub.add_parser("bank", help=_("the items a questionnaire may ask"))
    bank.add_argument("--audience", choices=("customer", "staff"),
                      help=_("only the items for customers or for staff"))
    bank.set_defaults(func=_cmd("cli_survey:survey_bank"))
    check = survey_sub.add_parser("check", help=_("check a questionnaire (.survey.yaml)"))
    check.add_argument("file", type=Path, metavar="FILE", help=_("questionnaire file"))
    check.set_defaults(func=_cmd("cli_survey:survey_check"))
    run = survey_sub.add_parser("run", help=_("send a questionnaire to a run's customers or "
                                              "staff: the simulated answers"))
    run.add_argument("run", metavar="RUN_DIR", help=_("run folder, or run id of the workspace"))
    run.add_argument("--survey", type=Path, required=True, metavar="FILE",
                     help=_("questionnaire file (.survey.yaml)"))
    run.add_argument("--out", type=Path, required=True, metavar="DIR",
                     help=_("new or empty folder for the responses (never overwritten)"))
    run.set_defaults(func=_cmd("cli_survey:survey_run"))
    analyse = survey_sub.add_parser("analyse", help=_("CSAT, NPS, CES with intervals, "
                                                      "SERVQUAL gaps, alpha, drivers, themes"))
    analyse.add_argument("responses", metavar="RESPONSES",
                         help=_("responses folder written by survey run"))
    analyse.add_argument("--json", action="store_true", help=_("print JSON"))
    analyse.add_argument("--out", type=Path, metavar="FILE",
                         help=_("also write the analysis to a .json or .xlsx file"))
    analyse.set_defaults(func=_cmd("cli_survey:survey_analyse"))
def exam_commands(sub: _Sub) -> None:
    """`simlab exam …` (cli_exam): templates, packs, taking, grading, overrides."""
    exam = sub.add_parser("exam", help=_("practical exams: create, take, submit, grade"))
    exam_sub = _Sub(exam.add_subparsers(metavar=_("ACTION"), required=True))
    exam_sub.add_parser("list", help=_("the exam templates")).set_defaults(
        func=_cmd("cli_exam:exam_list"))
    create = exam_sub.add_parser("create", help=_("one pack per candidate and the examiner's key"))
    create.add_argument("template", metavar="TEMPLATE", help=_("template id or file"))
    create.add_argument("--candidates", type=Path, required=True, metavar="FILE.csv",
                        help=_("CSV (comma or semicolon) with at least id and name"))
    create.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help=_("new or empty folder for the packs and the key"))
    create.add_argument("--secret-file", type=Path, metavar="F",
                        help=_("the secret (a key of a previous creation, or a text of 16 "
                               "characters or more); default: a new random one"))
    create.add_argument("--zip", action="store_true", help=_("each pack as a .zip"))
    create.set_defaults(func=_cmd("cli_exam:exam_create"))
    for name, help_text in (("take", _("open the app in exam mode on a pack")),
                            ("submit", _("write the submission file of a pack"))):
        action = exam_sub.add_parser(name, help=help_text)
        action.add_argument("pack", type=Path, metavar="PACK", help=_("the pack's folder or .zip"))
        action.set_defaults(func=_cmd(f"cli_exam:exam_{name}"))
    run = exam_sub.add_parser("run", help=_("simulate a task of a pack (recorded for grading)"))
    run.add_argument("pack", type=Path, metavar="PACK", help=_("the pack's folder or .zip"))
    run.add_argument("--task", required=True, metavar="TASK", help=_("task id"))
    run.set_defaults(func=_cmd("cli_exam:exam_run"))
    status = exam_sub.add_parser("status", help=_("who has submitted, in a folder"))
    status.add_argument("folder", type=Path, metavar="DIR", help=_("folder of the submissions"))
    status.add_argument("--key", type=Path, required=True, metavar="KEY",
                        help=_("the examiner's key"))
    status.set_defaults(func=_cmd("cli_exam:exam_status"))
    grade = exam_sub.add_parser("grade", help=_("grade the submissions of a folder"))
    grade.add_argument("submissions", type=Path, metavar="SUBMISSIONS_DIR",
                       help=_("folder of the submissions (elaborato-*.json)"))
    grade.add_argument("--key", type=Path, required=True, metavar="KEY",
                       help=_("the examiner's key"))
    grade.add_argument("--out", type=Path, required=True, metavar="DIR",
                       help=_("new or empty folder for the grade sheet and the feedback"))
    grade.set_defaults(func=_cmd("cli_exam:exam_grade"))
    over = exam_sub.add_parser("override", help=_("change a task's points, with a reason"))
    over.add_argument("--key", type=Path, required=True, metavar="KEY",
                      help=_("the examiner's key"))
    over.add_argument("--grades", type=Path, required=True, metavar="DIR",
                      help=_("folder written by «simlab exam grade»"))
    over.add_argument("--candidate", required=True, metavar="ID", help=_("candidate id"))
    over.add_argument("--task", required=True, metavar="TASK", help=_("task id"))
    over.add_argument("--points", type=float, required=True, metavar="P",
                      help=_("the task's new points"))
    over.add_argument("--reason", required=True, metavar="TEXT",
                      help=_("why (kept in the record and shown in the sheet)"))
    over.set_defaults(func=_cmd("cli_exam:exam_override"))
    rub = exam_sub.add_parser("rubric", help=_("score a rubric criterion of a task by hand"))
    rub.add_argument("--key", type=Path, required=True, metavar="KEY",
                     help=_("the examiner's key"))
    rub.add_argument("--grades", type=Path, required=True, metavar="DIR",
                     help=_("folder written by «simlab exam grade»"))
    rub.add_argument("--candidate", required=True, metavar="ID", help=_("candidate id"))
    rub.add_argument("--task", required=True, metavar="TASK", help=_("task id"))
    rub.add_argument("--criterion", type=int, required=True, metavar="N",
                     help=_("the criterion's number in the task's rubric (1 = the first)"))
    rub.add_argument("--points", type=float, required=True, metavar="P",
                     help=_("the points given (0 to the criterion's points)"))
    rub.add_argument("--reason", default="", metavar="TEXT",
                     help=_("a note kept in the record"))
    rub.set_defaults(func=_cmd("cli_exam:exam_rubric"))


def rounds_commands(sub: _Sub) -> None:
    """UF2's decision rounds: a period played week by week (simlab/cli_rounds.py)."""
    rounds = sub.add_parser("rounds", help=_("decision rounds: a period played week by week"))
    rounds_sub = _Sub(rounds.add_subparsers(metavar=_("ACTION"), required=True))
    start = rounds_sub.add_parser("start", help=_("start a game of weekly rounds"))
    start.add_argument("scenario", help=_("scenario file or id"))
    start.add_argument("--model", help=_("care model file or id"))
    start.add_argument("--plan", help=_("operations plan of the first round (file or id)"))
    start.add_argument("--weeks", type=int, required=True, metavar="N",
                       help=_("weeks (rounds) of the game, 2 to 8"))
    start.add_argument("--seed", type=int, metavar="SEED",
                       help=_("random seed, a whole number ≥ 0 (default: the scenario's)"))
    start.add_argument("--budget", type=float, metavar="EUR",
                       help=_("budget per week in euro, for cost against budget"))
    start.add_argument("--id", metavar="NAME", help=_("name of the game (default: scenario "
                                                       "and seed)"))
    start.set_defaults(func=_cmd("cli_rounds:rounds_start"))
    play = rounds_sub.add_parser("play", help=_("play the next week with an operations plan"))
    play.add_argument("game", metavar="GAME", help=_("name of the game"))
    play.add_argument("--plan", type=Path, metavar="FILE",
                      help=_("operations plan for this week (default: the plan in force)"))
    play.set_defaults(func=_cmd("cli_rounds:rounds_play"))
    show = rounds_sub.add_parser("show", help=_("the rounds played, side by side"))
    show.add_argument("game", metavar="GAME", help=_("name of the game"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    show.set_defaults(func=_cmd("cli_rounds:rounds_show"))
    replay = rounds_sub.add_parser("replay", help=_("play every round again and compare"))
    replay.add_argument("game", metavar="GAME", help=_("name of the game"))
    replay.set_defaults(func=_cmd("cli_rounds:rounds_replay"))
    rounds_sub.add_parser("list", help=_("the games of the workspace")).set_defaults(
        func=_cmd("cli_rounds:rounds_list"))
