"""The work budget of the raw decision API: what it refuses, what it accepts, and how."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from fastapi.concurrency import run_in_threadpool
from fastapi.testclient import TestClient

from criteria import METHODS, cost
from service.api.routes import decision
from service.selection.analysis import MAX_WORK_NS


def _problem(m: int, n: int, *, identical: bool = False) -> dict[str, Any]:
    rng = np.random.default_rng(m * 1000 + n)
    values = np.tile(rng.uniform(1, 100, n), (m, 1)) if identical else rng.uniform(1, 100, (m, n))
    return {"matrix": values.tolist(), "objectives": ["max"] * n, "weights": [1.0] * n}


def _named_limit(response: Any, field: str, unit: str) -> int:
    assert response.status_code == 422, response.text
    body = response.json()
    assert "exceeds" in body["detail"]
    assert [f["field"] for f in body["fields"]] == [field]
    found = re.search(rf"at most ([\d,]+) {unit}", body["fields"][0]["message"])
    assert found, body["fields"][0]["message"]
    return int(found.group(1).replace(",", ""))


@pytest.mark.parametrize("identical", [False, True], ids=["distinct", "identical"])
@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_smaa_that_took_seconds_is_refused_naming_the_samples_that_fit(
    client: TestClient, method: str, identical: bool
) -> None:
    """200 alternatives x 10 criteria x 100,000 samples fitted the old budget and took 6-30 s
    (30 s with identical rows); the 422 names the samples and the most that fit."""
    body = {**_problem(200, 10, identical=identical), "method": method, "samples": 100_000}
    del body["weights"]
    response = client.post("/api/v1/sensitivity/smaa", json=body)
    fitting = _named_limit(response, "body.samples", "samples")
    assert cost.smaa(method, 200, 10, fitting) <= MAX_WORK_NS
    assert cost.smaa(method, 200, 10, fitting + 1) > MAX_WORK_NS
    assert fitting < 100_000


def test_too_many_alternatives_are_named(client: TestClient) -> None:
    """Stability of ELECTRE I scores tens of thousands of weight vectors, each comparing every
    pair: the 422 names the matrix and how many alternatives fit with its criteria."""
    body = {**_problem(200, 100), "method": "electre1"}
    response = client.post("/api/v1/sensitivity/stability", json=body)
    fitting = _named_limit(response, "body.matrix", "alternatives")
    assert cost.stability("electre1", fitting, 100) <= MAX_WORK_NS
    assert cost.stability("electre1", fitting + 1, 100) > MAX_WORK_NS


def test_smaa_beyond_the_budget_with_one_sample_names_the_matrix(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When not even one sample fits, fewer samples cannot help: the matrix is named."""
    monkeypatch.setattr(decision, "MAX_WORK_NS", cost.smaa("topsis", 20, 5, 1, "around") - 1)
    body = {**_problem(20, 5), "samples": 10}
    response = client.post("/api/v1/sensitivity/smaa", json=body)
    assert response.status_code == 422, response.text
    fields = response.json()["fields"]
    assert [f["field"] for f in fields] == ["body.matrix"]
    assert "fewer alternatives or criteria" in fields[0]["message"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("sampling", ["uniform", "around", "bounds"])
def test_realistic_problems_fit_the_budget(method: str, sampling: str) -> None:
    """3-30 alternatives, up to 30 criteria, 10,000 samples: every route accepts them."""
    for m in (3, 10, 30):
        for n in (5, 10, 30):
            assert cost.smaa(method, m, n, 10_000, sampling) <= MAX_WORK_NS
            assert cost.stability(method, m, n) <= MAX_WORK_NS
            assert cost.rank(method, m, n) <= decision.EVENT_LOOP_NS
            assert cost.agreement(METHODS, m, n) <= MAX_WORK_NS


def test_the_costliest_realistic_smaa_is_answered(client: TestClient) -> None:
    """ELECTRE I on 30 x 30 with 10,000 samples, the dearest realistic request, is answered."""
    body = {**_problem(30, 30), "method": "electre1", "samples": 10_000, "seed": 3}
    del body["weights"]
    response = client.post("/api/v1/sensitivity/smaa", json=body)
    assert response.status_code == 200, response.text
    assert np.sum(response.json()["rank_acceptability"], axis=1) == pytest.approx([1.0] * 30)


@pytest.mark.parametrize(("m", "moved"), [(4, False), (200, True)])
def test_a_large_pairwise_ranking_leaves_the_event_loop(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, m: int, moved: bool
) -> None:
    """ELECTRE I on 200 x 100 fits the budget but is too long for the event loop, where it
    would hold up every other request: it runs in the thread pool; a small ranking does not."""
    calls: list[object] = []

    async def spy(function: Any, *args: Any) -> Any:
        calls.append(function)
        return await run_in_threadpool(function, *args)

    monkeypatch.setattr(decision, "run_in_threadpool", spy)
    body = {**_problem(m, 100), "method": "electre1"}
    response = client.post("/api/v1/rank", json=body)
    assert response.status_code == 200, response.text
    assert bool(calls) is moved
