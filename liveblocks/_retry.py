"""Which failures are retried, and how long to wait: one policy for both clients.

- 429 and 503 mean the request was not processed: retried for every method.
- Other 5xx answers (except 501 and 505, which a retry cannot change), timeouts and
  connection failures may come after the request was processed: retried only for methods
  that are safe to replay (GET, HEAD, PUT, DELETE).
- ``Retry-After`` (seconds or an HTTP date) is honoured up to :data:`MAX_RETRY_AFTER`;
  otherwise the wait is exponential backoff with full jitter.
"""

from __future__ import annotations

import datetime
import email.utils
import random
import time
from collections.abc import Mapping

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "backoff",
    "is_retryable_failure",
    "is_retryable_status",
    "retry_after",
    "retry_delay",
]

DEFAULT_MAX_RETRIES = 2

#: Methods whose replay cannot apply a change twice.
REPLAYABLE_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE"})
#: Answers that mean the request was not processed: retried for every method.
ALWAYS_RETRIED_STATUSES = frozenset({429, 503})
#: Server errors that a retry cannot change (Not Implemented, HTTP Version Not Supported).
NEVER_RETRIED_STATUSES = frozenset({501, 505})

#: Seconds: the first backoff's ceiling; it doubles with each retry up to MAX_BACKOFF.
INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0
#: Seconds: the longest ``Retry-After`` honoured (longer requests wait this long).
MAX_RETRY_AFTER = 60.0


def is_retryable_status(method: str, status: int) -> bool:
    """Whether an answer with this status is worth another attempt."""
    if status in ALWAYS_RETRIED_STATUSES:
        return True
    return status >= 500 and status not in NEVER_RETRIED_STATUSES and method in REPLAYABLE_METHODS


def is_retryable_failure(method: str) -> bool:
    """Timeouts and connection failures: the request may have been processed."""
    return method in REPLAYABLE_METHODS


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds asked for by ``Retry-After`` (seconds or an HTTP date), capped; else None."""
    value = headers.get("retry-after") or headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:  # "-0000": an HTTP date is always UTC
            when = when.replace(tzinfo=datetime.timezone.utc)
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def backoff(attempt: int) -> float:
    """Exponential backoff with full jitter: uniform in [0, min(cap, base * 2**attempt)]."""
    ceiling = min(MAX_BACKOFF, INITIAL_BACKOFF * 2.0 ** min(attempt, 32))
    return random.uniform(0.0, ceiling)


def retry_delay(attempt: int, headers: Mapping[str, str] | None = None) -> float:
    """How long to wait before retry number ``attempt + 1``."""
    if headers is not None:
        asked = retry_after(headers)
        if asked is not None:
            return asked
    return backoff(attempt)
