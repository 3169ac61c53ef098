"""Machinery shared by the batch jobs (export, import, mass mutation): bounded concurrency
over a stream, and one async engine reachable from sync code."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from ._requester import AsyncRequester
from .client import AsyncLiveblocks, Liveblocks
from .errors import APIConnectionError, APIStatusError, LiveblocksError
from .transports._base import Request, Response, SyncTransport

__all__ = [
    "DEFAULT_CONCURRENCY",
    "async_client",
    "check_concurrency",
    "failure_reason",
    "for_each",
    "is_retryable",
    "is_transient_status",
    "run_sync",
]

T = TypeVar("T")

#: Rooms handled at once: keeps a few connections busy while staying well below the
#: API's rate limits (429s that still happen are absorbed by the retry layer).
DEFAULT_CONCURRENCY = 8


def failure_reason(exc: BaseException) -> str:
    """One line saying why a room failed: the error's class, the answer's status and error
    code when there was one, and the message's first line."""
    if isinstance(exc, LiveblocksError) and exc.status is not None:
        code = f" {exc.code}" if exc.code and exc.code != exc.message else ""
        text = f"{exc.status}{code}: {exc.message.splitlines()[0] if exc.message else ''}"
    else:
        text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def is_retryable(exc: BaseException) -> bool:
    """Whether running the job again may get past this failure as it is: no answer came
    (a lost connection, a timeout), or the server answered 429 or a server error (5xx,
    except 501 and 505: the server lacks the endpoint). Not a refusal (another 4xx), an
    answer that could not be read, bad input (a damaged export, a function that raised)
    or this machine's files. An error that wraps one of the SDK's says so in its
    ``retryable`` attribute."""
    if isinstance(exc, APIConnectionError):  # APITimeoutError included
        return True
    if isinstance(exc, APIStatusError):
        return is_transient_status(exc.status)
    wrapped = getattr(exc, "retryable", None)
    return wrapped if isinstance(wrapped, bool) else False


def is_transient_status(status: int) -> bool:
    """429, or a server error other than 501 and 505 (the server lacks the endpoint)."""
    return status == 429 or (status >= 500 and status not in (501, 505))


def check_concurrency(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"concurrency must be an integer >= 1, got {value!r}")
    return value


async def for_each(
    items: AsyncIterable[T], worker: Callable[[T], Coroutine[Any, Any, None]], concurrency: int
) -> None:
    """Run ``worker`` on every item, at most ``concurrency`` at a time.

    Items are pulled from ``items`` only when a slot is free, so a streamed source is never
    read ahead. ``worker`` should handle its own failures; an exception escaping it stops
    the run (the other workers are cancelled) and is raised here.
    """
    running: set[asyncio.Task[None]] = set()

    async def wait_one() -> None:
        nonlocal running
        done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        # Every finished task's outcome is read (none is left unretrieved); the first
        # error stops the run.
        errors = [task.exception() for task in done if not task.cancelled()]
        first = next((error for error in errors if error is not None), None)
        if first is not None:
            raise first

    iterator = aiter(items)
    try:
        while True:
            # Wait for a free slot before pulling: a new page of a streamed list is then
            # fetched only when a worker could take its first item.
            while len(running) >= concurrency:
                await wait_one()
            try:
                item = await anext(iterator)
            except StopAsyncIteration:
                break
            running.add(asyncio.create_task(worker(item)))
        while running:
            await wait_one()
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)
        close = getattr(iterator, "aclose", None)
        if close is not None:
            await close()


class ThreadedTransport:
    """Runs a sync transport's ``send`` in worker threads, for the async engine."""

    def __init__(self, transport: SyncTransport, workers: int) -> None:
        self._transport = transport
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="liveblocks")

    async def send(self, request: Request) -> Response:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._transport.send, request)

    async def close(self) -> None:
        # The sync transport belongs to the sync client; only the threads are ours.
        self._executor.shutdown(wait=False)


def async_client(
    client: Liveblocks | None,
    *,
    secret: str | None,
    base_url: str | None,
    concurrency: int,
) -> AsyncLiveblocks:
    """The async client a sync batch function runs on.

    From a :class:`Liveblocks`: the same settings (key, base URL, timeout, retries) and the
    same transport, its requests sent from ``concurrency`` threads. From ``secret`` and
    ``base_url`` (or the environment): a new aiohttp-based client.
    """
    if client is None:
        return AsyncLiveblocks(secret, base_url=base_url)
    if secret is not None or base_url is not None:
        raise TypeError("pass either a client or secret/base_url, not both")
    if not isinstance(client, Liveblocks):
        raise TypeError(
            f"client must be a liveblocks.Liveblocks (use the *_async function with an "
            f"AsyncLiveblocks), got {type(client).__name__}"
        )
    sync = client._requester
    transport = ThreadedTransport(sync.transport, concurrency)
    return AsyncLiveblocks._around(AsyncRequester(sync.options, transport), owns_transport=True)


def run_sync(
    client: Liveblocks | None,
    job: Callable[[AsyncLiveblocks], Awaitable[T]],
    *,
    secret: str | None,
    base_url: str | None,
    concurrency: int,
    what: str,
) -> T:
    """Run an async batch job to completion from sync code, on the async client that
    :func:`async_client` gives for these arguments."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        raise RuntimeError(
            f"{what}() cannot run inside an event loop; await {what}_async() there instead"
        )

    async def main() -> T:
        async with async_client(
            client, secret=secret, base_url=base_url, concurrency=concurrency
        ) as aclient:
            return await job(aclient)

    return asyncio.run(main())
