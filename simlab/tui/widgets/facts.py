"""Label–value pairs (a scenario's facts, a contact's details) as a two-column grid: the
very table the CLI prints (`cli_output.facts_table`), so both show the same thing."""

from __future__ import annotations

from simlab.cli_output import facts_table

__all__ = ["facts_table"]
