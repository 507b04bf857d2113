"""Property-based fuzzing of the whole published API (schemathesis over /openapi.json).

Every operation is called with generated inputs, valid and invalid, with a live API key. A 5xx,
a status code the schema does not declare, or a body that does not match the declared schema
fails the test. New endpoints are covered as soon as they are published.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings

from service.tenancy.apikeys import NewApiKey

MAX_EXAMPLES = 30


@pytest.fixture
def api_schema(app: FastAPI) -> schemathesis.schemas.BaseSchema:
    """The app's OpenAPI schema, served in-process."""
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case: schemathesis.Case[Any], firm_key: NewApiKey) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {firm_key.secret}"})
