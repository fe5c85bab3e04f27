"""Exam mode as a candidate met it (issue 13): the first field of a task takes the typing
at once, and the queue lab the exam allows is there beside the task; an exam without it
shows none."""

from __future__ import annotations

import asyncio
import time

from textual.widgets import Label

from simlab.lab import exam_take, exam_tools
from simlab.tui.exam_app import ExamApp
from tests.exam_helpers import make_exam


def _drive(pack, script, size=(80, 24)):
    async def main():
        async with ExamApp(pack).run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.pause()
            await script(pilot)
    asyncio.run(main())


def test_typing_goes_to_the_first_answer_and_the_queue_lab_computes(tmp_path):
    make_exam(tmp_path, "uf1-prova-modello")
    pack = tmp_path / "esame" / "A01"

    async def script(pilot):
        app = pilot.app
        assert app.focused is app.query_one("#q-sl_erlang_c")
        await pilot.press("4", "2")
        assert app.query_one("#q-sl_erlang_c").value == "42"
        lab = app.query_one("#queue-lab")
        lab.collapsed = False
        await pilot.pause()
        for field in exam_tools.queue_fields():  # each label on its field's line
            box = app.query_one(f"#queue-{field.id}")
            assert box.parent.query_one(Label).region.y == box.region.y, field.label
        for field, value in (("arrivals", "200"), ("aht", "180"), ("agents", "11"),
                             ("target", "20")):
            app.query_one(f"#queue-{field}").value = value
        app.query_one("#queue-compute").press()
        await pilot.pause()
        shown = str(app.query_one("#queue-result").render())
        assert "Livello di servizio (risposta entro 20 s): 39,0%" in shown

    _drive(pack, script)
    answers = (pack / "lavoro" / "risposte.yaml").read_text(encoding="utf-8")
    assert "sl_erlang_c: 42" in answers


def test_no_queue_lab_where_the_exam_does_not_allow_it(tmp_path):
    make_exam(tmp_path, "uf3-prova-monitoraggio")

    async def script(pilot):
        assert not pilot.app.query("#queue-lab")
        assert pilot.app.query("#simulate")

    _drive(tmp_path / "esame" / "A01", script, size=(120, 40))


def test_the_submit_button_hands_in_while_typing_an_answer(tmp_path):
    make_exam(tmp_path, "uf1-prova-modello")
    pack = tmp_path / "esame" / "B02"

    async def script(pilot):
        await pilot.press("7", "i")  # in the field, «i» is typed, not a submission
        assert not (pack / "elaborato-B02.json").exists()
        pilot.app.query_one("#submit-button").press()
        await pilot.pause()

    _drive(pack, script)
    assert (pack / "elaborato-B02.json").exists()
    assert "sl_erlang_c: 7i" in (pack / "lavoro" / "risposte.yaml").read_text(encoding="utf-8")


def test_going_back_and_forth_between_simulated_tasks(tmp_path):
    """Both tasks have their «Simula» button: the old task's widgets leave before the new
    ones take the same ids (it used to stop the app with DuplicateIds)."""
    make_exam(tmp_path, "esame-finale")

    async def script(pilot):
        for task in ("piano", "valutazione", "piano", "dimensionamento"):
            pilot.app.query_one("#task").value = task
            await pilot.pause()
            await pilot.pause()
            assert pilot.app.task_id == task
            assert bool(pilot.app.query("#simulate")) == (task != "dimensionamento")
            assert len(pilot.app.query("#queue-lab")) == 1

    _drive(tmp_path / "esame" / "C03", script)


def test_a_late_tick_still_saves_the_clock(tmp_path):
    """The clock's state is saved once five seconds have passed since the last save, even
    when the ticks skip a multiple of five (a loaded machine): a crash then gives the
    candidate back at most those seconds, never minutes."""
    make_exam(tmp_path, "uf1-prova-modello")
    pack = tmp_path / "esame" / "C03"

    async def script(pilot):
        app = pilot.app
        app.set_focus(None)
        for elapsed in (4.9, 11.2, 23.7):  # no tick lands on a multiple of five
            app.elapsed = elapsed
            app._tick_at = time.monotonic()
            app._tick()
            saved = exam_take.state(exam_take.open_pack(pack)).get("elapsed_s", 0.0)
            assert saved >= elapsed - 5, (elapsed, saved)

    _drive(pack, script)
