"""A client's request budget (``max_requests_per_second``): a token bucket every attempt
of every request takes a token from, retries included, shared by the threads of a sync
client and the tasks of an async one (and by the copies ``with_options`` makes).

It is kept as the time the next token is due (a "virtual scheduling" bucket): taking a
token books the next free slot under a lock held only for that arithmetic, then the
caller sleeps until its slot, in its own thread (sync) or with ``asyncio.sleep`` (async),
so the lock never waits and the event loop never blocks. A client without a budget has
no bucket at all: its send loop takes no lock.
"""

from __future__ import annotations

import math
import threading
import time

__all__ = ["MAX_BURST", "RequestBudget", "check_max_requests_per_second"]

#: Requests a bucket lets through at once after a quiet spell (fewer for a budget under
#: 5 per second: at most one second's worth).
MAX_BURST = 5


def check_max_requests_per_second(value: object) -> float | None:
    """``None`` (no budget) or a number > 0 (``ValueError`` otherwise)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"max_requests_per_second must be a number > 0 or None, got {value!r}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"max_requests_per_second must be a number > 0 or None, got {value!r}")
    return float(value)


class RequestBudget:
    """At most ``rate`` requests a second on average, ``burst`` at once."""

    __slots__ = ("_due", "_interval", "_lock", "_tolerance", "burst", "rate")

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.burst = max(1, min(MAX_BURST, int(rate)))
        self._interval = 1.0 / rate
        # How far ahead of its due time a token may be taken: what makes the burst.
        self._tolerance = (self.burst - 1) * self._interval
        self._due = time.monotonic()
        self._lock = threading.Lock()

    def _book(self) -> float:
        """Take the next token; the seconds to wait before using it."""
        with self._lock:
            now = time.monotonic()
            due = max(self._due, now)
            self._due = due + self._interval
        return due - self._tolerance - now

    def wait(self) -> None:
        """Take a token, sleeping this thread until it is due."""
        delay = self._book()
        if delay > 0:
            time.sleep(delay)

    async def wait_async(self) -> None:
        """Take a token, sleeping this task (not the loop) until it is due."""
        delay = self._book()
        if delay > 0:
            import asyncio  # only async programs with a budget load it

            await asyncio.sleep(delay)

    def __repr__(self) -> str:
        return f"RequestBudget(rate={self.rate!r}, burst={self.burst!r})"
