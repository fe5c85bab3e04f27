"""The exam app stops the candidate when the time runs out: the work is handed in as
saved, the inputs no longer take changes, and a restart finds the exam closed."""

from __future__ import annotations

import asyncio
import json

from simlab.lab import exam_take
from simlab.tui.exam_app import ExamApp
from tests.exam_helpers import make_exam


def _drive(pack, script):
    async def main():
        async with ExamApp(pack).run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await script(pilot)
    asyncio.run(main())


def test_time_up_closes_the_exam_in_the_app(tmp_path):
    make_exam(tmp_path, "uf1-prova-modello")
    folder = tmp_path / "esame" / "A01"
    pack = exam_take.open_pack(folder)
    exam_take.save_answer(pack, "sl_erlang_c", "77")
    exam_take.save_state(pack, elapsed_s=pack.minutes * 60 - 0.5, task=None)

    async def script(pilot):
        assert not pilot.app.query_one("#q-sl_erlang_c").disabled
        pilot.app.elapsed = pack.minutes * 60.0  # the clock reaches the end
        pilot.app._tick()
        await pilot.pause()
        assert pilot.app.query_one("#q-sl_erlang_c").disabled
        assert "chiusa" in str(pilot.app.query_one("#timer").render())

    _drive(folder, script)
    data = json.loads((folder / "elaborato-A01.json").read_text(encoding="utf-8"))
    assert data["closed"] is True and "sl_erlang_c: 77" in data["files"]["risposte.yaml"]

    async def reopened(pilot):
        await pilot.pause()
        assert pilot.app.query_one("#q-sl_erlang_c").disabled  # still closed after a restart

    _drive(folder, reopened)
