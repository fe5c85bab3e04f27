"""The variance view (`a` from Home) and the report builder (`j`): a saved run picked,
the tables of targets, variances, causes and proposals as the core makes them, a proposal
accepted and tested with a what-if run; a report previewed and exported, the file read
back; at 120×40 and 80×24; and one picture of each."""

from __future__ import annotations

import asyncio
import functools
from contextlib import nullcontext

from textual.widgets import Button, DataTable, Markdown, Select, Static

from simlab.lab import evaluation, reportbuild, runner
from simlab.reports.report_md import render
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.reportview import ReportScreen
from simlab.tui.screens.variance import VarianceScreen

from .helpers import cells, drive, settle, wait_for

DAYS = 2


@functools.cache
def saved_result() -> runner.RunResult:
    return runner.execute(runner.load_bundle("energia-base"), seed=5, days=DAYS)


def save_run(ws_path) -> str:
    with Workspace.open(ws_path) as ws:
        return runner.save(saved_result(), ws, label="scostamenti")


def core_evaluation(ws_path, run_id: str):
    ws = Workspace.open(ws_path)
    try:
        return evaluation.evaluate(evaluation.open_run(run_id, lambda: nullcontext(ws)))
    finally:
        ws.close()


async def open_area(pilot, key: str, screen_type):
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type)
    await pilot.press("enter")  # the latest saved run
    await settle(pilot)
    return pilot.app.screen


def check_variance_tables(screen, ev) -> None:
    from simlab.lab import report_parts as rp

    targets = cells(screen.query_one("#var-targets-0", DataTable))
    want = rp._targets_table(ev, ev.run.data)
    assert len(targets) == len(want.rows) > 0
    assert targets[0][:4] == [str(c) for c in want.rows[0][:4]]
    assert [r[5] for r in targets] == [str(r[5]) for r in want.rows]
    assert "raggiunto" in {r[5] for r in targets}
    assert screen.query("#var-costs-0")  # budget, flexible budget and variances
    causes = screen.query_one("#var-causes-0", DataTable)
    assert causes.row_count == len(ev.causes) > 0
    props = cells(screen.query_one("#var-prop-0", DataTable))
    assert [r[0] for r in props] == [p.id for p in ev.proposals]


def test_variance_view_accept_a_proposal_and_test_it(ws_path):
    run_id = save_run(ws_path)
    ev = core_evaluation(ws_path, run_id)
    assert ev.proposals, "the run of the test has proposals"
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_area(pilot, "a", VarianceScreen)
        check_variance_tables(screen, ev)
        whatif = screen.query_one("#var-whatif", Button)
        assert whatif.disabled  # nothing accepted yet
        screen.query_one("#var-accept", Button).press()
        await settle(pilot)
        first = ev.proposals[0].id
        stored = {p.id: p.status for p in evaluation.load_proposals(ev.run.folder)}
        assert stored[first] == "accepted"
        row = cells(screen.query_one("#var-prop-0", DataTable))[0]
        assert row[3] == "accettata"
        assert not whatif.disabled
        whatif.press()
        await wait_for(pilot, lambda: bool(screen.query("#var-whatif-0")))
        await settle(pilot)
        before_after = cells(screen.query_one("#var-whatif-0", DataTable))
        assert before_after[-1][1] == "Costo"
        kept = {p.id: p for p in evaluation.load_proposals(ev.run.folder)}[first]
        assert kept.whatif["seed"] == 5 and kept.whatif["days"] == DAYS
        from simlab.lab.report_parts import whatif_table
        from simlab.reports.report_doc import grid

        assert before_after == grid(whatif_table(kept.whatif)).rows
        assert kept.whatif["cost_before"] == ev.run.data.costs["amount"].sum()
        assert kept.whatif["after"] != kept.whatif["before"]  # 10 more operators change SL
        # the second one rejected: stored too, and its what-if stays off
        table = screen.query_one("#var-prop-0", DataTable)
        if table.row_count > 1:
            table.move_cursor(row=1)
            await settle(pilot)
            screen.query_one("#var-reject", Button).press()
            await settle(pilot)
            stored = {p.id: p.status for p in evaluation.load_proposals(ev.run.folder)}
            assert stored[ev.proposals[1].id] == "rejected"
            assert screen.query_one("#var-whatif", Button).disabled
        await pilot.press("escape")  # back to the choice of a run, then out
        await settle(pilot)
        assert screen.ev is None and screen.query_one("#var-pick").display
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, VarianceScreen)

    drive(app, script)


def expected_markdown(ev, audience="management", cadence="daily", agent=None) -> str:
    options = reportbuild.Options(audience, cadence, "md", agent)
    return render(reportbuild.build(ev, options))


def test_report_preview_and_export_read_back(ws_path):
    run_id = save_run(ws_path)
    ev = core_evaluation(ws_path, run_id)
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_area(pilot, "j", ReportScreen)
        await settle(pilot)
        assert screen.query_one("#rep-markdown", Markdown).source == expected_markdown(ev)
        # a weekly report of a 2-day run is refused, with the reason
        screen.query_one("#rep-cadence", Select).value = "weekly"
        await settle(pilot)
        error = str(screen.query_one("#rep-error", Static).content)
        assert "2" in error and "7" in error
        await pilot.press("e")
        await settle(pilot)
        assert screen.exported is None
        # the quality report as HTML: the preview is its Markdown, the file the HTML
        screen.query_one("#rep-cadence", Select).value = "daily"
        screen.query_one("#rep-audience", Select).value = "team-leader"
        screen.query_one("#rep-format", Select).value = "html"
        await settle(pilot)
        assert screen.query_one("#rep-markdown", Markdown).source == expected_markdown(
            ev, "team-leader")
        await pilot.press("e")
        await settle(pilot)
        path = ws_path / "exports" / run_id / "report-team-leader-daily.html"
        assert screen.exported == path and path.is_file()
        from simlab.reports.report_html import render as html

        want = html(reportbuild.build(ev, reportbuild.Options("team-leader", "daily", "html")))
        assert path.read_text(encoding="utf-8") == want
        assert str(path) in str(screen.query_one("#rep-path", Static).content)
        # the operator's report needs an operator: the first is chosen
        screen.query_one("#rep-audience", Select).value = "agent"
        screen.query_one("#rep-format", Select).value = "md"
        await settle(pilot)
        agent = screen.query_one("#rep-agent", Select).value
        assert agent == reportbuild.agents_of(ev)[0]
        await pilot.press("e")
        await settle(pilot)
        path = ws_path / "exports" / run_id / f"report-agent-daily-{agent}.md"
        assert path.read_text(encoding="utf-8") == expected_markdown(ev, "agent", agent=agent)

    drive(app, script)


def test_both_screens_work_at_80_by_24(ws_path):
    run_id = save_run(ws_path)
    ev = core_evaluation(ws_path, run_id)
    app = LabApp(ws_path)

    async def main():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_area(pilot, "a", VarianceScreen)
            check_variance_tables(screen, ev)
            buttons = [screen.query_one(f"#var-{k}", Button) for k in ("accept", "reject",
                                                                      "whatif")]
            assert all(b.region.right <= 80 for b in buttons)
            await pilot.press("escape")
            await pilot.press("escape")
            await settle(pilot)
            screen = await open_area(pilot, "j", ReportScreen)
            await settle(pilot)
            assert screen.query_one("#rep-preview").region.height >= 8
            assert all(screen.query_one(f"#rep-{k}").region.width >= 15
                       for k in ("audience", "cadence", "format"))
            await pilot.press("e")
            await settle(pilot)
            assert (ws_path / "exports" / run_id / "report-management-daily.md").is_file()

    asyncio.run(main())


def _snapshot(snap_compare, ws_path, key: str):
    save_run(ws_path)

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    return snap_compare(LabApp(ws_path), terminal_size=(120, 40), run_before=run_before)


def test_variance_snapshot(snap_compare, ws_path):
    assert _snapshot(snap_compare, ws_path, "a")


def test_report_snapshot(snap_compare, ws_path):
    assert _snapshot(snap_compare, ws_path, "j")
