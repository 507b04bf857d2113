"""Merge the invitations and batches branches, which both grew from the projects revision.

Revision ID: 07560c92fa95
Revises: 1634f0a21907, 69f4a5d30728
Create Date: 2026-11-22 21:06:46.653727
"""

from collections.abc import Sequence

revision: str = "07560c92fa95"
down_revision: str | tuple[str, ...] | None = ("1634f0a21907", "69f4a5d30728")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: both branches' tables are already there."""


def downgrade() -> None:
    """Nothing to change: each branch's own downgrade removes its tables."""
