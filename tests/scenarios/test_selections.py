"""Whole selections through the HTTP API for three kinds of French clients, on SQLite and
PostgreSQL, checking what a consultant must be able to defend in front of the client:

- evidence monotonicity: recording a favourable fact never lowers a product's probability of
  ranking first, an unfavourable one never raises it;
- an unknown is never an advantage: a product is eliminated exactly when its known facts fail
  a constraint whatever its unknown facts are, never because of them;
- every comparative sentence of the summary holds in the matrix, and products are named;
- the shortlist's first candidate is the evaluation's most probable winner;
- the same inputs give the same snapshot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.selection.explain import claim_holds
from service.selection.registry import CRITERIA
from service.selection.snapshot import Claim
from vendors.schema import ProductProfile

API = "/api/v1"
SOURCE = {"source": "vendor answer, call of 2026-11-20", "as_of": "2026-11-20"}


@dataclass(frozen=True)
class Client:
    """One client's project, requirements and stakeholders' weights."""

    name: str
    project: dict[str, Any]
    requirements: dict[str, Any]
    weights: dict[str, dict[str, Any]]


WINE_ESTATE = Client(
    "wine estate, first CRM",
    {
        "client_name": "Domaine des Trois Chênes",
        "sector": "wine",
        "size": "small",
        "context": "first_crm",
        "horizon_years": 3,
        "users": {"sales_field": 6, "sales_office": 3, "marketing": 1, "management": 1},
        "budget": {"low": 20_000, "high": 90_000, "currency": "EUR"},
    },
    {
        "domains": {"sales": "must"},
        "capabilities": {"mobile_app": "must", "quotes": "should", "offline_mobile": "should"},
        "constraints": {"hosting": ["EU"], "ui_languages": ["fr"], "budget_ceiling": True},
        "change_readiness": {"sponsors": 4, "human_impacts": 2},
    },
    {
        "direction": {
            "method": "ahp",
            "criteria": ["tco", "fit_sales", "adoption"],
            "pairwise": [[1, 2, 2], [0.5, 1, 1], [0.5, 1, 1]],
        }
    },
)
INDUSTRIAL_SME = Client(
    "industrial SME relaunching with service and field service",
    {
        "client_name": "Usinage Berthier SAS",
        "sector": "manufacturing",
        "size": "medium",
        "context": "relaunch",
        "horizon_years": 4,
        "users": {"sales_field": 10, "sales_office": 6, "service": 12, "management": 3},
        "budget": {"low": 80_000, "high": 400_000, "currency": "EUR"},
    },
    {
        "domains": {"sales": "must", "service": "must", "field_service": "should"},
        "capabilities": {
            "ticketing": "must",
            "work_orders": "should",
            "scheduling_dispatch": "should",
            "mobile_app": "should",
            "quotes": "could",
        },
        "constraints": {"hosting": ["EU"], "budget_ceiling": True},
    },
    {
        "direction": {"method": "rank", "order": ["fit_service", "adoption", "fit_sales", "tco"]},
        "service": {
            "method": "direct",
            "points": {"fit_service": 40, "fit_field_service": 30, "adoption": 20, "tco": 10},
        },
    },
)
CLOUD_MIGRATION = Client(
    "on-premise to SaaS migration with marketing automation",
    {
        "client_name": "Groupe Lemaire Distribution",
        "sector": "wholesale",
        "size": "large",
        "context": "cloud_migration",
        "horizon_years": 5,
        "users": {"sales_office": 25, "marketing": 6, "management": 4},
        "budget": {"low": 150_000, "high": 900_000, "currency": "EUR"},
        "tco": {"exchange_rates": {"USD": 0.9}},
    },
    {
        "domains": {"marketing": "must", "sales": "should"},
        "capabilities": {
            "email_campaigns": "must",
            "marketing_automation": "should",
            "lead_scoring": "should",
            "dashboards": "could",
        },
        "constraints": {
            "deployment_modes": ["saas"],
            "hosting": ["EU"],
            "certifications": ["iso_27001"],
            "budget_ceiling": True,
        },
    },
    {},
)
TRAINING_ORGANISATION = Client(
    "training organisation starting marketing automation",
    {
        "client_name": "Institut Formavia",
        "sector": "education",
        "size": "small",
        "context": "marketing_automation",
        "horizon_years": 3,
        "users": {"sales_office": 4, "marketing": 3, "management": 1},
        "budget": {"low": 10_000, "high": 120_000, "currency": "EUR"},
    },
    {
        "domains": {"marketing": "must", "sales": "should"},
        "capabilities": {
            "email_campaigns": "must",
            "marketing_automation": "must",
            "lead_nurturing": "should",
            "lead_scoring": "should",
            "web_forms_landing_pages": "should",
            "segmentation": "could",
        },
        "constraints": {"hosting": ["EU"], "ui_languages": ["fr"], "budget_ceiling": True},
    },
    {
        "direction": {
            "method": "direct",
            "points": {"fit_marketing": 45, "tco": 30, "adoption": 15, "fit_sales": 10},
        }
    },
)
CLIENTS = [WINE_ESTATE, INDUSTRIAL_SME, CLOUD_MIGRATION, TRAINING_ORGANISATION]


class Selection:
    """One client's selection through the API."""

    def __init__(self, client: TestClient, spec: Client) -> None:
        self.client = client
        created = self.ok(client.post(f"{API}/projects", json=spec.project), 201)
        self.id = created["id"]
        self.version = created["version"]
        self.put("requirements", spec.requirements)
        for name, weights in spec.weights.items():
            self.put(f"stakeholders/{name}/weights", weights)

    @staticmethod
    def ok(response: Any, status: int = 200) -> dict[str, Any]:
        assert response.status_code == status, response.text
        body: dict[str, Any] = response.json()
        return body

    def put(self, path: str, body: dict[str, Any]) -> None:
        url = f"{API}/projects/{self.id}/{path}"
        self.version = self.ok(self.client.put(url, json={**body, "version": self.version}))[
            "version"
        ]

    def shortlist(self, size: int = 3) -> dict[str, Any]:
        return self.ok(self.client.get(f"{API}/projects/{self.id}/shortlist?size={size}"))

    def evaluate(self, products: list[str], **options: Any) -> dict[str, Any]:
        body = {"products": products, **options}
        response = self.client.post(f"{API}/projects/{self.id}/evaluations", json=body)
        snapshot: dict[str, Any] = self.ok(response, 201)["snapshot"]
        return snapshot

    def set_fact(self, product: str, path: str, value: Any) -> None:
        fact = {"value": value, **SOURCE, "confidence": "consultant_verified"}
        self.ok(self.client.patch(f"{API}/vendors/{product}", json={"facts": {path: fact}}))


@pytest.fixture(params=CLIENTS, ids=lambda spec: spec.name)
def spec(request: pytest.FixtureRequest) -> Client:
    client_spec: Client = request.param
    return client_spec


def finalists(selection: Selection) -> tuple[dict[str, Any], list[str]]:
    shortlist = selection.shortlist()
    ids = [c["id"] for c in shortlist["candidates"]]
    assert len(ids) >= 2, shortlist
    return shortlist, ids


def test_the_shortlist_agrees_with_the_evaluation_and_the_verdict_is_reproducible(
    client: TestClient, loaded_catalog: list[ProductProfile], spec: Client
) -> None:
    selection = Selection(client, spec)
    shortlist, ids = finalists(selection)
    snapshot = selection.evaluate(ids)
    assert shortlist["candidates"][0]["id"] in snapshot["robustness"]["most_probable"]
    joint = snapshot["robustness"]["joint"]
    for candidate in shortlist["candidates"]:
        assert candidate["p_first"] == pytest.approx(joint[candidate["id"]], abs=1e-12)
    assert selection.evaluate(ids) == snapshot
    assert selection.evaluate(list(reversed(ids)))["robustness"]["joint"] == pytest.approx(joint)
    # Cost is compared whenever prices or their bounds exist, never dropped for unknown prices.
    assert "tco" in shortlist["criteria"]
    assert "tco" in snapshot["matrix"]["criteria"]


def test_every_comparative_sentence_holds_and_names_products(
    client: TestClient, loaded_catalog: list[ProductProfile], spec: Client
) -> None:
    selection = Selection(client, spec)
    _, ids = finalists(selection)
    snapshot = selection.evaluate(ids)
    matrix = snapshot["matrix"]
    names = {p["id"]: p["name"] for p in snapshot["products"]}
    claims = [Claim.model_validate(c) for c in snapshot["summary"]["claims"]]
    for claim in claims:
        assert claim_holds(
            claim, matrix["products"], matrix["criteria"], matrix["low"], matrix["high"]
        )
    for lang in ("fr", "en"):
        text = snapshot["summary"][lang]
        # Every "X does better ... on C" sentence is one of the checked claims.
        for sentence in re.findall(r"[^.]*(?:fait mieux|does better)[^.]*\.", text):
            assert any(
                names[c.subject] in sentence
                and getattr(CRITERIA[c.criterion].phrase, lang) in sentence
                for c in claims
            ), sentence
        assert not any(pid in text for pid in ids if "_" in pid), "ids instead of names"
        for item in snapshot["left_out"]:
            if item["weight_share"] > 0:  # a criterion nobody weighed needs no sentence
                assert getattr(CRITERIA[item["criterion"]].phrase, lang) in text
    for wrong in (" de le ", " de les ", " à le ", " à les ", " ?", " :"):
        assert wrong not in snapshot["summary"]["fr"], wrong


def test_a_gap_is_only_ever_a_known_missing_need(
    client: TestClient, loaded_catalog: list[ProductProfile], spec: Client
) -> None:
    selection = Selection(client, spec)
    _, ids = finalists(selection)
    snapshot = selection.evaluate(ids)
    for coverage in snapshot["coverage"].values():
        rows = {row["requirement"]: row for row in coverage["rows"]}
        for gap in coverage["gaps"]:
            assert rows[gap]["availability"] == "not_available"
        for need in coverage["to_confirm"]:
            assert rows[need]["availability"] is None
    for unknown in snapshot["unknowns"]:
        assert unknown["question"]["fr"].endswith("\u202f?")
        assert unknown["question"]["en"].endswith("?")


def test_recording_a_fact_moves_the_chances_the_right_way(
    client: TestClient, loaded_catalog: list[ProductProfile], spec: Client
) -> None:
    """The most influential unknown availability among the finalists, recorded as included,
    never lowers its product's probability of ranking first; recorded as not available, never
    raises it. With PROMETHEE II, which promises it (TOPSIS, VIKOR and ELECTRE I rescale a
    criterion when one value moves, and can then favour a third product: rank reversal)."""
    selection = Selection(client, spec)
    candidates = [c["id"] for c in selection.shortlist(size=8)["candidates"]]
    options = {"include_eliminated": True, "method": "promethee2"}
    # The finalists, widened to the next candidates while their capabilities are all known.
    for size in range(3, len(candidates) + 1):
        ids = candidates[:size]
        before = selection.evaluate(ids, **options)
        fact = next(
            (
                u
                for u in before["unknowns"]
                if u["kind"] == "availability" and u["path"].startswith("capabilities.")
            ),
            None,
        )
        if fact is not None:
            break
    assert fact is not None, "no unknown capability among the first eight candidates"
    product = fact["product"]
    share = before["robustness"]["joint"][product]
    selection.set_fact(product, fact["path"], "included")
    better = selection.evaluate(ids, **options)
    selection.set_fact(product, fact["path"], "not_available")
    worse = selection.evaluate(ids, **options)
    for after in (better, worse):
        # A criterion leaves the matrix only when the fact makes every finalist equal on it,
        # and an equal criterion cannot change who ranks first.
        dropped = set(before["matrix"]["criteria"]) - set(after["matrix"]["criteria"])
        assert set(after["matrix"]["criteria"]) <= set(before["matrix"]["criteria"])
        same = {i["criterion"] for i in after["left_out"] if i["code"] == "same_value"}
        assert dropped <= same, (dropped, after["left_out"])
    assert better["robustness"]["joint"][product] >= share - 1e-12
    assert worse["robustness"]["joint"][product] <= share + 1e-12
    assert fact["key"] not in {u["key"] for u in better["unknowns"]}


def test_knockouts_rest_on_known_facts_only(
    client: TestClient, loaded_catalog: list[ProductProfile], spec: Client
) -> None:
    """A product is eliminated only by a constraint its known facts fail whatever its unknown
    facts are: a budget failure means even its lowest possible TCO is above the ceiling, a
    budget to confirm means the ceiling lies inside its TCO range."""
    selection = Selection(client, spec)
    shortlist = selection.shortlist(size=10)
    ceiling = spec.project["budget"]["high"]
    on_budget = [
        e["id"]
        for e in shortlist["eliminated"]
        if {f["constraint"] for f in e["failed"]} == {"budget"}
    ]
    for pid in on_budget[:2]:
        others = [c["id"] for c in shortlist["candidates"][:1]]
        snapshot = selection.evaluate([pid, *others], include_eliminated=True)
        assert snapshot["tco"][pid]["low"] > ceiling
        assert snapshot["knockouts"][pid]["eliminated"]
    for candidate in shortlist["candidates"]:
        checks = {c["constraint"]: c for c in candidate["to_confirm"]}
        tco = candidate["tco"]
        if "budget" in checks and tco["low"] is not None:
            assert tco["low"] <= ceiling < tco["high"]
        if tco["known"]:
            assert "budget" not in checks
        assert all(c["facts"] for c in checks.values())
    for eliminated in shortlist["eliminated"]:
        for failed in eliminated["failed"]:
            assert failed["status"] == "fail"
            assert failed["facts"], failed


def test_an_eliminated_product_needs_the_flag_and_is_labelled(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    selection = Selection(client, WINE_ESTATE)
    shortlist, ids = finalists(selection)
    assert shortlist["eliminated"], "a tight budget eliminates some products"
    out = shortlist["eliminated"][0]["id"]
    body = {"products": [out, ids[0]]}
    refused = client.post(f"{API}/projects/{selection.id}/evaluations", json=body)
    assert refused.status_code == 422
    assert refused.json()["fields"][0]["field"] == "body.products[0]"
    snapshot = selection.evaluate([out, ids[0]], include_eliminated=True)
    outcome = next(p for p in snapshot["products"] if p["id"] == out)
    assert outcome["eliminated"] is True
    assert snapshot["inputs"]["include_eliminated"] is True


def known_share_of_differences(snapshot: dict[str, Any]) -> float:
    """The share of the finalists' weighted differences that rests on known values.

    Per criterion, the difference is the spread of the finalists' expected values over the
    span of all their bounds (unit-free, 0-1) times the criterion's weight; the part of it
    that is known is the finalists' mean certainty on the criterion, a value's certainty
    being 1 minus its range over that span (1 when known, 0 when it may lie anywhere)."""
    matrix = snapshot["matrix"]
    weights = snapshot["inputs"]["weights"]["weights"]
    total = known = 0.0
    for j, criterion in enumerate(matrix["criteria"]):
        column = [row[j] for row in matrix["values"]]
        lows, highs = [row[j] for row in matrix["low"]], [row[j] for row in matrix["high"]]
        span = max(highs) - min(lows)
        if span <= 0:
            continue
        difference = weights.get(criterion, 0.0) * (max(column) - min(column)) / span
        certainty = sum(1 - (high - low) / span for low, high in zip(lows, highs, strict=True))
        total += difference
        known += difference * certainty / len(column)
    return known / total if total else 1.0


def test_the_finalists_differ_mostly_on_known_facts(
    client: TestClient, loaded_catalog: list[ProductProfile], spec: Client
) -> None:
    """The differences between the finalists rest mostly on what the catalog knows, not on
    the ranges that stand for what it does not."""
    selection = Selection(client, spec)
    _, ids = finalists(selection)
    share = known_share_of_differences(selection.evaluate(ids))
    assert share >= 0.5, (ids, share)


def test_the_known_share_sees_ranges() -> None:
    def snapshot(low: list[list[float]], high: list[list[float]]) -> dict[str, Any]:
        values = [
            [(a + b) / 2 for a, b in zip(lo, hi, strict=True)]
            for lo, hi in zip(low, high, strict=True)
        ]
        matrix = {"criteria": ["fit_sales", "tco"], "values": values, "low": low, "high": high}
        return {
            "matrix": matrix,
            "inputs": {"weights": {"weights": {"fit_sales": 0.5, "tco": 0.5}}},
        }

    assert known_share_of_differences(snapshot([[100, 10], [50, 20]], [[100, 10], [50, 20]])) == 1
    # Fit: difference 0.5 x 50/100, half of it known (the second product's fit may be
    # anywhere); cost: difference 0.5 x 10/10, all known. Known: (0.125 + 0.5) / 0.75.
    share = known_share_of_differences(snapshot([[100, 10], [0, 20]], [[100, 10], [100, 20]]))
    assert share == pytest.approx(5 / 6)
