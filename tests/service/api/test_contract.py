"""The published API contract: operation ids a generated client can use as method names."""

from __future__ import annotations

import re
from collections import Counter

from fastapi import FastAPI

OPERATION_ID = re.compile(r"^[a-z_]+-[a-z_]+$")


def test_every_operation_id_is_tag_dash_name_and_unique(app: FastAPI) -> None:
    operations = [
        (operation["operationId"], operation.get("tags", []))
        for path in app.openapi()["paths"].values()
        for operation in path.values()
    ]
    assert len(operations) >= 40
    for operation_id, tags in operations:
        assert OPERATION_ID.match(operation_id), operation_id
        tag, _, name = operation_id.partition("-")
        assert tag == tags[0].replace(" ", "_"), operation_id
        assert name
    repeated = [op for op, count in Counter(op for op, _ in operations).items() if count > 1]
    assert repeated == []
