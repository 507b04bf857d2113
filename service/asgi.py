"""The ASGI entry point for uvicorn workers: `uvicorn service.asgi:app`."""

from service.config import get_settings
from service.logs import configure_logging
from service.main import create_app

configure_logging(get_settings().log_level)
app = create_app()
