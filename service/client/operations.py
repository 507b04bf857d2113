"""Every operation of the Shortlist API, each defined once for the sync and the async client.

Each method says what to send; `operation(method, path, Result)` says where and what comes
back (see `service.client.transport`). A new endpoint is one more decorated method here; the
test `tests/service/test_client_contract.py` fails while an operation of the OpenAPI document
has none. The three downloads (files, not JSON) are declared apart (`DOWNLOADS`) because
their methods take `to=`, whose type decides what they return.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from service.client import models
from service.client.transport import Endpoint, Request, operation

#: An id as the API gives it (a UUID or its text).
Id = uuid.UUID | str
#: A request body: a dict as in the README, or one of the request models of `models`.
Body = Mapping[str, Any] | BaseModel
#: A file to upload: its bytes, or a path to read.
Upload = bytes | str | os.PathLike[str]
Lang = Literal["fr", "en"]
ExportFormat = Literal["xlsx", "csv", "json", "html", "pdf"]

PROJECT = "/api/v1/projects/{project_id}"
INVITATION = PROJECT + "/invitations/{invitation_id}"
VENDOR_REQUEST = PROJECT + "/vendor-requests/{request_id}"
SCENARIO = PROJECT + "/demo-scenarios/{scenario_id}"
BATCH = "/api/v1/batches/{batch_id}"
EXPORT_JOB = "/api/v1/exports/{export_id}"


def body(value: Body, **more: Any) -> dict[str, Any]:
    """The JSON object of a dict or a request model (only the fields set), with `more`."""
    if isinstance(value, BaseModel):
        return {**value.model_dump(mode="json", by_alias=True, exclude_unset=True), **more}
    return {**value, **more}


def page(limit: int | None, offset: int | None) -> dict[str, int | None]:
    """A listing's page parameters (None: the service's default)."""
    return {"limit": limit, "offset": offset}


def given(**values: Any) -> dict[str, Any]:
    """The values that are not None."""
    return {key: value for key, value in values.items() if value is not None}


def upload(content: Upload, default_name: str) -> tuple[str, bytes]:
    """A file's name and bytes: a path is read (so a retry can send it again)."""
    if isinstance(content, bytes):
        return default_name, content
    path = Path(content)
    return path.name, path.read_bytes()


class Operations:
    """The consultant's API, one method per operation (sync or async, by the client)."""

    # Health and identity.

    @operation("GET", "/healthz", models.Health)
    def health(self) -> Request:
        """`GET /healthz`: the service's status, version and database."""
        return Request()

    @operation("GET", "/livez", models.Live)
    def live(self) -> Request:
        """`GET /livez`: the process answers (no dependency checked)."""
        return Request()

    @operation("GET", "/readyz", models.Ready)
    def ready(self) -> Request:
        """`GET /readyz`: the database answers and, on PostgreSQL, queue workers are alive."""
        return Request()

    @operation("GET", "/api/v1/me", models.FirmPublic)
    def me(self) -> Request:
        """The firm the API key belongs to."""
        return Request()

    # Catalog.

    @operation("GET", "/api/v1/vendors", models.VendorsPublic)
    def vendors(
        self, /, *, limit: int | None = None, offset: int | None = None, **filters: Any
    ) -> Request:
        """List products, filtered by deployment, hosting, domain, capability, language, q."""
        return Request(params={**filters, **page(limit, offset)})

    @operation("GET", "/api/v1/vendors/{vendor_id}", models.VendorDetail)
    def vendor(self, vendor_id: str) -> Request:
        """One product with every fact and its provenance."""
        return Request((vendor_id,))

    @operation("POST", "/api/v1/vendors", models.VendorDetail)
    def create_vendor(self, profile: Body) -> Request:
        """Add a private product (catalog file format)."""
        return Request(json=body(profile))

    @operation("PATCH", "/api/v1/vendors/{vendor_id}", models.VendorDetail)
    def patch_vendor(self, vendor_id: str, facts: Mapping[str, Any]) -> Request:
        """Set facts by path: your product's, or your overrides of a public one."""
        return Request((vendor_id,), json={"facts": facts})

    @operation("GET", "/api/v1/catalog/versions", models.CatalogVersionsPublic)
    def catalog_versions(self, *, limit: int | None = None, offset: int | None = None) -> Request:
        """The catalog versions, newest first."""
        return Request(params=page(limit, offset))

    @operation("GET", "/api/v1/criteria", models.CriteriaPublic)
    def criteria(self) -> Request:
        """The criteria of the grid with their formulas, policies and analysis settings."""
        return Request()

    # Projects.

    @operation("POST", "/api/v1/projects", models.ProjectPublic)
    def create_project(self, project: Body) -> Request:
        """Create a client project."""
        return Request(json=body(project))

    @operation("GET", "/api/v1/projects", models.ProjectsPublic)
    def projects(self, *, limit: int = 50, offset: int = 0) -> Request:
        """Your firm's projects."""
        return Request(params=page(limit, offset))

    @operation("GET", PROJECT, models.ProjectPublic)
    def project(self, project_id: Id) -> Request:
        """One project with its requirements and stakeholders."""
        return Request((project_id,))

    @operation("PATCH", PROJECT, models.ProjectPublic)
    def update_project(self, project_id: Id, changes: Body, *, version: int) -> Request:
        """Change fields of a project read at `version`."""
        return Request((project_id,), json=body(changes, version=version))

    @operation("DELETE", PROJECT, models.ProjectDeleted)
    def delete_project(self, project_id: Id, *, version: int) -> Request:
        """Delete a project read at `version`, with its evaluations and history."""
        return Request((project_id,), params={"version": version})

    @operation("PUT", PROJECT + "/requirements", models.ProjectPublic)
    def put_requirements(self, project_id: Id, requirements: Body, *, version: int) -> Request:
        """Replace the project's requirements."""
        return Request((project_id,), json=body(requirements, version=version))

    @operation("PUT", PROJECT + "/stakeholders/{name}/weights", models.ProjectPublic)
    def put_weights(
        self, project_id: Id, stakeholder: str, weights: Body, *, version: int
    ) -> Request:
        """Set one stakeholder's priorities (direct points, rank order or AHP)."""
        return Request((project_id, stakeholder), json=body(weights, version=version))

    @operation("GET", PROJECT + "/history", models.HistoryPublic)
    def history(
        self, project_id: Id, *, limit: int | None = None, offset: int | None = None
    ) -> Request:
        """Every change to the project, newest first."""
        return Request((project_id,), params=page(limit, offset))

    @operation("GET", PROJECT + "/shortlist", models.ShortlistPublic)
    def shortlist(
        self,
        project_id: Id,
        *,
        size: int = 3,
        method: str = "topsis",
        params: Mapping[str, Any] | None = None,
    ) -> Request:
        """Knock-outs on evidence over the catalog, and the best candidates with their
        probability of ranking first."""
        query = {"size": size, "method": method, "params": params and json.dumps(params)}
        return Request((project_id,), params=query)

    @operation("POST", PROJECT + "/evaluations", models.EvaluationPublic)
    def evaluate(
        self,
        project_id: Id,
        products: list[str],
        *,
        method: str = "topsis",
        params: Mapping[str, Any] | None = None,
        include_eliminated: bool = False,
    ) -> Request:
        """Evaluate 2 to 10 products: an explained, immutable snapshot (a product a knock-out
        eliminates is refused unless ``include_eliminated``)."""
        evaluation = {
            "products": products,
            "method": method,
            "params": dict(params or {}),
            "include_eliminated": include_eliminated,
        }
        return Request((project_id,), json=evaluation)

    @operation("GET", PROJECT + "/evaluations", models.EvaluationsPublic)
    def evaluations(
        self, project_id: Id, *, limit: int | None = None, offset: int | None = None
    ) -> Request:
        """The project's evaluations, newest first."""
        return Request((project_id,), params=page(limit, offset))

    @operation("GET", "/api/v1/evaluations/{evaluation_id}", models.EvaluationPublic)
    def evaluation(self, evaluation_id: Id) -> Request:
        """One evaluation's whole snapshot."""
        return Request((evaluation_id,))

    @operation(
        "GET", "/api/v1/evaluations/{evaluation_id}/compare/{other_id}", models.EvaluationChanges
    )
    def compare(self, before_id: Id, after_id: Id) -> Request:
        """What changed from one evaluation of a project to another: facts, criteria,
        outcomes, winner, and a paragraph in French and English."""
        return Request((before_id, after_id))

    @operation("GET", "/api/v1/schemas/evaluation-export.json", dict)
    def evaluation_export_schema(self) -> Request:
        """The JSON Schema of an evaluation's JSON export."""
        return Request()

    # Client questionnaire (invitation links).

    @operation("POST", PROJECT + "/invitations", models.InvitationCreated)
    def create_invitation(
        self,
        project_id: Id,
        *,
        expires_in_days: int | None = None,
        show_results: bool | None = None,
    ) -> Request:
        """A link for the client's questionnaire; the response's `url` is shown only once."""
        options = given(expires_in_days=expires_in_days, show_results=show_results)
        return Request((project_id,), json=options)

    @operation("GET", PROJECT + "/invitations", models.InvitationsPublic)
    def invitations(
        self, project_id: Id, *, limit: int | None = None, offset: int | None = None
    ) -> Request:
        """The project's invitation links, newest first."""
        return Request((project_id,), params=page(limit, offset))

    @operation("GET", INVITATION, models.InvitationPublic)
    def invitation(self, project_id: Id, invitation_id: Id) -> Request:
        """One invitation link (never its token)."""
        return Request((project_id, invitation_id))

    @operation("PATCH", INVITATION, models.InvitationPublic)
    def update_invitation(
        self, project_id: Id, invitation_id: Id, *, show_results: bool
    ) -> Request:
        """Let the client see the comparison of the latest evaluation, or not."""
        return Request((project_id, invitation_id), json={"show_results": show_results})

    @operation("DELETE", INVITATION, models.InvitationPublic)
    def revoke_invitation(self, project_id: Id, invitation_id: Id) -> Request:
        """Stop an invitation link at once."""
        return Request((project_id, invitation_id))

    # Vendor questionnaires.

    @operation("POST", PROJECT + "/vendor-requests", models.VendorRequestCreated)
    def create_vendor_request(self, /, project_id: Id, product: str, **options: Any) -> Request:
        """Ask a product's vendor the evaluation's most influential unknowns (and `paths`);
        the response's `url` is the link to send, shown only once."""
        return Request((project_id,), json={"product": product, **options})

    @operation("GET", PROJECT + "/vendor-requests", models.VendorRequestsPublic)
    def vendor_requests(self, project_id: Id) -> Request:
        """The project's vendor requests, newest first."""
        return Request((project_id,))

    @operation("GET", VENDOR_REQUEST, models.VendorRequestDetail)
    def vendor_request(self, project_id: Id, request_id: Id) -> Request:
        """A vendor request with the vendor's answers."""
        return Request((project_id, request_id))

    @operation("DELETE", VENDOR_REQUEST, models.VendorRequestPublic)
    def revoke_vendor_request(self, project_id: Id, request_id: Id) -> Request:
        """Stop a vendor request's link at once."""
        return Request((project_id, request_id))

    @operation("POST", VENDOR_REQUEST + "/answers/{answer_id}/review", models.VendorAnswerOut)
    def review_vendor_answer(
        self, project_id: Id, request_id: Id, answer_id: Id, decision: str
    ) -> Request:
        """`accepted` (vendor_declared facts), `verified` (consultant_verified) or `rejected`."""
        return Request((project_id, request_id, answer_id), json={"decision": decision})

    @operation("POST", VENDOR_REQUEST + "/questionnaire.xlsx", models.QuestionnaireImported)
    def upload_vendor_questionnaire(
        self, project_id: Id, request_id: Id, content: Upload, *, answered_by: str
    ) -> Request:
        """Send back a filled-in questionnaire (its bytes or its path): the answers kept and
        the cells refused."""
        files = {"file": upload(content, "questionnaire.xlsx")}
        return Request((project_id, request_id), files=files, data={"answered_by": answered_by})

    # Scripted demonstrations.

    @operation("POST", PROJECT + "/demo-scenarios", models.ScenarioOut)
    def create_demo_scenario(self, project_id: Id, scenario: Body) -> Request:
        """A scripted demonstration: title, description, criteria, products, open_to_clients."""
        return Request((project_id,), json=body(scenario))

    @operation("GET", PROJECT + "/demo-scenarios", models.ScenariosOut)
    def demo_scenarios(self, project_id: Id) -> Request:
        """The project's scenarios with every score given."""
        return Request((project_id,))

    @operation("GET", SCENARIO, models.ScenarioOut)
    def demo_scenario(self, project_id: Id, scenario_id: Id) -> Request:
        """One scenario with every score given."""
        return Request((project_id, scenario_id))

    @operation("PATCH", SCENARIO, models.ScenarioOut)
    def update_demo_scenario(self, project_id: Id, scenario_id: Id, changes: Body) -> Request:
        """Change a scenario; `{"open_to_clients": True}` lets the client's key users score it."""
        return Request((project_id, scenario_id), json=body(changes))

    @operation("DELETE", SCENARIO, None)
    def delete_demo_scenario(self, project_id: Id, scenario_id: Id) -> Request:
        """Remove a scenario with its scores."""
        return Request((project_id, scenario_id))

    @operation("PUT", SCENARIO + "/scores", models.ScenarioOut)
    def score_demo(
        self,
        project_id: Id,
        scenario_id: Id,
        evaluator: str,
        scores: Mapping[str, int | None],
    ) -> Request:
        """An evaluator's 1-5 scores by product (None withdraws one)."""
        given_scores = [{"product": p, "score": s} for p, s in scores.items()]
        return Request(
            (project_id, scenario_id), json={"evaluator": evaluator, "scores": given_scores}
        )

    @operation("GET", PROJECT + "/demo-ratings", models.RatingsOut)
    def demo_ratings(self, project_id: Id) -> Request:
        """The ratings the demonstrations give the project's evaluations."""
        return Request((project_id,))

    # Batch comparisons.

    @operation("POST", "/api/v1/batches", models.BatchPublic)
    def create_batch(
        self,
        file: Upload,
        *,
        output_format: Literal["xlsx", "csv", "json"] = "xlsx",
        input_format: Literal["csv", "xlsx", "json"] | None = None,
        filename: str | None = None,
    ) -> Request:
        """Queue a batch of client profiles (CSV, XLSX or JSON: its bytes or its path; the
        format is the file name's extension unless `input_format` says it)."""
        name, content = upload(file, f"clients.{input_format or 'csv'}")
        form = given(output_format=output_format, input_format=input_format)
        return Request(files={"file": (filename or name, content)}, data=form)

    @operation("GET", BATCH, models.BatchPublic)
    def batch(self, batch_id: Id) -> Request:
        """A batch's status, progress and errors."""
        return Request((batch_id,))

    @operation("GET", "/api/v1/batches", models.BatchesPublic)
    def batches(self, *, limit: int = 50, offset: int = 0) -> Request:
        """Your firm's batches, newest first."""
        return Request(params=page(limit, offset))

    @operation("DELETE", BATCH, models.BatchPublic)
    def cancel_batch(self, batch_id: Id) -> Request:
        """Cancel a queued or running batch: chunks not yet run never run."""
        return Request((batch_id,))

    # Exports rendered in the background.

    @operation("POST", "/api/v1/evaluations/{evaluation_id}/exports", models.ExportJobPublic)
    def request_export(
        self, evaluation_id: Id, format: ExportFormat, *, lang: Lang | None = None
    ) -> Request:
        """Ask for an export rendered by the queue's workers; follow it with `export_job`."""
        return Request((evaluation_id,), json=given(format=format, lang=lang))

    @operation("GET", EXPORT_JOB, models.ExportJobPublic)
    def export_job(self, export_id: Id) -> Request:
        """An export asked for: its status, and its file once done."""
        return Request((export_id,))

    # Raw decision API.

    @operation("POST", "/api/v1/rank", models.RankingOut)
    def rank(self, problem: Body) -> Request:
        """Rank a decision matrix you bring."""
        return Request(json=body(problem))

    @operation("POST", "/api/v1/weights/ahp", models.AhpOut)
    def ahp(self, criteria: list[str], pairwise: list[list[float]]) -> Request:
        """AHP weights and consistency of a pairwise matrix."""
        return Request(json={"criteria": criteria, "pairwise": pairwise})

    @operation("POST", "/api/v1/sensitivity/smaa", models.SmaaAnalysisOut)
    def smaa(self, problem: Body) -> Request:
        """SMAA-2 rank acceptabilities."""
        return Request(json=body(problem))

    @operation("POST", "/api/v1/sensitivity/stability", models.StabilityAnalysisOut)
    def stability(self, problem: Body) -> Request:
        """Weight stability intervals of the winner."""
        return Request(json=body(problem))

    @operation("POST", "/api/v1/sensitivity/agreement", models.MethodAgreementOut)
    def agreement(self, problem: Body) -> Request:
        """Several methods' rankings of one problem side by side, with Kendall's tau."""
        return Request(json=body(problem))


QUESTIONNAIRE = Endpoint("GET", VENDOR_REQUEST + "/questionnaire.xlsx", bytes)
EXPORT = Endpoint("GET", "/api/v1/evaluations/{evaluation_id}/export", bytes)
BATCH_RESULT = Endpoint("GET", BATCH + "/result", bytes)
EXPORT_FILE = Endpoint("GET", EXPORT_JOB + "/file", bytes)
#: The operations whose answer is a file: methods of each client that take `to=`.
DOWNLOADS = (QUESTIONNAIRE, EXPORT, BATCH_RESULT, EXPORT_FILE)
Fetch = tuple[Endpoint[bytes], Request]


def vendor_questionnaire(project_id: Id, request_id: Id, *, lang: Lang) -> Fetch:
    """The request's questions as an XLSX questionnaire."""
    return QUESTIONNAIRE, Request((project_id, request_id), params={"lang": lang})


def export_evaluation(evaluation_id: Id, format: ExportFormat, *, lang: Lang | None) -> Fetch:
    """An evaluation exported as a file."""
    return EXPORT, Request((evaluation_id,), params={"format": format, "lang": lang})


def batch_result(batch_id: Id) -> Fetch:
    """A finished batch's result file."""
    return BATCH_RESULT, Request((batch_id,))


def export_file(export_id: Id) -> Fetch:
    """The file of an export rendered in the background."""
    return EXPORT_FILE, Request((export_id,))
