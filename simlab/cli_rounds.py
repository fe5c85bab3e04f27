"""`simlab rounds start|play|show|replay|list`: a period played week by week (UF2's
decision rounds). The work is done in `simlab.lab.rounds`; this module reads options and
prints."""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from simlab.cli_output import ProgressBar, err, grid_table, out
from simlab.errors import SimlabError
from simlab.i18n import _


def _workspace(create: bool = False):
    from simlab.store.workspace import Workspace

    ws = Workspace.open(None, create=create)
    return ws


def rounds_start(args: argparse.Namespace) -> int:
    from simlab.lab import rounds

    with _workspace(create=True) as ws:
        ws.require_writable()
        game = rounds.start_game(ws.root, args.scenario, args.model, args.plan,
                                 weeks=args.weeks, seed=args.seed,
                                 budget_per_week=args.budget, game_id=args.id, ws=ws)
    out.print(_("✓ Game «{id}» started: {weeks} weeks, seed {seed}. Play week 1 with "
                "«simlab rounds play {id} [--plan FILE]».").format(
        id=game.id, weeks=game.weeks, seed=game.seed), markup=False)
    return 0


def rounds_play(args: argparse.Namespace) -> int:
    from simlab.lab import rounds
    from simlab.model.yamlio import read_text

    with _workspace() as ws:
        ws.require_writable()
        game = rounds.load_game(ws.root, args.game)
        text = read_text(args.plan) if args.plan else None
        bar = ProgressBar(_("Simulating"))
        try:
            state = rounds.play_round(game, text, str(args.plan or "<plan>"), progress=bar)
        finally:
            bar.close()
        game = rounds.load_game(ws.root, args.game)
    out.print(_("✓ Round {n} of {weeks} played.").format(n=state["round"], weeks=game.weeks),
              markup=False)
    _print_game(game)
    return 0


def rounds_show(args: argparse.Namespace) -> int:
    from simlab.lab import rounds

    with _workspace() as ws:
        game = rounds.load_game(ws.root, args.game)
    if args.json:
        out.print_json(json.dumps({"id": game.id, "weeks": game.weeks, "seed": game.seed,
                                   "budget_per_week": game.budget_per_week,
                                   "rounds": game.played}))
        return 0
    _print_game(game)
    return 0


def _print_game(game) -> None:
    from simlab.lab.rounds_view import game_grid

    if not game.played:
        out.print(_("No round played yet."))
        return
    out.print(grid_table(game_grid(game),
                         title=_("Game «{id}»: rounds played {n} of {weeks}").format(
                             id=game.id, n=len(game.played), weeks=game.weeks)))


def rounds_list(args: argparse.Namespace) -> int:
    from simlab.lab import rounds

    with _workspace() as ws:
        games = rounds.list_games(ws.root)
    if not games:
        out.print(_("No game in the workspace: start one with «simlab rounds start SCENARIO "
                    "--weeks N»."))
        return 0
    for g in games:
        out.print(_("{id}: {scenario}, seed {seed}, rounds played {n} of {weeks}").format(
            id=g.id, scenario=g.sources.get("scenario", ""), seed=g.seed, n=len(g.played),
            weeks=g.weeks), markup=False)
    return 0


def rounds_replay(args: argparse.Namespace) -> int:
    from simlab.lab import rounds

    with _workspace() as ws:
        game = rounds.load_game(ws.root, args.game)
        if not game.played:
            raise SimlabError(_("the game «{id}» has no round played: nothing to replay").format(
                id=game.id), key="rounds")
        bar = ProgressBar(_("Replaying"))
        try:
            with tempfile.TemporaryDirectory(prefix="simlab-rounds-") as tmp:
                report = rounds.replay_game(game, Path(tmp), progress=bar)
        finally:
            bar.close()
    if report.identical:
        out.print(_("✓ Game «{id}» replayed ({n} rounds): every file is identical.").format(
            id=game.id, n=report.rounds), markup=False)
        return 0
    err.print(_("✗ Game «{id}» replayed with different results:").format(id=game.id),
              markup=False)
    for name in report.different:
        err.print(f"  {name}", markup=False)
    return 1
