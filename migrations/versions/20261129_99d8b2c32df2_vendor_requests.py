"""Vendor requests: questions about a project's product sent by link (token digests only),
and the vendor's answers pending the consultant's review.

Revision ID: 99d8b2c32df2
Revises: 07560c92fa95
Create Date: 2026-11-29 09:37:07.623927
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import vendors.sqlbase

revision: str = "99d8b2c32df2"
down_revision: str | None = "07560c92fa95"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "vendor_request",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("firm_id", sa.Uuid(), nullable=False),
        sa.Column("product", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("evaluation_id", sa.Uuid(), nullable=True),
        sa.Column("expires_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=True),
        sa.Column("submitted_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_vendor_request_evaluation_id_evaluation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["firm_id"],
            ["firm.id"],
            name=op.f("fk_vendor_request_firm_id_firm"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_vendor_request_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vendor_request")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_vendor_request_token_hash")),
    )
    with op.batch_alter_table("vendor_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vendor_request_evaluation_id"), ["evaluation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_vendor_request_firm_id"), ["firm_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_vendor_request_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "vendor_answer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("question", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("evidence_url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("comment", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("answered_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("answered_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("reviewed_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("reviewed_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["vendor_request.id"],
            name=op.f("fk_vendor_answer_request_id_vendor_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vendor_answer")),
        sa.UniqueConstraint(
            "request_id", "question", name=op.f("uq_vendor_answer_request_id_question")
        ),
    )
    with op.batch_alter_table("vendor_answer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vendor_answer_request_id"), ["request_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("vendor_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vendor_answer_request_id"))

    op.drop_table("vendor_answer")
    with op.batch_alter_table("vendor_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vendor_request_project_id"))
        batch_op.drop_index(batch_op.f("ix_vendor_request_firm_id"))
        batch_op.drop_index(batch_op.f("ix_vendor_request_evaluation_id"))

    op.drop_table("vendor_request")
