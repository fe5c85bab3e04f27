"""The words every layer shares about a contact: the kinds of channel and the outcomes a
contact can end with. Defined once here; the engine writes the codes, the contact table
stores the names, and the KPIs and the live view read them back."""

from __future__ import annotations

from typing import Literal

# Channel kinds: a real-time contact (phone, chat) waits on line and may abandon; a
# deferred one (email, social, web form) is a ticket worked in business hours.
REALTIME = "realtime"
DEFERRED = "deferred"
CHANNEL_KINDS = (REALTIME, DEFERRED)
ChannelKind = Literal["realtime", "deferred"]

# Outcomes, by code (the engine's int8 records) and by name (the `outcome` column).
OPEN, ANSWERED, ABANDONED, OUT_OF_HOURS = 0, 1, 2, 3
OUTCOMES = ("open", "answered", "abandoned", "out_of_hours")
# Only a run whose care model uses the access parts (IVR, queue capacity) can end a
# contact so; its `outcome` column has these two categories more (docs/data-dictionary.md).
SELF_SERVICE, BUSY = 4, 5
OUTCOMES_ACCESS = (*OUTCOMES, "self_service", "busy")
