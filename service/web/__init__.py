"""The client web form: a bilingual questionnaire opened by an invitation link."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service.web.routes import STATIC_DIR, PageError, page_error, router


def install_web(app: FastAPI) -> None:
    """Serve the client pages, their error pages and their local stylesheet and script."""
    app.include_router(router)
    app.add_exception_handler(PageError, page_error)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
