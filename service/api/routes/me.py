"""Who the caller is: the firm its API key belongs to."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import BaseModel

from service.deps import CurrentFirm

router = APIRouter(prefix="/me", tags=["tenancy"])


class FirmPublic(BaseModel):
    """The caller's firm."""

    id: uuid.UUID
    name: str


@router.get("", response_model=FirmPublic)
def read_me(firm: CurrentFirm) -> FirmPublic:
    """Return the firm that the API key belongs to."""
    return FirmPublic(id=firm.id, name=firm.name)
