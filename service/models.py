"""Imports every table module so that `SQLModel.metadata` knows the whole schema (Alembic)."""

from service.tenancy.models import ApiKey, Firm
from vendors.models import CatalogVersion, FactOverride, Product, ProductRevision

__all__ = ["ApiKey", "CatalogVersion", "FactOverride", "Firm", "Product", "ProductRevision"]
