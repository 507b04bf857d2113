"""Imports every table module so that `SQLModel.metadata` knows the whole schema (Alembic)."""

from service.tenancy.models import ApiKey, Firm

__all__ = ["ApiKey", "Firm"]
