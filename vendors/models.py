"""Tables of the catalog: products (public or a firm's own), their revisions, catalog versions
and firms' private overrides of public facts.

A product row keeps its whole profile as JSON, in the canonical form of `vendors.files`; the
facts are derived from it (`vendors.schema.iter_facts`), never stored twice.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from vendors.sqlbase import UTCDateTime, new_id, utc_now


class CatalogVersion(SQLModel, table=True):
    """One state of the public catalog, created by each load that changes its content."""

    __tablename__ = "catalog_version"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    content_hash: str = Field(max_length=64, index=True)
    product_count: int
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Product(SQLModel, table=True):
    """A CRM product; `firm_id` is null for the public catalog, else the owning firm's id."""

    __table_args__ = (
        UniqueConstraint("firm_id", "slug"),
        Index(
            "uq_product_public_slug",
            "slug",
            unique=True,
            sqlite_where=text("firm_id IS NULL"),
            postgresql_where=text("firm_id IS NULL"),
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    slug: str = Field(max_length=100, index=True)
    firm_id: uuid.UUID | None = Field(
        default=None, foreign_key="firm.id", ondelete="CASCADE", index=True
    )
    vendor: str = Field(max_length=200)
    name: str = Field(max_length=200)
    profile: dict[str, Any] = Field(sa_type=JSON)
    content_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    retired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ProductRevision(SQLModel, table=True):
    """A product's profile as it was from one change to the next."""

    __tablename__ = "product_revision"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    product_id: uuid.UUID = Field(foreign_key="product.id", ondelete="CASCADE", index=True)
    catalog_version_id: uuid.UUID | None = Field(
        default=None, foreign_key="catalog_version.id", index=True
    )
    content_hash: str = Field(max_length=64)
    profile: dict[str, Any] = Field(sa_type=JSON)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class FactOverride(SQLModel, table=True):
    """A firm's own value for one fact of a public product (a negotiated price, say)."""

    __tablename__ = "fact_override"
    __table_args__ = (UniqueConstraint("firm_id", "product_id", "path"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    firm_id: uuid.UUID = Field(foreign_key="firm.id", ondelete="CASCADE", index=True)
    product_id: uuid.UUID = Field(foreign_key="product.id", ondelete="CASCADE", index=True)
    path: str = Field(max_length=200)
    fact: dict[str, Any] = Field(sa_type=JSON)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
