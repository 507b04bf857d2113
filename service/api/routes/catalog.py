"""Catalog versions: each load that changed the public catalog's content."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel

from service.deps import CurrentFirm, SessionDep
from service.pagination import Limit, Offset
from vendors import service as catalog

router = APIRouter(prefix="/catalog", tags=["vendors"])


class CatalogVersionPublic(BaseModel):
    """One state of the public catalog."""

    id: uuid.UUID
    content_hash: str
    product_count: int
    created_at: datetime


class CatalogVersionsPublic(BaseModel):
    """Catalog versions, newest first."""

    data: list[CatalogVersionPublic]
    count: int


@router.get("/versions", response_model=CatalogVersionsPublic)
def list_catalog_versions(
    session: SessionDep, _firm: CurrentFirm, limit: Limit = 50, offset: Offset = 0
) -> CatalogVersionsPublic:
    """List the catalog versions, newest first; evaluations record the one they used."""
    rows, count = catalog.list_versions(session, limit=limit, offset=offset)
    return CatalogVersionsPublic(
        data=[CatalogVersionPublic.model_validate(row, from_attributes=True) for row in rows],
        count=count,
    )
