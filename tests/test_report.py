"""`simlab report`: each audience's file read back with its sections (Markdown, HTML
through html.parser, XLSX through openpyxl), the same run gives the same bytes, and bad
options give Italian messages (docs/reports.md)."""

from __future__ import annotations

import io
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from simlab import fmt
from simlab.errors import SimlabError
from simlab.lab import evaluation, reportbuild, runner
from tests.conftest import bundle

DAYS = 28


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report") / "run"
    result = runner.execute(bundle("energia-base"), seed=3, days=DAYS)
    runner.write_to_folder(result, folder)
    return folder


@pytest.fixture(scope="module")
def ev(run_dir):
    return evaluation.evaluate(evaluation.open_run(run_dir))


class _Sections(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.svgs, self.tables, self.external = [], 0, 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.sections.append(attrs.get("id"))
        self.svgs += tag == "svg"
        self.tables += tag == "table"
        for key in ("src", "href"):
            if key in attrs and tag not in ("svg", "a"):
                self.external.append(attrs[key])


def _build(ev, audience, cadence="monthly", **kw):
    return reportbuild.build(ev, reportbuild.Options(audience, cadence, **kw))


def test_management_report_in_markdown_has_its_sections_in_italian(ev):
    text = reportbuild.render(_build(ev, "management"), "md").decode("utf-8")
    for heading in ("# Report mensile per la direzione", "## Sintesi del mese",
                    "## Obiettivi e scostamenti", "## Costi", "## Carte di controllo",
                    "## Proposte di miglioramento"):
        assert heading in text
    assert "Budget flessibile" in text and "Scostamento di volume" in text


def test_management_report_in_html_is_self_contained_with_charts(ev):
    data = reportbuild.render(_build(ev, "management"), "html")
    parser = _Sections()
    parser.feed(data.decode("utf-8"))
    assert parser.sections == ["summary", "targets", "costs", "causes", "control",
                               "proposals"]
    assert parser.svgs >= 3 and parser.tables >= 3
    assert parser.external == []  # nothing to download


def test_html_and_xlsx_are_the_same_bytes_for_the_same_run(ev):
    report = _build(ev, "management")
    assert reportbuild.render(report, "html") == reportbuild.render(_build(ev, "management"),
                                                                    "html")
    assert reportbuild.render(report, "xlsx") == reportbuild.render(report, "xlsx")


def test_xlsx_has_a_sheet_per_table_with_numbers_and_native_charts(ev):
    report = _build(ev, "management")
    wb = openpyxl.load_workbook(io.BytesIO(reportbuild.render(report, "xlsx")))
    tables = [t for s in report.sections for t in s.tables]
    assert len(wb.sheetnames) == 1 + len(tables)
    assert wb.sheetnames[0] == "Report"
    costs = next(ws for ws in wb.worksheets if ws.title.startswith("Budget, budget"))
    assert costs.cell(1, 2).value == "Budget"
    assert isinstance(costs.cell(2, 2).value, float)  # numbers stay numbers
    assert len(costs._charts) == 1


def test_team_leader_day_defaults_to_the_worst_day(ev):
    report = _build(ev, "team-leader", "daily")
    worst = reportbuild.worst_day(ev)
    assert f"giorni da {worst + 1} a {worst + 1}" in report.subtitle
    ids = [s.id for s in report.sections]
    assert ids == ["summary", "intervals", "control", "causes", "actions"]
    text = reportbuild.render(report, "md").decode("utf-8")
    assert "## Com'è andata la giornata" in text and "## Azioni per domani" in text


def test_agent_scorecard_and_quality_report(ev):
    agent = sorted(ev.run.data.contacts["agent_id"].dropna().astype(str).unique())[0]
    report = _build(ev, "agent", "weekly", agent=agent)
    assert [s.id for s in report.sections] == ["scorecard", "days", "reasons"]
    assert agent in report.title
    quality = _build(ev, "quality")
    assert [s.id for s in quality.sections] == ["fcr", "complaints", "reasons"]
    pareto = quality.sections[2].tables[0]
    shares = [row[2] for row in pareto.rows]
    assert shares == sorted(shares, reverse=True) and abs(sum(shares) - 1) < 1e-9


@pytest.mark.parametrize("options, words", [
    ({"audience": "boss", "cadence": "monthly"}, "valore «boss» sconosciuto"),
    ({"audience": "agent", "cadence": "daily", "agent": "nessuno-000"},
     "non ha gestito contatti"),
    ({"audience": "agent", "cadence": "daily"}, "richiede --agent"),
    ({"audience": "team-leader", "cadence": "daily", "date": "2027-01-01"},
     "non è nella simulazione"),
])
def test_bad_options_say_what_in_italian(ev, options, words):
    with pytest.raises(SimlabError) as e:
        reportbuild.build(ev, reportbuild.Options(**options))
    assert words in e.value.message


def test_a_cadence_longer_than_the_run_is_refused(tmp_path):
    folder = tmp_path / "short"
    runner.write_to_folder(runner.execute(bundle("energia-base"), seed=3, days=3), folder)
    short = evaluation.evaluate(evaluation.open_run(folder))
    with pytest.raises(SimlabError) as e:
        reportbuild.build(short, reportbuild.Options("management", "monthly"))
    assert "la simulazione ha 3 giorni" in e.value.message


def test_cli_writes_the_file_and_refuses_a_bad_audience(run_dir, tmp_path):
    exe = [sys.executable, "-m", "simlab", "report", str(run_dir), "--cadence", "weekly"]
    out = tmp_path / "r.html"
    ok = subprocess.run([*exe, "--audience", "quality", "--out", str(out)],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    bad = subprocess.run([*exe, "--audience", "capo", "--out", str(tmp_path / "x.md")],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "valore «capo» sconosciuto" in bad.stderr


def test_quality_report_adds_satisfaction_when_a_survey_was_run(ev, run_dir, tmp_path):
    from simlab.lab import surveys

    path = Path("scenarios/surveys/clienti-dopo-contatto.survey.yaml")
    surveys.send(run_dir, path.read_text(encoding="utf-8"), path, tmp_path / "sv")
    report = _build(ev, "quality", surveys=(str(tmp_path / "sv"),))
    section = report.sections[-1]
    assert section.id == "satisfaction"
    analysis = surveys.analyse(surveys.load(tmp_path / "sv"))
    assert str(analysis["responses"]) in section.paragraphs[0]
    nps = next(r for r in section.tables[0].rows if r[0] == "totale" and r[1] == "NPS")
    assert nps[2] == fmt.number(analysis["nps"]["value"], 1)
    assert _build(ev, "quality").sections[-1].id == "reasons"  # no survey, no section
