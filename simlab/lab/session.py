"""The session plan of a lab day: the instructor writes it (`simlab session create`), the
trainees open it (`simlab session open FILE`, kept in their workspace), and the lab then
starts from its scenario, seed and days and shows its exercises first.

The plan is kept in the workspace's settings as the exact text of the file, so it opens
the same way after a restart and an edited file on disk changes nothing until it is
opened again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import catalog
from simlab.model.loader import validate
from simlab.model.session import SESSION_SUFFIX, SessionPlan
from simlab.model.yamlio import Path_, dump, parse, read_text
from simlab.store.atomic import write_text_atomic

SETTING = "lab.session"  # the text of the plan opened in this workspace
SOURCE_SETTING = "lab.session.source"  # where it was opened from, to show


def exercise_ids() -> list[str]:
    """The ids of the shipped exercises, in catalogue order."""
    from simlab.lab.exercises import catalogue

    return [e.id for e in catalogue()]


def create(*, scenario: str, seed: int, days: int | None = None, exercises: list[str] = (),
           title: str | None = None, date: dt.date | None = None, notes: str | None = None,
           ws=None) -> SessionPlan:
    """A checked plan: the scenario exists (shipped or in `ws`), the exercises exist,
    seed and days are in range. Days default to the scenario's own."""
    from simlab.model.common import MAX_SEED
    from simlab.model.session import MAX_DAYS

    if not 0 <= seed <= MAX_SEED:
        raise SimlabError(_("must be a whole number from 0 to {max}").format(max=MAX_SEED),
                          key="--seed")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise SimlabError(_("must be between 1 and 3660"), key="--days")
    source = catalog.resolve("scenario", scenario, ws)
    if source.model is None:
        raise SimlabError(source.error, file=source.source)
    data: dict = {
        "title": {"it": title or _default_title(source)},
        "date": date,
        "scenario": source.id,
        "seed": seed,
        "days": days if days is not None else source.model.calendar.days,
        "exercises": list(dict.fromkeys(exercises)),
    }
    if notes:
        data["notes"] = {"it": notes}
    plan = validate(SessionPlan, {k: v for k, v in data.items() if v is not None}, {}, None)
    _check_exercises(plan, {}, None, option="--exercises")
    return plan


def _default_title(source) -> str:
    return _("Lab session on «{scenario}»").format(scenario=source.model.title)


def text(plan: SessionPlan) -> str:
    """The plan as the YAML a person reads and may edit."""
    return dump(plan.model_dump(mode="json", exclude_none=True))


def write(plan: SessionPlan, path: Path) -> Path:
    """Write the plan to a new file (never over an existing one), atomically."""
    path = Path(path)
    if not path.name.endswith(SESSION_SUFFIX):
        raise SimlabError(_("a session plan's file name ends in {suffix}").format(
            suffix=SESSION_SUFFIX), file=path)
    if path.exists():
        raise SimlabError(_("the file already exists: choose another name (a session plan "
                            "is never overwritten)"), file=path)
    write_text_atomic(path, text(plan))
    return path


def load(path: Path, ws=None) -> SessionPlan:
    """Read and check a session plan file; errors name file, line and key."""
    return loads(read_text(Path(path)), path, ws)


def loads(source_text: str, source: str | Path, ws=None) -> SessionPlan:
    data, lines = parse(source_text, source)
    if not isinstance(data, dict):
        raise SimlabError(_("the file must contain a YAML mapping (key: value)"),
                          file=source, line=1)
    plan = validate(SessionPlan, data, lines, source)
    _check_exercises(plan, lines, source)
    try:
        scenario = catalog.resolve("scenario", plan.scenario, ws)
    except SimlabError as e:
        raise SimlabError(e.message, file=source, line=lines.get(("scenario",)),
                          key="scenario") from None
    if scenario.model is None:
        raise SimlabError(scenario.error, file=source, line=lines.get(("scenario",)),
                          key="scenario")
    return plan


def _check_exercises(plan: SessionPlan, lines: dict[Path_, int], source,
                     option: str | None = None) -> None:
    if not plan.exercises:
        return
    known = exercise_ids()
    for i, ex_id in enumerate(plan.exercises):
        if ex_id not in known:
            raise SimlabError(
                _("no exercise «{id}»; the exercises are: {known}").format(
                    id=ex_id, known=", ".join(known)),
                file=source, line=lines.get(("exercises", i)),
                key=option or f"exercises[{i}]")


# -- the plan opened in a workspace ------------------------------------------------------


def open_in(ws, path: Path) -> SessionPlan:
    """Check the plan at `path` and keep it in `ws` (read-only: for this session)."""
    path = Path(path)
    content = read_text(path)
    plan = loads(content, path, ws)
    ws.set_setting(SETTING, content)
    ws.set_setting(SOURCE_SETTING, str(path))
    return plan


def current(ws) -> SessionPlan | None:
    """The plan opened in `ws`, or None. A kept plan that no longer loads (its scenario
    or an exercise was removed) counts as none: the lab must still open."""
    content = ws.setting(SETTING)
    if not content:
        return None
    try:
        return loads(content, ws.setting(SOURCE_SETTING) or SETTING, ws)
    except SimlabError:
        return None


def close_in(ws) -> None:
    ws.set_setting(SETTING, None)
    ws.set_setting(SOURCE_SETTING, None)


def scenario_key(plan: SessionPlan, ws=None) -> str:
    """The run form's key of the plan's scenario."""
    return catalog.resolve("scenario", plan.scenario, ws).key


def ordered(exercise_ids_: list[str], plan: SessionPlan | None) -> list[str]:
    """Exercise ids with the plan's first, in the plan's order, then the others."""
    if plan is None:
        return list(exercise_ids_)
    first = [e for e in plan.exercises if e in exercise_ids_]
    return first + [e for e in exercise_ids_ if e not in first]


@dataclass(frozen=True)
class RunPreset:
    """What the run form starts from: a session plan's scenario, seed and days, or an
    exercise's, with the exercise's working care model and plan."""

    scenario_key: str
    seed: int
    days: int
    care: catalog.Source | None = None
    plan: catalog.Source | None = None
    label: str = ""
    why: str = ""  # shown above the form: where these values come from


def run_preset(ws) -> RunPreset | None:
    """The open session plan's preset, or None."""
    plan = current(ws)
    if plan is None:
        return None
    try:
        key = scenario_key(plan, ws)
    except SimlabError:
        return None
    return RunPreset(key, plan.seed, plan.days,
                     why=_("Session plan «{title}»: scenario, seed and days as the "
                           "instructor chose them.").format(title=plan.title))
