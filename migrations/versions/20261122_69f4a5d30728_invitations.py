"""Invitations: links to a project's client questionnaire, stored as token digests.

Revision ID: 69f4a5d30728
Revises: ed81d48c1058
Create Date: 2026-11-22 20:22:42.328046
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import vendors.sqlbase

revision: str = "69f4a5d30728"
down_revision: str | None = "ed81d48c1058"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "invitation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("firm_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("show_results", sa.Boolean(), nullable=False),
        sa.Column("expires_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("answered_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["firm_id"], ["firm.id"], name=op.f("fk_invitation_firm_id_firm"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_invitation_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitation_token_hash")),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitation_firm_id"), ["firm_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitation_project_id"), ["project_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_project_id"))
        batch_op.drop_index(batch_op.f("ix_invitation_firm_id"))

    op.drop_table("invitation")
