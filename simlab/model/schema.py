"""The JSON Schema of the files, as the loader reads them (for editors and validators).

pydantic's schema is taken in validation mode (what is accepted, not what is printed), the
custom types describe their YAML form (see `common.Window`), and every description is
Italian (or English with --lang en): pydantic's English titles and docstrings are dropped.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from simlab.i18n import _
from simlab.model.plan_cases import SCHEMA_KEYS as CASES_KEYS


def N_(text: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a msgid for extraction; translated when the schema is built."""
    return text


# What each object is, by its name in the schema's $defs.
OBJECTS = {
    "Scenario": N_("A scenario: the company, its customers, the reasons and channels of "
                   "contact, the demand and the costs."),
    "CareModel": N_("A care model: positioning, service catalogue, queues, opening hours, "
                    "access (IVR, capacity, callbacks), SLAs and expected results."),
    "CoreService": N_("A core service: what the customers are offered, for whom, on which "
                      "channels, for which reasons, at what cost."),
    "SupportActivity": N_("A supporting activity (market survey, proactive notice, "
                          "knowledge-base upkeep...): its cost and expected effect."),
    "IvrMenu": N_("The IVR menu of a real-time channel: every caller starts at the first "
                  "level."),
    "IvrLevel": N_("A level of the IVR menu: a message and its options."),
    "IvrOption": N_("An IVR option: the reasons that choose it, its time, the share it "
                    "resolves by self-service, and where it leads (a deeper level or a queue)."),
    "CallbackOffer": N_("Callback offer: when the wait passes the threshold, a share of the "
                        "callers accept to be called back later, within the callback's SLA."),
    "Retrials": N_("Callers who abandoned or found the line busy and call again."),
    "SkillGroup": N_("A skill group: the queues it covers and its tier (L1 or L2)."),
    "RealtimeSla": N_("SLA of a real-time channel for one priority: share within T seconds, "
                      "maximum abandonment, ASA."),
    "TicketSla": N_("SLA of a deferred channel for one priority, in business hours: first "
                    "response, next response, resolution."),
    "KpiGoal": N_("An expected result: a KPI, its formula variant and its target."),
    "OperationsPlan": N_("An operations plan: teams, their skills, shifts and breaks."),
    "Calendar": N_("The simulated period."),
    "Company": N_("The company."),
    "Segment": N_("A customer segment."),
    "Reason": N_("A reason for contact."),
    "ReasonTexts": N_("Templates of what customers write; the names in braces are filled "
                      "per contact."),
    "Channel": N_("A contact channel."),
    "Demand": N_("How many contacts arrive, on which channels and when."),
    "DemandEvent": N_("A day with more (or fewer) contacts than usual."),
    "Costs": N_("Costs of the channels and of the structure, in euro."),
    "Text": N_("A text in Italian (it), optionally in English (en)."),
    "Exponential": N_("Exponential distribution, given its mean."),
    "Lognormal": N_("Lognormal distribution, given mean and coefficient of variation (cv)."),
    "Gamma": N_("Gamma distribution, given mean and coefficient of variation (cv)."),
    "Constant": N_("Always the same value."),
    "Empirical": N_("Values drawn at random from the list."),
    "Queue": N_("A queue: the contacts of one channel, of some reasons and segments."),
    "Window": N_("Opening hours: these days, from this time to that time."),
    "ServiceTarget": N_("Service level (SL) target: this share answered within the threshold."),
    "TicketTarget": N_("Targets of deferred contacts (tickets), in hours."),
    "KpiTargets": N_("Expected results of the care model: each target is optional."),
    "Team": N_("A team of operators."),
    "Shift": N_("A shift: days, hours and how many operators work it."),
    "Break": N_("A break within a shift."),
    "PlanBudget": N_("Budget lines beyond the operators' hours, per month, in euro; each "
                     "absent line costs nothing."),
    "TeamLeaders": N_("Team leaders: one for so many operators, with their cost."),
}

# The keys worth a word, by object and key.
KEYS = {
    ("Scenario", "id"): N_("Identifier: lowercase letters, digits, - and _."),
    ("Scenario", "seed"): N_("Random seed: the same seed gives the same simulation."),
    ("Calendar", "start"): N_("First simulated day (YYYY-MM-DD)."),
    ("Calendar", "days"): N_("Number of simulated days, 1 to 3660."),
    ("Calendar", "holidays"): N_("Holidays (YYYY-MM-DD)."),
    ("Segment", "share"): N_("Share of the customers, 0 to 1."),
    ("Segment", "value_eur"): N_("Yearly revenue of one customer, in euro."),
    ("Segment", "channel_preference"): N_("Share of contacts per channel, summing to 1."),
    ("Segment", "patience"): N_("How long a customer waits before abandoning, per channel."),
    ("Reason", "fcr"): N_("Chance of resolution at first contact, 0 to 1."),
    ("Reason", "handle"): N_("Handling time per channel, in seconds."),
    ("Reason", "priority"): N_("Priority of the reason, 1 to 5."),
    ("Channel", "kind"): N_("realtime (phone, chat: the customer waits on line) or deferred "
                            "(email, web form: a ticket)."),
    ("Channel", "concurrency"): N_("Contacts one operator handles at once (real-time only)."),
    ("Demand", "volume_per_weekday"): N_("Contacts on an average Monday-Friday."),
    ("Demand", "weekday_factors"): N_("Seven factors, Monday to Sunday."),
    ("Demand", "channel_mix"): N_("Share of contacts per channel, summing to 1."),
    ("Demand", "intraday"): N_("Per channel, 24 (hourly) or 96 (quarter-hourly) shares "
                               "summing to 1."),
    ("Costs", "per_minute"): N_("Connection cost (wait + handling) per minute, per channel."),
    ("Costs", "per_contact"): N_("Cost per contact, per channel."),
    ("Costs", "overhead_per_day"): N_("Fixed costs per day."),
    ("CareModel", "scenario"): N_("The id of the scenario this care model is for."),
    ("CareModel", "opening_hours"): N_("Opening hours per channel."),
    ("CareModel", "service_level"): N_("Service level (SL) target per real-time channel."),
    ("CareModel", "tickets"): N_("Targets per deferred channel."),
    ("CareModel", "deferred_work"): N_("When deferred contacts are worked: after_realtime or "
                                       "by_priority."),
    ("CareModel", "positioning"): N_("Market positioning: cost_leader (low price), value "
                                     "(price in line with the market) or premium (high-touch "
                                     "service); absent: not stated."),
    ("CareModel", "target_segments"): N_("Segments the care model is designed for (ids of the "
                                         "scenario's segments); empty: every segment."),
    ("CareModel", "kpi_targets"): N_("Expected results: ASA, abandonment, FCR, CSAT, NPS and "
                                     "cost per contact targets; absent: none stated."),
    ("CareModel", "budget_per_month_eur"): N_("Monthly budget of the care service, in euro; "
                                              "absent: none stated."),
    ("CareModel", "services"): N_("Core services of the catalogue."),
    ("CareModel", "support_activities"): N_("Complementary and supporting activities, each "
                                            "with its monthly cost."),
    ("CareModel", "open_on_holidays"): N_("Channels open on the scenario's holidays (with "
                                          "their weekday hours); the others are closed."),
    ("CareModel", "closed_days"): N_("More days (YYYY-MM-DD) on which every channel is "
                                     "closed."),
    ("CareModel", "ivr"): N_("IVR menu per real-time channel; absent: callers reach the "
                             "queue at once."),
    ("CareModel", "realtime_sla"): N_("SLA rules of real-time channels by priority; a rule "
                                      "with no priority covers the others."),
    ("CareModel", "ticket_sla"): N_("SLA rules of deferred channels by priority, in business "
                                    "hours."),
    ("CareModel", "skill_groups"): N_("Skill groups and tiers (L1, L2), as data of the "
                                      "design."),
    ("CareModel", "expected_results"): N_("Expected results: KPI targets, each naming its "
                                          "formula variant."),
    ("CoreService", "features"): N_("Distinctive features of the service."),
    ("CoreService", "quality"): N_("Quality level: basic, standard or premium."),
    ("CoreService", "segments"): N_("Target segments; empty: every segment."),
    ("CoreService", "channels"): N_("Channels the service is delivered on."),
    ("CoreService", "reasons"): N_("Reasons for contact the service answers."),
    ("CoreService", "cost_per_month_eur"): N_("Cost per month, in euro."),
    ("SupportActivity", "kind"): N_("Kind: market_survey, marketing_research, "
                                    "proactive_notice, knowledge_base, quality_monitoring, "
                                    "training or other."),
    ("SupportActivity", "cost_per_month_eur"): N_("Cost per month, in euro."),
    ("SupportActivity", "effect"): N_("The effect expected of the activity, in words."),
    ("IvrLevel", "prompt_s"): N_("Seconds of the message before the options."),
    ("IvrOption", "time_s"): N_("Seconds a caller spends on this option."),
    ("IvrOption", "reasons"): N_("Reasons that choose this option; empty: every reason not "
                                 "named by another option of the level."),
    ("IvrOption", "self_service"): N_("Share of the callers resolved here by self-service, "
                                      "0 to 1: they leave without an operator."),
    ("IvrOption", "next"): N_("Id of the deeper level this option leads to."),
    ("IvrOption", "queue"): N_("Queue this option routes to; absent: the routing of the "
                               "queues."),
    ("Queue", "capacity"): N_("Callers that can wait at most; the next one hears the busy "
                              "signal. Absent: no limit."),
    ("Queue", "callback"): N_("Callback offer of this queue; absent: none."),
    ("Queue", "retrials"): N_("Callers who call again after abandoning or a busy signal; "
                              "absent: nobody calls again."),
    ("Queue", "concurrency"): N_("Chats one operator handles at once on this queue; absent: "
                                 "the channel's."),
    ("Queue", "tier"): N_("Tier of the queue: L1 (front office) or L2 (specialists)."),
    ("CallbackOffer", "when"): N_("expected_wait (on entering the queue) or wait (after "
                                  "waiting so long)."),
    ("CallbackOffer", "threshold_s"): N_("Wait, in seconds, from which the callback is "
                                         "offered."),
    ("CallbackOffer", "accept"): N_("Share of the callers offered a callback who accept, "
                                    "0 to 1."),
    ("CallbackOffer", "within_s"): N_("SLA of the callback: made within this many seconds "
                                      "of the request."),
    ("CallbackOffer", "target"): N_("Share of callbacks to make within the SLA, 0 to 1."),
    ("Retrials", "share"): N_("Share of the callers who call again, 0 to 1."),
    ("Retrials", "delay_s"): N_("Delay before calling again, in seconds."),
    ("Retrials", "max_attempts"): N_("Calls in all, the first included, 2 to 10."),
    ("SkillGroup", "tier"): N_("L1 (front office) or L2 (specialists)."),
    ("RealtimeSla", "priority"): N_("Priority of the contacts (0 to 9); absent: every "
                                    "priority without a rule of its own."),
    ("RealtimeSla", "threshold_s"): N_("Threshold T in seconds."),
    ("RealtimeSla", "target"): N_("Share to answer within T, 0 to 1."),
    ("RealtimeSla", "max_abandon_rate"): N_("Abandonment at most, 0 to 1."),
    ("RealtimeSla", "asa_s"): N_("Average speed of answer at most, in seconds."),
    ("TicketSla", "priority"): N_("Priority of the contacts (0 to 9); absent: every "
                                  "priority without a rule of its own."),
    ("TicketSla", "first_response_h"): N_("First response within, in business hours."),
    ("TicketSla", "next_response_h"): N_("Next response (after a reply of the customer) "
                                         "within, in business hours."),
    ("TicketSla", "resolution_h"): N_("Resolution within, in business hours."),
    ("TicketSla", "warning_at"): N_("Share of a target at which a warning is raised, 0 to 1."),
    ("TicketSla", "pause_on_customer"): N_("The clock stops while the ticket waits for the "
                                           "customer."),
    ("KpiGoal", "kpi"): N_("The KPI (its key, as in «simlab kpi»)."),
    ("KpiGoal", "variant"): N_("The formula variant the KPI is measured with; absent: the "
                               "default formula."),
    ("KpiGoal", "target"): N_("The target value."),
    ("KpiGoal", "direction"): N_("at_least or at_most; absent: the KPI's better direction."),
    ("KpiGoal", "channel"): N_("The channel it applies to; absent: the whole run."),
    ("KpiTargets", "asa_s"): N_("Mean answer time (ASA) of answered contacts, at most, in "
                                "seconds."),
    ("KpiTargets", "abandon_rate"): N_("Abandoned ÷ offered contacts, at most, 0 to 1."),
    ("KpiTargets", "fcr"): N_("First-contact resolution (FCR), at least, 0 to 1."),
    ("KpiTargets", "csat"): N_("CSAT: share of 4 and 5 answers, at least, 0 to 1."),
    ("KpiTargets", "nps"): N_("Net Promoter Score, at least, −100 to 100."),
    ("KpiTargets", "cost_per_contact_eur"): N_("Total cost ÷ contacts handled, at most, in "
                                               "euro."),
    ("OperationsPlan", "budget"): N_("Budget lines beyond the operators' hours: seats, "
                                     "technology, knowledge base, training, team leaders."),
    ("PlanBudget", "seat_cost_per_month"): N_("Cost of one seat (workstation, licences) per "
                                              "month, in euro."),
    ("PlanBudget", "seats"): N_("Seats; absent: the most operators on shift at once."),
    ("PlanBudget", "technology_per_month"): N_("Technology (CRM, telephony platform) per month, "
                                               "in euro."),
    ("PlanBudget", "knowledge_base_per_month"): N_("Upkeep of the knowledge base per month, in "
                                                   "euro."),
    ("PlanBudget", "training_hours_per_agent_per_month"): N_(
        "Hours of training of each operator per month, paid at the team's hourly cost."),
    ("TeamLeaders", "span"): N_("Operators per team leader (span of control), 2 to 50."),
    ("TeamLeaders", "hourly_cost"): N_("Hourly cost of a team leader, in euro."),
    ("TeamLeaders", "hours_per_month"): N_("Paid hours of a team leader per month."),
    ("Queue", "reasons"): N_("Reasons of this queue; empty: every reason not routed "
                             "elsewhere."),
    ("Queue", "segments"): N_("Segments of this queue; empty: every segment."),
    ("Queue", "priority"): N_("1 to 9: higher is served first."),
    ("Window", "days"): N_("Days: «lun-ven», «sab», «tutti» or a list of days."),
    ("Window", "from"): N_("Start time, «HH:MM»."),
    ("Window", "to"): N_("End time, «HH:MM» (up to «24:00»)."),
    ("Shift", "days"): N_("Days: «lun-ven», «sab», «tutti» or a list of days."),
    ("Shift", "from"): N_("Start time, «HH:MM»."),
    ("Shift", "to"): N_("End time, «HH:MM» (up to «24:00»)."),
    ("Shift", "agents"): N_("Operators on this shift."),
    ("ServiceTarget", "threshold_s"): N_("Threshold in seconds."),
    ("ServiceTarget", "target"): N_("Share to answer within the threshold, 0 to 1."),
    ("OperationsPlan", "scenario"): N_("The id of the scenario this plan is for."),
    ("Team", "headcount"): N_("Operators in the team: the sum of its shifts."),
    ("Team", "skills"): N_("Queues the team works, with its proficiency (0.2 to 3)."),
    ("Team", "absence_rate"): N_("Share of absent operators, 0 to under 1."),
    ("Team", "hourly_cost"): N_("Cost of one operator-hour, in euro."),
    ("Break", "after_min"): N_("Minutes after the start of the shift."),
    ("Break", "minutes"): N_("Length of the break, in minutes."),
    ("Break", "spread_min"): N_("Breaks staggered over this many minutes."),
    **CASES_KEYS,
}


def json_schema(cls: type[BaseModel]) -> dict[str, Any]:
    """The schema of `cls` as the loader accepts it, described in the user's language."""
    schema = cls.model_json_schema(mode="validation", by_alias=True)
    _describe(schema, cls.__name__)
    for name, definition in schema.get("$defs", {}).items():
        _describe(definition, name)
    schema["title"] = {"Scenario": _("Scenario"), "CareModel": _("Care model"),
                       "OperationsPlan": _("Operations plan")}.get(cls.__name__, cls.__name__)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def _describe(definition: dict[str, Any], name: str) -> None:
    definition.pop("title", None)
    definition.pop("description", None)
    if name in OBJECTS:
        definition["description"] = _(OBJECTS[name])
    for key, prop in definition.get("properties", {}).items():
        _strip(prop)
        if (name, key) in KEYS:
            prop["description"] = _(KEYS[(name, key)])


def _strip(node: Any) -> None:
    """Drop pydantic's English titles and field descriptions, however deep."""
    if isinstance(node, dict):
        node.pop("title", None)
        node.pop("description", None)
        for value in node.values():
            _strip(value)
    elif isinstance(node, list):
        for value in node:
            _strip(value)
