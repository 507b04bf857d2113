"""The `Location` of a resource a request created (201) or accepted (202), and its place in the
OpenAPI document."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response

#: `responses=` entry for a route answering 201 or 202 with a Location.
LOCATION_HEADER: dict[str, Any] = {
    "Location": {
        "description": "The address of the resource created (or of the accepted batch).",
        "schema": {"type": "string", "format": "uri"},
    }
}


def located(status: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI entry of a `status` response that carries a Location."""
    return {status: {"headers": LOCATION_HEADER}}


def locate(request: Request, response: Response, route: str, **params: Any) -> None:
    """Set the response's Location to the address of `route` (a route's name) with `params`."""
    response.headers["Location"] = str(request.url_for(route, **params))
