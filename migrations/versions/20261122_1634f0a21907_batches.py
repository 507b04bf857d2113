"""Batch comparisons: batches, their stored input, processed chunks and results.

Revision ID: 1634f0a21907
Revises: ed81d48c1058
Create Date: 2026-11-22 20:39:34.413012
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import vendors.sqlbase

revision: str = "1634f0a21907"
down_revision: str | None = "ed81d48c1058"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "batch",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("firm_id", sa.Uuid(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("input_format", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("output_format", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("processed", sa.Integer(), nullable=False),
        sa.Column("ranked", sa.Integer(), nullable=False),
        sa.Column("without_candidate", sa.Integer(), nullable=False),
        sa.Column("failed_rows", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("runner", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("heartbeat_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=True),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("created_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["firm_id"], ["firm.id"], name=op.f("fk_batch_firm_id_firm"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch")),
    )
    with op.batch_alter_table("batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_batch_firm_id"), ["firm_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_batch_status"), ["status"], unique=False)

    op.create_table(
        "batch_chunk",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batch.id"],
            name=op.f("fk_batch_chunk_batch_id_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch_chunk")),
        sa.UniqueConstraint("batch_id", "position", name=op.f("uq_batch_chunk_batch_id_position")),
    )
    with op.batch_alter_table("batch_chunk", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_batch_chunk_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "batch_input",
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("catalog", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batch.id"],
            name=op.f("fk_batch_input_batch_id_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_batch_input")),
    )
    op.create_table(
        "batch_result",
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("media_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batch.id"],
            name=op.f("fk_batch_result_batch_id_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_batch_result")),
    )


def downgrade() -> None:
    op.drop_table("batch_result")
    op.drop_table("batch_input")
    with op.batch_alter_table("batch_chunk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batch_chunk_batch_id"))

    op.drop_table("batch_chunk")
    with op.batch_alter_table("batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batch_status"))
        batch_op.drop_index(batch_op.f("ix_batch_firm_id"))

    op.drop_table("batch")
