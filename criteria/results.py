"""The result of ranking alternatives with one method, and its JSON form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd
from skcriteria.agg import RankResult

from criteria.problem import FloatArray, IntArray

JSONValue: TypeAlias = str | int | float | bool | None | list["JSONValue"] | dict[str, "JSONValue"]


@dataclass(frozen=True, eq=False)
class Ranking:
    """Scores, ranks and explanations of one method on one problem.

    Attributes
    ----------
    method : str
        The method name, one of ``criteria.METHODS``.
    alternatives, criteria : tuple of str
        Names in input order.
    scores : ndarray, shape (m,)
        One score per alternative in input order; see ``higher_is_better``.
    ranks : ndarray of int, shape (m,)
        1-based ranks in input order; tied alternatives share the best rank of their group.
    ranking : tuple of str
        Alternative names, best first (ties keep input order).
    details : mapping
        Method-specific intermediate results (see :func:`criteria.rank`): read-only float
        or bool arrays (per alternative, per criterion, or alternatives x alternatives),
        tuples of alternative names, and flags. Typed as ``Any`` so callers can use a
        documented entry without narrowing a union first.
    contributions : ndarray, shape (m, n)
        What each criterion adds to each alternative's score (see :func:`criteria.rank`).
    higher_is_better : bool
        False only for VIKOR, whose score Q is a distance (lower is better).
    """

    method: str
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    scores: FloatArray
    ranks: IntArray
    ranking: tuple[str, ...]
    details: Mapping[str, Any]
    contributions: FloatArray
    higher_is_better: bool = True

    def __post_init__(self) -> None:
        read_only(self.scores, self.ranks, self.contributions)
        read_only(*(value for value in self.details.values() if isinstance(value, np.ndarray)))
        if not isinstance(self.details, MappingProxyType):
            object.__setattr__(self, "details", MappingProxyType(dict(self.details)))

    @property
    def winner(self) -> str:
        """Return the best alternative (the first of ``ranking``)."""
        return self.ranking[0]

    def to_frame(self) -> pd.DataFrame:
        """Scores, ranks and each criterion's contribution, one row per alternative (in input
        order, indexed by name): ``score``, ``rank``, then one column per criterion."""
        frame = pd.DataFrame(
            {"score": self.scores, "rank": self.ranks},
            index=pd.Index(self.alternatives, name="alternative"),
        )
        contributions = pd.DataFrame(
            self.contributions, index=frame.index, columns=list(self.criteria)
        )
        return frame.join(contributions)

    def to_skcriteria(self) -> RankResult:
        """The ranking as scikit-criteria's ``RankResult``: its ranks are dense (tied
        alternatives share a rank, the next one follows: 1, 1, 2), the scores and every
        per-alternative detail in its ``e_`` extra."""
        extra: dict[str, Any] = {"score": self.scores.copy()}
        m = len(self.alternatives)
        for key, value in self.details.items():
            if isinstance(value, np.ndarray) and value.shape == (m,):
                extra[key] = value.copy()
        return RankResult(self.method, list(self.alternatives), dense_ranks(self.ranks), extra)

    def to_dict(self) -> dict[str, JSONValue]:
        """Return plain lists, floats and strings that ``json.dumps`` accepts."""
        return {
            "method": self.method,
            "alternatives": list(self.alternatives),
            "criteria": list(self.criteria),
            "scores": self.scores.tolist(),
            "ranks": self.ranks.tolist(),
            "ranking": list(self.ranking),
            "higher_is_better": self.higher_is_better,
            "details": {key: detail_to_json(value) for key, value in self.details.items()},
            "contributions": self.contributions.tolist(),
        }


def read_only(*arrays: npt.NDArray[Any]) -> None:
    """Make result arrays read-only, so a frozen result is immutable all the way down."""
    for array in arrays:
        array.setflags(write=False)


def detail_to_json(value: Any) -> JSONValue:
    """Return one detail value as JSON-able data."""
    if isinstance(value, np.ndarray):
        converted: JSONValue = value.tolist()
        return converted
    if isinstance(value, tuple):
        return list(value)
    converted_scalar: JSONValue = value
    return converted_scalar


def dense_ranks(ranks: IntArray) -> list[int]:
    """Competition ranks (1, 1, 3) as dense ones (1, 1, 2), the form scikit-criteria's
    rankings take."""
    levels = {rank: k for k, rank in enumerate(sorted(set(ranks.tolist())), start=1)}
    return [levels[rank] for rank in ranks.tolist()]
