"""The customer pool: Faker (it_IT) is called once for a few hundred names and towns;
each customer is a combination picked by a fixed hash of its number, so that a million
customers cost no more than a thousand and nothing per customer is stored.

Faker's set-up costs a quarter of a second, so the names are drawn only when a customer
is first described (a run's tables never name anyone): the same seed gives the same
names whenever they are drawn."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from simlab.world.streams import mix64

# Comuni of Campania with their province, for the region's scenarios (weights ~ population).
CAMPANIA_TOWNS = [
    ("Napoli", "NA", 30), ("Salerno", "SA", 6), ("Giugliano in Campania", "NA", 5),
    ("Torre del Greco", "NA", 4), ("Pozzuoli", "NA", 3), ("Casoria", "NA", 3),
    ("Caserta", "CE", 3), ("Castellammare di Stabia", "NA", 3), ("Afragola", "NA", 3),
    ("Benevento", "BN", 3), ("Avellino", "AV", 2), ("Marano di Napoli", "NA", 2),
    ("Acerra", "NA", 2), ("Portici", "NA", 2), ("Ercolano", "NA", 2), ("Aversa", "CE", 2),
    ("Battipaglia", "SA", 2), ("Cava de' Tirreni", "SA", 2), ("Scafati", "SA", 2),
    ("Nocera Inferiore", "SA", 2), ("Torre Annunziata", "NA", 2), ("Casalnuovo di Napoli", "NA", 2),
    ("San Giorgio a Cremano", "NA", 2), ("Eboli", "SA", 2), ("Pomigliano d'Arco", "NA", 2),
    ("Nola", "NA", 1), ("Sorrento", "NA", 1), ("Marcianise", "CE", 1), ("Maddaloni", "CE", 1),
    ("Angri", "SA", 1), ("Pagani", "SA", 1), ("Sarno", "SA", 1), ("Ariano Irpino", "AV", 1),
    ("Agropoli", "SA", 1), ("Capua", "CE", 1), ("Mondragone", "CE", 1), ("Ischia", "NA", 1),
    ("Amalfi", "SA", 1), ("Sala Consilina", "SA", 1), ("Sant'Agata de' Goti", "BN", 1),
]
EMAIL_DOMAINS = ["gmail.com", "libero.it", "virgilio.it", "hotmail.it", "outlook.it", "alice.it",
                 "tiscali.it", "yahoo.it", "tin.it", "fastwebnet.it"]


@dataclass(frozen=True)
class CustomerPool:
    """Customers 0 … n-1, in segment blocks: segment s owns [starts[s], starts[s+1])."""

    seed: int
    size: int
    starts: np.ndarray
    region: str = "Campania"

    @cached_property
    def _names(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...],
                              np.ndarray]:
        return draw_names(self.seed, self.region)

    @property
    def first_names(self) -> tuple[str, ...]:
        return self._names[0]

    @property
    def last_names(self) -> tuple[str, ...]:
        return self._names[1]

    @property
    def towns(self) -> tuple[tuple[str, str], ...]:
        return self._names[2]

    @property
    def town_weights(self) -> np.ndarray:
        return self._names[3]

    def segment_of(self, customer: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.starts, customer, side="right") - 1

    def attributes(self, customer: np.ndarray) -> dict[str, np.ndarray]:
        """Index arrays (first name, last name, town) of the given customers."""
        c = np.asarray(customer, dtype=np.int64)
        h1 = mix64(c, self.seed * 3 + 1)
        h2 = mix64(c, self.seed * 3 + 2)
        h3 = mix64(c, self.seed * 3 + 3)
        cum = np.cumsum(self.town_weights)
        u = (h3 >> np.uint64(11)).astype(np.float64) / float(1 << 53)
        return {
            "first": (h1 % np.uint64(len(self.first_names))).astype(np.int64),
            "last": (h2 % np.uint64(len(self.last_names))).astype(np.int64),
            "town": np.searchsorted(cum, u * cum[-1], side="right").clip(0, len(self.towns) - 1),
        }

    def describe(self, customer: int) -> dict[str, str]:
        a = self.attributes(np.array([customer]))
        first = self.first_names[int(a["first"][0])]
        last = self.last_names[int(a["last"][0])]
        town, province = self.towns[int(a["town"][0])]
        domain = EMAIL_DOMAINS[customer % len(EMAIL_DOMAINS)]
        return {
            "codice_cliente": customer_code(customer),
            "nome": first,
            "cognome": last,
            "comune": town,
            "provincia": province,
            "email": f"{_ascii(first)}.{_ascii(last)}{customer % 89}@{domain}",
        }


def customer_code(customer: int) -> str:
    return f"CL{customer + 1:08d}"


def build_pool(seed: int, size: int, shares: list[float], region: str) -> CustomerPool:
    counts = _split(size, shares)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    return CustomerPool(seed, int(counts.sum()), starts, region)


def draw_names(seed: int, region: str) -> tuple[tuple[str, ...], tuple[str, ...],
                                                 tuple[tuple[str, str], ...], np.ndarray]:
    """First names, last names, towns and town weights: Faker's draws in a fixed order."""
    from faker import Faker  # a quarter of a second: only when a customer is named

    fake = Faker("it_IT")
    fake.seed_instance(seed)
    first = sorted({fake.first_name() for _ in range(600)})
    last = sorted({fake.last_name() for _ in range(900)})
    if region.strip().lower() == "campania":
        towns = tuple((t, p) for t, p, _w in CAMPANIA_TOWNS)
        weights = np.array([w for _t, _p, w in CAMPANIA_TOWNS], dtype=float)
    else:
        names = sorted({(fake.city(), fake.state_abbr()) for _ in range(120)})
        towns, weights = tuple(names), np.ones(len(names))
    return tuple(first), tuple(last), towns, weights


def _split(total: int, shares: list[float]) -> np.ndarray:
    """Largest-remainder split of `total` by `shares`; every share > 0 gets one at least."""
    raw = np.asarray(shares, dtype=float) * total
    counts = np.floor(raw).astype(np.int64)
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    counts[(counts == 0) & (np.asarray(shares) > 0)] = 1
    return counts


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())
