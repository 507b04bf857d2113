"""A Python client for the Shortlist API, on httpx.

    from service.client import ShortlistClient

    with ShortlistClient("http://127.0.0.1:8000", api_key="sl_...") as api:
        project = api.create_project({"client_name": "Domaine X", "context": "first_crm"})
        ...

Every method returns the decoded JSON body. An error response raises `ShortlistError` with
the service's error code, detail and field errors.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

import httpx

Json = dict[str, Any]


def _seg(value: object) -> str:
    """One path segment, percent-encoded."""
    return quote(str(value), safe="")


class ShortlistError(Exception):
    """The API answered with an error (4xx/5xx) in its common format."""

    def __init__(self, status_code: int, body: Mapping[str, Any]) -> None:
        self.status_code = status_code
        self.error = str(body.get("error", "error"))
        self.detail = str(body.get("detail", ""))
        self.fields: list[dict[str, Any]] = list(body.get("fields", []))
        super().__init__(f"{status_code} {self.error}: {self.detail}")


class ShortlistClient:
    """The consultant's API, one method per endpoint."""

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        *,
        api_key: str,
        timeout: float = 60.0,
        client: httpx.Client | None = None,
    ) -> None:
        self._auth = {"Authorization": f"Bearer {api_key}"}
        self._owned = client is None
        self._http = client or httpx.Client(base_url=base_url, timeout=timeout)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections (a client you passed in stays yours to close)."""
        if self._owned:
            self._http.close()

    def _call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        files: Mapping[str, Any] | None = None,
        data: Mapping[str, str] | None = None,
    ) -> Json:
        response = self._http.request(
            method, path, json=json, params=params, files=files, data=data, headers=self._auth
        )
        try:
            body: Json = response.json() if response.content else {}
        except ValueError:  # not JSON: a proxy's error page, say
            body = {"error": "unexpected_response", "detail": response.text[:500]}
        if response.is_error or not isinstance(body, dict):
            raise ShortlistError(response.status_code, body if isinstance(body, dict) else {})
        return body

    # Health and identity.

    def health(self) -> Json:
        """`GET /healthz`."""
        return self._call("GET", "/healthz")

    def me(self) -> Json:
        """The firm the API key belongs to."""
        return self._call("GET", "/api/v1/me")

    # Catalog.

    def vendors(self, **filters: Any) -> Json:
        """List products, filtered by deployment, hosting, domain, capability, language, q."""
        return self._call("GET", "/api/v1/vendors", params=filters)

    def vendor(self, vendor_id: str) -> Json:
        """One product with every fact and its provenance."""
        return self._call("GET", f"/api/v1/vendors/{_seg(vendor_id)}")

    def create_vendor(self, profile: Mapping[str, Any]) -> Json:
        """Add a private product (catalog file format)."""
        return self._call("POST", "/api/v1/vendors", json=profile)

    def patch_vendor(self, vendor_id: str, facts: Mapping[str, Any]) -> Json:
        """Set facts by path: your product's, or your overrides of a public one."""
        return self._call("PATCH", f"/api/v1/vendors/{_seg(vendor_id)}", json={"facts": facts})

    def catalog_versions(self) -> Json:
        """The catalog versions, newest first."""
        return self._call("GET", "/api/v1/catalog/versions")

    def criteria(self) -> Json:
        """The criteria of the grid with their formulas."""
        return self._call("GET", "/api/v1/criteria")

    # Projects.

    def create_project(self, project: Mapping[str, Any]) -> Json:
        """Create a client project."""
        return self._call("POST", "/api/v1/projects", json=project)

    def projects(self, *, limit: int = 50, offset: int = 0) -> Json:
        """Your firm's projects."""
        return self._call("GET", "/api/v1/projects", params={"limit": limit, "offset": offset})

    def project(self, project_id: uuid.UUID | str) -> Json:
        """One project with its requirements and stakeholders."""
        return self._call("GET", f"/api/v1/projects/{_seg(project_id)}")

    def update_project(
        self, project_id: uuid.UUID | str, changes: Mapping[str, Any], *, version: int
    ) -> Json:
        """Change fields of a project read at `version`."""
        return self._call(
            "PATCH", f"/api/v1/projects/{_seg(project_id)}", json={**changes, "version": version}
        )

    def delete_project(self, project_id: uuid.UUID | str, *, version: int) -> Json:
        """Delete a project read at `version`, with its evaluations and history."""
        return self._call(
            "DELETE", f"/api/v1/projects/{_seg(project_id)}", params={"version": version}
        )

    def put_requirements(
        self, project_id: uuid.UUID | str, requirements: Mapping[str, Any], *, version: int
    ) -> Json:
        """Replace the project's requirements."""
        return self._call(
            "PUT",
            f"/api/v1/projects/{_seg(project_id)}/requirements",
            json={**requirements, "version": version},
        )

    def put_weights(
        self,
        project_id: uuid.UUID | str,
        stakeholder: str,
        weights: Mapping[str, Any],
        *,
        version: int,
    ) -> Json:
        """Set one stakeholder's priorities (direct points, rank order or AHP)."""
        return self._call(
            "PUT",
            f"/api/v1/projects/{_seg(project_id)}/stakeholders/{_seg(stakeholder)}/weights",
            json={**weights, "version": version},
        )

    def history(self, project_id: uuid.UUID | str) -> Json:
        """Every change to the project, newest first."""
        return self._call("GET", f"/api/v1/projects/{_seg(project_id)}/history")

    def shortlist(
        self, project_id: uuid.UUID | str, *, size: int = 3, method: str = "topsis"
    ) -> Json:
        """Knock-outs on evidence over the catalog, and the best candidates with their
        probability of ranking first."""
        return self._call(
            "GET",
            f"/api/v1/projects/{_seg(project_id)}/shortlist",
            params={"size": size, "method": method},
        )

    def evaluate(
        self,
        project_id: uuid.UUID | str,
        products: list[str],
        *,
        method: str = "topsis",
        params: Mapping[str, Any] | None = None,
        include_eliminated: bool = False,
    ) -> Json:
        """Evaluate 2 to 10 products: an explained, immutable snapshot (a product a knock-out
        eliminates is refused unless ``include_eliminated``)."""
        body = {
            "products": products,
            "method": method,
            "params": dict(params or {}),
            "include_eliminated": include_eliminated,
        }
        return self._call("POST", f"/api/v1/projects/{_seg(project_id)}/evaluations", json=body)

    def evaluations(self, project_id: uuid.UUID | str) -> Json:
        """The project's evaluations, newest first."""
        return self._call("GET", f"/api/v1/projects/{_seg(project_id)}/evaluations")

    def evaluation(self, evaluation_id: uuid.UUID | str) -> Json:
        """One evaluation's whole snapshot."""
        return self._call("GET", f"/api/v1/evaluations/{_seg(evaluation_id)}")

    def create_vendor_request(
        self, project_id: uuid.UUID | str, product: str, **options: Any
    ) -> Json:
        """Ask a product's vendor the evaluation's most influential unknowns (and `paths`);
        the response's `url` is the link to send, shown only once."""
        body = {"product": product, **options}
        return self._call("POST", f"/api/v1/projects/{_seg(project_id)}/vendor-requests", json=body)

    def vendor_requests(self, project_id: uuid.UUID | str) -> Json:
        """The project's vendor requests, newest first."""
        return self._call("GET", f"/api/v1/projects/{_seg(project_id)}/vendor-requests")

    def vendor_request(self, project_id: uuid.UUID | str, request_id: uuid.UUID | str) -> Json:
        """A vendor request with the vendor's answers."""
        path = f"/api/v1/projects/{_seg(project_id)}/vendor-requests/{_seg(request_id)}"
        return self._call("GET", path)

    def revoke_vendor_request(
        self, project_id: uuid.UUID | str, request_id: uuid.UUID | str
    ) -> Json:
        """Stop a vendor request's link at once."""
        path = f"/api/v1/projects/{_seg(project_id)}/vendor-requests/{_seg(request_id)}"
        return self._call("DELETE", path)

    def review_vendor_answer(
        self,
        project_id: uuid.UUID | str,
        request_id: uuid.UUID | str,
        answer_id: uuid.UUID | str,
        decision: str,
    ) -> Json:
        """`accepted` (vendor_declared facts), `verified` (consultant_verified) or `rejected`."""
        path = (
            f"/api/v1/projects/{_seg(project_id)}/vendor-requests/{_seg(request_id)}"
            f"/answers/{_seg(answer_id)}/review"
        )
        return self._call("POST", path, json={"decision": decision})

    def vendor_questionnaire(
        self, project_id: uuid.UUID | str, request_id: uuid.UUID | str, *, lang: str = "fr"
    ) -> bytes:
        """The request's questions as an XLSX questionnaire, for a vendor who answers in Excel."""
        path = (
            f"/api/v1/projects/{_seg(project_id)}/vendor-requests/{_seg(request_id)}"
            "/questionnaire.xlsx"
        )
        response = self._http.get(path, params={"lang": lang}, headers=self._auth)
        if response.is_error:
            raise ShortlistError(response.status_code, response.json())
        return response.content

    def upload_vendor_questionnaire(
        self,
        project_id: uuid.UUID | str,
        request_id: uuid.UUID | str,
        content: bytes,
        *,
        answered_by: str,
    ) -> Json:
        """Send back a filled-in questionnaire: the answers kept and the cells refused."""
        path = (
            f"/api/v1/projects/{_seg(project_id)}/vendor-requests/{_seg(request_id)}"
            "/questionnaire.xlsx"
        )
        return self._call(
            "POST",
            path,
            files={"file": ("questionnaire.xlsx", content)},
            data={"answered_by": answered_by},
        )

    # Scripted demonstrations.

    def create_demo_scenario(
        self, project_id: uuid.UUID | str, scenario: Mapping[str, Any]
    ) -> Json:
        """A scripted demonstration: title, description, criteria, products, open_to_clients."""
        path = f"/api/v1/projects/{_seg(project_id)}/demo-scenarios"
        return self._call("POST", path, json=scenario)

    def demo_scenarios(self, project_id: uuid.UUID | str) -> Json:
        """The project's scenarios with every score given."""
        return self._call("GET", f"/api/v1/projects/{_seg(project_id)}/demo-scenarios")

    def update_demo_scenario(
        self, project_id: uuid.UUID | str, scenario_id: uuid.UUID | str, changes: Mapping[str, Any]
    ) -> Json:
        """Change a scenario; `{"open_to_clients": True}` lets the client's key users score it."""
        path = f"/api/v1/projects/{_seg(project_id)}/demo-scenarios/{_seg(scenario_id)}"
        return self._call("PATCH", path, json=changes)

    def delete_demo_scenario(
        self, project_id: uuid.UUID | str, scenario_id: uuid.UUID | str
    ) -> Json:
        """Remove a scenario with its scores."""
        path = f"/api/v1/projects/{_seg(project_id)}/demo-scenarios/{_seg(scenario_id)}"
        return self._call("DELETE", path)

    def score_demo(
        self,
        project_id: uuid.UUID | str,
        scenario_id: uuid.UUID | str,
        evaluator: str,
        scores: Mapping[str, int | None],
    ) -> Json:
        """An evaluator's 1-5 scores by product (None withdraws one)."""
        path = f"/api/v1/projects/{_seg(project_id)}/demo-scenarios/{_seg(scenario_id)}/scores"
        body = {
            "evaluator": evaluator,
            "scores": [{"product": p, "score": s} for p, s in scores.items()],
        }
        return self._call("PUT", path, json=body)

    def demo_ratings(self, project_id: uuid.UUID | str) -> Json:
        """The ratings the demonstrations give the project's evaluations."""
        return self._call("GET", f"/api/v1/projects/{_seg(project_id)}/demo-ratings")

    def compare(self, before_id: uuid.UUID | str, after_id: uuid.UUID | str) -> Json:
        """What changed from one evaluation of a project to another: facts, criteria,
        outcomes, winner, and a paragraph in French and English."""
        return self._call("GET", f"/api/v1/evaluations/{_seg(before_id)}/compare/{_seg(after_id)}")

    # Raw decision API.

    def rank(self, problem: Mapping[str, Any]) -> Json:
        """Rank a decision matrix you bring."""
        return self._call("POST", "/api/v1/rank", json=problem)

    def ahp(self, criteria: list[str], pairwise: list[list[float]]) -> Json:
        """AHP weights and consistency of a pairwise matrix."""
        return self._call(
            "POST", "/api/v1/weights/ahp", json={"criteria": criteria, "pairwise": pairwise}
        )

    def smaa(self, problem: Mapping[str, Any]) -> Json:
        """SMAA-2 rank acceptabilities."""
        return self._call("POST", "/api/v1/sensitivity/smaa", json=problem)

    def stability(self, problem: Mapping[str, Any]) -> Json:
        """Weight stability intervals of the winner."""
        return self._call("POST", "/api/v1/sensitivity/stability", json=problem)
