"""Client projects, stakeholders' weights, project history and evaluation snapshots.

Revision ID: ed81d48c1058
Revises: 644983b81d48
Create Date: 2026-11-22 19:57:23.842572
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import vendors.sqlbase

revision: str = "ed81d48c1058"
down_revision: str | None = "644983b81d48"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "project",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("firm_id", sa.Uuid(), nullable=False),
        sa.Column("client_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("requirements", sa.JSON(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["firm_id"], ["firm.id"], name=op.f("fk_project_firm_id_firm"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_firm_id"), ["firm_id"], unique=False)

    op.create_table(
        "evaluation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("firm_id", sa.Uuid(), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("project_version", sa.Integer(), nullable=False),
        sa.Column("catalog_version_id", sa.Uuid(), nullable=True),
        sa.Column("input_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalog_version_id"],
            ["catalog_version.id"],
            name=op.f("fk_evaluation_catalog_version_id_catalog_version"),
        ),
        sa.ForeignKeyConstraint(
            ["firm_id"], ["firm.id"], name=op.f("fk_evaluation_firm_id_firm"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_evaluation_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation")),
    )
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_firm_id"), ["firm_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_input_hash"), ["input_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_project_id"), ["project_id"], unique=False)

    op.create_table(
        "project_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_event_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_event")),
    )
    with op.batch_alter_table("project_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_event_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "stakeholder_weight",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("given", sa.JSON(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("diagnostics", sa.JSON(), nullable=True),
        sa.Column("updated_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_stakeholder_weight_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stakeholder_weight")),
        sa.UniqueConstraint(
            "project_id", "name", name=op.f("uq_stakeholder_weight_project_id_name")
        ),
    )
    with op.batch_alter_table("stakeholder_weight", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stakeholder_weight_project_id"), ["project_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("stakeholder_weight", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stakeholder_weight_project_id"))

    op.drop_table("stakeholder_weight")
    with op.batch_alter_table("project_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_event_project_id"))

    op.drop_table("project_event")
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_project_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_input_hash"))
        batch_op.drop_index(batch_op.f("ix_evaluation_firm_id"))

    op.drop_table("evaluation")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_firm_id"))

    op.drop_table("project")
