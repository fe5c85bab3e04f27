"""Improvement proposals from a run's largest gaps (UF3.A7; docs/variance.md).

Each proposal is one concrete change to the operations plan or the care model that the
engine models, so that a what-if run (same seed, changed files) can show its effect:

- `add_agents`: a shift of N more operators for a team on one weekday, from a time to a
  time (from an «understaffed» cause: N = the operators missing);
- `priority`: a queue's priority raised to its rival's (from a «starved» queue);
- `deferred_work`: the care model's deferred work `by_priority` instead of
  `after_realtime` (from tickets late behind real-time contacts);
- `training`: a team's proficiency on a queue raised by 0.15, at most 1.0 (from a reason
  whose AHT is above plan, mostly on a team below full proficiency; proficiency divides
  the handling time and caps the chance of resolution).

The trainee accepts, edits (the parameters) or rejects each one; `apply` makes the
changed care model and plan, validated like a file the trainee wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from simlab.analysis.causes import Cause
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.care import CareModel
from simlab.model.common import DAY_LABELS_IT
from simlab.model.plan import OperationsPlan, skills_of

KINDS = ("add_agents", "priority", "deferred_work", "training")
STATUSES = ("proposed", "accepted", "rejected")
TRAINING_STEP = 0.15
ADD_WINDOW_S = 7200


@dataclass
class Proposal:
    id: str
    kind: str
    params: dict
    because: str  # the cause, in words
    status: str = "proposed"
    whatif: dict = field(default_factory=dict)  # before/after KPIs of its what-if run

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "params": dict(self.params),
                "because": self.because, "status": self.status, "whatif": dict(self.whatif)}

    @classmethod
    def from_dict(cls, data: dict) -> Proposal:
        return cls(str(data["id"]), str(data["kind"]), dict(data["params"]),
                   str(data.get("because", "")), str(data.get("status", "proposed")),
                   dict(data.get("whatif", {})))


def _clock(second: int) -> str:
    return f"{second // 3600:02d}:{second % 3600 // 60:02d}"


def propose(causes: list[Cause], care: CareModel, plan: OperationsPlan,
            because: Callable[[Cause], str] = lambda c: c.kind) -> list[Proposal]:
    """One proposal per actionable cause, numbered: staff where operators were missing
    first, then routing, deferred work and training, each kind in the order of its
    causes (the largest first); `because`
    says the cause in words (the reports' text)."""
    out: list[Proposal] = []
    seen: set[tuple] = set()
    skills = {t.id: skills_of(t, care) for t in plan.teams}
    order = {"understaffed": 0, "starved": 1, "deferred": 2, "aht": 3}
    for cause in sorted(causes, key=lambda c: order.get(c.kind, 9)):  # stable: by size within
        n = cause.numbers
        if cause.kind == "understaffed" and n.get("team"):
            start = int(n["band_s"])
            params = {"team": n["team"], "weekday": DAY_LABELS_IT[n["weekday"]],
                      "from": _clock(start), "to": _clock(min(start + ADD_WINDOW_S, 86400 - 60)),
                      "agents": int(n["missing"])}
            key = ("add_agents", n["team"], n["weekday"])
        elif cause.kind == "starved":
            params = {"queue": n["queue"], "priority": int(n["rival_priority"])}
            key = ("priority", n["queue"])
        elif cause.kind == "deferred":
            params = {"value": "by_priority"}
            key = ("deferred_work",)
        elif cause.kind == "aht" and n.get("queue") in skills.get(n.get("team"), {}):
            now = skills[n["team"]][n["queue"]]
            if now >= 1.0:
                continue
            params = {"team": n["team"], "queue": n["queue"],
                      "proficiency": round(min(1.0, now + TRAINING_STEP), 2)}
            key = ("training", n["team"], n["queue"])
        else:
            continue
        if key in seen:
            continue
        seen.add(key)
        out.append(Proposal(f"p{len(out) + 1}", key[0], params, because(cause)))
    return out


def apply(proposals: list[Proposal], care: CareModel, plan: OperationsPlan
          ) -> tuple[CareModel, OperationsPlan]:
    """The care model and plan with every given proposal applied, in order."""
    care_data = care.model_dump(mode="json", by_alias=True, exclude_none=True)
    plan_data = plan.model_dump(mode="json", by_alias=True, exclude_none=True)
    for p in proposals:
        _apply_one(p, care_data, plan_data)
    try:
        return CareModel.model_validate(care_data), OperationsPlan.model_validate(plan_data)
    except ValueError as e:  # a trainee's edit that breaks the files
        raise SimlabError(_("the proposal does not give a valid care model or plan: {e}")
                          .format(e=str(e).splitlines()[0]), key="params") from None


def _team(plan_data: dict, team_id: str, proposal: Proposal) -> dict:
    for team in plan_data["teams"]:
        if team["id"] == team_id:
            return team
    raise SimlabError(_("proposal {id}: unknown team «{team}»; allowed: {allowed}").format(
        id=proposal.id, team=team_id,
        allowed=", ".join(t["id"] for t in plan_data["teams"])), key="team")


def _apply_one(p: Proposal, care_data: dict, plan_data: dict) -> None:
    params = p.params
    if p.kind == "add_agents":
        agents = int(params["agents"])
        if agents < 1:
            raise SimlabError(_("proposal {id}: the operators to add must be at least 1")
                              .format(id=p.id), key="agents")
        team = _team(plan_data, params["team"], p)
        team["shifts"].append({"days": [params["weekday"]], "from": params["from"],
                               "to": params["to"], "agents": agents})
        team["headcount"] += agents
    elif p.kind == "priority":
        queue = next((q for q in care_data["queues"] if q["id"] == params["queue"]), None)
        if queue is None:
            raise SimlabError(_("proposal {id}: unknown queue «{queue}»").format(
                id=p.id, queue=params["queue"]), key="queue")
        queue["priority"] = int(params["priority"])
    elif p.kind == "deferred_work":
        care_data["deferred_work"] = params["value"]
    elif p.kind == "training":
        team = _team(plan_data, params["team"], p)
        if params["queue"] not in team["skills"]:
            raise SimlabError(_("proposal {id}: team «{team}» has no skill on queue «{queue}»")
                              .format(id=p.id, team=params["team"], queue=params["queue"]),
                              key="queue")
        team["skills"][params["queue"]] = float(params["proficiency"])
    else:
        raise SimlabError(_("unknown proposal kind «{kind}»; allowed: {allowed}").format(
            kind=p.kind, allowed=", ".join(KINDS)), key="kind")
