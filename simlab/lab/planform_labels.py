"""The names for people of the operations plan's procedure and staffing fields (the plan
editor, `h`): the parts of the schema the care model's table (`careform.field_label`)
does not name. Without them the editor showed the keys themselves, in English."""

from __future__ import annotations

from simlab.i18n import _


def plan_labels() -> dict[str, str]:
    """Key → label, translated when called."""
    return {
        # staff: contracts, individual agents, leaders, reserve skills
        "contract": _("Contract"), "contracts": _("Contracts"), "leaders": _("Team leaders of the team"),
        "week": _("Week pattern"), "weekly_hours": _("Weekly hours"), "window": _("Window"),
        "start": _("Start"), "end": _("End"), "training": _("Training"),
        "proficiency": _("Proficiency"), "reserve": _("Reserve skill"),
        "above": _("Only above (contacts in queue)"), "team": _("Team"),
        # procedures: escalation, repeats, outsourcing, outbound campaigns
        "procedures": _("Procedures"), "escalation": _("Escalation"), "sla_h": _("SLA (h)"),
        "resolve": _("Resolved share"), "repeats": _("Repeat contacts"),
        "max_repeats": _("Maximum repeats"), "outsourcing": _("Outsourcing"),
        "price_per_contact": _("Price per contact (€)"), "campaigns": _("Outbound campaigns"),
        "calls_per_day": _("Calls per day"), "contact_rate": _("Contact rate (share)"),
        "attempt_s": _("Time per attempt (s)"), "handle_s": _("Handle time (s)"),
        "replies": _("Customer replies to tickets"),
        "max_exchanges": _("Maximum messages per ticket"),
        # cases: complaints (ISO 10002), consumer law, notices, knowledge base
        "cases": _("Cases: complaints, consumer law, notices, knowledge base"),
        "complaints": _("Complaints (ISO 10002)"), "sector": _("Sector"),
        "deadline_days": _("Legal deadline (days)"),
        "auto_acknowledgement": _("Automatic acknowledgement"),
        "acknowledgement": _("Acknowledgement"), "assessment": _("Assessment"),
        "investigation": _("Investigation"), "response": _("Response"),
        "target_days": _("Target (days)"), "closure_days": _("Closure after the reply (days)"),
        "back_office": _("Back office"), "staff": _("People"), "start_h": _("Opens at (hour)"),
        "hours_per_day": _("Hours per day"), "compensation": _("Automatic compensation"),
        "fixed": _("Fixed (€)"), "per_day": _("Per day late (€)"), "cap": _("Cap (€)"),
        "tiers": _("Tiers (×2, ×3)"), "conciliation": _("Conciliation (chance)"),
        "conciliation_cost": _("Cost of a conciliation (€)"),
        "churn": _("Churn (chance)"), "on_time": _("On time"), "late": _("Late"),
        "consumer_law": _("Consumer Code requests"), "reason": _("Reason"),
        "decision": _("Decision"), "verify_minutes": _("Check (min)"),
        "max_days_since_delivery": _("Days since delivery, at most"),
        "defect_share": _("Share with a conformity defect"),
        "wrong_accept_cost": _("Cost of a wrong acceptance (€)"),
        "complaint_after_days": _("Complaint after (days)"),
        "notices": _("Proactive notices"), "avoided_share": _("Share of contacts avoided"),
        "recipients": _("Recipients"), "cost_per_notice": _("Cost per notice (€)"),
        "knowledge_base": _("Knowledge base"), "level": _("Level"),
        "cost_per_month": _("Cost per month (€)"), "fcr_factor": _("FCR factor"),
        "handle_factor": _("Handle time factor"),
    }
