"""A vendor request answered in Excel: the questionnaire downloaded, filled in and sent back;
good answers kept, bad cells reported by row and column."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from fastapi.testclient import TestClient

from tests.service.api.test_compare import API, ok, project
from vendors.schema import ProductProfile

PRODUCT = "pipedrive"
ASKED = [
    "capabilities.cpq.availability",
    "capabilities.event_management.availability",
    "editions.growth.price",
    "hosting.countries",
    "deployment.on_premise",
]


def vendor_request(client: TestClient) -> tuple[str, dict[str, Any]]:
    pid = project(client)
    url = f"{API}/projects/{pid}/vendor-requests"
    return pid, ok(client.post(url, json={"product": PRODUCT, "paths": ASKED, "limit": 1}), 201)


def download(client: TestClient, pid: str, rid: str, lang: str = "fr") -> openpyxl.Workbook:
    response = client.get(
        f"{API}/projects/{pid}/vendor-requests/{rid}/questionnaire.xlsx", params={"lang": lang}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows_of(book: openpyxl.Workbook) -> dict[tuple[str, str | None], int]:
    """The row of each (fact, edition)."""
    sheet = book["Questionnaire"]
    rows: dict[tuple[str, str | None], int] = {}
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if row[1] is not None:
            rows[(str(row[1]), None if row[2] is None else str(row[2]))] = number
    return rows


def upload(
    client: TestClient, pid: str, rid: str, book: openpyxl.Workbook, name: str = "Léa, Pipedrive"
) -> Any:
    buffer = io.BytesIO()
    book.save(buffer)
    return client.post(
        f"{API}/projects/{pid}/vendor-requests/{rid}/questionnaire.xlsx",
        files={"file": ("réponses.xlsx", buffer.getvalue())},
        data={"answered_by": name},
    )


def fill(
    book: openpyxl.Workbook,
    at: dict[tuple[str, str | None], int],
    path: str,
    edition: str | None,
    **cells: Any,
) -> None:
    columns = {
        "answer": 5,
        "currency": 6,
        "unit": 7,
        "billing": 8,
        "evidence_url": 9,
        "comment": 10,
    }
    for name, value in cells.items():
        book["Questionnaire"].cell(at[(path, edition)], columns[name], value)


def test_the_questionnaire_has_a_row_per_question_and_edition(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid, request = vendor_request(client)
    book = download(client, pid, request["id"])
    sheet = book["Questionnaire"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["question", "fait", "édition", "intitulé", "réponse"]
    at = rows_of(book)
    editions = [e["key"] for e in loaded_profile(loaded_catalog)["editions"]]
    for key in editions:
        assert ("capabilities.cpq.in_editions", key) in at
    assert ("editions.growth.price", "growth") in at
    assert ("hosting.countries", None) in at
    # Drop-down lists guide the answers, and the question columns are protected.
    validated = {str(v.sqref) for v in sheet.data_validations.dataValidation}
    assert f"E{at[('capabilities.cpq.availability', None)]}" in validated
    assert sheet.protection.sheet is True
    assert "Aide" in book.sheetnames
    english = download(client, pid, request["id"], "en")
    assert [c.value for c in english["Questionnaire"][1]][4] == "answer"
    assert "Help" in english.sheetnames


def loaded_profile(catalog: list[ProductProfile]) -> dict[str, Any]:
    return next(p for p in catalog if p.id == PRODUCT).model_dump(mode="json")


def test_good_answers_are_kept_and_bad_cells_reported_by_row_and_column(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid, request = vendor_request(client)
    rid = request["id"]
    book = download(client, pid, rid)
    at = rows_of(book)
    fill(
        book,
        at,
        "capabilities.cpq.availability",
        None,
        answer="option payante",
        evidence_url="https://www.pipedrive.com/fr/pricing",
        comment="Module Smart Docs",
    )
    fill(book, at, "capabilities.cpq.in_editions", "premium", answer="oui")
    fill(book, at, "capabilities.cpq.in_editions", "lite", answer="non")
    fill(
        book,
        at,
        "editions.growth.price",
        "growth",
        answer=39,
        currency="EUR",
        unit="user_month",
        billing="yearly",
    )
    fill(book, at, "hosting.countries", None, answer="DE, IE")
    # Refused: an answer that is not yes or no, and a formula where an availability goes.
    fill(book, at, "deployment.on_premise", None, answer="peut-être")
    fill(book, at, "capabilities.event_management.availability", None, answer="=1+1")

    result = ok(upload(client, pid, rid, book))
    assert set(result["kept"]) == {
        "capabilities.cpq.availability",
        "editions.growth.price",
        "hosting.countries",
    }
    refused = {(e["row"], e["column"]) for e in result["errors"]}
    assert refused == {
        (at[("deployment.on_premise", None)], "answer"),
        (at[("capabilities.event_management.availability", None)], "answer"),
    }
    answers = {a["question"]: a for a in result["answers"]}
    cpq = answers["capabilities.cpq.availability"]
    assert cpq["facts"] == {
        "capabilities.cpq.availability": "add_on",
        "capabilities.cpq.in_editions": ["premium"],
    }
    assert (cpq["evidence_url"], cpq["comment"]) == (
        "https://www.pipedrive.com/fr/pricing",
        "Module Smart Docs",
    )
    assert answers["editions.growth.price"]["facts"] == {
        "editions.growth.price": {
            "amount": 39.0,
            "currency": "EUR",
            "unit": "user_month",
            "billed": "yearly",
        }
    }
    assert {a["status"] for a in result["answers"]} == {"pending"}
    assert {a["answered_by"] for a in result["answers"]} == {"Léa, Pipedrive"}

    # Accepted, an answer becomes the firm's vendor_declared fact.
    hosting_answer = answers["hosting.countries"]["id"]
    review = f"{API}/projects/{pid}/vendor-requests/{rid}/answers/{hosting_answer}/review"
    ok(client.post(review, json={"decision": "accepted"}))
    facts = ok(client.get(f"{API}/vendors/{PRODUCT}"))["facts"]
    hosting = next(f for f in facts if f["path"] == "hosting.countries")
    assert (hosting["value"], hosting["confidence"]) == (["DE", "IE"], "vendor_declared")
    assert f"questionnaire {rid}, answered by Léa, Pipedrive" in hosting["source"]

    # Sending the corrected rows later keeps what was kept, and adds the corrected answers.
    fill(book, at, "deployment.on_premise", None, answer="non")
    fill(book, at, "capabilities.event_management.availability", None, answer="non disponible")
    again = ok(upload(client, pid, rid, book))
    assert again["errors"] == []
    detail = ok(client.get(f"{API}/projects/{pid}/vendor-requests/{rid}"))
    statuses = {a["question"]: a["status"] for a in detail["answers"]}
    assert statuses["hosting.countries"] == "accepted"
    assert statuses["deployment.on_premise"] == "pending"
    history = ok(client.get(f"{API}/projects/{pid}/history"))["data"]
    assert "vendor_request_file_imported" in [e["action"] for e in history]


def test_a_file_that_is_not_the_questionnaire_is_refused_whole(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid, request = vendor_request(client)
    rid = request["id"]
    url = f"{API}/projects/{pid}/vendor-requests/{rid}/questionnaire.xlsx"
    not_xlsx = client.post(
        url, files={"file": ("a.xlsx", b"name;score\n")}, data={"answered_by": "x"}
    )
    assert not_xlsx.status_code == 422
    assert not_xlsx.json()["fields"][0]["field"] == "body.file"
    book = download(client, pid, rid)
    book["Questionnaire"].cell(1, 5, "ma réponse")
    assert upload(client, pid, rid, book).status_code == 422
    other = openpyxl.Workbook()
    assert upload(client, pid, rid, other).status_code == 422
    # A row the request does not ask is refused; the others still count.
    book = download(client, pid, rid)
    at = rows_of(book)
    sheet = book["Questionnaire"]
    sheet.cell(at[("hosting.countries", None)], 2, "ratings.ease_of_use")
    sheet.cell(at[("hosting.countries", None)], 5, "5")
    fill(book, at, "deployment.on_premise", None, answer="oui")
    result = ok(upload(client, pid, rid, book))
    assert result["kept"] == ["deployment.on_premise"]
    assert [(e["row"], e["column"]) for e in result["errors"]] == [
        (at[("hosting.countries", None)], "fact")
    ]
    # Each refused cell names its column.
    book = download(client, pid, rid)
    at = rows_of(book)
    fill(book, at, "editions.growth.price", "growth", answer="39,5", currency="EUR", unit="seat")
    fill(book, at, "deployment.on_premise", None, answer="oui", evidence_url="ftp://x")
    fill(book, at, "hosting.countries", None, answer="FRA")
    result = ok(upload(client, pid, rid, book))
    assert result["kept"] == []
    assert [(e["row"], e["column"]) for e in result["errors"]] == sorted(
        [
            (at[("editions.growth.price", "growth")], "unit"),
            (at[("deployment.on_premise", None)], "evidence_url"),
            (at[("hosting.countries", None)], "answer"),
        ]
    )
    assert client.delete(f"{API}/projects/{pid}/vendor-requests/{rid}").status_code == 200
    assert upload(client, pid, rid, book).status_code == 409
