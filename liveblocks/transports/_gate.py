"""A fair limit on requests in flight for the async transport: at most ``limit`` at once,
the others served strictly in the order they asked, each waiting at most its pool
timeout.

aiohttp's own connector limit is not fair: a connection freed by one request can be
taken by a request that arrives just then, ahead of those already waiting, so under
steady load some calls wait for ever. A freed slot here goes straight to the oldest
waiter.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque

__all__ = ["FifoGate", "PoolTimeoutError"]


class PoolTimeoutError(Exception):
    """No slot came free within the wait allowed."""


class FifoGate:
    """Slots handed out first come, first served. Belongs to one event loop."""

    __slots__ = ("_free", "_waiters", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._free = limit
        self._waiters: deque[asyncio.Future[None]] = deque()

    def take(self) -> bool:
        """Take a slot if one is free and no call waits for one (no await)."""
        if self._free > 0 and not self._waiters:
            self._free -= 1
            return True
        return False

    async def acquire(self, timeout: float | None) -> None:
        """Take a slot, waiting at most ``timeout`` seconds (``None``: as long as it
        takes); raises :class:`PoolTimeoutError` when none came."""
        if self.take():
            return
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiters.append(waiter)
        timer = None if timeout is None else loop.call_later(timeout, _expire, waiter)
        try:
            await waiter
        except BaseException:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self.release()  # handed a slot just as it was cancelled: pass it on
            else:
                self._forget(waiter)
            raise
        finally:
            if timer is not None:
                timer.cancel()

    def release(self) -> None:
        """Give a slot back: to the oldest waiter, if any."""
        waiters = self._waiters
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
        self._free += 1

    def _forget(self, waiter: asyncio.Future[None]) -> None:
        with contextlib.suppress(ValueError):  # already taken off by release()
            self._waiters.remove(waiter)


def _expire(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_exception(PoolTimeoutError())
