"""The Python client has exactly one method for each operation of the OpenAPI document, on the
sync and on the async client, each answering the document's response model."""

from __future__ import annotations

import functools
import inspect
from typing import Any

import pytest

from service.client import AsyncShortlistClient, ShortlistClient
from service.client.operations import DOWNLOADS, Operations
from service.client.transport import Endpoint, Operation
from service.client_codegen import openapi_document


@functools.cache
def documented() -> dict[tuple[str, str], dict[str, Any]]:
    """The document's operations by method and path."""
    return {
        (method.upper(), path): operation
        for path, item in openapi_document()["paths"].items()
        for method, operation in item.items()
    }


METHODS = {name: op for name, op in vars(Operations).items() if isinstance(op, Operation)}
DOWNLOAD_METHODS = ("vendor_questionnaire", "export_evaluation", "batch_result", "export_file")


def client_endpoints() -> list[Endpoint[Any]]:
    return [op.endpoint for op in METHODS.values()] + list(DOWNLOADS)


def test_every_documented_operation_has_one_client_method() -> None:
    covered = [(endpoint.method, endpoint.path) for endpoint in client_endpoints()]
    assert len(covered) == len(set(covered)), "two methods for one operation"
    operations = documented()
    missing = [operations[key]["operationId"] for key in operations if key not in covered]
    assert missing == [], "operations without a client method"
    assert [key for key in covered if key not in operations] == [], "undocumented operations"


@pytest.mark.parametrize("endpoint", client_endpoints(), ids=lambda e: f"{e.method} {e.path}")
def test_each_method_answers_the_documented_response(endpoint: Endpoint[Any]) -> None:
    responses = documented()[(endpoint.method, endpoint.path)]["responses"]
    status, success = next((code, r) for code, r in responses.items() if code.startswith("2"))
    content = success.get("content", {})
    if not content:
        assert (status, endpoint.result) == ("204", None)
    elif set(content) - {"application/json", "application/schema+json"}:
        assert endpoint.result is bytes  # a file: a download
    elif "$ref" in content["application/json"]["schema"]:
        model = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        assert endpoint.result is not None
        assert endpoint.result.__name__ == model
    else:
        assert endpoint.result is dict


def test_both_clients_have_every_method_sync_and_async() -> None:
    sync = ShortlistClient(api_key="sl_test")
    asynchronous = AsyncShortlistClient(api_key="sl_test")
    for name in [*METHODS, *DOWNLOAD_METHODS]:
        assert not inspect.iscoroutinefunction(getattr(sync, name)), name
        assert inspect.iscoroutinefunction(getattr(asynchronous, name)), name
        assert getattr(sync, name).__doc__, name
        assert getattr(asynchronous, name).__doc__, name
    sync.close()
