"""What the API says in words, as a consultant forwards it: the summary of an evaluation, its
questions on unknown facts, the change risks, what changed since another evaluation and the
criteria's labels and policies hold no internal key (a fact path, a code) in French or
English, no English word in French, and French typography (no-break spaces before « : ; ? ! % »
and inside « »)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.exports.conftest import COMPARED, FINALISTS, STRICT_PROJECT, make_evaluation
from tests.service.exports.test_report_words import ENGLISH, INTERNAL
from vendors.schema import ProductProfile

API = "/api/v1"
# A plain space where French typography puts a no-break one.
PLAIN_SPACE = re.compile(r" [:;?!%»]|« ")


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code in (200, 201), response.text
    body: dict[str, Any] = response.json()
    return body


def evaluated_twice(client: TestClient) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """An evaluation of the finalists, a second one of the same project with Oracle (which the
    budget eliminates) compared too, and what changed between them."""
    before = make_evaluation(client, FINALISTS, project=STRICT_PROJECT)
    body = {"products": COMPARED, "include_eliminated": True}
    after = ok(client.post(f"{API}/projects/{before['project_id']}/evaluations", json=body))
    changes = ok(client.get(f"{API}/evaluations/{before['id']}/compare/{after['id']}"))
    return before, after, changes


def said(snapshot: dict[str, Any], lang: str) -> list[str]:
    """Every text an evaluation's snapshot writes in `lang`."""
    texts = [snapshot["summary"][lang]]
    for unknown in snapshot["unknowns"]:
        texts += [unknown["question"][lang], unknown["question"][f"about_{lang}"]]
    for risk in snapshot["risks"]:
        texts.append(risk[f"label_{lang}"])
        if risk["level"] != "low":
            texts.append(risk[f"advice_{lang}"])
    policies = snapshot["inputs"]["policies_fr" if lang == "fr" else "policies"]
    return [*texts, *policies.values()]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_api_says_nothing_internal_and_french_is_all_french(
    client: TestClient, loaded_catalog: list[ProductProfile], lang: str
) -> None:
    before, after, changes = evaluated_twice(client)
    criteria = ok(client.get(f"{API}/criteria"))
    texts = [*said(before["snapshot"], lang), *said(after["snapshot"], lang)]
    texts.append(changes[f"summary_{lang}"])
    texts += [criterion[f"label_{lang}"] for criterion in criteria["data"]]
    if lang == "fr":
        texts += [policy["policy_fr"] for policy in criteria["policies"]]
    assert after["snapshot"]["unknowns"], "the evaluation has questions to check"
    assert after["snapshot"]["risks"], "and change risks"
    for text in texts:
        assert text.strip()
        assert INTERNAL.findall(text) == [], text
        if lang == "fr":
            assert ENGLISH.findall(text) == [], text
            assert PLAIN_SPACE.findall(text) == [], text
