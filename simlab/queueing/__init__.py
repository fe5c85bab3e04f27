"""Analytic queueing models: Erlang B, C and A, and staffing to a service level.

Pure functions of numbers (numpy and scipy only): no I/O, no printing. Bad arguments
raise ValueError with an English message, which callers translate.
"""

from simlab.queueing.erlang import QueueMetrics, erlang_b, erlang_c, erlang_c_metrics
from simlab.queueing.erlang_a import erlang_a_metrics
from simlab.queueing.staffing import agents_for_service_level

__all__ = [
    "QueueMetrics",
    "agents_for_service_level",
    "erlang_a_metrics",
    "erlang_b",
    "erlang_c",
    "erlang_c_metrics",
]
