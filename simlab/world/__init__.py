"""Synthetic demand and people: customers, contacts and their texts (Faker it_IT)."""

from simlab.world.build import build
from simlab.world.world import Contacts, World

__all__ = ["Contacts", "World", "build"]
