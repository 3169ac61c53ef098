"""What the clients offer beyond the API, for the batch jobs and for anyone: the secret
key's fingerprint, a sync client's async twin, the client a job's sync function runs on,
and the connection pool's size, set the same way on both clients."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, Timeout
from liveblocks.client import batch_client
from liveblocks.export._plan import Source
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import MockTransport

SECRET = "sk_test_client_methods_0123456789"
BASE = "http://127.0.0.1:9"


def room_answer(request: Request) -> Response:
    room_id = request.url.rsplit("/", 1)[-1]
    body = {
        "type": "room",
        "id": room_id,
        "organizationId": "default",
        "createdAt": "2024-01-01T00:00:00.000Z",
        "defaultAccesses": [],
        "usersAccesses": {},
        "groupsAccesses": {},
        "metadata": {},
    }
    return Response(200, {"Content-Type": "application/json"}, json.dumps(body).encode())


# -- the key's fingerprint -----------------------------------------------------------------


def test_a_key_fingerprint_tells_keys_apart_and_reveals_nothing() -> None:
    one = Liveblocks(SECRET, base_url=BASE).key_fingerprint()
    assert re.fullmatch(r"[0-9a-f]{16}", one)
    assert one == AsyncLiveblocks(SECRET, base_url="https://elsewhere.test").key_fingerprint()
    assert one == Liveblocks(SECRET).with_options(timeout=1, max_retries=0).key_fingerprint()
    assert one != Liveblocks(SECRET + "x", base_url=BASE).key_fingerprint()
    assert SECRET not in one and SECRET.removeprefix("sk_") not in one


def test_the_fingerprint_is_the_one_earlier_exports_recorded() -> None:
    # What an export written before this method existed has in its manifest for this key:
    # a resumed export compares the two, so the value may never change.
    assert Liveblocks("sk_test_fingerprint").key_fingerprint() == "35d054684544efd1"
    client = AsyncLiveblocks("sk_test_fingerprint", base_url=BASE)
    assert Source.of(client) == Source(BASE, "35d054684544efd1")


# -- the async twin ------------------------------------------------------------------------


def test_the_async_twin_sends_through_the_sync_transport_from_its_threads() -> None:
    threads: set[str] = set()

    def answer(request: Request) -> Response:
        threads.add(threading.current_thread().name)
        return room_answer(request)

    transport = MockTransport(answer)
    client = Liveblocks(SECRET, base_url=BASE, timeout=3, max_retries=1, transport=transport)
    twin = client.async_twin(threads=2)
    assert isinstance(twin, AsyncLiveblocks)
    assert (twin.base_url, twin.timeout, twin.max_retries) == (BASE, Timeout(3, 3, pool=3), 1)
    assert twin.key_fingerprint() == client.key_fingerprint()

    async def main() -> list[str]:
        async with twin:
            rooms = await asyncio.gather(*(twin.rooms[f"r{i}"].get() for i in range(6)))
        return [room.id for room in rooms]

    assert asyncio.run(main()) == [f"r{i}" for i in range(6)]
    assert [r.url for r in transport.requests] == [f"{BASE}/v2/rooms/r{i}" for i in range(6)]
    assert all(r.headers["Authorization"] == f"Bearer {SECRET}" for r in transport.requests)
    assert threading.current_thread().name not in threads
    assert 1 <= len(threads) <= 2 and all(name.startswith("liveblocks") for name in threads)
    # Closing the twin stopped its threads only: the sync client still works.
    assert not transport.closed
    assert client.rooms["after"].get().id == "after"


@pytest.mark.parametrize("threads", [0, -1])
def test_the_async_twin_needs_a_thread(threads: int) -> None:
    with pytest.raises(ValueError, match="threads must be an integer >= 1"):
        Liveblocks(SECRET, base_url=BASE).async_twin(threads)


# -- the client a batch job's sync function runs on ----------------------------------------


def test_a_batch_job_runs_on_the_twin_of_a_sync_client() -> None:
    transport = MockTransport(room_answer)
    client = Liveblocks(SECRET, base_url=BASE, max_retries=0, transport=transport)
    twin = batch_client(client, secret=None, base_url=None, concurrency=3)
    assert isinstance(twin, AsyncLiveblocks) and twin.max_retries == 0

    async def main() -> str:
        async with twin:
            return (await twin.rooms["r"].get()).id

    assert asyncio.run(main()) == "r" and len(transport.requests) == 1


def test_a_batch_job_without_a_client_makes_one_from_the_settings() -> None:
    made = batch_client(None, secret=SECRET, base_url=BASE, concurrency=3)
    assert isinstance(made, AsyncLiveblocks) and made.base_url == BASE
    assert made.key_fingerprint() == Liveblocks(SECRET).key_fingerprint()


@pytest.mark.parametrize(
    ("client", "settings", "error", "words"),
    [
        ("sync", {"secret": SECRET}, TypeError, "either a client or secret/base_url"),
        ("sync", {"base_url": BASE}, TypeError, "either a client or secret/base_url"),
        ("async", {}, TypeError, "use the *_async function with an AsyncLiveblocks"),
        ("sync", {"concurrency": 0}, ValueError, "concurrency must be an integer >= 1"),
    ],
)
def test_a_batch_job_refuses_what_it_cannot_run_on(
    client: str, settings: dict[str, Any], error: type[Exception], words: str
) -> None:
    given: Any = Liveblocks(SECRET) if client == "sync" else AsyncLiveblocks(SECRET)
    arguments = {"secret": None, "base_url": None, "concurrency": 2, **settings}
    with pytest.raises(error, match=re.escape(words)):
        batch_client(given, **arguments)


# -- the pool's size, the same way on both clients -----------------------------------------


def _pool_size(client: Liveblocks) -> int:
    adapter: Any = client._requester.transport._session.get_adapter("https://x")  # type: ignore[attr-defined]
    size: int = adapter.poolmanager.connection_pool_kw["maxsize"]
    return size


def test_the_sync_client_takes_its_pool_size_as_the_async_one_does() -> None:
    assert _pool_size(Liveblocks(SECRET)) == 32
    assert _pool_size(Liveblocks(SECRET, connection_limit=4)) == 4
    AsyncLiveblocks(SECRET, connection_limit=4)  # the same parameter


@pytest.mark.parametrize("limit", [0, -1, 1.5, True, "8"])
def test_the_sync_pool_size_is_checked(limit: Any) -> None:
    with pytest.raises(ValueError, match="connection_limit must be an integer >= 1"):
        Liveblocks(SECRET, connection_limit=limit)
