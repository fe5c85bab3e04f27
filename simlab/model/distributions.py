"""The one distribution shape of the YAML files: `{dist: lognormal, mean: 240, cv: 0.9}`.

Times are seconds. Every number has a sane range (docs/scenarios.md): a mean of 1e308 or
a cv of 1e-200 is a typing mistake, and it would otherwise crash the run far from the
line that caused it.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, Field, field_validator, model_validator

from simlab.i18n import _, decimal
from simlab.model.common import Strict, check_shares

MAX_TIME_S = 3 * 86400.0  # nobody waits, and no contact is worked, for longer than this
CV_RANGE = (0.01, 10.0)
SHAPE_RANGE = (0.2, 50.0)  # Weibull shape; below 0.2 the variance explodes (cv > 15)
MAX_PARTS = 10


def _finite(v: float) -> bool:
    return isinstance(v, (int, float)) and math.isfinite(v)


def check_time(v: float, *, zero: bool = False) -> float:
    """A time in seconds: finite, above 0 (or at least 0) and at most MAX_TIME_S."""
    if not _finite(v) or not (v >= 0 if zero else v > 0) or v > MAX_TIME_S:
        text = (
            _("«{value}» is out of range: a time in seconds must be at least 0 and at most "
              "{max} ({days} days)") if zero else
            _("«{value}» is out of range: a time in seconds must be greater than 0 and at most "
              "{max} ({days} days)")
        )
        raise ValueError(text.format(value=v, max=decimal(MAX_TIME_S, 0),
                                     days=decimal(MAX_TIME_S / 86400, 0)))
    return float(v)


def check_cv(v: float) -> float:
    low, high = CV_RANGE
    if not _finite(v) or not low <= v <= high:
        raise ValueError(
            _("«{value}» is out of range: the coefficient of variation (cv) must be between "
              "{low} and {high}").format(value=v, low=decimal(low, 2), high=decimal(high, 0))
        )
    return float(v)


TimeS = Annotated[float, AfterValidator(check_time)]
TimeOrZero = Annotated[float, AfterValidator(lambda v: check_time(v, zero=True))]
Cv = Annotated[float, AfterValidator(check_cv)]


class Exponential(Strict):
    dist: Literal["exponential"]
    mean: TimeS


    @property
    def variance(self) -> float:
        return self.mean**2


class Lognormal(Strict):
    dist: Literal["lognormal"]
    mean: TimeS
    cv: Cv


    def log_params(self) -> tuple[float, float]:
        """(mu, sigma) of the underlying normal, so that the mean and cv are as written."""
        sigma2 = math.log1p(self.cv**2)
        return math.log(self.mean) - sigma2 / 2, math.sqrt(sigma2)

    @property
    def variance(self) -> float:
        return (self.mean * self.cv) ** 2


class Gamma(Strict):
    dist: Literal["gamma"]
    mean: TimeS
    cv: Cv


    def shape_scale(self) -> tuple[float, float]:
        shape = 1.0 / self.cv**2
        return shape, self.mean / shape

    @property
    def variance(self) -> float:
        return (self.mean * self.cv) ** 2


class Weibull(Strict):
    """Given by its mean and either its shape or its cv. A shape below 1 (cv above 1) is
    a hazard that falls with time: the longer callers have waited, the less likely they
    are to hang up in the next minute, as in real call logs (docs/scenarios.md)."""

    dist: Literal["weibull"]
    mean: TimeS
    shape: float | None = None
    cv: Cv | None = None


    @field_validator("shape")
    @classmethod
    def _shape(cls, v: float | None) -> float | None:
        low, high = SHAPE_RANGE
        if v is not None and (not _finite(v) or not low <= v <= high):
            raise ValueError(
                _("«{value}» is out of range: the Weibull shape must be between {low} and "
                  "{high}").format(value=v, low=decimal(low, 1), high=decimal(high, 0))
            )
        return v

    @model_validator(mode="after")
    def _one_of(self) -> Weibull:
        if (self.shape is None) == (self.cv is None):
            raise ValueError(_("a Weibull distribution needs its mean and either «shape» or «cv»"))
        return self

    def shape_scale(self) -> tuple[float, float]:
        k = self.shape if self.shape is not None else weibull_shape(self.cv or 1.0)
        return k, self.mean / math.gamma(1 + 1 / k)

    @property
    def variance(self) -> float:
        k, scale = self.shape_scale()
        return scale**2 * (math.gamma(1 + 2 / k) - math.gamma(1 + 1 / k) ** 2)


def weibull_cv(k: float) -> float:
    g1, g2 = math.lgamma(1 + 1 / k), math.lgamma(1 + 2 / k)
    return math.sqrt(math.expm1(g2 - 2 * g1))


def weibull_shape(cv: float) -> float:
    """The Weibull shape with this cv (the cv falls as the shape grows): bisection on
    log k, 200 halvings of [0.05, 1000] leave far less than a float's rounding."""
    lo, hi = math.log(0.05), math.log(1000.0)
    for _i in range(200):
        mid = (lo + hi) / 2
        if weibull_cv(math.exp(mid)) > cv:
            lo = mid
        else:
            hi = mid
    return math.exp((lo + hi) / 2)


class Constant(Strict):
    dist: Literal["constant"]
    value: TimeOrZero


    @property
    def mean(self) -> float:
        return self.value

    @property
    def variance(self) -> float:
        return 0.0


class Empirical(Strict):
    dist: Literal["empirical"]
    values: list[TimeOrZero] = Field(min_length=1, max_length=100_000)

    @property
    def mean(self) -> float:
        return math.fsum(self.values) / len(self.values)

    @property
    def variance(self) -> float:
        m = self.mean
        return math.fsum((x - m) ** 2 for x in self.values) / len(self.values)


Simple = Annotated[
    Union[Exponential, Lognormal, Gamma, Weibull, Constant, Empirical],  # noqa: UP007
    Field(discriminator="dist"),
]


class Part(Strict):
    weight: float
    dist: Simple


class Mixture(Strict):
    """With probability `weight` a value of that part: e.g. 5% of very short calls
    (wrong numbers, hang-ups at the greeting) beside the ordinary ones."""

    dist: Literal["mixture"]
    parts: list[Part] = Field(min_length=1, max_length=MAX_PARTS)

    @field_validator("parts")
    @classmethod
    def _weights(cls, v: list[Part]) -> list[Part]:
        weights = [p.weight for p in v]
        if not all(_finite(w) for w in weights):
            raise ValueError(_("mixture: the weights must be numbers"))
        check_shares(weights, _("mixture weights"))
        return v

    @property
    def weights(self) -> list[float]:
        return [p.weight for p in self.parts]

    @property
    def mean(self) -> float:
        return math.fsum(p.weight * p.dist.mean for p in self.parts)

    @property
    def variance(self) -> float:
        # law of total variance: mean of the variances plus variance of the means
        m = self.mean
        return math.fsum(p.weight * (p.dist.variance + (p.dist.mean - m) ** 2) for p in self.parts)


Dist = Annotated[
    Union[Exponential, Lognormal, Gamma, Weibull, Constant, Empirical, Mixture],  # noqa: UP007
    Field(discriminator="dist"),
]
DIST_NAMES = ("exponential", "lognormal", "gamma", "weibull", "constant", "empirical", "mixture")
