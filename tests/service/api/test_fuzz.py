"""Property-based fuzzing of the whole published API (schemathesis over /openapi.json).

Every operation is called with generated inputs, valid and invalid, with a live API key. A 5xx,
a status code the schema does not declare, a body that does not match the declared schema, or
invalid input that is accepted fails the test. New endpoints are covered as soon as they are
published.

Schema-valid input must also be accepted, except for the operations listed in
`CROSS_FIELD_RULES`: their bodies obey rules that JSON Schema cannot state (a fact with a value
needs a source), so generated bodies are rightly refused with 422.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from requests.structures import CaseInsensitiveDict
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy import Engine

from service.config import Settings
from service.tenancy.apikeys import NewApiKey
from tests.service.conftest import make_settings

MAX_EXAMPLES = 30
# Operations whose body schema is large (a whole product profile) are slow to generate for:
# fewer examples, still every check.
HEAVY_BODIES = {"POST /api/v1/vendors"}
HEAVY_MAX_EXAMPLES = 4
CROSS_FIELD_RULES = {
    # A fact with a value needs a source; patched paths must exist in the product.
    ("POST", "/api/v1/vendors"),
    ("PATCH", "/api/v1/vendors/{vendor_id}"),
    # A budget's low must not exceed its high.
    ("POST", "/api/v1/projects"),
    ("PATCH", "/api/v1/projects/{project_id}"),
    # The fields must match the weighting method; an AHP matrix must be square.
    ("PUT", "/api/v1/projects/{project_id}/stakeholders/{name}/weights"),
    # The products must exist in the catalog and the method accept the parameters.
    ("POST", "/api/v1/projects/{project_id}/evaluations"),
    # The matrix must be rectangular, with one objective and weight per criterion, names
    # unique, an AHP matrix square and reciprocal, and the work within its budget.
    ("POST", "/api/v1/rank"),
    ("POST", "/api/v1/weights/ahp"),
    ("POST", "/api/v1/sensitivity/smaa"),
    ("POST", "/api/v1/sensitivity/stability"),
    ("POST", "/api/v1/sensitivity/agreement"),
    # The uploaded file must be a readable CSV, XLSX or JSON of client profiles.
    ("POST", "/api/v1/batches"),
}


@pytest.fixture(name="settings")
def unlimited_settings(engine: Engine) -> Settings:
    """No rate limit the fuzzer reaches: it sends hundreds of requests, with and without a
    key, in seconds (the limits have tests of their own)."""
    unlimited = "1000000/minute"
    return make_settings(
        engine,
        rate_limit_per_key=unlimited,
        rate_limit_per_address=unlimited,
        rate_limit_failures=unlimited,
        rate_limit_uploads=unlimited,
    )


@pytest.fixture
def api_schema(app: FastAPI, firm_key: NewApiKey) -> schemathesis.schemas.BaseSchema:
    """The app's OpenAPI schema, served in-process, every case sent with a live API key."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    # Every string refuses a NUL (422, tests/service/api/test_nul.py), which the schema cannot
    # say of all strings at once: input generated as valid leaves it out.
    schema.config.generation.update(allow_x00=False)

    @schema.auth()
    class LiveKey:
        def get(self, case: schemathesis.Case[Any], ctx: Any) -> str:
            return firm_key.secret

        def set(self, case: schemathesis.Case[Any], data: str, ctx: Any) -> None:
            if case.headers is None:
                case.headers = CaseInsensitiveDict()
            case.headers["Authorization"] = f"Bearer {data}"

    return schema


schema = schemathesis.pytest.from_fixture("api_schema")
_FUZZ_SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


def call_and_validate(case: schemathesis.Case[Any]) -> None:
    """Call the operation and run every check that applies to it."""
    excluded = (
        [positive_data_acceptance]
        if (case.operation.method.upper(), case.operation.path) in CROSS_FIELD_RULES
        else []
    )
    case.call_and_validate(
        excluded_checks=excluded,  # type: ignore[arg-type]  # schemathesis' own alias differs
    )


@schema.exclude(name=list(HEAVY_BODIES)).parametrize()
@settings(max_examples=MAX_EXAMPLES, **_FUZZ_SETTINGS)  # type: ignore[arg-type]
def test_api_conforms_to_its_schema(case: schemathesis.Case[Any]) -> None:
    call_and_validate(case)


@schema.include(name=list(HEAVY_BODIES)).parametrize()
@settings(max_examples=HEAVY_MAX_EXAMPLES, **_FUZZ_SETTINGS)  # type: ignore[arg-type]
def test_heavy_operations_conform_to_their_schema(case: schemathesis.Case[Any]) -> None:
    call_and_validate(case)
