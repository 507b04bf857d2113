"""Catalog queries and writes: loading the files, the versions, what a firm sees, and a
firm's own products and private overrides. Functions flush; callers commit.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

from pydantic import ValidationError
from sqlmodel import Session, col, func, or_, select

from vendors.files import content_hash, dump_profile, problems_of, profile_from_data
from vendors.filters import VendorFilters
from vendors.models import CatalogVersion, FactOverride, Product, ProductRevision
from vendors.patching import (
    InvalidFactPatch,
    UnrepairableData,
    apply_facts,
    fact_at,
    refused_fact,
    repair_facts,
)
from vendors.schema import ProductProfile
from vendors.sqlbase import utc_now


class ProductNotFound(LookupError):
    """No product with this id is visible to the firm."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        super().__init__(f"no product {slug!r} in the catalog or among your products")


class ProductIdTaken(ValueError):
    """A firm's new product reuses an id the firm can already see."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        super().__init__(f"the id {slug!r} is already used by a product you can see")


StoredKind = Literal["public", "private", "override", "snapshot"]


class InvalidStoredValue(ValueError):
    """A stored profile or override no longer validates: stored before a bound existed, or
    edited by hand. `problems` are (dotted path, reason) pairs; `kind` says where it is stored
    (a public or private product, a firm's override, an evaluation's snapshot), hence how to
    correct it."""

    def __init__(self, slug: str, problems: Sequence[tuple[str, str]], *, kind: StoredKind) -> None:
        self.slug = slug
        self.problems = list(problems)
        self.kind = kind
        shown = "; ".join(f"{path}: {reason}" for path, reason in self.problems[:5])
        super().__init__(f"the stored data of product {slug!r} no longer validates: {shown}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled whole (an export rendered in a worker process reports it to the service)."""
        return (partial(InvalidStoredValue, kind=self.kind), (self.slug, self.problems))


@dataclass
class LoadResult:
    """What a catalog load changed."""

    version: CatalogVersion
    created_version: bool
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0


@dataclass(frozen=True)
class ResolvedProduct:
    """A product as one firm sees it: its profile with the firm's overrides applied."""

    product: Product
    profile: ProductProfile
    overridden: dict[str, dict[str, Any] | None]
    stale_overrides: list[str]

    @property
    def is_private(self) -> bool:
        """Tell whether the product belongs to the firm rather than to the public catalog."""
        return self.product.firm_id is not None


def profile_hash(profile: ProductProfile) -> str:
    """Return the sha256 of one profile's canonical form."""
    text = json.dumps(dump_profile(profile), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_catalog(session: Session, profiles: Sequence[ProductProfile]) -> LoadResult:
    """Upsert the public catalog from `profiles`; retire public products no longer listed.

    A load that changes the content creates a catalog version; loading the content of the
    latest version again changes nothing and returns that version.
    """
    digest = content_hash(profiles)
    latest = latest_version(session)
    if latest is not None and latest.content_hash == digest:
        return LoadResult(version=latest, created_version=False, unchanged=len(profiles))
    current = {
        product.slug: product
        for product in session.exec(select(Product).where(col(Product.firm_id).is_(None)))
    }
    version = CatalogVersion(content_hash=digest, product_count=len(profiles))
    session.add(version)
    session.flush()
    result = LoadResult(version=version, created_version=True)
    now = utc_now()
    listed = set()
    for profile in profiles:
        listed.add(profile.id)
        row = current.get(profile.id)
        data, digest_one = dump_profile(profile), profile_hash(profile)
        if row is None:
            row = _new_product(profile, firm_id=None)
            result.added.append(profile.id)
        elif row.content_hash != digest_one or row.retired_at is not None:
            row.sqlmodel_update(_content(profile) | {"updated_at": now, "retired_at": None})
            result.updated.append(profile.id)
        else:
            result.unchanged += 1
            continue
        session.add(row)
        session.flush()
        session.add(
            ProductRevision(
                product_id=row.id,
                catalog_version_id=version.id,
                content_hash=digest_one,
                profile=data,
            )
        )
    for slug, row in current.items():
        if slug not in listed and row.retired_at is None:
            row.retired_at = now
            session.add(row)
            result.retired.append(slug)
    session.flush()
    return result


def latest_version(session: Session) -> CatalogVersion | None:
    """Return the newest catalog version, if any load happened."""
    query = select(CatalogVersion).order_by(col(CatalogVersion.created_at).desc()).limit(1)
    return session.exec(query).first()


def list_versions(session: Session, *, limit: int, offset: int) -> tuple[list[CatalogVersion], int]:
    """Return catalog versions, newest first, and how many there are."""
    rows = session.exec(
        select(CatalogVersion)
        .order_by(col(CatalogVersion.created_at).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    total = session.exec(select(func.count()).select_from(CatalogVersion)).one()
    return list(rows), total


def public_products(session: Session) -> list[Product]:
    """Return the live products of the public catalog, sorted by id."""
    query = select(Product).where(col(Product.firm_id).is_(None), col(Product.retired_at).is_(None))
    return list(session.exec(query.order_by(col(Product.slug))))


def visible_products(session: Session, *, firm_id: uuid.UUID) -> list[ResolvedProduct]:
    """Return what the firm sees: live public products and its own, its own shadowing public
    ones of the same id, each with the firm's overrides applied, sorted by id."""
    rows = session.exec(
        select(Product).where(
            col(Product.retired_at).is_(None),
            or_(col(Product.firm_id).is_(None), col(Product.firm_id) == firm_id),
        )
    ).all()
    by_slug: dict[str, Product] = {}
    for row in rows:
        if row.slug not in by_slug or row.firm_id is not None:
            by_slug[row.slug] = row
    overrides = _overrides(session, firm_id=firm_id, product_ids=[p.id for p in by_slug.values()])
    return [_resolve(row, overrides.get(row.id, [])) for _, row in sorted(by_slug.items())]


def search_products(
    session: Session, *, firm_id: uuid.UUID, filters: VendorFilters, limit: int, offset: int
) -> tuple[list[ResolvedProduct], int]:
    """Return one page of the products that pass `filters`, and how many pass in all."""
    matching = [
        item for item in visible_products(session, firm_id=firm_id) if filters.matches(item.profile)
    ]
    return matching[offset : offset + limit], len(matching)


def get_product(session: Session, *, firm_id: uuid.UUID, slug: str) -> ResolvedProduct:
    """Return the product `slug` as the firm sees it, or raise ProductNotFound."""
    row = _visible_row(session, firm_id=firm_id, slug=slug)
    overrides = _overrides(session, firm_id=firm_id, product_ids=[row.id])
    return _resolve(row, overrides.get(row.id, []))


def create_private_product(
    session: Session, *, firm_id: uuid.UUID, profile: ProductProfile
) -> ResolvedProduct:
    """Add a product that only the firm sees."""
    try:
        _visible_row(session, firm_id=firm_id, slug=profile.id)
    except ProductNotFound:
        pass
    else:
        raise ProductIdTaken(profile.id)
    row = _new_product(profile, firm_id=firm_id)
    session.add(row)
    session.flush()
    session.add(
        ProductRevision(product_id=row.id, content_hash=row.content_hash, profile=row.profile)
    )
    session.flush()
    return _resolve(row, [])


def patch_facts(
    session: Session,
    *,
    firm_id: uuid.UUID,
    slug: str,
    facts: Mapping[str, Mapping[str, Any] | None],
) -> ResolvedProduct:
    """Set facts by path: on the firm's own product, or as its overrides of a public one.

    For a public product, None removes the firm's override (the public fact shows again).
    Raises InvalidFactPatch when a path is unknown or a value is refused; nothing is written.
    """
    row = _visible_row(session, firm_id=firm_id, slug=slug)
    if row.firm_id is not None:
        profile = _patched_own(row, facts)
        row.sqlmodel_update(_content(profile) | {"updated_at": utc_now()})
        session.add(row)
        session.add(
            ProductRevision(product_id=row.id, content_hash=row.content_hash, profile=row.profile)
        )
        session.flush()
        return _resolve(row, [])
    existing = {
        o.path: o
        for o in _overrides(session, firm_id=firm_id, product_ids=[row.id]).get(row.id, [])
    }
    merged: dict[str, Mapping[str, Any] | None] = {o.path: o.fact for o in existing.values()}
    merged.update(facts)
    kept = {path: fact for path, fact in merged.items() if fact is not None}
    apply_facts(_profile(row), kept)  # validates the whole set before anything is written
    for path, fact in facts.items():
        current = existing.get(path)
        if fact is None:
            if current is not None:
                session.delete(current)
        elif current is None:
            session.add(
                FactOverride(firm_id=firm_id, product_id=row.id, path=path, fact=dict(fact))
            )
        else:
            current.sqlmodel_update({"fact": dict(fact), "updated_at": utc_now()})
            session.add(current)
    session.flush()
    return get_product(session, firm_id=firm_id, slug=slug)


def _visible_row(session: Session, *, firm_id: uuid.UUID, slug: str) -> Product:
    rows = session.exec(
        select(Product).where(
            Product.slug == slug,
            col(Product.retired_at).is_(None),
            or_(col(Product.firm_id).is_(None), col(Product.firm_id) == firm_id),
        )
    ).all()
    if not rows:
        raise ProductNotFound(slug)
    return next((row for row in rows if row.firm_id is not None), rows[0])


def _overrides(
    session: Session, *, firm_id: uuid.UUID, product_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[FactOverride]]:
    ids = list(product_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(FactOverride)
        .where(FactOverride.firm_id == firm_id, col(FactOverride.product_id).in_(ids))
        .order_by(col(FactOverride.path))
    ).all()
    grouped: dict[uuid.UUID, list[FactOverride]] = {}
    for row in rows:
        grouped.setdefault(row.product_id, []).append(row)
    return grouped


def _patched_own(row: Product, facts: Mapping[str, Mapping[str, Any] | None]) -> ProductProfile:
    """The firm's own product with `facts` set; when its stored profile no longer validates,
    the facts may correct it (and must correct every refused value)."""
    try:
        profile = _profile(row)
    except InvalidStoredValue as invalid:
        try:
            return repair_facts(row.profile, facts)
        except UnrepairableData as broken:
            raise invalid from broken
    return apply_facts(profile, facts)


def _resolve(row: Product, overrides: Sequence[FactOverride]) -> ResolvedProduct:
    """Apply the overrides one by one; one that no longer fits the public profile is skipped,
    one whose own value the schema refuses is an InvalidStoredValue."""
    profile = _profile(row)
    applied: dict[str, dict[str, Any] | None] = {}
    stale: list[str] = []
    for override in overrides:
        refused = refused_fact(profile, override.path, override.fact)
        if refused:
            raise InvalidStoredValue(row.slug, refused, kind="override")
        try:
            patched = apply_facts(profile, {override.path: override.fact})
        except InvalidFactPatch:
            stale.append(override.path)
            continue
        applied[override.path] = fact_at(profile, override.path)
        profile = patched
    return ResolvedProduct(product=row, profile=profile, overridden=applied, stale_overrides=stale)


def _profile(row: Product) -> ProductProfile:
    try:
        return profile_from_data(row.profile)
    except ValidationError as exc:  # it validated when written, under the bounds of the day
        kind: StoredKind = "public" if row.firm_id is None else "private"
        raise InvalidStoredValue(row.slug, problems_of(exc, row.profile), kind=kind) from exc


def _content(profile: ProductProfile) -> dict[str, Any]:
    """Return the columns of a product row that derive from its profile."""
    return {
        # Display columns of 200 characters; the profile keeps the full names.
        "vendor": (profile.vendor.value or profile.id)[:200],
        "name": (profile.product.value or profile.id)[:200],
        "profile": dump_profile(profile),
        "content_hash": profile_hash(profile),
    }


def _new_product(profile: ProductProfile, *, firm_id: uuid.UUID | None) -> Product:
    return Product.model_validate({"slug": profile.id, "firm_id": firm_id} | _content(profile))
