"""Shortlist: the web service (HTTP API, web form, CLI) around the catalog and the engine."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("shortlist")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
