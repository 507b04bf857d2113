"""The decision methods a request may name, and a check of their parameters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, get_args

from criteria import METHODS
from criteria.methods import method_spec

Method = Literal["topsis", "wsm", "wpm", "vikor", "promethee2", "electre1"]
assert set(get_args(Method)) == set(METHODS)


def check_method_params(method: str, params: Mapping[str, object]) -> None:
    """Refuse parameter names the method does not take (ValueError, for pydantic)."""
    allowed = method_spec(method).params
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        takes = ", ".join(allowed) or "no parameters"
        raise ValueError(f"{method} does not take {', '.join(unknown)}; it takes: {takes}")
