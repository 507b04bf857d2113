"""A report a consultant sends as it is: no internal key (a fact path, a vocabulary code) in
the French or English text, and no English word in the French one. Links and the footer's
identifiers are not text a client reads."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.exports.conftest import COMPARED, STRICT_PROJECT, make_evaluation
from vendors.schema import ProductProfile

# A fact path (`editions.pro.price`) or a code (`vendor_published`).
INTERNAL = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z_]+\.[a-z_*]+(?:\.[a-z_*]+)+\b")
# English words an engine sentence or an untranslated label would bring into French.
ENGLISH = re.compile(
    r"\b(?:unknown|included|offered|assumed|estimated|between|within|ceiling|cheapest|"
    r"edition|editions|price|available|must-have|whatever|the|of|and|per|user|month|"
    r"monthly|yearly|quarterly|yes|no)\b"
)


def readable_text(page: str) -> str:
    """What a client reads: the body's text, without links and the identifiers' footer."""
    body = page[page.index("<body") :]
    body = re.sub(r'<p class="small">[^<]*(?:Évaluation|Evaluation) [0-9a-f-]{36}.*?</p>', "", body)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(
        r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|io|fr|co|net|org|md|yml|html)\b", "", text
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_report_holds_no_internal_key(
    client: TestClient, loaded_catalog: list[ProductProfile], lang: str
) -> None:
    evaluation = make_evaluation(client, COMPARED, project=STRICT_PROJECT, include_eliminated=True)
    page = client.get(
        f"/api/v1/evaluations/{evaluation['id']}/export", params={"format": "html", "lang": lang}
    ).text
    text = readable_text(page)
    assert INTERNAL.findall(text) == []
    if lang == "fr":
        assert ENGLISH.findall(text) == []


def test_the_pdf_is_tagged_for_screen_readers(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    import io

    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    evaluation = make_evaluation(client)
    pdf = client.get(
        f"/api/v1/evaluations/{evaluation['id']}/export", params={"format": "pdf", "lang": "fr"}
    ).content
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, DictionaryObject)
    assert "/StructTreeRoot" in root
    mark = root["/MarkInfo"].get_object()
    assert isinstance(mark, DictionaryObject)
    assert bool(mark["/Marked"])
    assert str(root["/Lang"]) == "fr"
    assert reader.metadata is not None
    assert reader.metadata.title
    # Each chart is a figure whose alternate text gives its data in words.
    figures = list(_structure(root["/StructTreeRoot"].get_object(), "/Figure"))
    assert len(figures) == 3  # scores, cost per year, rank acceptability
    for figure in figures:
        alt = str(figure.get("/Alt", ""))
        assert ": " in alt, alt
        assert any(p["name"] in alt for p in evaluation["snapshot"]["products"]), alt


def _structure(node: Any, kind: str) -> Iterator[Any]:
    """The structure elements of `kind` under `node` of a tagged PDF's structure tree."""
    from pypdf.generic import ArrayObject, DictionaryObject

    node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            yield from _structure(child, kind)
    elif isinstance(node, DictionaryObject):
        if node.get("/S") == kind:
            yield node
        if "/K" in node:
            yield from _structure(node["/K"], kind)
