"""Where a game of decision rounds is kept: the workspace's `rounds/<id>/` folder.

    rounds/<id>/game.json              the game's inputs: texts, seed, weeks, budget
    rounds/<id>/round-01/plan.yaml     the plan the trainee chose for week 1
    rounds/<id>/round-01/*.parquet     the run of weeks 1..1 (contacts, agents, costs)
    rounds/<id>/round-01/run.json      its inputs (every round's plan) and hashes
    rounds/<id>/round-01/state.json    KPIs, costs and backlog of the week; written last

Every file is written atomically, and a round counts as played once its state.json
exists: a round cut short leaves no state.json and is simply played again."""

from __future__ import annotations

import json
from pathlib import Path

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.store.atomic import file_sha256, write_bytes_atomic, write_text_atomic
from simlab.store.runfiles import json_bytes, write_run

DIRNAME = "rounds"
GAME_JSON = "game.json"
STATE_JSON = "state.json"
PLAN_YAML = "plan.yaml"
FORMAT = 1


def games_root(ws_root: Path) -> Path:
    return Path(ws_root) / DIRNAME


def game_folder(ws_root: Path, game_id: str) -> Path:
    return games_root(ws_root) / game_id


def round_folder(folder: Path, round_no: int) -> Path:
    return Path(folder) / f"round-{round_no:02d}"


def game_ids(ws_root: Path) -> list[str]:
    root = games_root(ws_root)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / GAME_JSON).is_file())


def free_id(ws_root: Path, base: str) -> str:
    """`base`, or `base-2`, `base-3`… : the first name no game of the workspace has."""
    taken = set(game_ids(ws_root))
    n, name = 1, base
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    return name


def create_game(ws_root: Path, game_id: str, meta: dict) -> Path:
    folder = game_folder(ws_root, game_id)
    if (folder / GAME_JSON).exists():
        raise SimlabError(_("a game named «{id}» already exists in the workspace: choose "
                            "another name with --id").format(id=game_id), key="--id")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SimlabError(_("cannot create the folder: {error}").format(error=str(e)),
                          file=folder) from None
    write_bytes_atomic(folder / GAME_JSON, json_bytes({"format": FORMAT, **meta}))
    return folder


def read_game(ws_root: Path, game_id: str) -> tuple[dict, list[dict]]:
    """The game's inputs and the states of its rounds played, in order."""
    folder = game_folder(ws_root, game_id)
    meta = _read_json(folder / GAME_JSON, _(
        "no game named «{id}» in the workspace: «simlab rounds list» shows the games").format(
            id=game_id))
    played = []
    while (round_folder(folder, len(played) + 1) / STATE_JSON).is_file():
        played.append(read_state(folder, len(played) + 1))
    return meta, played


def read_state(folder: Path, round_no: int) -> dict:
    state = _read_json(round_folder(folder, round_no) / STATE_JSON, _("the file is damaged"))
    return state["state"]


def round_hashes(folder: Path, round_no: int) -> dict[str, str]:
    return _read_json(round_folder(folder, round_no) / STATE_JSON,
                      _("the file is damaged"))["files"]


def read_plan(folder: Path, round_no: int) -> str:
    path = round_folder(folder, round_no) / PLAN_YAML
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise SimlabError(_("the file is missing or unreadable"), file=path) from None


def write_round(folder: Path, round_no: int, plan_text: str, tables: dict, inputs: dict,
                state: dict, extra: dict[str, bytes] | None = None) -> dict[str, str]:
    """The round's files (and `extra`: complaints.parquet with a complaint procedure),
    state.json last; returns the hash of each run file."""
    out = round_folder(folder, round_no)
    out.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out / PLAN_YAML, plan_text)
    hashes = write_run(out, tables, inputs, state, extra or None)
    hashes["run.json"] = file_sha256(out / "run.json")
    write_bytes_atomic(out / STATE_JSON, json_bytes({"state": state, "files": hashes}))
    return hashes


def _read_json(path: Path, message: str) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SimlabError(message) from None
    except (OSError, ValueError):
        raise SimlabError(_("the file is damaged"), file=path) from None
