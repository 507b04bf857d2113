"""Catalog: products (public or a firm's own), their revisions, catalog versions, overrides.

Revision ID: 644983b81d48
Revises: da036b938770
Create Date: 2026-11-22 19:38:49.798862
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import vendors.sqlbase

revision: str = "644983b81d48"
down_revision: str | None = "da036b938770"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalog_version",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("product_count", sa.Integer(), nullable=False),
        sa.Column("created_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_version")),
    )
    with op.batch_alter_table("catalog_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_catalog_version_content_hash"), ["content_hash"], unique=False
        )

    op.create_table(
        "product",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("firm_id", sa.Uuid(), nullable=True),
        sa.Column("vendor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.Column("retired_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["firm_id"], ["firm.id"], name=op.f("fk_product_firm_id_firm"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product")),
        sa.UniqueConstraint("firm_id", "slug", name=op.f("uq_product_firm_id_slug")),
    )
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_firm_id"), ["firm_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_product_slug"), ["slug"], unique=False)
        batch_op.create_index(
            "uq_product_public_slug",
            ["slug"],
            unique=True,
            sqlite_where=sa.text("firm_id IS NULL"),
            postgresql_where=sa.text("firm_id IS NULL"),
        )

    op.create_table(
        "fact_override",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("firm_id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("path", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("fact", sa.JSON(), nullable=False),
        sa.Column("created_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["firm_id"], ["firm.id"], name=op.f("fk_fact_override_firm_id_firm"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_fact_override_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact_override")),
        sa.UniqueConstraint(
            "firm_id", "product_id", "path", name=op.f("uq_fact_override_firm_id_product_id_path")
        ),
    )
    with op.batch_alter_table("fact_override", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fact_override_firm_id"), ["firm_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_fact_override_product_id"), ["product_id"], unique=False
        )

    op.create_table(
        "product_revision",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("catalog_version_id", sa.Uuid(), nullable=True),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("created_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalog_version_id"],
            ["catalog_version.id"],
            name=op.f("fk_product_revision_catalog_version_id_catalog_version"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_revision_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_revision")),
    )
    with op.batch_alter_table("product_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_revision_catalog_version_id"),
            ["catalog_version_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_product_revision_product_id"), ["product_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("product_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_revision_product_id"))
        batch_op.drop_index(batch_op.f("ix_product_revision_catalog_version_id"))

    op.drop_table("product_revision")
    with op.batch_alter_table("fact_override", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fact_override_product_id"))
        batch_op.drop_index(batch_op.f("ix_fact_override_firm_id"))

    op.drop_table("fact_override")
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_product_public_slug",
            sqlite_where=sa.text("firm_id IS NULL"),
            postgresql_where=sa.text("firm_id IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_product_slug"))
        batch_op.drop_index(batch_op.f("ix_product_firm_id"))

    op.drop_table("product")
    with op.batch_alter_table("catalog_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalog_version_content_hash"))

    op.drop_table("catalog_version")
