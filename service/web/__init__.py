"""The web pages opened by a link without an account: the client's bilingual questionnaire
(an invitation) and the vendor's (a vendor request)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service.errors import ErrorPage
from service.web import demo_routes, vendor_routes
from service.web.routes import STATIC_DIR, PageError, error_page, page_error, router

# The client pages answer their errors with a page in the visitor's language, never JSON.
ERROR_PAGES: tuple[tuple[str, ErrorPage], ...] = (
    ("/invite/", error_page),
    ("/vendor/", error_page),
)


def install_web(app: FastAPI) -> None:
    """Serve the client pages, their error pages and their local stylesheet and script."""
    app.include_router(demo_routes.router)  # before the steps' /invite/{token}/{step}
    app.include_router(router)
    app.include_router(vendor_routes.router)
    app.add_exception_handler(PageError, page_error)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
