"""Imports every table module so that `SQLModel.metadata` knows the whole schema (Alembic)."""

from service.batches.models import (
    Batch,
    BatchCatalog,
    BatchInputChunk,
    BatchOutputChunk,
    BatchResult,
    BatchResultPart,
)
from service.demos.models import DemoScenario, DemoScore
from service.exports.models import ExportJob
from service.invitations.models import Invitation
from service.projects.models import ClientProject, Evaluation, ProjectEvent, StakeholderWeight
from service.tenancy.models import ApiKey, Firm
from service.vendor_requests.models import VendorAnswer, VendorRequest
from vendors.models import CatalogVersion, FactOverride, Product, ProductRevision

__all__ = [
    "ApiKey",
    "Batch",
    "BatchCatalog",
    "BatchInputChunk",
    "BatchOutputChunk",
    "BatchResult",
    "BatchResultPart",
    "CatalogVersion",
    "ClientProject",
    "DemoScenario",
    "DemoScore",
    "Evaluation",
    "ExportJob",
    "FactOverride",
    "Firm",
    "Invitation",
    "Product",
    "ProductRevision",
    "ProjectEvent",
    "StakeholderWeight",
    "VendorAnswer",
    "VendorRequest",
]
