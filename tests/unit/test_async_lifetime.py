"""AsyncLiveblocks outside a running loop, across several event loops, and its pool size."""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks
from tests.fakes.faultserver import SECRET, FaultServer, Reply, room_json


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


class Complaints:
    """Every warning, unraisable exception and asyncio error logged while active."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def __enter__(self) -> Complaints:
        self._warnings = warnings.catch_warnings(record=True)
        self._caught = self._warnings.__enter__()
        warnings.simplefilter("always")
        self._hook = sys.unraisablehook
        sys.unraisablehook = lambda u: self.items.append(f"unraisable: {u.exc_value!r}")
        self._handler = _ListHandler(self.items)
        logging.getLogger("asyncio").addHandler(self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.collect()
        gc.collect()
        logging.getLogger("asyncio").removeHandler(self._handler)
        sys.unraisablehook = self._hook
        self._warnings.__exit__(None, None, None)
        self.items += [f"{w.category.__name__}: {w.message}" for w in self._caught]


class _ListHandler(logging.Handler):
    def __init__(self, items: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.items = items

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.items.append(f"asyncio log: {record.getMessage()}")


def test_used_across_several_asyncio_runs_then_closed(server: FaultServer) -> None:
    async def several(client: AsyncLiveblocks) -> list[Any]:
        return await asyncio.gather(*(client.rooms[f"s{i}"].get() for i in range(10)))

    with Complaints() as complaints:
        client = AsyncLiveblocks(SECRET, base_url=server.url)  # no loop is running
        for n in range(3):
            room = asyncio.run(client.rooms[f"r{n}"].get())
            assert room.id == f"r{n}"
        assert len(asyncio.run(several(client))) == 10
        asyncio.run(client.close())
        del client
    assert complaints.items == []
    assert server.count == 13


def test_never_closed_across_runs(server: FaultServer) -> None:
    with Complaints() as complaints:
        client = AsyncLiveblocks(SECRET, base_url=server.url)
        asyncio.run(client.rooms["a"].get())
        asyncio.run(client.rooms["b"].get())
        del client
    assert complaints.items == []


def test_closed_in_a_different_loop_than_it_was_used_in(server: FaultServer) -> None:
    with Complaints() as complaints:
        client = AsyncLiveblocks(SECRET, base_url=server.url)
        asyncio.run(client.rooms["a"].get())
        asyncio.run(client.rooms["b"].get())
        asyncio.run(client.close())
        asyncio.run(client.close())  # twice is fine
        del client
    assert complaints.items == []


def test_loop_closed_without_shutdown(server: FaultServer) -> None:
    """A loop closed by hand (no asyncio.run): the client's next loop releases it."""
    with Complaints() as complaints:
        client = AsyncLiveblocks(SECRET, base_url=server.url)
        loop = asyncio.new_event_loop()
        loop.run_until_complete(client.rooms["a"].get())
        loop.run_until_complete(client.close())
        loop.close()
        assert asyncio.run(client.rooms["b"].get()).id == "b"
        asyncio.run(client.close())
        del client, loop
    assert complaints.items == []


async def test_async_with_in_a_running_loop(server: FaultServer) -> None:
    with Complaints() as complaints:
        async with AsyncLiveblocks(SECRET, base_url=server.url) as client:
            assert (await client.rooms["a"].get()).id == "a"
            copy = client.with_options(max_retries=0)
            assert (await copy.rooms["b"].get()).id == "b"
        del client, copy
    assert complaints.items == []


async def test_connection_limit_bounds_concurrency(server: FaultServer) -> None:
    server.handler = lambda r: Reply(200, room_json(r.last_segment), delay=0.05)
    async with AsyncLiveblocks(SECRET, base_url=server.url, connection_limit=4) as client:
        rooms = await asyncio.gather(*(client.rooms[f"r{i}"].get() for i in range(24)))
    assert len(rooms) == 24
    assert server.max_in_flight <= 4
    assert len({r.peer for r in server.requests}) <= 4


async def test_default_connection_limit_is_high(server: FaultServer) -> None:
    server.handler = lambda r: Reply(200, room_json(r.last_segment), delay=0.2)
    async with AsyncLiveblocks(SECRET, base_url=server.url) as client:
        await asyncio.gather(*(client.rooms[f"r{i}"].get() for i in range(64)))
    assert server.max_in_flight == 64


@pytest.mark.parametrize("limit", [-1, 1.5, True])
def test_invalid_connection_limit(limit: Any) -> None:
    with pytest.raises(ValueError, match="limit"):
        AsyncLiveblocks(SECRET, connection_limit=limit)
