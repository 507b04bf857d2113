"""A project's version as HTTP's ETag: 304 on If-None-Match, writes guarded by If-Match (412
when stale, nothing written), or by the body's version as before; one of the two is required."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.service.api.test_projects import REQUIREMENTS, created

API = "/api/v1/projects"


def test_a_read_carries_the_etag_and_an_unchanged_project_is_304(client: TestClient) -> None:
    pid = created(client)["id"]
    read = client.get(f"{API}/{pid}")
    assert read.headers["etag"] == '"1"'
    unchanged = client.get(f"{API}/{pid}", headers={"If-None-Match": '"1"'})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["etag"] == '"1"'
    changed = client.patch(f"{API}/{pid}", json={"notes": "x"}, headers={"If-Match": '"1"'})
    assert changed.status_code == 200, changed.text
    assert changed.headers["etag"] == '"2"'
    again = client.get(f"{API}/{pid}", headers={"If-None-Match": '"1"'})
    assert again.status_code == 200
    assert again.headers["etag"] == '"2"'


@pytest.mark.parametrize(
    ("if_match", "version"), [('"1"', None), ("*", None), (None, 1), ('"1"', 1)]
)
def test_a_write_names_its_version_by_if_match_or_body(
    client: TestClient, if_match: str | None, version: int | None
) -> None:
    pid = created(client)["id"]
    headers = {"If-Match": if_match} if if_match else {}
    body = {"notes": "après l'atelier", **({"version": version} if version else {})}
    response = client.patch(f"{API}/{pid}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["notes"] == "après l'atelier"
    assert response.json()["version"] == 2


@pytest.mark.parametrize(
    ("if_match", "version", "status"),
    [
        ('"1"', None, 412),  # stale ETag
        ('W/"2"', None, 412),  # weak tags do not guard a write
        ("2", None, 412),  # not an ETag
        ('"2"', 1, 412),  # the two disagree
        (None, None, 428),  # neither
        (None, 1, 409),  # a stale body version, as before
    ],
)
def test_a_stale_or_missing_precondition_writes_nothing(
    client: TestClient, if_match: str | None, version: int | None, status: int
) -> None:
    pid = created(client)["id"]
    assert client.patch(f"{API}/{pid}", json={"notes": "v2", "version": 1}).status_code == 200
    headers = {"If-Match": if_match} if if_match else {}
    body = {"notes": "lost", **({"version": version} if version else {})}
    response = client.patch(f"{API}/{pid}", json=body, headers=headers)
    assert response.status_code == status, response.text
    project = client.get(f"{API}/{pid}").json()
    assert (project["version"], project["notes"]) == (2, "v2")


def test_requirements_weights_and_delete_take_if_match(client: TestClient) -> None:
    pid = created(client)["id"]
    put = client.put(f"{API}/{pid}/requirements", json=REQUIREMENTS, headers={"If-Match": '"1"'})
    assert put.status_code == 200, put.text
    assert put.headers["etag"] == '"2"'
    weights = {"method": "direct", "points": {"tco": 1, "fit_sales": 2}}
    stale = client.put(
        f"{API}/{pid}/stakeholders/direction/weights", json=weights, headers={"If-Match": '"1"'}
    )
    assert stale.status_code == 412
    put = client.put(
        f"{API}/{pid}/stakeholders/direction/weights", json=weights, headers={"If-Match": '"2"'}
    )
    assert put.status_code == 200, put.text
    assert client.delete(f"{API}/{pid}", headers={"If-Match": '"2"'}).status_code == 412
    assert client.delete(f"{API}/{pid}").status_code == 428
    assert client.delete(f"{API}/{pid}", headers={"If-Match": '"3"'}).status_code == 200
    assert client.get(f"{API}/{pid}").status_code == 404


def test_a_write_overtaken_after_its_if_match_check_is_412_not_409() -> None:
    """Another writer may land between the If-Match check and the conditional write: the
    write made on If-Match is then refused as a stale If-Match."""
    from service.api.etags import PreconditionFailed, precondition
    from service.projects.service import StaleVersion

    with pytest.raises(PreconditionFailed), precondition('"3"'):
        raise StaleVersion("The project is at version 4, not 3.")
    with pytest.raises(StaleVersion), precondition(None):
        raise StaleVersion("The project is at version 4, not 3.")
