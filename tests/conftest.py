from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks

from .devserver_process import SECRET, DevServer


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


_HERE = Path(__file__).resolve().parent
#: Folder -> the markers every test in it carries: a test says what it talks to by where
#: it lives (``pytest -m "not devserver"`` runs without the dev server, ``-m "not node"``
#: without @liveblocks/node, ``-m "not browser"`` without Chromium).
_FOLDER_MARKERS = {
    "devserver": ("devserver", "integration"),
    "node": ("node", "devserver", "integration"),
    "docs": ("browser",),
    "s3": ("s3", "devserver", "integration"),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        relative = item.path.resolve().relative_to(_HERE)
        for name in _FOLDER_MARKERS.get(relative.parts[0], ()):
            item.add_marker(name)
