"""Satisfaction surveys, once for every front end: a questionnaire sent to the customers
or the staff of a run (a run folder or a run of the workspace), the responses written as
files, and their analysis read back (`simlab survey …`, the app's survey area).

A responses folder holds `responses.parquet` (the machine columns, docs/surveys.md),
`risposte.csv` and `risposte.xlsx` for a spreadsheet, and `survey.json` (written last:
the questionnaire's text, the run it was sent to with the SHA-256 of its `run.json`, the
seed, the fieldwork counts and the SHA-256 of every other file)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from simlab import __version__
from simlab.errors import SimlabError, os_error_text
from simlab.i18n import _
from simlab.model.plan import mean_skills, skills_of
from simlab.survey import analyse as analysis
from simlab.survey import experience, respond, staff
from simlab.survey.bank import bank
from simlab.survey.questionnaire import Questionnaire, parse_questionnaire

SURVEY_JSON = "survey.json"
RESPONSES = "responses.parquet"
CSV_FILE = "risposte.csv"
XLSX_FILE = "risposte.xlsx"
WORKSPACE_FOLDER = "surveys"


@dataclass
class Survey:
    """Responses with what they came from (survey.json)."""

    folder: Path
    meta: dict
    responses: pd.DataFrame
    questionnaire: Questionnaire


def run_folder(source: str | Path, ws_opener=None) -> tuple[Path, str]:
    """A run folder, or else a run id of the workspace (checked against its hashes);
    returns the folder and the name to record."""
    from simlab.lab import kpiview

    return kpiview.resolve_run(source, ws_opener)


def simulate(run: Path, q: Questionnaire) -> tuple[pd.DataFrame, dict, dict]:
    """The responses of the run's customers or staff, the fieldwork facts, and what the
    run was (name, seed, SHA-256 of run.json)."""
    from simlab.lab import kpiview
    from simlab.store.runfiles import read_run, read_table

    meta = read_run(run)
    inputs = meta.get("inputs", {})
    seed = int(inputs.get("seed", 0))
    b = bank()
    bundle = None
    if inputs.get("kind") != "import":
        from simlab.lab import runner

        bundle = runner.bundle_from_texts(inputs["texts"], inputs.get("sources"))
    if q.audience == "customer":
        contacts = read_table(run, "contacts")
        exp = experience.customers(contacts, seed, _proficiency(contacts, bundle))
        frame, facts = respond.answer(exp, q, b, seed)
    else:
        agents = read_table(run, "agents")
        if agents.empty:
            raise SimlabError(_("the run has no agents table (an imported log records no "
                                "agent time): the staff survey needs one"), file=run)
        if bundle is not None:
            start = bundle.scenario.calendar.start
            scheduled = kpiview.schedule(bundle.scenario, bundle.plan, int(inputs["days"]))
            skills = mean_skills(bundle.plan, bundle.care)
        else:
            import datetime as dt

            start, scheduled, skills = dt.date.fromisoformat(inputs["start"]), None, None
        facts_frame = experience.staff(agents, start, scheduled, skills)
        frame, facts = staff.answer(facts_frame, q, b, seed)
    source = {"seed": seed, "run_json_sha256": _sha(run / "run.json")}
    return frame, facts, source


def _proficiency(contacts: pd.DataFrame, bundle) -> pd.Series | None:
    """The proficiency of the handling team on the contact's queue (from the plan)."""
    if bundle is None:
        return None
    skill = {(t.id, q): p for t in bundle.plan.teams
             for q, p in skills_of(t, bundle.care).items()}
    values = [skill.get((str(t), str(q)), 1.0) for t, q in
              zip(contacts["team"].astype(object), contacts["queue"].astype(object), strict=True)]
    return pd.Series(values, index=contacts["contact_id"].to_numpy(), dtype=float)


def send(source: str | Path, questionnaire_text: str, questionnaire_source: str | Path,
         out: Path, ws_opener=None) -> Survey:
    """Send a questionnaire to a run and write the responses folder `out` (new or empty)."""
    from simlab.reports import survey_tables
    from simlab.reports.csvfile import csv_bytes
    from simlab.reports.xlsx import workbook_bytes
    from simlab.store.runfiles import json_bytes, parquet_bytes

    q = parse_questionnaire(questionnaire_text, questionnaire_source)
    check_out(out)
    run, name = run_folder(source, ws_opener)
    frame, facts, origin = simulate(run, q)
    sheets = survey_tables.response_sheets(frame, q, bank())
    files = {RESPONSES: parquet_bytes(frame), CSV_FILE: csv_bytes(sheets[0]),
             XLSX_FILE: workbook_bytes(sheets)}
    meta = {"questionnaire": {"id": q.id, "audience": q.audience, "send": q.send,
                              "sample": q.sample, "items": q.item_ids(),
                              "text": questionnaire_text, "source": str(questionnaire_source)},
            "run": {"name": name, **origin}, "fieldwork": facts, "version": __version__,
            "files": {k: hashlib.sha256(v).hexdigest() for k, v in files.items()}}
    _write_folder(out, files, json_bytes(meta))
    return Survey(out, meta, frame, q)


def check_out(folder: Path) -> None:
    if str(folder).strip() == "":
        raise SimlabError(_("name a folder for the responses"), key="--out")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SimlabError(_("the responses are written only into a new or empty folder "
                            "(nothing is ever overwritten)"), file=folder, key="--out")


def _write_folder(out: Path, files: dict[str, bytes], meta: bytes) -> None:
    from simlab.store.atomic import write_bytes_atomic

    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            write_bytes_atomic(out / name, data)
        write_bytes_atomic(out / SURVEY_JSON, meta)  # last: the folder is complete
    except OSError as e:
        raise SimlabError(_("cannot write the file: {error}").format(error=os_error_text(e)),
                          file=out) from None


def _sha(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def load(path: str | Path) -> Survey:
    """A responses folder (or its responses.parquet), checked against its hashes."""
    from simlab.store.runfiles import read_table

    folder = Path(path)
    if folder.is_file():
        folder = folder.parent
    meta_path = folder / SURVEY_JSON
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SimlabError(_("this folder has no survey.json: it is not a complete survey"),
                          file=folder) from None
    except (json.JSONDecodeError, UnicodeDecodeError, OSError):
        raise SimlabError(_("survey.json is damaged"), file=meta_path) from None
    expected = meta.get("files", {}).get(RESPONSES)
    if expected and _sha(folder / RESPONSES) != expected:
        raise SimlabError(_("the responses file does not match what was written"),
                          file=folder / RESPONSES)
    q_meta = meta.get("questionnaire", {})
    q = parse_questionnaire(q_meta.get("text", ""), q_meta.get("source", SURVEY_JSON))
    frame = read_table(folder, RESPONSES.removesuffix(".parquet"))
    return Survey(folder, meta, frame, q)


def analyse(survey: Survey) -> dict:
    """Everything `simlab survey analyse --json` prints."""
    b = bank()
    body = (analysis.customer(survey.responses, b) if survey.questionnaire.audience ==
            "customer" else analysis.staff(survey.responses, b))
    facts = survey.meta.get("fieldwork", {})
    invited = facts.get("invited") or 0
    return {"questionnaire": survey.questionnaire.id, "audience": survey.questionnaire.audience,
            "title": str(survey.questionnaire.title), "run": survey.meta.get("run", {}),
            "invited": invited, "responses": int(len(survey.responses)),
            "response_rate": len(survey.responses) / invited if invited else None,
            "by_channel_fieldwork": facts.get("by_channel", {}), **body}


def workspace_folder(ws, run_id: str, survey_id: str) -> Path:
    """A new folder for a survey of a workspace run: surveys/<run>-<survey>[-n]."""
    base = Path(ws.root) / WORKSPACE_FOLDER
    name = f"{run_id}-{survey_id}"
    folder, n = base / name, 1
    while folder.exists():
        n += 1
        folder = base / f"{name}-{n}"
    return folder


def workspace_surveys(ws) -> list[Path]:
    """The complete responses folders of the workspace, newest name last."""
    base = Path(ws.root) / WORKSPACE_FOLDER
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if (p / SURVEY_JSON).is_file())


def bank_grid(audience: str | None = None):
    """The item bank as a table: id, audience, kind, dimension, scale, question."""
    from simlab.reports.tables import Grid

    rows, keys = [], []
    for item in bank().items.values():
        if audience and item.audience != audience:
            continue
        scale = _("open") if item.open else f"{item.low}–{item.high}"
        rows.append([item.id, item.audience, item.kind,
                     bank().dimension_name(item.dimension) if item.dimension else "",
                     scale, str(item.text)])
        keys.append(item.id)
    return Grid([_("Item"), _("Audience"), _("Kind"), _("Dimension"), _("Scale"),
                 _("Question")], rows, keys)


def analysis_sheets(report: dict):
    """The analysis as sheets of a workbook (one per table shown)."""
    from simlab.reports import survey_tables as tables
    from simlab.reports.xlsx import Sheet

    grids = [(_("Header"), None), (_("Satisfaction"), tables.scores_grid(report)),
             (_("SERVQUAL"), tables.servqual_grid(report)),
             (_("Staff"), tables.staff_grid(report)),
             (_("Reliability"), tables.reliability_grid(report)),
             (_("Drivers"), tables.drivers_grid(report)),
             (_("Themes"), tables.themes_grid(report))]
    sheets = [Sheet(_("Header"), pd.DataFrame(tables.facts(report),
                                               columns=[_("Item"), _("Value")]))]
    for title, grid in grids[1:]:
        if grid.rows:
            sheets.append(Sheet(title, pd.DataFrame(grid.rows, columns=grid.headers)))
    return sheets


def write_analysis(report: dict, path: Path) -> None:
    """The analysis as JSON or as an XLSX workbook, written atomically."""
    from simlab.reports.xlsx import write_xlsx
    from simlab.store.atomic import write_bytes_atomic

    try:
        if path.suffix.lower() == ".json":
            write_bytes_atomic(path, (json.dumps(report, indent=2, ensure_ascii=False,
                                                 sort_keys=True) + "\n").encode("utf-8"))
        else:
            write_xlsx(path, analysis_sheets(report))
    except OSError as e:
        raise SimlabError(_("cannot write the file: {error}").format(error=os_error_text(e)),
                          file=path) from None


# --- the app's designer: choices, building, saving, sending -----------------------------

DOCUMENT_KIND = "survey"


def designer_choices(audience: str) -> list[tuple[str, str]]:
    """What the designer offers to tick for an audience: single items, and SERVQUAL as
    its two halves (44 ticks would hide the rest)."""
    b = bank()
    out = []
    for item in b.items.values():
        if item.audience == audience and item.kind != "servqual":
            out.append((f"{item.id} — {item.text}", item.id))
    if audience == "customer":
        out += [(_("SERVQUAL: the 22 expectations"), "servqual-expectation"),
                (_("SERVQUAL: the 22 perceptions"), "servqual-perception")]
    return out


def build_questionnaire(doc_id: str, title: str, audience: str, send: str, sample: str,
                        items: list[str]) -> tuple[Questionnaire, str]:
    """A questionnaire from the designer's fields, checked like a file, and its text."""
    from simlab.model.yamlio import dump

    try:
        share = float(sample.strip().replace(",", "."))
    except ValueError:
        raise SimlabError(_("the sample must be a share from 0 to 1, e.g. 0,3"),
                          key="sample") from None
    data = {"id": doc_id.strip(), "title": {"it": title.strip() or doc_id.strip()},
            "audience": audience, "send": send, "sample": share, "items": list(items)}
    text = dump(data)
    return parse_questionnaire(text, f"{doc_id.strip() or '?'}.survey.yaml"), text


def save_questionnaire(ws, q: Questionnaire, text: str, person_id: int | None = None) -> None:
    ws.save_document(DOCUMENT_KIND, q.id, text, person_id=person_id)


def saved_questionnaires(ws) -> list[tuple[str, str]]:
    """(id, text) of the latest version of each questionnaire saved in the workspace."""
    return [(d.doc_id, d.text) for d in ws.documents(DOCUMENT_KIND)]


def send_in_workspace(ws, run_id: str, doc_id: str) -> Survey:
    """Send a saved questionnaire to a run of the workspace; the responses go into
    surveys/<run>-<questionnaire>/ of the workspace."""
    ws.require_writable()
    doc = ws.document(DOCUMENT_KIND, doc_id)
    folder = workspace_folder(ws, run_id, doc_id)

    class _Same:  # the workspace already open, as `run_folder` wants an opener
        def __enter__(self):
            return ws

        def __exit__(self, *exc):
            return False

    return send(run_id, doc.text, f"workspace:survey/{doc_id} v{doc.version}", folder,
                lambda: _Same())


def gap_bars(report: dict) -> tuple[list[str], list[float]]:
    """The SERVQUAL gaps for a bar chart: dimension names and gaps."""
    rows = [r for r in report.get("servqual", []) if r["gap"] is not None]
    return [r["name"] for r in rows], [r["gap"] for r in rows]
