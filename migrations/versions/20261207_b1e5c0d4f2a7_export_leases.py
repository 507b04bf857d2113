"""Exports rendered in the background hold a lease while they render and count their
attempts: a second worker leaves a render alone, and one that keeps being interrupted fails.

Revision ID: b1e5c0d4f2a7
Revises: a628501ad5e8
Create Date: 2026-11-29 18:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import vendors.sqlbase

revision: str = "b1e5c0d4f2a7"
down_revision: str | None = "a628501ad5e8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("export_job") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(
            sa.Column("leased_until", vendors.sqlbase.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("export_job") as batch:
        batch.drop_column("leased_until")
        batch.drop_column("attempts")
