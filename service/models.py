"""Imports every table module so that `SQLModel.metadata` knows the whole schema (Alembic)."""

from service.projects.models import ClientProject, Evaluation, ProjectEvent, StakeholderWeight
from service.tenancy.models import ApiKey, Firm
from vendors.models import CatalogVersion, FactOverride, Product, ProductRevision

__all__ = [
    "ApiKey",
    "CatalogVersion",
    "ClientProject",
    "Evaluation",
    "FactOverride",
    "Firm",
    "Product",
    "ProductRevision",
    "ProjectEvent",
    "StakeholderWeight",
]
