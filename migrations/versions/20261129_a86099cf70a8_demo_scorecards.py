"""Scripted demonstration scorecards: scenarios tied to criteria, and evaluators' 1-5 scores
of the finalists (consultants, and the client's key users by invitation).

Revision ID: a86099cf70a8
Revises: 99d8b2c32df2
Create Date: 2026-11-29 11:08:50.527480
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import vendors.sqlbase

revision: str = "a86099cf70a8"
down_revision: str | None = "99d8b2c32df2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "demo_scenario",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("firm_id", sa.Uuid(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("products", sa.JSON(), nullable=False),
        sa.Column("open_to_clients", sa.Boolean(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["firm_id"], ["firm.id"], name=op.f("fk_demo_scenario_firm_id_firm"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_demo_scenario_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demo_scenario")),
    )
    with op.batch_alter_table("demo_scenario", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_demo_scenario_firm_id"), ["firm_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_demo_scenario_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "demo_score",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("scenario_id", sa.Uuid(), nullable=False),
        sa.Column("product", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("evaluator", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("invitation_id", sa.Uuid(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("scored_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("scored_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["invitation.id"],
            name=op.f("fk_demo_score_invitation_id_invitation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["scenario_id"],
            ["demo_scenario.id"],
            name=op.f("fk_demo_score_scenario_id_demo_scenario"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demo_score")),
        sa.UniqueConstraint(
            "scenario_id",
            "product",
            "role",
            "evaluator",
            name=op.f("uq_demo_score_scenario_id_product_role_evaluator"),
        ),
    )
    with op.batch_alter_table("demo_score", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_demo_score_invitation_id"), ["invitation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_demo_score_scenario_id"), ["scenario_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("demo_score", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_demo_score_scenario_id"))
        batch_op.drop_index(batch_op.f("ix_demo_score_invitation_id"))

    op.drop_table("demo_score")
    with op.batch_alter_table("demo_scenario", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_demo_scenario_project_id"))
        batch_op.drop_index(batch_op.f("ix_demo_scenario_firm_id"))

    op.drop_table("demo_scenario")
