"""The portfolio as files: a self-contained HTML page and an XLSX workbook, read back
with html.parser and openpyxl."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import openpyxl
import pytest

from simlab.errors import SimlabError
from simlab.lab import exercises, trainee
from simlab.reports import portfolio
from simlab.store.workspace import Workspace
from tests.test_classroom import EXERCISE, _report


class _Page(HTMLParser):
    """The page's ability rows (cell texts and the coverage cell's class) and anything
    that would reach outside the file."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.classes: list[str | None] = []
        self.outside: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "link", "img", "iframe") or "src" in attrs or "href" in attrs:
            self.outside.append(tag)
        if tag == "tr":
            self.rows.append([])
            self.classes.append(None)
        if tag == "td":
            self._cell = []
            if attrs.get("class"):
                self.classes[-1] = attrs["class"]

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture
def view(tmp_path):
    with Workspace.open(tmp_path / "ws") as ws:
        person = ws.add_person("Anna Esposito", "trainee")
        ws.start_attempt(person, EXERCISE)
        report = _report(EXERCISE, passed=True)
        ws.record_check(person, EXERCISE, points=report["points"],
                        max_points=report["max_points"], report=report, run_id=None,
                        files={}, submit=True)
        return trainee.my_portfolio(ws, ws.person(person))


def test_the_html_page_stands_alone_and_holds_the_23_abilities(view, tmp_path):
    path = portfolio.export(view, tmp_path / "anna.html")
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    assert page.outside == []
    abilities = {r[0]: (r, c) for r, c in zip(page.rows, page.classes, strict=True)
                 if r and r[0].startswith("UF")}
    assert len(abilities) == 23
    row, css = abilities["UF1.A5"]
    assert css == "practised" and row[2] == "esercitata" and EXERCISE in row[3]
    assert abilities["UF3.A1"][1] == "not_yet"
    ex = exercises.exercise(EXERCISE)
    hours = portfolio.hours_text(ex.minutes)
    facts = {r[0]: r[1] for r in page.rows if len(r) == 2}
    assert facts["Ore impiegate"] == hours
    assert facts["Abilità esercitate"] == f"{len(ex.abilities)} / 23"


def test_the_workbook_reads_back(view, tmp_path):
    path = portfolio.export(view, tmp_path / "anna.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    facts, matrix = book.worksheets
    assert [facts.title, matrix.title] == ["portfolio", "abilità"]
    values = {r[0].value: r[1].value for r in facts.iter_rows(min_row=2)}
    ex = exercises.exercise(EXERCISE)
    assert values["Corsista"] == "Anna Esposito"
    assert values["Punti"] == ex.automatic_points
    assert values["Ore impiegate"] == pytest.approx(ex.minutes / 60, abs=0.01)
    rows = {r[1].value: r for r in matrix.iter_rows(min_row=2)}
    assert len(rows) == 23
    assert rows["UF1.A5"][3].value == "esercitata" and rows["UF2.A1"][3].value == "non ancora"


def test_same_portfolio_same_bytes_and_only_html_or_xlsx(view, tmp_path):
    a = portfolio.export(view, tmp_path / "a.xlsx").read_bytes()
    b = portfolio.export(view, tmp_path / "b.xlsx").read_bytes()
    assert a == b
    with pytest.raises(SimlabError, match=r"\.html"):
        portfolio.export(view, tmp_path / "anna.pdf")


def test_the_cli_helper_writes_the_file(tmp_path, capsys):
    from simlab.cli_classroom import portfolio_export

    with Workspace.open(tmp_path / "ws") as ws:
        person = ws.person(ws.add_person("Ciro Russo", "trainee"))
        assert portfolio_export(ws, person, tmp_path / "ciro.html") == 0
    assert "Ciro Russo" in capsys.readouterr().out
    page = _Page()
    page.feed((tmp_path / "ciro.html").read_text(encoding="utf-8"))
    assert sum(1 for c in page.classes if c == "not_yet") == 23
