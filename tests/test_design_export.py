"""`simlab model export`: the deliverable «Modello di customer care» reads back with every
section and the core's numbers, in Markdown and in self-contained HTML; bad input gets
the Italian message and exit 2."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from simlab import fmt
from simlab.curriculum.checks import report_sections
from simlab.errors import SimlabError
from simlab.lab import design, design_export
from simlab.reports.design_report import section_titles
from tests.test_cli import simlab
from tests.test_design_check import care_file


class _Page(HTMLParser):
    """The h2 headings, the table cells and every tag of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.h2: list[str] = []
        self.cells: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        if tag in ("h2", "td"):
            self._in = tag
            (self.h2 if tag == "h2" else self.cells).append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "h2":
            self.h2[-1] += data
        elif self._in == "td":
            self.cells[-1] += data


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def test_html_reads_back_with_every_section_and_is_self_contained(tmp_path):
    out = design_export.export("telco-base", "telco-base", "html", tmp_path / "modello.html")
    page = _page(out)
    assert page.h2 == section_titles()
    assert page.h2[0] == "Posizionamento e segmenti obiettivo"  # Italian first
    assert page.tags.count("table") >= 6
    # inline CSS only: nothing to fetch, nothing to run
    assert "style" in page.tags and not {"script", "link", "img", "iframe"} & set(page.tags)
    assert not [a for a in page.attrs if a[0] in ("src", "href")]
    # the sizing's numbers, as the core computes them
    sizing = design.sizing(design.load("telco-base", "telco-base"))
    phone = sizing.intervals[sizing.intervals["channel"] == "phone"]
    assert "Telefono (numero di assistenza)" in page.cells
    assert fmt.number(phone["required_agents"].max()) in page.cells
    assert fmt.euro(sizing.cost_per_month) in out.read_text(encoding="utf-8")


def test_markdown_has_every_section_with_text(tmp_path):
    out = design_export.export("energia-base", "energia-base", None, tmp_path / "modello.md")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ")
    sections = report_sections(text)
    for title in section_titles():
        words = [n for heading, n in sections.items() if heading == " ".join(
            title.casefold().replace("(", " ").replace(")", " ").split())]
        assert words and words[0] > 3, title
    # the SLA table holds the model's phone target
    assert "| Telefono" in text and "entro 20 s" in text


def test_format_follows_the_suffix_unless_given():
    assert design_export.format_for(Path("a.html"), None) == "html"
    assert design_export.format_for(Path("a.HTM"), None) == "html"
    assert design_export.format_for(Path("a.md"), None) == "md"
    assert design_export.format_for(Path("a.html"), "md") == "md"
    with pytest.raises(SimlabError, match="formato «pdf» sconosciuto"):
        design_export.format_for(Path("a.pdf"), "pdf")


def test_same_model_same_bytes(tmp_path):
    a = design_export.export("ecommerce-base", "ecommerce-base", "md", tmp_path / "a.md")
    b = design_export.export("ecommerce-base", "ecommerce-base", "md", tmp_path / "b.md")
    assert a.read_bytes() == b.read_bytes()


def test_findings_of_model_check_are_in_the_deliverable(tmp_path):
    broken = care_file(tmp_path, "energia-base", budget_per_month_eur=1000)
    out = design_export.export(str(broken), "energia-base", "md", tmp_path / "m.md")
    text = out.read_text(encoding="utf-8")
    check = text.split("## Controllo della progettazione", 1)[1].split("\n## ", 1)[0]
    assert "Errore [UF1.A5] budget_per_month_eur" in check
    assert "oltre il budget" in text


def test_cli_writes_the_file(tmp_path):
    out = tmp_path / "modello.html"
    r = simlab("model", "export", "telco-base", "--scenario", "telco-base", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert _page(out).h2 == [
        "Posizionamento e segmenti obiettivo", "Catalogo dei servizi", "Canali e orari",
        "Livelli di servizio (SLA)", "Risultati attesi (obiettivi dei KPI)",
        "Dimensionamento con Erlang", "Controllo della progettazione",
        "Confronto con i concorrenti"]


@pytest.mark.parametrize("args, message", [
    (("manca.care.yaml", "--scenario", "telco-base"), "file non trovato"),
    (("telco-base", "--scenario", "energia-base"), "motivo di contatto «fatturazione» inesistente"),
    (("telco-base", "--scenario", "nessuno"), "nessuno scenario «nessuno»"),
])
def test_bad_input_gets_the_italian_message(tmp_path, args, message):
    out = tmp_path / "m.md"
    r = simlab("model", "export", *args, "--out", str(out))
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


def test_missing_folder_is_named(tmp_path):
    r = simlab("model", "export", "telco-base", "--scenario", "telco-base", "--out",
               str(tmp_path / "manca" / "m.md"))
    assert r.returncode == 2 and "la cartella di questo file non esiste" in r.stderr
