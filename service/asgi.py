"""The ASGI entry point for uvicorn workers: `uvicorn service.asgi:app`.

Started by a process manager with WEB_CONCURRENCY workers (uvicorn's and gunicorn's setting),
it refuses to start several without SECRET_KEY, as `shortlist serve` does.
"""

import os

from service.config import get_settings, several_workers_problem
from service.logs import configure_logging
from service.main import create_app

_concurrency = os.environ.get("WEB_CONCURRENCY", "1")
_problem = several_workers_problem(int(_concurrency) if _concurrency.isdigit() else 1)
if _problem:
    raise SystemExit(_problem)
configure_logging(get_settings().log_level)
app = create_app()
