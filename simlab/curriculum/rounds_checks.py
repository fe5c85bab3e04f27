"""The `rounds` check: a game of decision rounds played from the trainee's weekly plans
(the lab plays it and hands the states of the weeks over: `Work.play_rounds`)."""

from __future__ import annotations

from simlab import fmt
from simlab.errors import SimlabError
from simlab.i18n import _, ngettext

EPSILON = 1e-9


def judge(check, work) -> str | None:
    """None when every week meets the check, else which weeks do not and why."""
    if work.play_rounds is None:
        return _("The rounds of this exercise cannot be played here.")
    try:
        states = work.play_rounds(tuple(check.plans))
    except SimlabError as e:
        return _("Your rounds could not be played: {error}.").format(error=e)
    problems = []
    if check.sl_at_least is not None:
        low = [s["round"] for s in states
               if (s["kpis"]["service_level_by_channel"].get(check.channel) or 0.0)
               < check.sl_at_least - EPSILON]
        if low:
            problems.append(ngettext(
                "In week {weeks} the service level of «{channel}» is below {target}.",
                "In weeks {weeks} the service level of «{channel}» is below {target}.",
                len(low)).format(weeks=", ".join(map(str, low)), channel=check.channel,
                                 target=fmt.percent(check.sl_at_least)))
    if check.within_budget:
        over = [s["round"] for s in states
                if s["costs"]["total"] > check.budget_per_week_eur + EPSILON]
        if over:
            problems.append(ngettext(
                "In week {weeks} the cost is over the weekly budget of {budget}.",
                "In weeks {weeks} the cost is over the weekly budget of {budget}.",
                len(over)).format(weeks=", ".join(map(str, over)),
                                  budget=fmt.euro(check.budget_per_week_eur)))
    if check.complaints_on_time_at_least is not None:
        problems += _complaints(check, states)
    return " ".join(problems) if problems else None


def _complaints(check, states: list[dict]) -> list[str]:
    """The weeks whose complaint cases were not handled on time often enough (a week
    without a complaint procedure cannot pass: the check needs one)."""
    if any("complaints" not in s for s in states):
        return [_("Your plans have no complaint procedure (cases.complaints): keep the one "
                  "of the starting plan.")]
    low = [s["round"] for s in states
           if (s["complaints"]["on_time_share"] or 0.0)
           < check.complaints_on_time_at_least - EPSILON]
    if not low:
        return []
    return [ngettext(
        "In week {weeks} less than {target} of the complaints were handled on time.",
        "In weeks {weeks} less than {target} of the complaints were handled on time.",
        len(low)).format(weeks=", ".join(map(str, low)),
                         target=fmt.percent(check.complaints_on_time_at_least))]
