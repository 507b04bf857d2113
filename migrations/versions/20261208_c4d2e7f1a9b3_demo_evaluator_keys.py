"""A key user's scores of the demonstrations are bound to the browser that gave them: the
digest of a secret that browser keeps, so that no one else using the same invitation link can
change or read them under the same name.

Revision ID: c4d2e7f1a9b3
Revises: b1e5c0d4f2a7
Create Date: 2026-11-30 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4d2e7f1a9b3"
down_revision: str | None = "b1e5c0d4f2a7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("demo_score") as batch:
        batch.add_column(sa.Column("evaluator_key", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("demo_score") as batch:
        batch.drop_column("evaluator_key")
