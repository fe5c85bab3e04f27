"""Satisfaction surveys of customers and staff: the item bank, questionnaires, the simulated answers and their statistics (docs/surveys.md)."""
