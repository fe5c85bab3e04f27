"""Decision rounds (UF2): a period played week by week.

A game fixes a scenario, a care model, a starting operations plan, a seed and a number of
weeks. Round k plays week k with the plan the trainee chose for it. Its results are the
simulation of weeks 1..k in which the plan of round r is in force during week r, on the
world of those days (`engine.segments`): the same customers arrive whatever the plans,
and what was still waiting at the end of week k-1 (calls in queue, open tickets) is
what week k starts with. Round 1 is exactly the plain run of its seven days, and
replaying the saved plans gives identical bytes (`replay_game`).

A round may change the teams' staffing (headcount, shifts, absence), the outsourcing
overflow and the outbound campaigns (`rounds_procs`: in force for what arrives in its
week); the teams, their skills and hourly costs and the plan's other parts stay those of
the first round (`check_same_teams`), so that every week is routed by the same rules.
The files of a game live in the workspace's `rounds/<id>/` folder (`rounds_files`)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from simlab.analysis import kpi
from simlab.engine import Progress, Segments, simulate
from simlab.engine.runlog import cost_table
from simlab.engine.segments import compose_agents
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import cases, rounds_cases, rounds_procs, runner
from simlab.lab import rounds_files as files
from simlab.model.plan import OperationsPlan
from simlab.world import build

WEEK_DAYS = 7
MIN_WEEKS, MAX_WEEKS = 2, 8
GAME_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
KPI_KEYS = ("offered", "answered", "abandoned", "service_level", "asa_s", "abandon_rate",
            "aht_s")


@dataclass(frozen=True)
class Game:
    id: str
    folder: Path
    texts: dict[str, str]  # scenario, care, plan (the starting plan)
    sources: dict[str, str]
    seed: int
    weeks: int
    budget_per_week: float | None
    played: list[dict]  # the state of each round played (`round_state`), in order

    @property
    def next_round(self) -> int | None:
        """The number of the round to play next (1-based), None when the game is over."""
        n = len(self.played) + 1
        return n if n <= self.weeks else None

    def plan_text(self, round_no: int) -> str:
        return files.read_plan(self.folder, round_no)

    def week_start(self, round_no: int):
        """The first day of week `round_no` (a date)."""
        scenario = runner.bundle_from_texts(self.texts).scenario
        return scenario.calendar.date_of((round_no - 1) * WEEK_DAYS)

    def current_plan_text(self) -> str:
        """The plan the next round starts from: the last round's, else the starting one."""
        return self.plan_text(len(self.played)) if self.played else self.texts["plan"]


def start_game(ws_root: Path, scenario: str, model: str | None = None, plan: str | None = None,
               *, weeks: int, seed: int | None = None, budget_per_week: float | None = None,
               game_id: str | None = None, ws=None) -> Game:
    """A new game in the workspace, its inputs checked and saved; no round played yet."""
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise SimlabError(_("the weeks of a game must be between {lo} and {hi}, not {n}").format(
            lo=MIN_WEEKS, hi=MAX_WEEKS, n=weeks), key="--weeks")
    if budget_per_week is not None and not 0 < budget_per_week < 1e12:
        raise SimlabError(_("the weekly budget must be a positive amount in euro"),
                          key="--budget")
    bundle = runner.load_bundle(scenario, model, plan, ws)
    seed = bundle.scenario.seed if seed is None else seed
    if seed < 0:
        raise SimlabError(_("the seed must be a whole number ≥ 0"), key="--seed")
    if game_id is None:
        game_id = files.free_id(ws_root, f"{bundle.scenario.id}-{seed}")
    elif not GAME_ID.match(game_id):
        raise SimlabError(_("the game's name «{id}» may hold only lowercase letters, digits, "
                            "- and _").format(id=game_id), key="--id")
    meta = {"id": game_id, "seed": seed, "weeks": weeks, "budget_per_week": budget_per_week,
            "texts": dict(bundle.texts), "sources": dict(bundle.sources)}
    files.create_game(ws_root, game_id, meta)
    return load_game(ws_root, game_id)


def load_game(ws_root: Path, game_id: str) -> Game:
    meta, played = files.read_game(ws_root, game_id)
    return Game(meta["id"], files.game_folder(ws_root, game_id), meta["texts"], meta["sources"],
                int(meta["seed"]), int(meta["weeks"]), meta.get("budget_per_week"), played)


def list_games(ws_root: Path) -> list[Game]:
    return [load_game(ws_root, gid) for gid in files.game_ids(ws_root)]


def check_plan(game: Game, plan_text: str, source: str = "<plan>",
               earlier_texts: Sequence[str] | None = None) -> OperationsPlan:
    """A round's plan, checked against the game's scenario and care model, the first
    round's teams and procedures, and the campaigns and notices of `earlier_texts` (the
    plans of the rounds before it; default: the rounds played, so the plan is the next
    round's); SimlabError (Italian, with file, line and key) otherwise."""
    if earlier_texts is None:
        earlier_texts = [game.plan_text(r) for r in range(1, len(game.played) + 1)]
    texts = dict(game.texts, plan=plan_text)
    sources = dict(game.sources, plan=source)
    plan = runner.bundle_from_texts(texts, sources).plan
    first = runner.bundle_from_texts(game.texts).plan
    check_same_teams(first, plan, source)
    earlier = [runner.bundle_from_texts(dict(game.texts, plan=t)).plan for t in earlier_texts]
    rounds_procs.check_procedures(first, earlier, plan, source)
    rounds_procs.check_notices(earlier, plan, game.week_start(len(earlier) + 1), source)
    return plan


def check_same_teams(first: OperationsPlan, plan: OperationsPlan, source: str) -> None:
    """A round may change staffing and some procedures (`rounds_procs`): the rest of the
    plan must be the first round's."""
    if [t.id for t in plan.teams] != [t.id for t in first.teams]:
        raise SimlabError(
            _("a round keeps the teams of the first round ({teams}): change their headcount "
              "and shifts, not the teams").format(teams=", ".join(t.id for t in first.teams)),
            file=source, key="teams")
    for i, (a, b) in enumerate(zip(first.teams, plan.teams, strict=True)):
        for key in ("skills", "hourly_cost"):
            if getattr(a, key) != getattr(b, key):
                raise SimlabError(
                    _("team «{team}»: a round may change headcount, shifts and absence, "
                      "not «{key}» (it stays the first round's)").format(team=a.id, key=key),
                    file=source, key=f"teams[{i}].{key}")
    rest = {"teams", "id", "title", "procedures"}  # procedures: rounds_procs
    for key in OperationsPlan.model_fields:
        mine = _without_office_staff(plan) if key == "cases" else getattr(plan, key)
        theirs = _without_office_staff(first) if key == "cases" else getattr(first, key)
        if key not in rest and theirs != mine:
            raise SimlabError(
                _("a round may change the teams' staffing, the outsourcing and the outbound "
                  "campaigns, not «{key}» (it stays the first round's)").format(key=key),
                file=source, key=key)


def _without_office_staff(plan: OperationsPlan):
    """The plan's case procedures but for the back office's people, which are staffing
    (`staff_by_day`), and the notices (`rounds_procs.check_notices`): a round may change
    them."""
    procs = rounds_procs.cases_of(plan).model_copy(update={"notices": []})
    if procs.complaints is None:
        return procs
    office = procs.complaints.back_office.model_copy(update={"staff": 0})
    return procs.model_copy(update={"complaints": procs.complaints.model_copy(
        update={"back_office": office})})


def office_staff_by_day(plans: list[OperationsPlan]) -> list[int] | None:
    """The complaints back office's people of each day, week r from plan r (None: the
    plans have no complaint procedure)."""
    if plans[0].cases is None or plans[0].cases.complaints is None:
        return None
    return [p.cases.complaints.back_office.staff for p in plans for _day in range(WEEK_DAYS)]


def play_round(game: Game, plan_text: str | None = None, source: str = "<plan>",
               progress: Callable[[Progress], bool | None] | None = None) -> dict:
    """Play the next round with `plan_text` (default: the plan now in force) and save it;
    returns its state. `progress` gets the engine's progress (False cancels)."""
    round_no = game.next_round
    if round_no is None:
        raise SimlabError(_("the game «{id}» is over: all its {n} rounds are played").format(
            id=game.id, n=game.weeks), key="rounds")
    plan_text = game.current_plan_text() if plan_text is None else plan_text
    earlier = [game.plan_text(r) for r in range(1, round_no)]
    check_plan(game, plan_text, source, earlier)
    plans = earlier + [plan_text]
    log, world, care, cases_result = simulate_rounds(game, plans, progress)
    state = round_state(game, round_no, log, world, care, runner.bundle_from_texts(
        dict(game.texts, plan=plan_text)).plan, game.played[-1] if game.played else None,
        cases_result)
    tables = {"contacts": log.contacts, "agents": log.agents, "costs": log.costs}
    files.write_round(game.folder, round_no, plan_text, tables, _inputs(game, plans), state,
                      _extra_files(log, cases_result))
    return files.read_state(game.folder, round_no)


def simulate_rounds(game: Game, plan_texts: list[str],
                    progress: Callable[[Progress], bool | None] | None = None):
    """The simulation of weeks 1..len(plan_texts), plan r in force in week r, and its
    complaint cases (None without a complaint procedure: `lab.cases`), worked by each
    week's back office."""
    bundles = [runner.bundle_from_texts(dict(game.texts, plan=t)) for t in plan_texts]
    days = WEEK_DAYS * len(plan_texts)
    world = build(bundles[0].scenario, game.seed, days)
    plans = [b.plan for b in bundles]
    # the case procedures are the first's; the notices, the last's (it keeps every
    # earlier one and adds those that start in its week: rounds_procs.check_notices)
    prep = cases.before_run(plans[-1], world, game.seed)
    world = world if prep is None else prep.world
    agents = compose_agents(world, plans, WEEK_DAYS, game.seed)
    log = simulate(world, bundles[-1].care, plans[-1], seed=game.seed, progress=progress,
                   agents=agents, segments=Segments(tuple(plans), WEEK_DAYS))
    result = None if prep is None else cases.after_run(
        plans[-1], bundles[-1].scenario, prep, log, game.seed, office_staff_by_day(plans))
    return log, world, bundles[-1].care, result


def play_plans(texts: dict[str, str], sources: dict[str, str], seed: int,
               plans: list[tuple[str, str]], budget_per_week: float | None = None) -> list[dict]:
    """The states of a game played from `plans` ((text, source) per week), saved nowhere:
    what the exercises' `rounds` check judges. The same plans give the same states as a
    game played in the workspace started with the first of them (`rounds start --plan`):
    the rounds after it may change its staffing, outsourcing and campaigns."""
    texts = dict(texts, plan=plans[0][0])
    sources = dict(sources, plan=plans[0][1])
    game = Game("", Path(), texts, sources, seed, len(plans), budget_per_week, [])
    for r, (text, source) in enumerate(plans):
        check_plan(game, text, source, [t for t, _s in plans[:r]])
    states: list[dict] = []
    texts_so_far = [text for text, _source in plans]
    for r in range(1, len(plans) + 1):
        log, world, care, cases_result = simulate_rounds(game, texts_so_far[:r])
        plan = runner.bundle_from_texts(dict(game.texts, plan=texts_so_far[r - 1])).plan
        states.append(round_state(game, r, log, world, care, plan,
                                  states[-1] if states else None, cases_result))
    return states


def folder_player(scenario: str, seed: int, folder: Path
                  ) -> Callable[[tuple[str, ...]], list[dict]]:
    """For an exercise's `rounds` checks: the game of the plan files named (one per week)
    in the working `folder`, played once per list of names and kept."""
    from simlab.model.yamlio import read_text

    played: dict[tuple[str, ...], list[dict]] = {}

    def play(names: tuple[str, ...]) -> list[dict]:
        if names not in played:
            bundle = runner.load_bundle(scenario)
            plans = [(read_text(folder / n), str(folder / n)) for n in names]
            played[names] = play_plans(bundle.texts, bundle.sources, seed, plans)
        return played[names]
    return play


def _extra_files(log, cases_result) -> dict[str, bytes]:
    """As a run saves them: the procedures' tasks (escalations, campaign calls) and the
    complaint cases (`lab.cases`), when there are any."""
    from simlab.store.runfiles import parquet_bytes

    extra = {} if log.tasks is None else {"tasks.parquet": parquet_bytes(log.tasks)}
    return {**extra, **cases.files(cases_result)}


def _inputs(game: Game, plans: list[str]) -> dict:
    """What replays the round: the game's inputs and the plan of every round so far."""
    from simlab import __version__

    return {"simlab_version": __version__, "game": game.id, "seed": game.seed,
            "days": WEEK_DAYS * len(plans), "texts": dict(game.texts, plan=plans[-1]),
            "sources": dict(game.sources), "round_plans": list(plans)}


def round_state(game: Game, round_no: int, log, world, care, plan: OperationsPlan,
                previous: dict | None, cases_result=None) -> dict:
    """What a trainee reads after round `round_no`: the KPIs of the contacts that arrived
    in its week, its costs (against the weekly budget), and what is still waiting at the
    end of the week, which the next week starts with."""
    lo, hi = (round_no - 1) * WEEK_DAYS * 86400.0, round_no * WEEK_DAYS * 86400.0
    contacts = log.contacts
    arrival = contacts["arrival_s"].to_numpy()
    week = contacts[(arrival >= lo) & (arrival < hi)]
    total = kpi.by_channel(week, care).loc["total"]
    kpis = {k: _number(total[k]) for k in KPI_KEYS}
    kpis["service_level_by_channel"] = {
        str(ch): _number(row["service_level"])
        for ch, row in kpi.by_channel(week, care).iloc[:-1].iterrows()}
    agents = log.agents
    starts = agents["interval_start_s"].to_numpy()
    week_world = dataclasses.replace(world, days=WEEK_DAYS)
    lines = cost_table(week_world, plan, week, agents[(starts >= lo) & (starts < hi)])
    outsourced = rounds_procs.week_outsourcing(plan, week)
    if len(outsourced):  # the outsourcer's contacts of the week, at the round's price
        lines = pd.concat([lines, outsourced], ignore_index=True)
    costs = kpi.cost_summary(lines, week)
    costs = {k: _number(v) for k, v in costs.items()}
    complaints = None
    if cases_result is not None and cases_result.complaints is not None:
        complaints, cases_cost = rounds_cases.week_complaints(
            cases_result.complaints, plan, lo, hi)
        costs["complaints"] = cases_cost  # the week's back office and what late replies owe
        costs["total"] = costs["total"] + cases_cost
        handled = costs["handled"]
        costs["cost_per_contact"] = costs["total"] / handled if handled else None
    notices = rounds_procs.week_notices(plan, world.scenario.calendar.date_of(
        (round_no - 1) * WEEK_DAYS), world.scenario.calendar.date_of(round_no * WEEK_DAYS))
    if notices:  # the notices sent in the week
        costs["notices"] = notices
        costs["total"] = costs["total"] + notices
        handled = costs["handled"]
        costs["cost_per_contact"] = costs["total"] / handled if handled else None
    if game.budget_per_week:
        costs["budget"] = float(game.budget_per_week)
        costs["budget_gap"] = costs["total"] - float(game.budget_per_week)
    end = kpi.by_channel(contacts, care)
    end_s = contacts["end_s"].to_numpy()
    answered = (contacts["outcome"] == "answered").to_numpy()
    backlog = {
        "tickets_open": int(end.loc["total", "backlog"]),
        "in_queue": int(end.loc["total", "in_queue_end"]),
        "by_channel": {str(ch): int(row["backlog"] + row["in_queue_end"])
                       for ch, row in end.iloc[:-1].iterrows()},
        "at_start": _open_total(previous),
        # contacts of earlier weeks answered during this one: the carried-over backlog worked
        "carried_answered": int(np.count_nonzero(answered & (arrival < lo) & (end_s >= lo))),
    }
    state = {"round": round_no, "week_start": str(world.scenario.calendar.date_of(
        (round_no - 1) * WEEK_DAYS)), "headcount": {t.id: t.headcount for t in plan.teams},
        "kpis": kpis, "costs": costs, "backlog": backlog}
    if complaints is not None:
        state["complaints"] = complaints
    return state


def _open_total(state: dict | None) -> int:
    if state is None:
        return 0
    return int(state["backlog"]["tickets_open"] + state["backlog"]["in_queue"])


def _number(v) -> float | int | None:
    """A JSON-safe number: NaN (no such contacts) as None, integers kept whole."""
    if isinstance(v, (int, np.integer)):
        return int(v)
    v = float(v)
    return None if np.isnan(v) else v


@dataclass(frozen=True)
class GameReplay:
    game_id: str
    rounds: int
    identical: bool
    different: list[str]  # "round-02/contacts.parquet", … (files whose bytes differ)


def replay_game(game: Game, scratch: Path,
                progress: Callable[[Progress], bool | None] | None = None) -> GameReplay:
    """Every round played again from its saved plans into `scratch` (a temporary folder),
    each file's hash compared with the saved one."""
    different = []
    plans = [game.plan_text(r) for r in range(1, len(game.played) + 1)]
    for r in range(1, len(plans) + 1):
        log, world, care, cases_result = simulate_rounds(game, plans[:r], progress)
        tables = {"contacts": log.contacts, "agents": log.agents, "costs": log.costs}
        state = round_state(game, r, log, world, care, runner.bundle_from_texts(
            dict(game.texts, plan=plans[r - 1])).plan, game.played[r - 2] if r > 1 else None,
            cases_result)
        new = files.write_round(scratch, r, plans[r - 1], tables, _inputs(game, plans[:r]),
                                state, _extra_files(log, cases_result))
        old = files.round_hashes(game.folder, r)
        different += [f"round-{r:02d}/{n}" for n in sorted(set(old) | set(new))
                      if old.get(n) != new.get(n)]
    return GameReplay(game.id, len(plans), not different, different)
