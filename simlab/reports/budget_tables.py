"""The planned budget for people and files (`simlab budget`): the lines of each month,
with their quantities, and the totals (docs/budget.md)."""

from __future__ import annotations

from pathlib import Path

from simlab import fmt
from simlab.analysis.budget import Budget
from simlab.i18n import N_, _
from simlab.reports.csvfile import csv_bytes
from simlab.reports.tables import Grid
from simlab.reports.xlsx import Sheet, write_xlsx
from simlab.store.atomic import write_bytes_atomic

LINE_NAMES = {
    "staff": N_("Operators"), "team_leaders": N_("Team leaders"), "training": N_("Training"),
    "seats": N_("Seats"), "technology": N_("Technology"),
    "knowledge_base": N_("Knowledge base"), "connection": N_("Telephony (minutes)"),
    "per_contact": N_("Fees per contact"), "overhead": N_("Overhead"),
    # the lines of the plan's case procedures (docs/complaints.md)
    "back_office": N_("Complaints back office"), "compensation": N_("Automatic compensation"),
    "conciliation": N_("Conciliations"), "notices": N_("Proactive notices"),
    "wrong_acceptance": N_("Requests wrongly accepted"),
}
CONTRACTS = {"full_time": N_("full time"), "part_time": N_("part time")}
UNITS = {"h": N_("hours"), "days": N_("days"), "seats": N_("seats"), "months": N_("months")}


def line_name(line: str) -> str:
    return _(LINE_NAMES[line]) if line in LINE_NAMES else line


def subject_text(subject: str, teams: dict[str, str]) -> str:
    """«front-office/part_time» as «Front office telefonico, part time»."""
    team, _sep, contract = subject.partition("/")
    name = teams.get(team, team)
    if contract in CONTRACTS:
        return f"{name}, {_(CONTRACTS[contract])}"
    if contract == "sessions":  # the individual agents' training sessions
        return name
    return f"{name}, {contract}" if contract else name


def lines_grid(budget: Budget, teams: dict[str, str]) -> Grid:
    """`teams`: team id → name (reports.tables.team_names)."""
    headers = [_("Month"), _("Line"), _("Of"), _("Quantity"), _("Amount")]
    rows = [[r.month, line_name(r.line), subject_text(r.subject, teams) or fmt.DASH,
             f"{fmt.number(r.quantity, 1)} {_(UNITS[r.unit])}", fmt.euro(r.amount_eur)]
            for r in budget.lines.itertuples()]
    return Grid(headers, rows, [f"{r[0]}/{i}" for i, r in enumerate(rows)])


def months_grid(budget: Budget) -> Grid:
    table = budget.by_month()
    headers = [_("Line"), *table.index.tolist()]
    rows = [[line_name(c) if c != "total" else _("Total"),
             *(fmt.euro(v) for v in table[c])] for c in table.columns]
    contacts = budget.contacts.set_index("month")["contacts"]
    rows.append([_("Contacts expected"),
                 *(fmt.number(contacts.get(m, 0.0)) for m in table.index)])
    return Grid(headers, rows, [*table.columns, "contacts"])


def budget_markdown(budget: Budget, teams: dict[str, str]) -> str:
    """The budget as a Markdown document: the months by line, then every line."""
    from simlab.reports.document import Document, Section, markdown

    total = _("Total: {total}; per contact expected: {per}").format(
        total=fmt.euro(budget.total), per=fmt.euro(budget.cost_per_contact()))
    return markdown(Document(_("Planned budget per month"), sections=[
        Section(_("Budget per month"), [total], [("", months_grid(budget))]),
        Section(_("Budget lines"), tables=[("", lines_grid(budget, teams))])]))


def write_budget(path: Path, budget: Budget, teams: dict[str, str]) -> None:
    """`.xlsx`: the lines and the months as two sheets; `.md`: a Markdown document;
    anything else: the lines as CSV."""
    lines = budget.lines.assign(
        line=budget.lines["line"].map(line_name),
        subject=budget.lines["subject"].map(lambda s: subject_text(s, teams)))
    months = budget.by_month().reset_index()
    months.columns = [line_name(c) if c in LINE_NAMES else c for c in months.columns]
    sheets = [Sheet(_("Budget lines"), lines, {"amount_eur": "eur", "quantity": "hours"}),
              Sheet(_("Budget per month"), months,
                    {c: "eur" for c in months.columns if c != "month"})]
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, sheets)
    elif path.suffix.lower() == ".md":
        write_bytes_atomic(path, budget_markdown(budget, teams).encode("utf-8"))
    else:
        write_bytes_atomic(path, csv_bytes(sheets[0]))



