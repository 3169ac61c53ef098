"""A sync transport driven from an event loop: each ``send`` runs in a worker thread."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from ._base import Request, Response, SyncTransport

__all__ = ["ThreadedTransport"]


class ThreadedTransport:
    """An async transport that sends through a sync one from ``workers`` threads (the
    transport of a sync client's async twin)."""

    def __init__(self, transport: SyncTransport, workers: int) -> None:
        self._transport = transport
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="liveblocks")

    async def send(self, request: Request) -> Response:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._transport.send, request)

    async def close(self) -> None:
        # The sync transport belongs to the sync client; only the threads are ours.
        self._executor.shutdown(wait=False)
