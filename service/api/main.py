"""Collects every resource router under `/api/v1`."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.api.routes import (
    batches,
    catalog,
    criteria_info,
    decision,
    demos,
    evaluations,
    exports,
    invitations,
    me,
    projects,
    vendor_requests,
    vendors,
)
from service.deps import get_current_firm, reject_unknown_query
from service.errors import ErrorResponse

_AUTH_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorResponse, "description": "Missing, unknown or revoked API key"},
}

api_router = APIRouter(
    prefix="/api/v1",
    dependencies=[Depends(get_current_firm), Depends(reject_unknown_query)],
    responses=_AUTH_ERRORS,
)
api_router.include_router(me.router)
api_router.include_router(vendors.router)
api_router.include_router(catalog.router)
api_router.include_router(projects.router)
api_router.include_router(invitations.router)
api_router.include_router(vendor_requests.router)
api_router.include_router(demos.router)
api_router.include_router(evaluations.router)
api_router.include_router(exports.router)
api_router.include_router(batches.router)
api_router.include_router(criteria_info.router)
api_router.include_router(decision.router)
