"""The API fixtures of the service tests (the app on a rolled-back transaction, a firm, its
client and the shipped catalog), for whole selections through HTTP on both databases."""

from tests.service.conftest import (  # noqa: F401  (fixtures)
    app,
    client,
    firm_key,
    loaded_catalog,
    settings,
)
