from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks

from .devserver import SECRET, DevServer


@pytest.fixture(scope="session")
def devserver() -> Iterator[DevServer]:
    """The real dev server, started once per test run. Fails loudly if it cannot start."""
    server = DevServer.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def live(devserver: DevServer) -> Iterator[Liveblocks]:
    with Liveblocks(SECRET, base_url=devserver.url) as client:
        yield client


@pytest.fixture
async def alive(devserver: DevServer) -> AsyncIterator[AsyncLiveblocks]:
    async with AsyncLiveblocks(SECRET, base_url=devserver.url) as client:
        yield client


@pytest.fixture
def room_id() -> str:
    """A fresh room id, unique per test."""
    return f"test-{uuid.uuid4().hex[:12]}"
