"""Running the Alembic migrations from Python (the CLI, the tests, the container start)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection

import migrations

MIGRATIONS_DIR = Path(migrations.__file__).resolve().parent


def alembic_config(url: str | None = None, *, connection: Connection | None = None) -> Config:
    """Return an Alembic config for `url` or for an already open `connection`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


HEAD = "heads"  # every branch's head, so parallel branches merge cleanly


def upgrade(
    url: str | None = None, *, revision: str = HEAD, connection: Connection | None = None
) -> None:
    """Migrate the database up to `revision`."""
    command.upgrade(alembic_config(url, connection=connection), revision)


def downgrade(
    url: str | None = None, *, revision: str, connection: Connection | None = None
) -> None:
    """Migrate the database down to `revision` (`base` empties it)."""
    command.downgrade(alembic_config(url, connection=connection), revision)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Whether Alembic compares this object with the models: procrastinate's tables are its
    own, installed by a migration from its schema script, and have no model here."""
    return not (type_ == "table" and name is not None and name.startswith("procrastinate_"))
