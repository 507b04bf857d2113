"""The Python client's own behaviour, against scripted answers (httpx.MockTransport): retries
on 429 and 503 after Retry-After, bounded; downloads as bytes or streamed to a file; every
item of a paginated listing; the same for the async client."""

from __future__ import annotations

import asyncio
import io
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from typing_extensions import Buffer

from service.client import AsyncShortlistClient, Retry, ShortlistClient, ShortlistError, models
from service.client.transport import CHUNK_BYTES

BASE = "http://shortlist.test"
FIRM = {"id": str(uuid.uuid4()), "name": "Cabinet Alpha"}
Answer = httpx.Response | Callable[[httpx.Request], httpx.Response]


class Script:
    """Answers requests with the given responses in turn, and keeps the requests."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0)
        return answer if isinstance(answer, httpx.Response) else answer(request)


def refused(status: int, error: str, retry_after: str | None = None) -> httpx.Response:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    body = {"error": error, "detail": "Try again later.", "fields": []}
    return httpx.Response(status, json=body, headers=headers)


def ok(body: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body)


def sync_api(script: Script, **options: Any) -> tuple[ShortlistClient, list[float]]:
    waits: list[float] = []
    http = httpx.Client(base_url=BASE, transport=httpx.MockTransport(script))
    return ShortlistClient(api_key="sl_test", client=http, sleep=waits.append, **options), waits


def async_api(script: Script, **options: Any) -> tuple[AsyncShortlistClient, list[float]]:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    http = httpx.AsyncClient(base_url=BASE, transport=httpx.MockTransport(script))
    return AsyncShortlistClient(api_key="sl_test", client=http, sleep=sleep, **options), waits


# Retries.


def test_a_read_is_sent_again_after_each_retry_after() -> None:
    script = Script(
        refused(503, "database_busy", "2"), refused(429, "too_many_requests", "7"), ok(FIRM)
    )
    api, waits = sync_api(script)
    assert api.me().name == "Cabinet Alpha"
    assert len(script.requests) == 3
    assert waits == [2.0, 7.0]
    assert all(r.headers["Authorization"] == "Bearer sl_test" for r in script.requests)


def test_retry_after_may_be_an_http_date() -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    script = Script(refused(503, "database_unavailable", later), ok(FIRM))
    api, waits = sync_api(script)
    api.me()
    assert len(waits) == 1
    assert 27 <= waits[0] <= 30


def test_without_retry_after_the_wait_doubles() -> None:
    script = Script(refused(503, "database_busy"), refused(503, "database_busy"), ok(FIRM))
    api, waits = sync_api(script, retry=Retry(backoff=0.5))
    api.me()
    assert waits == [0.5, 1.0]


def test_attempts_are_bounded_and_the_last_refusal_is_raised() -> None:
    script = Script(*(refused(429, "too_many_requests", "1") for _ in range(4)))
    api, waits = sync_api(script, retry=Retry(attempts=3))
    with pytest.raises(ShortlistError) as refusal:
        api.me()
    assert (refusal.value.status_code, refusal.value.error) == (429, "too_many_requests")
    assert len(script.requests) == 3
    assert waits == [1.0, 1.0]


def test_the_total_wait_is_bounded() -> None:
    script = Script(*(refused(503, "database_busy", "4") for _ in range(3)), ok(FIRM))
    api, waits = sync_api(script, retry=Retry(attempts=10, max_wait=10))
    with pytest.raises(ShortlistError) as refusal:
        api.me()
    assert refusal.value.status_code == 503
    assert waits == [4.0, 4.0]  # a third wait would make 12 s
    assert len(script.requests) == 3


def test_a_wait_longer_than_the_budget_is_not_waited() -> None:
    script = Script(refused(429, "too_many_requests", "3600"), ok(FIRM))
    api, waits = sync_api(script)
    with pytest.raises(ShortlistError):
        api.me()
    assert (waits, len(script.requests)) == ([], 1)


AHP = {
    "criteria": ["fit", "cost"],
    "pairwise": [[1, 3], [1 / 3, 1]],
    "weights": [0.75, 0.25],
    "lambda_max": 2.0,
    "consistency_index": 0.0,
    "random_index": 0.0,
    "consistency_ratio": 0.0,
    "consistent": True,
    "inconsistent_judgements": [],
}


def test_a_post_is_sent_again_only_when_the_service_saved_nothing() -> None:
    sent = Script(refused(429, "too_many_requests", "1"), ok(AHP))
    api, waits = sync_api(sent)
    assert api.ahp(["fit", "cost"], [[1, 3], [1 / 3, 1]]).weights == [0.75, 0.25]
    assert [r.method for r in sent.requests] == ["POST", "POST"]
    assert sent.requests[0].content == sent.requests[1].content
    assert waits == [1.0]
    # A 503 that is not the service's (a proxy's page) may come after a write: not resent.
    proxy = httpx.Response(503, text="<h1>Bad gateway</h1>", headers={"Retry-After": "1"})
    proxied = Script(proxy)
    api, waits = sync_api(proxied)
    with pytest.raises(ShortlistError) as refusal:
        api.create_project({"client_name": "Domaine X", "context": "first_crm"})
    assert (refusal.value.status_code, refusal.value.error) == (503, "unexpected_response")
    assert (len(proxied.requests), waits) == (1, [])


def test_an_idempotent_request_is_sent_again_whoever_refused_it() -> None:
    script = Script(httpx.Response(503, text="busy", headers={"Retry-After": "1"}), ok(None, 204))
    api, waits = sync_api(script)
    assert api.delete_demo_scenario(uuid.uuid4(), uuid.uuid4()) is None
    assert [r.method for r in script.requests] == ["DELETE", "DELETE"]
    assert waits == [1.0]


def test_other_errors_and_a_client_without_retries_send_once() -> None:
    script = Script(refused(500, "internal_error"))
    api, waits = sync_api(script)
    with pytest.raises(ShortlistError):
        api.me()
    once = Script(refused(429, "too_many_requests", "1"))
    api, waits = sync_api(once, retry=None)
    with pytest.raises(ShortlistError):
        api.me()
    assert (len(script.requests), len(once.requests), waits) == (1, 1, [])


def test_the_async_client_retries_the_same_way() -> None:
    script = Script(
        refused(503, "database_busy", "2"), refused(429, "too_many_requests", "3"), ok(FIRM)
    )
    api, waits = async_api(script)
    firm = asyncio.run(api.me())
    assert firm.name == "Cabinet Alpha"
    assert (len(script.requests), waits) == (3, [2.0, 3.0])
    bounded = Script(*(refused(429, "too_many_requests", "1") for _ in range(3)))
    api, waits = async_api(bounded, retry=Retry(attempts=2))
    with pytest.raises(ShortlistError):
        asyncio.run(api.me())
    assert (len(bounded.requests), waits) == (2, [1.0])


# Downloads.

PAYLOAD = bytes(range(256)) * 2_000  # 512,000 bytes


def chunks(size: int = 100_000) -> Iterator[bytes]:
    for start in range(0, len(PAYLOAD), size):
        yield PAYLOAD[start : start + size]


class Recorder(io.BytesIO):
    """A binary file that records the size of each write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[int] = []

    def write(self, data: Buffer, /) -> int:
        self.writes.append(len(memoryview(data)))
        return super().write(data)


def test_a_download_is_bytes_or_streamed_into_a_path(tmp_path: Path) -> None:
    eid = uuid.uuid4()
    script = Script(
        httpx.Response(200, content=PAYLOAD),
        refused(503, "database_busy", "1"),
        httpx.Response(200, content=chunks()),
    )
    api, waits = sync_api(script)
    assert api.export_evaluation(eid, "csv", lang="en") == PAYLOAD
    target = tmp_path / "evaluation.csv"
    assert api.export_evaluation(eid, "csv", to=target) == len(PAYLOAD)
    assert target.read_bytes() == PAYLOAD
    assert [p.name for p in tmp_path.iterdir()] == ["evaluation.csv"]  # no partial file left
    assert waits == [1.0]
    first = script.requests[0].url
    assert (first.path, dict(first.params)) == (
        f"/api/v1/evaluations/{eid}/export",
        {"format": "csv", "lang": "en"},
    )
    assert "lang" not in script.requests[1].url.params  # the service's default language


def test_a_download_into_a_file_goes_chunk_by_chunk() -> None:
    script = Script(httpx.Response(200, content=chunks()))
    api, _ = sync_api(script)
    sink = Recorder()
    assert api.batch_result(uuid.uuid4(), to=sink) == len(PAYLOAD)
    assert sink.getvalue() == PAYLOAD
    assert len(sink.writes) > 1
    assert max(sink.writes) <= CHUNK_BYTES  # never the whole body at once


def test_a_failed_download_leaves_the_path_as_it_was(tmp_path: Path) -> None:
    def broken() -> Iterator[bytes]:
        yield PAYLOAD[:1000]
        raise httpx.ReadError("connection lost")

    target = tmp_path / "result.xlsx"
    target.write_bytes(b"the earlier result")
    script = Script(refused(409, "batch_not_done"), httpx.Response(200, content=broken()))
    api, _ = sync_api(script)
    with pytest.raises(ShortlistError) as refusal:
        api.batch_result(uuid.uuid4(), to=target)
    assert (refusal.value.status_code, refusal.value.error) == (409, "batch_not_done")
    with pytest.raises(httpx.ReadError):
        api.batch_result(uuid.uuid4(), to=target)
    assert target.read_bytes() == b"the earlier result"
    assert [p.name for p in tmp_path.iterdir()] == ["result.xlsx"]


def test_the_async_client_downloads_the_same_way(tmp_path: Path) -> None:
    async def stream() -> AsyncIterator[bytes]:
        for chunk in chunks():
            yield chunk

    pid, rid = uuid.uuid4(), uuid.uuid4()
    script = Script(
        httpx.Response(200, content=PAYLOAD),
        refused(429, "too_many_requests", "2"),
        httpx.Response(200, content=stream()),
    )
    api, waits = async_api(script)
    target = tmp_path / "questionnaire.xlsx"

    async def run() -> tuple[bytes, int]:
        content = await api.vendor_questionnaire(pid, rid, lang="en")
        return content, await api.vendor_questionnaire(pid, rid, to=target)

    assert asyncio.run(run()) == (PAYLOAD, len(PAYLOAD))
    assert target.read_bytes() == PAYLOAD
    assert waits == [2.0]
    expected = f"/api/v1/projects/{pid}/vendor-requests/{rid}/questionnaire.xlsx"
    assert script.requests[0].url.path == expected
    assert [r.url.params["lang"] for r in script.requests] == ["en", "fr", "fr"]


# Pagination.

VERSIONS = [
    {
        "id": str(uuid.uuid4()),
        "content_hash": f"{n:064x}",
        "product_count": n,
        "created_at": "2026-11-29T10:00:00Z",
    }
    for n in range(250)
]


def listing(request: httpx.Request) -> httpx.Response:
    limit, offset = int(request.url.params["limit"]), int(request.url.params["offset"])
    return ok({"data": VERSIONS[offset : offset + limit], "count": len(VERSIONS)})


def test_paginate_reads_every_item_page_after_page() -> None:
    script = Script(listing, listing, listing)
    api, _ = sync_api(script)
    versions = list(api.paginate(api.catalog_versions, page_size=100))
    assert [v.product_count for v in versions] == list(range(250))
    assert all(isinstance(v, models.CatalogVersionPublic) for v in versions)
    offsets = [(r.url.params["limit"], r.url.params["offset"]) for r in script.requests]
    assert offsets == [("100", "0"), ("100", "100"), ("100", "200")]
    empty = Script(ok({"data": [], "count": 0}))
    api, _ = sync_api(empty)
    assert list(api.paginate(api.catalog_versions)) == []
    assert len(empty.requests) == 1


def test_the_async_client_paginates_the_same_way() -> None:
    script = Script(listing, listing, listing)
    api, _ = async_api(script)

    async def run() -> list[int]:
        return [v.product_count async for v in api.paginate(api.catalog_versions, page_size=120)]

    assert asyncio.run(run()) == list(range(250))
    assert [r.url.params["offset"] for r in script.requests] == ["0", "120", "240"]


# Requests and results.


def test_path_values_are_percent_encoded_and_none_query_values_left_out() -> None:
    script = Script(refused(404, "not_found"), ok({"data": [], "count": 0}))
    api, _ = sync_api(script)
    with pytest.raises(ShortlistError):
        api.vendor("a/b c")
    assert script.requests[0].url.raw_path == b"/api/v1/vendors/a%2Fb%20c"
    api.vendors(q="crm", capability=["quotes", "mobile_app"])
    params = script.requests[1].url.params
    assert (params.get_list("capability"), params["q"], "limit" in params) == (
        ["quotes", "mobile_app"],
        "crm",
        False,
    )


def test_results_are_typed_and_read_as_the_json_by_key() -> None:
    sent = {**FIRM, "added_later": {"x": [1, 2]}}
    api, _ = sync_api(Script(ok(sent)))
    firm = api.me()
    assert isinstance(firm, models.FirmPublic)
    assert firm.id == uuid.UUID(FIRM["id"])
    assert firm["id"] == FIRM["id"]  # as sent: a string
    assert dict(firm) == sent
    assert ("added_later" in firm, "nothing" in firm, firm.get("nothing", 0)) == (True, False, 0)
    with pytest.raises(KeyError):
        firm["nothing"]
