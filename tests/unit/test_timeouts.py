"""Timeouts over real sockets, both clients: each phase bounds what it names, and
``Timeout(total=...)`` bounds a whole call, its attempts and the waits between them."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from liveblocks import Timeout, _retry, errors
from tests.fakes.faultserver import FaultServer, Reply, room_json, run

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
    assert repr(Timeout(1, 2, 3)) == "Timeout(connect=1, read=2, total=3)"
    assert repr(Timeout()) == "Timeout(connect=5.0, read=60.0)"
    assert Timeout(connect=5, read=60, total=2).within(0.5) == Timeout(0.5, 0.5, 0.5)
    for bad in (0, -1, True, "3"):
        with pytest.raises(ValueError, match="total"):
            Timeout(total=bad)  # type: ignore[arg-type]


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
