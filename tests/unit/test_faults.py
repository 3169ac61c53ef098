"""Fault injection: what each failure costs in attempts and time, and what it raises.

Every test runs with the sync client (requests) and the async client (aiohttp) against
a local server that misbehaves on cue.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import pickle
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import msgspec
import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, _retry, errors, models
from tests.fakes.faultserver import (
    SECRET,
    Drop,
    FaultServer,
    Received,
    Reply,
    free_port,
    room_json,
    run,
)

MODES = ["sync", "async"]


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Backoff in tens of milliseconds, so that retries are quick but still measurable."""
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.02)
    monkeypatch.setattr(_retry, "MAX_BACKOFF", 0.1)


def get_room(client: Any) -> Any:
    return client.rooms["r1"].get()


def update_room(client: Any) -> Any:
    """A POST: not safe to replay."""
    return client.rooms["r1"].update(metadata={"k": "v"})


def raises(mode: str, server: FaultServer, fn: Any, **options: Any) -> errors.LiveblocksError:
    with pytest.raises(errors.LiveblocksError) as info:
        run(mode, server.url, fn, **options)
    err = info.value
    # Every failure names its request and carries the cause when there is one.
    assert err.method in ("GET", "POST", "PUT", "DELETE")
    assert err.path is not None and err.path.startswith("/v2/")
    return err


# --- status answers ------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fn", [get_room, update_room], ids=["GET", "POST"])
def test_429_retried_for_every_method(mode: str, fn: Any, server: FaultServer) -> None:
    server.script(Reply(429, headers={"Retry-After": "0"}), Reply(429))
    room = run(mode, server.url, fn)
    assert isinstance(room, models.Room) and room.id == "r1"
    assert server.count == 3


@pytest.mark.parametrize("mode", MODES)
def test_429_without_retry_after_backs_off_then_raises(mode: str, server: FaultServer) -> None:
    body = {"error": "RATE_LIMITED", "message": "Slow down"}
    server.script(Reply(429, body), Reply(429, body), Reply(429, body))
    err = raises(mode, server, get_room)
    assert type(err) is errors.RateLimitError
    assert (err.status, err.code, err.message) == (429, "RATE_LIMITED", "Slow down")
    assert (err.method, err.path) == ("GET", "/v2/rooms/r1")
    assert server.count == 3
    # Full jitter below the (patched) ceilings: 0.02 s, then 0.04 s; generous bounds.
    assert all(gap < 1.0 for gap in server.gaps())


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fn", [get_room, update_room], ids=["GET", "POST"])
def test_503_retried_for_every_method(mode: str, fn: Any, server: FaultServer) -> None:
    server.script(Reply(503), Reply(503), Reply(503))
    err = raises(mode, server, fn)
    assert isinstance(err, errors.InternalServerError)
    assert err.status == 503
    assert "empty body" in err.message
    assert server.count == 3


@pytest.mark.parametrize("mode", MODES)
def test_500_retried_for_get(mode: str, server: FaultServer) -> None:
    server.script(Reply(500), Reply(500))
    assert run(mode, server.url, get_room).id == "r1"
    assert server.count == 3


@pytest.mark.parametrize("mode", MODES)
def test_500_not_retried_for_post(mode: str, server: FaultServer) -> None:
    server.script(Reply(500, {"error": "BOOM", "message": "Oops"}))
    err = raises(mode, server, update_room)
    assert type(err) is errors.InternalServerError
    assert (err.status, err.code, err.message, err.method) == (500, "BOOM", "Oops", "POST")
    assert server.count == 1


@pytest.mark.parametrize("mode", MODES)
def test_501_not_retried(mode: str, server: FaultServer) -> None:
    server.script(Reply(501, {"error": "NOT_IMPLEMENTED", "message": "No"}))
    err = raises(mode, server, get_room)
    assert err.status == 501
    assert server.count == 1


@pytest.mark.parametrize("mode", MODES)
def test_502_html_from_a_proxy(mode: str, server: FaultServer) -> None:
    html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    server.script(*[Reply(502, html)] * 3)
    err = raises(mode, server, get_room)
    assert type(err) is errors.InternalServerError
    assert err.status == 502
    assert err.code is None
    assert "HTML" in err.message and "502 Bad Gateway" in err.message
    assert server.count == 3


@pytest.mark.parametrize("mode", MODES)
def test_404_json_error_not_retried(mode: str, server: FaultServer) -> None:
    body = {
        "error": "ROOM_NOT_FOUND",
        "message": "Room not found",
        "suggestion": "Check the id",
        "docs": "https://liveblocks.io/docs",
    }
    server.script(Reply(404, body, headers={"X-Request-Id": "req_1"}))
    err = raises(mode, server, get_room)
    assert type(err) is errors.NotFoundError
    assert (err.status, err.code, err.message) == (404, "ROOM_NOT_FOUND", "Room not found")
    assert (err.suggestion, err.docs, err.request_id) == (
        "Check the id",
        "https://liveblocks.io/docs",
        "req_1",
    )
    assert server.count == 1
    copy = pickle.loads(pickle.dumps(err))  # e.g. across a process pool
    assert (type(copy), copy.status, copy.code, copy.request_id) == (
        errors.NotFoundError,
        404,
        "ROOM_NOT_FOUND",
        "req_1",
    )


@pytest.mark.parametrize("mode", MODES)
def test_max_retries_zero_sends_once(mode: str, server: FaultServer) -> None:
    server.script(Reply(503), Reply(503))
    err = raises(mode, server, get_room, max_retries=0)
    assert err.status == 503
    assert server.count == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("max_retries", [0, 1, 3])
def test_max_retries_per_call(mode: str, max_retries: int, server: FaultServer) -> None:
    server.script(*[Reply(503)] * 5)
    err = raises(mode, server, lambda c: get_room(c.with_options(max_retries=max_retries)))
    assert err.status == 503
    assert server.count == max_retries + 1


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_seconds_honoured(mode: str, server: FaultServer) -> None:
    server.script(Reply(429, headers={"Retry-After": "1"}))
    run(mode, server.url, get_room)
    assert server.count == 2
    assert 0.9 <= server.gaps()[0] < 5


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_http_date_honoured(mode: str, server: FaultServer) -> None:
    when = email.utils.formatdate(time.time() + 1.5, usegmt=True)  # whole seconds: 0.5 to 1.5
    server.script(Reply(503, headers={"Retry-After": when}))
    run(mode, server.url, update_room)
    assert server.count == 2
    assert 0.4 <= server.gaps()[0] < 5


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_capped(
    mode: str, server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_retry, "MAX_RETRY_AFTER", 0.2)
    server.script(Reply(429, headers={"Retry-After": "3600"}))
    run(mode, server.url, get_room)
    assert server.count == 2
    assert 0.15 <= server.gaps()[0] < 3


@pytest.mark.parametrize("mode", MODES)
def test_streamed_body_sent_whole_again(mode: str, server: FaultServer) -> None:
    import io

    data = bytes(range(256)) * 100
    server.script(Reply(500), Reply(204))
    run(mode, server.url, lambda c: c.rooms["r1"].yjs.send_update(io.BytesIO(data)))
    assert server.count == 2
    assert [r.method for r in server.requests] == ["PUT", "PUT"]
    assert [r.body for r in server.requests] == [data, data]


# --- no usable answer -----------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("fn", "attempts"), [(get_room, 3), (update_room, 1)], ids=["GET", "POST"])
def test_slow_answer_times_out(mode: str, fn: Any, attempts: int, server: FaultServer) -> None:
    server.script(*[Reply(200, room_json("r1"), delay=2.0)] * 3)
    started = time.monotonic()
    err = raises(mode, server, fn, timeout=0.2)
    assert isinstance(err, errors.APITimeoutError)
    assert isinstance(err, TimeoutError) and isinstance(err, errors.APIConnectionError)
    assert err.status is None
    assert err.__cause__ is not None
    assert "0.2 s" in err.message
    assert server.count == attempts
    assert time.monotonic() - started < 0.2 * attempts + 1.5


@pytest.mark.parametrize("mode", MODES)
def test_stall_in_the_middle_of_the_body_times_out(mode: str, server: FaultServer) -> None:
    server.script(Reply(200, room_json("r1"), stall=2.0))
    err = raises(mode, server, get_room, timeout=0.2, max_retries=0)
    assert isinstance(err, errors.APITimeoutError)
    assert server.count == 1


@pytest.mark.parametrize("mode", MODES)
def test_per_call_timeout(mode: str, server: FaultServer) -> None:
    server.script(Reply(200, room_json("r1"), delay=0.5))
    err = raises(mode, server, lambda c: get_room(c.with_options(timeout=0.1, max_retries=0)))
    assert isinstance(err, errors.APITimeoutError)
    # A generous per-call timeout on a client whose own timeout is too short.
    server.script(Reply(200, room_json("r1"), delay=0.3))
    room = run(
        mode, server.url, lambda c: get_room(c.with_options(timeout=5)), timeout=0.05, max_retries=0
    )
    assert room.id == "r1"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("fn", "attempts"), [(get_room, 3), (update_room, 1)], ids=["GET", "POST"])
def test_truncated_body(mode: str, fn: Any, attempts: int, server: FaultServer) -> None:
    payload = b'{"type": "room", "id": "r1"'
    server.script(*[Reply(200, payload, declared_length=500)] * 3)
    err = raises(mode, server, fn)
    assert type(err) is errors.APIConnectionError
    assert err.__cause__ is not None
    assert server.count == attempts


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("fn", "attempts"), [(get_room, 3), (update_room, 1)], ids=["GET", "POST"])
def test_connection_closed_without_answer(
    mode: str, fn: Any, attempts: int, server: FaultServer
) -> None:
    server.script(Drop(), Drop(), Drop())
    err = raises(mode, server, fn)
    assert type(err) is errors.APIConnectionError
    assert err.__cause__ is not None
    assert server.count == attempts


@pytest.mark.parametrize("mode", MODES)
def test_connection_closed_then_recovered(mode: str, server: FaultServer) -> None:
    server.script(Drop())
    assert run(mode, server.url, get_room).id == "r1"
    assert server.count == 2


@pytest.mark.parametrize("mode", MODES)
def test_invalid_json_in_2xx(mode: str, server: FaultServer) -> None:
    server.script(Reply(200, b"{not json", headers={"Content-Type": "application/json"}))
    err = raises(mode, server, get_room)
    assert type(err) is errors.ResponseDecodeError
    assert err.status == 200
    assert isinstance(err.__cause__, msgspec.DecodeError)
    assert server.count == 1


@pytest.mark.parametrize("mode", MODES)
def test_empty_2xx_where_json_is_expected(mode: str, server: FaultServer) -> None:
    server.script(Reply(200, b""))
    err = raises(mode, server, get_room)
    assert type(err) is errors.ResponseDecodeError
    assert server.count == 1


@pytest.mark.parametrize("mode", MODES)
def test_answer_not_matching_the_model_names_the_field(mode: str, server: FaultServer) -> None:
    bad = room_json("r1")
    bad["id"] = 5
    server.script(Reply(200, {"nextCursor": None, "data": [bad]}))
    err = raises(mode, server, lambda c: c.get_rooms())
    assert type(err) is errors.ResponseDecodeError
    assert "$.data[0].id" in err.message
    assert isinstance(err.__cause__, msgspec.ValidationError)
    assert (err.method, err.path) == ("GET", "/v2/rooms")


DEEP = 100_000


@pytest.mark.parametrize("mode", MODES)
def test_a_2xx_answer_nested_too_deep_is_a_decode_error(mode: str, server: FaultServer) -> None:
    body = b'{"a":' + b"[" * DEEP + b"]" * DEEP + b"}"
    server.script(Reply(200, body, headers={"Content-Type": "application/json"}))
    with pytest.raises(errors.ResponseDecodeError) as info:
        run(mode, server.url, lambda c: c.rooms["r1"].storage.get(format="json"), max_retries=0)
    err = info.value
    assert "nested too deep" in err.message
    assert (err.status, err.method, err.path) == (200, "GET", "/v2/rooms/r1/storage")
    assert isinstance(err.__cause__, RecursionError)


@pytest.mark.parametrize("mode", MODES)
def test_an_error_answer_nested_too_deep_keeps_its_status(mode: str, server: FaultServer) -> None:
    body = b'{"error":' * DEEP + b"1" + b"}" * DEEP
    server.script(Reply(404, body, headers={"Content-Type": "application/json"}))
    with pytest.raises(errors.NotFoundError) as info:
        run(mode, server.url, get_room, max_retries=0)
    assert info.value.status == 404
    assert info.value.path == "/v2/rooms/r1"


@pytest.mark.parametrize("mode", MODES)
def test_refused_connection(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="liveblocks")
    with pytest.raises(errors.APIConnectionError) as info:
        run(mode, f"http://127.0.0.1:{free_port()}", get_room)
    err = info.value
    assert type(err) is errors.APIConnectionError
    assert (err.status, err.method, err.path) == (None, "GET", "/v2/rooms/r1")
    assert err.__cause__ is not None
    assert "refused" in err.message.lower()
    retries = [r for r in caplog.records if r.getMessage().startswith("retrying GET")]
    assert len(retries) == 2


def test_a_connection_error_names_its_cause_without_object_reprs() -> None:
    """Older urllib3 prefixes its messages with a connection's repr (an address in memory)."""
    from liveblocks.transports._requests import _describe

    cause = OSError("<urllib3.connection.HTTPConnection object at 0x7f3a2c>: Failed to connect")
    assert _describe(cause) == "OSError: Failed to connect"


@pytest.mark.parametrize("mode", MODES)
def test_dns_failure(mode: str) -> None:
    with pytest.raises(errors.APIConnectionError) as info:
        run(mode, "https://no-such-host.invalid", get_room, max_retries=0)
    assert type(info.value) is errors.APIConnectionError
    assert info.value.__cause__ is not None
    assert info.value.path == "/v2/rooms/r1"


@pytest.mark.parametrize("mode", MODES)
def test_tls_error(mode: str, server: FaultServer) -> None:
    with pytest.raises(errors.APIConnectionError) as info:
        run(mode, f"https://127.0.0.1:{server.port}", get_room, max_retries=0)
    assert type(info.value) is errors.APIConnectionError
    assert info.value.__cause__ is not None
    assert "SSLError" in info.value.message


@pytest.mark.parametrize("mode", MODES)
def test_each_retry_logged_with_its_reason(
    mode: str, server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="liveblocks")
    server.script(Reply(429, headers={"Retry-After": "0"}), Reply(503), Drop())
    run(mode, server.url, get_room, max_retries=3)
    messages = [r.getMessage() for r in caplog.records if r.name == "liveblocks"]
    retries = [m for m in messages if m.startswith("retrying")]
    assert len(retries) == 3
    assert "status 429 (Retry-After: 0)" in retries[0]
    assert "status 503" in retries[1]
    assert "APIConnectionError" in retries[2]
    assert all(f": attempt {i} of 4 " in m for i, m in enumerate(retries, 1))
    # At INFO: seen without turning on DEBUG.
    assert all(r.levelno == logging.INFO for r in caplog.records if r.getMessage() in retries)
    assert any(m.startswith("GET /v2/rooms/r1 -> 200") for m in messages)


@pytest.mark.parametrize("mode", MODES)
def test_unsafe_failure_logged_as_not_retried(
    mode: str, server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="liveblocks")
    server.script(Drop())
    raises(mode, server, update_room)
    assert any("POST is not safe to replay" in r.getMessage() for r in caplog.records)


# --- load and concurrency -------------------------------------------------------------


def one_in_twenty_first_attempts_503(server: FaultServer) -> Any:
    """Every 20th room's first attempt is answered 503; every other answer is the room."""
    seen: Counter[str] = Counter()

    def handler(request: Received) -> Reply:
        room_id = request.last_segment
        seen[room_id] += 1  # one request per room at a time: no race on a room's count
        if int(room_id.removeprefix("room-")) % 20 == 0 and seen[room_id] == 1:
            return Reply(503, headers={"Retry-After": "0"})
        return Reply(200, room_json(room_id))

    return handler


async def test_load_2000_concurrent_async_calls(server: FaultServer) -> None:
    server.handler = one_in_twenty_first_attempts_503(server)
    ids = [f"room-{i}" for i in range(2000)]
    async with AsyncLiveblocks(SECRET, base_url=server.url) as client:
        rooms = await asyncio.gather(*(client.rooms[i].get() for i in ids))
    assert [room.id for room in rooms] == ids
    statuses = Counter(r.last_segment for r in server.requests)
    assert server.count == 2100
    assert all(statuses[i] == (2 if int(i[5:]) % 20 == 0 else 1) for i in ids)


def test_sync_client_shared_between_threads(server: FaultServer) -> None:
    server.handler = one_in_twenty_first_attempts_503(server)
    ids = [f"room-{i}" for i in range(400)]
    with Liveblocks(SECRET, base_url=server.url) as client, ThreadPoolExecutor(16) as pool:
        rooms = list(pool.map(lambda i: client.rooms[i].get(), ids))
    assert [room.id for room in rooms] == ids
    assert server.count == 420


@pytest.mark.parametrize("mode", MODES)
def test_with_options_shares_the_connection_pool(mode: str, server: FaultServer) -> None:
    def calls(client: Any) -> Any:
        if mode == "sync":
            client.rooms["a"].get()
            return client.with_options(timeout=9, max_retries=0).rooms["b"].get()

        async def both() -> Any:
            await client.rooms["a"].get()
            return await client.with_options(timeout=9, max_retries=0).rooms["b"].get()

        return both()

    run(mode, server.url, calls)
    assert [r.last_segment for r in server.requests] == ["a", "b"]
    assert server.requests[0].peer == server.requests[1].peer  # one kept-alive connection
