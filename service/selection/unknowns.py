"""Unknown facts as ranges, and criterion values built from known and unknown facts.

An :class:`Unknown` is one fact the sources do not give (a capability's availability, a
rating, a price...) with the range of what it could be under a stated policy
(:func:`policy`, published at ``GET /api/v1/criteria``) and a distribution over that range.
Every unknown is drawn through a quantile ``u`` in [0, 1): the same ``u`` maps to the same
value, higher ``u`` to a higher value, and each unknown's quantiles come from a random stream
of its own (keyed by the product and the fact), so that two analyses that differ by one fact
draw every other fact identically.

A :class:`Cell` is one product's value on one criterion: a point when every fact it reads is
known, otherwise a range ``[low, high]`` with its expected value ``mean`` and a way to compute
it for drawn quantiles. Every formula of the grid is non-decreasing in each unknown's value,
so ``low`` and ``high`` are the values with every unknown at the bottom or the top of its
range.
"""

from __future__ import annotations

import functools
import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Any, Protocol

import numpy as np

from criteria.problem import FloatArray
from service.i18n import Text

#: The scale of the 0-5 ratings (depth, ease of use, ease of deployment, scalability).
RATING_SCALE = (0.0, 5.0)
#: 004 §05: yearly maintenance of a licence is typically 15-20 % of its price.
MAINTENANCE_RANGE = (15.0, 20.0)


class Kind(StrEnum):
    """What an unknown fact is about; it decides the policy and how to ask for it."""

    AVAILABILITY = "availability"
    DEPTH = "depth"
    RATING = "rating"
    PRICE = "price"
    MAINTENANCE = "maintenance"
    HOSTING = "hosting"
    CERTIFICATION = "certification"


def policy(kind: Kind) -> Text:
    """How each kind of unknown fact is treated, its range and how it is drawn, in words (the
    `analysis` catalogs' ``policy_<kind>``)."""
    return Text("analysis", f"policy_{kind.value}")


@dataclass(frozen=True, eq=False)
class Unknown(ABC):
    """One fact of one product that the sources do not give, with its range.

    ``path`` is the fact's place in the profile (``capabilities.quotes.availability``);
    ``subject`` holds what a question about it needs (the capability, the editions...).
    ``favourable_high`` tells whether a higher value helps the product (False for a price).
    """

    product: str
    path: str
    kind: Kind
    low: float
    high: float
    mean: float
    favourable_high: bool = True
    subject: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The unknown's identity: product and fact."""
        return f"{self.product}:{self.path}"

    @abstractmethod
    def values(self, u: FloatArray) -> FloatArray:
        """The fact's value for quantiles ``u`` (non-decreasing in ``u``): each kind of
        unknown (Binary, Uniform) draws its own way."""


@dataclass(frozen=True, eq=False)
class Binary(Unknown):
    """A fact that holds or not: 1 with probability ``mean``, else 0."""

    def values(self, u: FloatArray) -> FloatArray:
        """1.0 where ``u >= 1 - p``, else 0.0."""
        held: FloatArray = (u >= 1.0 - self.mean).astype(np.float64)
        return held


@dataclass(frozen=True, eq=False)
class Uniform(Unknown):
    """A number uniform on ``[low, high]``."""

    def values(self, u: FloatArray) -> FloatArray:
        """``low + u (high - low)``."""
        drawn: FloatArray = self.low + u * (self.high - self.low)
        return drawn


def binary(product: str, path: str, kind: Kind, **subject: Any) -> Binary:
    """An unknown that holds or not with probability 1/2 (``subject`` values hashable)."""
    return _binary(product, path, kind, tuple(subject.items()))


def uniform(
    product: str, path: str, kind: Kind, low: float, high: float, **subject: Any
) -> Uniform:
    """An unknown uniform on ``[low, high]``, favourable when high."""
    return _uniform(product, path, kind, low, high, tuple(subject.items()))


# Unknowns are immutable and a batch asks for the same ones for client after client.
@functools.lru_cache(maxsize=65_536)
def _binary(product: str, path: str, kind: Kind, subject: tuple[tuple[str, Any], ...]) -> Binary:
    return Binary(product, path, kind, 0.0, 1.0, 0.5, True, MappingProxyType(dict(subject)))


@functools.lru_cache(maxsize=65_536)
def _uniform(
    product: str,
    path: str,
    kind: Kind,
    low: float,
    high: float,
    subject: tuple[tuple[str, Any], ...],
) -> Uniform:
    return Uniform(
        product, path, kind, low, high, (low + high) / 2.0, True, MappingProxyType(dict(subject))
    )


class Cell(Protocol):
    """One product's value on one criterion: a point, or a range built from unknown facts."""

    @property
    def unknowns(self) -> tuple[Unknown, ...]:
        """The unknown facts the value rests on."""

    @property
    def unbounded(self) -> bool:
        """True when an unknown has no stated bound, so the value cannot be ranged at all."""

    @property
    def low(self) -> float:
        """The value with every unknown at the bottom of its range."""

    @property
    def high(self) -> float:
        """The value with every unknown at the top of its range."""

    @property
    def mean(self) -> float:
        """The expected value over the unknowns' distributions."""

    def sample(self, draws: Mapping[str, FloatArray], size: int) -> FloatArray:
        """The value for each of ``size`` draws (quantiles per unknown key)."""


def is_known(cell: Cell) -> bool:
    """Whether every fact a value rests on is known."""
    if isinstance(cell, Linear):
        return not cell.terms  # every term holds an unknown
    return not cell.unknowns and not cell.unbounded


class Linear:
    """``const + sum(coef * prod(values of the term's unknowns))``, every coefficient >= 0.

    Terms with one unknown are affine parts (a capability's availability in a fit), terms
    with two are products (an unknown availability times an unknown depth).
    """

    unbounded = False

    def __init__(self, const: float, terms: Sequence[tuple[float, tuple[Unknown, ...]]]) -> None:
        self.const = float(const)
        self.terms = tuple(terms)
        # The expectation is what every ranking reads, screening included: computed at once
        # (a batch builds a few hundred of these per client); the bounds when asked.
        total = self.const
        for coef, factors in self.terms:
            product = coef
            for unknown in factors:
                product *= unknown.mean
            total += product
        self.mean = total

    @cached_property
    def unknowns(self) -> tuple[Unknown, ...]:
        """The unknown facts of the terms, once each."""
        seen: dict[str, Unknown] = {}
        for _, factors in self.terms:
            for unknown in factors:
                seen.setdefault(unknown.key, unknown)
        return tuple(seen.values())

    def _at(self, pick: str) -> float:
        total = self.const
        for coef, factors in self.terms:
            product = coef
            for unknown in factors:
                product *= getattr(unknown, pick)
            total += product
        return total

    @cached_property
    def low(self) -> float:
        """Every unknown at its low end (the formulas are non-decreasing)."""
        return self._at("low")

    @cached_property
    def high(self) -> float:
        """Every unknown at its high end."""
        return self._at("high")

    def sample(self, draws: Mapping[str, FloatArray], size: int) -> FloatArray:
        """The value for each draw."""
        out = np.full(size, self.const)
        for coef, factors in self.terms:
            part = np.full(size, coef)
            for unknown in factors:
                part = part * unknown.values(draws[unknown.key])
            out += part
        return out


def point(value: float) -> Linear:
    """A known value."""
    return Linear(value, ())


def quantiles(unknowns: Iterable[Unknown], samples: int, seed: int) -> dict[str, FloatArray]:
    """Draw ``samples`` quantiles per unknown, each from a stream keyed by its identity."""
    draws = {}
    for unknown in unknowns:
        if unknown.key not in draws:
            draws[unknown.key] = stream(seed, unknown.key).random(samples)
    return draws


def stream(seed: int, name: str) -> np.random.Generator:
    """A random generator for ``name`` under ``seed``: independent of every other name."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return np.random.default_rng([seed, int.from_bytes(digest[:8], "big")])
