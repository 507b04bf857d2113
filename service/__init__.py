"""Shortlist: the web service (HTTP API, web form, CLI) around the catalog and the engine."""

import os
from importlib.metadata import PackageNotFoundError, version

# The engine's batch paths avoid BLAS; a BLAS thread pool per worker only stalls a small
# machine under load. Set before numpy is first imported; an explicit setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

try:
    __version__ = version("shortlist")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
