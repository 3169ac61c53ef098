"""Timeouts over real sockets, both clients: each phase bounds what it names, and
``Timeout(total=...)`` bounds a whole call, its attempts and the waits between them."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator

import pytest

from liveblocks import AsyncLiveblocks, Timeout, _retry, errors
from tests.fakes.faultserver import SECRET, FaultServer, Reply, room_json, run

MODES = ["sync", "async"]


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


def get_room(client: object) -> object:
    return client.rooms["r1"].get()  # type: ignore[attr-defined]


@pytest.mark.parametrize("mode", MODES)
def test_read_timeout_bounds_the_wait_for_an_answer(mode: str, server: FaultServer) -> None:
    """A short read and a long connect timeout: the slow answer fails after the read one."""
    server.script(Reply(200, room_json("r1"), delay=3.0))
    started = time.monotonic()
    with pytest.raises(errors.APITimeoutError) as info:
        run(mode, server.url, get_room, timeout=Timeout(connect=5, read=0.3), max_retries=0)
    assert time.monotonic() - started < 2.0
    assert "0.3 s" in info.value.message


@pytest.mark.parametrize("mode", MODES)
def test_connect_timeout_does_not_bound_the_answer(mode: str, server: FaultServer) -> None:
    """A short connect and a long read timeout: a slow answer on a quick connection arrives."""
    server.script(Reply(200, room_json("r1"), delay=0.6))
    room = run(mode, server.url, get_room, timeout=Timeout(connect=0.2, read=5), max_retries=0)
    assert room.id == "r1"


def test_timeout_values() -> None:
    assert Timeout(total=10) == Timeout(5.0, 60.0, 10)
    assert Timeout(total=10) != Timeout()
    assert Timeout(pool=2) != Timeout()
    assert Timeout().pool == 60.0
    assert repr(Timeout(1, 2, 3)) == "Timeout(connect=1, read=2, total=3)"
    assert repr(Timeout()) == "Timeout(connect=5.0, read=60.0)"
    assert repr(Timeout(pool=None)) == "Timeout(connect=5.0, read=60.0, pool=None)"
    assert Timeout(connect=5, read=60, total=2).within(0.5) == Timeout(0.5, 0.5, 0.5, pool=0.5)
    assert Timeout(pool=None, total=2).within(0.5).pool == 0.5
    assert Timeout.of(7) == Timeout(connect=7.0, read=7.0, pool=7.0)  # a number: every wait
    for name in ("total", "pool"):
        for bad in (0, -1, True, "3"):
            with pytest.raises(ValueError, match=name):
                Timeout(**{name: bad})  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", MODES)
def test_total_bounds_retries_after_slow_answers(
    mode: str, server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each attempt is within the read timeout, but together they pass the total."""
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.01)
    server.script(*[Reply(200, room_json("r1"), delay=0.4)] * 10)
    started = time.monotonic()
    with pytest.raises(errors.APITimeoutError) as info:
        run(
            mode,
            server.url,
            get_room,
            timeout=Timeout(connect=5, read=0.3, total=1.0),
            max_retries=10,
        )
    elapsed = time.monotonic() - started
    assert elapsed < 1.8
    assert "total timeout of 1.0 s" in info.value.message
    assert 2 <= server.count <= 4  # about one every 0.3 s
    assert info.value.__cause__ is not None


@pytest.mark.parametrize("mode", MODES)
def test_total_cuts_one_slow_attempt(mode: str, server: FaultServer) -> None:
    server.script(Reply(200, room_json("r1"), delay=3.0))
    started = time.monotonic()
    with pytest.raises(errors.APITimeoutError, match=r"total timeout of 0\.5 s"):
        run(mode, server.url, get_room, timeout=Timeout(connect=5, read=30, total=0.5))
    assert time.monotonic() - started < 1.5
    assert server.count == 1


@pytest.mark.parametrize("mode", MODES)
def test_total_cuts_a_stalled_body(mode: str, server: FaultServer) -> None:
    server.script(Reply(200, room_json("r1"), stall=3.0))
    started = time.monotonic()
    with pytest.raises(errors.APITimeoutError):
        run(mode, server.url, get_room, timeout=Timeout(connect=5, read=30, total=0.5))
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("mode", MODES)
def test_total_skips_a_wait_it_cannot_afford(mode: str, server: FaultServer) -> None:
    """A Retry-After longer than what remains: the answer is raised at once, not slept on."""
    server.script(Reply(503, {"error": "BUSY", "message": "later"}, headers={"Retry-After": "5"}))
    started = time.monotonic()
    with pytest.raises(errors.InternalServerError) as info:
        run(mode, server.url, get_room, timeout=Timeout(total=1.0))
    assert time.monotonic() - started < 0.8
    assert (info.value.status, info.value.code) == (503, "BUSY")
    assert server.count == 1


@pytest.mark.parametrize("mode", MODES)
def test_total_leaves_quick_retries_alone(
    mode: str, server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.01)
    server.script(Reply(503), Reply(500))
    room = run(mode, server.url, get_room, timeout=Timeout(total=5))
    assert room.id == "r1"
    assert server.count == 3


@pytest.mark.parametrize("mode", MODES)
def test_total_per_call_through_with_options(mode: str, server: FaultServer) -> None:
    server.script(Reply(200, room_json("r1"), delay=2.0))
    started = time.monotonic()
    with pytest.raises(errors.APITimeoutError, match=r"total timeout of 0\.3 s"):
        run(mode, server.url, lambda c: get_room(c.with_options(timeout=Timeout(total=0.3))))
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("mode", MODES)
def test_a_retry_gets_only_what_remains_of_the_total(mode: str, server: FaultServer) -> None:
    server.script(
        Reply(503, headers={"Retry-After": "0"}, delay=0.6),
        Reply(200, room_json("r1"), delay=3.0),
    )
    started = time.monotonic()
    with pytest.raises(errors.APITimeoutError, match=r"total timeout of 1.0 s \(2 attempts\)"):
        run(mode, server.url, get_room, timeout=Timeout(connect=5, read=30, total=1.0))
    assert time.monotonic() - started < 1.4
    assert server.count == 2


@pytest.mark.parametrize("mode", MODES)
def test_total_cuts_a_body_sent_a_byte_at_a_time(mode: str, server: FaultServer) -> None:
    """Each byte comes well within the read timeout, but the body would take 15 s."""
    server.script(Reply(200, chunks=lambda: itertools.repeat(b" ", 60), pause=0.25))
    started = time.monotonic()
    with pytest.raises(errors.APITimeoutError, match=r"total timeout of 1\.5 s"):
        run(mode, server.url, get_room, timeout=Timeout(connect=5, read=5, total=1.5))
    assert time.monotonic() - started < 1.5 + 1.0
    assert server.count == 1


def test_a_body_sent_a_byte_at_a_time_within_the_total_arrives() -> None:
    """The sync client's reads one receive at a time still make the whole body."""
    body = b'{"type":"room","id":"r1","organizationId":"o","createdAt":"2024-05-01T10:00:00Z",'
    body += b'"defaultAccesses":[],"usersAccesses":{},"groupsAccesses":{},"metadata":{}}'
    with FaultServer() as server:
        server.script(Reply(200, chunks=lambda: [body[i : i + 7] for i in range(0, len(body), 7)]))
        room = run("sync", server.url, get_room, timeout=Timeout(total=10))
        assert room.id == "r1"
        # The connection's own timeout is put back: the next call on it is not cut short.
        server.script(Reply(200, room_json("r2"), delay=0.5))
        assert run("sync", server.url, lambda c: c.rooms["r2"].get(), timeout=5).id == "r2"


# --- the async client's pool ------------------------------------------------------------


async def test_a_full_pool_gives_a_pool_timeout(server: FaultServer) -> None:
    server.handler = lambda r: Reply(200, room_json(r.last_segment), delay=2.0)
    async with AsyncLiveblocks(
        SECRET, base_url=server.url, connection_limit=1, max_retries=0
    ) as client:
        holder = asyncio.ensure_future(client.rooms["slow"].get())
        await asyncio.sleep(0.2)  # the slow call holds the only connection
        started = time.monotonic()
        with pytest.raises(errors.APITimeoutError) as info:
            await client.with_options(timeout=Timeout(pool=0.3)).rooms["queued"].get()
        waited = time.monotonic() - started
        assert (await asyncio.wait_for(holder, 10)).id == "slow"
    assert 0.25 < waited < 1.5
    assert "No connection came free within 0.3 s" in info.value.message
    assert "1 of the client's connections" in info.value.message
    assert info.value.path == "/v2/rooms/queued"
    assert [r.last_segment for r in server.requests] == ["slow"]  # the other never went out


async def test_the_total_bounds_the_wait_for_a_connection(server: FaultServer) -> None:
    server.handler = lambda r: Reply(200, room_json(r.last_segment), delay=2.0)
    async with AsyncLiveblocks(
        SECRET, base_url=server.url, connection_limit=1, max_retries=0
    ) as client:
        holder = asyncio.ensure_future(client.rooms["slow"].get())
        await asyncio.sleep(0.2)
        started = time.monotonic()
        with pytest.raises(errors.APITimeoutError, match=r"total timeout of 0\.4 s"):
            await client.with_options(timeout=Timeout(pool=None, total=0.4)).rooms["q"].get()
        assert time.monotonic() - started < 1.5
        await asyncio.wait_for(holder, 10)


async def test_a_cancelled_wait_gives_its_place_back(server: FaultServer) -> None:
    server.handler = lambda r: Reply(200, room_json(r.last_segment), delay=0.3)
    async with AsyncLiveblocks(SECRET, base_url=server.url, connection_limit=1) as client:
        holder = asyncio.ensure_future(client.rooms["first"].get())
        await asyncio.sleep(0.05)
        waiting = asyncio.ensure_future(client.rooms["cancelled"].get())
        await asyncio.sleep(0.05)
        waiting.cancel()
        await asyncio.wait_for(holder, 10)
        rooms = await asyncio.wait_for(
            asyncio.gather(*(client.rooms[f"r{i}"].get() for i in range(3))), 10
        )
    assert [r.id for r in rooms] == ["r0", "r1", "r2"]
    assert "cancelled" not in [r.last_segment for r in server.requests]


async def test_500_calls_on_8_connections_all_finish(server: FaultServer) -> None:
    server.handler = lambda r: Reply(200, room_json(r.last_segment), delay=0.02)
    ids = [f"room-{i}" for i in range(500)]
    async with AsyncLiveblocks(SECRET, base_url=server.url, connection_limit=8) as client:
        rooms = await asyncio.wait_for(asyncio.gather(*(client.rooms[i].get() for i in ids)), 120)
    assert [r.id for r in rooms] == ids
    assert server.count == 500
    assert server.max_in_flight <= 8


async def test_connections_go_to_calls_in_the_order_they_asked(server: FaultServer) -> None:
    """Under steady load (each task calls again as soon as its call ends), no call waits
    much longer than one turn of the queue. With connections handed to whichever call
    asks when one comes free, some calls waited the whole run."""
    server.handler = lambda r: Reply(200, room_json(r.last_segment), delay=0.01)
    tasks, run_for = 64, 3.0
    calls = [0] * tasks
    longest = 0.0

    async def keep_calling(client: AsyncLiveblocks, index: int, until: float) -> None:
        nonlocal longest
        while time.monotonic() < until:
            started = time.monotonic()
            await client.rooms[f"room-{index}"].get()
            longest = max(longest, time.monotonic() - started)
            calls[index] += 1

    async with AsyncLiveblocks(SECRET, base_url=server.url, connection_limit=4) as client:
        started = time.monotonic()
        until = started + run_for
        await asyncio.wait_for(
            asyncio.gather(*(keep_calling(client, i, until) for i in range(tasks))), 60
        )
        elapsed = time.monotonic() - started
    assert min(calls) >= 1
    assert longest < elapsed / 2, f"a call waited {longest:.1f} s of a {elapsed:.1f} s run"
