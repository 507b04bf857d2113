"""Load, validate, dump and hash the catalog files ``vendors/catalog/<id>.yaml``.

``validate_catalog`` reports every problem with the file, the dotted fact path and the reason:
schema errors (which include unknown currencies, capability keys and other vocabulary codes,
and values given without a source), dates in the future, an id that is not the file name,
and ids used twice. Files are parsed as YAML, then validated through pydantic's JSON mode so
that the strict schema accepts ISO dates and vocabulary strings as written.
"""

import functools
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from vendors.schema import ProductProfile, Sourced, iter_fact_slots

CATALOG_DIR = Path(__file__).parent / "catalog"
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One reason a catalog file is not acceptable."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        """Render as ``file: path: message``."""
        return ": ".join(part for part in (self.file, self.path, self.message) if part)


class CatalogError(Exception):
    """The catalog directory holds files that do not validate."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def profile_from_data(data: Mapping[str, Any]) -> ProductProfile:
    """Validate plain data (as read from YAML or JSON) into a profile."""
    return _validated(json.dumps(data, default=_json_default))


# Every selection reads every product the firm sees: validating a profile costs about 3 ms,
# its JSON text a tenth of that. Profiles are frozen, so the same text can share one; a
# text that fails raises again each time (exceptions are not cached).
@functools.lru_cache(maxsize=1024)
def _validated(text: str) -> ProductProfile:
    return ProductProfile.model_validate_json(text)


def dump_profile(profile: ProductProfile) -> dict[str, Any]:
    """Return the canonical plain-data form of a profile; it loads back to an equal profile."""
    data: dict[str, Any] = profile.model_dump(mode="json", exclude_defaults=True)
    return data


def dump_profile_yaml(profile: ProductProfile) -> str:
    """Render a profile as YAML text in canonical form."""
    return yaml.safe_dump(dump_profile(profile), allow_unicode=True, sort_keys=False, width=100)


def content_hash(profiles: Iterable[ProductProfile]) -> str:
    """Return a sha256 of the canonical dumps, independent of file layout and order."""
    dumps = [dump_profile(profile) for profile in sorted(profiles, key=lambda p: p.id)]
    text = json.dumps(dumps, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_catalog_dir(path: Path = CATALOG_DIR) -> list[ProductProfile]:
    """Load every profile of a directory, sorted by id; raise CatalogError on any problem."""
    # Dates are not checked against the calendar here: validate_catalog takes the reference day.
    loaded, problems = _read_dir(path)
    if problems:
        raise CatalogError(problems)
    return [profile for _, profile in loaded]


def validate_catalog(path: Path, today: date) -> list[Problem]:
    """Check a catalog directory and return its problems (empty when it is valid)."""
    loaded, problems = _read_dir(path)
    for file_name, profile in loaded:
        problems.extend(_future_dates(profile, file_name, today))
    return problems


def _read_dir(path: Path) -> tuple[list[tuple[str, ProductProfile]], list[Problem]]:
    """Read all ``*.yaml`` files; return (file name, profile) pairs by id, and the problems."""
    files = sorted(path.glob("*.yaml"))
    if not files:
        return [], [Problem(str(path), "", "no catalog files (*.yaml) found")]
    loaded: list[tuple[str, ProductProfile]] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for file in files:
        profile, file_problems = _read_file(file)
        problems.extend(file_problems)
        if profile is None:
            continue
        if profile.id != file.stem:
            problems.append(Problem(file.name, "id", f"id {profile.id!r} must equal the file name"))
        if profile.id in seen:
            problems.append(
                Problem(file.name, "id", f"id {profile.id!r} is already used by {seen[profile.id]}")
            )
            continue
        seen[profile.id] = file.name
        loaded.append((file.name, profile))
    return sorted(loaded, key=lambda pair: pair[1].id), problems


def _read_file(file: Path) -> tuple[ProductProfile | None, list[Problem]]:
    """Parse and validate one file."""
    try:
        # libyaml's loader when PyYAML has it (ten times faster), same safe subset of YAML.
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=_SafeLoader)
    except yaml.YAMLError as error:
        return None, [Problem(file.name, "", f"not valid YAML: {error}")]
    if not isinstance(data, dict):
        return None, [Problem(file.name, "", "the file must hold a mapping of fields")]
    try:
        return profile_from_data(data), []
    except ValidationError as error:
        return None, [Problem(file.name, path, reason) for path, reason in problems_of(error, data)]
    except (TypeError, ValueError) as error:
        return None, [Problem(file.name, "", str(error))]


def _json_default(value: object) -> str:
    """Turn YAML dates into ISO strings; refuse date-times, which are not catalog dates."""
    if isinstance(value, datetime):
        raise ValueError(f"{value.isoformat()} is a date-time; catalog dates are plain dates")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a catalog file")


def problems_of(error: ValidationError, data: object) -> list[tuple[str, str]]:
    """Each schema error on `data` as its dotted path (editions named by key) and a reason."""
    return [(_dotted(detail["loc"], data), _reason(detail)) for detail in error.errors()]


def _dotted(loc: tuple[int | str, ...], data: object) -> str:
    """Render an error location as a fact path, naming editions by their key."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            key = node.get("key") if isinstance(node, dict) else None
            parts.append(key if isinstance(key, str) else str(step))
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts)


def _reason(detail: Mapping[str, Any]) -> str:
    """Plain-words reason for one validation error."""
    message = str(detail["msg"]).removeprefix("Value error, ")
    given = detail.get("input")
    if isinstance(given, bool):
        message = f"{message} (got {given}: YAML reads unquoted yes/no/on/off/NO as booleans)"
    elif isinstance(given, str | int | float) and repr(given) not in message:
        message = f"{message} (got {given!r})"
    return message


def _future_dates(profile: ProductProfile, file: str, today: date) -> Iterator[Problem]:
    """Report facts, alternatives and claims dated after ``today``."""
    dated: list[tuple[str, Sourced]] = []
    for path, fact in iter_fact_slots(profile):
        dated.append((path, fact))
        dated.extend(
            (f"{path}.alternatives.{index}", alternative)
            for index, alternative in enumerate(fact.alternatives)
        )
    dated.extend(
        (f"other_claims.{index}", claim) for index, claim in enumerate(profile.other_claims)
    )
    for path, item in dated:
        if item.as_of is not None and item.as_of > today:
            yield Problem(file, path, f"as_of {item.as_of.isoformat()} is in the future")
