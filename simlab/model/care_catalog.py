"""The service catalogue of a care model (UF1.A3, UF1.A6): the core services the
customers are offered and the supporting activities behind them, each with its cost.

Data for the design, its checks and its deliverable: the engine does not read it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from simlab.model.common import Id, Strict, Text

QUALITY_LEVELS = ("basic", "standard", "premium")
SUPPORT_KINDS = ("market_survey", "marketing_research", "proactive_notice", "knowledge_base",
                 "quality_monitoring", "training", "other")
MAX_COST = 100_000_000  # euro a month: far above any care service, keeps sums finite


class CoreService(Strict):
    """A service offered to customers: what it is, for whom, where, and what it answers."""

    id: Id
    name: Text
    features: list[Text] = Field(default=[], max_length=50)  # what sets it apart
    quality: Literal["basic", "standard", "premium"] = "standard"
    segments: list[str] = []  # empty: every segment
    channels: list[str] = []  # where it is delivered; empty: none stated (a check warns)
    reasons: list[str] = []  # the reasons for contact it answers; empty: none stated
    cost_per_month_eur: float = Field(default=0, ge=0, le=MAX_COST)


class SupportActivity(Strict):
    """A complementary or supporting activity (market survey, proactive notice,
    knowledge-base upkeep...): its cost and the effect expected of it, in words."""

    id: Id
    name: Text
    kind: Literal["market_survey", "marketing_research", "proactive_notice", "knowledge_base",
                  "quality_monitoring", "training", "other"]
    cost_per_month_eur: float = Field(default=0, ge=0, le=MAX_COST)
    effect: Text | None = None
