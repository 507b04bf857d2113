"""What every export of an evaluation reads from its snapshot: labels, the vendor facts the
evaluation used, and the formats with their media types."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from service.i18n import Lang
from service.selection.changes import Changes
from service.selection.registry import CRITERIA, POPULATION_CAPABILITIES
from service.selection.snapshot import Snapshot
from vendors.files import problems_of, profile_from_data
from vendors.schema import iter_facts
from vendors.service import InvalidStoredValue
from vendors.vocabulary import CAPABILITIES, DOMAIN_LABELS, Domain


class ExportFormat(StrEnum):
    """The formats an evaluation exports to."""

    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"
    HTML = "html"
    PDF = "pdf"


MEDIA_TYPES: dict[ExportFormat, str] = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.JSON: "application/json",
    ExportFormat.HTML: "text/html; charset=utf-8",
    ExportFormat.PDF: "application/pdf",
}


@dataclass(frozen=True)
class EvaluationMeta:
    """Who made the evaluation, when, for which project: what the snapshot does not hold."""

    id: uuid.UUID
    project_id: uuid.UUID
    method: str
    project_version: int
    catalog_version: uuid.UUID | None
    created_by: str
    created_at: datetime
    # Who made it, as the client reads it: the consultant (the API key's label) and the firm.
    author: str = ""
    # What changed since the project's previous evaluation, when there is one.
    previous_id: uuid.UUID | None = None
    changes: Changes | None = None


@dataclass(frozen=True)
class Export:
    """A rendered export: its bytes, media type and a file name."""

    content: bytes
    media_type: str
    filename: str


@dataclass(frozen=True)
class SourceRow:
    """One vendor fact an evaluation used, with its provenance."""

    product: str
    fact: str  # the path, and which alternative: "editions.pro.price (alt. 1)"
    value: Any
    source: str | None
    as_of: date | None
    as_of_precision: str
    confidence: str | None
    rated_by: str | None
    inferred: bool
    note: str | None
    path: str = ""
    alternative: int | None = None


def criterion_label(key: str, lang: Lang) -> str:
    """The criterion's label in `lang`."""
    return CRITERIA[key].label.in_lang(lang)


def requirement_label(name: str, kind: str, lang: Lang) -> str:
    """A capability's or a domain's label in `lang`."""
    if kind == "capability" and name in CAPABILITIES:
        return CAPABILITIES[name].in_lang(lang)
    if kind == "domain" and name in set(Domain):
        return DOMAIN_LABELS[Domain(name)].in_lang(lang)
    return name


def budget_currency(snapshot: Snapshot) -> str:
    """The currency every amount of the evaluation is in."""
    budget = snapshot.inputs.project.budget
    return budget.currency if budget else "EUR"


def _used_prefixes(snapshot: Snapshot) -> tuple[str, ...]:
    """Dotted fact paths the grid, the TCO and the knock-outs read for this project."""
    requirements = snapshot.inputs.requirements
    prefixes = ["editions.", "pricing.", "deployment.", "hosting.", "ui_languages", "ratings."]
    prefixes += [f"domains.{d.value}." for d, p in requirements.domains.items() if p != "none"]
    capabilities = {c for c, p in requirements.capabilities.items() if p != "none"}
    capabilities |= {c for needs in POPULATION_CAPABILITIES.values() for c in needs}
    prefixes += [f"capabilities.{c}." for c in sorted(capabilities)]
    return tuple(prefixes)


def sources(snapshot: Snapshot) -> Iterator[SourceRow]:
    """Every known vendor fact the evaluation used, with source, date and confidence."""
    prefixes = _used_prefixes(snapshot)
    for pid in snapshot.matrix.products:
        data = snapshot.inputs.profiles.get(pid)
        if data is None:
            continue
        try:
            profile = profile_from_data(data)
        except ValidationError as exc:  # stored before the current bounds, or edited by hand
            raise InvalidStoredValue(pid, problems_of(exc, data), kind="snapshot") from exc
        for fact in iter_facts(profile, alternatives=True):
            if fact.value is None or not (fact.path + ".").startswith(prefixes):
                continue
            yield SourceRow(
                product=pid,
                fact=f"{fact.path} (alt. {fact.alternative})" if fact.alternative else fact.path,
                value=fact.value,
                source=fact.source,
                as_of=fact.as_of,
                as_of_precision=fact.as_of_precision.value,
                confidence=fact.confidence.value if fact.confidence else None,
                rated_by=fact.rated_by,
                inferred=fact.inferred,
                note=fact.note,
                path=fact.path,
                alternative=fact.alternative or None,
            )


def edition_names(snapshot: Snapshot, pid: str) -> dict[str, str]:
    """The names of a compared product's editions, by key."""
    profile = snapshot.inputs.profiles.get(pid) or {}
    editions = profile.get("editions") if isinstance(profile, dict) else None
    return {
        str(e["key"]): str(e.get("name") or e["key"])
        for e in (editions if isinstance(editions, list) else [])
        if isinstance(e, dict) and "key" in e
    }


def value_text(value: Any) -> str:
    """A fact's value as short text for a cell."""
    if isinstance(value, list):
        return ", ".join(value_text(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
