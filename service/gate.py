"""The door of the API and of the client pages: who calls, and how often.

An API call is authenticated before its body is read (malformed JSON without a key is a 401,
not a 400) and counted against its key's rate limit (a batch upload against its key's upload
limit too, before the file is read); client-page requests are counted against
their address. Unknown or revoked keys and unknown invitation or vendor links count as failed
attempts: an address with too many of them is refused for a while, whatever it sends.
"""

from __future__ import annotations

import anyio
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.db import Sessions
from service.errors import Unauthorized
from service.ratelimits import RateLimits
from service.tenancy.apikeys import Principal, authenticate


class Gate:
    """Authenticate `/api/v1` calls and apply the rate limits (see the module docstring).

    The caller is put in `scope["state"]["principal"]`, where the routes' dependency finds it.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        limits: RateLimits,
        api_prefix: str = "/api/v1",
        pages_prefixes: tuple[str, ...] = ("/invite/", "/vendor/"),
    ) -> None:
        self.app = app
        self.limits = limits
        self.api_prefix = api_prefix
        self.pages_prefixes = pages_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path == self.api_prefix or path.startswith(self.api_prefix + "/"):
            await self._authenticate(scope)
        elif path.startswith(self.pages_prefixes):
            send = await self._count_page(scope, send)
        await self.app(scope, receive, send)

    async def _authenticate(self, scope: Scope) -> None:
        secret = bearer_token(Headers(scope=scope).get("authorization"))
        sessions: Sessions = scope["app"].state.sessions
        upload = scope["method"] == "POST" and scope["path"] == f"{self.api_prefix}/batches"
        principal = await anyio.to_thread.run_sync(
            self._caller, sessions, secret, client_address(scope), upload
        )
        scope.setdefault("state", {})["principal"] = principal

    def _caller(
        self, sessions: Sessions, secret: str | None, address: str, upload: bool
    ) -> Principal:
        """The key's owner, counted (a batch upload twice: as a request and as an upload);
        429 for an address that failed too often, 401 for a missing, unknown or revoked key
        (a failed attempt)."""
        self.limits.check_failures(address)
        if secret is None:
            self.limits.count_failure(address)
            raise Unauthorized("Missing API key: send `Authorization: Bearer <key>`.")
        with sessions.open(write=False) as session:
            principal = authenticate(session, secret=secret)
        if principal is None:
            self.limits.count_failure(address)
            raise Unauthorized("Unknown or revoked API key.")
        self.limits.count_key(str(principal.key.id))
        if upload:
            self.limits.count_upload(str(principal.key.id))
        return principal

    async def _count_page(self, scope: Scope, send: Send) -> Send:
        limits, address = self.limits, client_address(scope)
        await anyio.to_thread.run_sync(_count_visit, limits, address)

        async def counting_send(message: Message) -> None:
            # Every unknown, expired or revoked link is answered 404: a failed attempt.
            if message["type"] == "http.response.start" and message["status"] == 404:
                await anyio.to_thread.run_sync(limits.count_failure, address)
            await send(message)

        return counting_send


def _count_visit(limits: RateLimits, address: str) -> None:
    limits.check_failures(address)
    limits.count_address(address)


def bearer_token(authorization: str | None) -> str | None:
    """The credentials of an `Authorization: Bearer <token>` header, or None."""
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def client_address(scope: Scope) -> str:
    """The caller's address (the proxy's view of it when uvicorn trusts X-Forwarded-For)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"
