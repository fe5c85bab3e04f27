"""The plan's procedures in the event loop (docs/procedures.md): repeat contacts,
escalation L1 → L2 as deferred tasks, reserve skills, outsourcing overflow, outbound
campaigns and the customers' replies to tickets (ticket conversations). `prepare_procedures` draws every random number beforehand, per contact and
from streams named after the procedure, so that two plans meet the same customers with
the same luck (common random numbers); `LoopProcs` is what the loop (loop_access.py)
asks while it runs. The loop adds rows after the world's contacts: repeats, replies,
tasks and campaign calls; `procedures_log` sorts them into the contact and task tables."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.care import CareModel
from simlab.model.plan import OperationsPlan
from simlab.model.plan_procedures import Procedures
from simlab.world.dists import draw
from simlab.world.streams import stream
from simlab.world.world import World

from .calendar import DAY, business_seconds
from .segment_procs import Segments, campaign_calls, campaigns_by_segment, outsourcing_rules

CONTACT, REPEAT, REPLY, TASK, CALL = 0, 1, 2, 3, 4  # what a row of the loop is
CAMPAIGN_RANK = -10**6  # below every queue: campaigns take only spare time
INF = float("inf")


@dataclass
class ProcInputs:
    """Per original contact and per queue, what the procedures need (no object per contact)."""

    n: int
    max_repeats: int = 0
    rep_share: float = 0.0
    rep_channel: int = -1  # -1: the same channel
    rep_u: np.ndarray | None = None  # (n, max_repeats): comes back if below the share
    rep_delay: np.ndarray | None = None  # (n, max_repeats) seconds after the end
    rep_resolve: np.ndarray | None = None  # (n, max_repeats) u_resolve of the repeat
    route: np.ndarray | None = None  # (channel, segment, reason) → queue, for a new channel
    fcr: list[float] = field(default_factory=list)  # per reason
    # escalation: per base queue, the rule's index or -1
    esc_of_queue: list[int] = field(default_factory=list)
    esc_rules: list[tuple] = field(default_factory=list)  # (to, share, resolve, sla_s, reasons)
    esc_u: np.ndarray | None = None
    esc_h: np.ndarray | None = None
    esc_resolve: np.ndarray | None = None
    # reserve: per team, {queue: above (-1: only when the primary queues are empty)}
    reserve: list[dict[int, int]] = field(default_factory=list)
    reserve_prof: list[dict[int, float]] = field(default_factory=list)
    # outsourcing: per segment and base queue, (share or -1, above or -1, fcr_factor,
    # handle_factor) or None, and its price; the segment is the contact's arrival // out_seg_s
    outsource: list[tuple | None] = field(default_factory=list)  # any segment's rule, per queue
    out_by_seg: list[list[tuple | None]] = field(default_factory=list)
    out_price_by_seg: list[list[float]] = field(default_factory=list)
    out_seg_s: float = float("inf")
    out_u: np.ndarray | None = None
    # campaigns: (id, channel, teams, call times, expiry times, work seconds, reached)
    campaigns: list[tuple] = field(default_factory=list)
    q_intervals: list[np.ndarray] = field(default_factory=list)  # opening of each queue's channel
    # replies: up to max_exchanges responses per ticket on the channels of reply_on;
    # draws per (original contact, repeat generation, exchange)
    max_exchanges: int = 0
    reply_share: float = 0.0
    reply_on: list[bool] = field(default_factory=list)  # per channel
    reply_u: np.ndarray | None = None
    reply_delay: np.ndarray | None = None
    reply_resolve: np.ndarray | None = None


def active(plan: OperationsPlan, segments: Segments | None = None) -> bool:
    plans = (plan,) if segments is None else segments.plans
    return any(p.procedures is not None and p.procedures.active for p in plans)


def prepare_procedures(world: World, care: CareModel, plan: OperationsPlan, seed: int,
                       route: np.ndarray, opening: list[np.ndarray],
                       segments: Segments | None = None) -> ProcInputs:
    """Everything drawn and looked up before the loop starts; `route` is the routing
    table of prepare.route_table, `opening` the channels' open intervals. With
    `segments`, the outsourcing and the campaigns are those of each segment's plan; the
    other procedures are `plan`'s (the same in every segment: lab.rounds checks it)."""
    pr: Procedures = plan.procedures or Procedures()
    c = world.contacts
    n = len(c)
    q_ids = [q.id for q in care.queues]
    t_ids = [t.id for t in plan.teams]
    q_channel = [world.channels.index(q.channel) for q in care.queues]
    out = ProcInputs(n=n, route=route, fcr=[r.fcr for r in world.scenario.reasons],
                     q_intervals=[opening[ch] for ch in q_channel])
    if pr.repeats is not None:
        r = pr.repeats
        k = r.max_repeats
        rng = stream(seed, "repeats")
        out.max_repeats, out.rep_share = k, r.share
        out.rep_u = rng.random((n, k))
        out.rep_delay = draw(r.delay_s, rng, n * k).reshape(n, k)
        out.rep_resolve = rng.random((n, k))
        if r.channel is not None:
            out.rep_channel = world.channels.index(r.channel)
            if (route[out.rep_channel] < 0).any():
                raise SimlabError(
                    _("the repeats come back on «{channel}», but no queue of that channel "
                      "takes every segment and reason: add a queue with no reasons "
                      "(a catch-all) to the care model").format(channel=r.channel),
                    key="procedures.repeats.channel")
    out.esc_of_queue = [-1] * len(q_ids)
    for e in pr.escalation:
        for j, r_id in enumerate(e.reasons):
            if r_id not in world.reasons:
                raise SimlabError(_("unknown reason «{value}»; allowed: {allowed}").format(
                    value=r_id, allowed=", ".join(world.reasons)),
                    key=f"procedures.escalation.reasons.{j}")
        for q in e.from_queues:
            if out.esc_of_queue[q_ids.index(q)] < 0:
                out.esc_of_queue[q_ids.index(q)] = len(out.esc_rules)
        reasons = frozenset(world.reasons.index(r_id) for r_id in e.reasons)
        out.esc_rules.append((q_ids.index(e.to), e.share, e.resolve, e.sla_h * 3600.0,
                              reasons))
    if pr.escalation:
        rng = stream(seed, "escalation")
        out.esc_u = rng.random(n)
        out.esc_resolve = rng.random(n)
        out.esc_h = np.concatenate([draw(e.handle_s, stream(seed, f"escalation:{i}"), n)
                                    for i, e in enumerate(pr.escalation)]).reshape(-1, n)
    out.reserve = [{} for _t in t_ids]
    out.reserve_prof = [{} for _t in t_ids]
    for r in pr.reserve:
        tm, q = t_ids.index(r.team), q_ids.index(r.queue)
        out.reserve[tm][q] = -1 if r.above is None else r.above
        out.reserve_prof[tm][q] = r.proficiency
    # outsourcing and campaigns may change by segment (a plan by rounds, segment_procs)
    segs = Segments((plan,), world.days) if segments is None else segments
    out.out_seg_s = INF if segments is None else segments.days * DAY
    for rules, prices in (outsourcing_rules(p, q_ids) for p in segs.plans):
        out.out_by_seg.append(rules)
        out.out_price_by_seg.append(prices)
    # per queue, the first rule in force in any segment (None: the queue is never outsourced)
    out.outsource = [next((r[q] for r in out.out_by_seg if r[q] is not None), None)
                     for q in range(len(q_ids))]
    if any(r is not None for r in out.outsource):
        out.out_u = stream(seed, "outsourcing").random(n)
    if segments is None:
        out.campaigns = [campaign_calls(world, camp, seed, t_ids) for camp in pr.campaigns]
    else:
        out.campaigns = campaigns_by_segment(world, segments, seed, t_ids)
    if pr.replies is not None:
        _prepare_replies(world, pr, seed, out)
    return out


def _prepare_replies(world: World, pr: Procedures, seed: int, out: ProcInputs) -> None:
    """The customers' replies: on which channels (deferred only), and per original
    contact, repeat generation and exchange whether the customer replies, after how
    long, and the reply's own chance of resolution (stream «replies»)."""
    r = pr.replies
    kinds = {c.id: c.kind for c in world.scenario.channels}
    names = r.channels or [ch for ch in world.channels if kinds[ch] == "deferred"]
    for j, ch in enumerate(names):
        if kinds[ch] != "deferred":
            raise SimlabError(
                _("the customers reply to tickets only on deferred channels; «{channel}» "
                  "is real-time").format(channel=ch), key=f"procedures.replies.channels.{j}")
    n = len(world.contacts)
    shape = (n, out.max_repeats + 1, r.max_exchanges - 1)
    size = int(np.prod(shape))
    rng = stream(seed, "replies")
    out.max_exchanges, out.reply_share = r.max_exchanges, r.share
    out.reply_on = [ch in names for ch in world.channels]
    out.reply_u = rng.random(shape)
    out.reply_delay = draw(r.delay_s, rng, size).reshape(shape)
    out.reply_resolve = rng.random(shape)


def due_times(intervals: np.ndarray, start: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """The moment `seconds` business seconds after each `start` (inf beyond the calendar)."""
    if len(intervals) == 0:
        return np.full(np.shape(start), INF)
    lengths = intervals[:, 1] - intervals[:, 0]
    before = np.concatenate([[0.0], np.cumsum(lengths)])
    target = business_seconds(intervals, start) + seconds
    k = np.searchsorted(before, target, side="left") - 1  # the interval where it is reached
    k = np.clip(k, 0, len(intervals) - 1)
    at = intervals[k, 0] + (target - before[k])
    return np.where(target > before[-1], INF, at)


class LoopProcs:
    """The procedures' side of the loop: the rows it adds and the decisions it asks.

    `rows` holds the loop's per-row buffers by name (they grow together); `events` collects
    (time, kind, row) for the loop to push on its heap."""

    def __init__(self, world: World, inp: ProcInputs, rows: dict, lvl_of) -> None:
        c = world.contacts
        self.inp = inp
        self.horizon = world.horizon_s  # nothing is made that would start after the run
        # may a service lead on
        self.follows = inp.max_repeats > 0 or bool(inp.esc_rules) or inp.max_exchanges > 0
        self.rows = rows
        self.lvl_of = lvl_of  # (queue, priority) → index of the level in the queue
        self.kind = [CONTACT] * inp.n
        self.orig = list(range(inp.n))  # the world's contact a row is about
        self.parent = [-1] * inp.n  # the row a repeat or a task comes from
        self.gen = [0] * inp.n  # repeats so far in the chain
        self.extra = [0] * inp.n  # the rule or the campaign of a task or a call
        self.created = c.arrival_s.tolist()  # when a row arrived, or a task was made
        self.u_res = c.u_resolve.tolist()
        self.resolved = bytearray(inp.n)
        self.outsourced = bytearray(inp.n)
        self.task_of: dict[int, int] = {}  # contact row → its escalation task row
        self.thread = list(range(inp.n))  # the first row of a row's ticket (itself if first)
        self.exchange = [0] * inp.n  # responses before this row in its ticket
        self.awaits = bytearray(inp.n)  # 1: after its response the customer replies
        self.channel = c.channel.tolist()
        self.segment = c.segment
        self.reason = c.reason.tolist()
        self.priority = c.priority
        self.events: list[tuple[float, int, int]] = []
        self.camp_queue: list[int] = []  # loop queue index of each campaign

    def new_row(self, kind: int, orig: int, parent: int, queue: int, hb: float, level: int,
                gone: float, u_res: float, created: float) -> int:
        """Append a row to every buffer of the loop and of the procedures."""
        rw = self.rows
        j = len(self.kind)
        for name in ("outcome", "agent"):
            rw[name].append(0)
        for name in ("start_s", "handle_s", "end_s", "callback_s"):
            rw[name].append(0.0)
        rw["callback_s"][j] = float("nan")
        rw["arr"].append(created)
        rw["queued"].append(created)
        rw["pat"].append(rw["pat"][orig])
        rw["gone"].append(gone)
        rw["hb"].append(hb)
        rw["cq"].append(queue)
        rw["ivr"].append(0.0)
        rw["attempts"].append(1)
        rw["u_cb"].append(rw["u_cb"][orig])
        rw["lvl"].append(level)
        self.kind.append(kind)
        self.orig.append(orig)
        self.parent.append(parent)
        self.gen.append(self.gen[parent] + (kind == REPEAT) if parent >= 0 else 0)
        self.extra.append(0)
        self.created.append(created)
        self.u_res.append(u_res)
        self.resolved.append(0)
        self.outsourced.append(0)
        self.channel.append(self.channel[orig] if kind != CALL else -1)
        self.thread.append(j)
        self.exchange.append(0)
        self.awaits.append(0)
        return j

    def add_campaign_calls(self) -> None:
        """Every campaign call as a row, its arrival an event."""
        for ci, (_cid, _ch, _teams, times, expiry, work, _reached) in enumerate(
                self.inp.campaigns):
            q = self.camp_queue[ci]
            for t, until, w in zip(times, expiry, work, strict=True):
                j = self.new_row(CALL, 0, -1, q, w, 0, until, 1.0, t)
                self.extra[j] = ci
                self.events.append((t, 0, j))

    def resolves(self, i: int, prof: float) -> bool:
        """Whether row `i`, served at proficiency `prof`, is resolved (the contact table's
        rule for contacts; the rule's chance for tasks; reached for campaign calls)."""
        k = self.kind[i]
        if k == TASK:
            rule = self.inp.esc_rules[self.extra[i]]
            return self.u_res[i] < rule[2] * min(prof, 1.0)
        if k == CALL:
            ci = self.extra[i]
            return bool(self.inp.campaigns[ci][6][self._call_index(i)])
        fcr = self.inp.fcr[self.reason[self.orig[i]]]
        return self.u_res[i] < fcr * min(prof, 1.0)

    def _call_index(self, i: int) -> int:
        # campaign calls are made first, campaign after campaign, from row n on
        base = self.inp.n
        for ci in range(self.extra[i]):
            base += len(self.inp.campaigns[ci][3])
        return i - base

    def served(self, i: int, prof: float, end: float, outsourced: bool = False) -> bool:
        """Row `i` is served (in house at `prof`, or outsourced: `prof` is then the
        outsourcer's FCR factor) and ends at `end`: record whether it was resolved, and
        what follows: an escalation task or a repeat. True if events wait in `events`."""
        k = self.kind[i]
        if outsourced:
            self.outsourced[i] = 1
            ok = self.u_res[i] < self.inp.fcr[self.reason[self.orig[i]]] * prof
        elif k <= REPEAT and not self.follows:
            return False  # nothing can follow; the contact table finds `resolved` itself
        elif k <= REPLY and self.inp.max_exchanges and self._reply(i, end):
            return bool(self.events)  # the ticket stays open: the customer replies
        else:
            ok = self.resolves(i, prof)
        self.resolved[i] = ok
        if ok or k == CALL:
            return False
        if k == TASK:  # L2 did not resolve it: the customer may come back
            self._repeat(self.parent[i], end)
            return bool(self.events)
        o = self.orig[i]
        inp = self.inp
        base_q = self.rows["cq"][i]
        rule_i = inp.esc_of_queue[base_q] if base_q < len(inp.esc_of_queue) else -1
        if rule_i >= 0 and end < self.horizon:
            to, share, _res, _sla, reasons = inp.esc_rules[rule_i]
            if (not reasons or self.reason[o] in reasons) and inp.esc_u[o] < share:
                lv = self.lvl_of(to, int(self.priority[o]))
                j = self.new_row(TASK, o, i, to, float(inp.esc_h[rule_i][o]), lv, INF,
                                 float(inp.esc_resolve[o]), end)
                self.extra[j] = rule_i
                self.task_of[i] = j
                self.events.append((end, 1, j))
                return True
        self._repeat(i, end)
        return bool(self.events)

    def _repeat(self, i: int, end: float) -> None:
        inp = self.inp
        g = self.gen[i]
        if g >= inp.max_repeats:
            return
        o = self.orig[i]
        if inp.rep_u[o, g] >= inp.rep_share:
            return
        ch = self.channel[i] if inp.rep_channel < 0 else inp.rep_channel
        q = int(inp.route[ch, self.segment[o], self.reason[o]])
        lv = self.lvl_of(q, int(self.priority[o]))
        at = end + float(inp.rep_delay[o, g])
        if at >= self.horizon:
            return
        j = self.new_row(REPEAT, o, i, q, self.rows["hb"][o], lv, INF,
                         float(inp.rep_resolve[o, g]), at)
        self.channel[j] = ch
        self.events.append((at, 2, j))

    def _reply(self, i: int, end: float) -> bool:
        """Whether the customer replies to the response that ends ticket row `i` at
        `end`; if the reply falls within the run it becomes a row of the same ticket,
        queued for a next response (no IVR, no patience, the original's handling)."""
        inp = self.inp
        x = self.exchange[i]
        ch = self.channel[i]
        if x + 1 >= inp.max_exchanges or ch < 0 or not inp.reply_on[ch]:
            return False
        o = self.orig[i]
        g = self.gen[i]
        if inp.reply_u[o, g, x] >= inp.reply_share:
            return False
        self.awaits[i] = 1
        at = end + float(inp.reply_delay[o, g, x])
        if at >= self.horizon:  # still waiting for the customer when the run ends
            return True
        q = self.rows["cq"][i]
        j = self.new_row(REPLY, o, i, q, self.rows["hb"][o], self.rows["lvl"][i], INF,
                         float(inp.reply_resolve[o, g, x]), at)
        self.channel[j] = ch
        self.thread[j] = self.thread[i]
        self.exchange[j] = x + 1
        self.events.append((at, 1, j))
        return True

    def drain(self) -> list[tuple[float, int, int]]:
        ev, self.events = self.events, []
        return ev

    # outsourcing: the rule in force when row `i` arrived (it may change by segment)
    def out_rule(self, i: int, q: int) -> tuple | None:
        by_seg = self.inp.out_by_seg
        if len(by_seg) == 1:  # one plan: no lookup by time
            return by_seg[0][q]
        return by_seg[min(int(self.created[i] // self.inp.out_seg_s), len(by_seg) - 1)][q]

    def outsource_share(self, i: int, q: int) -> bool:
        rule = self.out_rule(i, q)
        return rule is not None and rule[0] >= 0 and self.inp.out_u[self.orig[i]] < rule[0]

    def overflows(self, i: int, q: int) -> bool:
        """Whether the rule in force for row `i` sends it out above a waiting count."""
        rule = self.out_rule(i, q)
        return rule is not None and rule[1] >= 0

    def outsource_over(self, i: int, q: int, waiting: int) -> bool:
        rule = self.out_rule(i, q)
        return rule is not None and rule[1] >= 0 and waiting >= rule[1]
