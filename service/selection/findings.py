"""What an evaluation must say about its inputs: facts that were missing and how they were
treated, and inputs of low confidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from vendors.vocabulary import Confidence

# Evidence a consultant should double-check before relying on it.
LOW_CONFIDENCE = frozenset({Confidence.THIRD_PARTY})


@dataclass(frozen=True)
class Missing:
    """A fact the evaluation needed but the catalog does not have, and what was done instead."""

    product: str
    fact: str
    criterion: str
    treatment: str

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return asdict(self)


@dataclass(frozen=True)
class LowConfidenceInput:
    """A fact used by the evaluation whose evidence is weak (a third-party page, an inference)."""

    product: str
    fact: str
    confidence: str | None
    inferred: bool
    source: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return asdict(self)
