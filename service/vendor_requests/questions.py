"""The questions of a vendor request: the unknown facts an evaluation ranked most influential
for one product, then the facts the consultant adds, each with the fact paths its answer may
set. The texts of the questions a consultant adds are messages of the `analysis` catalogs,
as the evaluation's questions are."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from service.errors import FieldError, InvalidInput
from service.i18n import Text
from service.selection.snapshot import Snapshot
from service.selection.wording import said
from vendors.patching import settable_paths
from vendors.schema import ProductProfile
from vendors.vocabulary import CAPABILITIES, DOMAIN_PHRASES, Domain

#: Unknown kinds a vendor can answer (ratings and depths are for a scripted demonstration).
_VENDOR_KINDS = {"availability", "price", "hosting", "certification", "maintenance"}


@dataclass(frozen=True)
class Question:
    """One question: its key, texts, influence (None when the consultant added it) and the
    fact paths its answer may set."""

    key: str
    kind: str
    fr: str
    en: str
    influence: float | None
    paths: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "paths": list(self.paths)}


def from_evaluation(snapshot: Snapshot, profile: ProductProfile, *, limit: int) -> list[Question]:
    """The product's unknown facts the evaluation asks of the vendor, most influential first."""
    found: list[Question] = []
    for unknown in snapshot.unknowns:
        if unknown.product != profile.id or unknown.question.ask != "vendor":
            continue
        if unknown.kind not in _VENDOR_KINDS:
            continue
        paths = _answer_paths(unknown.kind, unknown.path, profile)
        if not paths:
            continue
        found.append(
            Question(
                key=unknown.path,
                kind=unknown.kind,
                fr=unknown.question.fr,
                en=unknown.question.en,
                influence=unknown.influence,
                paths=paths,
            )
        )
        if len(found) == limit:
            break
    return found


def _answer_paths(kind: str, path: str, profile: ProductProfile) -> tuple[str, ...]:
    """The fact paths an answer to an evaluation's question may set."""
    editions = [edition.key for edition in profile.editions]
    if kind == "availability":
        if path.startswith("capabilities."):
            key = path.split(".")[1]
            return (path, f"capabilities.{key}.in_editions")
        return (path,)
    if kind == "price":
        named = path.split(".")[1]
        keys = editions if named == "*" else [named]
        return tuple(
            f"editions.{key}.{field}" for key in keys for field in ("price", "price_on_request")
        )
    if kind == "hosting":
        return ("hosting.regions", "hosting.countries")
    if kind == "certification":
        return ("hosting.certifications",)
    if kind == "maintenance":
        return ("deployment.maintenance_pct",)
    return ()


def added_by_consultant(
    paths: list[str], profile: ProductProfile, name: str, *, field: str
) -> list[Question]:
    """Questions on facts the consultant names by path (`capabilities.quotes.availability`,
    `editions.pro.price`, `hosting.countries`, `ui_languages`, `deployment.on_premise`, ...)."""
    allowed = settable_paths(profile)
    errors: list[FieldError] = []
    found: list[Question] = []
    for index, path in enumerate(paths):
        if path in paths[:index]:
            continue  # asked once
        text = _text(path, profile, name) if path in allowed else None
        if text is None:
            errors.append(FieldError(field=f"{field}[{index}]", message="not a fact to ask"))
            continue
        kind = _kind(path)
        extra: tuple[str, ...] = ()
        if path.startswith("capabilities.") and path.endswith(".availability"):
            extra = (path.replace(".availability", ".in_editions"),)
        found.append(Question(path, kind, text.fr, text.en, None, (path, *extra)))
    if errors:
        raise InvalidInput("Some questions are not facts a vendor can answer.", fields=errors)
    return found


def _text(path: str, profile: ProductProfile, name: str) -> Text | None:
    """The question a consultant adds on the fact at `path`, or None for a path that is not a
    vendor's to answer."""
    match path.split("."):
        case ["capabilities", key, "availability"] if key in CAPABILITIES:
            what = CAPABILITIES[key].phrase
            return said("question_includes_editions", product=name, what=what)
        case ["domains", domain, "availability"] if domain in set(Domain):
            return said("question_covers", product=name, what=DOMAIN_PHRASES[Domain(domain)])
        case ["editions", key, "price"]:
            edition = next(e.name for e in profile.editions if e.key == key)
            return said("question_edition_price", product=name, edition=edition)
        case ["hosting", "regions" | "countries"]:
            return said("question_hosting_countries", product=name)
        case ["hosting", "certifications"]:
            return said("question_certifications", product=name)
        case ["ui_languages"]:
            return said("question_languages", product=name)
        case ["deployment", "saas" | "on_premise" | "private_cloud" as mode]:
            return said(f"question_deployment_{mode}", product=name)
        case ["deployment", "maintenance_pct"]:
            return said("question_maintenance", product=name)
    return None


def _kind(path: str) -> str:
    """The kind an evaluation's question on the same fact has (availability, price, hosting,
    certification, maintenance), or languages and deployment."""
    if path.endswith(".availability"):
        return "availability"
    if path.startswith("editions."):
        return "price"
    if path == "hosting.certifications":
        return "certification"
    if path.startswith("hosting."):
        return "hosting"
    if path == "deployment.maintenance_pct":
        return "maintenance"
    return "languages" if path == "ui_languages" else "deployment"
