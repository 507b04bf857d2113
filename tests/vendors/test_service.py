"""Catalog storage on both databases: versions, revisions, private products and overrides."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from service.tenancy.apikeys import get_or_create_firm
from vendors import service as catalog
from vendors.files import content_hash, dump_profile, profile_from_data
from vendors.models import ProductRevision
from vendors.patching import InvalidFactPatch
from vendors.schema import ProductProfile

SOURCED = {"source": "quote Q-7", "as_of": "2026-10-01", "confidence": "consultant_verified"}
PRICE = {"value": {"amount": 99, "currency": "EUR", "unit": "user_month"}, **SOURCED}


def renamed(profile: ProductProfile, name: str) -> ProductProfile:
    data = dump_profile(profile)
    data["product"] = {"value": name, **SOURCED}
    return profile_from_data(data)


def test_loading_creates_a_version_once(
    session: Session, shipped_profiles: list[ProductProfile]
) -> None:
    first = catalog.load_catalog(session, shipped_profiles)
    assert first.created_version
    assert len(first.added) == len(shipped_profiles)
    assert first.version.content_hash == content_hash(shipped_profiles)
    again = catalog.load_catalog(session, shipped_profiles)
    assert not again.created_version
    assert again.version.id == first.version.id
    versions, count = catalog.list_versions(session, limit=10, offset=0)
    assert count == 1
    assert versions[0].product_count == len(shipped_profiles)


def test_a_change_makes_a_version_and_a_revision(
    session: Session, shipped_profiles: list[ProductProfile]
) -> None:
    catalog.load_catalog(session, shipped_profiles)
    changed = [renamed(shipped_profiles[0], "Renamed CRM"), *shipped_profiles[2:]]
    result = catalog.load_catalog(session, changed)
    assert result.created_version
    assert result.updated == [shipped_profiles[0].id]
    assert result.retired == [shipped_profiles[1].id]
    assert result.unchanged == len(shipped_profiles) - 2
    slugs = {row.slug for row in catalog.public_products(session)}
    assert shipped_profiles[1].id not in slugs
    revisions = session.exec(select(ProductRevision)).all()
    assert len(revisions) == len(shipped_profiles) + 1
    # Loading the original content again brings the retired product back.
    back = catalog.load_catalog(session, shipped_profiles)
    assert back.created_version
    assert shipped_profiles[1].id in back.updated
    assert catalog.list_versions(session, limit=10, offset=0)[1] == 3


def test_private_products_are_seen_by_their_firm_only(
    session: Session, shipped_profiles: list[ProductProfile]
) -> None:
    catalog.load_catalog(session, shipped_profiles)
    alpha = get_or_create_firm(session, name="Alpha")
    beta = get_or_create_firm(session, name="Beta")
    own = profile_from_data(
        {"id": "alpha_vertical_crm", "product": {"value": "Wine CRM", **SOURCED}}
    )
    catalog.create_private_product(session, firm_id=alpha.id, profile=own)
    alpha_ids = {p.profile.id for p in catalog.visible_products(session, firm_id=alpha.id)}
    beta_ids = {p.profile.id for p in catalog.visible_products(session, firm_id=beta.id)}
    assert alpha_ids == beta_ids | {"alpha_vertical_crm"}
    with pytest.raises(catalog.ProductNotFound):
        catalog.get_product(session, firm_id=beta.id, slug="alpha_vertical_crm")
    with pytest.raises(catalog.ProductIdTaken):
        catalog.create_private_product(session, firm_id=alpha.id, profile=own)
    # Beta may use the same id for a product of its own.
    catalog.create_private_product(session, firm_id=beta.id, profile=own)


def test_overrides_are_seen_by_their_firm_only(
    session: Session, shipped_profiles: list[ProductProfile]
) -> None:
    catalog.load_catalog(session, shipped_profiles)
    alpha = get_or_create_firm(session, name="Alpha")
    beta = get_or_create_firm(session, name="Beta")
    target = next(p for p in shipped_profiles if p.editions)
    path = f"editions.{target.editions[0].key}.price"
    patched = catalog.patch_facts(session, firm_id=alpha.id, slug=target.id, facts={path: PRICE})
    assert path in patched.overridden
    assert patched.overridden[path] == (
        target.editions[0].price.model_dump(mode="json", exclude_defaults=True)
    )
    assert patched.profile.editions[0].price.source == "quote Q-7"
    seen_by_beta = catalog.get_product(session, firm_id=beta.id, slug=target.id)
    assert seen_by_beta.profile == target
    assert seen_by_beta.overridden == {}
    # The public row itself is untouched.
    public = next(p for p in catalog.public_products(session) if p.slug == target.id)
    assert profile_from_data(public.profile) == target
    # Null removes the override.
    cleared = catalog.patch_facts(session, firm_id=alpha.id, slug=target.id, facts={path: None})
    assert cleared.profile == target


def test_an_invalid_patch_writes_nothing(
    session: Session, shipped_profiles: list[ProductProfile]
) -> None:
    catalog.load_catalog(session, shipped_profiles)
    alpha = get_or_create_firm(session, name="Alpha")
    target = shipped_profiles[0]
    facts: dict[str, dict[str, object] | None] = {
        "deployment.saas": {"value": True, **SOURCED},
        "deployment.on_premise": {"value": "maybe", **SOURCED},
    }
    with pytest.raises(InvalidFactPatch):
        catalog.patch_facts(session, firm_id=alpha.id, slug=target.id, facts=facts)
    assert catalog.get_product(session, firm_id=alpha.id, slug=target.id).overridden == {}


def test_patching_a_private_product_keeps_a_revision(session: Session) -> None:
    alpha = get_or_create_firm(session, name="Alpha")
    own = profile_from_data({"id": "alpha_crm"})
    catalog.create_private_product(session, firm_id=alpha.id, profile=own)
    item = catalog.patch_facts(
        session,
        firm_id=alpha.id,
        slug="alpha_crm",
        facts={"product": {"value": "Alpha", **SOURCED}},
    )
    assert item.product.name == "Alpha"
    assert item.overridden == {}
    revisions = session.exec(
        select(ProductRevision).where(ProductRevision.product_id == item.product.id)
    ).all()
    assert len(revisions) == 2
