"""A NUL character, which PostgreSQL cannot store in text and SQLite stores silently, is refused
with 422 on both databases in the client pages too: in a form field, in a page address."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.web.conftest import COMPANY, Questionnaire


def test_in_the_web_form(form: Questionnaire, client: TestClient, project: dict[str, Any]) -> None:
    response = form.post("company", {**COMPANY, "client_name": "Cave\x00 du Val"})
    assert response.status_code == 422
    assert "NUL" in response.text
    assert client.get(f"/api/v1/projects/{project['id']}").json()["version"] == 1


@pytest.mark.parametrize("path", ["/invite/%00", "/invite/abc/company?lang=%00"])
def test_in_a_web_page_address(anon_client: TestClient, path: str) -> None:
    assert anon_client.get(path).status_code == 422
