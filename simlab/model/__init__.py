"""Schemas of the files users write, and their loading with located Italian errors."""

from simlab.model.care import CareModel, Queue
from simlab.model.plan import OperationsPlan, Shift, Team
from simlab.model.scenario import Channel, Reason, Scenario, Segment

__all__ = [
    "CareModel",
    "Channel",
    "OperationsPlan",
    "Queue",
    "Reason",
    "Scenario",
    "Segment",
    "Shift",
    "Team",
]
