"""Runtime settings, read from the environment (and an optional `.env` file)."""

from __future__ import annotations

import secrets
from functools import lru_cache
from typing import Annotated, Literal

from limits import parse
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./shortlist.db"


def normalise_database_url(url: str) -> str:
    """Return `url` with an explicit SQLAlchemy driver (psycopg 3 for PostgreSQL)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Settings(BaseSettings):
    """Shortlist settings; every field can be set by the environment variable of its name."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL; SQLite (embedded default) or PostgreSQL (production).",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated origins allowed by CORS; empty disables CORS.",
    )
    secret_key: str = Field(
        default_factory=lambda: secrets.token_urlsafe(32),
        min_length=16,
        description="Secret for signed tokens (the client form's CSRF tokens); random per "
        "process when unset, so required with several workers.",
    )
    max_body_bytes: int = Field(
        default=1_048_576, gt=0, description="Largest accepted request body, in bytes."
    )
    batch_max_body_bytes: int = Field(
        default=335_544_320,
        gt=0,
        description="Largest batch upload (POST /api/v1/batches): 320 MiB, about a million "
        "clients as CSV.",
    )
    batch_worker: bool = Field(
        default=True,
        description="SQLite only: process batches in a thread of each service process. On "
        "PostgreSQL batches are processed by `shortlist worker` processes.",
    )
    batch_poll_seconds: float = Field(
        default=2.0,
        gt=0,
        description="How often a batch worker looks for work it was not told about.",
    )
    batch_stale_seconds: float = Field(
        default=30.0,
        ge=1,
        description="A worker silent for this long is taken for stopped: its chunk is run "
        "again elsewhere (queue workers report every third of it).",
    )
    batch_chunk_size: int = Field(
        default=1000,
        ge=1,
        le=10_000,
        description="Clients per stored chunk of a batch, and per job.",
    )

    webhook_secret: str | None = Field(
        default=None,
        min_length=16,
        description="Key of the HMAC-SHA256 signature of batch webhooks; unset, a batch "
        "with a webhook_url is refused.",
    )
    webhook_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated hosts batch webhooks may call (http allowed for these); "
        "empty: any host, over https only.",
    )

    export_processes: int = Field(
        default=1,
        ge=0,
        le=32,
        description="Worker processes that render PDF and XLSX exports apart from the "
        "service's own (so a report does not slow the requests being answered); 0 renders "
        "them inside the request.",
    )

    rate_limit_per_key: str = Field(
        default="600/minute",
        description="Requests one API key may make (`limits` notation, e.g. 600/minute).",
    )
    rate_limit_per_address: str = Field(
        default="300/minute",
        description="Requests to the client pages from one client address.",
    )
    rate_limit_failures: str = Field(
        default="30/minute",
        description="Failed attempts from one client address (an unknown or revoked API key, "
        "an unknown invitation link) before its requests are refused.",
    )
    rate_limit_uploads: str = Field(
        default="30/hour",
        description="Batch uploads (POST /api/v1/batches) one API key may make, each up to "
        "BATCH_MAX_BODY_BYTES and a minute of reading; counted on top of its requests.",
    )
    rate_limit_storage: str = Field(
        default="memory://",
        description="Where the counts are kept: memory:// (one process) or a Redis URL "
        "(redis://host:6379/0), shared by every worker.",
    )

    @property
    def secret_key_configured(self) -> bool:
        """Whether SECRET_KEY was given, rather than drawn at random for this process."""
        return "secret_key" in self.model_fields_set

    @field_validator(
        "rate_limit_per_key", "rate_limit_per_address", "rate_limit_failures", "rate_limit_uploads"
    )
    @classmethod
    def _rate(cls, value: str) -> str:
        try:
            parse(value)
        except ValueError as exc:
            raise ValueError(f"not a rate such as 600/minute: {value!r}") from exc
        return value

    @field_validator("rate_limit_storage")
    @classmethod
    def _storage(cls, value: str) -> str:
        if value.split("://", 1)[0] not in {"memory", "redis", "rediss"}:
            raise ValueError("memory:// or a redis:// URL")
        return value

    @field_validator("database_url")
    @classmethod
    def _driver(cls, value: str) -> str:
        return normalise_database_url(value)

    @field_validator("allowed_origins", "webhook_hosts", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings (tests clear the cache or override the dependency)."""
    return Settings()


def several_workers_problem(workers: int) -> str | None:
    """Why `workers` processes cannot serve with the current settings, or None.

    Each process draws its own random secret when SECRET_KEY is unset, so a form page served
    by one worker would be refused by another (403 on a genuine submission).
    """
    if workers <= 1 or get_settings().secret_key_configured:
        return None
    return (
        f"{workers} workers need one shared secret to sign the client form: set SECRET_KEY "
        "to a random value of 16 characters or more, the same for every worker, e.g. "
        "`export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')`, "
        "or serve with one worker."
    )
