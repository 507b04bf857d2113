"""Setting facts of a profile by their dotted path (`editions.enterprise.price`,
`capabilities.ticketing.depth`, `hosting.countries`): for a firm's own products and for its
private overrides of public ones.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from vendors.files import dump_profile, problems_of, profile_from_data
from vendors.schema import CapabilityCoverage, ProductProfile, iter_fact_slots
from vendors.vocabulary import CAPABILITIES

_CAPABILITY_FIELDS = tuple(CapabilityCoverage.model_fields)


class InvalidFactPatch(ValueError):
    """A fact patch names an unknown path or gives a value the schema refuses."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors))


class UnrepairableData(ValueError):
    """Stored profile data that no fact can correct: its id, its editions or the structure
    around a fact are broken."""


def settable_paths(profile: ProductProfile) -> set[str]:
    """Return every fact path a patch may set on `profile`.

    The profile's own fact slots, plus every capability of the vocabulary (a patch may rate a
    capability the profile does not mention yet).
    """
    paths = {path for path, _fact in iter_fact_slots(profile)}
    paths.update(
        f"capabilities.{key}.{field}" for key in CAPABILITIES for field in _CAPABILITY_FIELDS
    )
    return paths


def apply_facts(
    profile: ProductProfile, facts: Mapping[str, Mapping[str, Any] | None]
) -> ProductProfile:
    """Return `profile` with each fact at its path replaced (None resets it to unknown).

    Raises InvalidFactPatch naming each unknown path or refused value.
    """
    _check_paths(profile, facts)
    return _patched(dump_profile(profile), facts)


def repair_facts(
    data: Mapping[str, Any], facts: Mapping[str, Mapping[str, Any] | None]
) -> ProductProfile:
    """Apply `facts` to stored profile data that no longer validates (stored before a bound
    existed, or edited by hand): the result must validate, so the facts must correct (or reset)
    every refused value.

    Raises InvalidFactPatch naming each unknown path or value still refused, and
    UnrepairableData when what holds the facts (id, editions, sections) is itself broken.
    """
    editions = data.get("editions")
    try:
        skeleton = profile_from_data(
            {
                "id": data.get("id"),
                "editions": [{"key": e["key"], "name": e["name"]} for e in editions or ()],
            }
        )
    except (ValidationError, KeyError, TypeError) as exc:
        raise UnrepairableData("the stored id or editions are broken") from exc
    _check_paths(skeleton, facts)  # a profile with the same editions has the same fact paths
    try:
        return _patched(data, facts)
    except (AttributeError, TypeError) as exc:  # a section that is not a mapping
        raise UnrepairableData("the stored sections are broken") from exc


def refused_fact(
    profile: ProductProfile, path: str, fact: Mapping[str, Any]
) -> list[tuple[str, str]]:
    """What the schema refuses in `fact` taken alone as the fact at `path`, as (dotted path,
    reason) pairs: empty when it validates, or when `path` is no fact of `profile`."""
    slot = _slot_type(profile, path)
    if slot is None:
        return []
    try:
        slot.model_validate_json(json.dumps(fact))
    except ValidationError as exc:
        return [
            (f"{path}.{where}" if where else path, why) for where, why in problems_of(exc, fact)
        ]
    return []


def _slot_type(profile: ProductProfile, path: str) -> type[BaseModel] | None:
    """The model of the fact at `path`: a slot of the profile, or of any vocabulary capability."""
    for slot_path, fact in iter_fact_slots(profile):
        if slot_path == path:
            return type(fact)
    match path.split("."):
        case ["capabilities", key, field] if key in CAPABILITIES and field in _CAPABILITY_FIELDS:
            return type(getattr(CapabilityCoverage(), field))
    return None


def _check_paths(profile: ProductProfile, facts: Mapping[str, Any]) -> None:
    allowed = settable_paths(profile)
    unknown = [(path, "not a fact of this product") for path in facts if path not in allowed]
    if unknown:
        raise InvalidFactPatch(unknown)


def _patched(
    stored: Mapping[str, Any], facts: Mapping[str, Mapping[str, Any] | None]
) -> ProductProfile:
    data = copy.deepcopy(dict(stored))
    for path, fact in facts.items():
        _set(data, path, None if fact is None else dict(fact))
    try:
        return profile_from_data(data)
    except ValidationError as exc:
        raise InvalidFactPatch(_errors(exc, facts, data)) from exc


def fact_at(profile: ProductProfile, path: str) -> dict[str, Any] | None:
    """Return the fact at `path` as plain data, or None when the path holds no fact."""
    for slot_path, fact in iter_fact_slots(profile):
        if slot_path == path:
            data: dict[str, Any] = fact.model_dump(mode="json", exclude_defaults=True)
            return data
    return None


def _set(data: dict[str, Any], path: str, fact: dict[str, Any] | None) -> None:
    parts = path.split(".")
    node: Any = data
    for depth, part in enumerate(parts[:-1]):
        if depth == 1 and parts[0] == "editions":
            node = next(edition for edition in node if edition["key"] == part)
        elif part == "editions" and depth == 0:
            node = node.setdefault("editions", [])
        else:
            node = node.setdefault(part, {})
    if fact is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = fact


def _errors(
    exc: ValidationError, facts: Mapping[str, Mapping[str, Any] | None], data: dict[str, Any]
) -> list[tuple[str, str]]:
    """Attribute each schema error to the patched path it falls under."""
    errors = []
    for error in exc.errors():
        parts = [str(part) for part in error["loc"]]
        if len(parts) > 1 and parts[0] == "editions" and parts[1].isdigit():
            # Pydantic locates editions by position; fact paths name them by key.
            parts[1] = str(data["editions"][int(parts[1])]["key"])
        loc = ".".join(parts)
        owner = next((path for path in facts if loc == path or loc.startswith(path + ".")), None)
        errors.append((owner or loc or "profile", error["msg"]))
    return errors
