"""Vendor requests end to end: questions from an evaluation's unknowns, answered by the vendor
through its link without an account, reviewed into the firm's private facts, seen in the next
evaluation and its comparison; another firm sees none of it."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.tenancy.apikeys import create_api_key
from tests.service.web.conftest import csrf_of, field_error
from vendors.schema import ProductProfile

API = "/api/v1"
PRODUCT = "monday_crm"
FINALISTS = [PRODUCT, "pipedrive", "zoho_crm"]
PROJECT = {
    "client_name": "Atelier Roux",
    "context": "first_crm",
    "horizon_years": 3,
    "users": {"sales_field": 4, "sales_office": 4, "management": 1},
    "budget": {"low": 10_000, "high": 200_000, "currency": "EUR"},
}
REQUIREMENTS = {
    "domains": {"sales": "must"},
    "capabilities": {"cpq": "should", "e_signature": "should", "event_management": "should"},
}


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def other_client(app: FastAPI, session: Session) -> Iterator[TestClient]:
    key = create_api_key(session, firm_name="Cabinet Gamma")
    session.commit()
    headers = {"Authorization": f"Bearer {key.secret}"}
    with TestClient(app, headers=headers, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def evaluated(client: TestClient, loaded_catalog: list[ProductProfile]) -> dict[str, Any]:
    created = ok(client.post(f"{API}/projects", json=PROJECT), 201)
    pid = created["id"]
    ok(client.put(f"{API}/projects/{pid}/requirements", json={**REQUIREMENTS, "version": 1}))
    evaluation = ok(
        client.post(f"{API}/projects/{pid}/evaluations", json={"products": FINALISTS}), 201
    )
    return {"project": pid, "evaluation": evaluation}


def create_request(client: TestClient, pid: str, **body: Any) -> dict[str, Any]:
    url = f"{API}/projects/{pid}/vendor-requests"
    return ok(client.post(url, json={"product": PRODUCT, **body}), 201)


def test_the_loop_from_unknowns_to_private_facts_and_a_new_verdict(
    client: TestClient,
    other_client: TestClient,
    anon_client: TestClient,
    evaluated: dict[str, Any],
) -> None:
    pid, before = evaluated["project"], evaluated["evaluation"]
    request = create_request(client, pid, paths=["ui_languages"], limit=5)
    questions = request["questions"]
    # The evaluation's most influential vendor questions first, then the consultant's.
    asked = [
        u
        for u in before["snapshot"]["unknowns"]
        if u["product"] == PRODUCT and u["question"]["ask"] == "vendor"
    ]
    assert [q["key"] for q in questions[:-1]] == [u["path"] for u in asked][: len(questions) - 1]
    assert questions[-1]["key"] == "ui_languages"
    assert questions[-1]["influence"] is None
    assert request["status"] == "active"
    assert request["evaluation_id"] == before["id"]

    path = urlsplit(request["url"]).path
    page = anon_client.get(path, params={"lang": "en"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    for question in questions:
        assert question["en"] in text
    availability = next(q for q in questions if q["kind"] == "availability")
    index = questions.index(availability)
    languages = len(questions) - 1
    form = {
        "csrf_token": csrf_of(page.text),
        "answered_by": "Camille Martin, account executive",
        f"q{index}-{availability['key']}": "included",
        f"q{index}-evidence": "https://support.monday.com/hc/en-us/articles/offline",
        f"q{index}-comment": "On the mobile app",
        f"q{languages}-ui_languages": "fr, en, de",
    }
    saved = anon_client.post(path, params={"lang": "en"}, data={**form, "save": "1"})
    assert saved.status_code == 200
    assert "Your answers are saved." in saved.text
    # The saved answers fill the form again for a returning vendor.
    again = anon_client.get(path, params={"lang": "en"}).text
    assert 'value="fr, en, de"' in again

    detail = ok(client.get(f"{API}/projects/{pid}/vendor-requests/{request['id']}"))
    answers = {a["question"]: a for a in detail["answers"]}
    assert answers["ui_languages"]["facts"] == {"ui_languages": ["fr", "en", "de"]}
    assert answers[availability["key"]]["status"] == "pending"
    assert answers[availability["key"]]["answered_by"] == "Camille Martin, account executive"

    # Another firm sees neither the request nor, once accepted, the facts.
    assert other_client.get(f"{API}/projects/{pid}/vendor-requests").status_code == 404
    for key, decision in ((availability["key"], "accepted"), ("ui_languages", "verified")):
        url = f"{API}/projects/{pid}/vendor-requests/{request['id']}/answers/{answers[key]['id']}"
        reviewed = ok(client.post(f"{url}/review", json={"decision": decision}))
        assert reviewed["status"] == decision

    facts = {
        f["path"]: f
        for f in ok(client.get(f"{API}/vendors/{PRODUCT}"))["facts"]
        if f["path"] in (availability["key"], "ui_languages")
    }
    declared = facts[availability["key"]]
    assert declared["value"] == "included"
    assert declared["confidence"] == "vendor_declared"
    assert declared["source"].startswith(f"questionnaire {request['id']}, answered by Camille")
    assert "evidence: https://support.monday.com" in declared["note"]
    assert facts["ui_languages"]["confidence"] == "consultant_verified"
    public = ok(other_client.get(f"{API}/vendors/{PRODUCT}"))["facts"]
    assert not [f for f in public if (f["source"] or "").startswith("questionnaire ")]

    after = ok(client.post(f"{API}/projects/{pid}/evaluations", json={"products": FINALISTS}), 201)
    changes = ok(client.get(f"{API}/evaluations/{before['id']}/compare/{after['id']}"))
    changed = {(c["product"], c["path"]) for c in changes["facts"] if c["value_changed"]}
    assert (PRODUCT, availability["key"]) in changed
    assert (PRODUCT, "ui_languages") in changed

    history = [e["action"] for e in ok(client.get(f"{API}/projects/{pid}/history"))["data"]]
    assert {"vendor_request_created", "vendor_answer_accepted", "vendor_answer_verified"} <= set(
        history
    )

    # Submitting closes the link.
    page = anon_client.get(path, params={"lang": "fr"})
    submitted = anon_client.post(
        path, data={**form, "csrf_token": csrf_of(page.text), "submit": "1"}
    )
    assert submitted.status_code == 200
    assert "Merci" in submitted.text
    closed = anon_client.get(path)
    assert closed.status_code == 404
    assert ok(client.get(f"{API}/projects/{pid}/vendor-requests"))["data"][0]["status"] == (
        "submitted"
    )


def test_a_bad_answer_is_shown_and_nothing_is_saved(
    client: TestClient, anon_client: TestClient, evaluated: dict[str, Any]
) -> None:
    request = create_request(
        client, evaluated["project"], paths=["ui_languages", "hosting.countries"]
    )
    path = urlsplit(request["url"]).path
    keys = [q["key"] for q in request["questions"]]
    page = anon_client.get(path, params={"lang": "en"})
    form = {
        "csrf_token": csrf_of(page.text),
        "answered_by": "Sam",
        f"q{keys.index('ui_languages')}-ui_languages": "fr",
        f"q{keys.index('hosting.countries')}-hosting.countries": "France",
    }
    refused = anon_client.post(path, params={"lang": "en"}, data=form)
    assert refused.status_code == 422
    name = f"q{keys.index('hosting.countries')}-hosting.countries"
    assert field_error(refused.text, name) == "Two-letter codes, separated by commas."
    detail = ok(
        client.get(f"{API}/projects/{evaluated['project']}/vendor-requests/{request['id']}")
    )
    assert detail["answers"] == []
    # A country code the vocabulary does not know is refused by the catalog's own schema.
    form[name] = "ZZ"
    refused = anon_client.post(path, params={"lang": "en"}, data=form)
    assert refused.status_code == 422
    assert (field_error(refused.text, name) or "").startswith("Answer refused:")


def test_the_language_switch_keeps_the_answers_typed(
    client: TestClient, anon_client: TestClient, evaluated: dict[str, Any]
) -> None:
    request = create_request(client, evaluated["project"], paths=["hosting.countries"])
    path = urlsplit(request["url"]).path
    name = (
        f"q{[q['key'] for q in request['questions']].index('hosting.countries')}-hosting.countries"
    )
    page = anon_client.get(path)
    assert 'name="switch_lang"' in page.text
    form = {
        "csrf_token": csrf_of(page.text),
        "answered_by": "Léa",
        name: "France",
        "switch_lang": "1",
    }
    switched = anon_client.post(path, params={"lang": "en"}, data=form)
    assert switched.status_code == 200
    assert '<html lang="en">' in switched.text
    assert 'value="Léa"' in switched.text
    assert 'value="France"' in switched.text
    assert field_error(switched.text, name) is None  # checked only when saved
    detail = ok(
        client.get(f"{API}/projects/{evaluated['project']}/vendor-requests/{request['id']}")
    )
    assert detail["answers"] == []


def test_the_page_refuses_what_a_form_must_not_accept(
    client: TestClient, anon_client: TestClient, evaluated: dict[str, Any]
) -> None:
    request = create_request(client, evaluated["project"])
    path = urlsplit(request["url"]).path
    no_csrf = anon_client.post(path, data={"answered_by": "Sam"})
    assert no_csrf.status_code == 403
    assert "<form" not in no_csrf.text or "csrf_token" not in no_csrf.text
    unknown = anon_client.get("/vendor/not-a-real-token")
    assert unknown.status_code == 404
    assert "text/html" in unknown.headers["content-type"]


def test_a_request_needs_something_to_ask_and_facts_a_vendor_answers(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    created = ok(client.post(f"{API}/projects", json=PROJECT), 201)
    url = f"{API}/projects/{created['id']}/vendor-requests"
    nothing = client.post(url, json={"product": PRODUCT})
    assert nothing.status_code == 422
    assert nothing.json()["fields"][0]["field"] == "body.paths"
    wrong = client.post(url, json={"product": PRODUCT, "paths": ["ratings.ease_of_use"]})
    assert wrong.status_code == 422
    assert wrong.json()["fields"][0]["field"] == "body.paths[0]"
    unknown = client.post(url, json={"product": "no_such_crm", "paths": ["ui_languages"]})
    assert unknown.status_code == 404


def test_an_edition_the_product_lacks_is_not_a_question(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    created = ok(client.post(f"{API}/projects", json=PROJECT), 201)
    url = f"{API}/projects/{created['id']}/vendor-requests"
    refused = client.post(url, json={"product": PRODUCT, "paths": ["editions.nope.price"]})
    assert refused.status_code == 422
    assert refused.json()["fields"][0]["field"] == "body.paths[0]"


def test_an_answer_is_reviewed_once_then_only_verified(
    client: TestClient, anon_client: TestClient, evaluated: dict[str, Any]
) -> None:
    pid = evaluated["project"]
    request = create_request(client, pid, paths=["ui_languages"])
    path = urlsplit(request["url"]).path
    index = [q["key"] for q in request["questions"]].index("ui_languages")
    page = anon_client.get(path)
    form = {"csrf_token": csrf_of(page.text), "answered_by": "Sam", f"q{index}-ui_languages": "fr"}
    assert anon_client.post(path, data=form).status_code == 200
    detail = ok(client.get(f"{API}/projects/{pid}/vendor-requests/{request['id']}"))
    answer = detail["answers"][0]["id"]
    review = f"{API}/projects/{pid}/vendor-requests/{request['id']}/answers/{answer}/review"
    assert ok(client.post(review, json={"decision": "accepted"}))["status"] == "accepted"
    assert client.post(review, json={"decision": "rejected"}).status_code == 409
    assert ok(client.post(review, json={"decision": "verified"}))["status"] == "verified"
    assert client.post(review, json={"decision": "accepted"}).status_code == 409
    languages = next(
        f
        for f in ok(client.get(f"{API}/vendors/{PRODUCT}"))["facts"]
        if f["path"] == "ui_languages"
    )
    assert (languages["value"], languages["confidence"]) == (["fr"], "consultant_verified")


def test_a_reviewed_answer_stands_when_the_vendor_saves_again(
    client: TestClient, anon_client: TestClient, evaluated: dict[str, Any]
) -> None:
    pid = evaluated["project"]
    request = create_request(client, pid, paths=["ui_languages", "ui_languages"])
    assert [q["key"] for q in request["questions"]].count("ui_languages") == 1
    path = urlsplit(request["url"]).path
    name = f"q{[q['key'] for q in request['questions']].index('ui_languages')}-ui_languages"
    form = {"csrf_token": csrf_of(anon_client.get(path).text), "answered_by": "Sam", name: "fr"}
    assert anon_client.post(path, data=form).status_code == 200
    answer = ok(client.get(f"{API}/projects/{pid}/vendor-requests/{request['id']}"))["answers"][0]
    review = f"{API}/projects/{pid}/vendor-requests/{request['id']}/answers/{answer['id']}/review"
    ok(client.post(review, json={"decision": "verified"}))
    # The same answer again leaves the review alone; another one is refused at its field.
    assert anon_client.post(path, data=form).status_code == 200
    changed = anon_client.post(path, params={"lang": "en"}, data={**form, name: "de"})
    assert changed.status_code == 422
    assert (field_error(changed.text, name) or "").startswith("Answer refused: already reviewed")
    after = ok(client.get(f"{API}/projects/{pid}/vendor-requests/{request['id']}"))["answers"]
    assert [(a["facts"], a["status"]) for a in after] == [({"ui_languages": ["fr"]}, "verified")]


def test_declared_certifications_add_to_the_known_ones(
    client: TestClient, anon_client: TestClient, evaluated: dict[str, Any]
) -> None:
    pid = evaluated["project"]
    known = next(
        f["value"]
        for f in ok(client.get(f"{API}/vendors/{PRODUCT}"))["facts"]
        if f["path"] == "hosting.certifications" and f["alternative"] == 0
    )
    assert known, "the catalog knows some of the product's certifications"
    request = create_request(client, pid, paths=["hosting.certifications"])
    path = urlsplit(request["url"]).path
    index = [q["key"] for q in request["questions"]].index("hosting.certifications")
    form = {
        "csrf_token": csrf_of(anon_client.get(path).text),
        "answered_by": "Sam",
        f"q{index}-hosting.certifications": "hds",
    }
    assert anon_client.post(path, data=form).status_code == 200
    answer = ok(client.get(f"{API}/projects/{pid}/vendor-requests/{request['id']}"))["answers"][0]
    review = f"{API}/projects/{pid}/vendor-requests/{request['id']}/answers/{answer['id']}/review"
    ok(client.post(review, json={"decision": "accepted"}))
    now = next(
        f["value"]
        for f in ok(client.get(f"{API}/vendors/{PRODUCT}"))["facts"]
        if f["path"] == "hosting.certifications" and f["alternative"] == 0
    )
    assert now == sorted({*known, "hds"})


def test_strict_fields_and_a_revoked_link(
    client: TestClient, anon_client: TestClient, evaluated: dict[str, Any]
) -> None:
    pid = evaluated["project"]
    request = create_request(client, pid, paths=["deployment.on_premise"])
    path = urlsplit(request["url"]).path
    index = [q["key"] for q in request["questions"]].index("deployment.on_premise")
    form = {
        "csrf_token": csrf_of(anon_client.get(path).text),
        "answered_by": "Sam",
        f"q{index}-deployment.on_premise": "maybe",
        f"q{index}-evidence": "javascript:alert(1)",
    }
    refused = anon_client.post(path, params={"lang": "en"}, data=form)
    assert refused.status_code == 422
    assert field_error(refused.text, f"q{index}-deployment.on_premise") == "Yes or no."
    assert (field_error(refused.text, f"q{index}-evidence") or "").startswith("A web address")
    revoked = client.delete(f"{API}/projects/{pid}/vendor-requests/{request['id']}")
    assert ok(revoked)["status"] == "revoked"
    assert anon_client.get(path).status_code == 404
    history = [e["action"] for e in ok(client.get(f"{API}/projects/{pid}/history"))["data"]]
    assert "vendor_request_revoked" in history


def test_a_blanked_pending_answer_is_withdrawn(
    client: TestClient, anon_client: TestClient, evaluated: dict[str, Any]
) -> None:
    pid = evaluated["project"]
    request = create_request(client, pid, paths=["ui_languages", "deployment.on_premise"])
    kinds = {q["key"]: q["kind"] for q in request["questions"]}
    assert (kinds["ui_languages"], kinds["deployment.on_premise"]) == ("languages", "deployment")
    path = urlsplit(request["url"]).path
    name = f"q{list(kinds).index('ui_languages')}-ui_languages"
    form = {"csrf_token": csrf_of(anon_client.get(path).text), "answered_by": "Sam", name: "fr"}
    assert anon_client.post(path, data=form).status_code == 200
    detail = f"{API}/projects/{pid}/vendor-requests/{request['id']}"
    assert len(ok(client.get(detail))["answers"]) == 1
    assert anon_client.post(path, data={**form, name: ""}).status_code == 200
    assert ok(client.get(detail))["answers"] == []


def test_an_error_met_behind_the_page_is_a_page_not_json(
    client: TestClient,
    anon_client: TestClient,
    evaluated: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from vendors import service as catalog
    from vendors.service import ProductNotFound

    request = create_request(client, evaluated["project"], paths=["ui_languages"])
    path = urlsplit(request["url"]).path

    def gone(*_args: Any, **_kwargs: Any) -> None:
        raise ProductNotFound(PRODUCT)

    monkeypatch.setattr(catalog, "get_product", gone)
    page = anon_client.get(path, params={"lang": "en"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Link not found" in page.text


def test_two_saves_racing_on_one_answer_get_a_page_saying_so(
    client: TestClient,
    anon_client: TestClient,
    evaluated: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sqlalchemy.exc import IntegrityError

    from service.vendor_requests import service as vendor_requests

    request = create_request(client, evaluated["project"], paths=["ui_languages"])
    path = urlsplit(request["url"]).path
    page = anon_client.get(path)
    index = len(request["questions"]) - 1

    def lost_the_race(*_args: Any, **_kwargs: Any) -> None:
        # What PostgreSQL answers when another save inserted the same answer first.
        raise IntegrityError("INSERT INTO vendor_answer", {}, Exception("unique violation"))

    monkeypatch.setattr(vendor_requests, "save_answers", lost_the_race)
    sent = anon_client.post(
        path,
        data={
            "csrf_token": csrf_of(page.text),
            "answered_by": "Camille",
            f"q{index}-ui_languages": "fr",
            "save": "1",
        },
    )
    assert sent.status_code == 409
    assert sent.headers["content-type"].startswith("text/html")
    assert "Modifié au même moment" in html.unescape(sent.text)
