"""Hostile answers over real sockets, both clients: a body without end, a compression
bomb. Each gives a ResponseTooLargeError, and memory stays near the client's
``max_response_size`` (measured with tracemalloc) while the server would send a GiB.
Compressed answers that are fine decode as before."""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks import Liveblocks, errors
from liveblocks.transports import Response
from liveblocks.transports.mock import MockTransport
from tests.fakes.faultserver import SECRET, FaultServer, Reply, room_json, run

MODES = ["sync", "async"]
MiB = 2**20
#: What the tests allow the client to keep.
CAP = 1 * MiB
#: How much more than the cap one call may allocate, whatever the server sends.
GROWTH_BOUND = 64 * MiB
FILE_ID = "fl_abc123456789012345678"


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


def get_room(client: Any) -> Any:
    return client.rooms["r1"].get()


@functools.lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """About 1 MB of gzip that inflates to 1 GiB of zeros: 1,024 members of 1 MiB each
    (one member of 1 GiB takes seconds to make; a 64 MiB one is below)."""
    return gzip.compress(bytes(MiB), 9) * 1024


@functools.lru_cache(maxsize=1)
def gzip_bomb_one_member() -> bytes:
    """About 64 KB of gzip, one member, that inflates to 64 MiB of zeros: a single read
    off the wire holds all of it."""
    deflate = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MiB)
    return b"".join(deflate.compress(zeros) for _ in range(64)) + deflate.flush()


def endless_body(part_size: int = 64 * 1024, total: int = 2**30) -> Callable[[], Iterator[bytes]]:
    """Parts of a chunked body of ``total`` bytes: as good as endless for a 1 MiB cap."""
    part = b"x" * part_size
    return lambda: itertools.repeat(part, total // part_size)


def peak_growth(fn: Callable[[], Any]) -> tuple[int, BaseException | None]:
    """Run ``fn``; the most memory Python allocated meanwhile, and what it raised."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        raised: BaseException | None = None
        try:
            fn()
        except Exception as exc:  # handed back to the test
            raised = exc
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak - before, raised


# --- the size cap ---------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_an_endless_body_stops_at_the_cap_with_memory_bounded(
    mode: str, server: FaultServer
) -> None:
    server.script(Reply(200, chunks=endless_body(), headers={"Content-Type": "application/json"}))
    growth, raised = peak_growth(
        lambda: run(mode, server.url, get_room, max_response_size=CAP, max_retries=0)
    )
    assert isinstance(raised, errors.ResponseTooLargeError), raised
    assert growth < GROWTH_BOUND, f"{growth / MiB:.0f} MiB allocated"
    assert raised.limit == CAP
    assert (raised.status, raised.method, raised.path) == (200, "GET", "/v2/rooms/r1")
    assert "GET /v2/rooms/r1" in raised.message and "1 MiB (1048576 bytes)" in raised.message
    assert server.count == 1  # not retried: the same answer would come again


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("bomb", "bound"),
    [(gzip_bomb, GROWTH_BOUND), (gzip_bomb_one_member, GROWTH_BOUND // 4)],
    ids=["1GiB-in-members", "64MiB-one-member"],
)
def test_a_gzip_bomb_stops_at_the_cap_with_memory_bounded(
    mode: str, bomb: Callable[[], bytes], bound: int, server: FaultServer
) -> None:
    body = bomb()
    assert len(body) < 2 * MiB
    server.script(
        Reply(200, body, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    )
    growth, raised = peak_growth(
        lambda: run(mode, server.url, get_room, max_response_size=CAP, max_retries=0)
    )
    assert isinstance(raised, errors.ResponseTooLargeError), raised
    assert growth < bound, f"{growth / MiB:.0f} MiB allocated"
    assert raised.limit == CAP


@pytest.mark.parametrize("mode", MODES)
def test_an_error_answer_is_capped_too(mode: str, server: FaultServer) -> None:
    server.script(Reply(500, chunks=endless_body(), headers={"Content-Type": "text/html"}))
    growth, raised = peak_growth(
        lambda: run(mode, server.url, get_room, max_response_size=CAP, max_retries=0)
    )
    assert isinstance(raised, errors.ResponseTooLargeError), raised
    assert raised.status == 500
    assert growth < GROWTH_BOUND


@pytest.mark.parametrize("mode", MODES)
def test_a_stated_length_over_the_cap_is_refused_before_reading(
    mode: str, server: FaultServer
) -> None:
    server.script(Reply(200, b"{}", declared_length=CAP + 1))
    with pytest.raises(errors.ResponseTooLargeError):
        run(mode, server.url, get_room, max_response_size=CAP, max_retries=0)


@pytest.mark.parametrize("mode", MODES)
def test_an_answer_at_the_cap_is_kept(mode: str, server: FaultServer) -> None:
    body = json.dumps(room_json("r1")).encode()
    padded = body[:-1] + b"," + b'"pad":"' + b"p" * (CAP - len(body) - 9) + b'"}'
    assert len(padded) == CAP
    server.script(
        Reply(200, padded), Reply(200, chunks=lambda: [padded[: CAP // 2], padded[CAP // 2 :]])
    )
    for _ in range(2):  # stated length, then chunked
        room = run(mode, server.url, get_room, max_response_size=CAP, max_retries=0)
        assert room.id == "r1"


@pytest.mark.parametrize("mode", MODES)
def test_the_cap_per_call_through_with_options(mode: str, server: FaultServer) -> None:
    body = {"data": [room_json(f"r{i}") for i in range(200)], "nextCursor": None}
    size = len(json.dumps(body))
    server.handler = lambda _: Reply(200, body)

    def calls(client: Any) -> Any:
        assert client.max_response_size == 512 * MiB  # the default
        small = client.with_options(max_response_size=size - 1)
        assert (small.max_response_size, client.max_response_size) == (size - 1, 512 * MiB)
        if mode == "sync":
            with pytest.raises(errors.ResponseTooLargeError):
                small.get_rooms()
            return client.get_rooms()

        async def both() -> Any:
            with pytest.raises(errors.ResponseTooLargeError):
                await small.get_rooms()
            return await client.get_rooms()

        return both()

    page = run(mode, server.url, calls)
    assert len(page.data) == 200


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "1"])
def test_max_response_size_is_checked(bad: Any) -> None:
    with pytest.raises(ValueError, match="max_response_size"):
        Liveblocks(SECRET, max_response_size=bad)
    with Liveblocks(SECRET) as client, pytest.raises(ValueError, match="max_response_size"):
        client.with_options(max_response_size=bad)


def test_a_transport_of_your_own_that_keeps_too_much_is_caught_after() -> None:
    """The requester checks what any transport hands back, so the cap holds with a
    transport that does not read incrementally."""
    transport = MockTransport(lambda _: Response(200, {}, b"[" + b"1," * 600 + b"1]"))
    with Liveblocks(SECRET, transport=transport, max_response_size=1000) as client:
        with pytest.raises(errors.ResponseTooLargeError) as info:
            client.rooms["r1"].get()
    assert info.value.limit == 1000
    (request,) = transport.requests
    assert request.max_size == 1000  # what the transport was asked to keep


# --- downloads --------------------------------------------------------------------------


def _located(server: FaultServer) -> Reply:
    return Reply(
        200,
        {
            "id": FILE_ID,
            "name": "big.bin",
            "size": 3 * MiB,
            "mimeType": "application/octet-stream",
            "url": f"{server.url}/blob?exp=1&sig=f00d",
            "expiresAt": "2026-12-01T20:00:00.000Z",
        },
    )


@pytest.mark.parametrize("mode", MODES)
def test_a_download_into_a_destination_is_not_capped(
    mode: str, server: FaultServer, tmp_path: Path
) -> None:
    data = bytes(range(256)) * (3 * MiB // 256)
    target = tmp_path / "big.bin"
    server.script(_located(server), Reply(200, data))
    written = run(
        mode,
        server.url,
        lambda c: c.rooms["r"].files[FILE_ID].download(target),
        max_response_size=CAP,
    )
    assert written == len(data)
    assert target.read_bytes() == data


@pytest.mark.parametrize("mode", MODES)
def test_a_download_into_memory_is_capped(mode: str, server: FaultServer) -> None:
    server.script(_located(server), Reply(200, chunks=endless_body()))
    growth, raised = peak_growth(
        lambda: run(
            mode,
            server.url,
            lambda c: c.rooms["r"].files[FILE_ID].download(),
            max_response_size=CAP,
            max_retries=0,
        )
    )
    assert isinstance(raised, errors.ResponseTooLargeError), raised
    assert raised.path == "/blob"  # the signed URL's query stays out
    assert "sig=" not in str(raised) + repr(raised)
    assert growth < GROWTH_BOUND


@pytest.mark.parametrize("mode", MODES)
def test_a_compressed_download_is_inflated_into_the_destination(
    mode: str, server: FaultServer, tmp_path: Path
) -> None:
    data = b"row,value\n" * 300_000
    target = tmp_path / "table.csv"
    server.script(
        _located(server), Reply(200, gzip.compress(data), headers={"Content-Encoding": "gzip"})
    )
    written = run(
        mode,
        server.url,
        lambda c: c.rooms["r"].files[FILE_ID].download(target),
        max_response_size=CAP,
    )
    assert written == len(data)
    assert target.read_bytes() == data


# --- compressed answers -----------------------------------------------------------------


def _deflate_raw(data: bytes) -> bytes:
    deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return deflate.compress(data) + deflate.flush()


ROOM = json.dumps(room_json("r1")).encode()
ENCODINGS = [
    pytest.param("gzip", gzip.compress(ROOM), id="gzip"),
    pytest.param("x-gzip", gzip.compress(ROOM), id="x-gzip"),
    pytest.param("gzip", gzip.compress(ROOM[:40]) + gzip.compress(ROOM[40:]), id="gzip-2-members"),
    pytest.param("deflate", zlib.compress(ROOM), id="deflate-zlib"),
    pytest.param("deflate", _deflate_raw(ROOM), id="deflate-raw"),
    pytest.param("gzip, deflate", zlib.compress(gzip.compress(ROOM)), id="gzip-then-deflate"),
    pytest.param("identity", ROOM, id="identity"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("encoding", "body"), ENCODINGS)
@pytest.mark.parametrize("chunked", [False, True], ids=["length", "chunked"])
def test_compressed_answers_decode(
    mode: str, encoding: str, body: bytes, chunked: bool, server: FaultServer
) -> None:
    headers = {"Content-Encoding": encoding, "Content-Type": "application/json"}
    if chunked:  # a byte at a time: every split of the compressed stream
        server.script(
            Reply(200, chunks=lambda: [body[i : i + 1] for i in range(len(body))], headers=headers)
        )
    else:
        server.script(Reply(200, body, headers=headers))
    assert run(mode, server.url, get_room, max_retries=0).id == "r1"
    assert "gzip" in server.requests[0].headers["accept-encoding"]


@pytest.mark.parametrize("mode", MODES)
def test_a_damaged_gzip_answer_is_a_connection_error(mode: str, server: FaultServer) -> None:
    damaged = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 40
    server.script(Reply(200, damaged, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(errors.APIConnectionError) as info:
        run(mode, server.url, get_room, max_retries=0)
    assert "gzip" in info.value.message
    assert info.value.path == "/v2/rooms/r1"
