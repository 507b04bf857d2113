"""PDF and XLSX exports render in worker processes, apart from the service's interpreter lock;
a worker that dies is replaced."""

from __future__ import annotations

import logging
import os
from concurrent.futures.process import BrokenProcessPool
from io import BytesIO
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pypdf import PdfReader

from service.exports import apart


def _refuse(*_args: Any, **_kwargs: Any) -> bytes:
    raise RuntimeError("rendered inside the service process")


def _export(client: TestClient, evaluation: dict[str, Any]) -> httpx.Response:
    response: httpx.Response = client.get(
        f"/api/v1/evaluations/{evaluation['id']}/export", params={"format": "pdf", "lang": "en"}
    )
    return response


def _pdf(client: TestClient, evaluation: dict[str, Any]) -> bytes:
    response = _export(client, evaluation)
    assert response.status_code == 200, response.text
    return response.content


def test_the_pdf_is_rendered_in_another_process(
    client: TestClient, evaluation: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the service's own PDF writer broken, the export still succeeds: a worker process
    rendered it."""
    monkeypatch.setattr("service.exports.pdf.html_to_pdf", _refuse)
    text = PdfReader(BytesIO(_pdf(client, evaluation))).pages[0].extract_text()
    assert "CRM solutions comparison" in text


def test_no_export_processes_renders_inside_the_request(
    app: FastAPI,
    client: TestClient,
    evaluation: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """EXPORT_PROCESSES=0: the service's own writer renders (and here fails)."""
    app.state.settings = app.state.settings.model_copy(update={"export_processes": 0})
    monkeypatch.setattr("service.exports.pdf.html_to_pdf", _refuse)
    with caplog.at_level(logging.ERROR):
        response = _export(client, evaluation)
    assert response.status_code == 500
    assert "rendered inside the service process" in caplog.text


def test_a_dead_worker_is_replaced(client: TestClient, evaluation: dict[str, Any]) -> None:
    """A worker killed between two exports (out of memory, kill -9) breaks its pool: the next
    export starts a new one and succeeds."""
    first = _pdf(client, evaluation)
    pool = apart._pool
    assert pool is not None
    with pytest.raises(BrokenProcessPool):  # the worker exits without an answer
        pool.submit(os._exit, 1).result(timeout=60)
    second = _pdf(client, evaluation)
    assert apart._pool is not None
    assert apart._pool is not pool
    assert PdfReader(BytesIO(second)).pages[0].extract_text() == (
        PdfReader(BytesIO(first)).pages[0].extract_text()
    )
