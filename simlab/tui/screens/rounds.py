"""Decision rounds (R): a game played week by week. The rounds played side by side
(KPIs, costs, backlog), the next round's staffing per shift row with its check beside
each field (and shift rows the trainee adds: widgets/shiftrows.py), or a plan of the
workspace, and the round played in a worker with progress. Everything is done by
`lab.rounds` and `lab.rounds_staffing` (the same calls as `simlab rounds`)."""

from __future__ import annotations

import threading

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Label, ProgressBar, Select, Static

from simlab import fmt
from simlab.engine import Cancelled
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import rounds, rounds_staffing
from simlab.lab.rounds_view import game_grid
from simlab.tui.screens.base import LabScreen
from simlab.tui.widgets.scenariofields import Number, ScenarioFields
from simlab.tui.widgets.shiftrows import NewShiftRow, headings


class RoundProgress(Message):
    def __init__(self, fraction: float) -> None:
        super().__init__()
        self.fraction = fraction


class RoundDone(Message):
    """`state` the round's state; `error` a SimlabError; both None: stopped."""

    def __init__(self, state: dict | None = None, error: SimlabError | None = None) -> None:
        super().__init__()
        self.state, self.error = state, error


WIDE = 100  # terminal columns from which the comparison's labels are shown whole
LABEL_NARROW = 28


class RoundsScreen(LabScreen):
    def __init__(self) -> None:
        super().__init__()
        self.game: rounds.Game | None = None
        self.rows: list[rounds_staffing.StaffRow] = []
        self.plan_files: dict[str, rounds_staffing.PlanFile] = {}
        self.added = 0  # shift rows added so far: each new one's number (unique ids)
        self.stop = threading.Event()
        self.playing = False

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back")),
                Binding("ctrl+r", "play", _("Start"), priority=True)]

    def screen_title(self) -> str:
        return _("Decision rounds")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="rounds-body"):
            with Vertical(classes="panel", id="rounds-game"):
                yield Label(_("Game"), classes="panel-title")
                with Horizontal(classes="row"):
                    yield Select([], prompt=_("Choose…"), id="rounds-games", compact=True)
                yield Static("", id="rounds-status")
            with Vertical(classes="panel", id="rounds-compare"):
                yield Label(_("Rounds compared"), classes="panel-title")
                yield DataTable(id="rounds-table", zebra_stripes=True, cursor_type="row")
            with Vertical(classes="panel", id="rounds-next"):
                yield Label(_("Staffing of the next round"), classes="panel-title",
                            id="rounds-next-title")
                yield Vertical(id="rounds-staffing")
                yield Label("", id="rounds-error", classes="error")
                yield ProgressBar(total=1.0, show_eta=False, id="rounds-progress")
                with Horizontal(classes="buttons"):
                    yield Button(_("Play the round (Ctrl+R)"), id="rounds-play",
                                 variant="primary")
                with Horizontal(classes="row", id="rounds-file-row"):
                    yield Select([], prompt=_("…or a plan of the workspace"),
                                 id="rounds-plan-file", compact=True)
                    yield Button(_("Play with this plan"), id="rounds-play-file",
                                 compact=True, disabled=True)
            with Vertical(classes="panel", id="rounds-new"):
                yield Label(_("New game"), classes="panel-title")
                yield ScenarioFields("rounds", [
                    Number("weeks", _("Weeks"), "4"), Number("seed", _("Seed")),
                    Number("budget", _("Budget/week €"), type="number")])
                yield Label("", id="rounds-new-error", classes="error")
                with Horizontal(classes="buttons"):
                    yield Button(_("Start the game"), id="rounds-start")

    def on_mount(self) -> None:
        games = self.refresh_games()
        if games:
            self.query_one("#rounds-games", Select).value = games[-1].id
        else:
            self.show_game(None)

    def refresh_games(self) -> list[rounds.Game]:
        games = rounds.list_games(self.app.ws.root)
        self.query_one("#rounds-games", Select).set_options(
            [(f"{g.id} ({len(g.played)}/{g.weeks})", g.id) for g in games])
        return games

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "rounds-plan-file":
            self.query_one("#rounds-play-file", Button).disabled = \
                event.value is Select.NULL or self.game is None or self.game.next_round is None
        if event.select.id == "rounds-games" and event.value is not Select.NULL:
            try:
                self.show_game(rounds.load_game(self.app.ws.root, str(event.value)))
            except SimlabError as e:
                self.query_one("#rounds-status", Static).update(escape(str(e)))

    def show_game(self, game: rounds.Game | None) -> None:
        self.game = game
        status = self.query_one("#rounds-status", Static)
        table = self.query_one("#rounds-table", DataTable)
        table.clear(columns=True)
        if game is None:
            status.update(_("No game yet: start one below."))
            self.call_after_refresh(self.show_staffing)
            return
        week = game.next_round
        status.update(_("Week {n} of {weeks} to play, from {date}.").format(
            n=week, weeks=game.weeks, date=fmt.date(game.week_start(week))) if week
            else _("Game over: all {n} rounds played.").format(n=game.weeks))
        if game.played:
            grid = game_grid(game)
            # at 80 columns the labels would push the rounds off the screen: cut them to
            # LABEL_NARROW and keep them in place while the rounds scroll (← →)
            narrow = self.app.size.width < WIDE
            table.add_column(grid.headers[0], width=LABEL_NARROW if narrow else None)
            table.add_columns(*grid.headers[1:])
            table.fixed_columns = 1
            for key, row in zip(grid.keys, grid.rows, strict=True):
                label = row[0]
                if narrow and len(label) > LABEL_NARROW:
                    label = label[:LABEL_NARROW - 1] + "…"
                table.add_row(label, *row[1:], key=key)
        self.call_after_refresh(self.show_staffing)

    async def show_staffing(self) -> None:
        slot = self.query_one("#rounds-staffing", Vertical)
        await slot.remove_children()
        game = self.game
        play = self.query_one("#rounds-play", Button)
        if game is None or game.next_round is None:
            self.rows = []
            play.disabled = True
            self.query_one("#rounds-next-title", Label).update(_("Staffing of the next round"))
            self.show_plan_files()
            return
        play.disabled = False
        self.query_one("#rounds-next-title", Label).update(
            _("Staffing of round {n}: operators per shift").format(n=game.next_round))
        self.rows = rounds_staffing.staffing_rows(game.current_plan_text())
        widgets = [headings()]
        for i, row in enumerate(self.rows):
            widgets.append(Horizontal(
                Label(f"{row.team_name}", classes="staff-team"),
                Label(row.label, classes="staff-shift"),
                Input(str(row.agents), id=f"staff-{row.team}-{row.index}", type="integer",
                      classes="short", compact=True),
                Label("", id=f"staff-error-{row.team}-{row.index}", classes="error staff-error"),
                classes="row staff-row"))
            last = i + 1 == len(self.rows) or self.rows[i + 1].team != row.team
            if last and row.team != rounds_staffing.OFFICE:  # a team's rows end: «add»
                widgets.append(Horizontal(Button(
                    _("+ Shift row"), id=f"addshift-{row.team}", compact=True,
                    classes="addshift-add", tooltip=_("Add a shift row to this team")),
                    classes="row addshift-bar", name=row.team))
        await slot.mount(*widgets)
        self.show_plan_files()

    def show_plan_files(self) -> None:
        """The workspace's plans for the game's scenario, to play a round with."""
        game = self.game
        found = rounds_staffing.workspace_plans(self.app.ws, game) \
            if game is not None and game.next_round is not None else []
        self.plan_files = {p.id: p for p in found}
        self.query_one("#rounds-plan-file", Select).set_options(
            [(p.label, p.id) for p in found])
        self.query_one("#rounds-play-file", Button).disabled = True

    async def add_shift_row(self, bar: Horizontal) -> None:
        team = bar.name or ""
        name = next(r.team_name for r in self.rows if r.team == team)
        self.added += 1
        row = NewShiftRow(team, name, self.added)
        await self.query_one("#rounds-staffing", Vertical).mount(row, before=bar)
        row.query_one(Input).focus()

    async def on_new_shift_row_removed(self, message: NewShiftRow.Removed) -> None:
        await message.row.remove()

    def added_rows(self) -> list[rounds_staffing.NewShift]:
        return [row.shift() for row in self.query(NewShiftRow)]

    def field_values(self) -> dict[str, str]:
        return {row.key: self.query_one(f"#staff-{row.team}-{row.index}", Input).value
                for row in self.rows}

    def on_input_changed(self, event: Input.Changed) -> None:
        """The check beside each staffing field, as the trainee types."""
        name = event.input.id or ""
        if not name.startswith("staff-"):
            return
        row = name.removeprefix("staff-")
        key = ".".join(row.rsplit("-", 1))  # «team-3» → «team.3», the row's key
        _n, problem = rounds_staffing.check_field(key, event.value)
        self.query_one(f"#staff-error-{row}", Label).update(problem)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "rounds-play":
            self.action_play()
        elif event.button.id == "rounds-play-file":
            self.play_file()
        elif event.button.has_class("addshift-add") and event.button.parent is not None:
            await self.add_shift_row(event.button.parent)
        elif event.button.id == "rounds-start":
            self.start_game()

    def _whole(self, field: str) -> int | None:
        text = self.query_one(f"#rounds-{field}", Input).value.strip()
        return int(text) if text else None

    def start_game(self) -> None:
        error = self.query_one("#rounds-new-error", Label)
        try:
            scenario = self.query_one("#rounds-scenario", Select).value
            if scenario is Select.NULL:
                raise SimlabError(_("Choose a scenario."))
            budget = self.query_one("#rounds-budget", Input).value.strip()
            game = rounds.start_game(
                self.app.ws.root, str(scenario), weeks=self._whole("weeks") or 0,
                seed=self._whole("seed"), budget_per_week=float(budget) if budget else None,
                ws=self.app.ws)
        except (SimlabError, ValueError) as e:
            error.update(escape(str(e)))
            return
        error.update("")
        self.refresh_games()
        self.query_one("#rounds-games", Select).value = game.id

    def action_play(self) -> None:
        """Play the next round with the staffing as edited."""
        if self.game is None or self.game.next_round is None or self.playing:
            return
        try:
            values = rounds_staffing.parse_fields(self.field_values())
            text = rounds_staffing.with_staffing(self.game.current_plan_text(), values,
                                                 self.added_rows())
        except SimlabError as e:
            self.query_one("#rounds-error", Label).update(escape(str(e)))
            return
        self.start_round(text, "<plan>")

    def play_file(self) -> None:
        """Play the next round with the workspace's plan chosen (`rounds play --plan`)."""
        chosen = self.query_one("#rounds-plan-file", Select).value
        if self.game is None or self.game.next_round is None or self.playing \
                or chosen is Select.NULL:
            return
        plan = self.plan_files[str(chosen)]
        self.start_round(plan.text, plan.source)

    def start_round(self, text: str, source: str) -> None:
        """The plan checked against the game (its message shown if refused), then played."""
        error = self.query_one("#rounds-error", Label)
        if self.game is None:
            return
        try:
            rounds.check_plan(self.game, text, source)
        except SimlabError as e:
            error.update(escape(str(e)))
            return
        error.update("")
        self.playing = True
        self.query_one("#rounds-play", Button).disabled = True
        self.query_one("#rounds-play-file", Button).disabled = True
        self.play(self.game, text, source)

    @work(thread=True, exclusive=True, group="rounds")
    def play(self, game: rounds.Game, text: str, source: str = "<plan>") -> None:
        shown = [0.0]

        def progress(view) -> bool:
            if view.fraction - shown[0] >= 0.01 or view.fraction >= 1.0:
                shown[0] = view.fraction
                self.post_message(RoundProgress(view.fraction))
            return not self.stop.is_set()

        try:
            state = rounds.play_round(game, text, source, progress=progress)
        except Cancelled:
            self.post_message(RoundDone())
            return
        except SimlabError as e:
            self.post_message(RoundDone(error=e))
            return
        self.post_message(RoundDone(state))

    def on_round_progress(self, message: RoundProgress) -> None:
        self.query_one("#rounds-progress", ProgressBar).update(progress=message.fraction)

    def on_round_done(self, message: RoundDone) -> None:
        self.playing = False
        self.query_one("#rounds-play", Button).disabled = False
        self.query_one("#rounds-play-file", Button).disabled = \
            self.query_one("#rounds-plan-file", Select).value is Select.NULL
        if message.error is not None:
            self.query_one("#rounds-error", Label).update(escape(str(message.error)))
            return
        if message.state is None or self.game is None:
            return
        self.query_one("#rounds-progress", ProgressBar).update(progress=1.0)
        self.refresh_games()
        self.query_one("#rounds-games", Select).value = self.game.id  # shows it again
        self.app.notify(_("✓ Round {n} of {weeks} played.").format(
            n=message.state["round"], weeks=self.game.weeks), title=_("Decision rounds"))

    def action_back(self) -> None:
        self.stop.set()  # a round still playing stops at the engine's next callback
        super().action_back()
