"""Rate limits on API keys and client addresses, counted by the `limits` library: in this
process by default, in Redis when RATE_LIMIT_STORAGE names one (shared by every worker).

A limit reached is a 429 with `Retry-After`. A storage that fails (Redis down) lets requests
through with a warning in the log: the limits protect the service, they must not stop it.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import SlidingWindowCounterRateLimiter

from service.config import Settings
from service.errors import TooManyRequests

logger = logging.getLogger("shortlist.ratelimits")


class RateLimits:
    """The service's limits: per API key, batch uploads per API key, per client address on
    the client pages, and failed attempts (unknown keys or invitation links) per client
    address."""

    def __init__(self, settings: Settings) -> None:
        # The synchronous storages are thread-safe and bound to no event loop; the gate calls
        # them from worker threads, next to its database lookup.
        url = settings.rate_limit_storage
        # A Redis that stops answering must not hold requests: one second, then let through.
        options = {} if url.startswith("memory") else {"socket_timeout": 1.0}
        storage = storage_from_string(url, socket_connect_timeout=1.0, **options)
        self.limiter = SlidingWindowCounterRateLimiter(storage)
        self.per_key = parse(settings.rate_limit_per_key)
        self.uploads = parse(settings.rate_limit_uploads)
        self.per_address = parse(settings.rate_limit_per_address)
        self.failures = parse(settings.rate_limit_failures)

    def count_key(self, key_id: str) -> None:
        """Count one request made with an API key; 429 past the key's limit."""
        self._hit(self.per_key, "key", key_id, what="this API key")

    def count_upload(self, key_id: str) -> None:
        """Count one batch upload made with an API key; 429 past the key's limit."""
        self._hit(self.uploads, "upload", key_id, what="this API key", kind="batch uploads")

    def count_address(self, address: str) -> None:
        """Count one client-page request from `address`; 429 past its limit."""
        self._hit(self.per_address, "address", address, what="your address")

    def check_failures(self, address: str) -> None:
        """429 while `address` has failed too often (its requests are not counted)."""
        if not self._call(lambda: self.limiter.test(self.failures, "failures", address)):
            raise self._refusal(self.failures, ("failures", address), "failed attempts")

    def count_failure(self, address: str) -> None:
        """Count one failed attempt (unknown key or link) from `address`."""
        self._call(lambda: self.limiter.hit(self.failures, "failures", address))

    def _hit(
        self, item: RateLimitItem, *identifiers: str, what: str, kind: str = "requests"
    ) -> None:
        if not self._call(lambda: self.limiter.hit(item, *identifiers)):
            raise self._refusal(item, identifiers, f"{kind} from {what}")

    def _refusal(
        self, item: RateLimitItem, identifiers: tuple[str, ...], what: str
    ) -> TooManyRequests:
        try:
            reset = (self.limiter.get_window_stats(item, *identifiers)).reset_time
        except Exception:  # the storage failed between two calls: say one window
            reset = time.time() + item.get_expiry()
        wait = max(1, math.ceil(reset - time.time()))
        return TooManyRequests(
            f"Too many {what}: the limit is {item}. Retry in {wait} s.",
            headers={"Retry-After": str(wait)},
        )

    def _call(self, outcome: Callable[[], bool]) -> bool:
        try:
            return outcome()
        except Exception as exc:
            logger.warning("rate limit storage failed, request let through: %s", exc)
            return True
