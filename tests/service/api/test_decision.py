"""The raw decision API: a published example through HTTP, and bad input named by field."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

# Tzeng & Huang (2011), Multiple Attribute Decision Making, TOPSIS example (see
# tests/criteria for the library-level replay): closeness 0.5037, 0.6581, 0.7482, 0.3340.
TZENG_WEIGHTS = [0.3, 0.4, 0.3]
TZENG: dict[str, Any] = {
    "alternatives": ["A1", "A2", "A3", "A4"],
    "criteria": ["C1", "C2", "C3"],
    "matrix": [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]],
    "objectives": ["max", "max", "max"],
    "weights": TZENG_WEIGHTS,
}


def test_rank_replays_a_published_example(client: TestClient) -> None:
    response = client.post("/api/v1/rank", json=TZENG)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ranking"] == ["A3", "A2", "A1", "A4"]
    assert body["ranks"] == [3, 2, 1, 4]
    assert body["scores"] == pytest.approx([0.5037, 0.6581, 0.7482, 0.3340], abs=1e-4)
    assert set(body["details"]) >= {"d_plus", "d_minus", "ideal", "anti_ideal"}
    assert len(body["contributions"]) == 4


def test_vikor_through_the_api_gives_the_compromise_set(client: TestClient) -> None:
    # Opricovic & Tzeng (2004), EJOR 156(2), numerical example: Q = 1, 0, 1; compromise {A2}.
    body = {
        "alternatives": ["A1", "A2", "A3"],
        "matrix": [[1, 3000], [2, 3750], [5, 4500]],
        "objectives": ["min", "max"],
        "weights": [0.5, 0.5],
        "method": "vikor",
        "params": {"v": 0.5},
    }
    result = client.post("/api/v1/rank", json=body).json()
    assert result["scores"] == pytest.approx([1.0, 0.0, 1.0])
    assert result["details"]["compromise_set"] == ["A2"]
    assert result["higher_is_better"] is False


def test_ahp_reports_consistency(client: TestClient) -> None:
    body = {"criteria": ["a", "b", "c"], "pairwise": [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]}
    result = client.post("/api/v1/weights/ahp", json=body).json()
    assert sum(result["weights"]) == pytest.approx(1)
    assert result["weights"][0] > result["weights"][1] > result["weights"][2]
    assert result["consistent"] is True
    assert result["consistency_ratio"] < 0.1


def test_smaa_acceptabilities_sum_to_one(client: TestClient) -> None:
    body = {**TZENG, "samples": 2000, "seed": 7}
    result = client.post("/api/v1/sensitivity/smaa", json=body).json()
    for row in result["rank_acceptability"]:
        assert sum(row) == pytest.approx(1)
    columns = zip(*result["rank_acceptability"], strict=True)
    assert all(sum(column) == pytest.approx(1) for column in columns)
    assert result["sampling"] == "around"
    again = client.post("/api/v1/sensitivity/smaa", json=body).json()
    assert again == result  # a seed makes it reproducible


def test_stability_and_agreement(client: TestClient) -> None:
    stability = client.post("/api/v1/sensitivity/stability", json=TZENG).json()
    assert stability["winner"] == "A3"
    assert len(stability["intervals"]) == 3
    for (low, high), weight in zip(stability["intervals"], TZENG_WEIGHTS, strict=True):
        assert low <= weight <= high
    agreement = client.post("/api/v1/sensitivity/agreement", json=TZENG).json()
    assert agreement["methods"] == ["topsis", "wsm", "vikor", "promethee2"]
    assert agreement["kendall_tau"][0][0] == pytest.approx(1)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"weights": [0.3, -0.4, 0.3]}, "body.weights[1]"),
        ({"weights": [0, 0, 0]}, "body.weights"),
        ({"weights": [0.5, 0.5]}, "body.weights"),
        ({"objectives": ["max", "max"]}, "body.objectives"),
        ({"matrix": [[5, 8, 4]]}, "body.matrix"),
        ({"matrix": [[5, 8, 4], [7, 6]]}, "body.matrix"),
        ({"alternatives": ["A", "A", "B", "C"]}, "body.alternatives"),
        ({"method": "magic"}, "body.method"),
        ({"params": {"colour": 1}}, "body.params"),
        ({"method": "vikor", "params": {"v": 2}}, "body.params.v"),
        ({"method": "wsm", "matrix": [[0, 8, 4], [0, 6, 8], [0, 8, 6], [0, 4, 6]]}, "body.matrix"),
    ],
)
def test_bad_problems_are_422_naming_the_field(
    client: TestClient, change: dict[str, Any], field: str
) -> None:
    response = client.post("/api/v1/rank", json={**TZENG, **change})
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "validation_error"
    named = [f["field"] for f in body["fields"]]
    assert any(name == field or name.startswith(field) for name in named), named


def test_nan_in_the_matrix_is_422(client: TestClient) -> None:
    raw = b'{"matrix": [[NaN, 1], [2, 3]], "objectives": ["max", "max"], "weights": [1, 1]}'
    response = client.post(
        "/api/v1/rank", content=raw, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["fields"][0]["field"].startswith("body.matrix[0][0]")


def test_needs_an_api_key(anon_client: TestClient) -> None:
    assert anon_client.post("/api/v1/rank", json=TZENG).status_code == 401


@pytest.mark.parametrize(
    ("path", "change", "field"),
    [
        ("/api/v1/rank", {"params": {"alternatives": 1}}, "body.params"),
        ("/api/v1/rank", {"params": {"weights": [1]}}, "body.params"),
        ("/api/v1/sensitivity/smaa", {"params": {"samples": 5}}, "body.params"),
        ("/api/v1/sensitivity/stability", {"params": {"method": "wsm"}}, "body.params"),
        (
            "/api/v1/rank",
            {"matrix": [[1e300, 1, 1], [1, 2, 3], [2, 3, 4], [3, 4, 5]]},
            "body.matrix",
        ),
    ],
)
def test_parameters_that_are_not_the_methods_are_refused(
    client: TestClient, path: str, change: dict[str, Any], field: str
) -> None:
    response = client.post(path, json={**TZENG, **change})
    assert response.status_code == 422, response.text
    assert any(f["field"].startswith(field) for f in response.json()["fields"])


def test_a_tiny_gaussian_threshold_gives_no_nan(client: TestClient) -> None:
    body = {**TZENG, "method": "promethee2", "params": {"preference": "gaussian", "s": 1e-200}}
    result = client.post("/api/v1/rank", json=body).json()
    assert all(score is not None for score in result["scores"])
